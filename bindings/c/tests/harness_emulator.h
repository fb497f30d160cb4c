/* Emulators a test starts itself, each with its own fault flags (the emulator's command line,
 * tests/emulator/README.md), for tests that need a different fault set per scenario. */
#ifndef COGNITO_TEST_HARNESS_EMULATOR_H
#define COGNITO_TEST_HARNESS_EMULATOR_H

/* A running emulator started by harness_emulator_start. */
typedef struct HarnessEmulator HarnessEmulator;

/* Starts the emulator binary named by COGNITO_TEST_EMULATOR with the NULL-terminated `flags`
 * through the project's one launcher, COGNITO_TEST_EMULATOR_LAUNCHER (both set by
 * run-tests.sh; scripts/emulator_launcher.py, which stops the emulator when its stdin closes, so
 * it dies with the test), and reads the URL the launcher prints. The emulator's stderr, one line
 * per request, and the launcher's go to COGNITO_TEST_OUTPUT.emulator-N.err. Exits the test
 * when it cannot start. */
HarnessEmulator *harness_emulator_start(const char *const flags[]);

/* Its base URL, "http://127.0.0.1:PORT". Borrowed from `emulator`. */
const char *harness_emulator_url(const HarnessEmulator *emulator);

/* How many UpdateAuthEventFeedback calls it has answered, faulted ones included, counted from
 * its log. The emulator logs a call before it answers, so every call a client got an answer
 * (or a cut answer) to is counted. */
int harness_emulator_calls(const HarnessEmulator *emulator);

/* Waits until it has logged at least `calls` UpdateAuthEventFeedback calls (so they reached
 * it), polling its log; returns whether they did within `timeout_seconds`. */
int harness_emulator_wait_calls(const HarnessEmulator *emulator, int calls, double timeout_seconds);

/* Stops it (closes the launcher's stdin), waits for it and frees `emulator`; returns whether
 * the emulator exited with status 0 (the launcher's status is the emulator's). */
int harness_emulator_stop(HarnessEmulator *emulator);

#endif /* COGNITO_TEST_HARNESS_EMULATOR_H */
