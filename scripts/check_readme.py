#!/usr/bin/env python3
"""Runs README.md's quick starts exactly as they are printed, each against its own emulator.

    scripts/check_readme.py [--readme FILE] [--only NAME,...] [--keep]

Every block marked `<!-- quickstart:NAME -->` (the line right before its opening fence) is
extracted and run the way a user would run it; the program is pointed at a fresh
cognito-feedback-emulator through the standard AWS_ENDPOINT_URL variable only (every other
AWS_* variable is removed), so its code stays as written for real Cognito. A quick start passes
when it exits 0 and the emulator's feedback log holds exactly the feedback it was meant to send.
Then its program runs once more without AWS_ENDPOINT_URL, as on a user's machine, through an
HTTPS proxy that refuses every connection: it must have asked for Cognito's us-east-1 endpoint
(cognito-idp.us-east-1.amazonaws.com:443), and failed.

- rust: checked with rustfmt, compiled with rustc against the release build's rlib
  (`-D warnings`), then run.
- c-install, c, c-build: `make install PREFIX="$HOME/.local"` from the repository with HOME set
  to a scratch directory, then the build block (pkg-config, cc, ./quickstart) beside
  quickstart.c.
- python: run by the Python package's virtual environment ($COGNITO_PYTHON_VENV, default
  target/python-venv, made by bindings/python/run-tests.sh) with the release build's library.
- csharp, csharp-build: the build block beside QuickStart.cs, CognitoFeedback.dll (built by
  bindings/csharp/run-tests.sh into build/csharp) and libcognito_feedback.so.
- cli: a console transcript; each `$ ` command runs in one bash session with the release build on
  PATH, and what it prints (stdout and stderr) must be the lines shown under it.

Needs `make build`, `make test-python` and `make test-csharp` first (`make test-readme` runs
them). The last line is "readme: N passed, M failed". --readme checks another copy of the file
(to prove a broken block fails); --keep leaves the scratch directory for a look.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from emulator_launcher import LaunchError, start_emulator

ROOT = Path(__file__).resolve().parent.parent
#: The release build (glibc 2.17), as scripts/release.sh names it.
RELEASE = Path(
    subprocess.run([str(ROOT / "scripts" / "release.sh"), "dir"], check=True, capture_output=True, text=True).stdout.strip()
)
EMULATOR = RELEASE / "cognito-feedback-emulator"
#: Where that cross build (it names its --target) keeps what runs on the host: proc-macros.
HOST_DEPS = RELEASE.parent.parent / "release" / "deps"
CSHARP_BUILD = ROOT / "build" / "csharp"

#: Every quick start block: its name, the fence's info string, and what it runs as.
BLOCKS = {
    "rust": "rust",
    "c-install": "sh",
    "c": "c",
    "c-build": "sh",
    "python": "python",
    "csharp": "csharp",
    "csharp-build": "sh",
    "cli": "console",
}

#: The record each quick start must leave in the emulator's feedback log (and nothing else).
EXPECTED_RECORD = {"user_pool_id": "us-east-1_PlusPool1", "username": "alice", "event_id": "evt-alice-1"}

#: What a client for Cognito in us-east-1 asks an HTTPS proxy for.
REAL_ENDPOINT_CONNECT = "CONNECT cognito-idp.us-east-1.amazonaws.com:443 HTTP/1.1"

#: Removed from the environment the quick starts run in (in any case), with every AWS_* one.
PROXY_VARIABLES = {"ALL_PROXY", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"}

MARKER = re.compile(r"^<!-- quickstart:([a-z-]+) -->$")
FENCE_OPEN = re.compile(r"^```([A-Za-z0-9_+-]*)$")

#: Seconds a step may take: `make install` may have to run cargo; the rest are small programs.
INSTALL_TIMEOUT = 1800
STEP_TIMEOUT = 300


class CheckFailed(Exception):
    """A quick start did not do what the README says; the message says what happened."""


@dataclass
class Context:
    """What every quick start's check gets: the README's blocks and a scratch directory."""

    blocks: Dict[str, str]
    scratch: Path


@dataclass
class Outcome:
    """What a quick start printed, and how to run the program it built once more."""

    output: str
    program: List[str]
    cwd: Path


def extract_blocks(text: str) -> Dict[str, str]:
    """The marked blocks by name. Every name in BLOCKS exactly once, with its info string,
    right after its marker; no other markers."""
    lines = text.splitlines()
    blocks: Dict[str, str] = {}
    problems: List[str] = []
    for number, line in enumerate(lines):
        marker = MARKER.match(line)
        if not marker:
            if line.startswith("<!-- quickstart"):
                problems.append(f"line {number + 1}: malformed marker {line!r}")
            continue
        name = marker.group(1)
        if name not in BLOCKS:
            problems.append(f"line {number + 1}: unknown quick start {name!r} (known: {', '.join(BLOCKS)})")
            continue
        if name in blocks:
            problems.append(f"line {number + 1}: quick start {name!r} is marked twice")
            continue
        fence = FENCE_OPEN.match(lines[number + 1]) if number + 1 < len(lines) else None
        if not fence or fence.group(1) != BLOCKS[name]:
            problems.append(f"line {number + 2}: quick start {name!r} must open with ```{BLOCKS[name]}")
            continue
        body: List[str] = []
        for inner in lines[number + 2 :]:
            if inner == "```":
                break
            body.append(inner)
        else:
            problems.append(f"line {number + 2}: quick start {name!r} is never closed")
            continue
        blocks[name] = "\n".join(body) + "\n"
    problems += [f"quick start {name!r} is missing" for name in BLOCKS if name not in blocks]
    if problems:
        raise CheckFailed("README markers:\n  " + "\n  ".join(problems))
    return blocks


def hermetic_environment(endpoint: Optional[str], home: Optional[Path] = None) -> Dict[str, str]:
    """This process's environment without AWS_*, proxies and the library override, plus
    AWS_ENDPOINT_URL when `endpoint` is given. With `home`, HOME moves there while cargo and
    rustup keep their real homes."""
    env = {
        k: v for k, v in os.environ.items()
        if not k.startswith("AWS_") and k.upper() not in PROXY_VARIABLES and k != "COGNITO_FEEDBACK_LIBRARY"
    }
    if endpoint is not None:
        env["AWS_ENDPOINT_URL"] = endpoint
    if home is not None:
        real_home = Path(os.environ.get("HOME", str(Path.home())))
        for variable, default in (("CARGO_HOME", ".cargo"), ("RUSTUP_HOME", ".rustup")):
            if variable not in env and (real_home / default).is_dir():
                env[variable] = str(real_home / default)
        env["HOME"] = str(home)
    return env


class Emulator:
    """A cognito-feedback-emulator of its own for one quick start, with a feedback log."""

    def __init__(self, workdir: Path) -> None:
        self.log = workdir / "feedback.jsonl"
        try:
            self.process = start_emulator(EMULATOR, ["--feedback-log", str(self.log)], stderr=workdir / "emulator.err")
        except LaunchError as error:
            raise CheckFailed(str(error)) from error
        self.url = self.process.url

    def records(self) -> List[dict]:
        """The feedback the emulator recorded, oldest first."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def stop(self) -> None:
        """Ends the emulator."""
        self.process.stop()


class ConnectRecorder:
    """An HTTPS proxy that refuses everything: it records the CONNECT line of each request
    (the host and port a client wants) and answers 403."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = "http://127.0.0.1:%d" % self.server.getsockname()[1]
        self.lines: List[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        """Answers connections until the socket is closed."""
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(10)
                head = b""
                try:
                    while b"\r\n\r\n" not in head and len(head) < 65536:
                        chunk = connection.recv(4096)
                        if not chunk:
                            break
                        head += chunk
                    self.lines.append(head.split(b"\r\n", 1)[0].decode("latin-1"))
                    connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        """Stops serving; shutting the socket down wakes the accept() in progress."""
        try:
            self.server.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.server.close()
        self.thread.join(5)


def execute(
    what: str, command: List[str], cwd: Path, env: Dict[str, str], timeout: int = STEP_TIMEOUT
) -> Tuple[int, str]:
    """Runs a command; its exit status and combined output, or a failure if it outlasts `timeout`."""
    try:
        done = subprocess.run(
            command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=timeout,
        )
    except subprocess.TimeoutExpired as error:
        raise CheckFailed(f"{what}: still running after {timeout} s") from error
    return done.returncode, done.stdout.decode("utf-8", "replace")


def run(what: str, command: List[str], cwd: Path, env: Dict[str, str], timeout: int = STEP_TIMEOUT) -> str:
    """Runs a command that must succeed; its combined output, or a failure showing it."""
    status, output = execute(what, command, cwd, env, timeout)
    if status != 0:
        raise CheckFailed(f"{what}: exit status {status}\n{indent(output)}")
    return output


def run_shell_block(what: str, block: str, cwd: Path, env: Dict[str, str], timeout: int = STEP_TIMEOUT) -> str:
    """A sh block as a script, stopping at its first failing command."""
    return run(what, ["bash", "-e", "-u", "-o", "pipefail", "-c", block], cwd, env, timeout)


def indent(text: str) -> str:
    """`text` set off as quoted output."""
    return "\n".join("    | " + line for line in text.rstrip("\n").splitlines())


def check_real_endpoint(outcome: Outcome) -> None:
    """Runs the quick start's program without AWS_ENDPOINT_URL, as on a user's machine, through
    a proxy that refuses every connection: it must have tried Cognito's us-east-1 endpoint, and
    failed because it could not reach it."""
    proxy = ConnectRecorder()
    env = dict(hermetic_environment(None), HTTPS_PROXY=proxy.url)
    try:
        status, output = execute("the program without AWS_ENDPOINT_URL", outcome.program, outcome.cwd, env)
    finally:
        proxy.close()
    if status == 0 or not proxy.lines or any(line != REAL_ENDPOINT_CONNECT for line in proxy.lines):
        raise CheckFailed(
            f"without AWS_ENDPOINT_URL, the program should try {REAL_ENDPOINT_CONNECT!r} and fail; it "
            f"exited {status} after asking the proxy for {proxy.lines}\n{indent(output)}"
        )


def check_rust(ctx: Context, workdir: Path, env: Dict[str, str]) -> Outcome:
    """rustfmt --check, rustc against the release rlib (warnings are errors), run."""
    source = workdir / "main.rs"
    source.write_text(ctx.blocks["rust"])
    run("rustfmt --check (the block must be formatted as the project's code is)",
        ["rustfmt", "--edition", "2024", "--check", str(source)], workdir, env)
    rlib = RELEASE / "libcognito_feedback.rlib"
    run(
        "rustc",
        ["rustc", "--edition", "2024", "-D", "warnings", str(source), "-o", str(workdir / "quickstart"),
         "--extern", f"cognito_feedback={rlib}", "-L", f"dependency={RELEASE / 'deps'}",
         # The release build names its target, so its proc-macros (serde_derive) sit apart.
         "-L", f"dependency={HOST_DEPS}"],
        workdir, env,
    )
    program = [str(workdir / "quickstart")]
    return Outcome(run("the program", program, workdir, env), program, workdir)


def check_c(ctx: Context, workdir: Path, env: Dict[str, str]) -> Outcome:
    """The install block in the repository and the build block in a project directory, both
    with HOME in the scratch directory."""
    home = workdir / "home"
    home.mkdir()
    env = hermetic_environment(env["AWS_ENDPOINT_URL"], home=home)
    install = run_shell_block(
        "the install block (in the repository)", ctx.blocks["c-install"], ROOT, env, INSTALL_TIMEOUT
    )
    project = workdir / "project"
    project.mkdir()
    (project / "quickstart.c").write_text(ctx.blocks["c"])
    output = install[-2000:] + run_shell_block("the build block", ctx.blocks["c-build"], project, env)
    return Outcome(output, ["./quickstart"], project)


def check_python(ctx: Context, workdir: Path, env: Dict[str, str]) -> Outcome:
    """The program, run by the package's virtual environment."""
    venv = Path(os.environ.get("COGNITO_PYTHON_VENV", ROOT / "target" / "python-venv"))
    python = venv / "bin" / "python"
    if not python.exists():
        raise CheckFailed(f"no virtual environment at {venv}: `make test-python` makes it")
    (workdir / "quickstart.py").write_text(ctx.blocks["python"])
    # The release build's library, as the wheel carries it (the package's own search of the
    # source tree would find a development build in target/release, if any).
    library = RELEASE / "libcognito_feedback.so"
    program = ["env", f"COGNITO_FEEDBACK_LIBRARY={library}", str(python), "quickstart.py"]
    return Outcome(run("python quickstart.py", program, workdir, env), program, workdir)


def check_csharp(ctx: Context, workdir: Path, env: Dict[str, str]) -> Outcome:
    """The build block beside the program, the built assembly and the native library."""
    for needed in (CSHARP_BUILD / "CognitoFeedback.dll", RELEASE / "libcognito_feedback.so"):
        if not needed.exists():
            raise CheckFailed(f"missing {needed}: `make test-csharp` builds it")
        shutil.copy(needed, workdir / needed.name)
    (workdir / "QuickStart.cs").write_text(ctx.blocks["csharp"])
    output = run_shell_block("the build block", ctx.blocks["csharp-build"], workdir, env)
    return Outcome(output, ["mono", "QuickStart.exe"], workdir)


def transcript(block: str) -> List[Tuple[str, str]]:
    """A console block as (command, expected output) pairs: `$ ` starts a command, a trailing
    backslash continues it, and the lines up to the next command are its output."""
    steps: List[Tuple[str, List[str]]] = []
    continued = False
    for line in block.splitlines():
        if continued:
            steps[-1] = (steps[-1][0] + "\n" + line, steps[-1][1])
        elif line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
        else:
            raise CheckFailed(f"the console block must start with a `$ ` command, not {line!r}")
        continued = line.endswith("\\")
    return [(command, "\n".join(output).strip("\n")) for command, output in steps]


def check_cli(ctx: Context, workdir: Path, env: Dict[str, str]) -> Outcome:
    """The transcript's commands in one bash session; each must print what the README shows."""
    steps = transcript(ctx.blocks["cli"])
    if not steps:
        raise CheckFailed("the console block has no commands")
    env = dict(env, PATH=f"{RELEASE}{os.pathsep}{env.get('PATH', '')}")
    # One bash session, so `echo $?` sees the command before it; each command's output to a file.
    script = "\n".join(f"{{ {command}\n}} >{workdir}/out.{i} 2>&1" for i, (command, _) in enumerate(steps))
    run("the console block", ["bash", "-c", script + "\ntrue"], workdir, env)
    report = []
    for i, (command, expected) in enumerate(steps):
        actual = (workdir / f"out.{i}").read_text().strip("\n")
        report.append(f"$ {command}" + (f"\n{actual}" if actual else ""))
        if actual != expected:
            raise CheckFailed(
                f"`{command.splitlines()[0]}` printed\n{indent(actual or '(nothing)')}\n"
                f"  but the README shows\n{indent(expected or '(nothing)')}"
            )
    return Outcome("\n".join(report), ["bash", "-c", f"PATH={RELEASE}:$PATH; {steps[0][0]}"], workdir)


@dataclass
class QuickStart:
    """One language's quick start: how to run it, and the FeedbackValue it must record."""

    name: str
    check: Callable[[Context, Path, Dict[str, str]], Outcome]
    feedback_value: str


QUICK_STARTS = [
    QuickStart("rust", check_rust, "Invalid"),
    QuickStart("c", check_c, "Invalid"),
    QuickStart("python", check_python, "Valid"),
    QuickStart("csharp", check_csharp, "Invalid"),
    QuickStart("cli", check_cli, "Valid"),
]


def check(quick_start: QuickStart, ctx: Context) -> None:
    """Runs one quick start against its own emulator; raises CheckFailed when it falls short."""
    workdir = ctx.scratch / quick_start.name
    workdir.mkdir()
    emulator = Emulator(workdir)
    try:
        outcome = quick_start.check(ctx, workdir, hermetic_environment(emulator.url))
    finally:
        emulator.stop()
    expected = [dict(EXPECTED_RECORD, feedback_value=quick_start.feedback_value)]
    recorded = [{key: record.get(key) for key in expected[0]} for record in emulator.records()]
    if recorded != expected:
        raise CheckFailed(
            f"the emulator recorded {recorded} but the quick start should have sent {expected}\n"
            f"  its output:\n{indent(outcome.output)}"
        )
    print(indent(outcome.output.strip("\n")[-1500:]))
    check_real_endpoint(outcome)
    print(f"    (without AWS_ENDPOINT_URL it asks for {REAL_ENDPOINT_CONNECT.split()[1]})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md", help="the file to check")
    parser.add_argument("--only", help="comma-separated quick starts: " + ",".join(q.name for q in QUICK_STARTS))
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--print", metavar="BLOCK", choices=list(BLOCKS),
                        help="print one quick start block as written (for the other tests that build it) and exit")
    args = parser.parse_args()

    if args.print:
        try:
            print(extract_blocks(args.readme.read_text(encoding="utf-8"))[args.print], end="")
        except CheckFailed as error:
            print(f"check_readme: {args.readme}: {error}", file=sys.stderr)
            return 1
        return 0

    selected = QUICK_STARTS
    if args.only:
        names = args.only.split(",")
        unknown = sorted(set(names) - {q.name for q in QUICK_STARTS})
        if unknown:
            parser.error(f"unknown quick start(s): {', '.join(unknown)}")
        selected = [q for q in QUICK_STARTS if q.name in names]
    if not EMULATOR.exists():
        print(f"check_readme: no emulator at {EMULATOR}: run `make build`", file=sys.stderr)
        return 2
    try:
        blocks = extract_blocks(args.readme.read_text(encoding="utf-8"))
    except CheckFailed as error:
        print(f"check_readme: {args.readme}: {error}", file=sys.stderr)
        print("readme: 0 passed, 1 failed")
        return 1

    scratch = Path(tempfile.mkdtemp(prefix="check-readme-"))
    ctx = Context(blocks, scratch)
    passed, failed = 0, []
    try:
        for quick_start in selected:
            print(f"--- quick start: {quick_start.name}", flush=True)
            try:
                check(quick_start, ctx)
            except CheckFailed as error:
                print(f"FAILED: {quick_start.name}: {error}", flush=True)
                failed.append(quick_start.name)
            else:
                passed += 1
    finally:
        if args.keep:
            print(f"check_readme: scratch directory kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"readme: {passed} passed, {len(failed)} failed" + (f" ({', '.join(failed)})" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
