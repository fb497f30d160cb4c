"""``python -m cognito_feedback.web``: the feedback link handler on its own HTTP server.

Prints its base URL (``http://HOST:PORT``) as the first line on stdout, then serves until
SIGTERM or Ctrl-C. The anti-forgery secret comes from ``$COGNITO_FEEDBACK_LINK_SECRET``; without
it the server does not start. Run it behind a reverse proxy that terminates TLS.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socketserver
import sys
import threading
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ..client import Client
from ..exceptions import CognitoFeedbackError
from ._core import LOG, LinkHandler
from ._proof import MissingSecretError
from ._wsgi import WsgiApp


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    """wsgiref's server, one thread per connection."""

    daemon_threads = True


class _QuietRequestHandler(WSGIRequestHandler):
    """Access log lines without the query (it holds the token), and no echo of a bad request."""

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        path = (getattr(self, "path", None) or "-").partition("?")[0]
        LOG.info("%s %s -> %s", getattr(self, "command", None) or "-", _printable(path), code)

    def log_message(self, format: str, *args: Any) -> None:
        # The only message that could quote the request line is send_error's, which gets none.
        LOG.warning("http server: %s", _printable(format % args).partition("?")[0])

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        # The default page quotes the request line, which may hold a token.
        super().send_error(code, None, None)


def _named(app: WsgiApp) -> Callable[[Dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    """``app`` answering with ``Server: cognito-feedback`` (wsgiref's own names the Python version)."""

    def serve(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        def start(status: str, headers: List[Tuple[str, str]], exc_info: Any = None) -> Any:
            return start_response(status, headers + [("Server", "cognito-feedback")], exc_info)

        return app(environ, start)

    return serve


def _printable(text: str) -> str:
    return "".join(c if " " <= c <= "~" else "?" for c in text[:300])


def _arguments(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m cognito_feedback.web",
        description="Serve the 'this was me' / 'this wasn't me' links of Cognito's threat-protection email "
        "(secret in $COGNITO_FEEDBACK_LINK_SECRET).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, required=True, help="port to listen on; 0 picks a free one")
    parser.add_argument("--user-pool-id", required=True, help="the application's user pool")
    parser.add_argument("--region", default=None, help="AWS Region (default: AWS_REGION / AWS_DEFAULT_REGION)")
    parser.add_argument("--endpoint-url", default=None, help="Cognito endpoint override")
    parser.add_argument("--path", default="/feedback", help="the links' path (default /feedback)")
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the server; 2 when it cannot start (no secret, bad settings)."""
    args = _arguments(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        client = Client(region_name=args.region, endpoint_url=args.endpoint_url)
    except CognitoFeedbackError as error:
        print(f"cognito_feedback.web: cannot create the Cognito client: {error}", file=sys.stderr)
        return 2
    with client:
        try:
            handler = LinkHandler.from_environment(client, args.user_pool_id, path=args.path)
        except (MissingSecretError, ValueError) as error:
            print(f"cognito_feedback.web: {error}", file=sys.stderr)
            return 2
        with make_server(args.host, args.port, _named(WsgiApp(handler)), _Server, _QuietRequestHandler) as server:
            host, port = server.socket.getsockname()[:2]
            print(f"http://{host}:{port}", flush=True)

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
