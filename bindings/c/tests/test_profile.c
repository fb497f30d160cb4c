/* The shared config file: a program given only AWS_PROFILE=prod and a ~/.aws/config (in a
 * temporary HOME written here) whose prod profile names the region and the emulator makes its
 * call; cognito_config_set_profile chooses a profile; a named profile that does not exist is a
 * config error naming it; ignore_environment reads no file. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

static char home[64];
static char config_path[128];

/* A fresh HOME holding .aws/config with `text`; the process environment points at it, and no
 * other AWS_* variable is left set. */
static void write_home(const char *text) {
    static const char *const unset[] = {"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
                                        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                                        "AWS_CONFIG_FILE", "AWS_PROFILE",
                                        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"};
    char dir[160];
    FILE *file;
    size_t i;

    strcpy(home, "/tmp/cognito-profile-XXXXXX");
    if (mkdtemp(home) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    snprintf(dir, sizeof dir, "%s/.aws", home);
    snprintf(config_path, sizeof config_path, "%s/.aws/config", home);
    if (mkdir(dir, 0700) != 0 || (file = fopen(config_path, "w")) == NULL) {
        perror(config_path);
        exit(2);
    }
    fputs(text, file);
    fclose(file);
    for (i = 0; i < sizeof unset / sizeof unset[0]; i++) unsetenv(unset[i]);
    setenv("HOME", home, 1);
}

static void remove_home(void) {
    unlink(config_path);
    config_path[strlen(config_path) - strlen("/config")] = '\0';
    rmdir(config_path);
    rmdir(home);
}

/* The error cognito_client_new gives for `config` (freed here); NULL when it builds. */
static CognitoError *client_error(CognitoConfig *config, CognitoStatus want) {
    CognitoClient *client = NULL;
    CognitoError *error = NULL;
    CHECK_STATUS(cognito_client_new(config, &client, &error), want);
    cognito_client_free(client);
    cognito_config_free(config);
    return error;
}

static CognitoConfig *new_config(void) {
    CognitoConfig *config = NULL;
    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    return config;
}

static void aws_profile_alone_makes_the_call(void) {
    char text[512];
    CognitoClient *client;
    CognitoFeedbackRequest request = harness_alice("evt-alice-1", COGNITO_FEEDBACK_VALID);

    snprintf(text, sizeof text, "[default]\nregion = eu-west-1\n\n[profile prod]\n"
             "region = us-east-1\nendpoint_url = %s\n", harness_endpoint());
    write_home(text);
    setenv("AWS_PROFILE", "prod", 1);
    client = harness_client_from(new_config());
    CHECK_STR(cognito_client_endpoint(client), harness_endpoint());
    CHECK_STATUS(cognito_update_auth_event_feedback(client, &request, NULL, NULL, NULL),
                 COGNITO_OK);
    CHECK(harness_feedback_logged("\"event_id\":\"evt-alice-1\"", "\"feedback_value\":\"Valid\""));
    cognito_client_free(client);
    remove_home();
}

static void set_profile_chooses_and_missing_is_an_error(void) {
    char text[512];
    CognitoConfig *config;
    CognitoClient *client;
    CognitoError *error;

    snprintf(text, sizeof text, "[profile other]\nregion = us-east-1\nendpoint_url = %s\n"
             "[profile prod]\nregion = eu-west-1\n", harness_endpoint());
    write_home(text);
    setenv("AWS_PROFILE", "prod", 1);
    config = new_config();
    CHECK_STATUS(cognito_config_set_profile(config, "other"), COGNITO_OK);
    client = harness_client_from(config);
    CHECK_STR(cognito_client_endpoint(client), harness_endpoint());
    cognito_client_free(client);

    config = new_config();
    CHECK_STATUS(cognito_config_set_profile(config, "nope"), COGNITO_OK);
    error = client_error(config, COGNITO_CONFIG_ERROR);
    CHECK(error != NULL && strstr(cognito_error_message(error), "\"nope\"") != NULL);
    CHECK(error != NULL && strstr(cognito_error_message(error), config_path) != NULL);
    cognito_error_free(error);

    setenv("AWS_PROFILE", "missing", 1);
    error = client_error(new_config(), COGNITO_CONFIG_ERROR);
    CHECK(error != NULL && strstr(cognito_error_message(error), "AWS_PROFILE") != NULL);
    cognito_error_free(error);

    /* A hermetic client reads no file, and refuses a profile. */
    config = harness_config(harness_endpoint(), true);
    client = harness_client_from(config);
    cognito_client_free(client);
    config = harness_config(harness_endpoint(), true);
    CHECK_STATUS(cognito_config_set_profile(config, "other"), COGNITO_OK);
    cognito_error_free(client_error(config, COGNITO_CONFIG_ERROR));

    /* NULL arguments are test_null's; a name that is not UTF-8 is refused here. */
    config = new_config();
    CHECK_STATUS(cognito_config_set_profile(config, "\xff"), COGNITO_INVALID_ARGUMENT);
    cognito_config_free(config);
    remove_home();
}

int main(void) {
    aws_profile_alone_makes_the_call();
    set_profile_chooses_and_missing_is_an_error();
    return harness_finish("test_profile");
}
