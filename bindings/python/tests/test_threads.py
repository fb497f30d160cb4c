"""One client shared by many threads; the GIL is released while a call waits."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Tuple

from conftest import ALICE, POOL, Emulator, make_client, marker

import cognito_feedback
from cognito_feedback import exceptions

THREADS = 16
CALLS_PER_THREAD = 8

#: (Username, EventId, FeedbackToken, expected outcome): successes and errors, mixed.
CASES = [
    ("alice", "evt-alice-2", "tok-alice-2.DeF=", "ok"),
    ("Zoë", "evt-zoe-1", "tok-zoe-1.GhI=", "ok"),
    ("山田太郎", "evt-taro-1", "tok-taro-1.JkL=", "ok"),
    ("🦀crab", "evt-crab-1", "tok-crab-1.MnO=", "ok"),
    ("alice", "evt-user-not-found", "tok-alice-1.AbC=", "UserNotFoundException"),
    ("alice", "evt-not-authorized", "tok-alice-1.AbC=", "NotAuthorizedException"),
    ("alice", "evt-unknown-code", "tok-alice-1.AbC=", "FeedbackGremlinException"),
]


def call(client: cognito_feedback.Client, case: Tuple[str, str, str, str]) -> Tuple[str, Any]:
    username, event_id, token, _ = case
    try:
        response = client.update_auth_event_feedback(
            UserPoolId=POOL, Username=username, EventId=event_id, FeedbackToken=token, FeedbackValue="Valid"
        )
        return "ok", response["ResponseMetadata"]["RequestId"]
    except exceptions.ClientError as error:
        return error.response["Error"]["Code"], error.response["ResponseMetadata"]["RequestId"]


def test_sixteen_threads_share_one_client(emulator: Emulator) -> None:
    start = threading.Barrier(THREADS)

    def worker(index: int) -> list:
        start.wait()
        results = []
        for n in range(CALLS_PER_THREAD):
            case = CASES[(index + n) % len(CASES)]
            results.append((case[3], call(client, case)))
        return results

    with make_client(emulator, max_attempts=1) as client:
        with ThreadPoolExecutor(THREADS) as pool:
            results = [r for rs in pool.map(worker, range(THREADS)) for r in rs]
    assert len(results) == THREADS * CALLS_PER_THREAD
    for expected, (outcome, _) in results:
        assert outcome == expected
    request_ids = [request_id for _, (_, request_id) in results]
    assert len(set(request_ids)) == len(request_ids)


def test_the_gil_is_released_while_a_call_waits(emulator: Emulator) -> None:
    app_id = marker()
    with make_client(emulator, read_timeout=5, max_attempts=1, app_id=app_id) as client:
        stalled_done = threading.Event()
        outcome = []

        def stalled() -> None:
            try:
                client.update_auth_event_feedback(EventId="evt-stall", FeedbackValue="Valid", **ALICE)
            except Exception as error:  # the read timeout
                outcome.append(error)
            stalled_done.set()

        thread = threading.Thread(target=stalled)
        thread.start()
        # While that thread sits in the native call, this one runs Python and makes its own call.
        emulator.wait_until_it_saw(app_id)
        response = client.update_auth_event_feedback(
            UserPoolId=POOL, Username="Zoë", EventId="evt-zoe-1", FeedbackToken="tok-zoe-1.GhI=", FeedbackValue="Valid"
        )
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
        assert not stalled_done.is_set()
        thread.join()
    assert isinstance(outcome[0], cognito_feedback.ReadTimeoutError)
