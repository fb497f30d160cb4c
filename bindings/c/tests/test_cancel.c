/* Cancellation: from a second thread while the emulator stalls the call (evt-stall), the call
 * returns COGNITO_CANCELLED promptly; a token cancelled beforehand stops a call before it
 * sends anything; cancel is idempotent. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <time.h>

#include "harness.h"

/* Generous for valgrind, and far below the 60 s timeouts: only the cancel can end the call. */
#define CANCEL_BOUND_SECONDS 10.0
#define CANCEL_AFTER_MS 300

static void *cancel_later(void *token) {
    struct timespec pause;
    pause.tv_sec = 0;
    pause.tv_nsec = CANCEL_AFTER_MS * 1000000L;
    nanosleep(&pause, NULL);
    CHECK_STATUS(cognito_cancel_token_cancel((const CognitoCancelToken *)token), COGNITO_OK);
    return NULL;
}

static CognitoClient *slow_client(void) {
    CognitoConfig *config = harness_config(harness_endpoint(), true);
    CHECK_STATUS(cognito_config_set_attempt_timeout_ms(config, 60000), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_total_timeout_ms(config, 60000), COGNITO_OK);
    return harness_client_from(config);
}

static void cancel_while_stalled(void) {
    CognitoClient *client = slow_client();
    CognitoCancelToken *token = NULL;
    CognitoFeedbackRequest request = harness_alice("evt-stall", COGNITO_FEEDBACK_VALID);
    CognitoResponse *response = NULL;
    CognitoError *error = NULL;
    pthread_t canceller;
    double started, elapsed;

    CHECK_STATUS(cognito_cancel_token_new(&token), COGNITO_OK);
    CHECK(!cognito_cancel_token_is_cancelled(token));
    started = harness_now(); /* before the canceller's sleep starts, so elapsed can't undercut it */
    CHECK(pthread_create(&canceller, NULL, cancel_later, token) == 0);
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, token, &response, &error),
                 COGNITO_CANCELLED);
    elapsed = harness_now() - started;
    CHECK(pthread_join(canceller, NULL) == 0);
    CHECK(elapsed >= CANCEL_AFTER_MS / 1000.0);
    CHECK(elapsed < CANCEL_BOUND_SECONDS);
    CHECK(response == NULL);
    CHECK_STATUS(cognito_error_status(error), COGNITO_CANCELLED);
    CHECK_STR(cognito_error_code(error), NULL);
    CHECK(cognito_error_attempts(error) == 1);
    CHECK(cognito_cancel_token_is_cancelled(token));
    cognito_error_free(error);
    cognito_cancel_token_free(token);
    cognito_client_free(client);
}

static void cancelled_before_the_call(void) {
    CognitoClient *client = slow_client();
    CognitoCancelToken *token = NULL;
    CognitoFeedbackRequest request = harness_alice("evt-alice-2", COGNITO_FEEDBACK_VALID);
    CognitoError *error = NULL;

    CHECK_STATUS(cognito_cancel_token_new(&token), COGNITO_OK);
    CHECK_STATUS(cognito_cancel_token_cancel(token), COGNITO_OK);
    CHECK_STATUS(cognito_cancel_token_cancel(token), COGNITO_OK); /* idempotent */
    CHECK(cognito_cancel_token_is_cancelled(token));
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, token, NULL, &error),
                 COGNITO_CANCELLED);
    CHECK(cognito_error_attempts(error) == 0);
    CHECK(!harness_feedback_logged("\"event_id\":\"evt-alice-2\"", "alice"));
    cognito_error_free(error);
    cognito_cancel_token_free(token);
    cognito_client_free(client);
}

int main(void) {
    cancel_while_stalled();
    cancelled_before_the_call();
    return harness_finish("test_cancel");
}
