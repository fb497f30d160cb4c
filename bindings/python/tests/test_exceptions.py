"""The exception classes: botocore's names, shapes and messages."""

from __future__ import annotations

import pickle
from typing import Any, Dict, Optional

import pytest

import cognito_feedback
from cognito_feedback import exceptions
from cognito_feedback._errors import header_dict, response_metadata, service_error

MODELED = [
    "InvalidParameterException",
    "ResourceNotFoundException",
    "TooManyRequestsException",
    "NotAuthorizedException",
    "UserNotFoundException",
    "UserPoolAddOnNotEnabledException",
    "OperationNotEnabledException",
    "InternalErrorException",
]


def metadata(request_id: Optional[str], http_status: int, attempts: int, max_attempts: int = 5) -> Dict[str, Any]:
    """ResponseMetadata for a response that carried only its request id header."""
    headers = {} if request_id is None else {"x-amzn-requestid": request_id}
    return response_metadata(request_id, http_status, headers, attempts, max_attempts)


@pytest.mark.parametrize("name", MODELED)
def test_every_modeled_error_is_a_client_error_on_the_module_and_on_clients(name: str) -> None:
    cls = getattr(exceptions, name)
    assert issubclass(cls, exceptions.ClientError)
    assert getattr(cognito_feedback.Client.exceptions, name) is cls
    assert exceptions.MODELED_ERRORS[name] is cls


def test_client_exceptions_also_has_client_error() -> None:
    assert cognito_feedback.Client.exceptions.ClientError is exceptions.ClientError


def test_a_service_error_has_botocores_response_and_message() -> None:
    error = service_error(
        code="InvalidParameterException",
        message="Feedback for this event cannot be updated.",
        reason_code="INVALID_FEEDBACK_STATE",
        metadata=metadata("rid-1", 400, 1),
    )
    assert type(error) is exceptions.InvalidParameterException
    assert error.operation_name == "UpdateAuthEventFeedback"
    assert error.response == {
        "Error": {"Message": "Feedback for this event cannot be updated.", "Code": "InvalidParameterException"},
        "ResponseMetadata": {
            "RequestId": "rid-1",
            "HTTPStatusCode": 400,
            "HTTPHeaders": {"x-amzn-requestid": "rid-1"},
            "RetryAttempts": 0,
        },
        "message": "Feedback for this event cannot be updated.",
        "reasonCode": "INVALID_FEEDBACK_STATE",
    }
    assert str(error) == (
        "An error occurred (InvalidParameterException) when calling the UpdateAuthEventFeedback "
        "operation: Feedback for this event cannot be updated."
    )


def test_retry_attempts_count_retries_not_attempts() -> None:
    error = service_error("InternalErrorException", "boom", None, metadata("rid", 500, 2, max_attempts=3))
    assert error.response["ResponseMetadata"]["RetryAttempts"] == 1
    assert "MaxAttemptsReached" not in error.response["ResponseMetadata"]
    assert "reasonCode" not in error.response
    assert "reached max retries" not in str(error)


def test_the_last_allowed_attempt_says_max_retries_were_reached_as_botocore_does() -> None:
    error = service_error("InternalErrorException", "boom", None, metadata("rid", 500, 3, max_attempts=3))
    assert error.response["ResponseMetadata"]["MaxAttemptsReached"] is True
    assert error.response["ResponseMetadata"]["RetryAttempts"] == 2
    assert str(error) == (
        "An error occurred (InternalErrorException) when calling the UpdateAuthEventFeedback operation "
        "(reached max retries: 2): boom"
    )


def test_header_lines_become_botocores_http_headers() -> None:
    assert header_dict(None) == {}
    assert header_dict(b"") == {}
    assert header_dict(b"x-amzn-requestid: r1\ncontent-type: text/html; charset=utf-8\nvia: a\nvia: b\n") == {
        "x-amzn-requestid": "r1",
        "content-type": "text/html; charset=utf-8",
        "via": "a, b",
    }


def test_from_code_gives_the_modeled_class_or_client_error() -> None:
    found = cognito_feedback.Client.exceptions.from_code
    assert found("UserNotFoundException") is exceptions.UserNotFoundException
    assert found("FeedbackGremlinException") is exceptions.ClientError


def test_a_local_validation_error_is_also_the_services_invalid_parameter_exception() -> None:
    error = exceptions.InvalidParameterValidationError("Username: longer than 128", field="Username")
    assert isinstance(error, exceptions.ParamValidationError)
    assert isinstance(error, cognito_feedback.Client.exceptions.InvalidParameterException)
    assert isinstance(error, exceptions.BotoCoreError)
    assert str(error) == "Parameter validation failed:\nUsername: longer than 128"
    assert error.field == "Username"
    assert error.operation_name == "UpdateAuthEventFeedback"
    assert error.response == {
        "Error": {"Code": "InvalidParameterException", "Message": "Username: longer than 128"},
        "ResponseMetadata": {"HTTPHeaders": {}, "RetryAttempts": 0},
    }


def test_botocores_local_error_names_are_there() -> None:
    for local in (
        exceptions.ParamValidationError,
        exceptions.InvalidConfigError,
        exceptions.NoRegionError,
        exceptions.ProfileNotFound,
        exceptions.EndpointConnectionError,
        exceptions.SSLError,
        exceptions.ConnectTimeoutError,
        exceptions.ReadTimeoutError,
        exceptions.ResponseParserError,
    ):
        assert issubclass(local, exceptions.BotoCoreError), local
    assert not issubclass(exceptions.ClientError, exceptions.BotoCoreError)
    assert str(exceptions.NoRegionError()) == "You must specify a region."
    assert issubclass(exceptions.SSLError, exceptions.EndpointConnectionError)


def test_an_unknown_code_is_a_plain_client_error_with_the_code_intact() -> None:
    error = service_error("FeedbackGremlinException", "never heard of it", None, metadata(None, 400, 1))
    assert type(error) is exceptions.ClientError
    assert error.response == {
        "Error": {"Message": "never heard of it", "Code": "FeedbackGremlinException"},
        "ResponseMetadata": {"HTTPStatusCode": 400, "HTTPHeaders": {}, "RetryAttempts": 0},
    }


@pytest.mark.parametrize(
    "error",
    [
        service_error("UserNotFoundException", "User does not exist.", None, metadata("rid", 400, 1)),
        service_error("FeedbackGremlinException", "?", None, metadata("rid", 400, 3, max_attempts=3)),
        exceptions.ParamValidationError("Invalid length for parameter EventId", field="EventId"),
        exceptions.InvalidParameterValidationError("EventId: too long", field="EventId"),
        exceptions.NoRegionError(),
        exceptions.ProfileNotFound("The config profile (prod) could not be found", profile="prod"),
        exceptions.SSLError("SSL validation failed", "https://127.0.0.1:1", 1),
        exceptions.InvalidConfigError("bad region"),
        exceptions.EndpointConnectionError("refused", "http://127.0.0.1:1", 3),
        exceptions.ReadTimeoutError("slow", "http://127.0.0.1:1", 1),
        exceptions.ConnectTimeoutError("slow", "http://127.0.0.1:1", 1),
        exceptions.ResponseParserError("not JSON", "http://127.0.0.1:1", 1),
        exceptions.OperationCancelledError("cancelled", 1),
    ],
    ids=lambda e: type(e).__name__,
)
def test_every_exception_survives_pickling(error: Exception) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__


def test_timeouts_are_builtin_timeout_errors_too() -> None:
    error = exceptions.ReadTimeoutError("slow", "http://127.0.0.1:1", 1)
    assert isinstance(error, TimeoutError)
    assert isinstance(error, exceptions.HTTPClientError)
    assert str(error) == "slow"
    assert issubclass(exceptions.ConnectTimeoutError, TimeoutError)


def test_every_exception_derives_from_the_package_root() -> None:
    for value in vars(exceptions).values():
        if isinstance(value, type) and issubclass(value, BaseException):
            assert issubclass(value, exceptions.CognitoFeedbackError), value
