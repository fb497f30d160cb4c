"""Turns the keyword arguments of ``update_auth_event_feedback`` into the C request struct.

Checks what only Python can get wrong (missing or unknown members, types, NUL characters, text
that is not valid Unicode, the FeedbackValue enum) and reports it as botocore does. The model's
length and pattern constraints are checked by the library, which names the member too.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ._native import CognitoFeedbackRequest, FeedbackValue
from .exceptions import ParamValidationError

#: The request members, in the model's order.
MEMBERS = ("UserPoolId", "Username", "EventId", "FeedbackToken", "FeedbackValue")

#: Members whose values are secrets: never echoed in an error.
SENSITIVE = frozenset({"Username", "FeedbackToken"})

#: FeedbackValue's wire values and their C numbers.
FEEDBACK_VALUES = {"Valid": FeedbackValue.VALID, "Invalid": FeedbackValue.INVALID}


def _shown(member: str, value: Any) -> str:
    """``, value: X`` for a member whose value may be shown, else nothing."""
    return "" if member in SENSITIVE else f", value: {value!r}"


def _encode(member: str, value: Any, problems: List[Tuple[str, str]]) -> Optional[bytes]:
    """The UTF-8 bytes of a str member, or None after recording why it cannot be sent."""
    if not isinstance(value, str):
        problems.append(
            (
                member,
                f"Invalid type for parameter {member}{_shown(member, value)}, "
                f"type: {type(value)}, valid types: {str!r}",
            )
        )
        return None
    if "\x00" in value:
        problems.append((member, f"Invalid value for parameter {member}: it contains a NUL character"))
        return None
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as error:
        problems.append(
            (
                member,
                f"Invalid value for parameter {member}: it is not valid Unicode text "
                f"(a lone surrogate at index {error.start})",
            )
        )
        return None


def build_request(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> CognitoFeedbackRequest:
    """The C request for these arguments.

    Raises ``TypeError`` for positional arguments (as boto3 does) and
    :class:`ParamValidationError` listing every problem, its ``field`` set to the first member at
    fault.
    """
    if args:
        raise TypeError("update_auth_event_feedback() only accepts keyword arguments.")
    problems: List[Tuple[str, str]] = []
    for name in kwargs:
        if name not in MEMBERS:
            problems.append(("", f'Unknown parameter in input: "{name}", must be one of: {", ".join(MEMBERS)}'))
    encoded: Dict[str, Optional[bytes]] = {}
    for member in MEMBERS:
        if member not in kwargs:
            problems.append((member, f'Missing required parameter in input: "{member}"'))
            continue
        encoded[member] = _encode(member, kwargs[member], problems)
    feedback_value = kwargs.get("FeedbackValue")
    if encoded.get("FeedbackValue") is not None and feedback_value not in FEEDBACK_VALUES:
        problems.append(
            (
                "FeedbackValue",
                f"Invalid value for parameter FeedbackValue, value: {feedback_value!r}, "
                f"valid values: {', '.join(FEEDBACK_VALUES)}",
            )
        )
    if problems:
        field = next((member for member, _ in problems if member), None)
        raise ParamValidationError("\n".join(text for _, text in problems), field=field)
    return CognitoFeedbackRequest(
        user_pool_id=encoded["UserPoolId"],
        username=encoded["Username"],
        event_id=encoded["EventId"],
        feedback_token=encoded["FeedbackToken"],
        feedback_value=FEEDBACK_VALUES[kwargs["FeedbackValue"]],
    )
