"""Fixtures for the samples' tests: the emulator (one per session, reset before every test), a
client for it, and the application's link handler (cognito_feedback.web) serving in a thread."""

from __future__ import annotations

import json
import sys
import threading
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

SAMPLES = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(SAMPLES))

import cognito_feedback  # noqa: E402
import demo_journey  # noqa: E402
from cognito_feedback.web import LinkHandler, WsgiApp  # noqa: E402

#: The Plus-tier pool of the emulator's default fixture.
POOL = demo_journey.POOL


class Emulator:
    """The running emulator and what it can tell a test."""

    def __init__(self, url: str) -> None:
        self.url = url

    def admin(self, method: str, endpoint: str, body: Optional[bytes] = None) -> Any:
        request = urllib.request.Request(f"{self.url}/__emulator/{endpoint}", data=body, method=method)
        with urllib.request.urlopen(request, timeout=demo_journey.PATIENCE) as response:
            return json.load(response)

    def requests(self) -> List[Dict[str, Any]]:
        """Every API call the emulator received since the last reset."""
        return self.admin("GET", "requests")

    def feedback(self, username: str, event_id: str) -> Optional[Dict[str, Any]]:
        """The event's EventFeedback as AdminListUserAuthEvents reports it (None if none)."""
        events = demo_journey.auth_events(self.url, username)
        return next(event for event in events if event["EventId"] == event_id).get("EventFeedback")

    def email(self, username: str, event_id: str, app_base_url: str) -> Dict[str, Any]:
        """The rendered threat-protection email for the event."""
        return demo_journey.render_email(self.url, username, event_id, app_base_url)


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    log = (tmp_path_factory.mktemp("emulator") / "stderr.log").open("w", encoding="utf-8")
    with log, demo_journey.start_emulator(log) as service:
        yield Emulator(service.url)


@pytest.fixture(autouse=True)
def fresh(request: pytest.FixtureRequest) -> None:
    """Every test starts from the fixture's state: no feedback, no recorded requests."""
    if "emulator" in request.fixturenames:
        request.getfixturevalue("emulator").admin("POST", "reset", b"")


@pytest.fixture
def client(emulator: Emulator) -> Iterator[cognito_feedback.Client]:
    """A hermetic client for the emulator, one attempt per call (scripted throttling is not
    retried, so its test takes no back-off time)."""
    with cognito_feedback.Client(
        region_name="us-east-1", endpoint_url=emulator.url, ignore_environment=True,
        max_attempts=1, connect_timeout=5, read_timeout=10,
    ) as c:
        yield c


#: The anti-forgery secret of the handler the tests serve.
SECRET = "samples-test-secret-0123456789-abcdefghijklmnop"


class Handler:
    """The application's link handler (cognito_feedback.web) serving in a thread."""

    def __init__(self, server: WSGIServer) -> None:
        self.server = server
        host, port = server.server_address[:2]
        self.url = f"http://{host}:{port}"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def handler(client: cognito_feedback.Client) -> Iterator[Handler]:
    app = WsgiApp(LinkHandler(client, POOL, SECRET))
    server = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Handler(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
