/*
 * example.c: report a user's feedback on a Cognito authentication event from C.
 *
 *   cc example.c $(pkg-config --cflags --libs cognito_feedback) -o example
 *   ./example USER_POOL_ID USERNAME EVENT_ID FEEDBACK_TOKEN valid|invalid [ENDPOINT_URL]
 *
 * Without ENDPOINT_URL the region and endpoint come from the environment (AWS_REGION, ...).
 * `make demo` runs it against the local emulator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cognito_feedback.h>

/* Writes one log line per library message to stderr; called from the calling thread. */
static void log_to_stderr(void *user_data, uint32_t level, const char *message) {
    static const char *const names[] = {"?", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"};
    (void)user_data;
    fprintf(stderr, "[cognito %s] %s\n", level <= COGNITO_LOG_TRACE ? names[level] : "?",
            message);
}

int main(int argc, char **argv) {
    CognitoConfig *config = NULL;
    CognitoClient *client = NULL;
    CognitoResponse *response = NULL;
    CognitoError *error = NULL;
    CognitoFeedbackRequest request;
    CognitoStatus status;
    int exit_code = EXIT_FAILURE;

    if (argc < 6 || argc > 7 || (strcmp(argv[5], "valid") != 0 && strcmp(argv[5], "invalid") != 0)) {
        fprintf(stderr, "usage: %s USER_POOL_ID USERNAME EVENT_ID FEEDBACK_TOKEN valid|invalid "
                        "[ENDPOINT_URL]\n", argv[0]);
        return 2;
    }
    printf("cognito-feedback %s\n", cognito_version());

    /* Settings: every setter returns a status; only a NULL or non-UTF-8 argument fails. */
    if (cognito_config_new(&config) != COGNITO_OK) goto done;
    cognito_config_set_log_callback(config, log_to_stderr, NULL);
    cognito_config_set_max_attempts(config, 3);
    if (argc == 7) {
        cognito_config_set_endpoint_url(config, argv[6]);
        cognito_config_set_region(config, "us-east-1");
    }

    /* One client per process, shared by every thread; the config may go right away. */
    status = cognito_client_new(config, &client, &error);
    cognito_config_free(config);
    if (status != COGNITO_OK) {
        fprintf(stderr, "cannot create the client: %s: %s\n", cognito_status_name(status),
                cognito_error_message(error));
        goto done;
    }
    printf("endpoint: %s\n", cognito_client_endpoint(client));

    request.user_pool_id = argv[1];
    request.username = argv[2];
    request.event_id = argv[3];
    request.feedback_token = argv[4];
    request.feedback_value =
        strcmp(argv[5], "valid") == 0 ? COGNITO_FEEDBACK_VALID : COGNITO_FEEDBACK_INVALID;

    status = cognito_update_auth_event_feedback(client, &request, NULL, &response, &error);
    if (status == COGNITO_OK) {
        const char *request_id = cognito_response_request_id(response);
        printf("feedback recorded: HTTP %u, request id %s, %u attempt(s)\n",
               (unsigned)cognito_response_http_status(response), request_id ? request_id : "none",
               (unsigned)cognito_response_attempts(response));
        exit_code = EXIT_SUCCESS;
    } else if (status == COGNITO_VALIDATION_ERROR) {
        printf("not sent: %s is invalid: %s\n", cognito_error_field(error),
               cognito_error_message(error));
    } else {
        const char *code = cognito_error_code(error);
        const char *request_id = cognito_error_request_id(error);
        printf("failed: %s%s%s: %s (request id %s)\n", cognito_status_name(status),
               code ? " " : "", code ? code : "", cognito_error_message(error),
               request_id ? request_id : "none");
    }

done:
    /* Every _free accepts NULL, so one cleanup path serves every outcome. */
    cognito_response_free(response);
    cognito_error_free(error);
    cognito_client_free(client);
    return exit_code;
}
