/* The completion API (cognito_update_auth_event_feedback_async): the callback runs exactly once
 * per accepted call, on a library thread, owning the response or error it gets; a rejected call
 * never calls back; a cancelled queued call completes at once without being sent, a running one
 * ends; freeing the client (also from inside a callback) completes queued calls as cancelled;
 * many threads submit at once. Valgrind checks that nothing leaks and nothing is used after
 * being freed. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "harness_emulator.h"

#define MAX_CALLS 128
/* A bound for a stuck test (valgrind is slow), not a speed target. */
#define PATIENCE_SECONDS 60.0

/* What the callbacks have seen, per call number. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int completions[MAX_CALLS];
    CognitoStatus status[MAX_CALLS];
    uint32_t error_attempts[MAX_CALLS];
    int on_caller_thread[MAX_CALLS];
    int total;
} seen = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, {0}, {0}, {0}, 0};

static pthread_t main_thread;

/* One call's user data. */
struct call {
    int number;
    CognitoClient *free_client; /* freed from inside the callback when not NULL */
};

static struct call calls[MAX_CALLS];

static void on_complete(CognitoStatus status, CognitoResponse *response, CognitoError *error,
                        void *user_data) {
    struct call *call = user_data;
    uint32_t attempts = 0;

    /* Exactly one of the two, matching the status; both are ours to free. */
    CHECK((response == NULL) != (error == NULL));
    CHECK((status == COGNITO_OK) == (response != NULL));
    if (response != NULL) {
        CHECK(cognito_response_http_status(response) == 200);
        CHECK(strlen(cognito_response_request_id(response)) > 0);
        cognito_response_free(response);
    }
    if (error != NULL) {
        CHECK_STATUS(cognito_error_status(error), status);
        attempts = cognito_error_attempts(error);
        cognito_error_free(error);
    }
    if (call->free_client != NULL) {
        cognito_client_free(call->free_client);
    }
    pthread_mutex_lock(&seen.lock);
    seen.completions[call->number]++;
    seen.status[call->number] = status;
    seen.error_attempts[call->number] = attempts;
    seen.on_caller_thread[call->number] = pthread_equal(pthread_self(), main_thread);
    seen.total++;
    pthread_cond_broadcast(&seen.changed);
    pthread_mutex_unlock(&seen.lock);
}

/* Waits until `total` callbacks have run in all; returns whether they did in time. */
static int wait_for_total(int total) {
    double deadline = harness_now() + PATIENCE_SECONDS;
    int reached;
    pthread_mutex_lock(&seen.lock);
    while (seen.total < total && harness_now() < deadline) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 10 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&seen.changed, &seen.lock, &until);
    }
    reached = seen.total >= total;
    pthread_mutex_unlock(&seen.lock);
    return reached;
}

static int total_seen(void) {
    int total;
    pthread_mutex_lock(&seen.lock);
    total = seen.total;
    pthread_mutex_unlock(&seen.lock);
    return total;
}

/* Submits call `number` for `event_id`. The request's strings live on this function's stack:
 * the library must have copied them before it returns. */
static CognitoStatus submit(CognitoClient *client, const char *event_id,
                            const CognitoCancelToken *token, int number) {
    char event[64];
    CognitoFeedbackRequest request;
    CognitoError *error = NULL;
    CognitoStatus status;

    snprintf(event, sizeof event, "%s", event_id);
    request = harness_alice(event, COGNITO_FEEDBACK_VALID);
    calls[number].number = number;
    status = cognito_update_auth_event_feedback_async(client, &request, token, on_complete,
                                                      &calls[number], &error);
    memset(event, 'x', sizeof event - 1);
    CHECK((status == COGNITO_OK) == (error == NULL));
    cognito_error_free(error);
    return status;
}

static CognitoClient *client_for(const char *url, uint32_t max_concurrency) {
    CognitoConfig *config = harness_config(url, true);
    CHECK_STATUS(cognito_config_set_max_attempts(config, 1), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_attempt_timeout_ms(config, 60000), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_max_concurrency(config, max_concurrency), COGNITO_OK);
    return harness_client_from(config);
}

/* Waits until `emulator` has answered (or begun stalling) `calls` calls. */
static void wait_for_calls(const HarnessEmulator *emulator, int calls_wanted) {
    double deadline = harness_now() + PATIENCE_SECONDS;
    struct timespec pause = {0, 5 * 1000000L};
    while (harness_emulator_calls(emulator) < calls_wanted && harness_now() < deadline) {
        nanosleep(&pause, NULL);
    }
    CHECK(harness_emulator_calls(emulator) >= calls_wanted);
}

static void a_call_completes_once_on_a_library_thread(void) {
    CognitoClient *client = client_for(harness_endpoint(), 4);
    CHECK_STATUS(submit(client, "evt-alice-1", NULL, 0), COGNITO_OK);
    CHECK(wait_for_total(1));
    CHECK(seen.completions[0] == 1);
    CHECK_STATUS(seen.status[0], COGNITO_OK);
    CHECK(!seen.on_caller_thread[0]);
    CHECK(harness_feedback_logged("\"event_id\":\"evt-alice-1\"", "\"feedback_value\":\"Valid\""));
    cognito_client_free(client);
}

static void a_rejected_call_never_calls_back(void) {
    CognitoClient *client = client_for(harness_endpoint(), 4);
    CognitoFeedbackRequest request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);
    CognitoError *error = NULL;
    int before = total_seen();

    CHECK_STATUS(cognito_update_auth_event_feedback_async(client, &request, NULL, NULL, NULL, &error),
                 COGNITO_INVALID_ARGUMENT);
    CHECK_STR(cognito_error_field(error), "callback");
    cognito_error_free(error);
    CHECK_STATUS(cognito_update_auth_event_feedback_async(NULL, &request, NULL, on_complete,
                                                          &calls[1], NULL),
                 COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(submit(client, "evt with spaces", NULL, 1), COGNITO_VALIDATION_ERROR);
    request.username = "\xc3\x28";
    CHECK_STATUS(cognito_update_auth_event_feedback_async(client, &request, NULL, on_complete,
                                                          &calls[1], &error),
                 COGNITO_INVALID_ARGUMENT);
    CHECK_STR(cognito_error_field(error), "Username");
    cognito_error_free(error);
    cognito_client_free(client);
    CHECK(total_seen() == before);
}

static void cancel_queued_and_running(void) {
    const char *const no_flags[] = {NULL};
    HarnessEmulator *emulator = harness_emulator_start(no_flags);
    CognitoClient *client = client_for(harness_emulator_url(emulator), 1);
    CognitoCancelToken *running = NULL, *queued = NULL;
    int before = total_seen();

    CHECK_STATUS(cognito_cancel_token_new(&running), COGNITO_OK);
    CHECK_STATUS(cognito_cancel_token_new(&queued), COGNITO_OK);
    CHECK_STATUS(submit(client, "evt-stall", running, 10), COGNITO_OK);
    wait_for_calls(emulator, 1);
    CHECK_STATUS(submit(client, "evt-alice-2", queued, 11), COGNITO_OK);
    /* The call holds its own reference to the token. */
    CHECK_STATUS(cognito_cancel_token_cancel(queued), COGNITO_OK);
    cognito_cancel_token_free(queued);
    /* The only thread is stuck in call 10: call 11 completes anyway, unsent. */
    CHECK(wait_for_total(before + 1));
    CHECK(seen.completions[11] == 1 && seen.completions[10] == 0);
    CHECK_STATUS(seen.status[11], COGNITO_CANCELLED);
    CHECK(seen.error_attempts[11] == 0);
    CHECK_STATUS(cognito_cancel_token_cancel(running), COGNITO_OK);
    CHECK(wait_for_total(before + 2));
    CHECK(seen.completions[10] == 1);
    CHECK_STATUS(seen.status[10], COGNITO_CANCELLED);
    CHECK(seen.error_attempts[10] == 1);
    CHECK(harness_emulator_calls(emulator) == 1);
    cognito_cancel_token_free(running);
    cognito_client_free(client);
    CHECK(harness_emulator_stop(emulator));
}

static void free_with_calls_pending(void) {
    const char *const no_flags[] = {NULL};
    HarnessEmulator *emulator = harness_emulator_start(no_flags);
    CognitoClient *client = client_for(harness_emulator_url(emulator), 1);
    CognitoCancelToken *running = NULL;
    int before = total_seen(), i;

    CHECK_STATUS(cognito_cancel_token_new(&running), COGNITO_OK);
    CHECK_STATUS(submit(client, "evt-stall", running, 20), COGNITO_OK);
    wait_for_calls(emulator, 1);
    for (i = 21; i <= 23; i++) {
        CHECK_STATUS(submit(client, "evt-alice-1", NULL, i), COGNITO_OK);
    }
    cognito_client_free(client);
    /* The queued calls complete as cancelled, the running one is untouched... */
    CHECK(wait_for_total(before + 3));
    for (i = 21; i <= 23; i++) {
        CHECK(seen.completions[i] == 1);
        CHECK_STATUS(seen.status[i], COGNITO_CANCELLED);
    }
    CHECK(seen.completions[20] == 0);
    /* ...and ends by its own outcome, after which the client's memory goes. */
    CHECK_STATUS(cognito_cancel_token_cancel(running), COGNITO_OK);
    CHECK(wait_for_total(before + 4));
    CHECK_STATUS(seen.status[20], COGNITO_CANCELLED);
    CHECK(harness_emulator_calls(emulator) == 1);
    cognito_cancel_token_free(running);
    CHECK(harness_emulator_stop(emulator));
}

static void free_from_inside_a_callback(void) {
    const char *const no_flags[] = {NULL};
    HarnessEmulator *emulator = harness_emulator_start(no_flags);
    CognitoClient *client = client_for(harness_emulator_url(emulator), 1);
    CognitoCancelToken *running = NULL;
    int before = total_seen();

    CHECK_STATUS(cognito_cancel_token_new(&running), COGNITO_OK);
    calls[30].free_client = client;
    CHECK_STATUS(submit(client, "evt-stall", running, 30), COGNITO_OK);
    wait_for_calls(emulator, 1);
    CHECK_STATUS(submit(client, "evt-alice-1", NULL, 31), COGNITO_OK);
    CHECK_STATUS(cognito_cancel_token_cancel(running), COGNITO_OK);
    CHECK(wait_for_total(before + 2));
    CHECK_STATUS(seen.status[30], COGNITO_CANCELLED);
    CHECK_STATUS(seen.status[31], COGNITO_CANCELLED);
    CHECK(harness_emulator_calls(emulator) == 1);
    cognito_cancel_token_free(running);
    CHECK(harness_emulator_stop(emulator));
}

#define SUBMITTERS 4
#define CALLS_EACH 20
#define FIRST_MANY 40

struct submitter {
    CognitoClient *client;
    int first;
};

static void *submit_many(void *arg) {
    struct submitter *submitter = arg;
    int i;
    for (i = 0; i < CALLS_EACH; i++) {
        CHECK_STATUS(submit(submitter->client, "evt-alice-1", NULL, submitter->first + i),
                     COGNITO_OK);
    }
    return NULL;
}

static void many_threads_submit(void) {
    CognitoClient *client = client_for(harness_endpoint(), 4);
    pthread_t threads[SUBMITTERS];
    struct submitter submitters[SUBMITTERS];
    int before = total_seen(), i;

    for (i = 0; i < SUBMITTERS; i++) {
        submitters[i].client = client;
        submitters[i].first = FIRST_MANY + i * CALLS_EACH;
        CHECK(pthread_create(&threads[i], NULL, submit_many, &submitters[i]) == 0);
    }
    for (i = 0; i < SUBMITTERS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
    }
    CHECK(wait_for_total(before + SUBMITTERS * CALLS_EACH));
    for (i = FIRST_MANY; i < FIRST_MANY + SUBMITTERS * CALLS_EACH; i++) {
        CHECK(seen.completions[i] == 1);
        CHECK_STATUS(seen.status[i], COGNITO_OK);
    }
    cognito_client_free(client);
}

int main(void) {
    main_thread = pthread_self();
    a_call_completes_once_on_a_library_thread();
    a_rejected_call_never_calls_back();
    cancel_queued_and_running();
    free_with_calls_pending();
    free_from_inside_a_callback();
    many_threads_submit();
    /* Nothing completed twice, nothing extra came. */
    {
        struct timespec pause = {0, 200 * 1000000L};
        int expected = total_seen(), i;
        nanosleep(&pause, NULL);
        CHECK(total_seen() == expected);
        for (i = 0; i < MAX_CALLS; i++) {
            CHECK(seen.completions[i] <= 1);
        }
    }
    return harness_finish("test_completion");
}
