#!/usr/bin/env bash
# Runs the samples' tests (bindings/python/samples/tests) with the Python package's own runner,
# bindings/python/run-tests.sh: the same virtual environment (target/python-venv, or
# $COGNITO_PYTHON_VENV) with the package installed in editable mode and pytest. They need the
# release shared library and emulator: `cargo build --release --workspace` first
# (`make test-journey` does it). Arguments go to pytest.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../run-tests.sh" "$here/tests" "$@"
