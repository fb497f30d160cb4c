"""Hostile text from the server (the emulator's evt-hostile-text: terminal escapes, CR/LF forging
a log line, a 1.2 KB message) stays raw in ``response`` but reaches exception text and log
records escaped and bounded."""

from __future__ import annotations

import logging
import pickle
import re

import pytest
from conftest import ALICE, Emulator, make_client

from cognito_feedback._logging import TRACE

#: C0 controls, DEL and C1 controls: what must never reach a terminal or a log line raw.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def test_exception_text_escapes_and_bounds_what_the_server_said(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(TRACE, logger="cognito_feedback")
    with make_client(emulator, max_attempts=1) as client:
        with pytest.raises(client.exceptions.InvalidParameterException) as caught:
            client.update_auth_event_feedback(EventId="evt-hostile-text", FeedbackValue="Valid", **ALICE)
    error = caught.value
    raw = error.response["Error"]["Message"]
    assert raw.startswith("\x1b[2J\x1b]0;pwned\x07Rejected.\r\n2026-12-07T13:00:00Z ERROR forged log line\r\n")
    assert len(raw) > 1100
    assert error.response["reasonCode"] == "\x1b[31mINVALID\r\nFORGED"

    text = str(error)
    assert not CONTROL.search(text), repr(text)
    assert text.startswith(
        "An error occurred (InvalidParameterException) when calling the UpdateAuthEventFeedback operation "
        "(reached max retries: 0): "
        "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}Rejected.\\r\\n2026-12-07T13:00:00Z ERROR forged log line\\r\\n\\u{9b}31m"
    )
    assert re.search(r"…\[\+\d+ bytes\]$", text), text
    assert len(text) < 2048
    assert str(pickle.loads(pickle.dumps(error))) == text

    records = [r.getMessage() for r in caplog.records if r.name == "cognito_feedback"]
    assert records
    for message in records:
        assert not CONTROL.search(message), repr(message)
        assert len(message) < 4096


def test_plain_text_is_unchanged(emulator: Emulator) -> None:
    with make_client(emulator, max_attempts=1) as client:
        with pytest.raises(client.exceptions.UserNotFoundException) as caught:
            client.update_auth_event_feedback(EventId="evt-user-not-found", FeedbackValue="Valid", **ALICE)
    assert str(caught.value).endswith("operation (reached max retries: 0): User does not exist.")
    assert logging.getLogger("cognito_feedback")  # the package's logger exists
