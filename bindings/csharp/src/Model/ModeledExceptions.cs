using System;
using System.Net;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Model
{
    /// <summary>The service answered <c>InvalidParameterException</c>: the service found a parameter invalid (see <see cref="ReasonCode"/>).</summary>
    public class InvalidParameterException : AmazonCognitoIdentityProviderException
    {
        /// <summary>An error with a message only.</summary>
        public InvalidParameterException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public InvalidParameterException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public InvalidParameterException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }

        /// <summary>Why the parameter is invalid, when the service said, e.g. <c>INVALID_FEEDBACK_STATE</c>; null otherwise.</summary>
        public string ReasonCode { get; set; }

        /// <summary>
        /// The request member at fault (<c>Username</c>, ...) when this library found it invalid
        /// before sending (then <see cref="AmazonServiceException.RequestId"/> is null,
        /// <see cref="AmazonServiceException.StatusCode"/> 0, and the inner exception the
        /// <see cref="ArgumentException"/> naming the member); null when the service answered.
        /// </summary>
        public string ParameterName { get; set; }
    }

    /// <summary>The service answered <c>ResourceNotFoundException</c>: the user pool (or another named resource) does not exist.</summary>
    public class ResourceNotFoundException : AmazonCognitoIdentityProviderException
    {
        /// <summary>An error with a message only.</summary>
        public ResourceNotFoundException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public ResourceNotFoundException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public ResourceNotFoundException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The service answered <c>TooManyRequestsException</c>: the caller was throttled; the call was retried as the retry mode allows.</summary>
    public class TooManyRequestsException : AmazonCognitoIdentityProviderException
    {
        /// <summary>An error with a message only.</summary>
        public TooManyRequestsException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public TooManyRequestsException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public TooManyRequestsException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The service answered <c>NotAuthorizedException</c>: the caller is not allowed this call, e.g. the feedback token is wrong or expired.</summary>
    public class NotAuthorizedException : AmazonCognitoIdentityProviderException
    {
        /// <summary>An error with a message only.</summary>
        public NotAuthorizedException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public NotAuthorizedException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public NotAuthorizedException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The service answered <c>UserNotFoundException</c>: the user does not exist.</summary>
    public class UserNotFoundException : AmazonCognitoIdentityProviderException
    {
        /// <summary>An error with a message only.</summary>
        public UserNotFoundException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public UserNotFoundException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public UserNotFoundException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The service answered <c>UserPoolAddOnNotEnabledException</c>: threat protection is not enabled for the user pool.</summary>
    public class UserPoolAddOnNotEnabledException : AmazonCognitoIdentityProviderException
    {
        /// <summary>An error with a message only.</summary>
        public UserPoolAddOnNotEnabledException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public UserPoolAddOnNotEnabledException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public UserPoolAddOnNotEnabledException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The service answered <c>OperationNotEnabledException</c>: the operation is not available here, e.g. in a replica region of the pool.</summary>
    public class OperationNotEnabledException : AmazonCognitoIdentityProviderException
    {
        /// <summary>An error with a message only.</summary>
        public OperationNotEnabledException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public OperationNotEnabledException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public OperationNotEnabledException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The service answered <c>InternalErrorException</c>: the service failed (a fault on its side).</summary>
    public class InternalErrorException : AmazonCognitoIdentityProviderException
    {
        /// <summary>An error with a message only.</summary>
        public InternalErrorException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public InternalErrorException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public InternalErrorException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
