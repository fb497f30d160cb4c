# Python package (bindings/python): its pytest suite in a virtual environment, against the
# release shared library and the release emulator.

.PHONY: test-python

## test-python: the Python package's tests (creates target/python-venv on first run)
test-python: build
	COGNITO_FEEDBACK_LIBRARY="$(CURDIR)/$(RELEASE_DIR)/libcognito_feedback.so" \
	COGNITO_FEEDBACK_EMULATOR="$(CURDIR)/$(EMULATOR)" \
	bindings/python/run-tests.sh

TEST_TARGETS += test-python
