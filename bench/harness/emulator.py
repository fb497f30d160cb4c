"""The Cognito emulator as a benchmark endpoint, with the fault flags a run asks for (e.g.
``--delay-ms 50``: each answer comes 50 ms after its request).

It runs as a child process with ``--exit-on-stdin-eof`` (so it also ends with this one) and
prints its URL as its first line; its per-request log goes to a temporary file.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional


class Emulator:
    """``with Emulator(binary, flags) as url:`` the emulator listening at ``url``."""

    def __init__(self, binary: Path, flags: List[str]) -> None:
        self.binary = binary
        self.flags = flags
        self.process: Optional["subprocess.Popen[str]"] = None
        self.log = tempfile.TemporaryFile()

    def __enter__(self) -> str:
        self.process = subprocess.Popen(
            [str(self.binary), "--exit-on-stdin-eof", *self.flags],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True)
        assert self.process.stdout is not None
        url = self.process.stdout.readline().strip()
        if not url.startswith("http://"):
            self.__exit__(None, None, None)
            raise SystemExit(f"bench: the emulator ({self.binary}) printed no URL")
        return url

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        self.log.close()
