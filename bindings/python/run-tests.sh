#!/usr/bin/env bash
# Runs the Python package's pytest suite in a virtual environment.
#
# Creates the environment on first use (python3 -m venv; $COGNITO_PYTHON_VENV, default
# target/python-venv), installs the package in editable mode with its test extra (pytest, boto3),
# and reinstalls when pyproject.toml changes. The tests need the shared library and the emulator:
# `cargo build --release --workspace` first (`make test-python` does it). Arguments go to pytest.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${COGNITO_PYTHON_VENV:-$repo/target/python-venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "run-tests.sh: creating the virtual environment $venv"
    "$python" -m venv "$venv"
fi

stamp="$venv/.cognito-feedback-installed"
if [ ! -f "$stamp" ] || [ "$here/pyproject.toml" -nt "$stamp" ]; then
    echo "run-tests.sh: installing cognito-feedback (editable) with its test extra (pytest, boto3, ...)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --editable "$here[test]"
    touch "$stamp"
fi

cd "$here"
exec "$venv/bin/python" -m pytest "$@"
