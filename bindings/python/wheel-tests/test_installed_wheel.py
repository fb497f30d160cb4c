"""The installed wheel is what runs: its package, the library it carries, and an honest platform tag.

test-wheel.sh runs these (with the whole suite) in a fresh virtual environment where the wheel
named by COGNITO_FEEDBACK_WHEEL is installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path
from typing import List

import pytest

import cognito_feedback
from cognito_feedback import _loader

LIBRARY = _loader.library_file_name()


@pytest.fixture(scope="module")
def wheel() -> Path:
    """The wheel file that was installed."""
    named = os.environ.get("COGNITO_FEEDBACK_WHEEL")
    assert named, "COGNITO_FEEDBACK_WHEEL must name the installed wheel (bindings/python/test-wheel.sh sets it)"
    return Path(named)


def package_dir() -> Path:
    return Path(cognito_feedback.__file__).resolve().parent


def installed_wheel_metadata() -> List[str]:
    """The lines of the installed distribution's WHEEL file."""
    return (metadata.distribution("cognito-feedback").read_text("WHEEL") or "").splitlines()


def wheel_tag() -> str:
    """The installed distribution's one tag."""
    (tag,) = [line[len("Tag: ") :] for line in installed_wheel_metadata() if line.startswith("Tag: ")]
    return tag


def test_the_package_comes_from_the_virtual_environments_platlib() -> None:
    assert sys.prefix != sys.base_prefix, "not running in a virtual environment"
    platlib = Path(sysconfig.get_path("platlib")).resolve()
    assert package_dir() == platlib / "cognito_feedback"
    elsewhere = [entry for entry in sys.path if (Path(entry or ".") / "cognito_feedback").exists()]
    assert [Path(entry).resolve() for entry in elsewhere] == [platlib]


def test_nothing_but_the_wheel_can_provide_the_library() -> None:
    assert _loader.ENV_VAR not in os.environ
    assert _loader._cargo_target_dirs() == [], "the install sits inside a cargo workspace"
    assert [path for path, _ in _loader.candidates()] == [package_dir() / LIBRARY]


def test_the_library_mapped_into_the_process_is_the_one_beside_the_package() -> None:
    assert cognito_feedback.library_version() == cognito_feedback.__version__
    assert cognito_feedback.library_path() == package_dir() / LIBRARY
    maps = Path("/proc/self/maps").read_text(encoding="utf-8").splitlines()
    mapped = {fields[5] for fields in (line.split(maxsplit=5) for line in maps) if len(fields) == 6}
    assert {path for path in mapped if LIBRARY in path} == {str(package_dir() / LIBRARY)}


def test_the_installed_library_is_the_wheels(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        packed = archive.read(f"cognito_feedback/{LIBRARY}")
    installed = (package_dir() / LIBRARY).read_bytes()
    assert hashlib.sha256(installed).hexdigest() == hashlib.sha256(packed).hexdigest()


def test_the_wheel_installs_into_platlib_for_any_python_3(wheel: Path) -> None:
    assert "Root-Is-Purelib: false" in installed_wheel_metadata()
    python, abi, platform = wheel_tag().split("-")
    assert (python, abi) == ("py3", "none")
    assert platform != "any"
    assert wheel.name == f"cognito_feedback-{cognito_feedback.__version__}-{wheel_tag()}.whl"


def test_the_platform_tag_is_the_one_auditwheel_finds_for_the_library(wheel: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "auditwheel", "show", str(wheel)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    # auditwheel wraps its report, so any run of whitespace may stand between the words.
    found = re.search(r'consistent\s+with\s+the\s+following\s+platform\s+tag:\s+"([^"]+)"', done.stdout)
    assert found, done.stdout
    # PEP 599's name for manylinux_2_17 is manylinux2014; the wheel carries that one.
    aliases = {"manylinux_2_17_x86_64": "manylinux2014_x86_64"}
    assert wheel_tag().split("-")[2] == aliases.get(found.group(1), found.group(1))


def test_the_wheel_is_manylinux2014_and_its_library_needs_glibc_2_17_at_most() -> None:
    assert wheel_tag() == "py3-none-manylinux2014_x86_64"
    versions = subprocess.run(
        ["objdump", "-T", str(package_dir() / LIBRARY)], capture_output=True, text=True, check=True
    ).stdout
    needed = {tuple(map(int, found)) for found in re.findall(r"\bGLIBC_(\d+)\.(\d+)\b", versions)}
    assert needed, versions
    assert max(needed) <= (2, 17)


def test_the_wheel_carries_the_license_texts() -> None:
    repository = Path(__file__).resolve().parents[3]
    distribution = metadata.distribution("cognito-feedback")
    assert distribution.metadata["License-Expression"] == "Apache-2.0"
    for name in ("LICENSE", "THIRD-PARTY-NOTICES"):
        assert (distribution.read_text(f"licenses/{name}") or "") == (repository / name).read_text(encoding="utf-8")
