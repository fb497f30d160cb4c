"""A script written for boto3 runs against cognito_feedback with only its marked lines changed,
and gives the same answers as under real boto3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest
from conftest import Emulator

SCRIPT = Path(__file__).with_name("boto3_style_script.py")

#: What marks a line to change, and separates it from what it changes into.
MARK = "  # cognito-feedback: "

#: A success: the service's body is {}, two bytes; its request id also read from the headers.
RECORDED = {
    "outcome": "recorded",
    "status": 200,
    "retries": 0,
    "max_attempts_reached": False,
    "has_request_id": True,
    "headers": ["content-length", "content-type", "x-amzn-requestid"],
    "content_length": "2",
    "request_id_header": True,
}


def other_error(code: str, message: str, status: int = 400, retries: int = 0, content_type: str = "") -> dict:
    """A ClientError the script reports as "other service error"."""
    reached = f" (reached max retries: {retries})" if retries else ""
    return {
        "outcome": "other service error",
        "code": code,
        "message": message,
        "status": status,
        "retries": retries,
        "max_attempts_reached": bool(retries),
        "content_type": content_type or "application/x-amz-json-1.1",
        "operation": "UpdateAuthEventFeedback",
        "text": f"An error occurred ({code}) when calling the UpdateAuthEventFeedback operation{reached}: {message}",
    }


EXPECTED = [
    RECORDED,
    RECORDED,
    {"outcome": "link expired or forged"},
    {"outcome": "no such user", "code": "UserNotFoundException"},
    {"outcome": "refused", "code": "InvalidParameterException", "reason": "INVALID_FEEDBACK_STATE", "names_username": False},
    # boto3 sends it and the service refuses it; cognito_feedback refuses it before sending, as
    # an error both handlers catch.
    {"outcome": "refused", "code": "InvalidParameterException", "reason": None, "names_username": True},
    other_error("FeedbackGremlinException", "A code this client has never heard of."),
    other_error("ResourceNotFoundException", "User pool us-east-1_Gone0 does not exist."),
    other_error("InternalErrorException", "Internal server error.", status=500, retries=1),
    other_error("503", "Service Unavailable", status=503, retries=1, content_type="text/html"),
    {"outcome": "no region", "text": "You must specify a region.", "local": True},
]


def ported(source: str) -> str:
    """The script with each marked line replaced by the code after its mark."""
    lines = []
    for line in source.splitlines():
        if MARK in line:
            indent = line[: len(line) - len(line.lstrip())]
            line = indent + line.split(MARK, 1)[1]
        lines.append(line)
    return "\n".join(lines) + "\n"


def run(script: Path, emulator: Emulator) -> List[dict]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment["COGNITO_ENDPOINT_URL"] = emulator.url
    # boto3 would also read ~/.aws: keep it out.
    environment["AWS_CONFIG_FILE"] = environment["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    done = subprocess.run(
        [sys.executable, str(script)], env=environment, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert done.returncode == 0, done.stderr
    outcomes = [json.loads(line) for line in done.stdout.splitlines()]
    for outcome in outcomes:
        # The message of a wrong token is the emulator's; only its presence matters here.
        if outcome["outcome"] == "link expired or forged":
            assert outcome.pop("message")
    return outcomes


def test_only_the_marked_lines_change() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    changed = [
        (old, new) for old, new in zip(source.splitlines(), ported(source).splitlines()) if old != new
    ]
    # The two imports from botocore and the two client creations; nothing else.
    assert len(changed) == 4
    assert all(MARK in old for old, _ in changed)
    assert "boto3.client(" not in ported(source)


def test_the_boto3_script_runs_against_cognito_feedback(emulator: Emulator, tmp_path: Path) -> None:
    ours = tmp_path / SCRIPT.name
    ours.write_text(ported(SCRIPT.read_text(encoding="utf-8")), encoding="utf-8")
    # The script still says `import boto3`: give it a boto3 that fails if anything touches it.
    (tmp_path / "boto3.py").write_text("def __getattr__(name):\n    raise AssertionError('boto3 was used')\n")
    assert run(ours, emulator) == EXPECTED


def test_the_script_gives_the_same_answers_under_real_boto3(emulator: Emulator) -> None:
    pytest.importorskip("boto3")
    assert run(SCRIPT, emulator) == EXPECTED
