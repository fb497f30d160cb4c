# The feedback-link handlers in a real browser (tests/browser): headless Debian Chromium driven by
# playwright-core opens the emulator's email, confirms, and reads the feedback back, through the
# Python handler and the C# one (Mono and CoreCLR). Screenshots in target/browser-test/screenshots.

.PHONY: test-browser

## test-browser: the feedback journey in headless Chromium through the Python and C# link handlers
test-browser: build
	tests/browser/run.sh

TEST_TARGETS += test-browser
