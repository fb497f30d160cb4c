/* Two translation units include the header (this one twice) and link into one program: no
 * duplicate definitions, and the include guard works. */
#include "cognito_feedback.h"
#include "cognito_feedback.h"

#include <stdio.h>
#include <string.h>

/* Defined in double_include_b.c. */
const char *version_from_b(void);
CognitoStatus status_from_b(void);

int main(void) {
    int ok = strcmp(version_from_b(), cognito_version()) == 0 &&
             status_from_b() == COGNITO_INVALID_ARGUMENT;
    printf("double_include: %s\n", ok ? "1 checks, 0 failed" : "1 checks, 1 failed");
    return ok ? 0 : 1;
}
