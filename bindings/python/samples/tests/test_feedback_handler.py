"""The sample handler: clicks recorded in the emulator, a friendly page for every error a user can
meet, bad links refused without a call, and no token in any page or log."""

from __future__ import annotations

import logging
import socket
from typing import List

import pytest

import cognito_feedback
import feedback_handler as fh
from conftest import POOL, Emulator, Handler, fetch, serve
from demo_journey import page_text

ALICE_TOKEN = "tok-alice-1.AbC="


def assert_page(body: str, page: fh.Page) -> None:
    """``body`` is ``page``: its title as heading, then its paragraphs."""
    assert page_text(body) == [page.title, *page.paragraphs]


# -- clicks that are recorded ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "verdict, event_id, token, page, recorded",
    [
        ("valid", "evt-alice-1", ALICE_TOKEN, fh.NOTED_AS_YOU, "Valid"),
        ("invalid", "evt-alice-2", "tok-alice-2.DeF=", fh.SECURED, "Invalid"),
        ("Valid", "evt-alice-1", ALICE_TOKEN, fh.NOTED_AS_YOU, "Valid"),
        ("INVALID", "evt-alice-1", ALICE_TOKEN, fh.SECURED, "Invalid"),
    ],
)
def test_a_click_records_the_answer_and_thanks_the_user(
    handler: Handler, emulator: Emulator, verdict: str, event_id: str, token: str, page: fh.Page, recorded: str
) -> None:
    status, headers, body = fetch(handler.link("alice", event_id, token, verdict))
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"
    assert_page(body, page)
    feedback = emulator.feedback("alice", event_id)
    assert feedback is not None and feedback["FeedbackValue"] == recorded


def test_the_titles_say_what_happened() -> None:
    assert fh.NOTED_AS_YOU.title == "Thanks \N{EM DASH} we've noted this was you"
    assert fh.SECURED.title == "Thanks \N{EM DASH} we've secured your account"


@pytest.mark.parametrize(
    "username, event_id, token",
    [("Zoë", "evt-zoe-1", "tok-zoe-1.GhI="), ("山田太郎", "evt-taro-1", "tok-taro-1.JkL="), ("🦀crab", "evt-crab-1", "tok-crab-1.MnO=")],
)
def test_non_ascii_usernames_arrive_intact(handler: Handler, emulator: Emulator, username: str, event_id: str, token: str) -> None:
    status, _, body = fetch(handler.link(username, event_id, token, "invalid"))
    assert (status, page_text(body)[0]) == (200, fh.SECURED.title)
    assert emulator.feedback(username, event_id)["FeedbackValue"] == "Invalid"


def test_other_query_parameters_are_ignored(handler: Handler, emulator: Emulator) -> None:
    link = handler.link("alice", "evt-alice-1", ALICE_TOKEN) + "&utm_source=mail&utm_medium=email"
    status, _, _ = fetch(link)
    assert status == 200
    assert emulator.feedback("alice", "evt-alice-1")["FeedbackValue"] == "Valid"


# -- errors the user can meet ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "username, event_id, token, page, cause",
    [
        ("carol", "evt-carol-expired", "tok-carol-old.PqR=", fh.EXPIRED_LINK, "NotAuthorizedException: Feedback token has expired."),
        ("alice", "evt-alice-1", "tok-alice-1.Used=", fh.EXPIRED_LINK, "NotAuthorizedException: Invalid feedback token."),
        ("alice", "evt-not-authorized", ALICE_TOKEN, fh.EXPIRED_LINK, "NotAuthorizedException"),
        ("mallory", "evt-alice-1", ALICE_TOKEN, fh.UNKNOWN_ACCOUNT, "UserNotFoundException: User does not exist."),
        ("alice", "evt-user-not-found", ALICE_TOKEN, fh.UNKNOWN_ACCOUNT, "UserNotFoundException"),
        ("alice", "evt-gone-1", ALICE_TOKEN, fh.UNKNOWN_SIGN_IN, "ResourceNotFoundException: Auth event evt-gone-1 does not exist"),
        ("alice", "evt-resource-not-found", ALICE_TOKEN, fh.UNKNOWN_SIGN_IN, "ResourceNotFoundException"),
        ("alice", "evt-too-many-requests", ALICE_TOKEN, fh.BUSY, "TooManyRequestsException: Rate exceeded"),
        ("alice", "evt-internal-error", ALICE_TOKEN, fh.SOMETHING_WENT_WRONG, "InternalErrorException"),
        ("alice", "evt-add-on-not-enabled", ALICE_TOKEN, fh.SOMETHING_WENT_WRONG, "UserPoolAddOnNotEnabledException"),
        ("alice", "evt-operation-not-enabled", ALICE_TOKEN, fh.SOMETHING_WENT_WRONG, "OperationNotEnabledException"),
        ("alice", "evt-invalid-parameter", ALICE_TOKEN, fh.SOMETHING_WENT_WRONG, "InvalidParameterException"),
        ("alice", "evt-unknown-code", ALICE_TOKEN, fh.SOMETHING_WENT_WRONG, "FeedbackGremlinException"),
    ],
)
def test_each_service_error_gets_its_friendly_page(
    handler: Handler, emulator: Emulator, caplog: pytest.LogCaptureFixture,
    username: str, event_id: str, token: str, page: fh.Page, cause: str,
) -> None:
    caplog.set_level(logging.INFO, logger="feedback_handler")
    status, headers, body = fetch(handler.link(username, event_id, token))
    assert status == page.status
    assert_page(body, page)
    if page is fh.BUSY:
        assert headers["retry-after"] == "60"
    assert len(emulator.requests()) == 1, "exactly one call, and it failed"
    assert any(f"event {event_id} not recorded: {cause}" in r.getMessage() for r in caplog.records), caplog.text


def test_an_unreachable_service_gets_the_generic_page(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{unused.getsockname()[1]}"  # bound, never listening: refused
        with cognito_feedback.Client(region_name="us-east-1", endpoint_url=dead, ignore_environment=True,
                                     max_attempts=1, connect_timeout=5) as client:
            for handler in serve(client):
                status, _, body = fetch(handler.link("alice", "evt-alice-1", ALICE_TOKEN))
    assert status == 502
    assert_page(body, fh.SOMETHING_WENT_WRONG)
    assert "feedback for event evt-alice-1 not recorded: EndpointConnectionError" in caplog.text


class ExplodingClient:
    """Stands in for the client to make the handler meet a failure it does not expect."""

    def update_auth_event_feedback(self, **request: str) -> None:
        raise RuntimeError("a bug somewhere")


def test_an_unexpected_failure_still_gets_a_page_and_a_logged_traceback(caplog: pytest.LogCaptureFixture) -> None:
    for handler in serve(ExplodingClient()):
        status, _, body = fetch(handler.link("alice", "evt-alice-1", ALICE_TOKEN))
    assert status == 500
    assert page_text(body) == [fh.SOMETHING_WENT_WRONG.title, *fh.SOMETHING_WENT_WRONG.paragraphs]
    assert "unexpected failure answering a feedback link" in caplog.text
    assert "RuntimeError: a bug somewhere" in caplog.text


# -- links that are not feedback links ------------------------------------------------------------

GOOD = {"username": "alice", "event": "evt-alice-1", "token": "tok-alice-1.AbC%3D", "verdict": "valid"}


def query(**changes: str) -> str:
    """The good query with parameters changed (a value of None drops it)."""
    parameters = {**GOOD, **changes}
    return "&".join(f"{k}={v}" for k, v in parameters.items() if v is not None)


BAD_QUERIES = {
    "no query": ("", "parameter 'username' is missing or empty"),
    "no username": (query(username=None), "parameter 'username' is missing or empty"),
    "no event": (query(event=None), "parameter 'event' is missing or empty"),
    "no token": (query(token=None), "parameter 'token' is missing or empty"),
    "no verdict": (query(verdict=None), "parameter 'verdict' is missing or empty"),
    "empty token": (query(token=""), "parameter 'token' is missing or empty"),
    "token twice": (query() + "&token=tok-other", "parameter 'token' is given 2 times"),
    "verdict maybe": (query(verdict="maybe"), "parameter 'verdict' is neither 'valid' nor 'invalid'"),
    "space in event": (query(event="evt%20alice"), "parameter 'event' is not a valid Cognito EventId"),
    "event too long": (query(event="e" * 51), "parameter 'event' is not a valid Cognito EventId"),
    "star in token": (query(token="tok*1"), "parameter 'token' is not a valid feedback token"),
    "space in username": (query(username="al+ice"), "parameter 'username' is not a valid Cognito username"),
    "username too long": (query(username="a" * 129), "parameter 'username' is not a valid Cognito username"),
    "not UTF-8": (query(username="%FF%FE"), "the query is not UTF-8 once decoded"),
    "bad percent-escape": (query(token="tok-alice-1.AbC%3"), "the query has a malformed percent-escape"),
    "garbled escape": (query(username="al%zzice"), "the query has a malformed percent-escape"),
}


@pytest.mark.parametrize("name", BAD_QUERIES)
def test_a_bad_link_gets_the_broken_link_page_and_makes_no_call(
    handler: Handler, emulator: Emulator, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    bad_query, reason = BAD_QUERIES[name]
    caplog.set_level(logging.INFO, logger="feedback_handler")
    status, _, body = fetch(f"{handler.url}/feedback?{bad_query}")
    assert status == 400
    assert_page(body, fh.BROKEN_LINK)
    assert emulator.requests() == []
    assert f"refused a feedback link: {reason}" in caplog.text


def test_the_longest_username_is_accepted_and_counted_in_utf16_units() -> None:
    assert fh.parse_click(query(username="a" * 128)).username == "a" * 128
    # 64 crabs are 128 UTF-16 code units (surrogate pairs); 65 are too many.
    assert fh.parse_click(query(username="%F0%9F%A6%80" * 64)).username == "🦀" * 64
    with pytest.raises(fh.BadLink):
        fh.parse_click(query(username="%F0%9F%A6%80" * 65))


def test_a_click_hides_its_secrets_in_repr() -> None:
    click = fh.parse_click(query())
    assert (click.username, click.token, click.feedback_value) == ("alice", ALICE_TOKEN, "Valid")
    assert repr(click) == "Click(event_id='evt-alice-1', feedback_value='Valid')"


def test_other_paths_and_methods_get_friendly_pages(handler: Handler, emulator: Emulator) -> None:
    status, _, body = fetch(f"{handler.url}/")
    assert status == 404
    assert_page(body, fh.NOT_FOUND)
    status, _, body = fetch(f"{handler.url}/feedbackx?{query()}")
    assert status == 404
    for method in ("POST", "PUT", "DELETE", "HEAD"):
        status, headers, body = fetch(f"{handler.url}/feedback?{query()}", method)
        assert (status, headers["allow"]) == (405, "GET"), method
        if method != "HEAD":
            assert_page(body, fh.METHOD_NOT_ALLOWED)
    assert emulator.requests() == []


# -- the token never shows ------------------------------------------------------------------------

def raw_request(url: str, request_line: bytes) -> str:
    """Sends a hand-written request and returns the whole answer."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request_line + b"\r\nHost: x\r\n\r\n")
        chunks: List[bytes] = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_page_and_no_log_line_contains_a_token_or_a_username(
    handler: Handler, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, the library's included
    secret_token = "tok-secret-4711.XyZ="
    answers = []
    for username, event_id, token in [
        ("alice", "evt-alice-1", ALICE_TOKEN),          # recorded
        ("alice", "evt-alice-1", secret_token),         # wrong token
        ("mallory", "evt-alice-1", secret_token),       # wrong user
        ("alice", "evt-internal-error", secret_token),  # service failure
    ]:
        status, headers, body = fetch(handler.link(username, event_id, token))
        answers.append(f"{headers}\n{body}")
    for bad in (f"token={secret_token}&username=mallory", f"{query(username='mallory')}&token={secret_token}"):
        status, headers, body = fetch(f"{handler.url}/feedback?{bad}")
        assert status == 400
        answers.append(f"{headers}\n{body}")
    # A request line http.server cannot parse: its default error page would quote it.
    answers.append(raw_request(handler.url, f"GET /feedback?username=mallory&token={secret_token} x HTTP/1.1".encode()))
    assert answers[-1].startswith("HTTP/1.0 400 Bad Request\r\n")
    assert page_text(answers[-1])[0] == fh.BROKEN_LINK.title
    everything = "\n".join(answers) + "\n" + caplog.text
    for secret in (secret_token, secret_token.split(".")[0], ALICE_TOKEN, "tok-alice-1", "mallory"):
        assert secret not in everything, secret
    assert "GET /feedback -> 200" in caplog.text
    assert "username=" not in caplog.text and "token=" not in caplog.text


def test_every_page_is_a_whole_utf8_html_document() -> None:
    for page in (fh.NOTED_AS_YOU, fh.SECURED, fh.BROKEN_LINK, fh.EXPIRED_LINK, fh.UNKNOWN_ACCOUNT,
                 fh.UNKNOWN_SIGN_IN, fh.BUSY, fh.SOMETHING_WENT_WRONG, fh.NOT_FOUND, fh.METHOD_NOT_ALLOWED):
        html = page.render().decode("utf-8")
        assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        assert f"<title>{page.title}</title>" in html and html.endswith("</body></html>\n")
        assert page_text(html) == [page.title, *page.paragraphs]


def test_answer_click_alone_needs_no_server(client: cognito_feedback.Client, emulator: Emulator) -> None:
    assert fh.answer_click(client, POOL, query(verdict="invalid")) is fh.SECURED
    assert emulator.feedback("alice", "evt-alice-1")["FeedbackValue"] == "Invalid"
    assert fh.answer_click(client, POOL, "verdict=valid") is fh.BROKEN_LINK
