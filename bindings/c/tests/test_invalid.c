/* Invalid UTF-8 in every string parameter and request member, and out-of-range enum values:
 * COGNITO_INVALID_ARGUMENT naming what was wrong, without echoing the text, nothing sent, and
 * settings left as they were. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

/* Not UTF-8: a lone continuation byte, an overlong NUL, a truncated sequence. Each carries
 * MARKER, which must never show up in an error message. */
#define MARKER "s3cr3t"
static const char *const not_utf8[] = {MARKER "\x80", "\xc0\x80" MARKER, MARKER "\xe2\x82"};
#define NOT_UTF8_COUNT (sizeof not_utf8 / sizeof not_utf8[0])
/* Where each of them stops being UTF-8. */
static const int not_utf8_offset[] = {6, 0, 6};

/* A string setter refused not_utf8[i] and kept why, naming `parameter` (and not the text). */
static void check_not_utf8(const CognitoConfig *config, const char *parameter, size_t i) {
    char message[128];
    snprintf(message, sizeof message, "%s is not valid UTF-8 (invalid byte at offset %d)",
             parameter, not_utf8_offset[i]);
    CHECK_LAST_ERROR(config, parameter, message);
}

static void config_strings(void) {
    CognitoConfig *config = NULL;
    CognitoClient *client = NULL;
    size_t i;
    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_ignore_environment(config, true), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_region(config, "eu-central-1"), COGNITO_OK);
    for (i = 0; i < NOT_UTF8_COUNT; i++) {
        CHECK_STATUS(cognito_config_set_region(config, not_utf8[i]), COGNITO_INVALID_ARGUMENT);
        check_not_utf8(config, "region", i);
        CHECK_STATUS(cognito_config_set_endpoint_url(config, not_utf8[i]),
                     COGNITO_INVALID_ARGUMENT);
        check_not_utf8(config, "url", i);
        CHECK_STATUS(cognito_config_set_ca_bundle_path(config, not_utf8[i]),
                     COGNITO_INVALID_ARGUMENT);
        check_not_utf8(config, "path", i);
        CHECK_STATUS(cognito_config_set_app_id(config, not_utf8[i]), COGNITO_INVALID_ARGUMENT);
        check_not_utf8(config, "app_id", i);
    }
    /* The rejected values changed nothing: the region still resolves as set before. */
    CHECK_STATUS(cognito_client_new(config, &client, NULL), COGNITO_OK);
    CHECK_STR(cognito_client_endpoint(client), "https://cognito-idp.eu-central-1.amazonaws.com");
    cognito_client_free(client);
    cognito_config_free(config);
}

static void config_enums(void) {
    static const uint32_t bad_modes[] = {0, 3, 100, 0xFFFFFFFFu};
    CognitoConfig *config = NULL;
    size_t i;
    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    for (i = 0; i < sizeof bad_modes / sizeof bad_modes[0]; i++) {
        CHECK_STATUS(cognito_config_set_retry_mode(config, bad_modes[i]),
                     COGNITO_INVALID_ARGUMENT);
    }
    CHECK_LAST_ERROR(config, "retry_mode",
                     "retry_mode 4294967295 is not one of COGNITO_RETRY_STANDARD (1), "
                     "COGNITO_RETRY_ADAPTIVE (2)");
    CHECK_STATUS(cognito_config_set_retry_mode(config, COGNITO_RETRY_STANDARD), COGNITO_OK);
    CHECK(cognito_config_last_error(config) == NULL);
    CHECK_STATUS(cognito_config_set_retry_mode(config, COGNITO_RETRY_ADAPTIVE), COGNITO_OK);
    cognito_config_free(config);
}

static void check_rejected(const CognitoClient *client, const CognitoFeedbackRequest *request,
                           const char *field) {
    CognitoResponse *response = NULL;
    CognitoError *error = NULL;
    CHECK_STATUS(cognito_update_auth_event_feedback(client, request, NULL, &response, &error),
                 COGNITO_INVALID_ARGUMENT);
    CHECK(response == NULL);
    CHECK_STR(cognito_error_field(error), field);
    CHECK(cognito_error_message(error) != NULL &&
          strstr(cognito_error_message(error), field) != NULL);
    /* The text may be a secret: the message names the member and an offset, not the bytes. */
    CHECK(strstr(cognito_error_message(error), MARKER) == NULL);
    CHECK(cognito_error_attempts(error) == 0);
    CHECK(cognito_error_http_status(error) == 0);
    cognito_error_free(error);
}

static void request_members(void) {
    static const uint32_t bad_values[] = {0, 3, 0x7FFFFFFFu, 0xFFFFFFFFu};
    static const char *const members[] = {"UserPoolId", "Username", "EventId", "FeedbackToken"};
    CognitoClient *client = harness_client(1);
    CognitoFeedbackRequest request;
    size_t i, m;
    for (i = 0; i < NOT_UTF8_COUNT; i++) {
        for (m = 0; m < sizeof members / sizeof members[0]; m++) {
            request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);
            harness_set_member(&request, members[m], not_utf8[i]);
            check_rejected(client, &request, members[m]);
        }
    }
    for (i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++) {
        request = harness_alice("evt-alice-1", bad_values[i]);
        check_rejected(client, &request, "FeedbackValue");
    }
    /* A zero-initialized request is caught too (NULL members are validation errors first). */
    memset(&request, 0, sizeof request);
    {
        CognitoError *error = NULL;
        CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, &error),
                     COGNITO_VALIDATION_ERROR);
        CHECK_STR(cognito_error_field(error), "UserPoolId");
        cognito_error_free(error);
    }
    /* Nothing was recorded for alice's event. */
    CHECK(!harness_feedback_logged("\"event_id\":\"evt-alice-1\"", "\"username\":\"alice\""));
    cognito_client_free(client);
}

int main(void) {
    config_strings();
    config_enums();
    request_members();
    return harness_finish("test_invalid");
}
