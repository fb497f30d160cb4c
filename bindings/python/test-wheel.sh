#!/usr/bin/env bash
# Builds the wheel (build-wheel.sh), installs it into a fresh virtual environment outside the
# source tree, and runs the package's tests against that install: tests/ (the whole suite but
# test_wheel.py, which builds wheels from the source and runs in test-python) and wheel-tests/
# (this install is the one in use, and its tag is what auditwheel finds).
#
# The tests see no COGNITO_FEEDBACK_LIBRARY and no PYTHONPATH, run from a scratch directory, and
# the environment lives outside any cargo workspace, so the library can only come from the wheel.
# They need the emulator: $COGNITO_FEEDBACK_EMULATOR (`make test-wheel` passes the release
# build's). Optional argument: the library to pack (default: the release build's, `make build`).
# $PYTHON (default python3) creates the environment; pip's cache makes the installs quick.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

wheel="$("$here/build-wheel.sh" "$scratch/dist" "$@")"
echo "test-wheel.sh: built $(basename "$wheel")"

"$python" -m venv "$scratch/venv"
echo "test-wheel.sh: installing it with its test extra into a fresh virtual environment"
"$scratch/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel[test]" "auditwheel>=6,<7"

mkdir "$scratch/run"
cd "$scratch/run"
env -u COGNITO_FEEDBACK_LIBRARY -u PYTHONPATH COGNITO_FEEDBACK_WHEEL="$wheel" \
    "$scratch/venv/bin/python" -m pytest -p no:cacheprovider \
    "$here/tests" --ignore="$here/tests/test_wheel.py" "$here/wheel-tests"
