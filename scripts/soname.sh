#!/usr/bin/env bash
# Prints the SONAME of a built libcognito_feedback.so (readelf -d). build.rs alone decides it
# (libcognito_feedback.so.SOVERSION, from Cargo.toml's version); everything else that needs it
# (install.sh's links and CMake package, the CMake consumer's check, the benchmarks' links) reads
# it from the library with this, so no copy of the rule exists.
#
#   scripts/soname.sh LIBRARY
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 LIBRARY" >&2
    exit 2
fi
soname="$(readelf -d "$1" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
if [[ "$soname" != libcognito_feedback.so.?* ]]; then
    echo "soname.sh: $1 has no SONAME libcognito_feedback.so.N (got '$soname')" >&2
    exit 1
fi
echo "$soname"
