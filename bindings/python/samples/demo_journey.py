"""`make demo`: the feedback journey, end to end, on this machine.

1. The emulator (a local Cognito) holds a Plus-tier user pool in which alice's latest sign-in was
   found risky. It renders the threat-protection email Cognito would send her, from the pool's
   template, with the application's "this was me" / "this wasn't me" links.
2. Alice clicks "No, this wasn't me": her browser (here urllib) opens the link on the
   application's link handler (``python -m cognito_feedback.web``), which answers a confirmation
   page and records nothing yet (mail scanners open links too).
3. She sends the page's form: the handler checks it and reports her answer to Cognito through the
   cognito_feedback library, then redirects her to a result page whose URL holds no token.
4. We ask the emulator what it recorded for the event (AdminListUserAuthEvents).
5. Carol opens and confirms the link of an old email whose token has expired: a friendly page.

Needs `cargo build --release --workspace` (the emulator and the shared library). Run it with
`make demo`, or directly: `python3 bindings/python/samples/demo_journey.py`. Every process it
starts is stopped when it ends, also on Ctrl-C.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import sys
import tempfile
import textwrap
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Dict, IO, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

sys.path.insert(0, str(REPO / "scripts"))
import emulator_launcher  # noqa: E402  (the one launcher: the emulator, and any process that prints its URL)
from emulator_launcher import UrlProcess  # noqa: E402

#: The Plus-tier pool of the emulator's default fixture.
POOL = "us-east-1_PlusPool1"

#: Seconds to wait for a process to print its URL, and for an HTTP answer.
PATIENCE = 30

WIDTH = 96


# -- processes ------------------------------------------------------------------------------------

def start_emulator(stderr: IO[Any]) -> UrlProcess:
    """The emulator with its default fixture; it also exits if this script dies (stdin EOF)."""
    return emulator_launcher.start_emulator(emulator_launcher.find_binary(REPO), stderr=stderr, timeout=PATIENCE)


def start_handler(emulator_url: str, stderr: IO[Any]) -> UrlProcess:
    """The link handler (``python -m cognito_feedback.web``) from this source tree, with a fresh
    anti-forgery secret, using the release library."""
    env = dict(os.environ)
    src = str(REPO / "bindings" / "python" / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    env["COGNITO_FEEDBACK_LINK_SECRET"] = secrets.token_urlsafe(48)
    command = [sys.executable, "-m", "cognito_feedback.web", "--port", "0",
               "--endpoint-url", emulator_url, "--region", "us-east-1", "--user-pool-id", POOL]
    return UrlProcess("the feedback link handler", command, stderr=stderr, env=env, timeout=PATIENCE)


# -- HTTP -----------------------------------------------------------------------------------------

def post_json(url: str, body: Dict[str, Any], headers: Optional[Dict[str, str]] = None) -> Tuple[int, Dict[str, Any]]:
    """POSTs JSON; the status and the JSON answer (also for error statuses)."""
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=PATIENCE) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


def render_email(emulator_url: str, username: str, event_id: str, app_base_url: str) -> Dict[str, Any]:
    """The threat-protection email the emulator renders for this event."""
    status, email = post_json(f"{emulator_url}/__emulator/notify", {
        "UserPoolId": POOL, "Username": username, "EventId": event_id, "AppBaseUrl": app_base_url})
    if status != 200:
        raise RuntimeError(f"the emulator rendered no email ({status}): {email}")
    return email


def feedback_of(emulator_url: str, username: str, event_id: str) -> Optional[Dict[str, Any]]:
    """The event's EventFeedback as AdminListUserAuthEvents reports it (None if none)."""
    return next(e for e in auth_events(emulator_url, username) if e["EventId"] == event_id).get("EventFeedback")


def auth_events(emulator_url: str, username: str) -> List[Dict[str, Any]]:
    """The user's auth events as Cognito's AdminListUserAuthEvents answers them."""
    status, answer = post_json(emulator_url, {"UserPoolId": POOL, "Username": username}, {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService.AdminListUserAuthEvents"})
    if status != 200:
        raise RuntimeError(f"AdminListUserAuthEvents failed ({status}): {answer}")
    return answer["AuthEvents"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, form: Optional[Dict[str, str]] = None) -> Tuple[int, Dict[str, str], str]:
    """What a browser gets for a GET (or the POST of ``form``): status, headers, HTML. Redirects
    are not followed: the caller shows them."""
    data = urllib.parse.urlencode(form).encode("ascii") if form is not None else None
    request = urllib.request.Request(url, data=data)
    try:
        with _OPENER.open(request, timeout=PATIENCE) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read().decode("utf-8")


def confirm(link: str, verdict: Optional[str] = None) -> Tuple[str, int, Dict[str, str], str]:
    """Opens ``link``, sends its confirmation page's form (with ``verdict`` chosen, else the one
    preselected): the URL it posted to and the answer (a redirect when the form was accepted)."""
    status, _, page = fetch(link)
    if status != 200:
        raise RuntimeError(f"the link answered {status}, not its confirmation page")
    form = form_in(page)
    action = urllib.parse.urljoin(link, form.action)
    fields = {**form.fields, "verdict": verdict or form.checked or ""}
    return (action, *fetch(action, fields))


# -- reading HTML ---------------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: List[Tuple[str, str]] = []
        self._href: Optional[str] = None
        self._text: List[str] = []

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        if tag == "a":
            self._href, self._text = dict(attrs).get("href") or "", []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append(("".join(self._text).strip(), self._href))
            self._href = None


def links_in(html_body: str) -> List[Tuple[str, str]]:
    """Every link of an HTML body as (text, href), hrefs unescaped as a browser reads them."""
    parser = _Links()
    parser.feed(html_body)
    parser.close()
    return parser.links


class Form(HTMLParser):
    """A page's form: where it posts, its hidden fields, the radio buttons and which is checked."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: Dict[str, str] = {}
        self.choices: List[Tuple[str, bool]] = []
        self.checked: Optional[str] = None
        self._labels: List[str] = []

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.action = a.get("action", "")
        elif tag == "input" and a.get("type") == "hidden":
            self.fields[a.get("name", "")] = a.get("value", "")
        elif tag == "input" and a.get("type") == "radio":
            self.choices.append(("", "checked" in a))
            if "checked" in a:
                self.checked = a.get("value")
        elif tag == "button":
            self.choices.append(("", False))

    def handle_data(self, data: str) -> None:
        if self.choices and data.strip():
            text, checked = self.choices[-1]
            self.choices[-1] = (text + data.strip(), checked)


def form_in(html_page: str) -> Form:
    """The form of a page (the confirmation page has one)."""
    parser = Form()
    parser.feed(html_page)
    parser.close()
    return parser


class _Text(HTMLParser):
    """The visible blocks of a page, its form left out (:func:`form_in` reads that)."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: List[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("title", "style", "script", "form"):
            self._skip += 1
        elif tag in ("h1", "h2", "p", "li"):
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "style", "script", "form"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and self.blocks:
            self.blocks[-1] += data


def page_text(html_page: str) -> List[str]:
    """The visible blocks of a page (headings, paragraphs), as a person reads them."""
    parser = _Text()
    parser.feed(html_page)
    parser.close()
    return [" ".join(block.split()) for block in parser.blocks if block.strip()]


# -- printing -------------------------------------------------------------------------------------

def heading(text: str) -> None:
    print(f"\n{text}\n{'=' * len(text)}")


def boxed(lines: Sequence[str], wrap: bool = True) -> None:
    """Lines in a left-ruled box, wrapped to the width unless ``wrap`` is false (links stay whole)."""
    print("  +" + "-" * (WIDTH - 4))
    for line in lines:
        parts = (textwrap.wrap(line, WIDTH - 6) if wrap else [line]) or [""]
        for part in parts:
            print(f"  | {part}".rstrip())
    print("  +" + "-" * (WIDTH - 4))


def show_page(status: int, html_page: str) -> None:
    blocks = page_text(html_page)
    print(f"  HTTP {status}")
    title, paragraphs = blocks[0], blocks[1:]
    form = form_in(html_page)
    choices = [("(o) " if checked else "( ) ") + text for text, checked in form.choices[:-1]]
    button = [f"[ {form.choices[-1][0]} ]"] if form.choices else []
    boxed([title, "~" * len(title)] + [line for block in paragraphs for line in ("", block)]
          + ([""] + choices + ["", *button] if choices else []))


def when(epoch_seconds: int) -> str:
    return datetime.fromtimestamp(epoch_seconds, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


# -- the journey ----------------------------------------------------------------------------------

def journey(emulator_url: str, handler_url: str) -> None:
    """Runs and narrates the journey against a running emulator and handler."""
    heading("1. Cognito finds alice's sign-in risky and emails her")
    email = render_email(emulator_url, "alice", "evt-alice-1", handler_url)
    print(f"  From:    {email.get('From', '')}\n  To:      {email['To']}\n  Subject: {email['Subject']}"
          f"\n  (template {email['Template']} of pool {POOL})\n")
    boxed(email["TextBody"].rstrip("\n").split("\n"), wrap=False)
    links = links_in(email["HtmlBody"])
    print("\n  The two links of the HTML email:")
    for text, href in links:
        print(f"    {text + ':':<22}{href}")
    this_wasnt_me = next(href for text, href in links if "wasn't me" in text.lower())

    heading("2. Alice clicks \"No, this wasn't me\"; the application asks her to confirm")
    print(f"  GET {this_wasnt_me}\n")
    status, _, page = fetch(this_wasnt_me)
    show_page(status, page)
    print("\n  Nothing is recorded yet: a mail scanner that opens the link gets this page too.")
    if feedback_of(emulator_url, "alice", "evt-alice-1") is not None:
        raise RuntimeError("opening the link recorded feedback")

    heading("3. She sends the form; the application reports it and shows the result")
    action, status, headers, _ = confirm(this_wasnt_me)
    print(f"  POST {action}  (username, event, token, verdict=invalid, proof)\n  HTTP {status}, Location: {headers.get('Location')}")
    result = urllib.parse.urljoin(action, headers.get("Location", ""))
    print(f"\n  GET {result}\n")
    status, _, page = fetch(result)
    show_page(status, page)

    heading("4. What Cognito recorded for the event (AdminListUserAuthEvents)")
    event = next(e for e in auth_events(emulator_url, "alice") if e["EventId"] == "evt-alice-1")
    feedback = event.get("EventFeedback")
    risk = event.get("EventRisk", {})
    print(f"  EventId:       {event['EventId']} ({event['EventType']}, {event['EventResponse']}, "
          f"risk {risk.get('RiskDecision')}/{risk.get('RiskLevel')}, {when(event['CreationDate'])})")
    if feedback is None:
        raise RuntimeError("the emulator recorded no feedback for evt-alice-1")
    print(f"  EventFeedback: {json.dumps(feedback)}")
    print(f"                 {feedback['FeedbackValue']}, from {feedback['Provider']}, "
          f"at {when(feedback['FeedbackDate'])}")

    heading("5. Carol confirms the link of an old email: her token has expired")
    old_email = render_email(emulator_url, "carol", "evt-carol-expired", handler_url)
    carols_link = next(href for text, href in links_in(old_email["HtmlBody"]) if "this was me" in text.lower())
    action, status, headers, _ = confirm(carols_link)
    print(f"  GET {carols_link}\n  POST {action}\n  HTTP {status}, Location: {headers.get('Location')}\n")
    status, _, page = fetch(urllib.parse.urljoin(action, headers.get("Location", "")))
    show_page(status, page)


def main() -> int:
    # SIGTERM ends the script like Ctrl-C does: through the clean-up below.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    with ExitStack() as stack:
        emulator_log = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
        handler_log = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
        emulator = stack.enter_context(start_emulator(emulator_log))
        handler = stack.enter_context(start_handler(emulator.url, handler_log))
        print("The feedback journey, end to end")
        print(f"  emulator (a local Cognito):   {emulator.url}")
        print(f"  the application's handler:    {handler.url}  (python -m cognito_feedback.web)")
        try:
            journey(emulator.url, handler.url)
        finally:
            handler.stop()
            heading("The application's log (no usernames, no tokens)")
            handler_log.seek(0)
            for line in handler_log.read().splitlines():
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except RuntimeError as error:
        print(f"demo_journey: {error}", file=sys.stderr)
        sys.exit(1)
