#!/usr/bin/env bash
# `make test-csharp-package`: tests dist/CognitoFeedback.<version>.nupkg (from `make nupkg`).
# 1. Its layout and manifest (packaging/check_nupkg.py).
# 2. A consumer that has nothing but the package: it is extracted outside the repository as
#    NuGet lays out its packages folder (<id>/<version>/), and packaging/Consumer.cs, the test
#    suite and the sample are compiled against its lib/netstandard2.0/CognitoFeedback.dll. They
#    run against the emulator with LD_LIBRARY_PATH unset: on CoreCLR, which finds the managed
#    assembly and runtimes/linux-x64/native/libcognito_feedback.so through a .deps.json as it does
#    for NuGet's consumers; on Mono (which does not read runtimes/), through a dllmap. Consumer
#    reports where each was loaded from, and that must be the extracted package.
set -euo pipefail
source "$(dirname "$0")/common.sh"

ensure_mono
ensure_dotnet
require_release
version="$(crate_version)"
nupkg="$ROOT/dist/CognitoFeedback.$version.nupkg"
if [ ! -f "$nupkg" ]; then
    say "missing $nupkg: run 'make nupkg' first"
    exit 2
fi

run_pass package-layout python3 "$HERE/packaging/check_nupkg.py" "$nupkg" "$ROOT"

consumer="$(mktemp -d)"
packages="$consumer/packages"
package="$packages/cognitofeedback/$version"
app="$consumer/app"
library="$package/lib/netstandard2.0/CognitoFeedback.dll"
native="$package/runtimes/linux-x64/native/libcognito_feedback.so"
python3 -m zipfile -e "$nupkg" "$package"

# The programs, compiled against the package's assembly as a NuGet consumer's build does.
compile_programs "$app" "$library"
"${MCS[@]}" -r:"$library" -out:"$app/Consumer.exe" "$HERE/packaging/Consumer.cs"
cp "$HERE/samples/Example.runtimeconfig.json" "$app/Consumer.runtimeconfig.json"

# What `dotnet build` writes beside a program that references the package: a .deps.json naming
# the package's runtime assembly and its linux-x64 native asset, and a runtimeconfig.dev.json
# that points the host at the packages folder.
package_hash="$(python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$nupkg")"
assembly_version="${version%%[-+]*}.0"
for program in Consumer CognitoFeedback.Tests Example; do
    cat >"$app/$program.deps.json" <<EOF
{
  "runtimeTarget": { "name": ".NETCoreApp,Version=v3.1", "signature": "" },
  "compilationOptions": {},
  "targets": {
    ".NETCoreApp,Version=v3.1": {
      "$program/1.0.0": {
        "dependencies": { "CognitoFeedback": "$version" },
        "runtime": { "$program.exe": {} }
      },
      "CognitoFeedback/$version": {
        "runtime": {
          "lib/netstandard2.0/CognitoFeedback.dll": { "assemblyVersion": "$assembly_version", "fileVersion": "$assembly_version" }
        },
        "runtimeTargets": {
          "runtimes/linux-x64/native/libcognito_feedback.so": { "rid": "linux-x64", "assetType": "native", "fileVersion": "0.0.0.0" }
        }
      }
    }
  },
  "libraries": {
    "$program/1.0.0": { "type": "project", "serviceable": false, "sha512": "" },
    "CognitoFeedback/$version": {
      "type": "package",
      "serviceable": false,
      "sha512": "sha512-$package_hash",
      "path": "cognitofeedback/$version",
      "hashPath": "cognitofeedback.$version.nupkg.sha512"
    }
  }
}
EOF
    cat >"$app/$program.runtimeconfig.dev.json" <<EOF
{ "runtimeOptions": { "additionalProbingPaths": [ "$packages" ] } }
EOF
done

# Mono's way to the native library: a dllmap, here in the (fresh) user's Mono config.
mkdir -p "$consumer/home/.mono"
cat >"$consumer/home/.mono/config" <<EOF
<configuration>
  <dllmap dll="cognito_feedback" target="$native" os="linux" cpu="x86-64" />
</configuration>
EOF

feedback_log="$BUILD/package-feedback.jsonl"
rm -f "$feedback_log"
start_emulator --feedback-log "$feedback_log"
trap 'emulator_stop; rm -rf "$consumer"' EXIT
cd "$consumer"

coreclr=(env -u LD_LIBRARY_PATH "$DOTNET" exec)
mono=(env -u LD_LIBRARY_PATH HOME="$consumer/home" MONO_PATH="$package/lib/netstandard2.0" mono)

# The consumer's own assertions; run_pass runs them in a subshell, so they count apart.
checks_passed=0
checks_failed=0

# One named assertion: NAME, EXPECTED, ACTUAL.
check() {
    if [ "$2" == "$3" ]; then
        echo "PASS $1"
        checks_passed=$((checks_passed + 1))
    else
        echo "FAIL $1: expected <$2> but was <$3>"
        checks_failed=$((checks_failed + 1))
    fi
}

# The value of a "NAME: value" line of Consumer.exe's output (OUTPUT, NAME).
field() {
    printf '%s\n' "$1" | sed -n "s/^$2: //p"
}

# Runs Consumer.exe on one runtime (NAME, the feedback value to record, then the command) and
# checks what it reports and what the emulator recorded.
consumer_pass() {
    local name="$1" value="$2"; shift 2
    local output code=0
    output="$("$@" "$app/Consumer.exe" "$EMULATOR_URL" "$value" 2>&1)" || code=$?
    printf '%s\n' "$output"
    check "$name: Consumer.exe exits with 0" 0 "$code"
    check "$name: HTTP status" 200 "$(field "$output" status)"
    check "$name: the assembly is the package's" "$library" "$(field "$output" assembly)"
    check "$name: the assembly carries the package's version" "$assembly_version" "$(field "$output" 'assembly version')"
    # .NET Standard 2.0 carries mscorlib, System and System.Core as facades for such assemblies.
    check "$name: the assembly references nothing netstandard2.0 lacks" "" \
        "$(field "$output" 'assembly references' | tr ' ' '\n' | grep -vxE 'mscorlib|System|System\.Core|netstandard')"
    check "$name: the native library is the package's" "$native" "$(field "$output" 'native library')"
    check "$name: the native library's version" "$version" "$(field "$output" 'native version')"
    check "$name: the emulator recorded the feedback" "$value" \
        "$(grep '"event_id":"evt-alice-2"' "$feedback_log" | tail -n 1 | sed -n 's/.*"feedback_value":"\([^"]*\)".*/\1/p')"
}

# Runs the sample on one runtime (NAME, then the command); it must finish with 0.
sample_pass() {
    local name="$1"; shift
    local code=0
    "$@" "$app/Example.exe" "$EMULATOR_URL" || code=$?
    check "$name: the sample exits with 0" 0 "$code"
}

consumer_checks() {
    check "the app directory holds no library of its own" "" "$(find "$app" -name '*.dll' -o -name '*.so')"
    consumer_pass coreclr Valid "${coreclr[@]}"
    consumer_pass mono Invalid "${mono[@]}"
    sample_pass coreclr "${coreclr[@]}"
    sample_pass mono "${mono[@]}"
    echo "$checks_passed passed, $checks_failed failed"
    [ "$checks_failed" == 0 ]
}
run_pass package-consumer consumer_checks

args=(--endpoint "$EMULATOR_URL" --feedback-log "$feedback_log" --header "$ROOT/include/cognito_feedback.h" --cargo-toml "$ROOT/Cargo.toml")
run_pass package-tests-coreclr "${TEST_ENVIRONMENT[@]}" "${coreclr[@]}" "$app/CognitoFeedback.Tests.exe" "${args[@]}"
run_pass package-tests-mono "${TEST_ENVIRONMENT[@]}" "${mono[@]}" "$app/CognitoFeedback.Tests.exe" "${args[@]}"

echo "csharp-package: $passed passed, $failed failed"
exit "$status"
