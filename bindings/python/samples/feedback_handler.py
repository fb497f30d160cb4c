"""A sample web handler for the links in Amazon Cognito's threat-protection email.

When threat protection finds a sign-in risky, Cognito emails the user with the event's details and
two links the application puts in the email template, built from Cognito's placeholders:

    https://app.example.com/feedback?username={username}&event={event-id}&token={feedback-token}&verdict=valid
    https://app.example.com/feedback?username={username}&event={event-id}&token={feedback-token}&verdict=invalid

This handler receives the click (``GET /feedback?...``), checks the query, reports the user's
answer to Cognito with ``update_auth_event_feedback`` and answers the user with a page. Every error
a user can meet gets a page that says what to do: a broken link, an expired or already used link,
a link for an account or a sign-in that no longer exists, a busy service, anything else.

The feedback token is a secret: no page shows it and no log line contains it (nor the username).

Run it (Python standard library only, plus the ``cognito_feedback`` package)::

    python3 feedback_handler.py --port 8000 --endpoint-url http://127.0.0.1:PORT --region us-east-1

It prints its base URL first, then serves until interrupted. Or import it and use
:func:`make_server` (or :func:`answer_click` alone) with a ``cognito_feedback.Client`` you made.

One thing to weigh before production: some mail security scanners fetch every link in an email.
A link that records feedback on ``GET`` can then be "clicked" by the scanner. Serving a page with
a confirmation button that ``POST``s is the safer shape; this sample follows the simpler one.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import signal
import sys
import threading
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Sequence, Tuple

import cognito_feedback
from cognito_feedback import exceptions as errors

#: The logger every message of this handler goes to.
LOG = logging.getLogger("feedback_handler")

#: The path the email's links point at.
FEEDBACK_PATH = "/feedback"

#: The user pool of the emulator's default fixture, used when none is given.
DEFAULT_USER_POOL_ID = "us-east-1_PlusPool1"

#: The link's ``verdict`` and the FeedbackValue it stands for.
VERDICTS = {"valid": "Valid", "invalid": "Invalid"}

#: The query parameters a link carries, each exactly once (others are ignored: mail programs add
#: tracking parameters).
PARAMETERS = ("username", "event", "token", "verdict")

#: Seconds a busy user is asked to wait (also sent as ``Retry-After``).
RETRY_AFTER_SECONDS = 60

_EVENT_ID = re.compile(r"[A-Za-z0-9_+-]{1,50}")
_FEEDBACK_TOKEN = re.compile(r"[A-Za-z0-9_=.-]+")
_BAD_PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_TOKEN_IN_TEXT = re.compile(r"(token=)[^&\s'\"]*", re.IGNORECASE)


class BadLink(ValueError):
    """The link's query cannot be a feedback link; the message says why without quoting it."""


@dataclass(frozen=True)
class Click:
    """What a valid feedback link says. ``repr`` hides the username and the token."""

    username: str = field(repr=False)
    event_id: str
    token: str = field(repr=False)
    feedback_value: str


@dataclass(frozen=True)
class Page:
    """An answer for the user's browser."""

    status: int
    title: str
    paragraphs: Tuple[str, ...]
    headers: Tuple[Tuple[str, str], ...] = ()

    def render(self) -> bytes:
        """The page as UTF-8 HTML. Its text is fixed: nothing from the request is echoed."""
        body = "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in self.paragraphs)
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(self.title, quote=False)}</title>"
            "<style>body{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em;"
            "line-height:1.5}</style></head>"
            f"<body><h1>{html.escape(self.title, quote=False)}</h1>{body}</body></html>\n"
        ).encode("utf-8")


# -- the pages a user can see ---------------------------------------------------------------------

NOTED_AS_YOU = Page(
    HTTPStatus.OK,
    "Thanks \N{EM DASH} we've noted this was you",
    ("Thanks for confirming that the recent sign-in to your account was you.",
     "There is nothing else you need to do."),
)

SECURED = Page(
    HTTPStatus.OK,
    "Thanks \N{EM DASH} we've secured your account",
    ("We've reported that sign-in as not you, which helps us stop sign-ins like it.",
     "To be safe, please change your password now, and turn on two-step verification if you "
     "haven't already."),
)

BROKEN_LINK = Page(
    HTTPStatus.BAD_REQUEST,
    "This link doesn't work",
    ("The link you followed is incomplete or was changed on the way; some email programs break "
     "long links.",
     "Please go back to the email and click the link again, or copy the whole link into your "
     "browser's address bar."),
)

EXPIRED_LINK = Page(
    HTTPStatus.FORBIDDEN,
    "This link has expired or was already used",
    ("For your security, the links in our security emails stop working after a while, or once "
     "they have been used.",
     "If you don't recognise a recent sign-in to your account, please change your password now."),
)

UNKNOWN_ACCOUNT = Page(
    HTTPStatus.NOT_FOUND,
    "We couldn't find your account",
    ("This link belongs to an account we can't find. If the email was forwarded to you, please "
     "ask the person it was meant for to use the link themselves.",),
)

UNKNOWN_SIGN_IN = Page(
    HTTPStatus.NOT_FOUND,
    "We couldn't find that sign-in",
    ("The sign-in this link is about is no longer on record, so there is nothing to confirm.",
     "If you don't recognise a recent sign-in to your account, please change your password now."),
)

BUSY = Page(
    HTTPStatus.SERVICE_UNAVAILABLE,
    "We're busy right now",
    ("We couldn't record your answer because our service is busy.",
     "Please wait a minute, then click the link in the email again."),
    headers=(("Retry-After", str(RETRY_AFTER_SECONDS)),),
)

SOMETHING_WENT_WRONG = Page(
    HTTPStatus.BAD_GATEWAY,
    "Something went wrong on our side",
    ("We couldn't record your answer just now. Please try the link in the email again later.",
     "If you don't recognise a recent sign-in to your account, change your password now: you "
     "don't need to wait for this."),
)

NOT_FOUND = Page(
    HTTPStatus.NOT_FOUND,
    "Page not found",
    ("There is no page at this address. The links in our security emails start with /feedback.",),
)

METHOD_NOT_ALLOWED = Page(
    HTTPStatus.METHOD_NOT_ALLOWED,
    "This page only opens from a link",
    ("Open the link in our security email in your browser.",),
    headers=(("Allow", "GET"),),
)

#: The page for each service error a user can meet; any other error gets SOMETHING_WENT_WRONG.
ERROR_PAGES: Tuple[Tuple[type, Page], ...] = (
    (errors.NotAuthorizedException, EXPIRED_LINK),
    (errors.UserNotFoundException, UNKNOWN_ACCOUNT),
    (errors.ResourceNotFoundException, UNKNOWN_SIGN_IN),
    (errors.TooManyRequestsException, BUSY),
)


# -- the query ------------------------------------------------------------------------------------

def _is_valid_username(name: str) -> bool:
    """Cognito's Username constraint: 1-128 UTF-16 code units of letters, marks, symbols,
    numbers and punctuation."""
    units = len(name.encode("utf-16-le")) // 2
    return 1 <= units <= 128 and all(unicodedata.category(c)[0] in "LMSNP" for c in name)


def parse_click(query: str) -> Click:
    """The click a link's query describes; :class:`BadLink` when it is missing or garbled.

    Each of ``username``, ``event``, ``token`` and ``verdict`` must be there exactly once, be
    well percent-encoded UTF-8, and fit what Cognito accepts; other parameters are ignored.
    """
    if _BAD_PERCENT_ESCAPE.search(query):
        raise BadLink("the query has a malformed percent-escape")
    try:
        pairs = urllib.parse.parse_qsl(query, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadLink("the query is not UTF-8 once decoded") from None
    values: Dict[str, List[str]] = {}
    for name, value in pairs:
        if name in PARAMETERS:
            values.setdefault(name, []).append(value)
    for name in PARAMETERS:
        given = values.get(name, [])
        if not given or given == [""]:
            raise BadLink(f"parameter '{name}' is missing or empty")
        if len(given) > 1:
            raise BadLink(f"parameter '{name}' is given {len(given)} times")
    username, event_id, token, verdict = (values[name][0] for name in PARAMETERS)
    if not _is_valid_username(username):
        raise BadLink("parameter 'username' is not a valid Cognito username")
    if not _EVENT_ID.fullmatch(event_id):
        raise BadLink("parameter 'event' is not a valid Cognito EventId")
    if not _FEEDBACK_TOKEN.fullmatch(token):
        raise BadLink("parameter 'token' is not a valid feedback token")
    if verdict.lower() not in VERDICTS:
        raise BadLink("parameter 'verdict' is neither 'valid' nor 'invalid'")
    return Click(username=username, event_id=event_id, token=token, feedback_value=VERDICTS[verdict.lower()])


# -- the answer -----------------------------------------------------------------------------------

def answer_click(client: cognito_feedback.Client, user_pool_id: str, query: str) -> Page:
    """Reports the click described by ``query`` (the link's query string) and picks the page.

    A query that is not a feedback link gets :data:`BROKEN_LINK` without any call to Cognito.
    """
    try:
        click = parse_click(query)
    except BadLink as problem:
        LOG.warning("refused a feedback link: %s", problem)
        return BROKEN_LINK
    try:
        response = client.update_auth_event_feedback(
            UserPoolId=user_pool_id,
            Username=click.username,
            EventId=click.event_id,
            FeedbackToken=click.token,
            FeedbackValue=click.feedback_value,
        )
    except errors.ClientError as error:
        return _service_error_page(click, error)
    except errors.CognitoFeedbackError as error:
        page = BROKEN_LINK if isinstance(error, errors.ParamValidationError) else SOMETHING_WENT_WRONG
        LOG.error("feedback for event %s not recorded: %s", click.event_id, type(error).__name__)
        return page
    request_id = response["ResponseMetadata"].get("RequestId", "?")
    LOG.info("feedback recorded: event %s is %s (request id %s)", click.event_id, click.feedback_value, request_id)
    if click.feedback_value == "Invalid":
        # A real application would act here too, for instance sign the user out everywhere
        # (AdminUserGlobalSignOut) and require a new password at the next sign-in.
        return SECURED
    return NOTED_AS_YOU


def _service_error_page(click: Click, error: "errors.ClientError") -> Page:
    """The page for an error Cognito answered, logged with its code and request id."""
    details = error.response.get("Error", {})
    request_id = error.response.get("ResponseMetadata", {}).get("RequestId", "?")
    page = next((page for kind, page in ERROR_PAGES if isinstance(error, kind)), SOMETHING_WENT_WRONG)
    log = LOG.warning if page is not SOMETHING_WENT_WRONG else LOG.error
    log(
        "feedback for event %s not recorded: %s: %s (request id %s)",
        click.event_id,
        details.get("Code", "?"),
        _redact(str(details.get("Message", ""))),
        request_id,
    )
    return page


def _redact(text: str) -> str:
    """``text`` with any ``token=...`` value hidden (a second guard; nothing should carry one)."""
    return _TOKEN_IN_TEXT.sub(r"\1[redacted]", text)


# -- the HTTP server ------------------------------------------------------------------------------

class FeedbackServer(ThreadingHTTPServer):
    """An HTTP server answering feedback links with one shared ``cognito_feedback.Client``."""

    daemon_threads = True

    def __init__(self, address: Tuple[str, int], client: cognito_feedback.Client, user_pool_id: str) -> None:
        super().__init__(address, FeedbackRequestHandler)
        #: The client every request uses (thread-safe, keeps its connections alive).
        self.client = client
        #: The application's user pool.
        self.user_pool_id = user_pool_id

    @property
    def url(self) -> str:
        """The base URL, ``http://HOST:PORT``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class FeedbackRequestHandler(BaseHTTPRequestHandler):
    """Answers ``GET /feedback?...``; everything else gets a friendly 404 or 405."""

    server: FeedbackServer
    server_version = "feedback-handler"

    def version_string(self) -> str:
        """The ``Server`` header: no Python version for the world to see."""
        return self.server_version

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path != FEEDBACK_PATH:
            self._send(NOT_FOUND)
            return
        try:
            page = answer_click(self.server.client, self.server.user_pool_id, query)
        except Exception:  # the user gets a page whatever happens; the log gets the traceback
            LOG.exception("unexpected failure answering a feedback link")
            page = Page(HTTPStatus.INTERNAL_SERVER_ERROR, SOMETHING_WENT_WRONG.title, SOMETHING_WENT_WRONG.paragraphs)
        self._send(page)

    def _not_allowed(self) -> None:
        self._send(METHOD_NOT_ALLOWED)

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        """Malformed requests get a fixed page: the default one would quote the request line."""
        self.close_connection = True
        try:
            status = HTTPStatus(code)
        except ValueError:
            status = HTTPStatus.BAD_REQUEST
        self._send(Page(status, BROKEN_LINK.title, BROKEN_LINK.paragraphs))

    def _send(self, page: Page) -> None:
        body = page.render()
        self.send_response(page.status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        # The URL holds a token: keep it out of caches and out of Referer headers.
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in page.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        """One access-log line: method, path without its query (the token), status."""
        method = getattr(self, "command", None) or "-"
        path = (getattr(self, "path", None) or "-").partition("?")[0]
        LOG.info("%s %s -> %s", method, path, int(code))

    def log_message(self, format: str, *args: Any) -> None:
        """Other messages of http.server, redacted in case they quote the request line."""
        LOG.warning("%s", _redact(format % args))


def make_server(
    client: cognito_feedback.Client,
    user_pool_id: str = DEFAULT_USER_POOL_ID,
    host: str = "127.0.0.1",
    port: int = 0,
) -> FeedbackServer:
    """A server bound to ``host:port`` (port 0: any free one); call ``serve_forever()`` on it."""
    return FeedbackServer((host, port), client, user_pool_id)


# -- the command line -----------------------------------------------------------------------------

def _arguments(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Serve the 'this was me' / 'this wasn't me' links of Cognito's threat-protection email.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default 8000)")
    parser.add_argument("--user-pool-id", default=DEFAULT_USER_POOL_ID,
                        help=f"the application's user pool (default {DEFAULT_USER_POOL_ID}, the emulator's)")
    parser.add_argument("--region", default=None, help="AWS Region (default: AWS_REGION / AWS_DEFAULT_REGION)")
    parser.add_argument("--endpoint-url", default=None, help="Cognito endpoint override, e.g. the emulator's URL")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the server; prints its URL as the first line on stdout."""
    args = _arguments(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        client = cognito_feedback.Client(region_name=args.region, endpoint_url=args.endpoint_url)
    except cognito_feedback.CognitoFeedbackError as error:
        print(f"feedback_handler: cannot create the Cognito client: {error}", file=sys.stderr)
        return 2
    with client, make_server(client, args.user_pool_id, args.host, args.port) as server:
        print(server.url, flush=True)

        def _stop(signum: int, frame: Any) -> None:
            # shutdown() waits for serve_forever() to return: call it from another thread.
            threading.Thread(target=server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, _stop)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
