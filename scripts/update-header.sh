#!/usr/bin/env bash
# Copies the C header build.rs generates (into cargo's OUT_DIR) over the committed
# include/cognito_feedback.h. tests/header_drift.rs fails while the two differ.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out_dir=$(${CARGO:-cargo} build --lib --message-format=json | python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "build-script-executed" and message["package_id"].startswith(sys.argv[1] + "#"):
        print(message["out_dir"])
' "path+file://$root")
generated="$out_dir/cognito_feedback.h"
[ -f "$generated" ] || { echo "no generated header at $generated" >&2; exit 1; }
if cmp -s "$generated" include/cognito_feedback.h; then
    echo "include/cognito_feedback.h is up to date"
else
    cp "$generated" include/cognito_feedback.h
    echo "include/cognito_feedback.h updated from $generated"
fi
