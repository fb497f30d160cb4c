"""update_auth_event_feedback_async and AsyncClient: over the library's completion API (no
executor, no thread held per call), off the event loop, and cancellable through the cancel token."""

from __future__ import annotations

import asyncio
import concurrent.futures
from typing import Any, List, Tuple

import pytest
from conftest import POOL, Emulator, make_client, marker, wait_until_in_flight_async

import cognito_feedback

ARGS = dict(UserPoolId=POOL, Username="alice", FeedbackToken="tok-alice-2.DeF=", FeedbackValue="Valid")

#: Cancellations in the cancel test.
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


def record_outcomes(client: cognito_feedback.Client) -> List[Any]:
    """Every outcome the library reports for ``client``'s async calls (a response or an exception),
    as the callback converts it."""
    outcomes: List[Any] = []
    real_outcome = client._outcome

    def recording(*arguments: Any) -> Any:
        outcome = real_outcome(*arguments)
        outcomes.append(outcome)
        return outcome

    client._outcome = recording  # type: ignore[method-assign]
    return outcomes


def test_cancelling_the_task_cancels_the_native_call(emulator: Emulator) -> None:
    """Each round: a call the server sits on (for longer than the test waits), the task cancelled
    once the emulator has its request; the library must report that very call cancelled."""
    app_id = marker()

    async def one_round(client: cognito_feedback.Client, number: int) -> None:
        task = asyncio.ensure_future(client.update_auth_event_feedback_async(EventId="evt-stall", **ARGS))
        # The request is out and the server sits on it: only the cancel can end the call.
        await emulator.wait_until_it_saw_async(app_id, calls=number)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 20)
        assert task.cancelled()
        assert client._in_flight == 0  # the native call is over, not left running

    async def main() -> List[Any]:
        with make_client(emulator, read_timeout=60, total_timeout=120, max_attempts=1, app_id=app_id) as client:
            outcomes = record_outcomes(client)
            for number in range(1, ROUNDS + 1):
                await one_round(client, number)
            return outcomes

    outcomes = asyncio.run(main())
    assert len(outcomes) == ROUNDS
    assert all(isinstance(o, cognito_feedback.OperationCancelledError) and o.attempts == 1 for o in outcomes)


class ForbiddenExecutor(concurrent.futures.ThreadPoolExecutor):
    """A default executor that fails any use: the async method must never need one."""

    def submit(self, *args: Any, **kwargs: Any) -> "concurrent.futures.Future[Any]":
        raise AssertionError("the default executor was used")


def test_many_concurrent_calls_complete_without_any_executor(emulator: Emulator) -> None:
    calls = 150

    async def main() -> List[Any]:
        asyncio.get_running_loop().set_default_executor(ForbiddenExecutor())
        with make_client(emulator, max_attempts=1, max_concurrency=16) as client:
            return await asyncio.gather(
                *(client.update_auth_event_feedback_async(EventId="evt-alice-2", **ARGS) for _ in range(calls))
            )

    responses = asyncio.run(main())
    assert len(responses) == calls
    assert all(r["ResponseMetadata"]["HTTPStatusCode"] == 200 for r in responses)
    assert len({r["ResponseMetadata"]["RequestId"] for r in responses}) == calls


def test_a_cancelled_queued_call_is_dropped_unsent(emulator: Emulator) -> None:
    app_id = marker()

    async def main() -> List[Any]:
        with make_client(emulator, read_timeout=60, max_attempts=1, max_concurrency=1, app_id=app_id) as client:
            outcomes = record_outcomes(client)
            running = asyncio.ensure_future(client.update_auth_event_feedback_async(EventId="evt-stall", **ARGS))
            # The only library thread has sent the stalled call, and the server sits on it.
            await emulator.wait_until_it_saw_async(app_id)
            queued = asyncio.ensure_future(client.update_auth_event_feedback_async(EventId="evt-alice-2", **ARGS))
            await asyncio.sleep(0)  # the queued call is submitted
            queued.cancel()
            # The only library thread is busy with the stalled call; the queued one ends anyway.
            with pytest.raises(asyncio.CancelledError):
                await asyncio.wait_for(queued, 20)
            assert not running.done()
            running.cancel()
            with pytest.raises(asyncio.CancelledError):
                await asyncio.wait_for(running, 20)
            return outcomes

    queued, running = asyncio.run(main())
    assert isinstance(queued, cognito_feedback.OperationCancelledError) and queued.attempts == 0
    assert isinstance(running, cognito_feedback.OperationCancelledError) and running.attempts == 1


def test_the_async_client_works_as_an_async_context_manager(emulator: Emulator) -> None:
    async def main() -> Tuple[Any, cognito_feedback.AsyncClient]:
        async with cognito_feedback.AsyncClient(
            region_name="us-east-1", endpoint_url=emulator.url, ignore_environment=True, max_attempts=1
        ) as client:
            assert client.meta.endpoint_url == emulator.url
            response = await client.update_auth_event_feedback(EventId="evt-alice-2", **ARGS)
            with pytest.raises(client.exceptions.ResourceNotFoundException) as error:
                await client.update_auth_event_feedback(EventId="evt-resource-not-found", **ARGS)
            assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"
            with pytest.raises(cognito_feedback.ParamValidationError):
                await client.update_auth_event_feedback(EventId="evt-alice-2", **dict(ARGS, FeedbackValue="Yes"))
        assert client.closed
        with pytest.raises(cognito_feedback.exceptions.ClientClosedError):
            await client.update_auth_event_feedback(EventId="evt-alice-2", **ARGS)
        return response, client

    response, client = asyncio.run(main())
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert "closed" in repr(client)


def test_max_concurrency_must_be_a_positive_whole_number() -> None:
    for bad in (0, -1, 1.5, True, "8"):
        with pytest.raises(cognito_feedback.InvalidConfigError, match="max_concurrency"):
            cognito_feedback.Client(region_name="us-east-1", ignore_environment=True, max_concurrency=bad)


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
