#define _POSIX_C_SOURCE 200809L

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Checks may run on several threads at once (callbacks, workers): the tally is atomic. */
static int checks;
static int failures;

static void count(int ok) {
    __atomic_fetch_add(&checks, 1, __ATOMIC_SEQ_CST);
    if (!ok) {
        __atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST);
    }
}

void harness_check(int ok, const char *file, int line, const char *what) {
    count(ok);
    if (!ok) {
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    }
}

static const char *name_of(CognitoStatus status) {
    const char *name = cognito_status_name(status);
    return name != NULL ? name : "(unknown status)";
}

void harness_check_status(CognitoStatus got, CognitoStatus want, const char *file, int line,
                          const char *what) {
    count(got == want);
    if (got != want) {
        fprintf(stderr, "%s:%d: %s is %s (%u), expected %s (%u)\n", file, line, what,
                name_of(got), (unsigned)got, name_of(want), (unsigned)want);
    }
}

void harness_check_str(const char *got, const char *want, const char *file, int line,
                       const char *what) {
    int same = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
    count(same);
    if (!same) {
        fprintf(stderr, "%s:%d: %s is %s%s%s, expected %s%s%s\n", file, line, what,
                got ? "\"" : "", got ? got : "NULL", got ? "\"" : "", want ? "\"" : "",
                want ? want : "NULL", want ? "\"" : "");
    }
}

void harness_check_last_error(const CognitoConfig *config, const char *parameter,
                              const char *message, const char *file, int line) {
    const CognitoError *error = cognito_config_last_error(config);
    harness_check(error != NULL, file, line, "cognito_config_last_error(config) != NULL");
    harness_check_status(cognito_error_status(error), COGNITO_INVALID_ARGUMENT, file, line,
                         "the last error's status");
    harness_check_str(cognito_error_field(error), parameter, file, line, "the last error's field");
    harness_check_str(cognito_error_message(error), message, file, line,
                      "the last error's message");
}

int harness_finish(const char *test_name) {
    printf("%s: %d checks, %d failed\n", test_name, checks, failures);
    return failures == 0 && checks > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

const char *harness_required_env(const char *name) {
    const char *value = getenv(name);
    if (value == NULL || value[0] == '\0') {
        fprintf(stderr, "%s is not set: run the C tests through bindings/c/run-tests.sh\n", name);
        exit(EXIT_FAILURE);
    }
    return value;
}

const char *harness_endpoint(void) {
    return harness_required_env("COGNITO_TEST_ENDPOINT");
}

int harness_feedback_logged(const char *fragment_a, const char *fragment_b) {
    char line[4096];
    int found = 0;
    FILE *log = fopen(harness_required_env("COGNITO_TEST_FEEDBACK_LOG"), "r");
    if (log == NULL) {
        return 0;
    }
    while (!found && fgets(line, sizeof line, log) != NULL) {
        found = strstr(line, fragment_a) != NULL && strstr(line, fragment_b) != NULL;
    }
    fclose(log);
    return found;
}

static void must(CognitoStatus status, const char *what) {
    if (status != COGNITO_OK) {
        fprintf(stderr, "%s failed: %s\n", what, name_of(status));
        exit(EXIT_FAILURE);
    }
}

CognitoConfig *harness_config(const char *endpoint_url, bool ignore_environment) {
    CognitoConfig *config = NULL;
    must(cognito_config_new(&config), "cognito_config_new");
    must(cognito_config_set_region(config, "us-east-1"), "cognito_config_set_region");
    must(cognito_config_set_endpoint_url(config, endpoint_url), "set_endpoint_url");
    must(cognito_config_set_ignore_environment(config, ignore_environment),
         "set_ignore_environment");
    return config;
}

CognitoClient *harness_client_from(CognitoConfig *config) {
    CognitoClient *client = NULL;
    CognitoError *error = NULL;
    CognitoStatus status = cognito_client_new(config, &client, &error);
    cognito_config_free(config);
    if (status != COGNITO_OK) {
        fprintf(stderr, "cognito_client_new failed: %s: %s\n", name_of(status),
                error != NULL ? cognito_error_message(error) : "(no error object)");
        cognito_error_free(error);
        exit(EXIT_FAILURE);
    }
    return client;
}

CognitoClient *harness_client(uint32_t max_attempts) {
    CognitoConfig *config = harness_config(harness_endpoint(), true);
    if (max_attempts != 0) {
        must(cognito_config_set_max_attempts(config, max_attempts), "set_max_attempts");
    }
    return harness_client_from(config);
}

CognitoFeedbackRequest harness_alice(const char *event_id, uint32_t feedback_value) {
    CognitoFeedbackRequest request;
    request.user_pool_id = "us-east-1_PlusPool1";
    request.username = "alice";
    request.event_id = event_id;
    request.feedback_token = "tok-alice-1.AbC=";
    request.feedback_value = feedback_value;
    return request;
}

void harness_set_member(CognitoFeedbackRequest *request, const char *member, const char *value) {
    if (strcmp(member, "UserPoolId") == 0) {
        request->user_pool_id = value;
    } else if (strcmp(member, "Username") == 0) {
        request->username = value;
    } else if (strcmp(member, "EventId") == 0) {
        request->event_id = value;
    } else if (strcmp(member, "FeedbackToken") == 0) {
        request->feedback_token = value;
    } else {
        fprintf(stderr, "harness_set_member: no string member %s\n", member);
        exit(EXIT_FAILURE);
    }
}

double harness_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}
