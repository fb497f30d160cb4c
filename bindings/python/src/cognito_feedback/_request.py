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


#: FeedbackValue's wire values and their C numbers as plain ints (cheaper to store in the struct).
_FEEDBACK_NUMBERS = {name: int(number) for name, number in FEEDBACK_VALUES.items()}


def build_request(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> CognitoFeedbackRequest:
    """The C request for these arguments.

    Raises ``TypeError`` for positional arguments (as boto3 does) and
    :class:`ParamValidationError` listing every problem, its ``field`` set to the first member at
    fault.
    """
    # The common case, checked with as little work as possible: exactly the five members, each a
    # str (not a subclass) without NUL, and a known FeedbackValue. Anything else, or text that is
    # not valid Unicode, takes the full check, which reports every problem.
    if not args and len(kwargs) == 5:
        try:
            user_pool_id = kwargs["UserPoolId"]
            username = kwargs["Username"]
            event_id = kwargs["EventId"]
            feedback_token = kwargs["FeedbackToken"]
            feedback_value = kwargs["FeedbackValue"]
        except KeyError:  # a member is missing
            pass
        else:
            if (
                type(user_pool_id) is str
                and type(username) is str
                and type(event_id) is str
                and type(feedback_token) is str
                and type(feedback_value) is str
                and "\x00" not in user_pool_id
                and "\x00" not in username
                and "\x00" not in event_id
                and "\x00" not in feedback_token
                and feedback_value in _FEEDBACK_NUMBERS
            ):
                try:
                    return CognitoFeedbackRequest(
                        user_pool_id.encode("utf-8"),
                        username.encode("utf-8"),
                        event_id.encode("utf-8"),
                        feedback_token.encode("utf-8"),
                        _FEEDBACK_NUMBERS[feedback_value],
                    )
                except UnicodeEncodeError:  # a lone surrogate: the full check names it
                    pass
    return _checked_request(args, kwargs)


def _checked_request(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> CognitoFeedbackRequest:
    """:func:`build_request` for arguments that may be wrong: checks everything, reports all."""
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
