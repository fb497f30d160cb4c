#!/usr/bin/env bash
# Builds the C tests against an installed copy of the library, found with pkg-config, and runs
# each one under valgrind memcheck against its own emulator.
#
#   bindings/c/run-tests.sh PREFIX EMULATOR
#
# PREFIX is where `make install` put the library (mk/c.mk's test-c target stages one under
# build/c/prefix); EMULATOR is the cognito-feedback-emulator binary. C_TESTS="test_cancel ..."
# runs only the named programs. The last line is "c: N passed, M failed" (programs).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh" "$@"
build=$root/build/c/tests
CC=${CC:-gcc}
CXX=${CXX:-g++}

for tool in "$CC" "$CXX" pkg-config valgrind readelf; do
    command -v "$tool" >/dev/null || { echo "run-tests.sh: $tool is required" >&2; exit 1; }
done

mkdir -p "$build"
cflags=$(pkg-config --cflags cognito_feedback)
libs=$(pkg-config --libs cognito_feedback)
libdir=$(pkg-config --variable=libdir cognito_feedback)
static_libs=$(pkg-config --static --libs cognito_feedback)
static_libs=${static_libs//-lcognito_feedback/-l:libcognito_feedback.a}
version=$("$root/scripts/crate-version.sh")
c_flags=(-std=c99 -Wall -Wextra -Werror -pedantic -g -DCARGO_TOML_VERSION="\"$version\"")
cxx_flags=(-std=c++11 -Wall -Wextra -Werror -pedantic -g)
rpath=-Wl,-rpath,$libdir

# --- build -------------------------------------------------------------------------------
tests=()
build_c() { # NAME SOURCES... : a C program linked with the shared library
    local name=$1; shift
    # shellcheck disable=SC2086  # pkg-config output is a list of flags
    "$CC" "${c_flags[@]}" $cflags -o "$build/$name" "$@" $libs "$rpath" -pthread
    tests+=("$name")
}

cd "$here/tests"
for source in test_*.c; do
    build_c "${source%.c}" "$source" harness.c harness_emulator.c
done
build_c double_include double_include_a.c double_include_b.c
# shellcheck disable=SC2086
"$CXX" "${cxx_flags[@]}" $cflags -o "$build/header_cxx" header_cxx.cpp $libs "$rpath"
tests+=(header_cxx)
# The static library with the Libs.private of the .pc file, and no trace of the shared one.
# shellcheck disable=SC2086
"$CC" "${c_flags[@]}" $cflags -o "$build/test_version_static" test_version.c harness.c $static_libs -pthread
if readelf -d "$build/test_version_static" | grep -q 'NEEDED.*cognito_feedback'; then
    echo "run-tests.sh: test_version_static still needs the shared library" >&2
    exit 1
fi
tests+=(test_version_static)
# The top-level README's C quick start, exactly as printed there (scripts/check_readme.py runs
# it as a user would; here it is built with the strict flags and run under valgrind).
python3 "$root/scripts/check_readme.py" --print c >"$build/readme_quickstart.c"
build_c readme_quickstart "$build/readme_quickstart.c"
# The example must build warning-free too.
# shellcheck disable=SC2086
"$CC" "${c_flags[@]}" $cflags -o "$build/example" "$here/example.c" $libs "$rpath"

# --- run ---------------------------------------------------------------------------------
start_emulator() { # NAME : starts a fresh emulator; sets COGNITO_TEST_ENDPOINT and _FEEDBACK_LOG
    local name=$1
    # Where a test's own emulators (harness_emulator.h) write their logs, NAME.emulator-N.err.
    export COGNITO_TEST_OUTPUT=$build/$name
    rm -f "$COGNITO_TEST_OUTPUT".emulator-*.err
    export COGNITO_TEST_FEEDBACK_LOG=$build/$name.feedback.jsonl
    rm -f "$COGNITO_TEST_FEEDBACK_LOG"
    emulator_start "$emulator" "$build/$name.emulator.err" --feedback-log "$COGNITO_TEST_FEEDBACK_LOG"
    export COGNITO_TEST_ENDPOINT=$EMULATOR_URL
}

# What a test starts its own emulators with (harness_emulator.h), with the fault flags it needs:
# the binary, through the project's one launcher.
export COGNITO_TEST_EMULATOR=$emulator COGNITO_TEST_EMULATOR_LAUNCHER=$EMULATOR_LAUNCHER
# The botocore profile vectors that resolve to a URL, for test_profile.
export COGNITO_TEST_PROFILE_VECTORS=$root/tests/data/profile-vectors-endpoints.tsv
valgrind_flags=(--quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --suppressions="$here/valgrind.supp")
passed=0
failed=0
for name in "${tests[@]}"; do
    if [ -n "${C_TESTS:-}" ] && [[ " $C_TESTS " != *" $name "* ]]; then continue; fi
    start_emulator "$name"
    echo "--- $name (valgrind)"
    # The quick start is written for real Cognito; the standard variable points it here.
    run=()
    if [ "$name" = readme_quickstart ]; then
        run=(env -u AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER -u AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
            AWS_ENDPOINT_URL="$COGNITO_TEST_ENDPOINT")
    fi
    if "${run[@]}" valgrind "${valgrind_flags[@]}" "$build/$name"; then
        passed=$((passed + 1))
    else
        echo "FAILED: $name (exit $?)"
        failed=$((failed + 1))
    fi
    emulator_stop
done
echo "c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
