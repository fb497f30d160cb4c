"""scripts/emulator_launcher.py, the one launcher every script, test, benchmark and demo starts
the emulator with: as a module and as the command C and shell run."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO
from emulator_launcher import STARTUP_TIMEOUT, LaunchError, find_binary, start_emulator

LAUNCHER = REPO / "scripts" / "emulator_launcher.py"


def answers(url: str) -> bool:
    """Whether something at ``url`` answers the emulator's admin request."""
    try:
        with urllib.request.urlopen(f"{url}/__emulator/requests", timeout=5) as answer:
            return answer.status == 200
    except OSError:
        return False


def fake(tmp_path: Path, body: str) -> Path:
    """A stand-in for the emulator: a shell script with ``body``."""
    script = tmp_path / "fake-emulator"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def gone(pid: int) -> bool:
    """Whether process ``pid`` no longer exists (reaped, or never ours)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_module_starts_the_emulator_and_stops_it_cleanly(tmp_path: Path) -> None:
    log = tmp_path / "feedback.jsonl"
    with start_emulator(find_binary(REPO), ["--feedback-log", str(log)], stderr=tmp_path / "err") as emulator:
        assert emulator.url.startswith("http://127.0.0.1:")
        assert answers(emulator.url)
        assert emulator.command[1] == "--exit-on-stdin-eof"
    assert emulator.process.returncode == 0
    assert not answers(emulator.url)


@pytest.mark.parametrize(
    "body, expected",
    [
        ('echo "bad flag" >&2; exit 3', "exited with status 3 before printing its URL"),
        ("printf 'http://127.0.0.1:1'", "exited with status 0 before printing its URL (it printed 'http://127.0.0.1:1')"),
        ("echo 'listening on 127.0.0.1:9'; cat", "printed 'listening on 127.0.0.1:9' instead of its URL"),
        ("exec sleep 60", "printed no URL within 1 s"),
        ("exec >&-; exec sleep 60", "closed its stdout before printing its URL"),
        ("head -c 5000 /dev/zero | tr '\\0' x; cat", "printed '" + "x" * 200 + "' instead of its URL"),
    ],
)
def test_a_process_that_prints_no_url_is_a_clear_error_and_is_stopped(tmp_path: Path, body: str, expected: str) -> None:
    script = fake(tmp_path, 'echo "pid $$" >&2; ' + body)
    started = time.monotonic()
    with pytest.raises(LaunchError) as error:
        start_emulator(script, stderr=tmp_path / "err", timeout=1)
    message = str(error.value)
    assert message.startswith(f"the emulator ({script}) {expected}; its stderr ({tmp_path / 'err'}):\n"), message
    pid = int(message.split("pid ")[1].split()[0])
    assert gone(pid), "the process outlived the failed start"
    assert time.monotonic() - started < STARTUP_TIMEOUT, "the deadline was not the one asked for"


def test_a_binary_that_cannot_run_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LaunchError, match=r"^the emulator \(.*/missing\) cannot start: "):
        start_emulator(tmp_path / "missing")


def run_launcher(*args: str) -> "subprocess.Popen[str]":
    return subprocess.Popen([str(LAUNCHER), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_the_command_prints_the_url_and_stops_when_its_stdin_closes() -> None:
    launcher = run_launcher(str(find_binary(REPO)), "--delay-ms", "1")
    assert launcher.stdout is not None and launcher.stdin is not None
    url = launcher.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:") and answers(url)
    launcher.stdin.close()
    assert launcher.wait(timeout=30) == 0
    assert launcher.stdout.read() == ""
    assert not answers(url)


def test_the_command_stops_the_emulator_on_sigterm() -> None:
    launcher = run_launcher(str(find_binary(REPO)))
    assert launcher.stdout is not None and launcher.stdin is not None
    url = launcher.stdout.readline().strip()
    assert answers(url)
    launcher.send_signal(signal.SIGTERM)
    assert launcher.wait(timeout=30) == 0
    assert not answers(url)
    launcher.stdin.close()


def test_the_command_says_why_the_emulator_did_not_start() -> None:
    launcher = run_launcher(str(find_binary(REPO)), "--no-such-flag")
    stdout, stderr = launcher.communicate(timeout=60)
    assert launcher.returncode == 1
    assert stdout == ""
    assert "cognito-feedback-emulator: unknown option '--no-such-flag'" in stderr
    assert stderr.rstrip().endswith("exited with status 2 before printing its URL"), stderr
