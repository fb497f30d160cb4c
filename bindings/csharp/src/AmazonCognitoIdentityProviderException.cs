using System;
using System.Net;
using CognitoFeedback.Runtime;

namespace CognitoFeedback
{
    /// <summary>
    /// Cognito answered with an error, as in the AWS SDK for .NET. The eight errors the model
    /// lists for UpdateAuthEventFeedback have their own subclasses in
    /// <see cref="CognitoFeedback.Model"/>; any other code comes as this class itself, with
    /// <see cref="AmazonServiceException.ErrorCode"/> intact.
    /// </summary>
    public class AmazonCognitoIdentityProviderException : AmazonServiceException
    {
        /// <summary>An error with a message only.</summary>
        public AmazonCognitoIdentityProviderException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public AmazonCognitoIdentityProviderException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public AmazonCognitoIdentityProviderException(
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
