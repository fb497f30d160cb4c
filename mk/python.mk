# Python package (bindings/python): its pytest suite in a virtual environment, against the
# release shared library and the release emulator; the wheel that carries the library, built
# into dist/ and tested installed in a fresh virtual environment.

# The release library and emulator, for what runs the package from its source tree (here and
# in mk/demo.mk).
PYTHON_ENV = COGNITO_FEEDBACK_LIBRARY="$(RELEASE_DIR)/libcognito_feedback.so" \
	COGNITO_FEEDBACK_EMULATOR="$(EMULATOR)"

.PHONY: test-python wheel test-wheel

## test-python: the Python package's tests (creates target/python-venv on first run)
test-python: build
	$(PYTHON_ENV) bindings/python/run-tests.sh

## wheel: the Python wheel carrying the release library, into dist/ (pip install it; nothing else needed)
wheel: build
	rm -f dist/cognito_feedback-$$(scripts/crate-version.sh)-*.whl
	bindings/python/build-wheel.sh dist $(RELEASE_DIR)/libcognito_feedback.so

## test-wheel: the Python suite against the wheel installed in a fresh virtual environment
test-wheel: build
	COGNITO_FEEDBACK_EMULATOR="$(EMULATOR)" \
	bindings/python/test-wheel.sh $(RELEASE_DIR)/libcognito_feedback.so

TEST_TARGETS += test-python test-wheel
