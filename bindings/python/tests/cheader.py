"""A small reader of the generated C header: functions, typedefs, enums, #defines and structs.

Just enough C for what cbindgen writes into include/cognito_feedback.h, so the tests can hold the
ctypes declarations to the header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

_IDENT = r"[A-Za-z_]\w*"


@dataclass
class CType:
    """A C type reduced to what matters for ctypes: its base name and how many pointers deep."""

    base: str
    pointers: int

    @staticmethod
    def parse(text: str) -> "CType":
        text = text.replace("*", " * ")
        words = [w for w in text.split() if w not in ("const", "struct", "enum", "volatile", "restrict")]
        pointers = words.count("*")
        base = " ".join(w for w in words if w != "*")
        return CType(base, pointers)


@dataclass
class Function:
    """A declared function: return type and parameters (name, type)."""

    name: str
    returns: CType
    params: List[Tuple[str, CType]]


@dataclass
class Header:
    """Everything the tests compare with the Python declarations."""

    functions: Dict[str, Function] = field(default_factory=dict)
    #: typedef name -> the type it names (``typedef uint32_t CognitoStatus`` -> uint32_t).
    aliases: Dict[str, CType] = field(default_factory=dict)
    #: opaque struct names (``typedef struct CognitoClient CognitoClient``).
    opaque: List[str] = field(default_factory=list)
    #: function pointer typedefs: name -> (return type, parameters).
    callbacks: Dict[str, Tuple[CType, List[Tuple[str, CType]]]] = field(default_factory=dict)
    #: enum name -> {constant: value}.
    enums: Dict[str, Dict[str, int]] = field(default_factory=dict)
    #: ``#define NAME number`` constants.
    defines: Dict[str, int] = field(default_factory=dict)
    #: struct name -> fields (name, type), for structs with a body.
    structs: Dict[str, List[Tuple[str, CType]]] = field(default_factory=dict)


def _params(text: str) -> List[Tuple[str, CType]]:
    text = text.strip()
    if text in ("", "void"):
        return []
    params = []
    for part in text.split(","):
        match = re.match(rf"^(.*?)({_IDENT})\s*$", part.strip(), re.S)
        if match is None:
            raise ValueError(f"cannot read the parameter {part!r}")
        params.append((match.group(2), CType.parse(match.group(1))))
    return params


def _number(text: str) -> Optional[int]:
    text = text.strip().rstrip("uUlL")
    try:
        return int(text, 0)
    except ValueError:
        return None


def parse(path: Path) -> Header:
    """Reads the header at ``path``."""
    source = path.read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/", " ", source, flags=re.S)
    source = re.sub(r"//[^\n]*", " ", source)
    header = Header()
    for match in re.finditer(rf"^\s*#\s*define\s+({_IDENT})\s+\(?([^\s)]+)\)?\s*$", source, re.M):
        value = _number(match.group(2))
        if value is not None:
            header.defines[match.group(1)] = value
    source = re.sub(r"^\s*#[^\n]*", " ", source, flags=re.M)
    source = source.replace('extern "C"', " ")

    for match in re.finditer(rf"\benum\s+({_IDENT})\s*(?::\s*{_IDENT}\s*)?\{{([^}}]*)\}}", source):
        values: Dict[str, int] = {}
        next_value = 0
        for entry in match.group(2).split(","):
            entry = entry.strip()
            if not entry:
                continue
            name, _, value = entry.partition("=")
            parsed = _number(value) if value else next_value
            if parsed is None:
                raise ValueError(f"cannot read the enum value {entry!r}")
            values[name.strip()] = parsed
            next_value = parsed + 1
        header.enums[match.group(1)] = values

    for match in re.finditer(rf"\bstruct\s+({_IDENT})\s*\{{([^}}]*)\}}", source):
        fields = []
        for declaration in match.group(2).split(";"):
            if declaration.strip():
                fields.extend(_params(declaration))
        header.structs[match.group(1)] = fields
    # With the bodies read, drop them so that only declarations remain.
    source = re.sub(rf"\b(struct|enum)\s+({_IDENT})\s*(?::\s*{_IDENT}\s*)?\{{[^{{}}]*\}}", r"\1 \2", source)

    for statement in source.split(";"):
        statement = " ".join(statement.replace("{", " ").replace("}", " ").split())
        if not statement:
            continue
        callback = re.match(rf"^typedef (.*?)\(\s*\*\s*({_IDENT})\s*\)\s*\((.*)\)$", statement)
        if callback:
            header.callbacks[callback.group(2)] = (CType.parse(callback.group(1)), _params(callback.group(3)))
            continue
        opaque = re.match(rf"^typedef struct ({_IDENT}) ({_IDENT})$", statement)
        if opaque:
            header.opaque.append(opaque.group(2))
            continue
        alias = re.match(rf"^typedef (.*?)({_IDENT})$", statement)
        if alias:
            target = CType.parse(alias.group(1))
            if target.base != alias.group(2):  # `typedef enum X X` (C23) names no other type
                header.aliases[alias.group(2)] = target
            continue
        function = re.match(rf"^(.*?)\b({_IDENT})\s*\((.*)\)$", statement)
        if function:
            name = function.group(2)
            header.functions[name] = Function(name, CType.parse(function.group(1)), _params(function.group(3)))
    return header
