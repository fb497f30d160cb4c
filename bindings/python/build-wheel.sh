#!/usr/bin/env bash
# Builds the cognito-feedback wheel that carries the shared library: build-wheel.sh OUT_DIR [LIBRARY]
#
# LIBRARY defaults to the release build's libcognito_feedback.so (`make build`). The package
# is copied to a fresh staging directory with the library beside its code, so the source tree never
# holds a library a development install would load. The wheel is tagged py3-none-PLATFORM (see
# setup.py) with PLATFORM from platform_tag below. pip builds it with setuptools from PyPI (or pip's
# cache); $PYTHON (default python3) runs pip. Prints the wheel's path.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:?usage: build-wheel.sh OUT_DIR [LIBRARY]}"
library="${2:-$("$repo/scripts/release.sh" dir)/libcognito_feedback.so}"
python="${PYTHON:-python3}"

# platform_tag LIBRARY: manylinux_X_Y_ARCH (PEP 600) where GLIBC_X.Y is the newest glibc symbol
# version the library needs, when it links only to libraries every manylinux system provides,
# under its PEP 599 name manylinux2014_ARCH when that is 2.17 or older (the release build: every
# pip since 19.3 knows that name); else linux_ARCH, which pip accepts on any Linux of that
# architecture.
platform_tag() {
    local headers needed glibc arch
    arch="$(uname -m)"
    headers="$(objdump -p "$1")"
    needed="$(awk '$1 == "NEEDED" { print $2 }' <<<"$headers")"
    glibc="$(grep -oE 'GLIBC_[0-9]+\.[0-9]+' <<<"$headers" | cut -d_ -f2 | sort -V | tail -n 1)"
    if [ -n "$glibc" ] &&
        ! grep -qvE '^(libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|ld-linux[-a-z0-9_.]*\.so\.[0-9]+)$' <<<"$needed"; then
        if [ "$(printf '%s\n' "$glibc" 2.17 | sort -V | tail -n 1)" = 2.17 ]; then
            echo "manylinux2014_${arch}"
        else
            echo "manylinux_${glibc/./_}_${arch}"
        fi
    else
        echo "linux_${arch}"
    fi
}

if [ "$(uname -s)" != Linux ]; then
    echo "build-wheel.sh: only Linux wheels are built here" >&2
    exit 2
fi
if [ ! -f "$library" ]; then
    echo "build-wheel.sh: no shared library at $library; run \`make build\` first" >&2
    exit 2
fi
if ! command -v objdump >/dev/null; then
    echo "build-wheel.sh: objdump (binutils) is needed to read the library's glibc symbol versions" >&2
    exit 2
fi

tag="$(platform_tag "$library")"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp "$here/pyproject.toml" "$here/setup.py" "$here/README.md" "$stage/"
# The license texts (links to the repository's files in the source tree).
cp -L "$here/LICENSE" "$here/THIRD-PARTY-NOTICES" "$stage/"
mkdir "$stage/src"
cp -R "$here/src/cognito_feedback" "$stage/src/"
find "$stage/src" \( -name __pycache__ -o -name .mypy_cache \) -prune -exec rm -rf {} +
cp "$library" "$stage/src/cognito_feedback/libcognito_feedback.so"

mkdir -p "$out"
built="$stage/dist"
"$python" -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir "$built" \
    --config-settings=--build-option=--plat-name="$tag" "$stage" >&2
wheel="$(find "$built" -name '*.whl')"
cp "$wheel" "$out/"
echo "$(cd "$out" && pwd)/$(basename "$wheel")"
