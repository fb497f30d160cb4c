/* Library load plus first call, in a fresh process: dlopen the shared library, look up the
 * functions, build a client and make one call. Prints the time of each step as JSON.
 *
 *   coldstart LIBRARY.so URL
 *
 * The program is not linked to the library; the header only gives the functions' types. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cognito_feedback.h"
#include "stats.h"

#define LOOKUP(handle, name)                                                          \
    __typeof__(&name) p_##name = (__typeof__(&name))dlsym(handle, #name);            \
    if (p_##name == NULL) {                                                           \
        fprintf(stderr, "coldstart: %s is missing: %s\n", #name, dlerror());          \
        return 1;                                                                     \
    }

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s LIBRARY URL\n", argc > 0 ? argv[0] : "coldstart");
        return 2;
    }
    uint64_t t0 = now_ns();
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "coldstart: %s\n", dlerror());
        return 1;
    }
    LOOKUP(lib, cognito_config_new)
    LOOKUP(lib, cognito_config_set_endpoint_url)
    LOOKUP(lib, cognito_config_set_region)
    LOOKUP(lib, cognito_config_set_ignore_environment)
    LOOKUP(lib, cognito_config_free)
    LOOKUP(lib, cognito_client_new)
    LOOKUP(lib, cognito_client_free)
    LOOKUP(lib, cognito_update_auth_event_feedback)
    LOOKUP(lib, cognito_response_free)
    uint64_t t1 = now_ns();

    CognitoConfig *config = NULL;
    CognitoClient *client = NULL;
    if (p_cognito_config_new(&config) != COGNITO_OK ||
        p_cognito_config_set_endpoint_url(config, argv[2]) != COGNITO_OK ||
        p_cognito_config_set_region(config, "us-east-1") != COGNITO_OK ||
        p_cognito_config_set_ignore_environment(config, true) != COGNITO_OK ||
        p_cognito_client_new(config, &client, NULL) != COGNITO_OK) {
        fprintf(stderr, "coldstart: cannot build the client\n");
        return 1;
    }
    p_cognito_config_free(config);
    uint64_t t2 = now_ns();

    CognitoFeedbackRequest request = {
        .user_pool_id = "us-east-1_PlusPool1",
        .username = "alice",
        .event_id = "evt-alice-1",
        .feedback_token = "tok-alice-1.AbC=",
        .feedback_value = COGNITO_FEEDBACK_VALID,
    };
    CognitoResponse *response = NULL;
    CognitoStatus status = p_cognito_update_auth_event_feedback(client, &request, NULL, &response, NULL);
    uint64_t t3 = now_ns();
    if (status != COGNITO_OK) {
        fprintf(stderr, "coldstart: the call failed with status %u\n", (unsigned)status);
        return 1;
    }
    p_cognito_response_free(response);
    p_cognito_client_free(client);

    printf("{\"load_us\": %.3f, \"client_us\": %.3f, \"first_call_us\": %.3f, \"total_us\": %.3f}\n",
           (double)(t1 - t0) / 1e3, (double)(t2 - t1) / 1e3, (double)(t3 - t2) / 1e3,
           (double)(t3 - t0) / 1e3);
    return 0;
}
