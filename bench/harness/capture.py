"""Captures the HTTP request a client sends, so wrk can send the very same bytes.

A one-shot HTTP/1.1 server on 127.0.0.1 reads one request, answers it like nginx does (200,
``{}``, ``x-amzn-RequestId``), and returns the request's headers and body. The request is
saved in the format ``bench/wrk/post.lua`` reads: ``Name: value`` lines, an empty line, the body
(Host and Content-Length left out: wrk writes its own).
"""

from __future__ import annotations

import socket
import subprocess
import threading
from pathlib import Path
from typing import Callable, List, Tuple

RESPONSE = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: application/x-amz-json-1.1\r\n"
    b"x-amzn-RequestId: 00000000-0000-4000-8000-00000000cafe\r\n"
    b"Content-Length: 2\r\n"
    b"Connection: close\r\n"
    b"\r\n{}"
)

Captured = Tuple[str, str, List[Tuple[str, str]], bytes]


def _read_request(conn: socket.socket) -> Captured:
    """Method, target, headers and body of one request read from ``conn``."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            raise RuntimeError("the client closed the connection before the end of the headers")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:]]
    length = next((int(v) for k, v in headers if k.lower() == "content-length"), 0)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            raise RuntimeError("the client closed the connection before the end of the body")
        body += chunk
    return method, target, headers, body


def capture(command: Callable[[str], List[str]]) -> Captured:
    """Runs ``command(url)`` (a client making one call to ``url``) and returns its request."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(30)
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    result: dict = {}

    def serve() -> None:
        try:
            conn, _ = server.accept()
            with conn:
                conn.settimeout(30)
                result["request"] = _read_request(conn)
                conn.sendall(RESPONSE)
        except Exception as error:  # reported below, with the client's own output
            result["error"] = error

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    run = subprocess.run(command(url), capture_output=True, text=True, timeout=60)
    thread.join(timeout=30)
    server.close()
    if "request" not in result:
        raise SystemExit(f"bench: capturing the request failed: {result.get('error')}\n"
                         f"client said: {run.stderr.strip()}")
    if run.returncode != 0:
        raise SystemExit(f"bench: the capture call failed: {run.stderr.strip()}")
    return result["request"]


def write_request_file(captured: Captured, path: Path) -> None:
    """Saves ``captured`` for ``bench/wrk/post.lua``."""
    method, target, headers, body = captured
    if method != "POST" or target != "/":
        raise SystemExit(f"bench: expected POST /, the client sent {method} {target}")
    kept = [(k, v) for k, v in headers if k.lower() not in ("host", "content-length")]
    text = "".join(f"{k}: {v}\n" for k, v in kept) + "\n"
    path.write_bytes(text.encode("latin-1") + body)
