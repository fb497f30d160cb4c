#!/usr/bin/env bash
# THIRD-PARTY-NOTICES: the licenses of the crates linked into the shipped library and command
# line, generated from the dependency graph (Cargo.lock) by cargo-about with about.toml and
# about.hbs. cargo-about fails when a crate's license is not in about.toml's `accepted` list.
#
#   scripts/notices.sh          rewrites THIRD-PARTY-NOTICES
#   scripts/notices.sh --check  fails if a license is not accepted or the file is out of date
#                               (a pass is remembered for the same inputs: Cargo.lock, the
#                               manifests, about.toml, about.hbs, the file, cargo-about)
#
# cargo-about (pinned) is built from crates.io into target/tools on first use.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
version=0.9.3
tools="$root/target/tools"
about="$tools/bin/cargo-about"
notices="$root/THIRD-PARTY-NOTICES"
say() { printf 'notices: %s\n' "$*" >&2; }

if ! "$about" --version 2>/dev/null | grep -qx "cargo-about $version"; then
    say "building cargo-about $version into $tools (a few minutes, once)"
    cargo install --quiet --locked --features cli --version "$version" --root "$tools" cargo-about
fi

# A check passes again for the same inputs without rescanning (a minute of license matching):
# the stamp holds the hash of everything the result depends on.
stamp="$tools/notices-checked"
inputs_hash() {
    (cd "$root" && cat Cargo.lock Cargo.toml cli/Cargo.toml about.toml about.hbs THIRD-PARTY-NOTICES &&
        "$about" --version) | sha256sum | cut -d' ' -f1
}
if [ "${1:-}" = --check ] && [ "$(cat "$stamp" 2>/dev/null)" = "$(inputs_hash)" ]; then
    say "THIRD-PARTY-NOTICES is up to date; every license is accepted (checked before for these inputs)"
    exit 0
fi

generated="$(mktemp)"
trap 'rm -f "$generated"' EXIT
# The command line depends on the library, so its graph is both; --fail: no license guessed.
(cd "$root" && "$about" generate --frozen --fail --manifest-path cli/Cargo.toml -c about.toml \
    -o "$generated" about.hbs 2>"$generated.log") || {
    grep -v '^\s*$' "$generated.log" >&2
    rm -f "$generated.log"
    say "FAILED: a crate's license is not accepted by about.toml, or could not be read"
    exit 1
}
rm -f "$generated.log"

case "${1:-}" in
"")
    cp "$generated" "$notices"
    say "wrote $notices"
    ;;
--check)
    if ! diff -u "$notices" "$generated" >"$generated.diff"; then
        head -n 40 "$generated.diff" >&2
        rm -f "$generated.diff"
        say "FAILED: THIRD-PARTY-NOTICES is out of date with Cargo.lock: run scripts/notices.sh"
        exit 1
    fi
    rm -f "$generated.diff"
    inputs_hash >"$stamp"
    say "THIRD-PARTY-NOTICES is up to date; every license is accepted"
    ;;
*)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac
