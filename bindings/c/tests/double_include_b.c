/* The second translation unit of the double-include test. */
#include "cognito_feedback.h"

#include <stddef.h>

const char *version_from_b(void);
CognitoStatus status_from_b(void);

const char *version_from_b(void) {
    return cognito_version();
}

CognitoStatus status_from_b(void) {
    return cognito_cancel_token_new(NULL);
}
