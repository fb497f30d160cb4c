#!/usr/bin/env python3
"""One version for every artefact: each must carry [workspace.package] version of Cargo.toml.

Checks the sources (every workspace crate, the C header, the Python package, the C# project,
CHANGELOG.md's section) and the built artefacts: an install prefix (the .pc file, the CMake
package, the CLI's --version and man pages), the wheel (file name and METADATA) and the NuGet
package (file name and nuspec; the assembly's version is checked by package-tests.sh, which
loads it).

Usage: check-versions.py --prefix PREFIX --wheel-dir DIR --nupkg-dir DIR
Prints PASS/FAIL per check and closes with "versions: N passed, N failed"; exits 1 on a failure.
"""

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Callable, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import changelog  # noqa: E402  (scripts/changelog.py, beside this file)


def cargo_version() -> str:
    with open(ROOT / "Cargo.toml", "rb") as f:
        return tomllib.load(f)["workspace"]["package"]["version"]


def workspace_crates() -> List[Tuple[str, str]]:
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--no-deps", "--format-version", "1", "--offline"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
    )
    return [(package["name"], package["version"]) for package in metadata["packages"]]


def header_version() -> str:
    text = (ROOT / "include" / "cognito_feedback.h").read_text(encoding="utf-8")
    return re.search(r'^#define COGNITO_FEEDBACK_VERSION "([^"]+)"$', text, re.M).group(1)


def python_version() -> str:
    source = (ROOT / "bindings" / "python" / "src" / "cognito_feedback" / "__init__.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["__version__"]:
            return ast.literal_eval(node.value)
    raise ValueError("no __version__ in cognito_feedback/__init__.py")


def csproj_version() -> str:
    project = ET.parse(ROOT / "bindings" / "csharp" / "CognitoFeedback.csproj").getroot()
    return project.findtext(".//Version").strip()


def pc_version(prefix: Path) -> str:
    text = (prefix / "lib" / "pkgconfig" / "cognito_feedback.pc").read_text(encoding="utf-8")
    return re.search(r"^Version: (\S+)$", text, re.M).group(1)


def cmake_version(prefix: Path) -> str:
    """PACKAGE_VERSION as find_package sees it, by running the version file in cmake -P."""
    script = prefix / "lib" / "cmake" / "cognito_feedback" / "cognito_feedbackConfigVersion.cmake"
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch) / "probe.cmake"
        probe.write_text(f'include("{script}")\nmessage("${{PACKAGE_VERSION}}")\n', encoding="utf-8")
        done = subprocess.run(
            ["cmake", "-DCMAKE_SIZEOF_VOID_P=8", "-DPACKAGE_FIND_VERSION=0", "-P", str(probe)],
            check=True, capture_output=True, text=True,
        )
    return done.stderr.strip()


def cli_version(prefix: Path) -> str:
    done = subprocess.run([prefix / "bin" / "cognito-feedback", "--version"], check=True, capture_output=True, text=True)
    return done.stdout.split()[-1]


def man_versions(prefix: Path) -> List[Tuple[str, str]]:
    """Each man page's name and .TH line (which ends with "NAME VERSION")."""
    pages = sorted((prefix / "share" / "man" / "man1").glob("cognito-feedback*.1"))
    found = []
    for page in pages:
        header = re.search(r"^\.TH .*$", page.read_text(encoding="utf-8"), re.M).group(0)
        found.append((page.name, header))
    return found


def single(directory: Path, pattern: str) -> Path:
    matches = sorted(directory.glob(pattern))
    if len(matches) != 1:
        raise ValueError(f"{len(matches)} files match {directory}/{pattern}, not 1")
    return matches[0]


def wheel_version(directory: Path, version: str) -> str:
    wheel = single(directory, f"cognito_feedback-{version}-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = Parser().parsestr(archive.read(f"cognito_feedback-{version}.dist-info/METADATA").decode())
    return metadata["Version"]


def nupkg_version(directory: Path, version: str) -> str:
    package = single(directory, f"CognitoFeedback.{version}.nupkg")
    with zipfile.ZipFile(package) as archive:
        nuspec = ET.fromstring(archive.read("CognitoFeedback.nuspec"))
    return next(e.text for e in nuspec.iter() if e.tag.endswith("}version")).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefix", type=Path, required=True, help="an install prefix (scripts/install.sh)")
    parser.add_argument("--wheel-dir", type=Path, required=True, help="where `make wheel` put the wheel")
    parser.add_argument("--nupkg-dir", type=Path, required=True, help="where `make nupkg` put the package")
    args = parser.parse_args()
    version = cargo_version()
    checks: List[Tuple[str, Callable[[], object]]] = [
        ("C header COGNITO_FEEDBACK_VERSION", header_version),
        ("Python cognito_feedback.__version__", python_version),
        ("C# CognitoFeedback.csproj <Version>", csproj_version),
        ("pkg-config cognito_feedback.pc Version", lambda: pc_version(args.prefix)),
        ("CMake cognito_feedbackConfigVersion.cmake PACKAGE_VERSION", lambda: cmake_version(args.prefix)),
        ("cognito-feedback --version", lambda: cli_version(args.prefix)),
        ("wheel METADATA Version", lambda: wheel_version(args.wheel_dir, version)),
        ("nupkg nuspec <version>", lambda: nupkg_version(args.nupkg_dir, version)),
    ]
    for name, crate_version in workspace_crates():
        checks.append((f"crate {name}", lambda crate_version=crate_version: crate_version))
    passed = failed = 0

    def report(name: str, ok: bool, detail: str) -> None:
        nonlocal passed, failed
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}")
        passed, failed = passed + ok, failed + (not ok)

    for name, read in checks:
        try:
            found = read()
        except Exception as error:  # a missing or malformed artefact fails its own check
            report(name, False, f"{type(error).__name__}: {error}")
            continue
        report(name, found == version, f"{found}" if found == version else f"{found}, expected {version}")
    try:
        pages = man_versions(args.prefix)
        report("man pages", bool(pages), f"{len(pages)} pages")
        for page, header in pages:
            report(f"man page {page}", f' {version}"' in header, header)
    except Exception as error:
        report("man pages", False, f"{type(error).__name__}: {error}")
    try:
        changelog.notes((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), version)
        report("CHANGELOG.md section", True, version)
    except ValueError as error:
        report("CHANGELOG.md section", False, str(error))
    print(f"versions: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
