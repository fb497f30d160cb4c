/* Shared helpers of the C tests: checks that count, the emulator's address, a ready client. */
#ifndef COGNITO_TEST_HARNESS_H
#define COGNITO_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "cognito_feedback.h"

/* Records one check; prints FILE:LINE and the expression when it fails. */
#define CHECK(cond) harness_check((cond) != 0, __FILE__, __LINE__, #cond)

/* Checks a status, printing both names when they differ. */
#define CHECK_STATUS(got, want) harness_check_status((got), (want), __FILE__, __LINE__, #got)

/* Checks a C string (NULL allowed on both sides) for equality. */
#define CHECK_STR(got, want) harness_check_str((got), (want), __FILE__, __LINE__, #got)

void harness_check(int ok, const char *file, int line, const char *what);
void harness_check_status(CognitoStatus got, CognitoStatus want, const char *file, int line,
                          const char *what);
void harness_check_str(const char *got, const char *want, const char *file, int line,
                       const char *what);

/* Checks what cognito_config_last_error keeps after a setter refused an argument:
 * COGNITO_INVALID_ARGUMENT naming `parameter`, with the message `message`. */
#define CHECK_LAST_ERROR(config, parameter, message) \
    harness_check_last_error((config), (parameter), (message), __FILE__, __LINE__)
void harness_check_last_error(const CognitoConfig *config, const char *parameter,
                              const char *message, const char *file, int line);

/* Prints the tally and returns the process exit status (0 when every check passed). */
int harness_finish(const char *test_name);

/* The value of the environment variable `name`, which run-tests.sh sets; exits when it is unset
 * or empty. */
const char *harness_required_env(const char *name);

/* The emulator's URL (COGNITO_TEST_ENDPOINT, set by run-tests.sh); exits when unset. */
const char *harness_endpoint(void);

/* Whether a line of the emulator's feedback log (COGNITO_TEST_FEEDBACK_LOG, set by
 * run-tests.sh; exits when unset) has both JSON fragments. */
int harness_feedback_logged(const char *fragment_a, const char *fragment_b);

/* A config for `endpoint_url` in region us-east-1, the AWS_* environment ignored or not. Exits
 * when a setting is refused. */
CognitoConfig *harness_config(const char *endpoint_url, bool ignore_environment);

/* The client `config` builds; frees `config`. Exits, printing the error, when it cannot be
 * built. */
CognitoClient *harness_client_from(CognitoConfig *config);

/* A client for the emulator (COGNITO_TEST_ENDPOINT): harness_config's with the environment
 * ignored, `max_attempts` attempts (0: the default). Exits when it cannot be built. */
CognitoClient *harness_client(uint32_t max_attempts);

/* alice's request in us-east-1_PlusPool1 for `event_id` with her token. */
CognitoFeedbackRequest harness_alice(const char *event_id, uint32_t feedback_value);

/* Sets the string member of `request` that the service calls `member` (UserPoolId, Username,
 * EventId or FeedbackToken) to `value`. Exits on any other name. */
void harness_set_member(CognitoFeedbackRequest *request, const char *member, const char *value);

/* Monotonic seconds. */
double harness_now(void);

#endif /* COGNITO_TEST_HARNESS_H */
