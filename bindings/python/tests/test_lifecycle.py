"""close(), the context manager, and use after close."""

from __future__ import annotations

import asyncio
import gc
import threading
import weakref

import pytest
from conftest import POOL, Emulator, make_client, marker

import cognito_feedback
from cognito_feedback.exceptions import ClientClosedError

ARGS = dict(
    UserPoolId=POOL, Username="alice", EventId="evt-alice-2", FeedbackToken="tok-alice-2.DeF=", FeedbackValue="Valid"
)


def test_close_twice_is_safe(emulator: Emulator) -> None:
    client = make_client(emulator)
    assert not client.closed
    client.close()
    client.close()
    assert client.closed


def test_the_context_manager_closes(emulator: Emulator) -> None:
    with make_client(emulator) as client:
        client.update_auth_event_feedback(**ARGS)
    assert client.closed


def test_use_after_close_raises_a_clear_error(emulator: Emulator) -> None:
    client = make_client(emulator)
    client.close()
    with pytest.raises(ClientClosedError, match="closed"):
        client.update_auth_event_feedback(**ARGS)
    with pytest.raises(ClientClosedError, match="closed"):
        asyncio.run(client.update_auth_event_feedback_async(**ARGS))


def test_validation_still_comes_first_after_close(emulator: Emulator) -> None:
    client = make_client(emulator)
    client.close()
    with pytest.raises(cognito_feedback.ParamValidationError):
        client.update_auth_event_feedback(UserPoolId=POOL)


def test_close_during_a_call_lets_the_call_finish_then_frees(emulator: Emulator) -> None:
    # The read timeout ends the stalled call; it leaves seconds for the checks below, which run
    # once the emulator has the request.
    app_id = marker()
    client = make_client(emulator, read_timeout=3, max_attempts=1, app_id=app_id)
    outcome = []

    def stalled() -> None:
        try:
            client.update_auth_event_feedback(**dict(ARGS, EventId="evt-stall"))
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=stalled)
    thread.start()
    emulator.wait_until_it_saw(app_id)
    client.close()
    assert client._handle  # still in use by the call
    with pytest.raises(ClientClosedError):
        client.update_auth_event_feedback(**ARGS)
    thread.join()
    assert isinstance(outcome[0], cognito_feedback.ReadTimeoutError)
    assert not client._handle  # freed by the call that finished last


def test_an_unclosed_client_is_collected(emulator: Emulator) -> None:
    client = make_client(emulator)
    client.update_auth_event_feedback(**ARGS)
    ref = weakref.ref(client)
    del client
    gc.collect()
    assert ref() is None


def test_repr_shows_endpoint_and_state(emulator: Emulator) -> None:
    client = make_client(emulator)
    assert emulator.url.rstrip("/") in repr(client) and "open" in repr(client)
    client.close()
    assert "closed" in repr(client)
