"""Shared fixtures: the emulator as a subprocess, and clients pointed at it."""

from __future__ import annotations

import asyncio
import json
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

import cognito_feedback

#: The repository root (bindings/python/tests/conftest.py -> repo).
REPO = Path(__file__).resolve().parents[3]

sys.path.insert(0, str(REPO / "scripts"))
from emulator_launcher import UrlProcess, find_binary, start_emulator  # noqa: E402  (the one launcher)

#: The header the C ABI is generated into.
HEADER = REPO / "include" / "cognito_feedback.h"

#: The fixture every test in every language uses.
FIXTURE = REPO / "tests" / "emulator" / "fixtures" / "default.json"

#: The user pool of the fixture with threat protection (the Plus tier).
POOL = "us-east-1_PlusPool1"

#: alice of POOL with her feedback token: a call's arguments but EventId and FeedbackValue.
ALICE = dict(UserPoolId=POOL, Username="alice", FeedbackToken="tok-alice-1.AbC=")


class Emulator:
    """A running emulator: its URL, and the feedback it recorded."""

    def __init__(self, process: UrlProcess, feedback_log: Path) -> None:
        self.process = process
        self.url = process.url
        self.feedback_log = feedback_log

    def set_faults(self, **faults: Any) -> None:
        """Replaces the emulator's faults (its ``/__emulator/faults`` admin endpoint); counted
        faults must be used up by the test that sets them, as the emulator is shared."""
        request = urllib.request.Request(
            f"{self.url}/__emulator/faults",
            data=json.dumps(faults).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200

    def recorded(self) -> List[Dict[str, Any]]:
        """Every feedback the emulator recorded, oldest first (one JSON object a line)."""
        if not self.feedback_log.exists():
            return []
        lines = self.feedback_log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def calls_marked(self, app_id: str) -> int:
        """How many requests in the emulator's request log came from clients made with this
        ``app_id`` (their User-Agent carries ``app/<app_id>``): calls that reached the server."""
        with urllib.request.urlopen(f"{self.url}/__emulator/requests", timeout=10) as answer:
            requests = json.load(answer)
        return sum(
            1
            for request in requests
            if any(name.lower() == "user-agent" and f"app/{app_id}" in value for name, value in request["headers"])
        )

    def wait_until_it_saw(self, app_id: str, calls: int = 1, timeout: float = 20.0) -> None:
        """Waits until ``calls`` requests marked ``app_id`` have reached the emulator."""
        deadline = time.monotonic() + timeout
        while self.calls_marked(app_id) < calls:
            assert time.monotonic() < deadline, f"the emulator never saw {calls} call(s) marked {app_id}"
            time.sleep(0.002)

    async def wait_until_it_saw_async(self, app_id: str, calls: int = 1, timeout: float = 20.0) -> None:
        """:meth:`wait_until_it_saw` for a coroutine: the event loop runs while it waits."""
        deadline = time.monotonic() + timeout
        while await asyncio.to_thread(self.calls_marked, app_id) < calls:
            assert time.monotonic() < deadline, f"the emulator never saw {calls} call(s) marked {app_id}"
            await asyncio.sleep(0.002)

    def last_feedback(self, username: str, event_id: str) -> Optional[Dict[str, Any]]:
        """The latest feedback recorded for this user's event, if any."""
        matches = [
            entry
            for entry in self.recorded()
            if entry.get("username") == username and entry.get("event_id") == event_id
        ]
        return matches[-1] if matches else None


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    """The emulator with the default fixture, for the whole session (scripts/emulator_launcher.py).

    It logs every request to stderr, kept in a file shown when it fails to start; it exits by
    itself when its stdin closes, so it never outlives the test run.
    """
    directory = tmp_path_factory.mktemp("emulator")
    feedback_log = directory / "feedback.jsonl"
    flags = ["--fixture", str(FIXTURE), "--feedback-log", str(feedback_log)]
    with start_emulator(find_binary(REPO), flags, stderr=directory / "stderr.log") as process:
        yield Emulator(process, feedback_log)


def make_client(emulator: Emulator, **settings: Any) -> cognito_feedback.Client:
    """A hermetic client for the emulator (no AWS_* variable can change what a test sees)."""
    options: Dict[str, Any] = dict(
        region_name="us-east-1",
        endpoint_url=emulator.url,
        ignore_environment=True,
        connect_timeout=5,
        read_timeout=10,
    )
    options.update(settings)
    return cognito_feedback.Client(**options)


@pytest.fixture
def client(emulator: Emulator) -> Iterator[cognito_feedback.Client]:
    """A client for the emulator that makes one attempt per call (no retry delays)."""
    with make_client(emulator, max_attempts=1) as c:
        yield c


def marker() -> str:
    """An ``app_id`` no other client uses, to find a client's calls in the emulator's request log."""
    return f"mark-{uuid.uuid4().hex}"


async def wait_until_in_flight_async(client: cognito_feedback.Client, timeout: float = 10.0) -> None:
    """Waits until a call of ``client`` has entered the library (from another task), letting the
    event loop run meanwhile."""
    deadline = time.monotonic() + timeout
    while client._in_flight == 0:
        assert time.monotonic() < deadline, "the call never started"
        await asyncio.sleep(0.001)
