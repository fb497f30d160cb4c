"""The handler as an ASGI application (HTTP and lifespan), for Starlette, FastAPI, Django, uvicorn."""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, MutableMapping, Optional

from ._core import LinkHandler, Request, Response

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Dict[str, Any]]]
Send = Callable[[Dict[str, Any]], Awaitable[None]]


class AsgiApp:
    """An ASGI application serving ``handler``'s path; the report to Cognito runs off the loop."""

    def __init__(self, handler: LinkHandler) -> None:
        #: The core this application adapts.
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            raise ValueError(f"the feedback link handler serves HTTP, not {scope['type']!r}")
        headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", [])}
        method = scope["method"].upper()
        request = Request(method, _path(scope), scope.get("query_string", b"").decode("utf-8", "surrogateescape"), headers)
        body = await _body(receive, headers, self.handler.max_body_bytes)
        if body is None:
            response = self.handler.body_too_large(request)
        else:
            response = await self.handler.handle_async(Request(method, request.path, request.query, headers, body))
        await _send(send, response)


def _path(scope: Scope) -> str:
    """The path as the application sees it: servers differ on whether ``path`` includes ``root_path``."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path if path.startswith(root) else root + path


async def _body(receive: Receive, headers: Dict[str, str], limit: int) -> Optional[bytes]:
    """The request body, or None when it is (or says it is) longer than ``limit``, or the client
    left before sending all of it (nothing is then done with it)."""
    try:
        if int(headers.get("content-length") or 0) > limit:
            return None
    except ValueError:
        return None
    chunks: List[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _send(send: Send, response: Response) -> None:
    await send({
        "type": "http.response.start",
        "status": response.status,
        "headers": [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in response.headers],
    })
    await send({"type": "http.response.body", "body": response.body})


async def _lifespan(receive: Receive, send: Send) -> None:
    """Nothing to start or stop: acknowledges the server's lifespan messages."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
