"""cognito_feedback.web: the feedback-link handler, mounted in Flask (WSGI) and FastAPI (ASGI),
against the emulator; and its ``python -m`` server."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest
from conftest import POOL, REPO, Emulator
from emulator_launcher import UrlProcess

import cognito_feedback
from cognito_feedback.web import AsgiApp, LinkHandler, MissingSecretError, WsgiApp

SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
ALICE_LINK = {"username": "alice", "event": "evt-alice-1", "token": "tok-alice-1.AbC=", "verdict": "valid"}
FORM = "application/x-www-form-urlencoded"
HEADERS = {
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
}


class Answer:
    """What the browser got: status, headers (lower-case names), body."""

    def __init__(self, status: int, headers: Dict[str, str], body: str) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def title(self) -> str:
        return self.body.split("<h1>", 1)[1].split("</h1>", 1)[0] if "<h1>" in self.body else ""


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action: Optional[str] = None
        self.fields: Dict[str, str] = {}
        self.checked: Optional[str] = None

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.action = a.get("action")
        elif tag == "input" and a.get("type") == "hidden":
            self.fields[a["name"] or ""] = a.get("value") or ""
        elif tag == "input" and a.get("type") == "radio" and "checked" in a:
            self.checked = a.get("value")


def form_of(page: str) -> _Form:
    parser = _Form()
    parser.feed(page)
    return parser


class Browser:
    """A framework's test client with the handler mounted at /feedback."""

    def __init__(self, get: Callable[..., Answer], post: Callable[..., Answer]) -> None:
        self.get, self.post = get, post

    def open_link(self, **link: str) -> Answer:
        return self.get("/feedback?" + urllib.parse.urlencode({**ALICE_LINK, **link}))

    def answer(self, confirm: Answer, verdict: Optional[str] = None, **changes: str) -> Answer:
        """Sends the confirmation page's form, as a click on its button does."""
        form = form_of(confirm.body)
        fields = {**form.fields, "verdict": verdict or form.checked or "", **changes}
        return self.post("/" + (form.action or ""), urllib.parse.urlencode(fields), FORM)


def flask_browser(app: WsgiApp) -> Browser:
    flask = pytest.importorskip("flask")
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    site = flask.Flask("site")
    site.wsgi_app = DispatcherMiddleware(site.wsgi_app, {"/feedback": app})  # type: ignore[method-assign]
    client = site.test_client()

    def convert(response: Any) -> Answer:
        return Answer(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.get_data(as_text=True))

    def get(url: str, **headers: str) -> Answer:
        return convert(client.get(url, headers=headers))

    def post(url: str, body: Any, content_type: str, **headers: str) -> Answer:
        return convert(client.post(url, data=body, headers={"Content-Type": content_type, **headers}))

    return Browser(get, post)


def fastapi_browser(app: AsgiApp) -> Browser:
    fastapi = pytest.importorskip("fastapi")
    from starlette.routing import Route
    from starlette.testclient import TestClient

    site = fastapi.FastAPI()
    site.router.routes.append(Route("/feedback", app, methods=["GET", "HEAD", "POST", "PUT"]))
    client = TestClient(site, base_url="http://testserver")

    def convert(response: Any) -> Answer:
        return Answer(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.text)

    def get(url: str, **headers: str) -> Answer:
        return convert(client.get(url, headers=headers, follow_redirects=False))

    def post(url: str, body: Any, content_type: str, **headers: str) -> Answer:
        return convert(client.post(url, content=body, headers={"Content-Type": content_type, **headers}, follow_redirects=False))

    return Browser(get, post)


class Clock:
    """A settable clock for the handler's form lifetime."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def handler(client: cognito_feedback.Client, clock: Clock) -> LinkHandler:
    return LinkHandler(client, POOL, SECRET, clock=clock, translations={"fr": FRENCH_RESULT})


FRENCH_RESULT = {
    "recorded-valid": {"title": "Merci \u2014 c'\u00e9tait bien vous", "text": ["Rien d'autre \u00e0 faire."]},
    "confirm": {"title": "\u00c9tait-ce vous\u00a0?", "yes": "Oui, c'\u00e9tait moi"},
}


@pytest.fixture(params=["flask", "fastapi"])
def browser(request: pytest.FixtureRequest, handler: LinkHandler) -> Browser:
    return flask_browser(WsgiApp(handler)) if request.param == "flask" else fastapi_browser(AsgiApp(handler))


def test_the_link_opens_a_confirmation_page_that_records_nothing(browser: Browser, emulator: Emulator) -> None:
    before = len(emulator.recorded())
    for verdict in ("valid", "invalid"):
        page = browser.open_link(verdict=verdict)
        assert (page.status, page.title) == (200, "Was this sign-in you?")
        form = form_of(page.body)
        assert form.action == "feedback" and form.checked == verdict
        assert set(form.fields) == {"username", "event", "token", "proof"}
        for name, value in HEADERS.items():
            assert page.headers[name] == value
        csp = page.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script" not in csp and "unsafe" not in csp
    assert len(emulator.recorded()) == before


def test_the_form_records_the_answer_and_redirects_to_a_page_without_the_token(browser: Browser, emulator: Emulator) -> None:
    confirm = browser.open_link(verdict="valid")
    sent = browser.answer(confirm, verdict="invalid")
    assert sent.status == 303
    assert sent.headers["location"] == "?outcome=recorded-invalid"
    assert sent.headers["cache-control"] == "no-store"
    assert emulator.last_feedback("alice", "evt-alice-1")["feedback_value"] == "Invalid"
    result = browser.get("/feedback" + sent.headers["location"])
    assert (result.status, result.title) == (200, "Thanks \u2014 we've secured your account")
    assert "tok-" not in result.body and "alice" not in result.body


def test_a_replayed_or_forged_form_is_refused_and_records_nothing(browser: Browser, emulator: Emulator) -> None:
    confirm = browser.open_link()
    assert browser.answer(confirm).status == 303
    recorded = len(emulator.recorded())
    replayed = browser.answer(confirm)
    assert (replayed.status, replayed.title) == (403, "This page has expired")
    fresh = browser.open_link()
    proof = form_of(fresh.body).fields["proof"]
    issued, nonce, mac = proof.split(".")
    for forged in (f"{issued}.{nonce}.{'A' * len(mac)}", f"{int(issued) - 1}.{nonce}.{mac}", f"{issued}.x{nonce}.{mac}", "", "nonsense"):
        answer = browser.answer(fresh, proof=forged)
        assert answer.status in (400, 403), forged
    # A value made for another link does not fit this one.
    other = form_of(browser.open_link(event="evt-alice-2", token="tok-alice-2.DeF=").body).fields["proof"]
    assert browser.answer(fresh, proof=other).status == 403
    assert browser.answer(fresh, event="evt-alice-2", token="tok-alice-2.DeF=").status == 403
    assert len(emulator.recorded()) == recorded


def test_a_form_older_than_its_lifetime_is_refused(browser: Browser, clock: Clock, emulator: Emulator) -> None:
    confirm = browser.open_link()
    clock.now += 3601
    recorded = len(emulator.recorded())
    assert browser.answer(confirm).status == 403
    assert len(emulator.recorded()) == recorded
    clock.now -= 3601 - 3599
    assert browser.answer(browser.open_link()).status == 303


@pytest.mark.parametrize(
    "event, outcome, status, title",
    [
        ("evt-carol-expired", "expired-link", 403, "This link has expired or was already used"),
        ("evt-user-not-found", "unknown-account", 404, "We couldn't find your account"),
        ("evt-resource-not-found", "unknown-sign-in", 404, "We couldn't find that sign-in"),
        ("evt-too-many-requests", "busy", 503, "We're busy right now"),
        ("evt-internal-error", "error", 502, "Something went wrong on our side"),
        ("evt-unknown-code", "error", 502, "Something went wrong on our side"),
    ],
)
def test_every_service_answer_has_its_result_page(browser: Browser, event: str, outcome: str, status: int, title: str) -> None:
    token = "tok-carol-old.PqR=" if event == "evt-carol-expired" else "tok-x"
    username = "carol" if event == "evt-carol-expired" else "alice"
    sent = browser.answer(browser.open_link(username=username, event=event, token=token))
    assert (sent.status, sent.headers["location"]) == (303, f"?outcome={outcome}")
    result = browser.get("/feedback" + sent.headers["location"])
    assert (result.status, result.title) == (status, title)
    assert result.headers.get("retry-after") == ("60" if outcome == "busy" else None)


def test_bad_requests_get_their_pages(browser: Browser, emulator: Emulator) -> None:
    recorded = len(emulator.recorded())
    assert browser.get("/feedback?username=alice&event=evt-alice-1&verdict=valid").status == 400
    assert browser.get("/feedback?" + urllib.parse.urlencode({**ALICE_LINK, "verdict": "maybe"})).status == 400
    assert browser.get("/feedback?outcome=pwned").status == 400
    confirm = browser.open_link()
    body = urllib.parse.urlencode({**form_of(confirm.body).fields, "verdict": "valid"})
    wrong_type = browser.post("/feedback", body, "text/plain")
    assert (wrong_type.status, wrong_type.title) == (415, "This answer could not be read")
    too_large = browser.post("/feedback", body + "&pad=" + "x" * 9000, FORM)
    assert (too_large.status, too_large.headers["x-frame-options"]) == (413, "DENY")
    assert browser.post("/feedback", body.replace("verdict=valid", "verdict=maybe"), FORM).status == 400
    assert len(emulator.recorded()) == recorded


def test_the_users_language_when_the_application_supplies_it(browser: Browser) -> None:
    french = browser.get("/feedback?" + urllib.parse.urlencode(ALICE_LINK), **{"Accept-Language": "de;q=0.9, fr-CH, en;q=0.5"})
    assert (french.title, french.headers["content-language"]) == ("\u00c9tait-ce vous\u00a0?", "fr")
    assert "Oui, c'\u00e9tait moi" in french.body and "No, this wasn't me" in french.body  # the rest: English
    assert '<html lang="fr">' in french.body
    english = browser.get("/feedback?" + urllib.parse.urlencode(ALICE_LINK), **{"Accept-Language": "de, fr;q=0"})
    assert (english.title, english.headers["content-language"]) == ("Was this sign-in you?", "en")


def test_translations_naming_unknown_pages_or_parts_are_refused(client: cognito_feedback.Client) -> None:
    with pytest.raises(ValueError, match="there is no page 'confirmation'"):
        LinkHandler(client, POOL, SECRET, translations={"fr": {"confirmation": {"title": "x"}}})
    with pytest.raises(ValueError, match=r"\['confirm'\]: the page has no part 'heading'"):
        LinkHandler(client, POOL, SECRET, translations={"fr": {"confirm": {"heading": "x"}}})


def test_a_missing_or_short_secret_is_an_error(client: cognito_feedback.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    for secret in (None, "", b""):
        with pytest.raises(MissingSecretError, match="COGNITO_FEEDBACK_LINK_SECRET"):
            LinkHandler(client, POOL, secret)
    with pytest.raises(MissingSecretError, match="is 31 bytes long; it must be at least 32"):
        LinkHandler(client, POOL, "x" * 31)
    monkeypatch.delenv("COGNITO_FEEDBACK_LINK_SECRET", raising=False)
    with pytest.raises(MissingSecretError):
        LinkHandler.from_environment(client, POOL)
    monkeypatch.setenv("COGNITO_FEEDBACK_LINK_SECRET", SECRET)
    assert LinkHandler.from_environment(client, POOL).path == "/feedback"


def test_no_log_line_holds_the_token_or_the_username(browser: Browser, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    browser.answer(browser.open_link(), verdict="valid")
    browser.answer(browser.open_link(username="carol", event="evt-carol-expired", token="tok-carol-old.PqR="))
    # The library's and the handler's own loggers (the test client's log the URLs it fetched).
    messages = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("cognito_feedback"))
    assert "feedback recorded: event evt-alice-1 is Valid" in messages
    assert "evt-carol-expired not recorded: NotAuthorizedException" in messages
    assert "tok-" not in messages and "alice" not in messages.replace("evt-alice", "") and "carol" not in messages.replace("evt-carol", "")


def test_other_paths_and_methods(handler: LinkHandler) -> None:
    browser = flask_browser(WsgiApp(handler))
    assert browser.get("/feedback/extra").status == 404
    put = handler.handle(cognito_feedback.web.Request("PUT", "/feedback"))
    assert (put.status, dict(put.headers)["Allow"]) == (405, "GET, HEAD, POST")
    head = handler.handle(cognito_feedback.web.Request("HEAD", "/feedback", urllib.parse.urlencode(ALICE_LINK)))
    assert head.status == 200 and head.body == b"" and int(dict(head.headers)["Content-Length"]) > 500


def module_command(emulator: Emulator) -> List[str]:
    return [sys.executable, "-m", "cognito_feedback.web", "--port", "0", "--user-pool-id", POOL,
            "--region", "us-east-1", "--endpoint-url", emulator.url]


def test_the_module_refuses_to_start_without_a_secret(emulator: Emulator) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COGNITO_FEEDBACK_LINK_SECRET"}
    process = subprocess.Popen(module_command(emulator), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and out == ""
    assert "no link secret: set COGNITO_FEEDBACK_LINK_SECRET" in err


def test_the_module_prints_its_url_and_serves(emulator: Emulator, tmp_path: Path) -> None:
    log = tmp_path / "stderr.log"
    process = UrlProcess("the link handler", module_command(emulator), stderr=log,
                         env={**os.environ, "COGNITO_FEEDBACK_LINK_SECRET": SECRET})
    try:
        url = process.url
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/feedback?{urllib.parse.urlencode(ALICE_LINK)}", timeout=30) as page:
            assert page.status == 200 and b"Was this sign-in you?" in page.read()
            assert page.headers.get_all("Server") == ["cognito-feedback"]
        # A garbled request line is refused without echoing it, in the answer or the log.
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=30) as raw:
            raw.sendall(b"GET /feedback&token=tok-raw.XyZ= HTTP/1.1 trailing\r\n\r\n")
            answer = b"".join(iter(lambda: raw.recv(4096), b""))
        assert b"Error code: 400" in answer and b"tok-raw" not in answer
    finally:
        status = process.stop()
    assert status == 0
    err = log.read_text(encoding="utf-8")
    assert "GET /feedback -> 200" in err and "tok-" not in err and "username=" not in err


def test_the_form_value_is_the_same_as_the_csharp_handlers() -> None:
    # bindings/csharp/tests/WebTests.cs checks the same vector: either checks the other's forms.
    from cognito_feedback.web._proof import FormSigner

    signer = FormSigner(SECRET.encode(), 3600, lambda: 1_800_000_000)
    proof = signer.issue("us-east-1_PlusPool1", "Zo\u00eb", "evt-zoe-1", "tok-zoe-1.GhI=", nonce="bm9uY2Utbm9uY2U")
    assert proof == "1800000000.bm9uY2Utbm9uY2U.hu_dk9GJIEhWzaeTcN2FNsLqZTj5eMFLQhm7HY0SRpw"
    assert signer.accept(proof, "us-east-1_PlusPool1", "Zo\u00eb", "evt-zoe-1", "tok-zoe-1.GhI=") == ""


def test_every_confirmation_page_has_its_own_form_value(browser: Browser) -> None:
    # Two pages for one link in the same second: each form can be sent once.
    first, second = browser.open_link(), browser.open_link()
    assert form_of(first.body).fields["proof"] != form_of(second.body).fields["proof"]
    assert browser.answer(first).status == 303
    assert browser.answer(second).status == 303
