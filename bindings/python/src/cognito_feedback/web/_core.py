"""The framework-neutral handler: a request (method, path, query, headers, body) in, a response
(status, headers, body) out. The WSGI and ASGI apps are thin adapters over it.

``GET`` of a link answers a confirmation page and records nothing (mail scanners fetch links);
only the form's ``POST`` reports the answer to Cognito, then redirects (303) to a result page
whose URL holds no token.
"""

from __future__ import annotations

import logging
import os
import time
import urllib.parse
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from typing import Callable, List, Mapping, Optional, Tuple, Union

from .. import exceptions as errors
from .._types import UpdateAuthEventFeedbackRequestTypeDef
from ..client import Client
from . import _pages
from ._link import BadLink, Click, parse_click, parse_fields
from ._proof import SECRET_ENV_VAR, FormSigner, secret_bytes

#: The logger every message of the handler goes to. No line holds a username or a token.
LOG = logging.getLogger("cognito_feedback.web")

#: The largest request body read, in bytes (the form is a few hundred).
MAX_BODY_BYTES = 8192

#: Seconds a confirmation page's form stays good (default).
FORM_MAX_AGE_SECONDS = 3600

_FORM_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Request:
    """An HTTP request as the core sees it. ``headers`` maps lower-case names to values; ``body``
    is at most :attr:`LinkHandler.max_body_bytes` long (adapters refuse longer ones first)."""

    method: str
    path: str
    query: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Response:
    """An HTTP response: status, headers (name, value) and body."""

    status: int
    headers: Tuple[Tuple[str, str], ...]
    body: bytes

    @property
    def status_line(self) -> str:
        """``"303 See Other"``, as WSGI's ``start_response`` takes it."""
        return f"{self.status} {HTTPStatus(self.status).phrase}"


@dataclass(frozen=True)
class _Report:
    """A confirmed answer to report to Cognito (what a POST turns into before the call)."""

    click: Click
    language: str


class LinkHandler:
    """Serves the two links of Cognito's threat-protection email, safe from mail scanners.

    ``client`` reports the answers (a :class:`cognito_feedback.Client`), ``user_pool_id`` is the
    application's pool, ``secret`` keys the forms' anti-forgery value (at least 32 bytes; the
    same on every instance behind one address). ``path`` is where the links point, as the
    application sees it; ``translations`` maps a language tag to pages' text (see
    ``pages.json``); ``form_max_age_seconds`` is how long a confirmation page's form stays
    good; ``clock`` gives the time (tests set it). :meth:`from_environment` takes the secret from
    ``COGNITO_FEEDBACK_LINK_SECRET``.
    """

    def __init__(
        self,
        client: Client,
        user_pool_id: str,
        secret: Union[str, bytes, None],
        *,
        path: str = "/feedback",
        translations: Optional[Mapping[str, _pages.Translation]] = None,
        form_max_age_seconds: int = FORM_MAX_AGE_SECONDS,
        max_body_bytes: int = MAX_BODY_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/', not {path!r}")
        if form_max_age_seconds <= 0 or max_body_bytes <= 0:
            raise ValueError("form_max_age_seconds and max_body_bytes must be positive")
        self._client = client
        self._user_pool_id = user_pool_id
        self._signer = FormSigner(secret_bytes(secret), form_max_age_seconds, clock)
        self._catalog = _pages.Catalog(translations)
        #: The path the links point at.
        self.path = path
        #: The largest body a request may have; adapters answer 413 to a longer one unread.
        self.max_body_bytes = max_body_bytes
        # The form posts to the path's last segment: relative, so a reverse proxy may mount the
        # handler under any prefix.
        self._form_action = path.rsplit("/", 1)[1] or "./"

    @classmethod
    def from_environment(cls, client: Client, user_pool_id: str, **options: object) -> "LinkHandler":
        """A handler whose secret is ``$COGNITO_FEEDBACK_LINK_SECRET``; missing or short is an error."""
        return cls(client, user_pool_id, os.environ.get(SECRET_ENV_VAR), **options)  # type: ignore[arg-type]

    # -- the entry points ----------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        """The response to ``request``; reports to Cognito (blocking) when it is a confirmed answer."""
        decision = self._decide(request)
        if isinstance(decision, Response):
            return decision
        try:
            self._client.update_auth_event_feedback(**self._call(decision.click))
        except Exception as error:  # noqa: BLE001 - every failure becomes a page, logged there
            return self._reported(decision, error)
        return self._reported(decision, None)

    async def handle_async(self, request: Request) -> Response:
        """:meth:`handle` for asyncio: the report to Cognito does not block the event loop."""
        decision = self._decide(request)
        if isinstance(decision, Response):
            return decision
        try:
            await self._client.update_auth_event_feedback_async(**self._call(decision.click))
        except Exception as error:  # noqa: BLE001 - every failure becomes a page, logged there
            return self._reported(decision, error)
        return self._reported(decision, None)

    def body_too_large(self, request: Request) -> Response:
        """The 413 page, for a request whose body an adapter refused to read (longer than
        :attr:`max_body_bytes`, or of no stated length)."""
        return self._page("too-large", self._catalog.choose(request.headers.get("accept-language", "")))

    # -- deciding ------------------------------------------------------------------------------

    def _decide(self, request: Request) -> Union[Response, _Report]:
        language = self._catalog.choose(request.headers.get("accept-language", ""))
        try:
            if request.path != self.path:
                return self._page("not-found", language)
            if request.method == "HEAD":
                return replace(self._get(request, language), body=b"")
            if request.method == "GET":
                return self._get(request, language)
            if request.method == "POST":
                return self._post(request, language)
            return self._page("method-not-allowed", language, extra=(("Allow", "GET, HEAD, POST"),))
        except Exception:  # the user gets a page whatever happens; the log gets the traceback
            LOG.exception("unexpected failure answering %s %s", request.method, self.path)
            return self._page("internal-error", language)

    def _get(self, request: Request, language: str) -> Response:
        if "outcome" in dict(urllib.parse.parse_qsl(request.query, keep_blank_values=True)):
            # The result page a POST redirected to: its URL holds no token and it records nothing.
            try:
                outcome = parse_fields(request.query, ("outcome",))["outcome"]
            except BadLink:
                outcome = ""
            return self._page(outcome if outcome in _pages.RESULT_PAGES else "broken-link", language)
        try:
            click = parse_click(request.query)
        except BadLink as problem:
            LOG.warning("refused a feedback link: %s", problem)
            return self._page("broken-link", language)
        form = _pages.Form(
            action=self._form_action,
            hidden=(
                ("username", click.username),
                ("event", click.event_id),
                ("token", click.token),
                ("proof", self._signer.issue(self._user_pool_id, click.username, click.event_id, click.token)),
            ),
            verdict=click.verdict,
        )
        LOG.info("confirmation page for event %s (link says %s)", click.event_id, click.verdict)
        return self._page("confirm", language, form=form)

    def _post(self, request: Request, language: str) -> Union[Response, _Report]:
        content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if content_type != _FORM_TYPE:
            return self._page("unsupported-form", language)
        if len(request.body) > self.max_body_bytes:
            return self._page("too-large", language)
        try:
            body = request.body.decode("ascii")
            click = parse_click(body)
            proof = parse_fields(body, ("proof",))["proof"]
        except (UnicodeDecodeError, BadLink) as problem:
            LOG.warning("refused a feedback form: %s", problem)
            return self._page("broken-link", language)
        refusal = self._signer.accept(proof, self._user_pool_id, click.username, click.event_id, click.token)
        if refusal:
            LOG.warning("refused the feedback form for event %s: its anti-forgery value is %s", click.event_id, refusal)
            return self._page("stale-form", language)
        return _Report(click, language)

    # -- reporting -----------------------------------------------------------------------------

    def _call(self, click: Click) -> UpdateAuthEventFeedbackRequestTypeDef:
        """The keyword arguments of UpdateAuthEventFeedback for ``click``."""
        return {
            "UserPoolId": self._user_pool_id,
            "Username": click.username,
            "EventId": click.event_id,
            "FeedbackToken": click.token,
            "FeedbackValue": click.feedback_value,
        }

    def _reported(self, report: _Report, error: Optional[BaseException]) -> Response:
        """The redirect to the result page for the call's outcome, after logging it."""
        event = report.click.event_id
        if error is None:
            LOG.info("feedback recorded: event %s is %s", event, report.click.feedback_value)
            outcome = f"recorded-{report.click.verdict}"
        elif isinstance(error, errors.ParamValidationError):
            # Found before sending (also an InvalidParameterException, for boto3-style handlers).
            outcome = "broken-link"
            LOG.error("feedback for event %s not recorded: %s", event, type(error).__name__)
        elif isinstance(error, errors.ClientError):
            code = str(error.response.get("Error", {}).get("Code", "?"))
            request_id = error.response.get("ResponseMetadata", {}).get("RequestId", "?")
            outcome = _pages.COGNITO_ERROR_PAGES.get(code, "error")
            log = LOG.warning if outcome != "error" else LOG.error
            log("feedback for event %s not recorded: %s (request id %s)", event, _printable(code), _printable(request_id))
        elif isinstance(error, errors.CognitoFeedbackError):
            outcome = "error"
            LOG.error("feedback for event %s not recorded: %s", event, type(error).__name__)
        else:
            LOG.error("feedback for event %s not recorded: unexpected %s", event, type(error).__name__)
            outcome = "error"
        if outcome not in _pages.RESULT_PAGES:
            return self._page(outcome, report.language)
        return Response(303, _security_headers() + (("Location", f"?outcome={outcome}"), ("Content-Length", "0")), b"")

    # -- pages ---------------------------------------------------------------------------------

    def _page(
        self, name: str, language: str, form: Optional[_pages.Form] = None, extra: Tuple[Tuple[str, str], ...] = ()
    ) -> Response:
        body = _pages.render(language, self._catalog.text(language, name), form)
        headers: List[Tuple[str, str]] = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Content-Language", language),
            ("Vary", "Accept-Language"),
        ]
        if name == "busy":
            headers.append(("Retry-After", str(_pages.RETRY_AFTER_SECONDS)))
        return Response(_pages.STATUS[name], _security_headers() + tuple(headers) + extra, body)


def _security_headers() -> Tuple[Tuple[str, str], ...]:
    return (
        ("Cache-Control", "no-store"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Security-Policy", _pages.CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
    )


def _printable(text: str) -> str:
    """Network text made safe for a log line: printable ASCII, at most 200 characters."""
    return "".join(c if " " <= c <= "~" else "?" for c in text[:200])
