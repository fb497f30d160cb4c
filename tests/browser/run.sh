#!/usr/bin/env bash
# `make test-browser`: the feedback journey in headless Chromium (tests/browser/feedback_links.mjs)
# through each link handler: Python's `python -m cognito_feedback.web` and the C# sample
# FeedbackLinkServer.exe on Mono, each against the emulator. (Not on CoreCLR: .NET Core 3.1's
# HttpListener needs OpenSSL 1.x, which Debian 12 no longer ships; the C# suite runs the
# handler's core on CoreCLR.)
#
# Installs what is missing: Debian's chromium, node and npm (apt-get), playwright-core (npm, into
# target/browser-test; never a browser download), Mono (bindings/csharp/common.sh).
# Expects `make build`. Screenshots go to target/browser-test/screenshots.
# Arguments: the handlers to run (python, mono; default both).
set -euo pipefail
source "$(dirname "$0")/../../bindings/csharp/common.sh"
say() { printf 'browser: %s\n' "$*" >&2; }

PLAYWRIGHT_CORE_VERSION="1.65.2"
OUT="$ROOT/target/browser-test"
SECRET="browser-test-secret-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
handlers=("$@")
[ ${#handlers[@]} -gt 0 ] || handlers=(python mono)

"$ROOT/scripts/ensure-tools.sh" chromium:chromium node:nodejs npm:npm
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
    say "playwright-core $PLAYWRIGHT_CORE_VERSION needs Node.js 20 or later; this is $(node --version)"
    exit 2
fi
if [ ! -f "$OUT/node_modules/playwright-core/package.json" ] \
    || ! grep -q "\"version\": \"$PLAYWRIGHT_CORE_VERSION\"" "$OUT/node_modules/playwright-core/package.json"; then
    say "installing playwright-core@$PLAYWRIGHT_CORE_VERSION into $OUT (no browser download)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund --save-exact --prefix "$OUT" \
        --cache "$OUT/npm-cache" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
fi
# Node resolves playwright-core from the script's directory upwards: run a copy inside $OUT.
cp "$ROOT/tests/browser/feedback_links.mjs" "$OUT/feedback_links.mjs"

case " ${handlers[*]} " in *" mono "*)
    ensure_mono
    build_assemblies
esac
require_release
mkdir -p "$BUILD" "$OUT"
start_emulator
export LD_LIBRARY_PATH="$RELEASE${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# handler_command NAME: the command that serves the links on a free port and prints its URL.
handler_command() {
    local common=(--port 0 --user-pool-id us-east-1_PlusPool1 --region us-east-1 --endpoint-url "$EMULATOR_URL")
    case "$1" in
        python) echo env PYTHONPATH="$ROOT/bindings/python/src" COGNITO_FEEDBACK_LIBRARY="$RELEASE/libcognito_feedback.so" \
                    python3 -m cognito_feedback.web "${common[@]}" ;;
        mono) echo mono "$BUILD/FeedbackLinkServer.exe" "${common[@]}" ;;
        *) say "unknown handler '$1' (python, mono)"; exit 2 ;;
    esac
}

failures=0
for name in "${handlers[@]}"; do
    log="$OUT/$name-handler.log"
    # Made here, not by the background job's redirection, which may come after the first read.
    : >"$OUT/$name-handler.url"
    # shellcheck disable=SC2046 # the command's words, split as echoed
    COGNITO_FEEDBACK_LINK_SECRET="$SECRET" $(handler_command "$name") >"$OUT/$name-handler.url" 2>"$log" </dev/null &
    handler_pid=$!
    handler_url=""
    for _ in $(seq 600); do  # its first line, within 60 s
        handler_url="$(head -n 1 "$OUT/$name-handler.url")"
        [[ "$handler_url" == http://* ]] && break
        kill -0 "$handler_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ "$handler_url" != http://* ]]; then
        say "the $name handler printed no URL; its log:"; cat "$log" >&2
        failures=$((failures + 1)); kill "$handler_pid" 2>/dev/null || true; wait "$handler_pid" 2>/dev/null || true
        continue
    fi
    if ! (cd "$OUT" && node feedback_links.mjs "$EMULATOR_URL" "$handler_url" "$name" "$OUT/screenshots"); then
        say "the $name handler failed; its log:"; cat "$log" >&2
        failures=$((failures + 1))
    fi
    kill "$handler_pid" 2>/dev/null || true
    wait "$handler_pid" 2>/dev/null || true
    if grep -q -e 'tok-' -e 'username=' "$log"; then
        say "the $name handler logged a token or a username:"; cat "$log" >&2
        failures=$((failures + 1))
    fi
done
say "${#handlers[@]} handler(s), $failures failed"
[ "$failures" -eq 0 ]
