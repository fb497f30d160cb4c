"""A script written for boto3 runs against cognito_feedback with only the client line changed."""

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
BOTO3_LINE = 'cognito = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=ENDPOINT_URL)'
OUR_LINE = (
    'import cognito_feedback; cognito = cognito_feedback.Client(region_name="us-east-1", endpoint_url=ENDPOINT_URL)'
)

#: A success: the service's body is {}, two bytes; its request id also read from the headers.
RECORDED = {
    "outcome": "recorded",
    "status": 200,
    "retries": 0,
    "has_request_id": True,
    "content_length": "2",
    "request_id_header": True,
}

EXPECTED = [
    RECORDED,
    RECORDED,
    {"outcome": "link expired or forged"},
    {"outcome": "no such user", "code": "UserNotFoundException"},
    {"outcome": "refused", "code": "InvalidParameterException", "reason": "INVALID_FEEDBACK_STATE", "status": 400},
    {
        "outcome": "other service error",
        "code": "FeedbackGremlinException",
        "message": "A code this client has never heard of.",
        "has_request_id": True,
        "operation": "UpdateAuthEventFeedback",
        "text": "An error occurred (FeedbackGremlinException) when calling the UpdateAuthEventFeedback "
        "operation: A code this client has never heard of.",
    },
    {
        "outcome": "other service error",
        "code": "ResourceNotFoundException",
        "message": "User pool us-east-1_Gone0 does not exist.",
        "has_request_id": True,
        "operation": "UpdateAuthEventFeedback",
        "text": "An error occurred (ResourceNotFoundException) when calling the UpdateAuthEventFeedback "
        "operation: User pool us-east-1_Gone0 does not exist.",
    },
]


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


def test_the_script_creates_its_client_on_exactly_one_line() -> None:
    lines = SCRIPT.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if "boto3.client(" in line] == [BOTO3_LINE]


def test_the_boto3_script_runs_against_cognito_feedback(emulator: Emulator, tmp_path: Path) -> None:
    ours = tmp_path / SCRIPT.name
    ours.write_text(SCRIPT.read_text(encoding="utf-8").replace(BOTO3_LINE, OUR_LINE), encoding="utf-8")
    # The script still says `import boto3`: give it a boto3 that fails if anything touches it.
    (tmp_path / "boto3.py").write_text("def __getattr__(name):\n    raise AssertionError('boto3 was used')\n")
    assert run(ours, emulator) == EXPECTED


def test_the_script_gives_the_same_answers_under_real_boto3(emulator: Emulator) -> None:
    pytest.importorskip("boto3")
    assert run(SCRIPT, emulator) == EXPECTED
