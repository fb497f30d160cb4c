"""Wheels built from the source (setup.py's tagging), and one carrying the library loads it from beside the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from typing import Any, List

import pytest

import cognito_feedback
from cognito_feedback import _loader

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
LIBRARY = _loader.library_file_name()


def run(*command: str, **options: Any) -> "subprocess.CompletedProcess[str]":
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **options)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


def build_wheel(directory: Path, with_library: bool) -> Path:
    """A wheel of a copy of the package, with or without the loaded library beside its code."""
    source = directory / "source"
    shutil.copytree(PACKAGE_ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE", "THIRD-PARTY-NOTICES"):
        shutil.copy(PACKAGE_ROOT / name, source / name)
    if with_library:
        shutil.copy(cognito_feedback.library_path(), source / "src" / "cognito_feedback" / LIBRARY)
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        str(directory / "dist"),
        str(source),
    )
    (wheel,) = (directory / "dist").glob("*.whl")
    return wheel


@pytest.fixture(scope="module")
def library_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel carrying the library this test run loaded."""
    return build_wheel(tmp_path_factory.mktemp("library-wheel"), with_library=True)


def wheel_metadata(wheel: Path) -> List[str]:
    """The lines of the wheel's WHEEL file."""
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(f"cognito_feedback-{cognito_feedback.__version__}.dist-info/WHEEL").decode().splitlines()


def test_a_wheel_carrying_the_library_is_for_any_python_3_on_this_platform(library_wheel: Path) -> None:
    wheel = library_wheel
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    assert wheel.name == f"cognito_feedback-{cognito_feedback.__version__}-py3-none-{platform}.whl"
    assert "Root-Is-Purelib: false" in wheel_metadata(wheel)
    assert f"cognito_feedback/{LIBRARY}" in zipfile.ZipFile(wheel).namelist()


def test_a_wheel_carries_the_types_the_package_marks_as_typed(library_wheel: Path) -> None:
    package = PACKAGE_ROOT / "src" / "cognito_feedback"
    stubs = {f"cognito_feedback/{path.relative_to(package).as_posix()}" for path in package.rglob("*.pyi")}
    assert "cognito_feedback/client.pyi" in stubs
    assert stubs | {"cognito_feedback/py.typed"} <= set(zipfile.ZipFile(library_wheel).namelist())


def test_a_wheel_without_the_library_is_pure(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path, with_library=False)
    assert wheel.name == f"cognito_feedback-{cognito_feedback.__version__}-py3-none-any.whl"
    assert "Root-Is-Purelib: true" in wheel_metadata(wheel)
    assert not [name for name in zipfile.ZipFile(wheel).namelist() if name.endswith(LIBRARY)]


def test_a_wheel_carrying_the_library_loads_it_from_beside_the_package(library_wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run(sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(library_wheel))
    environment = {k: v for k, v in os.environ.items() if k not in (_loader.ENV_VAR, "CARGO_TARGET_DIR")}
    environment["PYTHONPATH"] = str(site)
    done = run(
        sys.executable,
        "-c",
        "import cognito_feedback; print(cognito_feedback.library_path()); print(cognito_feedback.library_version())",
        env=environment,
        cwd=str(tmp_path),
    )
    path, version = done.stdout.split()
    assert Path(path) == site / "cognito_feedback" / LIBRARY
    assert version == cognito_feedback.__version__
