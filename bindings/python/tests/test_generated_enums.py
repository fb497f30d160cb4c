"""The bindings' enums are generated from the header: regenerating them changes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

SCRIPT = REPO / "scripts" / "gen_native_enums.py"
FILES = [
    "include/cognito_feedback.h",
    "bindings/csharp/src/Native/NativeEnums.cs",
    "bindings/python/src/cognito_feedback/_native.py",
]


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--root", str(root)], capture_output=True, text=True, timeout=60
    )


def test_regenerating_the_enums_changes_nothing() -> None:
    result = check(REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_header_change_not_carried_over_is_found(tmp_path: Path) -> None:
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    header = tmp_path / FILES[0]
    text = header.read_text(encoding="utf-8")
    assert "COGNITO_PANIC = 199," in text
    header.write_text(text.replace("COGNITO_PANIC = 199,", "COGNITO_PANIC = 198,"), encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 1
    assert "NativeEnums.cs" in result.stdout and "_native.py" in result.stdout, result.stdout
    subprocess.run([sys.executable, str(SCRIPT), "--root", str(tmp_path)], check=True, capture_output=True)
    assert check(tmp_path).returncode == 0
    assert "    PANIC = 198\n" in (tmp_path / FILES[2]).read_text(encoding="utf-8")
