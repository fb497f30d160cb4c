// The header compiles as C++11 (g++ -std=c++11 -Wall -Wextra -Werror -pedantic), gives the
// functions C linkage, and its enums work as C++ values; the program links and runs.
#include "cognito_feedback.h"
#include "cognito_feedback.h" // the include guard makes a second inclusion harmless

#include <cstdio>
#include <cstring>

static const char *describe(CognitoStatus status) {
    switch (status) {
    case COGNITO_OK:
        return "ok";
    case COGNITO_INVALID_ARGUMENT:
        return "invalid argument";
    default:
        return "other";
    }
}

int main() {
    CognitoConfig *config = nullptr;
    CognitoStatus status = cognito_config_new(&config);
    bool ok = status == COGNITO_OK && std::strcmp(describe(status), "ok") == 0;
    ok = ok && cognito_config_set_retry_mode(config, COGNITO_RETRY_ADAPTIVE) == COGNITO_OK;
    ok = ok && cognito_config_set_region(config, nullptr) == COGNITO_INVALID_ARGUMENT;
    cognito_config_free(config);
    CognitoFeedbackRequest request = {"us-east-1_PlusPool1", "alice", "evt-alice-1",
                                      "tok-alice-1.AbC=", COGNITO_FEEDBACK_VALID};
    ok = ok && request.feedback_value == 1u;
    ok = ok && std::strcmp(cognito_version(), COGNITO_FEEDBACK_VERSION) == 0;
    std::printf("header_cxx: %s\n", ok ? "1 checks, 0 failed" : "1 checks, 1 failed");
    return ok ? 0 : 1;
}
