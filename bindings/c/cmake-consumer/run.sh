#!/usr/bin/env bash
# Builds the CMake consumer project beside this script against an install of cognito_feedback
# and runs it: both imported targets (cognito_feedback::cognito_feedback, the shared library,
# and cognito_feedback::static) link the README's C quick start, which makes a real call to
# the emulator, and a version check (package, header and library agree). Also checks the
# package's version rule (cognito_feedbackConfigVersion.cmake) on requests it must take and
# refuse.
#
#   bindings/c/cmake-consumer/run.sh PREFIX EMULATOR
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common.sh" "$@"
build=$root/build/c/cmake-consumer
version=$("$root/scripts/crate-version.sh")
say() { printf 'cmake-consumer: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

rm -rf "$build"
mkdir -p "$build"
python3 "$root/scripts/check_readme.py" --print c >"$build/quickstart.c"
cmake -S "$here" -B "$build/project" -DCMAKE_PREFIX_PATH="$prefix" \
    -DEXPECTED_VERSION="$version" -DQUICKSTART="$build/quickstart.c" -DCMAKE_C_FLAGS="-Wall -Werror" >/dev/null
cmake --build "$build/project" -- --no-print-directory

# What each target linked: the shared one needs the library by its SONAME, the static one not.
soname=$("$root/scripts/soname.sh" "$prefix/lib/libcognito_feedback.so")
readelf -d "$build/project/quickstart_shared" | grep -q "NEEDED.*\[$soname\]" ||
    fail "quickstart_shared does not need $soname"
if readelf -d "$build/project/quickstart_static" | grep -q 'NEEDED.*cognito_feedback'; then
    fail "quickstart_static still needs the shared library"
fi

log=$build/feedback.jsonl
emulator_start "$emulator" "$build/emulator.err" --feedback-log "$log"
for kind in shared static; do
    "$build/project/version_$kind" || fail "version_$kind: the versions differ"
    env -u AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER -u AWS_IGNORE_CONFIGURED_ENDPOINT_URLS \
        AWS_ENDPOINT_URL="$EMULATOR_URL" "$build/project/quickstart_$kind" || fail "quickstart_$kind"
done
emulator_stop
recorded=$(grep -c '"evt-alice-1"' "$log" || true)
[ "$recorded" -eq 2 ] || fail "the emulator recorded $recorded feedback for evt-alice-1, not 2"

# The version rule, as find_package applies it: COMPATIBLE for each request on the left.
probe=$build/version-probe.cmake
printf '%s\n' "include(\"$prefix/lib/cmake/cognito_feedback/cognito_feedbackConfigVersion.cmake\")" \
    'message("${PACKAGE_VERSION_COMPATIBLE}")' >"$probe"
check_request() { # REQUEST EXPECTED(TRUE|FALSE)
    local request=$1 expected=$2 parts got
    IFS=. read -ra parts <<<"$request"
    got=$(cmake -DCMAKE_SIZEOF_VOID_P=8 -DPACKAGE_FIND_VERSION="$request" \
        -DPACKAGE_FIND_VERSION_MAJOR="${parts[0]}" -DPACKAGE_FIND_VERSION_MINOR="${parts[1]:-0}" \
        -DPACKAGE_FIND_VERSION_COUNT="${#parts[@]}" -P "$probe" 2>&1) || fail "cmake -P $probe: $got"
    [ "$got" = "$expected" ] || fail "a request for $request: compatible=$got, expected $expected"
}
IFS=. read -r major minor _ <<<"$version"
check_request "$version" TRUE
check_request "$major.$((minor + 1))" FALSE
check_request "$((major + 1))" FALSE
if [ "$major" = 0 ]; then
    check_request "0.$minor" TRUE
    if [ "$minor" -gt 0 ]; then check_request "0.$((minor - 1))" FALSE; fi
else
    check_request "$major.0" TRUE
fi
say "both targets built and called the emulator; versions agree ($version)"
