using System;
using System.Net;
using System.Threading;
using CognitoFeedback.Model;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Native
{
    /// <summary>Turns a failed call's status and CognitoError into the exception .NET users expect.</summary>
    internal static class NativeErrors
    {
        /// <summary>
        /// The exception for a failed call. Reads every detail out of <paramref name="error"/>
        /// (which may be empty when the library could not allocate one) but does not free it:
        /// the caller disposes it in a finally block. <paramref name="cancellationToken"/> goes
        /// into the <see cref="OperationCanceledException"/> of a cancelled call.
        /// </summary>
        internal static Exception ToException(CognitoStatus status, ErrorHandle error, CancellationToken cancellationToken)
        {
            if (error.IsInvalid)
            {
                return new AmazonClientException(StatusName(status) + " (the library gave no details)");
            }
            // Exception messages are text people print and log: the library's escaping of what
            // the server may have said. Service exceptions keep the raw text as ServiceMessage.
            string message = Utf8.ReadEscaped(NativeMethods.cognito_error_message(error));
            switch (status)
            {
                case CognitoStatus.COGNITO_INVALID_ARGUMENT:
                case CognitoStatus.COGNITO_VALIDATION_ERROR:
                    return LocalValidation.Exception(
                        new ArgumentException(message, Utf8.Read(NativeMethods.cognito_error_field(error))));
                case CognitoStatus.COGNITO_RESPONSE_ERROR:
                    int answered = NativeMethods.cognito_error_http_status(error);
                    if (answered == 0)
                    {
                        return new AmazonClientException(message);
                    }
                    return WithDetails(
                        new AmazonUnmarshallingException(
                            message, Utf8.Read(NativeMethods.cognito_error_request_id(error)), (HttpStatusCode)answered, null),
                        error);
                case CognitoStatus.COGNITO_TIMEOUT:
                    return new TimeoutException(message);
                case CognitoStatus.COGNITO_CANCELLED:
                    return new OperationCanceledException(message, cancellationToken);
                case CognitoStatus.COGNITO_INVALID_PARAMETER:
                case CognitoStatus.COGNITO_RESOURCE_NOT_FOUND:
                case CognitoStatus.COGNITO_TOO_MANY_REQUESTS:
                case CognitoStatus.COGNITO_NOT_AUTHORIZED:
                case CognitoStatus.COGNITO_USER_NOT_FOUND:
                case CognitoStatus.COGNITO_USER_POOL_ADD_ON_NOT_ENABLED:
                case CognitoStatus.COGNITO_OPERATION_NOT_ENABLED:
                case CognitoStatus.COGNITO_INTERNAL_ERROR:
                case CognitoStatus.COGNITO_UNKNOWN_SERVICE_ERROR:
                    return ServiceException(status, message, error);
                default:
                    return new AmazonClientException(message);
            }
        }

        /// <summary>The constant's name, e.g. COGNITO_TIMEOUT, or the number when the library does not know it.</summary>
        internal static string StatusName(CognitoStatus status)
        {
            string name = Utf8.Read(NativeMethods.cognito_status_name((uint)status));
            return name ?? ("status " + (uint)status);
        }

        private static AmazonCognitoIdentityProviderException ServiceException(
            CognitoStatus status, string message, ErrorHandle error)
        {
            string code = Utf8.Read(NativeMethods.cognito_error_code(error));
            string requestId = Utf8.Read(NativeMethods.cognito_error_request_id(error));
            HttpStatusCode statusCode = (HttpStatusCode)NativeMethods.cognito_error_http_status(error);
            ErrorType errorType = AmazonUnmarshallingException.ErrorTypeOf(statusCode);
            AmazonCognitoIdentityProviderException exception;
            switch (status)
            {
                case CognitoStatus.COGNITO_INVALID_PARAMETER:
                    exception = new InvalidParameterException(message, null, errorType, code, requestId, statusCode)
                    {
                        ReasonCode = Utf8.Read(NativeMethods.cognito_error_reason_code(error)),
                    };
                    break;
                case CognitoStatus.COGNITO_RESOURCE_NOT_FOUND:
                    exception = new ResourceNotFoundException(message, null, errorType, code, requestId, statusCode);
                    break;
                case CognitoStatus.COGNITO_TOO_MANY_REQUESTS:
                    exception = new TooManyRequestsException(message, null, errorType, code, requestId, statusCode);
                    break;
                case CognitoStatus.COGNITO_NOT_AUTHORIZED:
                    exception = new NotAuthorizedException(message, null, errorType, code, requestId, statusCode);
                    break;
                case CognitoStatus.COGNITO_USER_NOT_FOUND:
                    exception = new UserNotFoundException(message, null, errorType, code, requestId, statusCode);
                    break;
                case CognitoStatus.COGNITO_USER_POOL_ADD_ON_NOT_ENABLED:
                    exception = new UserPoolAddOnNotEnabledException(message, null, errorType, code, requestId, statusCode);
                    break;
                case CognitoStatus.COGNITO_OPERATION_NOT_ENABLED:
                    exception = new OperationNotEnabledException(message, null, errorType, code, requestId, statusCode);
                    break;
                case CognitoStatus.COGNITO_INTERNAL_ERROR:
                    exception = new InternalErrorException(message, null, errorType, code, requestId, statusCode);
                    break;
                default:
                    exception = new AmazonCognitoIdentityProviderException(message, null, errorType, code, requestId, statusCode);
                    break;
            }
            return WithDetails(exception, error);
        }

        /// <summary>The attempts and retryability the library reports, set on <paramref name="exception"/>.</summary>
        private static T WithDetails<T>(T exception, ErrorHandle error) where T : AmazonServiceException
        {
            exception.Attempts = (int)NativeMethods.cognito_error_attempts(error);
            exception.ServiceMessage = Utf8.Read(NativeMethods.cognito_error_message(error));
            if (NativeMethods.cognito_error_is_retryable(error))
            {
                exception.Retryable = new RetryableDetails(NativeMethods.cognito_error_is_throttling(error));
            }
            return exception;
        }
    }
}
