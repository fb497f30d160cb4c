"""update_auth_event_feedback_async: off the event loop, and cancellable through the cancel token."""

from __future__ import annotations

import asyncio
import time
from typing import Any, List, Tuple

import pytest
from conftest import POOL, Emulator, make_client, marker, wait_until_in_flight_async

import cognito_feedback

ARGS = dict(UserPoolId=POOL, Username="alice", FeedbackToken="tok-alice-2.DeF=", FeedbackValue="Valid")

#: The issue's bound: a cancelled task's native call returns within this many seconds.
CANCEL_BOUND = 0.05

#: Cancellations measured by the bound test.
ROUNDS = 5


def test_an_async_call_succeeds_with_boto3s_shape(emulator: Emulator) -> None:
    async def main() -> Any:
        with make_client(emulator) as client:
            return await client.update_auth_event_feedback_async(EventId="evt-alice-2", **ARGS)

    response = asyncio.run(main())
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["ResponseMetadata"]["RetryAttempts"] == 0


def test_an_async_service_error_is_the_modeled_exception(emulator: Emulator) -> None:
    async def main() -> None:
        with make_client(emulator, max_attempts=1) as client:
            await client.update_auth_event_feedback_async(EventId="evt-resource-not-found", **ARGS)

    with pytest.raises(cognito_feedback.exceptions.ResourceNotFoundException):
        asyncio.run(main())


def test_async_validation_fails_before_anything_runs(emulator: Emulator) -> None:
    async def main() -> None:
        with make_client(emulator) as client:
            await client.update_auth_event_feedback_async(EventId="evt-alice-2", **dict(ARGS, FeedbackValue="Yes"))

    with pytest.raises(cognito_feedback.ParamValidationError):
        asyncio.run(main())


def test_the_event_loop_keeps_running_during_a_call(emulator: Emulator) -> None:
    async def main() -> int:
        ticks = 0
        with make_client(emulator, read_timeout=0.5, max_attempts=1) as client:
            call = asyncio.ensure_future(client.update_auth_event_feedback_async(EventId="evt-stall", **ARGS))
            while not call.done():
                ticks += 1
                await asyncio.sleep(0.01)
            with pytest.raises(cognito_feedback.ReadTimeoutError):
                call.result()
        return ticks

    assert asyncio.run(main()) > 5


def test_cancelling_the_task_cancels_the_native_call(emulator: Emulator) -> None:
    """Each round: a call the server sits on, the task cancelled, the native call timed until it
    returns. The median must meet the bound; every round must end far sooner than any timeout
    (on a busy machine one round may be scheduled late, which says nothing about cancellation)."""
    returned: List[Tuple[float, BaseException]] = []

    app_id = marker()

    async def one_round(client: cognito_feedback.Client, number: int) -> float:
        task = asyncio.ensure_future(client.update_auth_event_feedback_async(EventId="evt-stall", **ARGS))
        # The request is out and the server sits on it: only the cancel can end the call.
        await emulator.wait_until_it_saw_async(app_id, calls=number)
        cancelled_at = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert task.cancelled()
        assert client._in_flight == 0  # the native call is over, not left running
        return cancelled_at

    async def main() -> List[float]:
        with make_client(emulator, read_timeout=30, total_timeout=60, max_attempts=1, app_id=app_id) as client:
            real_call = client._call

            def timed_call(*arguments: Any) -> Any:
                try:
                    return real_call(*arguments)
                except BaseException as error:
                    returned.append((time.monotonic(), error))
                    raise

            client._call = timed_call  # type: ignore[method-assign]
            return [await one_round(client, number) for number in range(1, ROUNDS + 1)]

    cancelled = asyncio.run(main())
    assert len(returned) == ROUNDS
    assert all(isinstance(error, cognito_feedback.OperationCancelledError) for _, error in returned)
    latencies = sorted(returned_at - cancelled_at for (returned_at, _), cancelled_at in zip(returned, cancelled))
    assert latencies[ROUNDS // 2] < CANCEL_BOUND, latencies
    assert latencies[-1] < 1.0, latencies


def test_cancelling_one_task_leaves_the_others_alone(emulator: Emulator) -> None:
    async def main() -> Any:
        with make_client(emulator, read_timeout=30, max_attempts=1) as client:
            stalled = asyncio.ensure_future(client.update_auth_event_feedback_async(EventId="evt-stall", **ARGS))
            await wait_until_in_flight_async(client)
            stalled.cancel()
            other = await client.update_auth_event_feedback_async(EventId="evt-alice-2", **ARGS)
            with pytest.raises(asyncio.CancelledError):
                await stalled
            return other

    assert asyncio.run(main())["ResponseMetadata"]["HTTPStatusCode"] == 200
