"""The handler's pages: their definitions (``pages.json``), the user's language, the HTML.

``pages.json`` is the one definition of every page's status and English text, and of the
stylesheet; the C# core is generated from the same file. Nothing from the request is echoed into
a page except the confirmation form's hidden fields, which are escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from dataclasses import dataclass
from importlib import resources
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

#: A translation of the pages: page name -> part ("title", "text", ...) -> text (a list of
#: paragraphs for "text"). Any part it leaves out is taken from the English text.
Translation = Mapping[str, Mapping[str, Union[str, Sequence[str]]]]

_DEFINITIONS = json.loads(resources.files(__package__).joinpath("pages.json").read_text("utf-8"))

#: The stylesheet of every page (inline, allowed by its hash in the Content-Security-Policy).
STYLESHEET: str = _DEFINITIONS["stylesheet"]

#: Seconds a busy user is asked to wait (the busy page's ``Retry-After``).
RETRY_AFTER_SECONDS: int = _DEFINITIONS["retry_after_seconds"]

#: Every page's HTTP status, by page name.
STATUS: Dict[str, int] = {name: page["status"] for name, page in _DEFINITIONS["pages"].items()}

#: The pages a POST redirects to (``?outcome=NAME``).
RESULT_PAGES = frozenset(name for name, page in _DEFINITIONS["pages"].items() if page.get("result"))

#: The page for each error code Cognito can answer; any other error gets ``"error"``.
COGNITO_ERROR_PAGES: Dict[str, str] = dict(_DEFINITIONS["cognito_errors"])

ENGLISH: Dict[str, Dict[str, Union[str, List[str]]]] = _DEFINITIONS["messages"]

#: The Content-Security-Policy of every page: nothing external, no script, the one stylesheet.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"style-src 'sha256-{base64.b64encode(hashlib.sha256(STYLESHEET.encode('utf-8')).digest()).decode('ascii')}'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class Catalog:
    """The pages' text in English and in the languages the application supplies."""

    def __init__(self, translations: Optional[Mapping[str, Translation]] = None) -> None:
        self._languages: Dict[str, Dict[str, Dict[str, Union[str, List[str]]]]] = {"en": ENGLISH}
        for language, translation in (translations or {}).items():
            self._languages[_language_tag(language)] = _complete(language, translation)

    def choose(self, accept_language: str) -> str:
        """The language to answer in, from an ``Accept-Language`` header (English by default)."""
        for tag in _preferred(accept_language):
            if tag in self._languages:
                return tag
            primary = tag.split("-", 1)[0]
            if primary in self._languages:
                return primary
        return "en"

    def text(self, language: str, page: str) -> Dict[str, Union[str, List[str]]]:
        """The parts of ``page`` in ``language`` (one :meth:`choose` returned)."""
        return self._languages[language][page]


def _language_tag(language: str) -> str:
    tag = language.strip().lower()
    if not tag or not all(part.isalnum() and part.isascii() and len(part) <= 8 for part in tag.split("-")):
        raise ValueError(f"translations: {language!r} is not a language tag such as 'fr' or 'pt-br'")
    return tag


def _complete(language: str, translation: Translation) -> Dict[str, Dict[str, Union[str, List[str]]]]:
    """The English pages with ``translation``'s parts in place; unknown pages or parts are errors."""
    pages = {name: dict(parts) for name, parts in ENGLISH.items()}
    for name, parts in translation.items():
        if name not in pages:
            raise ValueError(f"translations[{language!r}]: there is no page {name!r} (pages: {', '.join(pages)})")
        for part, value in parts.items():
            english = pages[name].get(part)
            if english is None:
                raise ValueError(f"translations[{language!r}][{name!r}]: the page has no part {part!r}")
            if isinstance(english, list):
                if isinstance(value, str) or not all(isinstance(p, str) for p in value) or not value:
                    raise ValueError(f"translations[{language!r}][{name!r}][{part!r}]: expected a list of paragraphs")
                pages[name][part] = list(value)
            else:
                if not isinstance(value, str) or not value:
                    raise ValueError(f"translations[{language!r}][{name!r}][{part!r}]: expected a non-empty string")
                pages[name][part] = value
    return pages


def _preferred(accept_language: str) -> List[str]:
    """The tags of an ``Accept-Language`` header, most preferred first (``q=0`` dropped)."""
    weighted: List[Tuple[float, int, str]] = []
    for position, item in enumerate(accept_language.split(",")[:32]):
        tag, _, parameters = item.partition(";")
        quality = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        tag = tag.strip().lower()
        if tag and quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


@dataclass(frozen=True)
class Form:
    """The confirmation form's fields: where it posts, the link's values, the preselected verdict."""

    action: str
    hidden: Tuple[Tuple[str, str], ...]
    verdict: str


def render(language: str, parts: Mapping[str, Union[str, Sequence[str]]], form: Optional[Form] = None) -> bytes:
    """A page as UTF-8 HTML: its title, paragraphs and, for the confirmation page, its form."""
    title = html.escape(str(parts["title"]), quote=False)
    body = "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in parts["text"])
    if form is not None:
        body += _render_form(parts, form)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{STYLESHEET}</style></head>"
        f"<body><h1>{title}</h1>{body}</body></html>\n"
    ).encode("utf-8")


def _render_form(parts: Mapping[str, Union[str, Sequence[str]]], form: Form) -> str:
    def attribute(value: str) -> str:
        return html.escape(value, quote=True)

    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{attribute(value)}">' for name, value in form.hidden
    )
    choices = "".join(
        f'<label><input type="radio" name="verdict" value="{value}"{" checked" if value == form.verdict else ""}> '
        f"{html.escape(str(parts[part]), quote=False)}</label>"
        for value, part in (("valid", "yes"), ("invalid", "no"))
    )
    return (
        f'<form method="post" action="{attribute(form.action)}">{hidden}'
        f"<fieldset>{choices}</fieldset>"
        f'<button type="submit">{html.escape(str(parts["send"]), quote=False)}</button></form>'
    )
