#!/usr/bin/env bash
# Prints the cognito-feedback crate's version: the [package] version of the root Cargo.toml.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1
