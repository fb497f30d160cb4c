/* The log callback: gets the user data, valid levels and messages, from every calling thread,
 * and never the Username or the FeedbackToken; a NULL callback turns logging off; the log level
 * keeps finer messages from it. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <string.h>

#include "harness.h"

#define USERNAME "Zo\xc3\xab"
#define TOKEN "tok-zoe-1.GhI="

struct sink {
    pthread_mutex_t lock;
    int messages;
    int bad_levels;
    int empty;
    int secrets;
    uint32_t finest;
};

static void on_log(void *user_data, uint32_t level, const char *message) {
    struct sink *sink = (struct sink *)user_data;
    pthread_mutex_lock(&sink->lock);
    sink->messages++;
    if (level < COGNITO_LOG_ERROR || level > COGNITO_LOG_TRACE) sink->bad_levels++;
    if (message == NULL || message[0] == '\0') sink->empty++;
    if (level > sink->finest) sink->finest = level;
    if (message != NULL && (strstr(message, USERNAME) != NULL || strstr(message, TOKEN) != NULL ||
                            strstr(message, "tok-zoe") != NULL)) {
        sink->secrets++;
    }
    pthread_mutex_unlock(&sink->lock);
}

/* A client logging to `sink`; with `then_off`, the callback is set and then removed again. */
static CognitoClient *logging_client(struct sink *sink, int then_off) {
    CognitoConfig *config = harness_config(harness_endpoint(), true);
    CHECK_STATUS(cognito_config_set_max_attempts(config, 2), COGNITO_OK);
    CHECK_STATUS(cognito_config_set_log_callback(config, on_log, sink), COGNITO_OK);
    if (then_off) {
        CHECK_STATUS(cognito_config_set_log_callback(config, NULL, NULL), COGNITO_OK);
    }
    /* The config is freed here: the client keeps the callback, not the config. */
    return harness_client_from(config);
}

static CognitoFeedbackRequest zoe(const char *event_id) {
    CognitoFeedbackRequest request;
    request.user_pool_id = "us-east-1_PlusPool1";
    request.username = USERNAME;
    request.event_id = event_id;
    request.feedback_token = TOKEN;
    request.feedback_value = COGNITO_FEEDBACK_INVALID;
    return request;
}

static void *call_from_thread(void *client) {
    CognitoFeedbackRequest request = zoe("evt-zoe-1");
    CHECK_STATUS(cognito_update_auth_event_feedback((const CognitoClient *)client, &request,
                                                    NULL, NULL, NULL),
                 COGNITO_OK);
    return NULL;
}

int main(void) {
    struct sink sink;
    CognitoClient *client;
    CognitoFeedbackRequest request;
    pthread_t thread;
    int before;

    memset(&sink, 0, sizeof sink);
    pthread_mutex_init(&sink.lock, NULL);
    client = logging_client(&sink, 0);

    request = zoe("evt-zoe-1");
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, NULL),
                 COGNITO_OK);
    CHECK(sink.messages > 0);
    before = sink.messages;
    /* A retried failure (throttling) and a validation error log too. */
    request = zoe("evt-too-many-requests");
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, NULL),
                 COGNITO_TOO_MANY_REQUESTS);
    request = zoe("bad event id");
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, NULL),
                 COGNITO_VALIDATION_ERROR);
    CHECK(sink.messages > before);
    before = sink.messages;
    CHECK(pthread_create(&thread, NULL, call_from_thread, client) == 0);
    CHECK(pthread_join(thread, NULL) == 0);
    CHECK(sink.messages > before);

    CHECK(sink.bad_levels == 0);
    CHECK(sink.empty == 0);
    CHECK(sink.secrets == 0);
    cognito_client_free(client);

    /* With the callback removed, nothing is logged. */
    before = sink.messages;
    client = logging_client(&sink, 1);
    request = zoe("evt-zoe-1");
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, NULL),
                 COGNITO_OK);
    CHECK(sink.messages == before);
    cognito_client_free(client);

    /* At COGNITO_LOG_INFO a successful call makes one callback, its outcome line: the DEBUG
     * lines about the client and the attempt are never sent. */
    {
        CognitoConfig *config = harness_config(harness_endpoint(), true);
        CHECK_STATUS(cognito_config_set_log_level(config, 0), COGNITO_INVALID_ARGUMENT);
        CHECK_STATUS(cognito_config_set_log_level(config, COGNITO_LOG_TRACE + 1),
                     COGNITO_INVALID_ARGUMENT);
        CHECK_STATUS(cognito_config_set_log_level(NULL, COGNITO_LOG_INFO), COGNITO_INVALID_ARGUMENT);
        CHECK_STATUS(cognito_config_set_log_callback(config, on_log, &sink), COGNITO_OK);
        CHECK_STATUS(cognito_config_set_log_level(config, COGNITO_LOG_INFO), COGNITO_OK);
        client = harness_client_from(config);
    }
    before = sink.messages;
    sink.finest = 0;
    request = zoe("evt-zoe-1");
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, NULL),
                 COGNITO_OK);
    CHECK(sink.messages == before + 1);
    CHECK(sink.finest == COGNITO_LOG_INFO);
    cognito_client_free(client);
    pthread_mutex_destroy(&sink.lock);
    return harness_finish("test_log");
}
