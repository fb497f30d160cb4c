#!/usr/bin/env bash
# `make test-csharp`: builds the C# binding with Mono's mcs and runs its tests against the
# emulator twice: on Mono and on CoreCLR (.NET Core 3.1 from PyPI's dotnetcore2). Installs
# Mono (Debian packages) and the dotnetcore2 wheel (into build/csharp) when missing.
# Arguments are test-name filters passed to the runner.
set -euo pipefail
source "$(dirname "$0")/common.sh"

ensure_mono
ensure_dotnet
build_assemblies
feedback_log="$BUILD/tests-feedback.jsonl"
rm -f "$feedback_log"
start_emulator --feedback-log "$feedback_log"

args=(--endpoint "$EMULATOR_URL" --feedback-log "$feedback_log" --header "$ROOT/include/cognito_feedback.h" --cargo-toml "$ROOT/Cargo.toml" "$@")
# Hermetic AWS_* settings; AWS_REGION is what the environment test expects to see.
environment=(env -u AWS_DEFAULT_REGION -u AWS_ENDPOINT_URL -u AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
    -u AWS_USE_FIPS_ENDPOINT -u AWS_USE_DUALSTACK_ENDPOINT -u AWS_MAX_ATTEMPTS -u AWS_RETRY_MODE
    -u AWS_CA_BUNDLE AWS_REGION=eu-west-2)

passed=0
failed=0
status=0
# Runs one runtime's pass and adds its closing "N passed, N failed" line to the totals.
run() {
    local name="$1"; shift
    say "tests on $name"
    local log="$BUILD/tests-$name.log"
    if ! "${environment[@]}" "$@" "${args[@]}" | tee "$log"; then
        status=1
    fi
    local summary
    summary="$(tail -n 1 "$log")"
    if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[2]))
    else
        say "$name: the runner did not finish"
        status=1
    fi
}

run mono mono --debug "$BUILD/CognitoFeedback.Tests.exe"
run coreclr "$DOTNET" exec --runtimeconfig "$BUILD/CognitoFeedback.Tests.runtimeconfig.json" \
    "$BUILD/CognitoFeedback.Tests.exe"

echo "csharp (mono + coreclr): $passed passed, $failed failed"
exit "$status"
