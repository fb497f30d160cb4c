/* Cancellation: from a second thread while the emulator stalls the call (evt-stall), once the
 * emulator has the request, the call returns COGNITO_CANCELLED promptly; a token cancelled
 * beforehand stops a call before it sends anything; cancel is idempotent. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>

#include "harness.h"
#include "harness_emulator.h"

/* From the cancel to the call's return, under valgrind on a loaded machine; far below the
 * 60 s timeouts, so only the cancel can end the call. (The library's own figure, 50 ms, is
 * tested natively by tests/cancellation.rs.) */
#define CANCEL_BOUND_SECONDS 2.0
/* How long the request may take to reach the emulator (valgrind starts slowly). */
#define ARRIVAL_BOUND_SECONDS 30.0

struct stalled_call {
    const CognitoClient *client;
    const CognitoCancelToken *token;
    CognitoStatus status;
    CognitoResponse *response;
    CognitoError *error;
    double returned_at;
};

static void *make_stalled_call(void *argument) {
    struct stalled_call *call = (struct stalled_call *)argument;
    CognitoFeedbackRequest request = harness_alice("evt-stall", COGNITO_FEEDBACK_VALID);
    call->status = cognito_update_auth_event_feedback(call->client, &request, call->token,
                                                      &call->response, &call->error);
    call->returned_at = harness_now();
    return NULL;
}

static CognitoClient *slow_client(const char *endpoint) {
    CognitoConfig *config = harness_config(endpoint, true);
    CHECK_STATUS(cognito_config_set_attempt_timeout_ms(config, 60000), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_total_timeout_ms(config, 60000), COGNITO_OK);
    return harness_client_from(config);
}

static void cancel_while_stalled(void) {
    const char *const no_flags[] = {NULL};
    HarnessEmulator *emulator = harness_emulator_start(no_flags);
    CognitoClient *client = slow_client(harness_emulator_url(emulator));
    CognitoCancelToken *token = NULL;
    struct stalled_call call;
    pthread_t thread;
    double cancelled_at, latency;

    CHECK_STATUS(cognito_cancel_token_new(&token), COGNITO_OK);
    CHECK(!cognito_cancel_token_is_cancelled(token));
    call.client = client;
    call.token = token;
    call.response = NULL;
    call.error = NULL;
    CHECK(pthread_create(&thread, NULL, make_stalled_call, &call) == 0);
    /* The emulator has the request and sits on it: the call is waiting on the network. */
    CHECK(harness_emulator_wait_calls(emulator, 1, ARRIVAL_BOUND_SECONDS));
    cancelled_at = harness_now();
    CHECK_STATUS(cognito_cancel_token_cancel(token), COGNITO_OK);
    CHECK(pthread_join(thread, NULL) == 0);
    latency = call.returned_at - cancelled_at;
    printf("  cancel to return: %.1f ms (allowed %.0f ms)\n", latency * 1000.0,
           CANCEL_BOUND_SECONDS * 1000.0);
    CHECK(latency >= 0.0);
    CHECK(latency < CANCEL_BOUND_SECONDS);
    CHECK_STATUS(call.status, COGNITO_CANCELLED);
    CHECK(call.response == NULL);
    CHECK_STATUS(cognito_error_status(call.error), COGNITO_CANCELLED);
    CHECK_STR(cognito_error_code(call.error), NULL);
    CHECK(cognito_error_attempts(call.error) == 1);
    CHECK(cognito_cancel_token_is_cancelled(token));
    cognito_error_free(call.error);
    cognito_cancel_token_free(token);
    cognito_client_free(client);
    CHECK(harness_emulator_stop(emulator));
}

static void cancelled_before_the_call(void) {
    CognitoClient *client = slow_client(harness_endpoint());
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
