#!/usr/bin/env python3
"""Starts cognito-feedback-emulator (or another server that prints its URL first) and stops it:
the one launcher every script, test, benchmark and demo uses.

The emulator prints its base URL, ``http://127.0.0.1:PORT``, as the first line on stdout. The
launcher starts it with ``--exit-on-stdin-eof`` (so it also ends when whoever started it dies),
reads that line within a deadline, and fails with a clear error when the process exits first or
prints something else. Stopping closes the emulator's stdin and waits for it (killing it after
a grace period), so no process outlives its user.

From Python (``scripts/`` on ``sys.path``)::

    with start_emulator(binary, ["--feedback-log", str(log)], stderr=Path("emulator.err")) as emulator:
        ... emulator.url ...

From a language that cannot import it (C, shell; see scripts/emulator.sh)::

    scripts/emulator_launcher.py [--timeout SECONDS] BINARY [FLAG...]

prints the URL as its first line, keeps the emulator running until the launcher's own stdin
closes or it gets SIGTERM or SIGINT, then stops it and exits with its status (0 when it stopped
cleanly). When the emulator does not start it prints nothing on stdout, says why on stderr (the
emulator's stderr goes there too) and exits 1.
"""

from __future__ import annotations

import argparse
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any, Dict, Iterator, List, NoReturn, Optional, Sequence, Union

#: Seconds a process gets to print its URL: generous, for a loaded 2-core machine.
STARTUP_TIMEOUT = 30.0

#: Seconds a process gets to exit once asked to, before it is killed.
STOP_GRACE = 10.0

#: The longest first line read: a URL is far shorter.
MAX_LINE = 4096

#: Where the child's stderr goes: inherited (None), a file opened here (a Path, shown in the
#: error when it fails to start), or anything subprocess.Popen takes.
Stderr = Union[None, int, IO[Any], Path]


class LaunchError(RuntimeError):
    """The process did not print its URL: it exited, printed something else, or took too long."""


class UrlProcess:
    """A child process that prints its base URL as its first line on stdout.

    ``exits_on_stdin_eof`` says the process ends by itself once its stdin closes (the emulator
    with ``--exit-on-stdin-eof``); others are sent SIGTERM when stopped.
    """

    def __init__(self, name: str, command: Sequence[str], *, stderr: Stderr = None,
                 env: Optional[Dict[str, str]] = None, timeout: float = STARTUP_TIMEOUT,
                 exits_on_stdin_eof: bool = False) -> None:
        self.name = name
        self.command = [str(part) for part in command]
        self.exits_on_stdin_eof = exits_on_stdin_eof
        self.log: Optional[Path] = None
        self._own_stderr: Optional[IO[bytes]] = None
        child_stderr: Union[None, int, IO[Any]]
        if isinstance(stderr, Path):
            self.log, self._own_stderr = stderr, open(stderr, "wb")
            child_stderr = self._own_stderr
        else:
            child_stderr = stderr
        try:
            self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=child_stderr, env=env)
        except OSError as error:
            self._close_files()
            raise LaunchError(f"{self._who()} cannot start: {error}") from error
        try:
            self.url = self._read_url(timeout)
        except BaseException:
            self.stop(terminate=True)
            raise

    def _who(self) -> str:
        return f"{self.name} ({self.command[0]})"

    def _read_url(self, timeout: float) -> str:
        """The first line, once it is a URL; a LaunchError otherwise."""
        deadline = time.monotonic() + timeout
        line = self._first_line(deadline)
        if line is None:
            self._fail(f"printed no URL within {timeout:g} s")
        text = line.decode("utf-8", "replace").strip()
        if len(line) < MAX_LINE and not line.endswith(b"\n"):
            self._fail(self._why_stdout_closed(deadline) + (f" (it printed {text!r})" if text else ""))
        if not text.startswith("http://") or any(c.isspace() for c in text):
            self._fail(f"printed {text[:200]!r} instead of its URL")
        return text

    def _why_stdout_closed(self, deadline: float) -> str:
        """What ended its stdout before a whole line: its exit, if it comes by ``deadline``."""
        try:
            status = self.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return "closed its stdout before printing its URL"
        return f"exited with status {status} before printing its URL"

    def _first_line(self, deadline: float) -> Optional[bytes]:
        """The bytes up to and with the first newline, or all there were if stdout closed (or
        MAX_LINE was reached) first; None if the deadline passed."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        data = b""
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in data and len(data) < MAX_LINE:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    return None
                chunk = os.read(fd, MAX_LINE)
                if not chunk:
                    break
                data += chunk
        return data[: data.index(b"\n") + 1] if b"\n" in data else data

    def _fail(self, what: str) -> NoReturn:
        message = f"{self._who()} {what}"
        if self.log is not None:
            assert self._own_stderr is not None
            self._own_stderr.flush()
            message += f"; its stderr ({self.log}):\n" + self.log.read_text(encoding="utf-8", errors="replace")
        raise LaunchError(message)

    def stop(self, terminate: Optional[bool] = None) -> int:
        """Ends the process and returns its exit status: closes its stdin, sends SIGTERM when
        ``terminate`` (default: unless it exits by itself on that), and SIGKILL if it still runs
        after STOP_GRACE seconds. Safe to call more than once."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except OSError:
                pass  # it is gone already: nothing left to tell
        if terminate is None:
            terminate = not self.exits_on_stdin_eof
        if terminate and self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._close_files()
        return self.process.returncode

    def _close_files(self) -> None:
        if getattr(self, "process", None) is not None and self.process.stdout is not None:
            self.process.stdout.close()
        if self._own_stderr is not None:
            self._own_stderr.close()

    def __enter__(self) -> "UrlProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_emulator(binary: Union[str, Path], flags: Sequence[str] = (), *, stderr: Stderr = None,
                   timeout: float = STARTUP_TIMEOUT) -> UrlProcess:
    """cognito-feedback-emulator ``binary`` with ``flags`` (its command line), listening: its
    ``url`` is set; ``stop()`` (or leaving a ``with`` block) ends it."""
    return UrlProcess("the emulator", [str(binary), "--exit-on-stdin-eof", *flags], stderr=stderr,
                      timeout=timeout, exits_on_stdin_eof=True)


def find_binary(repo: Path) -> Path:
    """The emulator to run: the first that exists of :func:`_candidates`."""
    looked: List[Path] = []
    for path in _candidates(repo, "cognito-feedback-emulator" + (".exe" if sys.platform == "win32" else "")):
        if path.is_file():
            return path
        looked.append(path)
    raise LaunchError("cannot find the emulator; build it with `make build` or "
                      "`cargo build --release --workspace`. Looked at: " + ", ".join(map(str, looked)))


def _candidates(repo: Path, name: str) -> Iterator[Path]:
    """Where the emulator ``name`` may be, in order (each looked at only when the one before is
    not there): $COGNITO_FEEDBACK_EMULATOR, the release build (``make build``, in the directory
    ``scripts/release.sh dir`` names), and cargo's release and debug builds (in
    $CARGO_TARGET_DIR, default ``repo/target``)."""
    explicit = os.environ.get("COGNITO_FEEDBACK_EMULATOR")
    if explicit:
        yield Path(explicit)
    release = subprocess.run([str(repo / "scripts" / "release.sh"), "dir"], check=True,
                             capture_output=True, text=True).stdout.strip()
    yield Path(release) / name
    target = Path(os.environ.get("CARGO_TARGET_DIR") or "target")
    target = target if target.is_absolute() else repo / target
    yield target / "release" / name
    yield target / "debug" / name


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=STARTUP_TIMEOUT,
                        help=f"seconds to wait for the URL (default {STARTUP_TIMEOUT:g})")
    parser.add_argument("binary", help="the cognito-feedback-emulator to run")
    parser.add_argument("flags", nargs=argparse.REMAINDER, help="its command line")
    args = parser.parse_args(argv)

    def stop_waiting(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_waiting)
    signal.signal(signal.SIGINT, stop_waiting)
    emulator: Optional[UrlProcess] = None
    try:
        emulator = start_emulator(args.binary, args.flags, timeout=args.timeout)
        sys.stdout.write(emulator.url + "\n")
        sys.stdout.flush()
        # Whatever arrives is ignored; the end of stdin is the signal to stop.
        while os.read(sys.stdin.fileno(), 65536):
            pass
    except LaunchError as error:
        print(f"emulator_launcher: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        status = emulator.stop() if emulator is not None else 1
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main())
