"""Turns the keyword arguments of ``update_auth_event_feedback`` into the C request struct.

Checks what only Python can get wrong (missing or unknown members, types, NUL characters, text
that is not valid Unicode, the FeedbackValue enum) and reports it as botocore does. The model's
length and pattern constraints are checked by the library, which names the member too.

Each member has one check (:data:`_CHECKS`). A call with good arguments runs them once and gets
its struct; anything else runs them again, with the checks of the argument list itself, to
report every problem at once.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, NoReturn, Tuple, Union

from ._native import CognitoFeedbackRequest, FeedbackValue
from .exceptions import ParamValidationError

#: Members whose values are secrets: never echoed in an error.
SENSITIVE = frozenset({"Username", "FeedbackToken"})

#: FeedbackValue's wire values and their C numbers (plain ints: cheaper to store in the struct).
FEEDBACK_VALUES = {"Valid": int(FeedbackValue.VALID), "Invalid": int(FeedbackValue.INVALID)}


class _Invalid(Exception):
    """A member's value cannot be sent; the text is botocore's report of it."""


def _shown(member: str, value: Any) -> str:
    """``, value: X`` for a member whose value may be shown, else nothing."""
    return "" if member in SENSITIVE else f", value: {value!r}"


def _text(member: str, value: Any) -> bytes:
    """A string member's NUL-terminable UTF-8 bytes; raises :class:`_Invalid` for anything else."""
    if not isinstance(value, str):
        raise _Invalid(
            f"Invalid type for parameter {member}{_shown(member, value)}, type: {type(value)}, valid types: {str!r}"
        )
    if "\x00" in value:
        raise _Invalid(f"Invalid value for parameter {member}: it contains a NUL character")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _Invalid(
            f"Invalid value for parameter {member}: it is not valid Unicode text "
            f"(a lone surrogate at index {error.start})"
        ) from None


def _feedback_value(member: str, value: Any) -> int:
    """FeedbackValue's C number; raises :class:`_Invalid` for a value that is not one of the enum's."""
    number = FEEDBACK_VALUES.get(value) if isinstance(value, str) else None
    if number is None:
        _text(member, value)  # a value that is no text at all is reported as such
        raise _Invalid(
            f"Invalid value for parameter {member}, value: {value!r}, valid values: {', '.join(FEEDBACK_VALUES)}"
        )
    return number


#: The request members in the model's (and the C struct's) order, each with its one check: the
#: value as the struct stores it, or :class:`_Invalid`.
_CHECKS: Tuple[Tuple[str, Callable[[str, Any], Union[bytes, int]]], ...] = (
    ("UserPoolId", _text),
    ("Username", _text),
    ("EventId", _text),
    ("FeedbackToken", _text),
    ("FeedbackValue", _feedback_value),
)

#: The request members, in the model's order.
MEMBERS = tuple(member for member, _ in _CHECKS)


def build_request(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> CognitoFeedbackRequest:
    """The C request for these arguments.

    Raises ``TypeError`` for positional arguments (as boto3 does) and
    :class:`ParamValidationError` listing every problem, its ``field`` set to the first member at
    fault.
    """
    if not args and len(kwargs) == len(_CHECKS):
        try:
            # A plain loop: cheaper than a list comprehension on this, the hot path.
            values = []
            for member, check in _CHECKS:
                values.append(check(member, kwargs[member]))
            return CognitoFeedbackRequest(*values)
        except (KeyError, _Invalid):  # a member is missing or wrong: reported with all the rest
            pass
    _refuse(args, kwargs)


def _refuse(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> NoReturn:
    """Raises the error for arguments :func:`build_request` cannot send, naming every problem."""
    if args:
        raise TypeError("update_auth_event_feedback() only accepts keyword arguments.")
    problems: List[Tuple[str, str]] = [
        ("", f'Unknown parameter in input: "{name}", must be one of: {", ".join(MEMBERS)}')
        for name in kwargs
        if name not in MEMBERS
    ]
    for member, check in _CHECKS:
        if member not in kwargs:
            problems.append((member, f'Missing required parameter in input: "{member}"'))
            continue
        try:
            check(member, kwargs[member])
        except _Invalid as problem:
            problems.append((member, str(problem)))
    field = next((member for member, _ in problems if member), None)
    raise ParamValidationError("\n".join(text for _, text in problems), field=field)
