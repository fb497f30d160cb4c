using System;
using System.Net;

namespace CognitoFeedback.Runtime
{
    /// <summary>
    /// The service answered with an error, as in the AWS SDK for .NET. The service-specific base
    /// is <see cref="CognitoFeedback.AmazonCognitoIdentityProviderException"/>.
    /// </summary>
    public class AmazonServiceException : Exception
    {
        /// <summary>An error with a message only.</summary>
        public AmazonServiceException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public AmazonServiceException(string message, Exception innerException) : base(message, innerException)
        {
        }

        /// <summary>An error with everything the service said about it.</summary>
        public AmazonServiceException(
            string message,
            Exception innerException,
            ErrorType errorType,
            string errorCode,
            string requestId,
            HttpStatusCode statusCode)
            : base(message, innerException)
        {
            ErrorType = errorType;
            ErrorCode = errorCode;
            RequestId = requestId;
            StatusCode = statusCode;
        }

        /// <summary>
        /// The service's message exactly as it was sent. <see cref="Exception.Message"/> holds it
        /// as the library writes server text (control characters and terminal escapes escaped,
        /// cut to 1 KiB), so that printing or logging the exception is safe.
        /// </summary>
        public string ServiceMessage { get; set; }

        /// <summary>The service's error code, e.g. <c>UserNotFoundException</c>; kept intact for codes this library does not model.</summary>
        public string ErrorCode { get; set; }

        /// <summary>Whether the request (<see cref="Runtime.ErrorType.Sender"/>) or the service (<see cref="Runtime.ErrorType.Receiver"/>) was at fault.</summary>
        public ErrorType ErrorType { get; set; }

        /// <summary>The <c>x-amzn-RequestId</c> of the failed answer; null when the service sent none.</summary>
        public string RequestId { get; set; }

        /// <summary>The HTTP status of the failed answer.</summary>
        public HttpStatusCode StatusCode { get; set; }

        /// <summary>How many attempts the call made before giving up (retries included).</summary>
        public int Attempts { get; set; }

        /// <summary>
        /// Non-null when the error is one the SDKs retry (throttling, a 5xx or 429 answer), as in
        /// the AWS SDK for .NET; the call already retried it as its settings allow.
        /// </summary>
        public RetryableDetails Retryable { get; set; }
    }
}
