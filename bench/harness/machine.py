"""What the benchmark ran on: CPU, memory, kernel, OS, load, and the tools' versions."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from pathlib import Path


def _first_line(command: list) -> str:
    """The first non-empty line a command prints (stdout or stderr), or why it could not run."""
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unavailable ({error})"
    for line in (run.stdout + run.stderr).splitlines():
        if line.strip():
            return line.strip()
    return "unknown"


def _cpu_model() -> str:
    text = Path("/proc/cpuinfo").read_text()
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else platform.processor() or "unknown"


def _mem_total_mib() -> int:
    match = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    return int(match.group(1)) // 1024 if match else 0


def _os_name() -> str:
    try:
        text = Path("/etc/os-release").read_text()
    except OSError:
        return platform.system()
    match = re.search(r'^PRETTY_NAME="?([^"\n]+)"?$', text, re.MULTILINE)
    return match.group(1) if match else platform.system()


def load_average() -> list:
    """The 1, 5 and 15 minute load averages."""
    return [round(x, 2) for x in os.getloadavg()]


def source(root: Path) -> dict:
    """The commit of the tree measured, and whether it had uncommitted changes (results of
    earlier runs in bench/results do not count)."""
    def git(*args: str) -> str:
        run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
        return run.stdout.strip() if run.returncode == 0 else ""
    return {"commit": git("rev-parse", "HEAD") or "unknown",
            "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no",
                                             "--", ".", ":!bench/results"))}


def describe(nginx: str, venv_python: str) -> dict:
    """The machine and tool facts recorded with every result."""
    return {
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "memory_mib": _mem_total_mib(),
        "kernel": platform.release(),
        "os": _os_name(),
        "load_average_at_start": load_average(),
        "tools": {
            "rustc": _first_line(["rustc", "--version"]),
            "gcc": _first_line(["gcc", "--version"]),
            "nginx": _first_line([nginx, "-v"]),
            "wrk": _first_line(["wrk", "-v"]),
            "python": _first_line([venv_python, "--version"]),
            "boto3": _first_line([venv_python, "-c",
                                  "import boto3, botocore; "
                                  "print('boto3', boto3.__version__, 'botocore', botocore.__version__)"]),
        },
    }
