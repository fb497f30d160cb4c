"""The threat-protection email the emulator renders: the application's links, correctly encoded."""

from __future__ import annotations

import urllib.parse
from typing import Dict

import pytest

from conftest import Emulator
from demo_journey import links_in, page_text

APP = "http://127.0.0.1:8000"


def parameters(link: str) -> Dict[str, str]:
    """The link's query as the application's parser reads it (each parameter once)."""
    parsed = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query, strict_parsing=True)
    assert all(len(values) == 1 for values in parsed.values()), parsed
    return {name: values[0] for name, values in parsed.items()}


def test_alices_email_carries_both_links_with_the_token_encoded(emulator: Emulator) -> None:
    email = emulator.email("alice", "evt-alice-1", APP)
    assert (email["Template"], email["To"], email["Subject"]) == (
        "NoActionEmail", "alice@example.com", "New sign-in to your account")
    base = f"{APP}/feedback?username=alice&event=evt-alice-1&token=tok-alice-1.AbC%3D"
    assert links_in(email["HtmlBody"]) == [
        ("Yes, this was me", f"{base}&verdict=valid"),
        ("No, this wasn't me", f"{base}&verdict=invalid"),
    ]
    text_lines = email["TextBody"].splitlines()
    assert f"  Yes, this was me:    {base}&verdict=valid" in text_lines
    assert f"  No, this wasn't me:  {base}&verdict=invalid" in text_lines
    assert parameters(f"{base}&verdict=valid") == {
        "username": "alice", "event": "evt-alice-1", "token": "tok-alice-1.AbC=", "verdict": "valid"}


@pytest.mark.parametrize(
    "name, username, event_id, token, encoded, template",
    [
        ("zoe@example.com", "Zoë", "evt-zoe-1", "tok-zoe-1.GhI=", "Zo%C3%AB", "NoActionEmail"),
        ("山田太郎", "山田太郎", "evt-taro-1", "tok-taro-1.JkL=", "%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E", "BlockEmail"),
    ],
)
def test_non_ascii_names_are_percent_encoded_in_links_and_plain_in_text(
    emulator: Emulator, name: str, username: str, event_id: str, token: str, encoded: str, template: str
) -> None:
    email = emulator.email(name, event_id, APP)
    assert email["Template"] == template
    (_, valid), (_, invalid) = links_in(email["HtmlBody"])
    assert valid.startswith(f"{APP}/feedback?username={encoded}&event={event_id}&")
    for link, verdict in ((valid, "valid"), (invalid, "invalid")):
        assert parameters(link) == {"username": username, "event": event_id, "token": token, "verdict": verdict}
    assert page_text(email["HtmlBody"])[0] == f"Hello {username},"
    assert email["TextBody"].startswith(f"Hello {username},\n")


def test_the_app_base_url_may_have_a_path(emulator: Emulator) -> None:
    email = emulator.email("alice", "evt-alice-2", "https://example.org/security/")
    assert links_in(email["HtmlBody"])[0][1].startswith("https://example.org/security/feedback?username=alice&")


def test_a_sign_in_without_risk_gets_no_email(emulator: Emulator) -> None:
    with pytest.raises(RuntimeError, match=r"\(422\).*evt-crab-1 has no risk"):
        emulator.email("🦀crab", "evt-crab-1", APP)
