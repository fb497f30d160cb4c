"""The values a feedback link (its query) or the confirmation form (its body) carries."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from typing import Dict, List, Sequence

from .._types import FeedbackValueTypeType

#: The link's ``verdict`` and the FeedbackValue it stands for.
VERDICTS: Dict[str, FeedbackValueTypeType] = {"valid": "Valid", "invalid": "Invalid"}

#: The query parameters a link carries, each exactly once (others are ignored: mail programs add
#: tracking parameters).
LINK_PARAMETERS = ("username", "event", "token", "verdict")

_EVENT_ID = re.compile(r"[A-Za-z0-9_+-]{1,50}")
_FEEDBACK_TOKEN = re.compile(r"[A-Za-z0-9_=.-]{1,2048}")
_BAD_PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


class BadLink(ValueError):
    """The query or form cannot be a feedback link's; the message says why without quoting it."""


@dataclass(frozen=True)
class Click:
    """What a valid feedback link says. ``repr`` hides the username and the token."""

    username: str = field(repr=False)
    event_id: str
    token: str = field(repr=False)
    verdict: str

    @property
    def feedback_value(self) -> FeedbackValueTypeType:
        """``"Valid"`` or ``"Invalid"``, as UpdateAuthEventFeedback takes it."""
        return VERDICTS[self.verdict]


def parse_fields(encoded: str, names: Sequence[str]) -> Dict[str, str]:
    """The fields ``names`` of a URL-encoded query or form, each there exactly once and not empty.

    Other fields are ignored. :class:`BadLink` for a malformed escape, bytes that are not UTF-8,
    or a field missing, empty or repeated.
    """
    if _BAD_PERCENT_ESCAPE.search(encoded):
        raise BadLink("malformed percent-escape")
    try:
        pairs = urllib.parse.parse_qsl(encoded, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadLink("not UTF-8 once decoded") from None
    values: Dict[str, List[str]] = {}
    for name, value in pairs:
        if name in names:
            values.setdefault(name, []).append(value)
    for name in names:
        given = values.get(name, [])
        if not given or given == [""]:
            raise BadLink(f"parameter '{name}' is missing or empty")
        if len(given) > 1:
            raise BadLink(f"parameter '{name}' is given {len(given)} times")
    return {name: values[name][0] for name in names}


def parse_click(encoded: str) -> Click:
    """The click a link's query (or the form's body) describes; :class:`BadLink` when it is not
    one: each of ``username``, ``event``, ``token`` and ``verdict`` must be there exactly once and
    fit what Cognito accepts."""
    fields = parse_fields(encoded, LINK_PARAMETERS)
    if not _is_valid_username(fields["username"]):
        raise BadLink("parameter 'username' is not a valid Cognito username")
    if not _EVENT_ID.fullmatch(fields["event"]):
        raise BadLink("parameter 'event' is not a valid Cognito EventId")
    if not _FEEDBACK_TOKEN.fullmatch(fields["token"]):
        raise BadLink("parameter 'token' is not a valid feedback token")
    verdict = fields["verdict"].lower()
    if verdict not in VERDICTS:
        raise BadLink("parameter 'verdict' is neither 'valid' nor 'invalid'")
    return Click(username=fields["username"], event_id=fields["event"], token=fields["token"], verdict=verdict)


def _is_valid_username(name: str) -> bool:
    """Cognito's Username constraint: 1-128 UTF-16 code units of letters, marks, symbols,
    numbers and punctuation."""
    units = len(name.encode("utf-16-le")) // 2
    return 1 <= units <= 128 and all(unicodedata.category(c)[0] in "LMSNP" for c in name)
