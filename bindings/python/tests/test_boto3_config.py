"""boto3's client arguments: ``config=`` (ours or botocore's ``Config``), ``verify=``, the
credential keywords; and the local errors botocore names (NoRegionError, SSLError)."""

from __future__ import annotations

import logging
import os
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest
from conftest import ALICE, REPO, Emulator, make_client

import cognito_feedback
from cognito_feedback import Config, InvalidConfigError, NoRegionError, SSLError, exceptions
from cognito_feedback._config import _native_settings, client_settings
from cognito_feedback._native import RetryMode

TLS = REPO / "tests" / "data" / "tls"


def native(config: Any = None, verify: Any = None, **explicit: Any) -> Dict[str, Any]:
    """{C setter: value} for a Client made with these arguments (ignore_environment left out)."""
    settings = client_settings(explicit, config=config, verify=verify, ignore_environment=False)
    given = {function: value for function, _, value in _native_settings(settings)}
    del given["cognito_config_set_ignore_environment"]
    return given


def test_retries_count_retries_and_total_max_attempts_counts_attempts() -> None:
    assert native(Config(retries={"max_attempts": 4})) == {"cognito_config_set_max_attempts": 5}
    assert native(Config(retries={"max_attempts": 0})) == {"cognito_config_set_max_attempts": 1}
    assert native(Config(retries={"total_max_attempts": 4, "max_attempts": 9})) == {
        "cognito_config_set_max_attempts": 4
    }
    assert native(Config(retries={"mode": "adaptive"})) == {"cognito_config_set_retry_mode": RetryMode.ADAPTIVE}
    assert native(Config(retries={"mode": "legacy"})) == {"cognito_config_set_retry_mode": RetryMode.STANDARD}


def test_every_effective_option_reaches_the_library() -> None:
    config = Config(
        region_name="eu-west-1",
        connect_timeout=2,
        read_timeout=7.5,
        user_agent_appid="feedback-app",
        max_pool_connections=4,
        proxies={"https": "http://proxy.example:3128", "http": "http://plain.example:3128"},
        use_fips_endpoint=False,
        use_dualstack_endpoint=True,
    )
    assert native(config) == {
        "cognito_config_set_region": b"eu-west-1",
        "cognito_config_set_connect_timeout_ms": 2000,
        "cognito_config_set_attempt_timeout_ms": 7500,
        "cognito_config_set_app_id": b"feedback-app",
        "cognito_config_set_max_pool_connections": 4,
        "cognito_config_set_proxy": b"http://proxy.example:3128",
        "cognito_config_set_use_fips": False,
        "cognito_config_set_use_dualstack": True,
    }
    # The proxy for the endpoint's scheme.
    assert native(config, endpoint_url="http://127.0.0.1:9")["cognito_config_set_proxy"] == b"http://plain.example:3128"


def test_only_options_given_take_effect_and_keywords_win_over_the_config() -> None:
    # botocore's defaults (60 s timeouts, 10 connections) are not forced on this client.
    assert native(Config()) == {}
    assert native(Config("eu-west-1", connect_timeout=9), region_name="us-east-1", connect_timeout=1) == {
        "cognito_config_set_region": b"us-east-1",
        "cognito_config_set_connect_timeout_ms": 1000,
    }


def test_options_with_no_effect_are_accepted_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="cognito_feedback"):
        assert native(Config(signature_version="v4", tcp_keepalive=True, user_agent_extra="x")) == {}
    assert "signature_version, tcp_keepalive, user_agent_extra" in caplog.text


def test_config_has_botocores_signature_attributes_and_merge() -> None:
    config = Config(region_name="eu-west-1", retries={"max_attempts": 2})
    assert (config.region_name, config.connect_timeout, config.max_pool_connections) == ("eu-west-1", 60, 10)
    merged = config.merge(Config(connect_timeout=3))
    assert (merged.region_name, merged.connect_timeout, merged.retries) == ("eu-west-1", 3, {"max_attempts": 2})
    with pytest.raises(TypeError, match="unexpected keyword argument 'retry'"):
        Config(retry={})  # type: ignore[call-arg]


def test_a_real_botocore_config_is_read_and_botocore_is_never_imported_otherwise() -> None:
    import subprocess
    import sys

    probe = "import sys, cognito_feedback; cognito_feedback.Config(); print('botocore' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    botocore_config = pytest.importorskip("botocore.config")
    real = botocore_config.Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=4)
    assert native(real) == {
        "cognito_config_set_max_attempts": 2,
        "cognito_config_set_retry_mode": RetryMode.STANDARD,
        "cognito_config_set_attempt_timeout_ms": 4000,
    }


@pytest.mark.parametrize(
    "config, message",
    [
        ({"retries": {}}, "config must be a cognito_feedback.Config or a botocore.config.Config"),
        (Config(retries=3), "retries must be a dict"),
        (Config(retries={"max_attempt": 3}), "unknown keys: max_attempt"),
        (Config(retries={"max_attempts": -1}), r"retries\['max_attempts'\] must be a whole number from 0"),
        (Config(retries={"mode": "fast"}), "retry_mode must be one of"),
        (Config(max_pool_connections=0), "max_pool_connections must be a whole number from 1"),
        (Config(proxies="http://p:1"), "proxies must be a dict"),
    ],
)
def test_bad_config_options_are_config_errors(config: Any, message: str) -> None:
    with pytest.raises(InvalidConfigError, match=message):
        cognito_feedback.Client(region_name="us-east-1", config=config, ignore_environment=True)


def test_verify_false_and_verify_a_path(tmp_path: Path) -> None:
    assert native(verify=True) == {}
    assert native(verify=False) == {"cognito_config_set_verify_tls": False}
    assert native(verify=str(tmp_path / "ca.pem")) == {
        "cognito_config_set_ca_bundle_path": os.fsencode(tmp_path / "ca.pem")
    }
    with pytest.raises(InvalidConfigError, match="not both"):
        native(verify="a.pem", ca_bundle="b.pem")
    with pytest.raises(InvalidConfigError, match="verify must be True, False or a CA bundle path"):
        native(verify=1)


def test_credentials_are_accepted_ignored_and_logged(emulator: Emulator, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="cognito_feedback"):
        client = make_client(
            emulator, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI", aws_session_token="tok"
        )
    with client:
        client.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE)
    assert "aws_access_key_id, aws_secret_access_key, aws_session_token ignored" in caplog.text
    assert "wJalrXUtnFEMI" not in caplog.text


def test_no_region_is_botocores_no_region_error() -> None:
    with pytest.raises(NoRegionError) as caught:
        cognito_feedback.Client(ignore_environment=True)
    assert str(caught.value) == "You must specify a region."
    assert isinstance(caught.value, InvalidConfigError), "what this package raised before"


@pytest.fixture(scope="module")
def https_url() -> Iterator[str]:
    """An HTTPS endpoint with the test CA's certificate, answering Cognito's success."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            for name, value in (("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", "rid-tls")):
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "server.pem", TLS / "server.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def call(url: str, **settings: Any) -> Dict[str, Any]:
    with cognito_feedback.Client(region_name="us-east-1", endpoint_url=url, ignore_environment=True, **settings) as c:
        return dict(c.update_auth_event_feedback(EventId="evt-alice-1", FeedbackValue="Valid", **ALICE))


def test_an_untrusted_certificate_is_an_ssl_error(https_url: str) -> None:
    with pytest.raises(SSLError) as caught:
        call(https_url)
    assert str(caught.value).startswith(f"SSL validation failed for {https_url} ")
    assert isinstance(caught.value, exceptions.EndpointConnectionError), "what this package raised before"


def test_verify_a_bundle_or_false_makes_the_call_work(https_url: str) -> None:
    assert call(https_url, verify=str(TLS / "ca.pem"))["ResponseMetadata"]["RequestId"] == "rid-tls"
    assert call(https_url, verify=False)["ResponseMetadata"]["RequestId"] == "rid-tls"
