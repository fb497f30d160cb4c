#!/usr/bin/env bash
# `make demo` for C: builds example.c with pkg-config against a staged install, starts the
# emulator, reports feedback (one success, one service error), and shows what was recorded.
#
#   bindings/c/demo.sh PREFIX EMULATOR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh" "$@"
build=$root/build/c/demo
mkdir -p "$build"

libdir=$(pkg-config --variable=libdir cognito_feedback)
# shellcheck disable=SC2046  # pkg-config output is a list of flags
"${CC:-gcc}" -std=c99 -Wall -Wextra -Werror -pedantic -o "$build/example" "$here/example.c" \
    $(pkg-config --cflags --libs cognito_feedback) -Wl,-rpath,"$libdir"

log=$build/feedback.jsonl
rm -f "$log"
emulator_start "$emulator" "$build/emulator.err" --feedback-log "$log"
url=$EMULATOR_URL
echo "emulator at $url"

echo
echo "\$ example us-east-1_PlusPool1 alice evt-alice-1 '<token>' invalid $url"
stdbuf -oL "$build/example" us-east-1_PlusPool1 alice evt-alice-1 tok-alice-1.AbC= invalid "$url"
echo
echo "\$ example us-east-1_PlusPool1 alice evt-user-not-found '<token>' valid $url"
stdbuf -oL "$build/example" us-east-1_PlusPool1 alice evt-user-not-found tok-alice-1.AbC= valid "$url" || true
echo
echo "what the emulator recorded:"
cat "$log"
