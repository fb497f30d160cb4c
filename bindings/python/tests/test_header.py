"""The ctypes declarations match include/cognito_feedback.h, function by function."""

from __future__ import annotations

import ctypes
from typing import Any, List, Tuple

import pytest
from cheader import CType, Header, parse
from conftest import HEADER

import cognito_feedback
from cognito_feedback import _loader, _native
from cognito_feedback._logging import LEVELS

_SCALARS = {
    "void": None,
    "bool": ctypes.c_bool,
    "_Bool": ctypes.c_bool,
    "char": ctypes.c_char,
    "uint8_t": ctypes.c_uint8,
    "uint16_t": ctypes.c_uint16,
    "uint32_t": ctypes.c_uint32,
    "uint64_t": ctypes.c_uint64,
    "int8_t": ctypes.c_int8,
    "int16_t": ctypes.c_int16,
    "int32_t": ctypes.c_int32,
    "int64_t": ctypes.c_int64,
    "size_t": ctypes.c_size_t,
    "int": ctypes.c_int,
    "unsigned int": ctypes.c_uint,
}


@pytest.fixture(scope="module")
def header() -> Header:
    assert HEADER.is_file(), f"the generated header is missing: {HEADER}"
    return parse(HEADER)


def to_ctypes(header: Header, ctype: CType) -> Any:
    """The ctypes type a C type must be declared as."""
    base, pointers = ctype.base, ctype.pointers
    while base in header.aliases:
        target = header.aliases[base]
        base, pointers = target.base, pointers + target.pointers
    if base in header.callbacks:
        assert pointers == 0, f"pointer to a callback type: {ctype}"
        return getattr(_native, base.removeprefix("Cognito"))
    if pointers and base == "char":
        result, pointers = ctypes.c_char_p, pointers - 1
    elif pointers and base == "void":
        result, pointers = ctypes.c_void_p, pointers - 1
    elif base in _SCALARS:
        result = _SCALARS[base]
    else:
        result = getattr(_native, base, None)
        assert isinstance(result, type) and issubclass(result, ctypes.Structure), f"no ctypes type for {base}"
    for _ in range(pointers):
        result = ctypes.POINTER(result)
    return result


def expected(header: Header, name: str) -> Tuple[Any, List[Any]]:
    function = header.functions[name]
    return to_ctypes(header, function.returns), [to_ctypes(header, t) for _, t in function.params]


def test_the_header_declares_functions(header: Header) -> None:
    assert len(header.functions) >= 30, sorted(header.functions)


def test_every_header_function_is_declared_in_python_and_nothing_else(header: Header) -> None:
    assert sorted(_native.FUNCTIONS) == sorted(header.functions)


def test_every_declaration_has_the_headers_types(header: Header) -> None:
    mismatches = {
        name: {"header": expected(header, name), "python": _native.FUNCTIONS[name]}
        for name in header.functions
        if _native.FUNCTIONS.get(name) != expected(header, name)
    }
    assert mismatches == {}


def test_the_loaded_library_has_argtypes_and_restype_on_every_function(header: Header) -> None:
    library = _loader.library()
    for name in header.functions:
        function = getattr(library, name)
        restype, argtypes = expected(header, name)
        assert function.restype is restype, name
        assert function.argtypes == argtypes, name


def test_the_log_callback_type_matches_the_typedef(header: Header) -> None:
    ((name, (returns, params)),) = [(n, c) for n, c in header.callbacks.items() if "Log" in n]
    assert name == "CognitoLogCallback"
    assert to_ctypes(header, returns) is _native.LogCallback._restype_
    assert [to_ctypes(header, t) for _, t in params] == list(_native.LogCallback._argtypes_)


def test_the_request_struct_has_the_headers_fields(header: Header) -> None:
    fields = [(name, to_ctypes(header, t)) for name, t in header.structs["CognitoFeedbackRequest"]]
    assert fields == list(_native.CognitoFeedbackRequest._fields_)


def test_every_opaque_handle_has_a_ctypes_type(header: Header) -> None:
    for name in header.opaque:
        assert issubclass(getattr(_native, name), ctypes.Structure), name


def _constants(header: Header, enum: str, prefix: str) -> dict:
    """The constants of a header enum, without their prefix."""
    values = header.enums[enum]
    assert all(name.startswith(prefix) for name in values), values
    return {name[len(prefix) :]: value for name, value in values.items()}


def test_status_values_match_the_header(header: Header) -> None:
    statuses = _constants(header, "CognitoStatus", "COGNITO_")
    assert statuses == {status.name: status.value for status in _native.Status}


def test_status_names_come_from_the_library() -> None:
    library = _loader.library()
    for status in _native.Status:
        assert library.cognito_status_name(status) == f"COGNITO_{status.name}".encode()


def test_the_library_tells_service_errors_apart() -> None:
    library = _loader.library()
    for status in _native.Status:
        assert library.cognito_status_is_service_error(status) is (1 <= status <= 9), status
    assert library.cognito_status_is_service_error(108) is False


def test_feedback_values_match_the_header(header: Header) -> None:
    assert _constants(header, "CognitoFeedbackValue", "COGNITO_FEEDBACK_") == {
        v.name: v.value for v in _native.FeedbackValue
    }


def test_retry_modes_match_the_header(header: Header) -> None:
    assert _constants(header, "CognitoRetryMode", "COGNITO_RETRY_") == {m.name: m.value for m in _native.RetryMode}


def test_timeout_phases_match_the_header(header: Header) -> None:
    assert _constants(header, "CognitoTimeoutPhase", "COGNITO_TIMEOUT_PHASE_") == {
        p.name: p.value for p in _native.TimeoutPhase
    }


def test_log_levels_match_the_header(header: Header) -> None:
    assert sorted(header.enums["CognitoLogLevel"].values()) == sorted(LEVELS)


def test_the_package_version_is_the_headers(header: Header) -> None:
    parts = [header.defines[f"COGNITO_FEEDBACK_VERSION_{part}"] for part in ("MAJOR", "MINOR", "PATCH")]
    assert cognito_feedback.__version__ == ".".join(map(str, parts))
