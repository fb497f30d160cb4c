#!/usr/bin/env bash
# `make test-csharp`: builds the C# binding with Mono's mcs and runs its tests against the
# emulator twice, and the AWS-SDK-style sample (samples/SdkStyle.cs, ported), on Mono and on CoreCLR (.NET Core 3.1 from PyPI's dotnetcore2). Installs
# Mono (Debian packages) and the dotnetcore2 wheel (into build/csharp) when missing.
# Arguments are test-name filters passed to the runner.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# RegionEndpoint.Generated.cs is what scripts/gen_region_endpoints.py makes of data/partitions.json.
python3 "$ROOT/scripts/gen_region_endpoints.py" --check || exit 1
ensure_mono
ensure_dotnet
# The web handler's pages are generated from their one definition: the copy must be current.
python3 "$HERE/gen-pages.py" --check
build_assemblies
feedback_log="$BUILD/tests-feedback.jsonl"
rm -f "$feedback_log"
start_emulator --feedback-log "$feedback_log"

args=(--endpoint "$EMULATOR_URL" --feedback-log "$feedback_log" --header "$ROOT/include/cognito_feedback.h" --cargo-toml "$ROOT/Cargo.toml" "$@")
run_pass tests-mono "${TEST_ENVIRONMENT[@]}" mono --debug "$BUILD/CognitoFeedback.Tests.exe" "${args[@]}"
run_pass tests-coreclr "${TEST_ENVIRONMENT[@]}" "$DOTNET" exec --runtimeconfig "$BUILD/CognitoFeedback.Tests.runtimeconfig.json" \
    "$BUILD/CognitoFeedback.Tests.exe" "${args[@]}"

run_sdk_sample sdk-style-mono "${TEST_ENVIRONMENT[@]}" mono --debug "$BUILD/SdkStyle.exe"
run_sdk_sample sdk-style-coreclr "${TEST_ENVIRONMENT[@]}" "$DOTNET" exec --runtimeconfig "$BUILD/SdkStyle.runtimeconfig.json" \
    "$BUILD/SdkStyle.exe"

echo "csharp: $passed passed, $failed failed"
exit "$status"
