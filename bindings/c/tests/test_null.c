/* NULL for every pointer parameter of every function: required ones are rejected with
 * COGNITO_INVALID_ARGUMENT (naming the parameter when there is an error out-parameter),
 * nullable ones work, getters give their documented defaults, _free(NULL) does nothing, and
 * out-parameters are NULL after a failure. A NULL request member is a validation error naming
 * the member. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>

#include "harness.h"

static int garbage; /* its address stands for garbage a caller left in an out variable */

static void config_functions(void) {
    CognitoConfig *config = (CognitoConfig *)&garbage;
    CHECK_STATUS(cognito_config_new(NULL), COGNITO_INVALID_ARGUMENT);
    cognito_config_free(NULL);

    CHECK_STATUS(cognito_config_set_region(NULL, "us-east-1"), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_endpoint_url(NULL, "http://x"), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_use_fips(NULL, true), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_use_dualstack(NULL, true), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_connect_timeout_ms(NULL, 1), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_attempt_timeout_ms(NULL, 1), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_total_timeout_ms(NULL, 1), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_max_attempts(NULL, 1), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_max_concurrency(NULL, 1), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_retry_mode(NULL, COGNITO_RETRY_STANDARD),
                 COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_ca_bundle_path(NULL, "/ca.pem"), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_app_id(NULL, "app"), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_verify_tls(NULL, false), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_proxy(NULL, "http://proxy:3128"), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_max_pool_connections(NULL, 4), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_profile(NULL, "prod"), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_ignore_environment(NULL, true), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_log_callback(NULL, NULL, NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_config_set_log_level(NULL, COGNITO_LOG_INFO), COGNITO_INVALID_ARGUMENT);
    CHECK(cognito_config_last_error(NULL) == NULL);
    CHECK(cognito_escape_text(NULL, NULL, 0) == 0);

    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    CHECK(config != NULL && config != (CognitoConfig *)&garbage);
    CHECK(cognito_config_last_error(config) == NULL);
    /* Each refused setter keeps its error on the config, naming the parameter. */
    CHECK_STATUS(cognito_config_set_region(config, NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_LAST_ERROR(config, "region", "region is NULL");
    CHECK_STATUS(cognito_config_set_endpoint_url(config, NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_LAST_ERROR(config, "url", "url is NULL");
    CHECK_STATUS(cognito_config_set_ca_bundle_path(config, NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_LAST_ERROR(config, "path", "path is NULL");
    CHECK_STATUS(cognito_config_set_app_id(config, NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_LAST_ERROR(config, "app_id", "app_id is NULL");
    CHECK_STATUS(cognito_config_set_proxy(config, NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_LAST_ERROR(config, "url", "url is NULL");
    CHECK_STATUS(cognito_config_set_profile(config, NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_LAST_ERROR(config, "profile", "profile is NULL");
    /* The callback and its user data are nullable: NULL turns logging off. */
    CHECK_STATUS(cognito_config_set_log_callback(config, NULL, NULL), COGNITO_OK);
    /* A setter that succeeds clears the last error. */
    CHECK(cognito_config_last_error(config) == NULL);
    cognito_config_free(config);
}

static void client_functions(void) {
    CognitoConfig *config = NULL;
    CognitoClient *client = (CognitoClient *)&garbage;
    CognitoError *error = (CognitoError *)&garbage;

    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_region(config, "us-east-1"), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_ignore_environment(config, true), COGNITO_OK);

    CHECK_STATUS(cognito_client_new(config, NULL, &error), COGNITO_INVALID_ARGUMENT);
    CHECK(error != NULL && error != (CognitoError *)&garbage);
    CHECK_STATUS(cognito_error_status(error), COGNITO_INVALID_ARGUMENT);
    CHECK_STR(cognito_error_field(error), "client_out");
    CHECK_STR(cognito_error_message(error), "client_out is NULL");
    cognito_error_free(error);
    CHECK_STATUS(cognito_client_new(config, NULL, NULL), COGNITO_INVALID_ARGUMENT);

    /* error_out may be NULL; on success it is set to NULL. */
    error = (CognitoError *)&garbage;
    CHECK_STATUS(cognito_client_new(config, &client, NULL), COGNITO_OK);
    CHECK(client != NULL && client != (CognitoClient *)&garbage);
    cognito_client_free(client);
    client = (CognitoClient *)&garbage;
    CHECK_STATUS(cognito_client_new(config, &client, &error), COGNITO_OK);
    CHECK(error == NULL);
    CHECK_STR(cognito_client_endpoint(client), "https://cognito-idp.us-east-1.amazonaws.com");
    cognito_client_free(client);
    cognito_config_free(config);

    /* A NULL config means no explicit settings: the environment and the defaults apply. */
    setenv("AWS_REGION", "eu-west-3", 1);
    unsetenv("AWS_ENDPOINT_URL");
    unsetenv("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER");
    unsetenv("AWS_USE_FIPS_ENDPOINT");
    unsetenv("AWS_USE_DUALSTACK_ENDPOINT");
    client = NULL;
    CHECK_STATUS(cognito_client_new(NULL, &client, &error), COGNITO_OK);
    CHECK_STR(cognito_client_endpoint(client), "https://cognito-idp.eu-west-3.amazonaws.com");
    cognito_client_free(client);

    CHECK_STR(cognito_client_endpoint(NULL), NULL);
    CHECK(cognito_client_max_attempts(NULL) == 0);
    cognito_client_free(NULL);
}

static void cancel_token_functions(void) {
    CHECK_STATUS(cognito_cancel_token_new(NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_STATUS(cognito_cancel_token_cancel(NULL), COGNITO_INVALID_ARGUMENT);
    CHECK(!cognito_cancel_token_is_cancelled(NULL));
    cognito_cancel_token_free(NULL);
}

static void getters_and_frees(void) {
    CHECK_STATUS(cognito_error_status(NULL), COGNITO_INVALID_ARGUMENT);
    CHECK_STR(cognito_error_code(NULL), NULL);
    CHECK_STR(cognito_error_message(NULL), NULL);
    CHECK_STR(cognito_error_reason_code(NULL), NULL);
    CHECK_STR(cognito_error_field(NULL), NULL);
    CHECK_STR(cognito_error_request_id(NULL), NULL);
    CHECK(cognito_error_http_status(NULL) == 0);
    CHECK(cognito_error_attempts(NULL) == 0);
    CHECK(cognito_error_timeout_phase(NULL) == COGNITO_TIMEOUT_PHASE_NONE);
    CHECK_STR(cognito_error_headers(NULL), NULL);
    CHECK(!cognito_error_is_retryable(NULL));
    CHECK(!cognito_error_is_throttling(NULL));
    cognito_error_free(NULL);

    CHECK_STR(cognito_response_request_id(NULL), NULL);
    CHECK(cognito_response_http_status(NULL) == 0);
    CHECK(cognito_response_content_length(NULL) == 0);
    CHECK(cognito_response_attempts(NULL) == 0);
    CHECK_STR(cognito_response_headers(NULL), NULL);
    cognito_response_free(NULL);
}

/* Calls with `request`, expecting `want` and an error naming `field`; the response out
 * variable must come back NULL. */
static void check_call_fails(const CognitoClient *client, const CognitoFeedbackRequest *request,
                             CognitoStatus want, const char *field) {
    CognitoResponse *response = (CognitoResponse *)&garbage;
    CognitoError *error = (CognitoError *)&garbage;
    CHECK_STATUS(cognito_update_auth_event_feedback(client, request, NULL, &response, &error),
                 want);
    CHECK(response == NULL);
    CHECK(error != NULL && error != (CognitoError *)&garbage);
    CHECK_STATUS(cognito_error_status(error), want);
    CHECK_STR(cognito_error_field(error), field);
    CHECK_STR(cognito_error_code(error), NULL);
    CHECK(cognito_error_attempts(error) == 0);
    CHECK(cognito_error_timeout_phase(error) == COGNITO_TIMEOUT_PHASE_NONE);
    CHECK_STR(cognito_error_headers(error), NULL);
    cognito_error_free(error);
}

static void the_call(void) {
    CognitoClient *client = harness_client(1);
    CognitoFeedbackRequest request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);
    CognitoResponse *response = (CognitoResponse *)&garbage;
    CognitoError *error = (CognitoError *)&garbage;

    check_call_fails(NULL, &request, COGNITO_INVALID_ARGUMENT, "client");
    check_call_fails(client, NULL, COGNITO_INVALID_ARGUMENT, "request");

    request.user_pool_id = NULL;
    check_call_fails(client, &request, COGNITO_VALIDATION_ERROR, "UserPoolId");
    request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);
    request.username = NULL;
    check_call_fails(client, &request, COGNITO_VALIDATION_ERROR, "Username");
    request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);
    request.event_id = NULL;
    check_call_fails(client, &request, COGNITO_VALIDATION_ERROR, "EventId");
    request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);
    request.feedback_token = NULL;
    check_call_fails(client, &request, COGNITO_VALIDATION_ERROR, "FeedbackToken");

    /* Failure with every out-parameter NULL: the status alone. */
    CHECK_STATUS(cognito_update_auth_event_feedback(NULL, NULL, NULL, NULL, NULL),
                 COGNITO_INVALID_ARGUMENT);

    /* The completion API: every pointer NULL is rejected, with no callback to call. */
    CHECK_STATUS(cognito_update_auth_event_feedback_async(NULL, NULL, NULL, NULL, NULL, NULL),
                 COGNITO_INVALID_ARGUMENT);

    /* cancel, response_out and error_out are nullable on success. */
    request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, NULL),
                 COGNITO_OK);
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, &response, &error),
                 COGNITO_OK);
    CHECK(response != NULL && response != (CognitoResponse *)&garbage);
    CHECK(error == NULL);
    cognito_response_free(response);
    cognito_client_free(client);
}

int main(void) {
    config_functions();
    client_functions();
    cancel_token_functions();
    getters_and_frees();
    the_call();
    return harness_finish("test_null");
}
