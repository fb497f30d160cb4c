#!/usr/bin/env python3
"""Prints the notes of one version from CHANGELOG.md (Keep a Changelog form): the text under its
`## [VERSION] - DATE` heading, up to the next `## ` heading, trimmed. Fails, naming the problem,
when the file has no section for that version.

Usage: changelog.py VERSION [CHANGELOG]   (default: the repository's CHANGELOG.md)
`make nupkg` puts the notes of Cargo.toml's version into the package's <releaseNotes>.
"""

import re
import sys
from pathlib import Path

CHANGELOG = Path(__file__).resolve().parent.parent / "CHANGELOG.md"
# Keep a Changelog's release heading: "## [1.2.3] - 2024-05-01", or "- Unreleased" until then.
HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2}|Unreleased)$")


def notes(text: str, version: str) -> str:
    """The section of `version`, without its heading; ValueError when there is none."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        heading = HEADING.match(line)
        if heading and heading.group("version") == version:
            body = []
            for inner in lines[number + 1 :]:
                if inner.startswith("## "):
                    break
                body.append(inner)
            section = "\n".join(body).strip()
            if not section:
                raise ValueError(f"the section of {version} is empty")
            return section
    raise ValueError(f"no '## [{version}] - YYYY-MM-DD' (or '- Unreleased') section")


def main(argv: list) -> int:
    if len(argv) not in (2, 3):
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    path = Path(argv[2]) if len(argv) == 3 else CHANGELOG
    try:
        print(notes(path.read_text(encoding="utf-8"), argv[1]))
    except (OSError, ValueError) as error:
        print(f"changelog.py: {path}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
