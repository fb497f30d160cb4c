"""Client settings: Python-side checks, what reaches the library, and the library's own checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import ALICE, Emulator, make_client

import cognito_feedback
from cognito_feedback import InvalidConfigError
from cognito_feedback import _config, _loader, _logging
from cognito_feedback._config import Settings, _native_settings
from cognito_feedback._native import RetryMode


def native(**settings: Any) -> dict:
    """{C setter: value} for these settings."""
    return {function: value for function, _, value in _native_settings(Settings(**settings))}


def test_only_given_settings_reach_the_library_besides_ignore_environment() -> None:
    assert native() == {"cognito_config_set_ignore_environment": False}


def test_every_setting_reaches_its_setter_in_c_units(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    assert native(
        region_name="eu-west-1",
        endpoint_url="http://127.0.0.1:9",
        use_fips_endpoint=True,
        use_dualstack_endpoint=False,
        connect_timeout=1.5,
        read_timeout=2,
        total_timeout=0.0001,
        max_attempts=5,
        retry_mode="adaptive",
        ca_bundle=bundle,
        app_id="feedback-app",
        ignore_environment=True,
    ) == {
        "cognito_config_set_region": b"eu-west-1",
        "cognito_config_set_endpoint_url": b"http://127.0.0.1:9",
        "cognito_config_set_use_fips": True,
        "cognito_config_set_use_dualstack": False,
        "cognito_config_set_connect_timeout_ms": 1500,
        "cognito_config_set_attempt_timeout_ms": 2000,
        "cognito_config_set_total_timeout_ms": 1,
        "cognito_config_set_max_attempts": 5,
        "cognito_config_set_retry_mode": RetryMode.ADAPTIVE,
        "cognito_config_set_ca_bundle_path": os.fsencode(bundle),
        "cognito_config_set_app_id": b"feedback-app",
        "cognito_config_set_ignore_environment": True,
    }


@pytest.mark.parametrize(
    "setting, value, message",
    [
        ("region_name", 1, "region_name must be a str"),
        ("endpoint_url", "http://x\x00", "endpoint_url must not contain a NUL"),
        ("use_fips_endpoint", "yes", "use_fips_endpoint must be True or False"),
        ("connect_timeout", 0, "connect_timeout must be a positive"),
        ("read_timeout", -1, "read_timeout must be a positive"),
        ("total_timeout", float("inf"), "total_timeout must be a positive"),
        ("read_timeout", True, "read_timeout must be a number of seconds"),
        ("max_attempts", 0, "max_attempts must be a whole number from 1"),
        ("max_attempts", 2.5, "max_attempts must be a whole number from 1"),
        ("retry_mode", "legacy", "retry_mode must be one of 'standard', 'adaptive'"),
        ("ca_bundle", 3, "ca_bundle must be a path"),
        ("app_id", "\ud800", "app_id is not valid Unicode"),
    ],
)
def test_bad_settings_are_config_errors_naming_the_setting(setting: str, value: Any, message: str) -> None:
    with pytest.raises(InvalidConfigError, match=message):
        cognito_feedback.Client(**{setting: value})


def test_fips_with_an_endpoint_override_is_refused_by_the_library(emulator: Emulator) -> None:
    with pytest.raises(InvalidConfigError) as caught:
        make_client(emulator, use_fips_endpoint=True)
    assert "FIPS" in str(caught.value) or "fips" in str(caught.value)


@pytest.mark.parametrize("seconds", [1e300, 2**64, 18446744073709551.615])
def test_timeouts_too_long_for_the_clock_mean_no_limit(emulator: Emulator, seconds: float) -> None:
    with make_client(emulator, connect_timeout=seconds, read_timeout=seconds, total_timeout=seconds) as client:
        response = client.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_a_malformed_region_is_refused_by_the_library() -> None:
    with pytest.raises(InvalidConfigError, match="region"):
        cognito_feedback.Client(region_name="not a region!", ignore_environment=True)


def test_a_setting_the_library_refuses_is_named_with_the_librarys_reason() -> None:
    # Every value Client passes is checked in Python first, so reach the setter directly: a
    # log level outside CognitoLogLevel.
    with pytest.raises(InvalidConfigError) as caught:
        _config.build(_loader.library(), Settings(ignore_environment=True), _logging.make_callback(), 42)
    assert str(caught.value) == (
        "the log level was refused by the library (COGNITO_INVALID_ARGUMENT): level 42 is not one of "
        "COGNITO_LOG_ERROR (1), COGNITO_LOG_WARN (2), COGNITO_LOG_INFO (3), COGNITO_LOG_DEBUG (4), "
        "COGNITO_LOG_TRACE (5)"
    )


def test_the_config_keeps_the_error_of_its_last_setter_call() -> None:
    library = _loader.library()
    config = _config.build(library, Settings(ignore_environment=True), None, None)
    try:
        assert not library.cognito_config_last_error(config)
        assert library.cognito_config_set_region(config, b"eu\xff") != 0
        error = library.cognito_config_last_error(config)
        assert library.cognito_error_field(error) == b"region"
        assert library.cognito_error_message(error) == b"region is not valid UTF-8 (invalid byte at offset 2)"
        assert library.cognito_config_set_region(config, b"eu-west-1") == 0
        assert not library.cognito_config_last_error(config)
    finally:
        library.cognito_config_free(config)


def test_a_missing_ca_bundle_is_refused_by_the_library(tmp_path: Path) -> None:
    with pytest.raises(InvalidConfigError, match="no-such.pem"):
        cognito_feedback.Client(region_name="us-east-1", ca_bundle=tmp_path / "no-such.pem", ignore_environment=True)


def test_the_endpoint_is_resolved_from_the_region() -> None:
    with cognito_feedback.Client(region_name="eu-west-1", ignore_environment=True) as client:
        assert client.meta.endpoint_url == "https://cognito-idp.eu-west-1.amazonaws.com"
    with cognito_feedback.Client(
        region_name="us-gov-west-1", use_fips_endpoint=True, ignore_environment=True
    ) as client:
        assert client.meta.endpoint_url == "https://cognito-idp-fips.us-gov-west-1.amazonaws.com"


def test_the_environment_is_used_unless_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_REGION", "ap-northeast-1")
    with cognito_feedback.Client() as client:
        assert client.meta.endpoint_url == "https://cognito-idp.ap-northeast-1.amazonaws.com"
    with cognito_feedback.Client(region_name="eu-west-1") as client:
        assert client.meta.endpoint_url == "https://cognito-idp.eu-west-1.amazonaws.com"
    with pytest.raises(InvalidConfigError, match="region"):
        cognito_feedback.Client(ignore_environment=True)


def test_the_endpoint_override_is_kept(emulator: Emulator) -> None:
    with make_client(emulator) as client:
        assert client.meta.endpoint_url.rstrip("/") == emulator.url.rstrip("/")
