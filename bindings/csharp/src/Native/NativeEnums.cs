namespace CognitoFeedback.Native
{
    // The enums of include/cognito_feedback.h, member for member and value for value, with the
    // header's names so the header test can compare them. All are uint32_t on the C side.

    /// <summary>The result code of every fallible C function (never renumbered).</summary>
    internal enum CognitoStatus : uint
    {
        COGNITO_OK = 0,
        COGNITO_INVALID_PARAMETER = 1,
        COGNITO_RESOURCE_NOT_FOUND = 2,
        COGNITO_TOO_MANY_REQUESTS = 3,
        COGNITO_NOT_AUTHORIZED = 4,
        COGNITO_USER_NOT_FOUND = 5,
        COGNITO_USER_POOL_ADD_ON_NOT_ENABLED = 6,
        COGNITO_OPERATION_NOT_ENABLED = 7,
        COGNITO_INTERNAL_ERROR = 8,
        COGNITO_UNKNOWN_SERVICE_ERROR = 9,
        COGNITO_INVALID_ARGUMENT = 100,
        COGNITO_VALIDATION_ERROR = 101,
        COGNITO_CONFIG_ERROR = 102,
        COGNITO_TIMEOUT = 103,
        COGNITO_CONNECTION_ERROR = 104,
        COGNITO_CANCELLED = 105,
        COGNITO_RESPONSE_ERROR = 106,
        COGNITO_SYSTEM_ERROR = 107,
        COGNITO_PANIC = 199,
    }

    /// <summary>CognitoFeedbackRequest.feedback_value (0 is deliberately not a value).</summary>
    internal enum CognitoFeedbackValue : uint
    {
        COGNITO_FEEDBACK_VALID = 1,
        COGNITO_FEEDBACK_INVALID = 2,
    }

    /// <summary>The argument of cognito_config_set_retry_mode.</summary>
    internal enum CognitoRetryMode : uint
    {
        COGNITO_RETRY_STANDARD = 1,
        COGNITO_RETRY_ADAPTIVE = 2,
    }

    /// <summary>The level a CognitoLogCallback receives.</summary>
    internal enum CognitoLogLevel : uint
    {
        COGNITO_LOG_ERROR = 1,
        COGNITO_LOG_WARN = 2,
        COGNITO_LOG_INFO = 3,
        COGNITO_LOG_DEBUG = 4,
        COGNITO_LOG_TRACE = 5,
    }
}
