"""The fast local endpoint: nginx answering ``POST /`` like Cognito's UpdateAuthEventFeedback.

nginx runs as a non-daemon child process with its own configuration in a temporary directory,
on 127.0.0.1 and a free port, keep-alive on, access log off. ``POST /`` gets 200 with ``{}``,
``Content-Type: application/x-amz-json-1.1`` and an ``x-amzn-RequestId`` header (nginx's
per-request ``$request_id``); any other method gets 403.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

CONFIG = """\
daemon off;
master_process on;
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    keepalive_timeout 600s;
    keepalive_requests 1000000000;
    server_tokens off;

    server {{
        listen 127.0.0.1:{port} reuseport;
{tls_listen}
        location = / {{
            limit_except POST {{ deny all; }}
            default_type application/x-amz-json-1.1;
            add_header x-amzn-RequestId $request_id always;
            return 200 '{{}}';
        }}
    }}
}}
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_nginx() -> str:
    """The nginx executable (Debian installs it in /usr/sbin, often not on a user's PATH)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise SystemExit("bench: nginx is not installed (make bench installs it with apt-get)")
    return found


class Nginx:
    """Starts nginx on enter, stops it (and removes its directory) on exit. Given ``tls`` (a
    certificate chain and its key, PEM files), the same server also answers HTTPS on a second
    port, at ``tls_url``."""

    def __init__(self, workers: int | str = "auto", tls: tuple[Path, Path] | None = None) -> None:
        self.workers = workers
        self.tls = tls
        self.port = 0
        self.url = ""
        self.tls_url = ""
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> "Nginx":
        self._tmp = tempfile.TemporaryDirectory(prefix="cognito-bench-nginx-")
        tmp = Path(self._tmp.name)
        tmp.chmod(0o755)  # workers may run as another user when started by root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        conf = tmp / "nginx.conf"
        tls_listen = ""
        if self.tls:
            tls_port = free_port()
            self.tls_url = f"https://127.0.0.1:{tls_port}"
            chain, key = self.tls
            tls_listen = (f"        listen 127.0.0.1:{tls_port} ssl reuseport;\n"
                          f"        ssl_certificate {chain};\n        ssl_certificate_key {key};\n"
                          "        ssl_session_cache off;\n        ssl_session_tickets off;\n")
        conf.write_text(CONFIG.format(tmp=tmp, port=self.port, workers=self.workers, tls_listen=tls_listen))
        nginx = find_nginx()
        check = subprocess.run([nginx, "-t", "-q", "-p", str(tmp), "-c", str(conf)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"bench: nginx rejects its configuration:\n{check.stderr}")
        self._process = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(conf)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SystemExit(f"bench: nginx exited: {self._process.stderr.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.02)
        raise SystemExit("bench: nginx did not start listening within 10 s")

    def __exit__(self, *exc) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()  # SIGTERM: nginx's fast shutdown, workers included
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._tmp is not None:
            self._tmp.cleanup()
