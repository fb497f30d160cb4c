#!/usr/bin/env bash
# Prints the project's one version: [workspace.package] version of the root Cargo.toml, which
# every crate inherits and every artefact carries.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sed -n '/^\[workspace\.package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1
