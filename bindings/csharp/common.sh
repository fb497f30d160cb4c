# Shared by run-tests.sh, demo.sh, pack.sh and package-tests.sh (sourced, not run): installs
# what is missing, builds the C# assemblies with mcs, starts the emulator. Expects `make build`
# (cargo build --release) done.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bindings/csharp"
BUILD="$ROOT/build/csharp"
RELEASE="$ROOT/target/release"
# The .NET Core 3.1 runtime from PyPI's dotnetcore2 wheel (the CoreCLR test run).
DOTNETCORE2_VERSION="3.1.23"

say() { printf 'csharp: %s\n' "$*" >&2; }

# Mono's compiler and runtime, from Debian, when missing.
ensure_mono() {
    "$ROOT/scripts/ensure-tools.sh" mcs:mono-mcs mono:mono-runtime
}

# CoreCLR: the dotnetcore2 wheel in a venv under the build dir (or, where python3 has no venv
# module, installed into a plain directory there). Sets DOTNET.
ensure_dotnet() {
    local venv="$BUILD/dotnet-venv"
    python=""
    site=""
    mkdir -p "$BUILD"
    if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
        rm -rf "$venv"
        python3 -m venv "$venv" >/dev/null 2>&1 || true
    fi
    if "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
        python="$venv/bin/python"
    else
        python=python3
        site="$BUILD/dotnet-site"
    fi
    if ! dotnet_python -c "import dotnetcore2" 2>/dev/null; then
        say "installing dotnetcore2==$DOTNETCORE2_VERSION from PyPI"
        "$python" -m pip install -q --disable-pip-version-check ${site:+--target "$site"} \
            "dotnetcore2==$DOTNETCORE2_VERSION"
    fi
    DOTNET="$(dotnet_python -c 'import dotnetcore2, os; print(os.path.join(os.path.dirname(dotnetcore2.__file__), "bin", "dotnet"))')"
    chmod +x "$DOTNET"
}

# ensure_dotnet's Python, with the plain install directory on its path when there is one.
dotnet_python() {
    if [ -n "$site" ]; then PYTHONPATH="$site" "$python" "$@"; else "$python" "$@"; fi
}

# mcs with the project's settings: C# 7.2 at most, warnings are errors.
MCS=(mcs -langversion:7.2 -warnaserror+ -nologo -r:System.dll -r:System.Core.dll)

# Fails unless `make build` has made the release library.
require_release() {
    if [ ! -e "$RELEASE/libcognito_feedback.so" ]; then
        say "missing $RELEASE/libcognito_feedback.so: run 'make build' first"
        exit 2
    fi
}

# Compiles the library into DIR (the first argument) as CognitoFeedback.dll with its XML docs
# (a public member without a doc comment is an error); further arguments go to mcs.
compile_library() {
    local dir="$1"; shift
    mkdir -p "$dir"
    "${MCS[@]}" -target:library -doc:"$dir/CognitoFeedback.xml" -out:"$dir/CognitoFeedback.dll" \
        -recurse:"$HERE/src/*.cs" "$@"
}

# Compiles the tests (CognitoFeedback.Tests.exe) and the samples (Example.exe,
# FeedbackLinkServer.exe) into DIR (the first argument) against the library LIBRARY (the second),
# with their runtimeconfigs for CoreCLR; further arguments go to mcs.
compile_programs() {
    local dir="$1" library="$2"; shift 2
    mkdir -p "$dir"
    "${MCS[@]}" "$@" -r:"$library" -out:"$dir/CognitoFeedback.Tests.exe" -recurse:"$HERE/tests/*.cs"
    "${MCS[@]}" "$@" -r:"$library" -out:"$dir/Example.exe" "$HERE/samples/Example.cs"
    "${MCS[@]}" "$@" -r:"$library" -out:"$dir/FeedbackLinkServer.exe" "$HERE/samples/FeedbackLinkServer.cs"
    port_sdk_sample "$dir/SdkStyle.cs"
    "${MCS[@]}" "$@" -r:"$library" -out:"$dir/SdkStyle.exe" "$dir/SdkStyle.cs"
    cp "$HERE/tests/CognitoFeedback.Tests.runtimeconfig.json" "$HERE/samples/Example.runtimeconfig.json" "$dir/"
    cp "$HERE/samples/Example.runtimeconfig.json" "$dir/SdkStyle.runtimeconfig.json"
}

# samples/SdkStyle.cs, written for the AWS SDK for .NET, ported into FILE (the first argument):
# each line marked "// cognito-feedback:" becomes the code after the mark. Fails unless exactly
# the four using directives change.
port_sdk_sample() {
    sed -E 's#^.*// cognito-feedback:( (.*))?$#\2#' "$HERE/samples/SdkStyle.cs" > "$1"
    local changed
    changed="$(diff "$HERE/samples/SdkStyle.cs" "$1" | grep -c '^<' || true)"
    if [ "$changed" != 4 ] || grep -q '^using Amazon' "$1"; then
        say "porting samples/SdkStyle.cs changed $changed lines, not the 4 using directives"
        return 1
    fi
}

# Runs the ported SDK-style sample (the command in the arguments, then the emulator's URL) as
# the pass NAME (the first argument): it passes when it prints samples/SdkStyle.expected.
run_sdk_sample() {
    local name="$1"; shift
    say "$name"
    if "$@" "$EMULATOR_URL" > "$BUILD/$name.out" 2>&1 && diff -u "$HERE/samples/SdkStyle.expected" "$BUILD/$name.out"; then
        passed=$((passed + 1))
    else
        cat "$BUILD/$name.out"
        failed=$((failed + 1))
        status=1
    fi
}

# The library, the tests and the sample into $BUILD, with debug symbols.
build_assemblies() {
    require_release
    compile_library "$BUILD" -debug
    compile_programs "$BUILD" "$BUILD/CognitoFeedback.dll" -debug
    # Both runtimes find libcognito_feedback.so through the loader's search path.
    export LD_LIBRARY_PATH="$RELEASE${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}

# The crate's version (the root Cargo.toml's [package] version).
crate_version() {
    "$ROOT/scripts/crate-version.sh"
}

# The AWS_* settings the tests expect: none but AWS_REGION, which the environment test looks for.
TEST_ENVIRONMENT=(env -u AWS_DEFAULT_REGION -u AWS_ENDPOINT_URL -u AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
    -u AWS_USE_FIPS_ENDPOINT -u AWS_USE_DUALSTACK_ENDPOINT -u AWS_MAX_ATTEMPTS -u AWS_RETRY_MODE
    -u AWS_CA_BUNDLE AWS_REGION=eu-west-2)

# Totals over the passes of run_pass, and whether any pass failed.
passed=0
failed=0
status=0

# Runs one pass of a runner that closes with "N passed, N failed": NAME, then the command. Adds
# that line to the totals; a pass that fails or ends without it fails the run.
run_pass() {
    local name="$1"; shift
    say "$name"
    local log="$BUILD/$name.log"
    if ! "$@" | tee "$log"; then
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

source "$ROOT/scripts/emulator.sh"

# Starts the emulator (scripts/emulator.sh) with any extra arguments, its log in
# $BUILD/emulator.log; it is stopped when this shell exits. Sets EMULATOR_URL.
start_emulator() {
    emulator_start "$RELEASE/cognito-feedback-emulator" "$BUILD/emulator.log" "$@" || exit 2
    trap emulator_stop EXIT
    say "emulator at $EMULATOR_URL"
}
