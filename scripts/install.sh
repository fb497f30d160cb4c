#!/usr/bin/env bash
# `make install`: copies the release build (scripts/release.sh) under DESTDIR/PREFIX:
#
#   lib/libcognito_feedback.so.VERSION, .so.SOVERSION and .so   the shared library and its links
#   lib/libcognito_feedback.a                                   the static library
#   include/cognito_feedback.h                                  the header
#   lib/pkgconfig/cognito_feedback.pc                           pkg-config (names PREFIX)
#   lib/cmake/cognito_feedback/                                 the CMake package (relocatable)
#   bin/cognito-feedback, share/man/man1/cognito-feedback*.1    the command line and its man pages
#   share/doc/cognito-feedback/                                 LICENSE, THIRD-PARTY-NOTICES, CHANGELOG.md
#
# Usage: scripts/install.sh DESTDIR PREFIX   (DESTDIR may be empty; PREFIX absolute)
# The version is Cargo.toml's, the SOVERSION the one build.rs wrote into the library's SONAME,
# the static library's system libraries those rustc listed when it built it.
set -euo pipefail

if [ $# -ne 2 ] || [[ "$2" != /* ]]; then
    echo "usage: $0 DESTDIR PREFIX   (PREFIX an absolute path)" >&2
    exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
destdir=$1
prefix=$2
dest=$destdir$prefix
release="$("$root/scripts/release.sh" dir)"
library="$release/libcognito_feedback.so"
version="$("$root/scripts/crate-version.sh")"
soname="$("$root/scripts/soname.sh" "$library")"
soversion="${soname#libcognito_feedback.so.}"
libs_private="$("$root/scripts/release.sh" native-static-libs)"

install -d "$dest/lib/pkgconfig" "$dest/lib/cmake/cognito_feedback" "$dest/include" "$dest/bin" \
    "$dest/share/man/man1" "$dest/share/doc/cognito-feedback"
install -m 0755 "$library" "$dest/lib/libcognito_feedback.so.$version"
ln -sfn "libcognito_feedback.so.$version" "$dest/lib/$soname"
ln -sfn "$soname" "$dest/lib/libcognito_feedback.so"
install -m 0644 "$release/libcognito_feedback.a" "$dest/lib/libcognito_feedback.a"
install -m 0644 "$root/include/cognito_feedback.h" "$dest/include/cognito_feedback.h"

fill() { # TEMPLATE OUTPUT: the template with @PREFIX@, @VERSION@, @SOVERSION@ and the link lists
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" -e "s|@SOVERSION@|$soversion|g" \
        -e "s|@LIBS_PRIVATE@|$libs_private|g" -e "s|@LINK_LIBRARIES@|${libs_private// /;}|g" \
        "$1" >"$2"
}
fill "$root/cognito_feedback.pc.in" "$dest/lib/pkgconfig/cognito_feedback.pc"
for name in cognito_feedbackConfig cognito_feedbackConfigVersion; do
    fill "$root/cmake/$name.cmake.in" "$dest/lib/cmake/cognito_feedback/$name.cmake"
done

install -m 0755 "$release/cognito-feedback" "$dest/bin/cognito-feedback"
"$release/cognito-feedback-man" "$dest/share/man/man1"
chmod 0644 "$dest"/share/man/man1/cognito-feedback*.1
install -m 0644 "$root/LICENSE" "$root/THIRD-PARTY-NOTICES" "$root/CHANGELOG.md" \
    "$dest/share/doc/cognito-feedback/"
