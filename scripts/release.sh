#!/usr/bin/env bash
# The release build: what users get (`make install`, `make wheel`, `make nupkg`, the CLI and the
# emulator), built for glibc 2.17 (manylinux2014) on x86_64 with cargo-zigbuild and Zig, so it
# loads on every Linux since 2014. `cargo build` stays the development build (target/debug,
# target/release); this one lives in its own target directory.
#
#   scripts/release.sh build               builds the workspace, records native-static-libs
#   scripts/release.sh dir                 prints the directory holding the artefacts
#   scripts/release.sh native-static-libs  prints the system libraries the static library needs
#
# cargo-zigbuild and Zig (PyPI's `ziglang`) are installed, pinned, into a virtual environment
# under target/zig on first use; $PYTHON (default python3) creates it.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# The oldest glibc the artefacts need; cargo-zigbuild reads it from the target's suffix.
glibc=2.17
target=x86_64-unknown-linux-gnu
target_dir="$root/target/glibc${glibc/./}"
release_dir="$target_dir/$target/release"
venv="$root/target/zig/venv"
tools=("cargo-zigbuild==0.24.1" "ziglang==0.17.1")
# rustc's list of the static library's system libraries, as of the last build.
static_libs_file="$target_dir/native-static-libs"

say() { printf 'release: %s\n' "$*" >&2; }

ensure_zig() {
    local stamp="$venv/.installed"
    if [ "$(cat "$stamp" 2>/dev/null)" != "${tools[*]}" ]; then
        say "installing ${tools[*]} into $venv"
        rm -rf "$venv"
        "${PYTHON:-python3}" -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${tools[@]}"
        echo "${tools[*]}" >"$stamp"
    fi
}

# Builds the workspace. rustc prints the static library's native libraries when asked with
# --print (a flag every build passes, so it never invalidates one); cargo replays the note from
# its cache when nothing is rebuilt, so the list is always that of the current library.
build() {
    ensure_zig
    local messages="$target_dir/build-messages.json" status=0 libs
    mkdir -p "$target_dir"
    # cargo-zigbuild's wrapper scripts and Zig's cache under target/zig, not under $HOME: the
    # wrappers' paths reach cargo's fingerprints, so a build with another HOME (the README check
    # installs with one) would otherwise rebuild everything.
    PATH="$venv/bin:$PATH" RUSTFLAGS="--print=native-static-libs" \
        CARGO_ZIGBUILD_CACHE_DIR="$root/target/zig/cache" ZIG_GLOBAL_CACHE_DIR="$root/target/zig/cache/zig" \
        cargo zigbuild --release --workspace --locked --target "$target.$glibc" \
        --target-dir "$target_dir" --message-format=json >"$messages" || status=$?
    libs="$(python3 - "$messages" <<'EOF'
import json, sys
# Cargo's JSON messages: the native-static-libs note of the library's static library goes to
# stdout, every other compiler message but the note that introduces it to stderr as rustc
# rendered it.
for line in open(sys.argv[1], encoding="utf-8"):
    message = json.loads(line)
    if message.get("reason") != "compiler-message":
        continue
    text = message["message"]["message"]
    if text.startswith("native-static-libs: "):
        if message["target"]["name"] == "cognito_feedback":
            print(text.removeprefix("native-static-libs: ").strip())
    elif not text.startswith("link against the following native artifacts"):
        sys.stderr.write(message["message"]["rendered"])
EOF
)"
    [ "$status" -eq 0 ] || exit "$status"
    if [ -z "$libs" ]; then
        say "rustc printed no native-static-libs for cognito_feedback's static library"
        exit 1
    fi
    printf '%s\n' "$libs" | head -n 1 >"$static_libs_file"
    say "built into $release_dir (glibc >= $glibc); static library needs: $(cat "$static_libs_file")"
}

case "${1:-}" in
build) build ;;
dir) echo "$release_dir" ;;
native-static-libs)
    if [ ! -s "$static_libs_file" ]; then
        say "no $static_libs_file: run \`make build\` first"
        exit 2
    fi
    cat "$static_libs_file"
    ;;
*)
    echo "usage: $0 build | dir | native-static-libs" >&2
    exit 2
    ;;
esac
