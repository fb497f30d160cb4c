"""``Config``: botocore's ``botocore.config.Config``, for ``Client(config=...)``.

Code that builds a ``botocore.config.Config`` ports by importing this one instead; a real
``botocore.config.Config`` is accepted too (read by duck typing: botocore is never imported here).
Options keep botocore's meaning:

- ``retries``: ``{"max_attempts": N}`` counts *retries* (N + 1 attempts),
  ``{"total_max_attempts": N}`` counts attempts and wins over ``max_attempts``; ``"mode"`` is
  ``"standard"``, ``"adaptive"`` or ``"legacy"`` (run as ``"standard"``, the only other mode here).
- ``connect_timeout`` and ``read_timeout`` in seconds (``read_timeout`` bounds each attempt);
  ``region_name``; ``user_agent_appid``; ``max_pool_connections`` (the idle connections kept);
  ``proxies`` (``{"https": url}``, ``{"http": url}``: the one for the endpoint's scheme is used);
  ``use_fips_endpoint``, ``use_dualstack_endpoint``.
- Every other botocore option (``signature_version``, ``user_agent_extra``, ``tcp_keepalive``,
  ...) is accepted and has no effect; ``Client`` logs which at debug level.

Only options given explicitly take effect: one left out keeps this package's default (a 3.1 s
connect timeout, where botocore's is 60 s), its environment variable applying as usual. Explicit
``Client`` keyword arguments win over the config, as with ``boto3.client``.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, Optional, Tuple

#: botocore's ``Config`` options in botocore's positional order, with botocore's defaults.
OPTION_DEFAULTS: Dict[str, Any] = {
    "region_name": None,
    "signature_version": None,
    "user_agent": None,
    "user_agent_extra": None,
    "user_agent_appid": None,
    "connect_timeout": 60,
    "read_timeout": 60,
    "parameter_validation": True,
    "max_pool_connections": 10,
    "proxies": None,
    "proxies_config": None,
    "s3": None,
    "retries": None,
    "client_cert": None,
    "inject_host_prefix": True,
    "endpoint_discovery_enabled": None,
    "use_dualstack_endpoint": None,
    "use_fips_endpoint": None,
    "ignore_configured_endpoint_urls": None,
    "defaults_mode": None,
    "tcp_keepalive": None,
    "request_min_compression_size_in_bytes": None,
    "disable_request_compression": None,
    "client_context_params": None,
    "sigv4a_signing_region_set": None,
    "request_checksum_calculation": None,
    "response_checksum_validation": None,
    "account_id_endpoint_mode": None,
    "auth_scheme_preference": None,
}

#: The options that change what this client does; the rest are accepted and have no effect.
EFFECTIVE_OPTIONS = frozenset(
    {
        "region_name",
        "user_agent_appid",
        "connect_timeout",
        "read_timeout",
        "max_pool_connections",
        "proxies",
        "retries",
        "use_dualstack_endpoint",
        "use_fips_endpoint",
    }
)


class Config:
    """Advanced client settings with ``botocore.config.Config``'s signature and meaning.

    Options may be given by keyword or, as botocore allows, positionally in botocore's order.
    Unknown keywords and more positional arguments than options are a ``TypeError``, as in
    botocore. Every option is an attribute (botocore's default when not given).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._user_provided_options = self._record_user_provided_options(args, kwargs)
        for name, default in OPTION_DEFAULTS.items():
            setattr(self, name, self._user_provided_options.get(name, default))

    @staticmethod
    def _record_user_provided_options(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Dict[str, Any]:
        """The options given, by name (botocore's attribute name for the same record)."""
        names = list(OPTION_DEFAULTS)
        if len(args) > len(names):
            raise TypeError(f"Takes at most {len(names)} arguments ({len(args)} given)")
        given: Dict[str, Any] = dict(zip(names, args))
        for name, value in kwargs.items():
            if name not in OPTION_DEFAULTS:
                raise TypeError(f"Got unexpected keyword argument '{name}'")
            if name in given:
                raise TypeError(f"Got multiple values for keyword argument '{name}'")
            given[name] = value
        return given

    def merge(self, other_config: "Config") -> "Config":
        """A new config: this one's options, overridden by those given explicitly in ``other_config``."""
        merged = copy.copy(self._user_provided_options)
        merged.update(provided_options(other_config))
        return Config(**merged)

    def __repr__(self) -> str:
        options = ", ".join(f"{name}={value!r}" for name, value in self._user_provided_options.items())
        return f"Config({options})"


def provided_options(config: Any) -> Dict[str, Any]:
    """The options given explicitly to ``config``: a :class:`Config` or a real
    ``botocore.config.Config`` (recognized by duck typing, so botocore need not be imported).

    Raises ``TypeError`` for anything else.
    """
    options: Optional[Dict[str, Any]] = getattr(config, "_user_provided_options", None)
    cls = type(config)
    is_botocore = cls.__name__ == "Config" and cls.__module__ == "botocore.config"
    if not isinstance(options, dict) or not (isinstance(config, Config) or is_botocore):
        raise TypeError(f"config must be a cognito_feedback.Config or a botocore.config.Config, not {cls.__name__}")
    return dict(options)
