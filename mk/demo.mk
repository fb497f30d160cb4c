# The feedback journey (bindings/python/samples): the emulator renders Cognito's threat-protection
# email, the sample web handler takes the user's click and reports it through the library, and the
# emulator shows what it recorded. Uses the release library and emulator (`build`), named in
# mk/python.mk's PYTHON_ENV.

.PHONY: demo-journey test-journey

## demo-journey: the email for a risky sign-in, one click through the sample handler, the feedback recorded
demo-journey: build
	$(PYTHON_ENV) python3 bindings/python/samples/demo_journey.py

## test-journey: the sample handler's and the journey's tests (in the Python package's venv)
test-journey: build
	$(PYTHON_ENV) bindings/python/samples/run-tests.sh

DEMO_TARGETS += demo-journey
TEST_TARGETS += test-journey
