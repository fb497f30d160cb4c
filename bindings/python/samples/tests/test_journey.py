"""The journey end to end: the emulator's email, a click on its link, the sample handler, the
feedback the emulator recorded; and `make demo`'s script telling it."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import urllib.parse

import pytest

from conftest import SAMPLES, Emulator, Handler
from demo_journey import REPO, confirm, fetch, links_in, page_text

NOTED_AS_YOU = "Thanks \N{EM DASH} we've noted this was you"
SECURED = "Thanks \N{EM DASH} we've secured your account"
EXPIRED = "This link has expired or was already used"


def link(emulator: Emulator, handler: Handler, username: str, event_id: str, which: str) -> str:
    """The link whose text has ``which`` in the user's email, pointing at ``handler``."""
    email = emulator.email(username, event_id, handler.url)
    return next(href for text, href in links_in(email["HtmlBody"]) if which in text)


def follow(emulator: Emulator, handler: Handler, username: str, event_id: str, which: str) -> str:
    """Clicks the link, sends its confirmation page and follows the redirect: the result page's
    status and title."""
    action, status, headers, _ = confirm(link(emulator, handler, username, event_id, which))
    assert status == 303, status
    assert "token" not in headers["Location"]
    status, _, page = fetch(urllib.parse.urljoin(action, headers["Location"]))
    return f"{status} {page_text(page)[0]}"


def test_opening_a_link_records_nothing(handler: Handler, emulator: Emulator) -> None:
    for which in ("Yes, this was me", "No, this wasn't me"):
        status, _, page = fetch(link(emulator, handler, "alice", "evt-alice-1", which))
        assert (status, page_text(page)[0]) == (200, "Was this sign-in you?")
    assert emulator.feedback("alice", "evt-alice-1") is None
    targets = [dict(request["headers"]).get("X-Amz-Target", "") for request in emulator.requests()]
    assert not [target for target in targets if target.endswith(".UpdateAuthEventFeedback")], targets


def test_a_confirmed_click_is_recorded_and_a_second_replaces_it(handler: Handler, emulator: Emulator) -> None:
    assert follow(emulator, handler, "alice", "evt-alice-1", "Yes, this was me") == f"200 {NOTED_AS_YOU}"
    assert emulator.feedback("alice", "evt-alice-1")["FeedbackValue"] == "Valid"
    assert follow(emulator, handler, "alice", "evt-alice-1", "No, this wasn't me") == f"200 {SECURED}"
    assert emulator.feedback("alice", "evt-alice-1")["FeedbackValue"] == "Invalid"
    assert emulator.feedback("alice", "evt-alice-2") is None


@pytest.mark.parametrize("username, event_id", [("Zo\u00eb", "evt-zoe-1"), ("taro@example.com", "evt-taro-1")])
def test_links_with_encoded_names_work_end_to_end(handler: Handler, emulator: Emulator, username: str, event_id: str) -> None:
    assert follow(emulator, handler, username, event_id, "wasn't me") == f"200 {SECURED}"
    assert emulator.feedback(username, event_id)["FeedbackValue"] == "Invalid"


def test_an_old_emails_link_gets_the_expired_page(handler: Handler, emulator: Emulator) -> None:
    assert follow(emulator, handler, "carol", "evt-carol-expired", "this was me") == f"403 {EXPIRED}"
    assert emulator.feedback("carol", "evt-carol-expired") is None


def refuses_connections(url: str) -> bool:
    host, port = url.removeprefix("http://").split(":")
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


def test_the_demo_tells_the_journey_and_leaves_nothing_running() -> None:
    result = subprocess.run([sys.executable, str(SAMPLES / "demo_journey.py")], capture_output=True,
                            text=True, encoding="utf-8", timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in [
        "1. Cognito finds alice's sign-in risky and emails her",
        "  Subject: New sign-in to your account",
        "  | Hello alice,",
        "token=tok-alice-1.AbC%3D&verdict=valid",
        "token=tok-alice-1.AbC%3D&verdict=invalid",
        "  | Was this sign-in you?",
        "  | ( ) Yes, this was me",
        "  | (o) No, this wasn't me",
        "  | [ Send my answer ]",
        "  Nothing is recorded yet",
        "  HTTP 303, Location: ?outcome=recorded-invalid",
        f"  | {SECURED}",
        '"FeedbackValue": "Invalid", "Provider": "COGNITO"',
        "5. Carol confirms the link of an old email: her token has expired",
        "  HTTP 303, Location: ?outcome=expired-link",
        "  HTTP 403",
        f"  | {EXPIRED}",
        "cognito_feedback.web INFO feedback recorded: event evt-alice-1 is Invalid",
        "cognito_feedback.web WARNING feedback for event evt-carol-expired not recorded: NotAuthorizedException",
    ]:
        assert expected in out, f"{expected!r} missing from:\n{out}"
    log = out.split("The application's log (no usernames, no tokens)", 1)[1]
    without_event_ids = re.sub(r"evt-[\w-]+", "", log)
    for secret in ("tok-", "alice", "carol", "username="):
        assert secret not in without_event_ids, secret
    urls = re.findall(r"(http://127\.0\.0\.1:\d+)\s", out.split("1. Cognito", 1)[0])
    assert len(urls) == 2 and all(refuses_connections(url) for url in urls), urls
