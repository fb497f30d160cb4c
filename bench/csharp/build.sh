#!/usr/bin/env bash
# Builds the C# benchmark programs for `make bench` (Calls.exe: the timed runs; Burst.exe: the
# async burst) with the C# library into OUT, with runtimeconfigs for CoreCLR, installing Mono and the .NET Core runtime when
# missing (bindings/csharp/common.sh). Writes OUT/dotnet-path: the CoreCLR host to run it with.
set -euo pipefail
out=$1
source "$(dirname "$0")/../../bindings/csharp/common.sh"
ensure_mono
ensure_dotnet
mkdir -p "$out"
compile_library "$out" -optimize+
for program in Calls Burst; do
    "${MCS[@]}" -optimize+ -r:"$out/CognitoFeedback.dll" -out:"$out/$program.exe" \
        "$ROOT/bench/csharp/$program.cs" "$ROOT/bench/csharp/Common.cs"
    cp "$HERE/tests/CognitoFeedback.Tests.runtimeconfig.json" "$out/$program.runtimeconfig.json"
done
printf '%s\n' "$DOTNET" >"$out/dotnet-path"
