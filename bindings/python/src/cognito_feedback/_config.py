"""Checks the ``Client`` settings and turns them into a native ``CognitoConfig``.

Python-side mistakes (a wrong type, a negative timeout, an unknown retry mode) become
:class:`InvalidConfigError` naming the setting; the library checks the rest (a malformed region,
FIPS with an endpoint override, an unreadable CA bundle) when the client is created.
"""

from __future__ import annotations

import ctypes
import math
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple, Union

from ._errors import require_ok, status_name
from ._logging import LOGGER
from ._native import ConfigPtr, RetryMode, Status
from .config import EFFECTIVE_OPTIONS, provided_options
from .exceptions import InvalidConfigError

if TYPE_CHECKING:
    from ._native import ConfigHandle, LogCallbackObject

#: ``retry_mode`` values, as botocore spells them.
RETRY_MODES = {"standard": RetryMode.STANDARD, "adaptive": RetryMode.ADAPTIVE}

#: botocore ``Config`` options that are ``Client`` settings of the same name and meaning.
SAME_NAME_OPTIONS = ("region_name", "connect_timeout", "read_timeout", "use_fips_endpoint", "use_dualstack_endpoint")

#: The credential keywords of ``boto3.client``: accepted, never used (the call is unsigned).
CREDENTIAL_KEYWORDS = ("aws_access_key_id", "aws_secret_access_key", "aws_session_token")

_U32_MAX = 2**32 - 1
_U64_MAX = 2**64 - 1


@dataclass(frozen=True)
class Settings:
    """The ``Client`` keyword arguments; ``None`` means "environment variable, else the config
    file's profile, else default"."""

    region_name: Optional[str] = None
    endpoint_url: Optional[str] = None
    use_fips_endpoint: Optional[bool] = None
    use_dualstack_endpoint: Optional[bool] = None
    connect_timeout: Optional[float] = None
    read_timeout: Optional[float] = None
    total_timeout: Optional[float] = None
    max_attempts: Optional[int] = None
    retry_mode: Optional[str] = None
    ca_bundle: Optional[Union[str, "os.PathLike[str]"]] = None
    app_id: Optional[str] = None
    ignore_environment: bool = False
    verify_tls: Optional[bool] = None
    max_pool_connections: Optional[int] = None
    proxy: Optional[str] = None
    profile_name: Optional[str] = None
    max_concurrency: Optional[int] = None


def client_settings(explicit: Mapping[str, Any], config: Any, verify: Any, ignore_environment: bool) -> Settings:
    """The settings of a ``Client``: its keyword arguments (``explicit``, ``None`` meaning not
    given) over ``verify`` over the ``Config``'s options, as in ``boto3.client``."""
    fields: Dict[str, Any] = {}
    if config is not None:
        fields.update(from_botocore_config(config, explicit.get("endpoint_url")))
    verify_fields = verify_settings(verify)
    if explicit.get("ca_bundle") is not None and "ca_bundle" in verify_fields:
        raise InvalidConfigError("give the CA bundle as verify or as ca_bundle, not both")
    fields.update(verify_fields)
    fields.update({name: value for name, value in explicit.items() if value is not None})
    return Settings(ignore_environment=ignore_environment, **fields)


def from_botocore_config(config: Any, endpoint_url: Optional[str]) -> Dict[str, Any]:
    """The :class:`Settings` fields a ``Config`` (ours or botocore's) gives explicitly.

    ``endpoint_url`` (the explicit one, if any) picks the proxy: ``proxies["http"]`` for an
    ``http://`` endpoint, else ``proxies["https"]``.
    """
    try:
        options = provided_options(config)
    except TypeError as error:
        raise InvalidConfigError(str(error)) from None
    fields: Dict[str, Any] = {name: options[name] for name in SAME_NAME_OPTIONS if name in options}
    if "user_agent_appid" in options:
        fields["app_id"] = options["user_agent_appid"]
    if "max_pool_connections" in options:
        fields["max_pool_connections"] = options["max_pool_connections"]
    if options.get("retries") is not None:
        fields.update(_retries(options["retries"]))
    if options.get("proxies"):
        fields.update(_proxy(options["proxies"], endpoint_url))
    ignored = sorted(name for name in options if name not in EFFECTIVE_OPTIONS)
    if ignored:
        LOGGER.debug("Config options with no effect on UpdateAuthEventFeedback: %s", ", ".join(ignored))
    return fields


def _retries(retries: Any) -> Dict[str, Any]:
    """botocore's ``retries`` dict as ``max_attempts`` (attempts) and ``retry_mode``."""
    if not isinstance(retries, Mapping):
        raise InvalidConfigError(f"retries must be a dict, not {type(retries).__name__}")
    unknown = set(retries) - {"max_attempts", "total_max_attempts", "mode"}
    if unknown:
        raise InvalidConfigError(f"retries has unknown keys: {', '.join(sorted(map(str, unknown)))}")
    fields: Dict[str, Any] = {}
    if "total_max_attempts" in retries:
        fields["max_attempts"] = retries["total_max_attempts"]
    elif "max_attempts" in retries:
        # botocore counts retries here: N retries are N + 1 attempts.
        retries_wanted = retries["max_attempts"]
        if isinstance(retries_wanted, bool) or not isinstance(retries_wanted, int) or retries_wanted < 0:
            raise InvalidConfigError(f"retries['max_attempts'] must be a whole number from 0, not {retries_wanted!r}")
        fields["max_attempts"] = retries_wanted + 1
    if "mode" in retries:
        mode = retries["mode"]
        if mode == "legacy":
            LOGGER.debug("retry mode 'legacy' runs as 'standard', the SDKs' current mode")
            mode = "standard"
        fields["retry_mode"] = mode
    return fields


def _proxy(proxies: Any, endpoint_url: Optional[str]) -> Dict[str, Any]:
    """botocore's ``proxies`` dict as the one proxy URL for this client's endpoint."""
    if not isinstance(proxies, Mapping):
        raise InvalidConfigError(f"proxies must be a dict, not {type(proxies).__name__}")
    scheme = "http" if endpoint_url is not None and endpoint_url.lower().startswith("http://") else "https"
    return {"proxy": proxies[scheme]} if proxies.get(scheme) else {}


def verify_settings(verify: Any) -> Dict[str, Any]:
    """boto3's ``verify``: ``False`` turns certificate checks off, a path is the CA bundle."""
    if verify is None or verify is True:
        return {}
    if verify is False:
        return {"verify_tls": False}
    if isinstance(verify, (str, os.PathLike)):
        return {"ca_bundle": verify}
    raise InvalidConfigError(f"verify must be True, False or a CA bundle path, not {verify!r}")


def ignore_credentials(credentials: Mapping[str, Any]) -> None:
    """Logs (debug) that credentials were given and are not used: the call is unsigned."""
    given = [name for name in CREDENTIAL_KEYWORDS if credentials.get(name) is not None]
    if given:
        LOGGER.debug(
            "%s ignored: UpdateAuthEventFeedback is unauthenticated, so no request is signed", ", ".join(given)
        )


def _text(name: str, value: Any) -> bytes:
    """A str setting as UTF-8, or an error naming the setting."""
    if not isinstance(value, str):
        raise InvalidConfigError(f"{name} must be a str, not {type(value).__name__}")
    if "\x00" in value:
        raise InvalidConfigError(f"{name} must not contain a NUL character")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidConfigError(f"{name} is not valid Unicode text") from error


def _flag(name: str, value: Any) -> bool:
    """A bool setting, or an error naming it."""
    if not isinstance(value, bool):
        raise InvalidConfigError(f"{name} must be True or False, not {value!r}")
    return value


def _milliseconds(name: str, seconds: Any) -> int:
    """A positive timeout in seconds as whole milliseconds, rounded up (never shorter than asked)."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise InvalidConfigError(f"{name} must be a number of seconds, not {type(seconds).__name__}")
    if not math.isfinite(seconds) or seconds <= 0:
        raise InvalidConfigError(f"{name} must be a positive, finite number of seconds, not {seconds!r}")
    return min(math.ceil(seconds * 1000), _U64_MAX)


def _count(name: str, value: Any) -> int:
    """A count setting (``max_attempts``, ``max_concurrency``, ``max_pool_connections``): an int
    from 1, or an error."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _U32_MAX:
        raise InvalidConfigError(f"{name} must be a whole number from 1 to {_U32_MAX}, not {value!r}")
    return value


def _retry_mode(value: Any) -> RetryMode:
    """``retry_mode``: ``"standard"`` or ``"adaptive"``, or an error."""
    if value not in RETRY_MODES:
        raise InvalidConfigError(f"retry_mode must be one of {', '.join(map(repr, RETRY_MODES))}, not {value!r}")
    return RETRY_MODES[value]


def _path(value: Any) -> bytes:
    """``ca_bundle``: a str or path-like naming a file, as UTF-8."""
    try:
        path = os.fspath(value)
    except TypeError as error:
        raise InvalidConfigError(f"ca_bundle must be a path, not {type(value).__name__}") from error
    return _text("ca_bundle", os.fsdecode(path))


def _native_settings(s: Settings) -> List[Tuple[str, str, Any]]:
    """(C setter, setting name, checked C value) for every setting given, checked before any C call."""
    given: List[Tuple[str, str, Any]] = []
    if s.region_name is not None:
        given.append(("cognito_config_set_region", "region_name", _text("region_name", s.region_name)))
    if s.endpoint_url is not None:
        given.append(("cognito_config_set_endpoint_url", "endpoint_url", _text("endpoint_url", s.endpoint_url)))
    if s.use_fips_endpoint is not None:
        given.append(
            ("cognito_config_set_use_fips", "use_fips_endpoint", _flag("use_fips_endpoint", s.use_fips_endpoint))
        )
    if s.use_dualstack_endpoint is not None:
        given.append(
            (
                "cognito_config_set_use_dualstack",
                "use_dualstack_endpoint",
                _flag("use_dualstack_endpoint", s.use_dualstack_endpoint),
            )
        )
    for function, name, seconds in (
        ("cognito_config_set_connect_timeout_ms", "connect_timeout", s.connect_timeout),
        ("cognito_config_set_attempt_timeout_ms", "read_timeout", s.read_timeout),
        ("cognito_config_set_total_timeout_ms", "total_timeout", s.total_timeout),
    ):
        if seconds is not None:
            given.append((function, name, _milliseconds(name, seconds)))
    if s.max_attempts is not None:
        given.append(("cognito_config_set_max_attempts", "max_attempts", _count("max_attempts", s.max_attempts)))
    if s.max_concurrency is not None:
        given.append(
            ("cognito_config_set_max_concurrency", "max_concurrency", _count("max_concurrency", s.max_concurrency))
        )
    if s.retry_mode is not None:
        given.append(("cognito_config_set_retry_mode", "retry_mode", _retry_mode(s.retry_mode)))
    if s.ca_bundle is not None:
        given.append(("cognito_config_set_ca_bundle_path", "ca_bundle", _path(s.ca_bundle)))
    if s.app_id is not None:
        given.append(("cognito_config_set_app_id", "app_id", _text("app_id", s.app_id)))
    if s.verify_tls is not None:
        given.append(("cognito_config_set_verify_tls", "verify", _flag("verify", s.verify_tls)))
    if s.max_pool_connections is not None:
        given.append(
            (
                "cognito_config_set_max_pool_connections",
                "max_pool_connections",
                _count("max_pool_connections", s.max_pool_connections),
            )
        )
    if s.proxy is not None:
        given.append(("cognito_config_set_proxy", "proxies", _text("proxies", s.proxy)))
    if s.profile_name is not None:
        given.append(("cognito_config_set_profile", "profile_name", _text("profile_name", s.profile_name)))
    given.append(
        (
            "cognito_config_set_ignore_environment",
            "ignore_environment",
            _flag("ignore_environment", s.ignore_environment),
        )
    )
    return given


def build(
    library: ctypes.CDLL, settings: Settings, log_callback: "Optional[LogCallbackObject]", log_level: Optional[int]
) -> "ConfigHandle":
    """A native config holding ``settings``; the caller frees it with ``cognito_config_free``.

    ``log_callback`` (``None``: no logging) receives messages up to ``log_level``."""
    given = _native_settings(settings)
    config = ConfigPtr()
    require_ok(library, library.cognito_config_new(ctypes.byref(config)), "cognito_config_new")
    try:
        for function, name, value in given:
            _set(library, config, function, name, value)
        if log_callback is not None and log_level is not None:
            _set(library, config, "cognito_config_set_log_callback", "the log callback", log_callback, None)
            _set(library, config, "cognito_config_set_log_level", "the log level", log_level)
    except BaseException:
        library.cognito_config_free(config)
        raise
    return config


def _set(library: ctypes.CDLL, config: "ConfigHandle", function: str, name: str, *values: Any) -> None:
    """Calls the setter ``function`` with ``values``; a refusal is :class:`InvalidConfigError`
    naming the setting ``name``, with the library's reason (``cognito_config_last_error``)."""
    status = getattr(library, function)(config, *values)
    if status == Status.OK:
        return
    reason = library.cognito_config_last_error(config)
    detail = library.cognito_error_message(reason).decode("utf-8", "replace") if reason else "no reason given"
    raise InvalidConfigError(f"{name} was refused by the library ({status_name(library, status)}): {detail}")
