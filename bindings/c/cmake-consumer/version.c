/* The CMake package, the header and the library it links carry one version. */
#include <stdio.h>
#include <string.h>

#include <cognito_feedback.h>

int main(void) {
    const char *library = cognito_version();
    printf("package %s, header %s, library %s\n", CMAKE_PACKAGE_VERSION, COGNITO_FEEDBACK_VERSION,
           library);
    return strcmp(CMAKE_PACKAGE_VERSION, COGNITO_FEEDBACK_VERSION) == 0 &&
                   strcmp(COGNITO_FEEDBACK_VERSION, library) == 0
               ? 0
               : 1;
}
