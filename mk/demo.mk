# The feedback journey (bindings/python/samples): the emulator renders Cognito's threat-protection
# email, the link handler (python -m cognito_feedback.web) answers the user's click with a
# confirmation page and reports the confirmed answer through the library, and the emulator shows
# what it recorded. Uses the release library and emulator (`build`), named in
# mk/python.mk's PYTHON_ENV.

.PHONY: demo-journey test-journey

## demo-journey: the email for a risky sign-in, a click and its confirmation through the link handler, the feedback recorded
demo-journey: build
	$(PYTHON_ENV) python3 bindings/python/samples/demo_journey.py

## test-journey: the journey's tests, through the link handler (in the Python package's venv)
test-journey: build
	$(PYTHON_ENV) bindings/python/samples/run-tests.sh

DEMO_TARGETS += demo-journey
TEST_TARGETS += test-journey
