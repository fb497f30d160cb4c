#!/usr/bin/env bash
# `make demo-csharp`: runs samples/Example.cs on Mono against a freshly started emulator, then
# shows the feedback the emulator recorded.
set -euo pipefail
source "$(dirname "$0")/common.sh"

ensure_mono
build_assemblies
feedback_log="$BUILD/demo-feedback.jsonl"
rm -f "$feedback_log"
start_emulator --feedback-log "$feedback_log"

mono "$BUILD/Example.exe" "$EMULATOR_URL"
echo
echo "The emulator recorded:"
cat "$feedback_log"
