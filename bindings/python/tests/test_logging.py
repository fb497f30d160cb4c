"""The library's log messages reach the ``cognito_feedback`` logger, without secrets."""

from __future__ import annotations

import logging
import subprocess
import sys
from typing import TYPE_CHECKING, List, Optional

import pytest
from conftest import POOL, Emulator, make_client

from cognito_feedback import _logging
from cognito_feedback._logging import TRACE, make_callback
from cognito_feedback._native import LogCallback

if TYPE_CHECKING:
    from cognito_feedback._native import LogCallbackObject

SECRET_USER = "🦀crab"
SECRET_TOKEN = "tok-crab-1.MnO="
ARGS = dict(
    UserPoolId=POOL, Username=SECRET_USER, EventId="evt-crab-1", FeedbackToken=SECRET_TOKEN, FeedbackValue="Valid"
)


def test_a_call_logs_to_the_cognito_feedback_logger_without_secrets(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(TRACE, logger="cognito_feedback")
    with make_client(emulator) as client:
        client.update_auth_event_feedback(**ARGS)
    records = [r for r in caplog.records if r.name == "cognito_feedback"]
    assert records, "the library logged nothing"
    for record in records:
        assert SECRET_USER not in record.getMessage()
        assert SECRET_TOKEN not in record.getMessage()


def test_nothing_is_logged_when_the_logger_is_off(emulator: Emulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.CRITICAL, logger="cognito_feedback")
    with make_client(emulator) as client:
        client.update_auth_event_feedback(**ARGS)
    assert [r for r in caplog.records if r.name == "cognito_feedback"] == []


class Exploding(logging.Handler):
    def __init__(self, level: int) -> None:
        super().__init__(level=level)
        self.emitted = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.emitted += 1
        raise RuntimeError("a handler that breaks")


def test_a_failing_handler_never_reaches_the_library(emulator: Emulator) -> None:
    logger = logging.getLogger("cognito_feedback")
    handler = Exploding(level=TRACE)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(TRACE)
    try:
        with make_client(emulator) as client:
            response = client.update_auth_event_feedback(**ARGS)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert handler.emitted >= 2, "the handler was never reached, so the test proved nothing"


def counting_callbacks(monkeypatch: pytest.MonkeyPatch) -> List[int]:
    """Makes every client's log callback record the level of each call the library makes to it."""
    levels: List[int] = []
    real = _logging.make_callback

    def make_counting_callback(logger: logging.Logger = _logging.LOGGER) -> "LogCallbackObject":
        forward = real(logger)

        def counted(user_data: Optional[int], level: int, message: Optional[bytes]) -> None:
            levels.append(level)
            forward(user_data, level, message)

        return LogCallback(counted)

    monkeypatch.setattr(_logging, "make_callback", make_counting_callback)
    return levels


def test_the_library_calls_back_only_for_levels_the_logger_takes(
    emulator: Emulator, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    levels = counting_callbacks(monkeypatch)
    caplog.set_level(logging.INFO, logger="cognito_feedback")
    with make_client(emulator) as client:
        client.update_auth_event_feedback(**ARGS)
    # One INFO line per call outcome; the DEBUG lines about the client and the attempt are
    # never built, so the callback runs once.
    assert levels == [3]
    assert [r.levelno for r in caplog.records if r.name == "cognito_feedback"] == [logging.INFO]


def test_with_the_logger_off_no_callback_is_installed(
    emulator: Emulator, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    levels = counting_callbacks(monkeypatch)
    caplog.set_level(logging.CRITICAL, logger="cognito_feedback")
    with make_client(emulator) as client:
        with pytest.raises(client.exceptions.UserNotFoundException):
            client.update_auth_event_feedback(**dict(ARGS, Username="nobody"))
        assert client._log_callback is None
    assert levels == []


@pytest.mark.parametrize(
    "python_level, library_level",
    [(TRACE, 5), (logging.DEBUG, 4), (logging.INFO, 3), (logging.WARNING, 2), (logging.ERROR, 1), (logging.CRITICAL, None)],
)
def test_the_library_level_follows_the_loggers_effective_level(
    python_level: int, library_level: Optional[int], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(python_level, logger="cognito_feedback")
    assert _logging.library_level() == library_level


@pytest.mark.parametrize(
    "level, python_level", [(1, logging.ERROR), (2, logging.WARNING), (3, logging.INFO), (4, logging.DEBUG), (5, TRACE)]
)
def test_levels_map_to_logging_levels(level: int, python_level: int, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(TRACE, logger="cognito_feedback")
    make_callback()(None, level, "naïve message".encode())
    (record,) = caplog.records
    assert (record.levelno, record.getMessage(), record.name) == (python_level, "naïve message", "cognito_feedback")


def test_the_callback_survives_bad_bytes(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(TRACE, logger="cognito_feedback")
    make_callback()(None, 3, b"\xff\xfe broken")
    assert caplog.records[0].getMessage() == "\ufffd\ufffd broken"


def test_without_logging_configured_nothing_reaches_stderr(emulator: Emulator) -> None:
    script = (
        "import cognito_feedback\n"
        f"client = cognito_feedback.Client(region_name='us-east-1', endpoint_url={emulator.url!r}, max_attempts=1)\n"
        "try:\n"
        "    client.update_auth_event_feedback(UserPoolId='us-east-1_PlusPool1', Username='alice',\n"
        "        EventId='evt-internal-error', FeedbackToken='tok-alice-1.AbC=', FeedbackValue='Valid')\n"
        "except client.exceptions.InternalErrorException:\n"
        "    print('raised')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "raised\n", "")
