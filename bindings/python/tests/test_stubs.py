"""The package's .pyi stubs, the types type checkers read, agree with its code, and the package
type-checks against them (the stubs' own users inside it included)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import get_args

import pytest
from test_typing import PACKAGE_SOURCE, run_mypy

from cognito_feedback import FeedbackValueTypeType, UpdateAuthEventFeedbackRequestTypeDef
from cognito_feedback._request import FEEDBACK_VALUES, MEMBERS

#: The deliberate differences between stubs and code, each explained.
ALLOWLIST = Path(__file__).with_name("stubtest-allowlist.txt")


def stubtest(scratch: Path, source: Path = PACKAGE_SOURCE) -> str:
    """mypy.stubtest on every module of the package under ``source`` that has a stub, run in
    ``scratch`` (it leaves a cache there; the package's directory may be a site-packages full of
    modules mypy would trip over)."""
    package = source / "cognito_feedback"
    modules = sorted(f"cognito_feedback.{path.stem}" for path in package.glob("*.pyi"))
    assert "cognito_feedback.client" in modules
    return run_mypy("mypy.stubtest", "--allowlist", str(ALLOWLIST), *modules, cwd=scratch, source=source)


def test_the_stubs_agree_with_the_code(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    assert stubtest(tmp_path) == ""


def test_a_stub_that_drifts_from_the_code_is_caught(tmp_path: Path) -> None:
    """The check can fail: a stub giving ``close`` a parameter the code does not take."""
    pytest.importorskip("mypy")
    copy = tmp_path / "source"
    shutil.copytree(PACKAGE_SOURCE / "cognito_feedback", copy / "cognito_feedback",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    stub = copy / "cognito_feedback" / "client.pyi"
    text = stub.read_text(encoding="utf-8")
    assert "    def close(self) -> None: ...\n" in text
    stub.write_text(text.replace("def close(self)", "def close(self, wait: bool)"), encoding="utf-8")
    report = stubtest(tmp_path, copy)
    assert "cognito_feedback.client.Client.close is inconsistent" in report, report


def test_the_typed_call_members_are_the_ones_the_call_checks() -> None:
    """The stubs type the call with UpdateAuthEventFeedbackRequestTypeDef: its members (all
    required) and FeedbackValue's literals are the ones _request.py checks at run time."""
    assert tuple(UpdateAuthEventFeedbackRequestTypeDef.__annotations__) == MEMBERS
    assert UpdateAuthEventFeedbackRequestTypeDef.__required_keys__ == frozenset(MEMBERS)
    assert get_args(FeedbackValueTypeType) == tuple(FEEDBACK_VALUES)


def test_the_package_type_checks_strictly_against_its_stubs(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    report = run_mypy("mypy", "--strict", "--no-incremental", "-p", "cognito_feedback", cwd=tmp_path)
    assert report == ""
