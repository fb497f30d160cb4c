/* Freeing during a call: cognito_client_free and cognito_cancel_token_free while another
 * thread's call uses the object. The call holds both until it returns and finishes normally
 * (a freed token does not cancel it); valgrind sees no use after free and no leak. The
 * emulator delays its answer, and each free happens once the emulator has the request and
 * before the call returns. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>

#include "harness.h"
#include "harness_emulator.h"

/* Far longer than it takes to see the request arrive and free, even under valgrind on a busy
 * machine; the test checks the call was still running at the free. */
static const char *const DELAYED[] = {"--delay-ms", "4000", NULL};
#define ARRIVAL_BOUND_SECONDS 30.0

struct call {
    CognitoClient *client;
    CognitoCancelToken *token;
    CognitoStatus status;
    CognitoResponse *response;
    atomic_int returned;
};

static void *make_call(void *argument) {
    struct call *call = (struct call *)argument;
    CognitoFeedbackRequest request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);
    CognitoError *error = NULL;
    call->status = cognito_update_auth_event_feedback(call->client, &request, call->token,
                                                      &call->response, &error);
    atomic_store(&call->returned, 1);
    cognito_error_free(error);
    return NULL;
}

/* Starts a call on another thread, frees the client (and the token, when there is one) once the
 * emulator has the request, and checks that the call still succeeds. */
static void free_while_calling(int with_token) {
    HarnessEmulator *emulator = harness_emulator_start(DELAYED);
    CognitoConfig *config = harness_config(harness_emulator_url(emulator), true);
    struct call call;
    pthread_t thread;

    CHECK_STATUS(cognito_config_set_max_attempts(config, 1), COGNITO_OK);
    call.client = harness_client_from(config);
    call.token = NULL;
    call.response = NULL;
    call.status = COGNITO_PANIC;
    atomic_init(&call.returned, 0);
    if (with_token) {
        CHECK_STATUS(cognito_cancel_token_new(&call.token), COGNITO_OK);
    }
    CHECK(pthread_create(&thread, NULL, make_call, &call) == 0);
    CHECK(harness_emulator_wait_calls(emulator, 1, ARRIVAL_BOUND_SECONDS));
    CHECK(!atomic_load(&call.returned));
    if (with_token) {
        cognito_cancel_token_free(call.token);
    }
    cognito_client_free(call.client);
    CHECK(pthread_join(thread, NULL) == 0);
    CHECK_STATUS(call.status, COGNITO_OK);
    CHECK(call.response != NULL);
    CHECK(cognito_response_http_status(call.response) == 200);
    cognito_response_free(call.response);
    CHECK(harness_emulator_stop(emulator));
}

int main(void) {
    free_while_calling(0);
    free_while_calling(1);
    return harness_finish("test_free_during_call");
}
