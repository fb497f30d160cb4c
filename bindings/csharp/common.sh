# Shared by run-tests.sh and demo.sh (sourced, not run): installs what is missing, builds the
# C# assemblies with mcs, starts the emulator. Expects `make build` (cargo build --release) done.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bindings/csharp"
BUILD="$ROOT/build/csharp"
RELEASE="$ROOT/target/release"
# The .NET Core 3.1 runtime from PyPI's dotnetcore2 wheel (the CoreCLR test run).
DOTNETCORE2_VERSION="3.1.23"

say() { printf 'csharp: %s\n' "$*" >&2; }

# Mono's compiler and runtime, from Debian, when missing.
ensure_mono() {
    if command -v mcs >/dev/null && command -v mono >/dev/null; then
        return
    fi
    say "installing mono-mcs and mono-runtime"
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends mono-mcs mono-runtime >/dev/null
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

# The library (with its XML docs; a public member without a doc comment is an error), the
# tests and the sample, with C# 7.2 at most.
build_assemblies() {
    if [ ! -e "$RELEASE/libcognito_feedback.so" ]; then
        say "missing $RELEASE/libcognito_feedback.so: run 'make build' first"
        exit 2
    fi
    mkdir -p "$BUILD"
    local mcs=(mcs -langversion:7.2 -warnaserror+ -nologo -debug -r:System.dll -r:System.Core.dll)
    "${mcs[@]}" -target:library -doc:"$BUILD/CognitoFeedback.xml" -out:"$BUILD/CognitoFeedback.dll" \
        -recurse:"$HERE/src/*.cs"
    "${mcs[@]}" -r:"$BUILD/CognitoFeedback.dll" -out:"$BUILD/CognitoFeedback.Tests.exe" \
        -recurse:"$HERE/tests/*.cs"
    "${mcs[@]}" -r:"$BUILD/CognitoFeedback.dll" -out:"$BUILD/Example.exe" "$HERE/samples/Example.cs"
    cp "$HERE/tests/CognitoFeedback.Tests.runtimeconfig.json" "$BUILD/"
    cp "$HERE/samples/Example.runtimeconfig.json" "$BUILD/"
    # Both runtimes find libcognito_feedback.so through the loader's search path.
    export LD_LIBRARY_PATH="$RELEASE${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}

# Starts the emulator as a coprocess (it exits when this shell does, as its stdin closes)
# with any extra arguments given; sets EMULATOR_URL from its first line of output.
start_emulator() {
    local emulator="$RELEASE/cognito-feedback-emulator"
    coproc EMULATOR { exec "$emulator" --exit-on-stdin-eof "$@" 2>"$BUILD/emulator.log"; }
    EMULATOR_PID=$EMULATOR_PID
    trap 'kill "$EMULATOR_PID" 2>/dev/null || true' EXIT
    if ! read -r -t 20 EMULATOR_URL <&"${EMULATOR[0]}"; then
        say "the emulator did not start; its log:"
        cat "$BUILD/emulator.log" >&2
        exit 2
    fi
    say "emulator at $EMULATOR_URL"
}
