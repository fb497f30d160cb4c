/* Hostile text from the server (the emulator's evt-hostile-text: terminal escapes, CR/LF forging
 * a log line, a 1.2 KB message): the error's getters keep it raw, the log callback gets it
 * escaped and bounded, and cognito_escape_text makes the raw values safe to print. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "harness.h"

struct sink {
    int messages;
    int unsafe_messages;
    size_t longest;
};

static int has_control(const char *text) {
    const unsigned char *c;
    for (c = (const unsigned char *)text; *c != '\0'; c++) {
        if (*c < 0x20 || *c == 0x7f) return 1;
        if (c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f) return 1; /* C1 in UTF-8 */
    }
    return 0;
}

static void on_log(void *user_data, uint32_t level, const char *message) {
    struct sink *sink = (struct sink *)user_data;
    (void)level;
    sink->messages++;
    if (has_control(message)) sink->unsafe_messages++;
    if (strlen(message) > sink->longest) sink->longest = strlen(message);
}

/* cognito_escape_text of `raw` into a buffer sized by a first, measuring call. */
static char *escaped(const char *raw) {
    size_t length = cognito_escape_text(raw, NULL, 0);
    char *buffer = malloc(length + 1);
    CHECK(buffer != NULL);
    CHECK(cognito_escape_text(raw, buffer, length + 1) == length);
    CHECK(strlen(buffer) == length);
    return buffer;
}

int main(void) {
    struct sink sink;
    CognitoConfig *config = harness_config(harness_endpoint(), true);
    CognitoClient *client;
    CognitoFeedbackRequest request = harness_alice("evt-hostile-text", COGNITO_FEEDBACK_VALID);
    CognitoError *error = NULL;
    const char *message;
    char *safe;
    char small[8];

    memset(&sink, 0, sizeof sink);
    CHECK_STATUS(cognito_config_set_max_attempts(config, 1), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_log_callback(config, on_log, &sink), COGNITO_OK);
    client = harness_client_from(config);
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, &error),
                 COGNITO_INVALID_PARAMETER);

    /* The getters are raw. */
    message = cognito_error_message(error);
    CHECK(strncmp(message, "\x1b[2J\x1b]0;pwned\x07Rejected.\r\n", 25) == 0);
    CHECK(strlen(message) > 1100);
    CHECK(strstr(cognito_error_reason_code(error), "\r\nFORGED") != NULL);

    /* The log got it escaped and bounded. */
    CHECK(sink.messages > 0);
    CHECK(sink.unsafe_messages == 0);
    CHECK(sink.longest < 4096);

    /* cognito_escape_text: escaped, cut to 1024 bytes with a count of the rest. */
    safe = escaped(message);
    CHECK(!has_control(safe));
    CHECK(strncmp(safe, "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}Rejected.\\r\\n2026-12-07", 50) == 0);
    CHECK(strstr(safe, " bytes]") != NULL);
    CHECK(strlen(safe) < 2048);
    free(safe);
    safe = escaped(cognito_error_reason_code(error));
    CHECK_STR(safe, "\\u{1b}[31mINVALID\\r\\nFORGED");
    free(safe);
    /* A short buffer gets a NUL-terminated prefix; the return value is the whole length. */
    CHECK(cognito_escape_text("a\x1b" "bcdef", small, sizeof small) == 12);
    CHECK_STR(small, "a\\u{1b}");

    cognito_error_free(error);
    cognito_client_free(client);
    return harness_finish("test_hostile_text");
}
