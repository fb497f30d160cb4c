/* Calls against the emulator: success and the recorded feedback; every modeled service error
 * with its status, code, message and request id; an unlisted error code kept intact;
 * validation errors naming the member; configuration errors. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

static void success_is_recorded(void) {
    CognitoClient *client = harness_client(0);
    CognitoFeedbackRequest request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_INVALID);
    CognitoResponse *response = NULL;
    CognitoError *error = NULL;

    CHECK_STR(cognito_client_endpoint(client), harness_endpoint());
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, &response, &error),
                 COGNITO_OK);
    CHECK(error == NULL);
    CHECK(response != NULL);
    CHECK(cognito_response_http_status(response) == 200);
    CHECK(cognito_response_content_length(response) == 2); /* the body {} */
    CHECK(cognito_response_attempts(response) == 1);
    CHECK(cognito_response_request_id(response) != NULL &&
          strlen(cognito_response_request_id(response)) > 0);
    {
        /* Every header, one "name: value" line each; the request id among them. */
        char line[200];
        snprintf(line, sizeof line, "x-amzn-requestid: %s\n", cognito_response_request_id(response));
        CHECK(cognito_response_headers(response) != NULL &&
              strstr(cognito_response_headers(response), line) != NULL);
        CHECK(strstr(cognito_response_headers(response), "content-length: 2\n") != NULL);
    }
    CHECK(cognito_client_max_attempts(client) == 3); /* the ignore-environment default */
    cognito_response_free(response);
    CHECK(harness_feedback_logged("\"event_id\":\"evt-alice-1\"",
                                  "\"feedback_value\":\"Invalid\""));

    /* Non-ASCII usernames cross the boundary intact. */
    request.username = "Zo\xc3\xab"; /* Zoë */
    request.event_id = "evt-zoe-1";
    request.feedback_token = "tok-zoe-1.GhI=";
    request.feedback_value = COGNITO_FEEDBACK_VALID;
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, NULL),
                 COGNITO_OK);
    CHECK(harness_feedback_logged("\"username\":\"Zo\xc3\xab\"", "\"feedback_value\":\"Valid\""));
    cognito_client_free(client);
}

static void service_errors(void) {
    static const struct {
        const char *event_id;
        CognitoStatus status;
        const char *code;
        const char *message;
        const char *reason_code;
        uint16_t http_status;
    } cases[] = {
        {"evt-invalid-parameter", COGNITO_INVALID_PARAMETER, "InvalidParameterException",
         "Feedback for this event cannot be updated.", "INVALID_FEEDBACK_STATE", 400},
        {"evt-resource-not-found", COGNITO_RESOURCE_NOT_FOUND, "ResourceNotFoundException",
         "User pool us-east-1_Gone0 does not exist.", NULL, 400},
        {"evt-too-many-requests", COGNITO_TOO_MANY_REQUESTS, "TooManyRequestsException",
         "Rate exceeded", NULL, 400},
        {"evt-not-authorized", COGNITO_NOT_AUTHORIZED, "NotAuthorizedException",
         "Invalid feedback token.", NULL, 400},
        {"evt-user-not-found", COGNITO_USER_NOT_FOUND, "UserNotFoundException",
         "User does not exist.", NULL, 400},
        {"evt-add-on-not-enabled", COGNITO_USER_POOL_ADD_ON_NOT_ENABLED,
         "UserPoolAddOnNotEnabledException",
         "Threat protection is not enabled for this user pool.", NULL, 400},
        {"evt-operation-not-enabled", COGNITO_OPERATION_NOT_ENABLED,
         "OperationNotEnabledException",
         "This operation is not available in a replica region of this user pool.", NULL, 400},
        {"evt-internal-error", COGNITO_INTERNAL_ERROR, "InternalErrorException",
         "Internal server error.", NULL, 500},
        {"evt-unknown-code", COGNITO_UNKNOWN_SERVICE_ERROR, "FeedbackGremlinException",
         "A code this client has never heard of.", NULL, 400},
    };
    /* One attempt, so the retryable ones (throttling, 500) come back at once. */
    CognitoClient *client = harness_client(1);
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CognitoFeedbackRequest request = harness_alice(cases[i].event_id, COGNITO_FEEDBACK_VALID);
        CognitoResponse *response = NULL;
        CognitoError *error = NULL;
        CHECK_STATUS(
            cognito_update_auth_event_feedback(client, &request, NULL, &response, &error),
            cases[i].status);
        CHECK(response == NULL);
        CHECK_STATUS(cognito_error_status(error), cases[i].status);
        CHECK_STR(cognito_error_code(error), cases[i].code);
        CHECK_STR(cognito_error_message(error), cases[i].message);
        CHECK_STR(cognito_error_reason_code(error), cases[i].reason_code);
        CHECK_STR(cognito_error_field(error), NULL);
        CHECK(cognito_error_request_id(error) != NULL &&
              strlen(cognito_error_request_id(error)) > 0);
        CHECK(cognito_error_http_status(error) == cases[i].http_status);
        CHECK(cognito_error_attempts(error) == 1);
        CHECK(cognito_error_headers(error) != NULL &&
              strstr(cognito_error_headers(error), "x-amzn-requestid: ") != NULL);
        /* Retryable: throttling and the service's fault, as the retry policy treats them. */
        CHECK(cognito_error_is_retryable(error) ==
              (cases[i].status == COGNITO_TOO_MANY_REQUESTS || cases[i].status == COGNITO_INTERNAL_ERROR));
        CHECK(cognito_error_is_throttling(error) == (cases[i].status == COGNITO_TOO_MANY_REQUESTS));
        cognito_error_free(error);
    }
    CHECK(cognito_client_max_attempts(client) == 1);
    cognito_client_free(client);
}

static void validation_errors(void) {
    CognitoClient *client = harness_client(1);
    CognitoFeedbackRequest request;
    static const struct {
        const char *member;
        const char *value;
    } cases[] = {
        {"UserPoolId", "no-underscore"},
        {"Username", ""},
        {"EventId", "evt alice"},
        {"FeedbackToken", "tok with spaces"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CognitoError *error = NULL;
        request = harness_alice("evt-alice-2", COGNITO_FEEDBACK_VALID);
        harness_set_member(&request, cases[i].member, cases[i].value);
        CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, &error),
                     COGNITO_VALIDATION_ERROR);
        CHECK_STR(cognito_error_field(error), cases[i].member);
        CHECK(strstr(cognito_error_message(error), cases[i].member) != NULL);
        CHECK_STR(cognito_error_code(error), NULL);
        CHECK_STR(cognito_error_request_id(error), NULL);
        CHECK(cognito_error_http_status(error) == 0);
        CHECK(cognito_error_attempts(error) == 0);
        cognito_error_free(error);
    }
    /* Nothing reached the emulator for evt-alice-2. */
    CHECK(!harness_feedback_logged("\"event_id\":\"evt-alice-2\"", "alice"));
    cognito_client_free(client);
}

static void config_errors(void) {
    CognitoConfig *config = NULL;
    CognitoClient *client = (CognitoClient *)&config;
    CognitoError *error = NULL;
    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_ignore_environment(config, true), COGNITO_OK);
    /* No region anywhere: nothing to resolve an endpoint from. */
    CHECK_STATUS(cognito_client_new(config, &client, &error), COGNITO_CONFIG_ERROR);
    CHECK(client == NULL);
    CHECK_STATUS(cognito_error_status(error), COGNITO_CONFIG_ERROR);
    CHECK(cognito_error_message(error) != NULL && strlen(cognito_error_message(error)) > 0);
    CHECK_STR(cognito_error_code(error), NULL);
    cognito_error_free(error);

    /* FIPS with an endpoint override cannot work. */
    CHECK_STATUS(cognito_config_set_region(config, "us-east-1"), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_endpoint_url(config, harness_endpoint()), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_use_fips(config, true), COGNITO_OK);
    error = NULL;
    CHECK_STATUS(cognito_client_new(config, &client, &error), COGNITO_CONFIG_ERROR);
    CHECK(client == NULL);
    CHECK_STATUS(cognito_error_status(error), COGNITO_CONFIG_ERROR);
    cognito_error_free(error);
    cognito_config_free(config);

    /* Zero attempts cannot work either; the message names the setting. */
    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_ignore_environment(config, true), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_region(config, "us-east-1"), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_max_attempts(config, 0), COGNITO_OK);
    error = NULL;
    CHECK_STATUS(cognito_client_new(config, &client, &error), COGNITO_CONFIG_ERROR);
    CHECK(strstr(cognito_error_message(error), "max_attempts") != NULL);
    cognito_error_free(error);
    cognito_config_free(config);
}

int main(void) {
    success_is_recorded();
    service_errors();
    validation_errors();
    config_errors();
    return harness_finish("test_feedback");
}
