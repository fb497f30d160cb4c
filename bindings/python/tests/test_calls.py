"""Calls against the emulator: success, every modeled error, validation, non-ASCII, failures."""

from __future__ import annotations

import json
import socket
from typing import Any, Dict

import pytest
from conftest import ALICE, FIXTURE, POOL, Emulator, make_client

import cognito_feedback
from cognito_feedback import exceptions

#: The fixture's scripted EventIds that answer with an error code.
SCRIPTED: Dict[str, Dict[str, Any]] = {
    event_id: answer
    for event_id, answer in json.loads(FIXTURE.read_text(encoding="utf-8"))["scripted"].items()
    if "code" in answer
}


def test_success_has_boto3s_response_shape_and_the_feedback_is_recorded(
    client: cognito_feedback.Client, emulator: Emulator
) -> None:
    response = client.update_auth_event_feedback(
        UserPoolId=POOL,
        Username="alice",
        EventId="evt-alice-1",
        FeedbackToken="tok-alice-1.AbC=",
        FeedbackValue="Valid",
    )
    metadata = response["ResponseMetadata"]
    assert set(response) == {"ResponseMetadata"}
    # One attempt allowed and made: botocore's standard mode says MaxAttemptsReached then, also
    # on a success.
    assert set(metadata) == {"RequestId", "HTTPStatusCode", "HTTPHeaders", "RetryAttempts", "MaxAttemptsReached"}
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RetryAttempts"] == 0
    assert metadata["MaxAttemptsReached"] is True
    assert isinstance(metadata["RequestId"], str) and metadata["RequestId"]
    # Every header the service sent, names lowercase, as botocore reports them; the body is {}.
    assert metadata["HTTPHeaders"] == {
        "content-type": "application/x-amz-json-1.1",
        "content-length": "2",
        "x-amzn-requestid": metadata["RequestId"],
    }
    assert emulator.last_feedback("alice", "evt-alice-1")["feedback_value"] == "Valid"

    client.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Invalid", **ALICE)
    assert emulator.last_feedback("alice", "evt-alice-1")["feedback_value"] == "Invalid"


def test_every_request_gets_its_own_request_id(client: cognito_feedback.Client) -> None:
    ids = {
        client.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE)["ResponseMetadata"][
            "RequestId"
        ]
        for _ in range(3)
    }
    assert len(ids) == 3


@pytest.mark.parametrize(
    "username, event_id, token",
    [
        ("Zoë", "evt-zoe-1", "tok-zoe-1.GhI="),
        ("山田太郎", "evt-taro-1", "tok-taro-1.JkL="),
        ("🦀crab", "evt-crab-1", "tok-crab-1.MnO="),
    ],
)
def test_non_ascii_usernames_cross_intact(
    client: cognito_feedback.Client, emulator: Emulator, username: str, event_id: str, token: str
) -> None:
    response = client.update_auth_event_feedback(
        UserPoolId=POOL, Username=username, EventId=event_id, FeedbackToken=token, FeedbackValue="Invalid"
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert emulator.last_feedback(username, event_id)["feedback_value"] == "Invalid"


@pytest.mark.parametrize("event_id", sorted(SCRIPTED))
def test_every_scripted_service_error_arrives_as_botocore_would_raise_it(
    client: cognito_feedback.Client, event_id: str
) -> None:
    answer = SCRIPTED[event_id]
    with pytest.raises(exceptions.ClientError) as caught:
        client.update_auth_event_feedback(EventId=event_id, FeedbackValue="Valid", **ALICE)
    error = caught.value
    expected_class = exceptions.MODELED_ERRORS.get(answer["code"], exceptions.ClientError)
    assert type(error) is expected_class
    if expected_class is not exceptions.ClientError:
        assert isinstance(error, getattr(client.exceptions, answer["code"]))
    assert error.operation_name == "UpdateAuthEventFeedback"
    assert error.response["Error"] == {"Code": answer["code"], "Message": answer["message"]}
    metadata = error.response["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == answer["status"]
    assert metadata["RetryAttempts"] == 0
    assert metadata["MaxAttemptsReached"] is True, "the client allows one attempt"
    assert metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"]
    assert metadata["HTTPHeaders"]["x-amzn-errortype"].startswith(answer["code"])
    assert isinstance(metadata["RequestId"], str) and metadata["RequestId"]
    if "reason_code" in answer:
        assert error.response["reasonCode"] == answer["reason_code"]
    else:
        assert "reasonCode" not in error.response
    if event_id != "evt-hostile-text":  # its text is escaped: test_hostile_text.py
        assert str(error) == (
            f"An error occurred ({answer['code']}) when calling the UpdateAuthEventFeedback operation "
            f"(reached max retries: 0): {answer['message']}"
        )


def test_the_eight_modeled_errors_are_all_scripted() -> None:
    assert {a["code"] for a in SCRIPTED.values()} >= set(exceptions.MODELED_ERRORS)


def test_a_wrong_feedback_token_is_not_authorized(client: cognito_feedback.Client) -> None:
    with pytest.raises(client.exceptions.NotAuthorizedException) as caught:
        client.update_auth_event_feedback(
            EventId="evt-alice-1", FeedbackValue="Valid", **dict(ALICE, FeedbackToken="tok-wrong.XyZ=")
        )
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "tok-wrong" not in str(caught.value)


def test_an_unknown_user_is_user_not_found(client: cognito_feedback.Client) -> None:
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.update_auth_event_feedback(
            EventId="evt-alice-1", FeedbackValue="Valid", **dict(ALICE, Username="nobody")
        )


def test_retried_errors_report_retries_not_attempts(emulator: Emulator) -> None:
    with make_client(emulator, max_attempts=3) as client:
        with pytest.raises(client.exceptions.InternalErrorException) as caught:
            client.update_auth_event_feedback(EventId="evt-internal-error", FeedbackValue="Valid", **ALICE)
    assert caught.value.response["ResponseMetadata"]["RetryAttempts"] == 2
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert caught.value.response["ResponseMetadata"]["MaxAttemptsReached"] is True
    assert "(reached max retries: 2)" in str(caught.value)


def test_an_error_answer_without_an_error_code_is_a_client_error_coded_with_its_status(emulator: Emulator) -> None:
    emulator.set_faults(server_error=2, server_error_status=503, server_error_body="html")
    with make_client(emulator, max_attempts=2) as client:
        with pytest.raises(client.exceptions.ClientError) as caught:
            client.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE)
    error = caught.value
    assert type(error) is exceptions.ClientError
    # As botocore gives it: the status as the code, the reason phrase as the message.
    assert error.response["Error"] == {"Code": "503", "Message": "Service Unavailable"}
    metadata = error.response["ResponseMetadata"]
    assert (metadata["HTTPStatusCode"], metadata["RetryAttempts"], metadata["MaxAttemptsReached"]) == (503, 1, True)
    assert metadata["HTTPHeaders"]["content-type"] == "text/html"
    assert "RequestId" not in metadata, "botocore's generic 5xx parsing reads none"
    assert str(error) == (
        "An error occurred (503) when calling the UpdateAuthEventFeedback operation (reached max retries: 1): "
        "Service Unavailable"
    )


@pytest.mark.parametrize(
    "member, value",
    [
        ("UserPoolId", "no-underscore"),
        ("UserPoolId", "us-east-1_" + "a" * 50),
        ("Username", "🦀" * 65),
        ("Username", "has space"),
        ("EventId", "e" * 51),
        ("EventId", "evt/slash"),
        ("FeedbackToken", "tok with spaces"),
        ("FeedbackToken", ""),
    ],
)
def test_the_librarys_validation_names_the_member_and_sends_nothing(member: str, value: str) -> None:
    # A port nobody listens on: anything sent would be a connection error instead.
    with cognito_feedback.Client(
        region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{free_port()}", ignore_environment=True
    ) as client:
        arguments = dict(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE)
        arguments[member] = value
        with pytest.raises(cognito_feedback.ParamValidationError) as caught:
            client.update_auth_event_feedback(**arguments)
    assert caught.value.field == member
    assert member in str(caught.value)
    assert caught.value.attempts == 0
    if member in ("Username", "FeedbackToken") and value:
        assert value not in str(caught.value)


def free_port() -> int:
    """A local TCP port with nothing listening on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_is_an_endpoint_connection_error() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with cognito_feedback.Client(
        region_name="us-east-1", endpoint_url=url, max_attempts=2, ignore_environment=True
    ) as client:
        with pytest.raises(cognito_feedback.EndpointConnectionError) as caught:
            client.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE)
    assert caught.value.endpoint_url.rstrip("/") == url
    assert url in str(caught.value)
    assert caught.value.attempts == 2


def test_a_connection_that_is_never_accepted_is_a_connect_timeout() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        host, port = listener.getsockname()
        # Fill the listener's tiny accept queue: the kernel then drops further connection attempts.
        fillers = [socket.socket() for _ in range(3)]
        try:
            for filler in fillers:
                filler.setblocking(False)
                filler.connect_ex((host, port))
            with cognito_feedback.Client(
                region_name="us-east-1",
                endpoint_url=f"http://{host}:{port}",
                connect_timeout=0.3,
                max_attempts=1,
                ignore_environment=True,
            ) as client:
                with pytest.raises(cognito_feedback.ConnectTimeoutError) as caught:
                    client.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE)
        finally:
            for filler in fillers:
                filler.close()
    assert isinstance(caught.value, TimeoutError)
    assert f"{host}:{port}" in str(caught.value)


def test_a_stalled_answer_is_a_read_timeout(emulator: Emulator) -> None:
    with make_client(emulator, read_timeout=0.3, max_attempts=1) as client:
        with pytest.raises(cognito_feedback.ReadTimeoutError) as caught:
            client.update_auth_event_feedback(EventId="evt-stall", FeedbackValue="Valid", **ALICE)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.attempts == 1


def test_the_total_timeout_ends_the_call(emulator: Emulator) -> None:
    with make_client(emulator, read_timeout=30, total_timeout=0.3, max_attempts=3) as client:
        with pytest.raises(cognito_feedback.ReadTimeoutError):
            client.update_auth_event_feedback(EventId="evt-stall", FeedbackValue="Valid", **ALICE)
