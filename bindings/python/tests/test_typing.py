"""Annotated boto3 code type-checks against this package with ``mypy --strict`` once its marked
imports change, and runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Emulator

import cognito_feedback
from test_boto3_script import ported

SAMPLE = Path(__file__).with_name("typed_sample.py")

#: Where the package's source is, for mypy.
PACKAGE_SOURCE = Path(cognito_feedback.__file__).resolve().parent.parent


def run_mypy(tool: str, *arguments: str, cwd: Path, source: Path = PACKAGE_SOURCE) -> str:
    """``python -m TOOL ARGUMENTS`` (``mypy`` or ``mypy.stubtest``) seeing the package in the
    directory ``source`` (default: the one this run imports): its report (empty when it succeeds)."""
    # MYPYPATH: mypy cannot follow an editable install's import hook to the package source; an
    # installed wheel (in site-packages) it finds by itself, and refuses site-packages there.
    environment = dict(os.environ)
    if source.name != "site-packages":
        environment["MYPYPATH"] = str(source)
    if source != PACKAGE_SOURCE:  # stubtest imports the code too: this copy, not the installed one
        environment["PYTHONPATH"] = str(source)
    done = subprocess.run(
        [sys.executable, "-m", tool, *arguments], capture_output=True, text=True, cwd=cwd, env=environment
    )
    return "" if done.returncode == 0 else done.stdout + done.stderr


def mypy(path: Path) -> str:
    """``mypy --strict`` on one file: its report (empty when clean)."""
    return run_mypy("mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull, str(path), cwd=path.parent)


def test_the_sample_type_checks_under_boto3_stubs() -> None:
    pytest.importorskip("mypy")
    pytest.importorskip("mypy_boto3_cognito_idp")
    assert mypy(SAMPLE) == ""


def test_the_ported_sample_type_checks_under_cognito_feedback(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    ours = tmp_path / SAMPLE.name
    ours.write_text(ported(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    assert "import boto3" not in ours.read_text(encoding="utf-8")
    assert "mypy_boto3" not in ours.read_text(encoding="utf-8")
    assert mypy(ours) == ""


def test_a_type_error_is_caught(tmp_path: Path) -> None:
    """The check can fail: a wrong feedback value is a type error under this package's types."""
    pytest.importorskip("mypy")
    bad = tmp_path / "bad.py"
    bad.write_text(
        ported(SAMPLE.read_text(encoding="utf-8")).replace('return "Valid" if', 'return "Yes" if'), encoding="utf-8"
    )
    report = mypy(bad)
    assert "Incompatible return value type" in report and "'Yes'" in report, report


def test_the_ported_sample_runs(emulator: Emulator, tmp_path: Path) -> None:
    module = tmp_path / "ported_sample.py"
    module.write_text(ported(SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        import ported_sample  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(tmp_path))
    with ported_sample.new_client(emulator.url) as client:
        assert ported_sample.report(client, "alice", "evt-alice-1", "tok-alice-1.AbC=", True)
        assert ported_sample.report(client, "alice", "evt-alice-1", "tok-wrong.XyZ=", False) is None
