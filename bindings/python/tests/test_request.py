"""Python-side checks of the call's arguments, reported as botocore reports them."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from cognito_feedback import ParamValidationError
from cognito_feedback._native import FeedbackValue
from cognito_feedback._request import build_request

GOOD: Dict[str, Any] = dict(
    UserPoolId="us-east-1_PlusPool1",
    Username="alice",
    EventId="evt-alice-1",
    FeedbackToken="tok-alice-1.AbC=",
    FeedbackValue="Valid",
)


def with_(**changes: Any) -> Dict[str, Any]:
    arguments = dict(GOOD)
    arguments.update(changes)
    return {k: v for k, v in arguments.items() if v is not ...}


def test_a_good_request_becomes_the_c_struct_in_utf8() -> None:
    request = build_request((), with_(Username="山田太郎", FeedbackValue="Invalid"))
    assert request.user_pool_id == b"us-east-1_PlusPool1"
    assert request.username == "山田太郎".encode("utf-8")
    assert request.event_id == b"evt-alice-1"
    assert request.feedback_token == b"tok-alice-1.AbC="
    assert request.feedback_value == FeedbackValue.INVALID


def test_positional_arguments_are_refused_as_boto3_refuses_them() -> None:
    with pytest.raises(TypeError, match=r"only accepts keyword arguments"):
        build_request(("us-east-1_PlusPool1",), {})


def test_missing_members_are_each_named() -> None:
    with pytest.raises(ParamValidationError) as caught:
        build_request((), with_(Username=..., FeedbackToken=...))
    assert caught.value.field == "Username"
    assert str(caught.value) == (
        "Parameter validation failed:\n"
        'Missing required parameter in input: "Username"\n'
        'Missing required parameter in input: "FeedbackToken"'
    )


def test_an_unknown_member_is_named_with_the_valid_ones() -> None:
    with pytest.raises(ParamValidationError) as caught:
        build_request((), with_(Feedback="Valid"))
    assert caught.value.report == (
        'Unknown parameter in input: "Feedback", must be one of: '
        "UserPoolId, Username, EventId, FeedbackToken, FeedbackValue"
    )
    assert caught.value.field is None


def test_a_non_str_member_is_a_type_error_naming_it() -> None:
    with pytest.raises(ParamValidationError) as caught:
        build_request((), with_(EventId=42))
    assert caught.value.field == "EventId"
    assert caught.value.report == (
        "Invalid type for parameter EventId, value: 42, type: <class 'int'>, valid types: <class 'str'>"
    )


@pytest.mark.parametrize("member", ["Username", "FeedbackToken"])
def test_a_secret_members_value_is_never_echoed(member: str) -> None:
    secret = b"hunter2-secret"
    with pytest.raises(ParamValidationError) as caught:
        build_request((), with_(**{member: secret}))
    assert caught.value.field == member
    assert "hunter2" not in str(caught.value)
    assert "<class 'bytes'>" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "report"),
    [(value, f"Invalid value for parameter FeedbackValue, value: {value!r}, valid values: Valid, Invalid")
     for value in ["valid", "VALID", "Maybe", ""]]
    # A value that is no text at all is a type error, not an unknown value.
    + [
        (value, f"Invalid type for parameter FeedbackValue, value: {value!r}, type: {type(value)}, valid types: {str}")
        for value in [1, ["Valid"], None]
    ],
)
def test_feedback_value_must_be_valid_or_invalid(value: Any, report: str) -> None:
    with pytest.raises(ParamValidationError) as caught:
        build_request((), with_(FeedbackValue=value))
    assert caught.value.field == "FeedbackValue"
    assert caught.value.report == report


def test_a_nul_character_is_refused_rather_than_truncating_the_value() -> None:
    with pytest.raises(ParamValidationError) as caught:
        build_request((), with_(Username="alice\x00mallory"))
    assert caught.value.field == "Username"
    assert "NUL" in caught.value.report
    assert "mallory" not in str(caught.value)


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(ParamValidationError) as caught:
        build_request((), with_(EventId="evt-\ud800"))
    assert caught.value.field == "EventId"
    assert caught.value.report == (
        "Invalid value for parameter EventId: it is not valid Unicode text (a lone surrogate at index 4)"
    )


def test_every_problem_is_reported_at_once_and_the_first_member_is_the_field() -> None:
    with pytest.raises(ParamValidationError) as caught:
        build_request((), with_(UserPoolId=None, FeedbackValue="Nope", Extra=1))
    lines = caught.value.report.splitlines()
    assert len(lines) == 3
    assert caught.value.field == "UserPoolId"


def test_str_subclasses_are_accepted() -> None:
    class Name(str):
        pass

    assert build_request((), with_(Username=Name("alice"))).username == b"alice"
