/* 16 threads share one client: each makes successful and failing calls at once with the
 * others; every call gets its own correct outcome. Also a token shared by all of them. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define THREADS 16
#define ROUNDS 4

struct worker {
    const CognitoClient *client;
    const CognitoCancelToken *token;
    int successes;
    int expected_errors;
    int wrong;
};

static void *work(void *arg) {
    struct worker *worker = (struct worker *)arg;
    int round;
    for (round = 0; round < ROUNDS; round++) {
        CognitoFeedbackRequest ok = harness_alice(
            "evt-alice-1", round % 2 ? COGNITO_FEEDBACK_VALID : COGNITO_FEEDBACK_INVALID);
        CognitoFeedbackRequest missing = harness_alice("evt-user-not-found", COGNITO_FEEDBACK_VALID);
        CognitoResponse *response = NULL;
        CognitoError *error = NULL;
        CognitoStatus status = cognito_update_auth_event_feedback(worker->client, &ok,
                                                                  worker->token, &response, &error);
        if (status == COGNITO_OK && response != NULL && error == NULL &&
            cognito_response_http_status(response) == 200) {
            worker->successes++;
        } else {
            worker->wrong++;
        }
        cognito_response_free(response);
        cognito_error_free(error);

        response = NULL;
        error = NULL;
        status = cognito_update_auth_event_feedback(worker->client, &missing, worker->token,
                                                    &response, &error);
        if (status == COGNITO_USER_NOT_FOUND && response == NULL &&
            strcmp(cognito_error_code(error), "UserNotFoundException") == 0 &&
            strcmp(cognito_error_message(error), "User does not exist.") == 0) {
            worker->expected_errors++;
        } else {
            worker->wrong++;
        }
        cognito_error_free(error);
    }
    return NULL;
}

int main(void) {
    CognitoClient *client = harness_client(1);
    CognitoCancelToken *token = NULL;
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    int i, successes = 0, expected_errors = 0, wrong = 0;

    CHECK_STATUS(cognito_cancel_token_new(&token), COGNITO_OK);
    for (i = 0; i < THREADS; i++) {
        memset(&workers[i], 0, sizeof workers[i]);
        workers[i].client = client;
        workers[i].token = token;
        CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
    }
    for (i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        successes += workers[i].successes;
        expected_errors += workers[i].expected_errors;
        wrong += workers[i].wrong;
    }
    printf("test_threads: %d successes, %d expected errors, %d wrong outcomes\n", successes,
           expected_errors, wrong);
    CHECK(successes == THREADS * ROUNDS);
    CHECK(expected_errors == THREADS * ROUNDS);
    CHECK(wrong == 0);
    cognito_cancel_token_free(token);
    cognito_client_free(client);
    return harness_finish("test_threads");
}
