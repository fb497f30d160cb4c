"""The shared config file through the Python surface, in a temporary HOME: AWS_PROFILE alone
makes a call, ``profile_name`` chooses a profile, a named missing profile is InvalidConfigError,
``ignore_environment`` reads no file, and botocore's answers (tests/data/profile-vectors.json)
(or this library's deliberate deviation from them) for every vector that resolves to an
endpoint URL, which ``client.meta`` shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest
from conftest import ALICE, REPO, Emulator

import cognito_feedback
from cognito_feedback import exceptions

VECTORS = json.loads((REPO / "tests" / "data" / "profile-vectors.json").read_text(encoding="utf-8"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME with an empty ~/.aws, and no AWS_* variable set."""
    import os

    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".aws").mkdir()
    return tmp_path


def write_config(home: Path, text: str) -> Path:
    path = home / ".aws" / "config"
    path.write_text(text, encoding="utf-8")
    return path


def test_aws_profile_alone_makes_the_call(
    home: Path, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(home, f"[default]\nregion = eu-west-1\n[profile prod]\nregion = us-east-1\nendpoint_url = {emulator.url}\n")
    monkeypatch.setenv("AWS_PROFILE", "prod")
    with cognito_feedback.Client() as client:
        assert client.meta.endpoint_url == emulator.url
        response = client.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_profile_name_chooses_and_a_missing_one_is_a_config_error(
    home: Path, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_config(home, f"[profile local]\nregion = us-east-1\nendpoint_url = {emulator.url}\n")
    monkeypatch.setenv("AWS_PROFILE", "prod")
    with cognito_feedback.Client(profile_name="local") as client:
        assert client.meta.endpoint_url == emulator.url
    with pytest.raises(exceptions.ProfileNotFound) as raised:
        cognito_feedback.Client()
    assert f'the config profile "prod" (environment variable AWS_PROFILE) could not be found in {path}' in str(
        raised.value
    )
    assert raised.value.profile == "prod"
    assert isinstance(raised.value, exceptions.InvalidConfigError)
    with pytest.raises(exceptions.ProfileNotFound, match='"nope" \\(explicit setting\\)') as explicit:
        cognito_feedback.Client(profile_name="nope")
    assert explicit.value.profile == "nope"
    with pytest.raises(exceptions.InvalidConfigError, match="profile_name must be a str"):
        cognito_feedback.Client(profile_name=3)  # type: ignore[arg-type]


def test_ignore_environment_reads_no_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(home, "[default]\nregion = eu-west-1\nmax_attempts = nonsense\n")
    with pytest.raises(exceptions.InvalidConfigError, match="max_attempts in profile default of"):
        cognito_feedback.Client()
    with cognito_feedback.Client(ignore_environment=True, region_name="us-east-1") as client:
        assert client.meta.endpoint_url == "https://cognito-idp.us-east-1.amazonaws.com"


def test_a_malformed_file_names_the_file_and_line(home: Path) -> None:
    path = write_config(home, "[default]\nregion = eu-west-1\nbroken\n")
    with pytest.raises(exceptions.InvalidConfigError) as raised:
        cognito_feedback.Client()
    assert f"config file {path} line 3: Expected an '=' sign defining a property" in str(raised.value)


#: The Client keyword for each explicit setting of a vector.
KEYWORDS = {
    "profile": "profile_name",
    "region": "region_name",
    "endpoint_url": "endpoint_url",
    "use_fips": "use_fips_endpoint",
    "use_dualstack": "use_dualstack_endpoint",
    "max_attempts": "max_attempts",
    "retry_mode": "retry_mode",
    "app_id": "app_id",
}


def expected(vector: Dict[str, Any]) -> Dict[str, Any]:
    """This library's answer for a vector: its deviation's where it has one, else botocore's."""
    return (vector.get("deviation") or {}).get("expect") or vector["botocore"]


#: Every vector that resolves to a URL (the others are config errors, tested above).
URL_VECTORS = [v for v in VECTORS["vectors"] if expected(v).get("url")]


@pytest.mark.parametrize("vector", URL_VECTORS, ids=[v["label"] for v in URL_VECTORS])
def test_botocore_vectors_give_botocores_endpoint(
    vector: Dict[str, Any], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(URL_VECTORS) == 82
    config_path = home / ".aws" / "config"
    for name, value in vector["input"]["env"].items():
        value = value.replace("{dir}", str(home))
        monkeypatch.setenv(name, value)
        if name == "AWS_CONFIG_FILE":
            config_path = Path(value)
    if vector["input"]["config_file"] is not None:
        config_path.write_text(vector["input"]["config_file"], encoding="utf-8")
    kwargs = {KEYWORDS[k]: v for k, v in vector["input"]["explicit"].items()}
    with cognito_feedback.Client(**kwargs) as client:
        assert client.meta.endpoint_url + "/" == expected(vector)["url"]
