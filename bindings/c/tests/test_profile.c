/* The shared config file: a program given only AWS_PROFILE=prod and a ~/.aws/config (in a
 * temporary HOME written here) whose prod profile names the region and the emulator makes its
 * call; cognito_config_set_profile chooses a profile; a named profile that does not exist is a
 * config error naming it; ignore_environment reads no file; and every vector of
 * tests/data/profile-vectors-endpoints.tsv (botocore's answers, or this library's deliberate
 * deviations, for the vectors that resolve to a URL) gives its URL. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

/* The variables every case unsets first (a vector's own are unset too, see run_vector). */
static const char *const aws_variables[] = {
    "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_CONFIG_FILE", "AWS_PROFILE",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_SDK_UA_APP_ID", "AWS_DEFAULT_PROFILE"};

static char home[64];
/* HOME/.aws/config, the default file. */
static char config_path[128];
/* The file written for the case, when it is not the default one (AWS_CONFIG_FILE). */
static char other_path[256];

/* A fresh, empty HOME with an .aws directory; the process environment points at it, and none
 * of aws_variables is left set. */
static void make_home(void) {
    char dir[160];
    size_t i;

    strcpy(home, "/tmp/cognito-profile-XXXXXX");
    if (mkdtemp(home) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    snprintf(dir, sizeof dir, "%s/.aws", home);
    snprintf(config_path, sizeof config_path, "%s/.aws/config", home);
    other_path[0] = '\0';
    if (mkdir(dir, 0700) != 0) {
        perror(dir);
        exit(2);
    }
    for (i = 0; i < sizeof aws_variables / sizeof aws_variables[0]; i++) unsetenv(aws_variables[i]);
    setenv("HOME", home, 1);
}

/* Writes `text` to `path`; exits when it cannot. */
static void write_file(const char *path, const char *text) {
    FILE *file = fopen(path, "w");
    if (file == NULL) {
        perror(path);
        exit(2);
    }
    fputs(text, file);
    fclose(file);
}

/* A fresh HOME whose .aws/config holds `text`. */
static void write_home(const char *text) {
    make_home();
    write_file(config_path, text);
}

static void remove_home(void) {
    unlink(config_path);
    if (other_path[0] != '\0') unlink(other_path);
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

/* Undoes the table's escapes in place: \n is a newline, \\ a backslash. */
static void unescape(char *text) {
    char *out = text;
    for (; *text != '\0'; text++) {
        if (*text == '\\' && text[1] != '\0') {
            text++;
            *out++ = *text == 'n' ? '\n' : *text;
        } else {
            *out++ = *text;
        }
    }
    *out = '\0';
}

/* Applies one explicit setting of a vector (`key=value`) to `config`. */
static void apply_setting(CognitoConfig *config, char *pair) {
    char *value = strchr(pair, '=');
    CognitoStatus status;
    if (value == NULL) {
        fprintf(stderr, "bad setting %s\n", pair);
        exit(2);
    }
    *value++ = '\0';
    if (strcmp(pair, "profile") == 0) status = cognito_config_set_profile(config, value);
    else if (strcmp(pair, "region") == 0) status = cognito_config_set_region(config, value);
    else if (strcmp(pair, "endpoint_url") == 0) status = cognito_config_set_endpoint_url(config, value);
    else if (strcmp(pair, "use_fips") == 0)
        status = cognito_config_set_use_fips(config, strcmp(value, "true") == 0);
    else if (strcmp(pair, "use_dualstack") == 0)
        status = cognito_config_set_use_dualstack(config, strcmp(value, "true") == 0);
    else if (strcmp(pair, "max_attempts") == 0)
        status = cognito_config_set_max_attempts(config, (uint32_t)strtoul(value, NULL, 10));
    else if (strcmp(pair, "retry_mode") == 0)
        status = cognito_config_set_retry_mode(
            config, strcmp(value, "adaptive") == 0 ? COGNITO_RETRY_ADAPTIVE : COGNITO_RETRY_STANDARD);
    else if (strcmp(pair, "app_id") == 0) status = cognito_config_set_app_id(config, value);
    else {
        fprintf(stderr, "unknown setting %s\n", pair);
        exit(2);
    }
    CHECK_STATUS(status, COGNITO_OK);
}

/* One line of the table: label, config file, environment, explicit settings, URL. */
static void run_vector(char *line) {
    char *fields[5];
    char *cursor = line, *pair, *save = NULL, *url, *value;
    char expected[256], path[256];
    CognitoConfig *config;
    CognitoClient *client = NULL;
    CognitoError *error = NULL;
    int i;

    line[strcspn(line, "\n")] = '\0';
    for (i = 0; i < 5; i++) {
        fields[i] = cursor;
        cursor = strchr(cursor, '\t');
        if ((cursor == NULL) != (i == 4)) {
            fprintf(stderr, "malformed line: %s\n", line);
            exit(2);
        }
        if (cursor != NULL) *cursor++ = '\0';
    }
    url = fields[4];
    make_home();
    snprintf(path, sizeof path, "%s", config_path);
    if (strcmp(fields[2], "-") != 0) {
        for (pair = strtok_r(fields[2], " ", &save); pair != NULL; pair = strtok_r(NULL, " ", &save)) {
            value = strchr(pair, '=');
            *value++ = '\0';
            if (strncmp(value, "{dir}", 5) == 0) {
                snprintf(path, sizeof path, "%s%s", home, value + 5);
                value = path;
            }
            if (strcmp(pair, "AWS_CONFIG_FILE") == 0) snprintf(other_path, sizeof other_path, "%s", value);
            setenv(pair, value, 1);
        }
    }
    if (strcmp(fields[1], "-") != 0) {
        unescape(fields[1]);
        write_file(other_path[0] != '\0' ? other_path : config_path, fields[1]);
    }
    CHECK_STATUS(cognito_config_new(&config), COGNITO_OK);
    if (strcmp(fields[3], "-") != 0) {
        for (pair = strtok_r(fields[3], " ", &save); pair != NULL; pair = strtok_r(NULL, " ", &save)) {
            apply_setting(config, pair);
        }
    }
    if (cognito_client_new(config, &client, &error) != COGNITO_OK) {
        fprintf(stderr, "%s: %s\n", fields[0], cognito_error_message(error));
        CHECK(!"the vector's client builds");
    } else {
        snprintf(expected, sizeof expected, "%s/", cognito_client_endpoint(client));
        if (strcmp(expected, url) != 0) fprintf(stderr, "%s:\n", fields[0]);
        CHECK_STR(expected, url);
    }
    cognito_error_free(error);
    cognito_client_free(client);
    cognito_config_free(config);
    remove_home();
}

static void botocore_vectors_give_their_endpoint(void) {
    const char *table = harness_required_env("COGNITO_TEST_PROFILE_VECTORS");
    char line[2048];
    int count = 0;
    FILE *file = fopen(table, "r");
    if (file == NULL) {
        perror(table);
        exit(2);
    }
    while (fgets(line, sizeof line, file) != NULL) {
        if (line[0] == '#') continue;
        CHECK(strchr(line, '\n') != NULL); /* the whole line fit */
        run_vector(line);
        count++;
    }
    fclose(file);
    CHECK(count == 82);
}

int main(void) {
    aws_profile_alone_makes_the_call();
    set_profile_chooses_and_missing_is_an_error();
    botocore_vectors_give_their_endpoint();
    return harness_finish("test_profile");
}
