#!/usr/bin/env bash
# Proves the release artefacts run on an old Linux: Debian 11 "bullseye" (glibc 2.31, Python
# 3.9, gcc 10), in a root made with debootstrap from Debian's archive and cached under
# target/old-system (made when missing, in about a minute). Run as root (chroot, debootstrap).
#
#   scripts/test-old-system.sh WHEEL
#
# Inside that root, with its own tools only, against the release emulator started in it:
# 1. the wheel installs with the root's pip into a venv of its python3 and the README's Python
#    quick start makes a real call;
# 2. `make install` (DESTDIR into the root) and the README's C quick start compiled by the root's
#    gcc against it, found with pkg-config, shared and static, each makes a real call;
# 3. the installed command line makes a real call;
# and the emulator must have recorded each of these four calls.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 WHEEL" >&2
    exit 2
fi
root_dir="$(cd "$(dirname "$0")/.." && pwd)"
wheel="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
suite=bullseye
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages=python3,python3-venv,gcc,libc6-dev,pkg-config
system="$root_dir/target/old-system/$suite"
say() { printf 'old-system: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
    say "needs root (debootstrap and chroot); run it as root"
    exit 2
fi

# The root, made once: the stamp names what it was made with, so a change remakes it.
stamp="$system/.made-with"
made_with="$suite $packages"
if [ "$(cat "$stamp" 2>/dev/null)" != "$made_with" ]; then
    "$root_dir/scripts/ensure-tools.sh" debootstrap:debootstrap
    rm -rf "$system"
    mkdir -p "$system"
    say "making a Debian $suite root in $system (debootstrap --variant=minbase --include=$packages)"
    started=$SECONDS
    debootstrap --variant=minbase --include="$packages" "$suite" "$system" "$mirror" >"$system.log" 2>&1 ||
        { tail -n 20 "$system.log" >&2; fail "debootstrap"; }
    echo "$made_with" >"$stamp"
    say "made in $((SECONDS - started)) s"
fi
in_root() { chroot "$system" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root "$@"; }
say "$(in_root sh -c '. /etc/os-release; echo "$PRETTY_NAME"'), $(in_root ldd --version | head -n 1), $(in_root python3 --version), $(in_root gcc --version | head -n 1)"

# What this run puts in the root, under /opt, removed first (the root stays clean for the next).
prefix=/opt/cognito-feedback
work=/opt/cognito-feedback-test
rm -rf "${system:?}$prefix" "${system:?}$work"
mkdir -p "$system$work"
"$root_dir/scripts/install.sh" "$system" "$prefix"
release="$("$root_dir/scripts/release.sh" dir)"
cp "$release/cognito-feedback-emulator" "$wheel" "$system$work/"
python3 "$root_dir/scripts/check_readme.py" --print python >"$system$work/quickstart.py"
python3 "$root_dir/scripts/check_readme.py" --print c >"$system$work/quickstart.c"

# The release emulator, run inside the root too (as root's own program, with its glibc).
launcher="$system$work/launch-emulator"
printf '#!/bin/sh\nexec chroot %q %s/cognito-feedback-emulator "$@"\n' "$system" "$work" >"$launcher"
chmod +x "$launcher"
source "$root_dir/scripts/emulator.sh"
trap emulator_stop EXIT
emulator_start "$launcher" "$system$work/emulator.err" --feedback-log "$work/feedback.jsonl"
endpoint=(AWS_ENDPOINT_URL="$EMULATOR_URL")
say "emulator (inside the root) at $EMULATOR_URL"

say "1. the wheel, with the root's pip, into a venv of its python3"
in_root python3 -m venv "$work/venv"
in_root "$work/venv/bin/pip" install --no-index --disable-pip-version-check --quiet "$work/$(basename "$wheel")"
in_root "${endpoint[@]}" "$work/venv/bin/python" "$work/quickstart.py"
in_root "$work/venv/bin/python" -c 'import cognito_feedback; print("library", cognito_feedback.library_path())'

say "2. the C quick start, built by the root's gcc against the install, shared then static"
# c_build OUTPUT LINK: gcc the quick start inside the root; LINK is expanded by the root's shell.
c_build() {
    in_root PKG_CONFIG_PATH="$prefix/lib/pkgconfig" sh -c "gcc -std=c99 -Wall -Werror $work/quickstart.c $2 -o $1"
}
# shellcheck disable=SC2016  # expanded inside the root
c_build "$work/quickstart-shared" \
    '$(pkg-config --cflags --libs cognito_feedback) -Wl,-rpath,$(pkg-config --variable=libdir cognito_feedback)'
# shellcheck disable=SC2016
c_build "$work/quickstart-static" \
    '$(pkg-config --cflags --static --libs cognito_feedback | sed s/-lcognito_feedback/-l:libcognito_feedback.a/)'
if readelf -d "$system$work/quickstart-static" | grep -q 'NEEDED.*cognito_feedback'; then
    fail "quickstart-static still needs the shared library"
fi
for kind in shared static; do
    in_root "${endpoint[@]}" "$work/quickstart-$kind"
done

say "3. the installed command line"
in_root "${endpoint[@]}" "$prefix/bin/cognito-feedback" update-auth-event-feedback --region us-east-1 \
    --user-pool-id us-east-1_PlusPool1 --username alice --event-id evt-alice-1 \
    --feedback-token 'tok-alice-1.AbC=' --feedback-value Valid --output json
in_root "$prefix/bin/cognito-feedback" --version

emulator_stop
recorded=$(grep -c '"evt-alice-1"' "$system$work/feedback.jsonl" || true)
[ "$recorded" -eq 4 ] || fail "the emulator recorded $recorded feedback for evt-alice-1, not 4"
say "passed: wheel, C (shared and static) and CLI each made a real call on Debian $suite"
