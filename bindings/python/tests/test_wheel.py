"""A wheel built with the shared library beside the package loads that library, found nowhere else."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import cognito_feedback
from cognito_feedback import _loader

PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def run(*command: str, **options: Any) -> "subprocess.CompletedProcess[str]":
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **options)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


def test_a_wheel_carrying_the_library_loads_it_from_beside_the_package(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(PACKAGE_ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PACKAGE_ROOT / name, source / name)
    library = source / "src" / "cognito_feedback" / _loader.library_file_name()
    shutil.copy(cognito_feedback.library_path(), library)

    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        str(tmp_path / "dist"),
        str(source),
    )
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert f"cognito_feedback/{library.name}" in zipfile.ZipFile(wheel).namelist()

    site = tmp_path / "site"
    run(sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel))
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
    assert Path(path) == site / "cognito_feedback" / library.name
    assert version == cognito_feedback.__version__
