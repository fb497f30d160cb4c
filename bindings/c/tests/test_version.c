/* The version at compile time (header macros), at run time (cognito_version) and in Cargo.toml
 * (CARGO_TOML_VERSION, passed by run-tests.sh) agree; every status has its name and number;
 * unknown statuses have no name. Needs no emulator. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#ifndef CARGO_TOML_VERSION
#error "compile with -DCARGO_TOML_VERSION='\"x.y.z\"' (run-tests.sh does)"
#endif

int main(void) {
    static const struct {
        CognitoStatus status;
        unsigned number;
        const char *name;
    } statuses[] = {
        {COGNITO_OK, 0, "COGNITO_OK"},
        {COGNITO_INVALID_PARAMETER, 1, "COGNITO_INVALID_PARAMETER"},
        {COGNITO_RESOURCE_NOT_FOUND, 2, "COGNITO_RESOURCE_NOT_FOUND"},
        {COGNITO_TOO_MANY_REQUESTS, 3, "COGNITO_TOO_MANY_REQUESTS"},
        {COGNITO_NOT_AUTHORIZED, 4, "COGNITO_NOT_AUTHORIZED"},
        {COGNITO_USER_NOT_FOUND, 5, "COGNITO_USER_NOT_FOUND"},
        {COGNITO_USER_POOL_ADD_ON_NOT_ENABLED, 6, "COGNITO_USER_POOL_ADD_ON_NOT_ENABLED"},
        {COGNITO_OPERATION_NOT_ENABLED, 7, "COGNITO_OPERATION_NOT_ENABLED"},
        {COGNITO_INTERNAL_ERROR, 8, "COGNITO_INTERNAL_ERROR"},
        {COGNITO_UNKNOWN_SERVICE_ERROR, 9, "COGNITO_UNKNOWN_SERVICE_ERROR"},
        {COGNITO_INVALID_ARGUMENT, 100, "COGNITO_INVALID_ARGUMENT"},
        {COGNITO_VALIDATION_ERROR, 101, "COGNITO_VALIDATION_ERROR"},
        {COGNITO_CONFIG_ERROR, 102, "COGNITO_CONFIG_ERROR"},
        {COGNITO_TIMEOUT, 103, "COGNITO_TIMEOUT"},
        {COGNITO_CONNECTION_ERROR, 104, "COGNITO_CONNECTION_ERROR"},
        {COGNITO_CANCELLED, 105, "COGNITO_CANCELLED"},
        {COGNITO_RESPONSE_ERROR, 106, "COGNITO_RESPONSE_ERROR"},
        {COGNITO_SYSTEM_ERROR, 107, "COGNITO_SYSTEM_ERROR"},
        {COGNITO_PANIC, 199, "COGNITO_PANIC"},
    };
    static const uint32_t unknown[] = {10, 99, 108, 198, 200, 0xFFFFFFFFu};
    char expected[64];
    size_t i;

    /* The header's macros describe the library that is linked. */
    CHECK_STR(COGNITO_FEEDBACK_VERSION, CARGO_TOML_VERSION);
    CHECK_STR(cognito_version(), CARGO_TOML_VERSION);
    sprintf(expected, "%d.%d.%d", COGNITO_FEEDBACK_VERSION_MAJOR, COGNITO_FEEDBACK_VERSION_MINOR,
            COGNITO_FEEDBACK_VERSION_PATCH);
    CHECK(strncmp(CARGO_TOML_VERSION, expected, strlen(expected)) == 0);
    CHECK(cognito_version() == cognito_version()); /* static, never reallocated */

    for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        CHECK((unsigned)statuses[i].status == statuses[i].number);
        CHECK_STR(cognito_status_name(statuses[i].status), statuses[i].name);
    }
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        CHECK_STR(cognito_status_name(unknown[i]), NULL);
    }
    CHECK(sizeof(CognitoStatus) == 4);
    CHECK(COGNITO_FEEDBACK_VALID == 1 && COGNITO_FEEDBACK_INVALID == 2);
    CHECK(COGNITO_RETRY_STANDARD == 1 && COGNITO_RETRY_ADAPTIVE == 2);
    CHECK(COGNITO_LOG_ERROR == 1 && COGNITO_LOG_TRACE == 5);
    return harness_finish("test_version");
}
