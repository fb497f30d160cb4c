"""Where the shared library is looked for, and what the error says when it is not found."""

from __future__ import annotations

import ctypes.util
from pathlib import Path

import pytest

import cognito_feedback
from cognito_feedback import _loader
from cognito_feedback.exceptions import LibraryNotFoundError

NAME = _loader.library_file_name()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake source tree: repo/Cargo.toml and the package at repo/bindings/python/src/cognito_feedback."""
    repo = tmp_path / "repo"
    package = repo / "bindings" / "python" / "src" / "cognito_feedback"
    package.mkdir(parents=True)
    (repo / "Cargo.toml").write_text("[workspace]\n")
    monkeypatch.setattr(_loader, "__file__", str(package / "_loader.py"))
    monkeypatch.delenv(_loader.ENV_VAR, raising=False)
    monkeypatch.delenv("CARGO_TARGET_DIR", raising=False)
    return repo


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def test_search_order_is_package_then_variable_then_release_then_debug(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_loader.ENV_VAR, str(tree / "custom" / NAME))
    assert [path for path, _ in _loader.candidates()] == [
        tree / "bindings" / "python" / "src" / "cognito_feedback" / NAME,
        tree / "custom" / NAME,
        tree / "target" / "release" / NAME,
        tree / "target" / "debug" / NAME,
    ]


def test_the_library_beside_the_package_wins(tree: Path) -> None:
    beside = touch(tree / "bindings" / "python" / "src" / "cognito_feedback" / NAME)
    touch(tree / "target" / "release" / NAME)
    assert _loader._find() == beside


def test_the_environment_variable_comes_before_the_target_directory(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    custom = touch(tree / "custom" / NAME)
    touch(tree / "target" / "release" / NAME)
    monkeypatch.setenv(_loader.ENV_VAR, str(custom))
    assert _loader._find() == custom


def test_release_comes_before_debug(tree: Path) -> None:
    touch(tree / "target" / "debug" / NAME)
    assert _loader._find() == tree / "target" / "debug" / NAME
    touch(tree / "target" / "release" / NAME)
    assert _loader._find() == tree / "target" / "release" / NAME


def test_cargo_target_dir_is_honoured(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARGO_TARGET_DIR", "elsewhere")
    found = touch(tree / "elsewhere" / "debug" / NAME)
    assert _loader._find() == found


def test_the_error_lists_every_place_it_looked(tree: Path) -> None:
    with pytest.raises(LibraryNotFoundError) as caught:
        _loader._find()
    message = str(caught.value)
    for path, _ in _loader.candidates():
        assert str(path) in message
    assert _loader.ENV_VAR in message
    assert "cargo build --release" in message


def test_a_variable_naming_no_file_is_an_error_not_a_fallback(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tree / "target" / "release" / NAME)
    monkeypatch.setenv(_loader.ENV_VAR, str(tree / "missing" / NAME))
    with pytest.raises(LibraryNotFoundError, match="which is not a file") as caught:
        _loader._find()
    assert str(tree / "missing" / NAME) in str(caught.value)


def test_a_file_that_is_not_a_library_is_reported_with_its_path(tmp_path: Path) -> None:
    bogus = tmp_path / NAME
    bogus.write_text("not a shared library")
    with pytest.raises(LibraryNotFoundError, match="cannot load the cognito_feedback library") as caught:
        _loader._open(bogus)
    assert str(bogus) in str(caught.value)


def test_the_real_library_loads_and_reports_its_version() -> None:
    assert cognito_feedback.library_path().is_file()
    assert cognito_feedback.library_version() == cognito_feedback.__version__


def test_a_library_without_our_functions_is_reported_as_incompatible() -> None:
    other = ctypes.util.find_library("m") or ctypes.util.find_library("c")
    assert other is not None
    with pytest.raises(LibraryNotFoundError, match="not a compatible cognito_feedback library.*cognito_"):
        _loader._open(Path(other))
