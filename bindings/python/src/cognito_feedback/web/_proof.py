"""The confirmation form's anti-forgery value and the memory of the ones already used.

The value is ``ISSUED.NONCE.MAC``: the Unix time the page was served, a random nonce (each page's
value is its own) and an HMAC-SHA256, under the application's secret, of those, the user pool and
the link's username, event and token. A ``POST`` is accepted only with a value this application
made for that very link, not older than the form's lifetime, and not used before (in this process).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import threading
import time
from typing import Callable, Dict, Union

#: The environment variable ``python -m cognito_feedback.web`` takes the secret from.
SECRET_ENV_VAR = "COGNITO_FEEDBACK_LINK_SECRET"

#: The shortest secret accepted, in bytes (of its UTF-8 when given as text).
MIN_SECRET_BYTES = 32

#: Seconds a form's value may be ahead of this clock (another instance's clock may run ahead).
_CLOCK_SKEW = 60

_CONTEXT = b"cognito-feedback link form v1"

_VALUE = re.compile(r"([0-9]{1,12})\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})")


class MissingSecretError(ValueError):
    """No anti-forgery secret, or one too short to be a secret."""


def secret_bytes(secret: Union[str, bytes, None]) -> bytes:
    """``secret`` as bytes; :class:`MissingSecretError` when it is missing or too short."""
    if secret is None or len(secret) == 0:
        raise MissingSecretError(
            f"no link secret: set {SECRET_ENV_VAR} (or pass secret=) to a random value of at least "
            f"{MIN_SECRET_BYTES} bytes, e.g. the output of `openssl rand -base64 48`"
        )
    raw = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if len(raw) < MIN_SECRET_BYTES:
        raise MissingSecretError(
            f"the link secret is {len(raw)} bytes long; it must be at least {MIN_SECRET_BYTES} "
            "(e.g. the output of `openssl rand -base64 48`)"
        )
    return raw


class FormSigner:
    """Makes and checks the anti-forgery value of the confirmation form."""

    def __init__(self, secret: bytes, max_age_seconds: int, clock: Callable[[], float] = time.time) -> None:
        self._secret = secret
        self._max_age = max_age_seconds
        self._clock = clock
        self._used = UsedValues()

    def issue(self, user_pool_id: str, username: str, event_id: str, token: str, nonce: str = "") -> str:
        """A fresh value for the form of this link (``nonce``: random unless given, for tests)."""
        issued = int(self._clock())
        nonce = nonce or _b64(secrets.token_bytes(12))
        return f"{issued}.{nonce}.{self._mac(issued, nonce, user_pool_id, username, event_id, token)}"

    def accept(self, value: str, user_pool_id: str, username: str, event_id: str, token: str) -> str:
        """``""`` when ``value`` is good for this link (it is then spent), else why it is not."""
        match = _VALUE.fullmatch(value)
        if not match:
            return "malformed"
        issued, nonce, mac = int(match[1]), match[2], match[3]
        expected = self._mac(issued, nonce, user_pool_id, username, event_id, token)
        if not hmac.compare_digest(mac, expected):
            return "forged"
        now = self._clock()
        if issued > now + _CLOCK_SKEW or now - issued > self._max_age:
            return "expired"
        if not self._used.claim(mac, issued + self._max_age + _CLOCK_SKEW, now):
            return "already used"
        return ""

    def _mac(self, issued: int, nonce: str, user_pool_id: str, username: str, event_id: str, token: str) -> str:
        # NUL cannot occur in any of the fields (their constraints exclude control characters).
        fields = (str(issued), nonce, user_pool_id, username, event_id, token)
        message = b"\0".join([_CONTEXT] + [field.encode("utf-8") for field in fields])
        return _b64(hmac.new(self._secret, message, hashlib.sha256).digest())


def _b64(raw: bytes) -> str:
    """``raw`` in unpadded URL-safe base64."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


class UsedValues:
    """The anti-forgery values already spent, each kept until it would have expired anyway."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: Dict[str, float] = {}
        self._purge_at = 1024

    def claim(self, mac: str, keep_until: float, now: float) -> bool:
        """Marks ``mac`` spent; false when it already was."""
        with self._lock:
            if len(self._until) >= self._purge_at:
                self._until = {key: until for key, until in self._until.items() if until >= now}
                self._purge_at = max(1024, 2 * len(self._until))
            if self._until.get(mac, -1.0) >= now:
                return False
            self._until[mac] = keep_until
            return True


