"""The handler as a WSGI application (PEP 3333), for Flask, Django, gunicorn, uWSGI, wsgiref."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Tuple, Union

from ._core import LinkHandler, Request, Response

StartResponse = Callable[[str, List[Tuple[str, str]]], Any]


class WsgiApp:
    """A WSGI application serving ``handler``'s path; mount it where that path is served."""

    def __init__(self, handler: LinkHandler) -> None:
        #: The core this application adapts.
        self.handler = handler

    def __call__(self, environ: Dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        request = _request(environ, self.handler)
        response = request if isinstance(request, Response) else self.handler.handle(request)
        start_response(response.status_line, list(response.headers))
        return [response.body]


def _request(environ: Dict[str, Any], handler: LinkHandler) -> Union[Request, Response]:
    """The core's request for ``environ``, or the 413 page for a body longer than the handler reads."""
    headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")}
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            headers[key.replace("_", "-").lower()] = environ[key]
    method = environ.get("REQUEST_METHOD", "GET").upper()
    # PEP 3333 gives the path and query as the request's bytes decoded as latin-1.
    path = _text(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""))
    query = _text(environ.get("QUERY_STRING", ""))
    try:
        length = int(headers.get("content-length") or 0)
    except ValueError:
        length = -1
    if length < 0 or length > handler.max_body_bytes:
        return handler.body_too_large(Request(method, path, query, headers))
    body = environ["wsgi.input"].read(length) if length else b""
    return Request(method, path, query, headers, body)


def _text(latin1: str) -> str:
    """A PEP 3333 string as the UTF-8 text it stands for (bytes that are not UTF-8 stay
    recognisable as such: surrogate escapes, which no valid field accepts)."""
    return latin1.encode("latin-1", "replace").decode("utf-8", "surrogateescape")
