"""The journey end to end: the emulator's email, a click on its link, the sample handler, the
feedback the emulator recorded; and `make demo`'s script telling it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import feedback_handler as fh
from conftest import SAMPLES, Emulator, Handler, fetch
from demo_journey import REPO, links_in, page_text


def follow(emulator: Emulator, handler: Handler, username: str, event_id: str, which: str) -> str:
    """Renders the user's email with links to ``handler`` and clicks the link whose text has ``which``."""
    email = emulator.email(username, event_id, handler.url)
    status, _, body = fetch(next(href for text, href in links_in(email["HtmlBody"]) if which in text))
    return f"{status} {page_text(body)[0]}"


def test_a_click_in_the_email_is_recorded_and_the_second_replaces_it(handler: Handler, emulator: Emulator) -> None:
    assert emulator.feedback("alice", "evt-alice-1") is None
    assert follow(emulator, handler, "alice", "evt-alice-1", "Yes, this was me") == f"200 {fh.NOTED_AS_YOU.title}"
    assert emulator.feedback("alice", "evt-alice-1")["FeedbackValue"] == "Valid"
    assert follow(emulator, handler, "alice", "evt-alice-1", "No, this wasn't me") == f"200 {fh.SECURED.title}"
    assert emulator.feedback("alice", "evt-alice-1")["FeedbackValue"] == "Invalid"
    assert emulator.feedback("alice", "evt-alice-2") is None


@pytest.mark.parametrize("username, event_id", [("Zoë", "evt-zoe-1"), ("taro@example.com", "evt-taro-1")])
def test_links_with_encoded_names_work_end_to_end(handler: Handler, emulator: Emulator, username: str, event_id: str) -> None:
    assert follow(emulator, handler, username, event_id, "wasn't me") == f"200 {fh.SECURED.title}"
    assert emulator.feedback(username, event_id)["FeedbackValue"] == "Invalid"


def test_an_old_emails_link_gets_the_expired_page(handler: Handler, emulator: Emulator) -> None:
    assert follow(emulator, handler, "carol", "evt-carol-expired", "this was me") == f"403 {fh.EXPIRED_LINK.title}"
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
        "  HTTP 200",
        f"  | {fh.NOTED_AS_YOU.title}",
        '"FeedbackValue": "Valid", "Provider": "COGNITO"',
        "4. Carol clicks the link of an old email: her token has expired",
        "  HTTP 403",
        f"  | {fh.EXPIRED_LINK.title}",
        "feedback_handler INFO feedback recorded: event evt-alice-1 is Valid",
        "feedback_handler WARNING feedback for event evt-carol-expired not recorded: NotAuthorizedException",
    ]:
        assert expected in out, f"{expected!r} missing from:\n{out}"
    log = out.split("The application's log (no usernames, no tokens)", 1)[1]
    without_event_ids = re.sub(r"evt-[\w-]+", "", log)
    for secret in ("tok-", "alice", "carol", "username="):
        assert secret not in without_event_ids, secret
    urls = re.findall(r"(http://127\.0\.0\.1:\d+)\s", out.split("1. Cognito", 1)[0])
    assert len(urls) == 2 and all(refuses_connections(url) for url in urls), urls


def test_the_handler_runs_as_a_program_printing_its_url_first(emulator: Emulator, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO / "bindings" / "python" / "src"))
    stderr = (tmp_path / "stderr").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(SAMPLES / "feedback_handler.py"), "--port", "0", "--endpoint-url", emulator.url,
         "--region", "us-east-1"], stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url), url
        status, _, body = fetch(f"{url}/feedback?username=alice&event=evt-alice-2&token=tok-alice-2.DeF%3D&verdict=valid")
        assert (status, page_text(body)[0]) == (200, fh.NOTED_AS_YOU.title)
    finally:
        process.terminate()
        returncode = process.wait(timeout=10)
        process.stdout.close()
    assert returncode == 0
    assert emulator.feedback("alice", "evt-alice-2")["FeedbackValue"] == "Valid"
    stderr.seek(0)
    log = stderr.read()
    assert "feedback recorded: event evt-alice-2 is Valid" in log and "GET /feedback -> 200" in log
    assert "tok-alice-2" not in log and "username" not in log
