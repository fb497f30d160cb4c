#!/usr/bin/env bash
# Builds the C# burst (bench/csharp/Burst.cs) for `make bench`: the C# library and Burst.exe
# into OUT, with a runtimeconfig for CoreCLR, installing Mono and the .NET Core runtime when
# missing (bindings/csharp/common.sh). Writes OUT/dotnet-path: the CoreCLR host to run it with.
set -euo pipefail
out=$1
source "$(dirname "$0")/../../bindings/csharp/common.sh"
ensure_mono
ensure_dotnet
mkdir -p "$out"
compile_library "$out" -optimize+
"${MCS[@]}" -optimize+ -r:"$out/CognitoFeedback.dll" -out:"$out/Burst.exe" "$ROOT/bench/csharp/Burst.cs"
cp "$HERE/tests/CognitoFeedback.Tests.runtimeconfig.json" "$out/Burst.runtimeconfig.json"
printf '%s\n' "$DOTNET" >"$out/dotnet-path"
