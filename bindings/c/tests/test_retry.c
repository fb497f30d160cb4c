/* Retries through the C API (issue 4), each scenario against an emulator of its own started
 * with the fault flags it needs: what is retried and how often, the error finally reported,
 * and the elapsed time within the bounds the rules give (backoff, x-amz-retry-after, total
 * deadline, cancellation of a backoff sleep, adaptive mode's rate limiter), and the settings
 * from AWS_MAX_ATTEMPTS / AWS_RETRY_MODE with explicit settings winning over them.
 *
 * Under valgrind the code runs 20-50x slower but sleeps are real time, so each upper bound adds
 * SLACK_SECONDS to what the rules allow. A warm-up call first gets valgrind's translation of
 * the call path done, so that the bounds measure the library rather than the translation. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "harness_emulator.h"

/* What valgrind may add to a call on top of the rule's bound: its attempts' own run time under
 * valgrind and the wake-up after a deadline or a cancel. The rules' own figure (a call never
 * outlives its deadline by more than 50 ms) is tested natively by tests/transport.rs. Measured
 * here under valgrind on a 2-core machine kept busy by `stress-ng --cpu 2` and other builds
 * (load average 12), calls ended up to 62 ms past a deadline and the adaptive scenario took
 * 4.017 s of its 4 s; 500 ms leaves room for that while still failing a call that waits out a
 * deadline's or a backoff's next step (1 s and more). */
#define SLACK_SECONDS 0.5

/* Standard mode's backoff ceilings for throttling (base 1 s, doubling per failed attempt). */
#define THROTTLE_BACKOFF_1 1.0
#define THROTTLE_BACKOFF_2 2.0

/* The emulator's answer to every call while faulted with --throttle. */
#define THROTTLE_CODE "TooManyRequestsException"

/* --- helpers ------------------------------------------------------------------------------ */

/* A config for `emulator`: region us-east-1, the environment ignored unless `use_environment`. */
static CognitoConfig *config_for(const HarnessEmulator *emulator, int use_environment) {
    return harness_config(harness_emulator_url(emulator), !use_environment);
}

/* A call with alice's token for `event_id`, timed. */
struct call {
    CognitoStatus status;
    CognitoResponse *response;
    CognitoError *error;
    double elapsed;
};

static struct call call_with(const CognitoClient *client, const char *event_id,
                             const CognitoCancelToken *token) {
    CognitoFeedbackRequest request = harness_alice(event_id, COGNITO_FEEDBACK_VALID);
    struct call call;
    double started = harness_now();
    call.response = NULL;
    call.error = NULL;
    call.status =
        cognito_update_auth_event_feedback(client, &request, token, &call.response, &call.error);
    call.elapsed = harness_now() - started;
    return call;
}

static struct call call(const CognitoClient *client) {
    return call_with(client, "evt-alice-1", NULL);
}

static void call_free(struct call *call) {
    cognito_response_free(call->response);
    cognito_error_free(call->error);
}

/* Checks that `call` succeeded after `attempts` attempts. */
#define CHECK_SUCCESS(call, want_attempts)                                                         \
    do {                                                                                           \
        CHECK_STATUS((call).status, COGNITO_OK);                                                   \
        CHECK((call).error == NULL);                                                               \
        CHECK(cognito_response_http_status((call).response) == 200);                               \
        CHECK(cognito_response_attempts((call).response) == (want_attempts));                      \
    } while (0)

/* Checks that `call` failed with `want_status` after `attempts` attempts, the last response
 * having `want_http` (0: none) and the service error code `want_code` (NULL: none). */
#define CHECK_FAILURE(call, want_status, want_attempts, want_http, want_code)                      \
    do {                                                                                           \
        CHECK_STATUS((call).status, (want_status));                                                \
        CHECK((call).response == NULL);                                                            \
        CHECK_STATUS(cognito_error_status((call).error), (want_status));                           \
        CHECK(cognito_error_attempts((call).error) == (want_attempts));                            \
        CHECK(cognito_error_http_status((call).error) == (want_http));                             \
        CHECK_STR(cognito_error_code((call).error), (want_code));                                  \
    } while (0)

/* Checks `lo <= elapsed <= hi`, printing the figures either way (they go in the report). */
#define CHECK_ELAPSED(what, elapsed, lo, hi)                                                       \
    do {                                                                                           \
        printf("  %-44s %.3f s (allowed %.3f-%.3f)\n", (what), (elapsed), (double)(lo),         \
               (double)(hi));                                                                      \
        CHECK((elapsed) >= (lo));                                                                  \
        CHECK((elapsed) <= (hi));                                                                  \
    } while (0)

static void stop(HarnessEmulator *emulator) {
    CHECK(harness_emulator_stop(emulator));
}

/* Settings a scenario puts on its config (after config_for's) before the client is built. */
typedef void (*configure_fn)(CognitoConfig *config);

/* One scenario: an emulator started with `flags`, a client for it (`configure`, unless NULL,
 * applied to its config), and one call for `event_id`. The client is freed and the emulator
 * stopped (checking that it exited cleanly) before this returns; `*emulator_calls` gets how
 * many calls the emulator answered. The caller frees the call. */
static struct call scenario(const char *const flags[], configure_fn configure,
                            const char *event_id, int *emulator_calls) {
    HarnessEmulator *emulator = harness_emulator_start(flags);
    CognitoConfig *config = config_for(emulator, 0);
    CognitoClient *client;
    struct call c;
    if (configure != NULL) {
        configure(config);
    }
    client = harness_client_from(config);
    c = call_with(client, event_id, NULL);
    *emulator_calls = harness_emulator_calls(emulator);
    cognito_client_free(client);
    stop(emulator);
    return c;
}

/* --- standard mode -------------------------------------------------------------------------- */

/* One plain call, which also gets valgrind's translation of the call path done before any
 * timing is measured. */
static void warm_up(void) {
    const char *flags[] = {NULL};
    int calls;
    struct call c = scenario(flags, NULL, "evt-alice-1", &calls);
    CHECK_SUCCESS(c, 1);
    CHECK(calls == 1);
    call_free(&c);
}

/* Throttling that never ends: the default 3 attempts, then TooManyRequests with its status;
 * the two backoffs are at most 1 s and 2 s. */
static void throttling_until_attempts_run_out(void) {
    const char *flags[] = {"--throttle", "100", NULL};
    int calls;
    struct call c = scenario(flags, NULL, "evt-alice-1", &calls);
    CHECK_FAILURE(c, COGNITO_TOO_MANY_REQUESTS, 3, 400, THROTTLE_CODE);
    CHECK(calls == 3);
    CHECK_ELAPSED("throttled 3 times (default max attempts)", c.elapsed, 0.0,
                  THROTTLE_BACKOFF_1 + THROTTLE_BACKOFF_2 + SLACK_SECONDS);
    call_free(&c);
}

static void three_standard_attempts(CognitoConfig *config) {
    CHECK_STATUS(cognito_config_set_max_attempts(config, 3), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_retry_mode(config, COGNITO_RETRY_STANDARD), COGNITO_OK);
}

/* Throttled twice, then answered: the response says 3 attempts. */
static void throttling_then_success(void) {
    const char *flags[] = {"--throttle", "2", NULL};
    int calls;
    struct call c = scenario(flags, three_standard_attempts, "evt-alice-1", &calls);
    CHECK_SUCCESS(c, 3);
    CHECK(calls == 3);
    CHECK_ELAPSED("throttled twice, then 200", c.elapsed, 0.0,
                  THROTTLE_BACKOFF_1 + THROTTLE_BACKOFF_2 + SLACK_SECONDS);
    call_free(&c);
}

/* A 5xx with a JSON body (InternalErrorException) is retried with the transient backoff (at
 * most 50 ms, then 100 ms); when it persists the service error is reported with its status. */
static void server_error_json(void) {
    const char *once[] = {"--server-error", "1", NULL};
    const char *always[] = {"--server-error", "100", "--server-error-status", "503", NULL};
    int calls;
    struct call c = scenario(once, NULL, "evt-alice-1", &calls);
    CHECK_SUCCESS(c, 2);
    CHECK(calls == 2);
    CHECK_ELAPSED("one 500 (JSON), then 200", c.elapsed, 0.0, 0.05 + SLACK_SECONDS);
    call_free(&c);

    c = scenario(always, NULL, "evt-alice-1", &calls);
    CHECK_FAILURE(c, COGNITO_INTERNAL_ERROR, 3, 503, "InternalErrorException");
    CHECK_STR(cognito_error_message(c.error), "Internal server error.");
    CHECK(calls == 3);
    CHECK_ELAPSED("503 (JSON) 3 times", c.elapsed, 0.0, 0.05 + 0.1 + SLACK_SECONDS);
    call_free(&c);
}

/* A 5xx with an HTML page (no error code) is retried too; when it persists the call ends with
 * a response error carrying the HTTP status. */
static void server_error_html(void) {
    const char *once[] = {"--server-error", "1", "--server-error-body", "html", NULL};
    const char *always[] = {"--server-error", "100", "--server-error-body", "html",
                            "--server-error-status", "502", NULL};
    int calls;
    struct call c = scenario(once, NULL, "evt-alice-1", &calls);
    CHECK_SUCCESS(c, 2);
    CHECK(calls == 2);
    call_free(&c);

    c = scenario(always, NULL, "evt-alice-1", &calls);
    CHECK_FAILURE(c, COGNITO_RESPONSE_ERROR, 3, 502, NULL);
    CHECK(calls == 3);
    CHECK_ELAPSED("502 (HTML) 3 times", c.elapsed, 0.0, 0.05 + 0.1 + SLACK_SECONDS);
    call_free(&c);
}

/* A 200 cut halfway through its body is not retried: the service handled the call, so the
 * feedback was probably recorded, and a retry could meet a used token. The call ends with a
 * response error that says so, the status and request id kept. */
static void dropped_mid_response(void) {
    const char *once[] = {"--drop-mid-response", "1", NULL};
    int calls;
    struct call c = scenario(once, NULL, "evt-alice-1", &calls);
    CHECK_FAILURE(c, COGNITO_RESPONSE_ERROR, 1, 200, NULL);
    CHECK(cognito_error_request_id(c.error) != NULL);
    CHECK(strstr(cognito_error_message(c.error), "the feedback was probably recorded") != NULL);
    CHECK(calls == 1);
    call_free(&c);
}

/* A 4xx that is not throttling (UserNotFoundException) is reported at once. */
static void non_retryable_error(void) {
    const char *flags[] = {NULL};
    int calls;
    struct call c = scenario(flags, NULL, "evt-user-not-found", &calls);
    CHECK_FAILURE(c, COGNITO_USER_NOT_FOUND, 1, 400, "UserNotFoundException");
    CHECK(calls == 1);
    call_free(&c);
}

/* x-amz-retry-after: 1500 ms after a throttle. The wait is the header's value clamped to
 * [backoff, backoff + 5 s]; the first throttling backoff is below 1 s, so the clamp leaves
 * exactly 1.5 s. */
static void retry_after_is_honoured(void) {
    const char *flags[] = {"--throttle", "1", "--retry-after-ms", "1500", NULL};
    int calls;
    struct call c = scenario(flags, NULL, "evt-alice-1", &calls);
    CHECK_SUCCESS(c, 2);
    CHECK(calls == 2);
    CHECK_ELAPSED("throttled with retry-after 1500 ms, then 200", c.elapsed, 1.5,
                  1.5 + SLACK_SECONDS);
    call_free(&c);
}

/* --- deadlines and cancellation ----------------------------------------------------------- */

static void total_timeout_400_ms(CognitoConfig *config) {
    CHECK_STATUS(cognito_config_set_total_timeout_ms(config, 400), COGNITO_OK);
}

/* A 400 ms total timeout against answers delayed 5 s: the first attempt is cut at the
 * deadline. */
static void total_timeout_cuts_the_attempt(void) {
    const char *flags[] = {"--delay-ms", "5000", NULL};
    int calls;
    struct call c = scenario(flags, total_timeout_400_ms, "evt-alice-1", &calls);
    CHECK_FAILURE(c, COGNITO_TIMEOUT, 1, 0, NULL);
    CHECK(strstr(cognito_error_message(c.error), "total timeout of 400 ms") != NULL);
    CHECK(cognito_error_timeout_phase(c.error) == COGNITO_TIMEOUT_PHASE_TOTAL);
    CHECK_ELAPSED("total timeout 400 ms, answers delayed 5 s", c.elapsed, 0.4,
                  0.4 + SLACK_SECONDS);
    call_free(&c);
}

static void attempts_of_150_ms_within_500_ms(CognitoConfig *config) {
    CHECK_STATUS(cognito_config_set_attempt_timeout_ms(config, 150), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_total_timeout_ms(config, 500), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_max_attempts(config, 10), COGNITO_OK);
}

/* Attempts of at most 150 ms retried (a timeout is transient) within a 500 ms total timeout:
 * at least two attempts time out (0.3 s), at most four start, and the call ends by the
 * deadline. */
static void total_timeout_across_retries(void) {
    const char *flags[] = {"--delay-ms", "5000", NULL};
    int calls;
    struct call c = scenario(flags, attempts_of_150_ms_within_500_ms, "evt-alice-1", &calls);
    uint32_t attempts;
    CHECK_STATUS(c.status, COGNITO_TIMEOUT);
    attempts = cognito_error_attempts(c.error);
    printf("  attempts of 150 ms within 500 ms: %u\n", (unsigned)attempts);
    CHECK(attempts >= 2 && attempts <= 4);
    CHECK(cognito_error_http_status(c.error) == 0);
    /* The total deadline cut the last attempt, or its own timeout left no time for another. */
    CHECK(cognito_error_timeout_phase(c.error) == COGNITO_TIMEOUT_PHASE_TOTAL ||
          cognito_error_timeout_phase(c.error) == COGNITO_TIMEOUT_PHASE_ATTEMPT);
    CHECK_ELAPSED("attempt timeout 150 ms, total 500 ms", c.elapsed, 0.3, 0.5 + SLACK_SECONDS);
    call_free(&c);
}

static void one_attempt_of_150_ms(CognitoConfig *config) {
    CHECK_STATUS(cognito_config_set_attempt_timeout_ms(config, 150), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_max_attempts(config, 1), COGNITO_OK);
}

/* One attempt of at most 150 ms against answers delayed 5 s: the attempt timeout ends the
 * call, and the error says which deadline it was. */
static void attempt_timeout_names_its_phase(void) {
    const char *flags[] = {"--delay-ms", "5000", NULL};
    int calls;
    struct call c = scenario(flags, one_attempt_of_150_ms, "evt-alice-1", &calls);
    CHECK_FAILURE(c, COGNITO_TIMEOUT, 1, 0, NULL);
    CHECK(cognito_error_timeout_phase(c.error) == COGNITO_TIMEOUT_PHASE_ATTEMPT);
    CHECK_ELAPSED("attempt timeout 150 ms, answers delayed 5 s", c.elapsed, 0.15,
                  0.15 + SLACK_SECONDS);
    call_free(&c);
}

struct backoff_call {
    const CognitoClient *client;
    const CognitoCancelToken *token;
    struct call call;
    double returned_at;
};

static void *make_backoff_call(void *argument) {
    struct backoff_call *backoff = (struct backoff_call *)argument;
    backoff->call = call_with(backoff->client, "evt-alice-1", backoff->token);
    backoff->returned_at = harness_now();
    return NULL;
}

/* Throttled with retry-after 60 s: the client sleeps 5-6 s (clamped to backoff + 5 s) before
 * attempt 2. Once the emulator has answered the first attempt, a cancel from this thread ends
 * that sleep at once; the throttled response's status is kept, and nothing more was sent. */
/* Set by backoff_logged once the library has logged that it is sleeping before a retry. */
static atomic_int backoff_began;

/* A log sink that notes the library's "retrying in" line: the call is then in its backoff. */
static void backoff_logged(void *user_data, uint32_t level, const char *message) {
    (void)user_data;
    (void)level;
    if (strstr(message, "retrying in") != NULL) {
        atomic_store(&backoff_began, 1);
    }
}

/* Whether the backoff began within `seconds`. */
static int wait_for_backoff(double seconds) {
    struct timespec pause = {0, 1000000};
    double until = harness_now() + seconds;
    while (!atomic_load(&backoff_began)) {
        if (harness_now() > until) {
            return 0;
        }
        nanosleep(&pause, NULL);
    }
    return 1;
}

static void cancel_during_backoff(void) {
    const char *flags[] = {"--throttle", "100", "--retry-after-ms", "60000", NULL};
    HarnessEmulator *emulator = harness_emulator_start(flags);
    CognitoConfig *config = config_for(emulator, 0);
    CognitoClient *client;
    CognitoCancelToken *token = NULL;
    struct backoff_call backoff;
    pthread_t thread;
    double cancelled_at;
    atomic_store(&backoff_began, 0);
    CHECK_STATUS(cognito_config_set_log_callback(config, backoff_logged, NULL), COGNITO_OK);
    client = harness_client_from(config);
    CHECK_STATUS(cognito_cancel_token_new(&token), COGNITO_OK);
    backoff.client = client;
    backoff.token = token;
    CHECK(pthread_create(&thread, NULL, make_backoff_call, &backoff) == 0);
    /* The library has read the throttled answer and logged that it sleeps 5-6 s before the
     * next attempt: only the cancel can cut that short. (Waiting for the emulator's answer
     * alone could cancel the read of the answer instead.) */
    CHECK(wait_for_backoff(30.0));
    cancelled_at = harness_now();
    CHECK_STATUS(cognito_cancel_token_cancel(token), COGNITO_OK);
    CHECK(pthread_join(thread, NULL) == 0);
    CHECK_FAILURE(backoff.call, COGNITO_CANCELLED, 1, 400, NULL);
    CHECK(harness_emulator_calls(emulator) == 1);
    CHECK_ELAPSED("cancel to return, during a 5-6 s backoff", backoff.returned_at - cancelled_at,
                  0.0, SLACK_SECONDS);
    call_free(&backoff.call);
    cognito_cancel_token_free(token);
    cognito_client_free(client);
    stop(emulator);
}

/* --- adaptive mode ------------------------------------------------------------------------ */

static void adaptive_mode(CognitoConfig *config) {
    CHECK_STATUS(cognito_config_set_retry_mode(config, COGNITO_RETRY_ADAPTIVE), COGNITO_OK);
}

/* Throttled twice, then answered, in adaptive mode: 3 attempts. After the second throttle the
 * limiter fills at its floor of 0.5 tokens/s from an empty bucket, so attempt 3 goes 2 s after
 * attempt 2 at the earliest; before that, attempt 2 waited at most 2 s (one token at 0.5/s). */
static void adaptive_against_throttling(void) {
    const char *flags[] = {"--throttle", "2", NULL};
    int calls;
    struct call c = scenario(flags, adaptive_mode, "evt-alice-1", &calls);
    CHECK_SUCCESS(c, 3);
    CHECK(calls == 3);
    CHECK_ELAPSED("adaptive: throttled twice, then 200", c.elapsed, 2.0, 4.0 + SLACK_SECONDS);
    call_free(&c);
}

/* One call throttled (1 attempt allowed), then a second call with a 300 ms total timeout.
 * Adaptive mode's limiter, nearly empty after the throttle and filling at 0.5 tokens/s, would
 * hold the second call back past its deadline, so the call ends with COGNITO_TIMEOUT with
 * nothing sent (at once: the client does not wait for a deadline it knows it will miss, and
 * never past it). Standard mode sends it at once. Returns whether the second call was held
 * back. */
static int held_back_after_a_throttle(CognitoConfig *config, const HarnessEmulator *emulator) {
    CognitoClient *client;
    struct call first, second;
    int held_back;
    CHECK_STATUS(cognito_config_set_max_attempts(config, 1), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_total_timeout_ms(config, 300), COGNITO_OK);
    client = harness_client_from(config);
    first = call(client);
    CHECK_FAILURE(first, COGNITO_TOO_MANY_REQUESTS, 1, 400, THROTTLE_CODE);
    second = call(client);
    held_back = second.status == COGNITO_TIMEOUT;
    if (held_back) {
        CHECK_FAILURE(second, COGNITO_TIMEOUT, 0, 0, NULL);
        CHECK(strstr(cognito_error_message(second.error), "total timeout of 300 ms") != NULL);
        CHECK(cognito_error_timeout_phase(second.error) == COGNITO_TIMEOUT_PHASE_TOTAL);
        CHECK(harness_emulator_calls(emulator) == 1);
        CHECK_ELAPSED("held back by the adaptive limiter", second.elapsed, 0.0,
                      0.3 + SLACK_SECONDS);
    } else {
        CHECK_SUCCESS(second, 1);
        CHECK(harness_emulator_calls(emulator) == 2);
    }
    call_free(&first);
    call_free(&second);
    cognito_client_free(client);
    return held_back;
}

/* --- settings from the environment -------------------------------------------------------- */

/* The variables a client reads when it does not ignore the environment, cleared so that the
 * scenarios see only what they set. */
static void clear_aws_environment(void) {
    static const char *const names[] = {
        "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_USE_FIPS_ENDPOINT",
        "AWS_USE_DUALSTACK_ENDPOINT", "AWS_CA_BUNDLE", "AWS_SDK_UA_APP_ID"};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        CHECK(unsetenv(names[i]) == 0);
    }
}

/* Attempts a call makes against persistent 500s with AWS_MAX_ATTEMPTS=2 in the environment,
 * `explicit_attempts` set on the config (0: not set) and the environment used or not. */
static uint32_t attempts_with_env_max_2(uint32_t explicit_attempts, int use_environment) {
    const char *flags[] = {"--server-error", "100", NULL};
    HarnessEmulator *emulator = harness_emulator_start(flags);
    CognitoConfig *config = config_for(emulator, use_environment);
    CognitoClient *client;
    struct call c;
    uint32_t attempts;
    if (explicit_attempts != 0) {
        CHECK_STATUS(cognito_config_set_max_attempts(config, explicit_attempts), COGNITO_OK);
    }
    CHECK(setenv("AWS_MAX_ATTEMPTS", "2", 1) == 0);
    client = harness_client_from(config); /* the environment is read here */
    CHECK(unsetenv("AWS_MAX_ATTEMPTS") == 0);
    c = call(client);
    CHECK_STATUS(c.status, COGNITO_INTERNAL_ERROR);
    attempts = cognito_error_attempts(c.error);
    CHECK(harness_emulator_calls(emulator) == (int)attempts);
    call_free(&c);
    cognito_client_free(client);
    stop(emulator);
    return attempts;
}

static void max_attempts_from_the_environment(void) {
    CognitoConfig *config = NULL;
    CognitoClient *client = NULL;
    CognitoError *error = NULL;

    CHECK(attempts_with_env_max_2(0, 1) == 2);
    CHECK(attempts_with_env_max_2(4, 1) == 4); /* explicit wins */
    CHECK(attempts_with_env_max_2(0, 0) == 3); /* ignored: the default */

    /* An unusable value is a config error naming the variable. */
    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_region(config, "us-east-1"), COGNITO_OK);
    CHECK(setenv("AWS_MAX_ATTEMPTS", "three", 1) == 0);
    CHECK_STATUS(cognito_client_new(config, &client, &error), COGNITO_CONFIG_ERROR);
    CHECK(unsetenv("AWS_MAX_ATTEMPTS") == 0);
    CHECK(client == NULL);
    CHECK(strstr(cognito_error_message(error), "AWS_MAX_ATTEMPTS") != NULL);
    cognito_error_free(error);
    cognito_config_free(config);
}

/* Whether a second call is held back after a throttle (see held_back_after_a_throttle) with
 * AWS_RETRY_MODE=`env_mode` and `explicit_mode` set on the config (0: not set). */
static int held_back_with_env_mode(const char *env_mode, uint32_t explicit_mode) {
    const char *flags[] = {"--throttle", "1", NULL};
    HarnessEmulator *emulator = harness_emulator_start(flags);
    CognitoConfig *config = config_for(emulator, 1);
    int held_back;
    if (explicit_mode != 0) {
        CHECK_STATUS(cognito_config_set_retry_mode(config, explicit_mode), COGNITO_OK);
    }
    CHECK(setenv("AWS_RETRY_MODE", env_mode, 1) == 0);
    held_back = held_back_after_a_throttle(config, emulator);
    CHECK(unsetenv("AWS_RETRY_MODE") == 0);
    stop(emulator);
    return held_back;
}

static void retry_mode_from_the_environment(void) {
    CHECK(held_back_with_env_mode("adaptive", 0));
    CHECK(!held_back_with_env_mode("standard", 0));
    CHECK(!held_back_with_env_mode("adaptive", COGNITO_RETRY_STANDARD)); /* explicit wins */
    CHECK(held_back_with_env_mode("standard", COGNITO_RETRY_ADAPTIVE));  /* explicit wins */
}

int main(void) {
    clear_aws_environment();
    warm_up();
    throttling_until_attempts_run_out();
    throttling_then_success();
    server_error_json();
    server_error_html();
    dropped_mid_response();
    non_retryable_error();
    retry_after_is_honoured();
    total_timeout_cuts_the_attempt();
    total_timeout_across_retries();
    attempt_timeout_names_its_phase();
    cancel_during_backoff();
    adaptive_against_throttling();
    max_attempts_from_the_environment();
    retry_mode_from_the_environment();
    return harness_finish("test_retry");
}
