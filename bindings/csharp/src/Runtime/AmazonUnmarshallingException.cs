using System;
using System.Net;

namespace CognitoFeedback.Runtime
{
    /// <summary>
    /// An HTTP answer that could not be understood, as in the AWS SDK for .NET: an error answer
    /// without an error code (an HTML 503 from a load balancer), a body that is not the
    /// service's JSON, or a redirect (never followed). It is an <see cref="AmazonServiceException"/>,
    /// so handlers that test <see cref="AmazonServiceException.StatusCode"/> catch it, with the
    /// answer's status, request id and <see cref="AmazonServiceException.ErrorType"/>.
    /// <see cref="AmazonServiceException.ErrorCode"/> is null: the answer named none.
    /// </summary>
    public class AmazonUnmarshallingException : AmazonServiceException
    {
        /// <summary>An answer with this status and request id could not be understood, as <paramref name="message"/> says.</summary>
        public AmazonUnmarshallingException(string message, string requestId, HttpStatusCode statusCode, Exception innerException)
            : base(message, innerException, ErrorTypeOf(statusCode), null, requestId, statusCode)
        {
        }

        /// <summary>Sender for a 4xx status, Receiver for a 5xx one, else Unknown.</summary>
        internal static ErrorType ErrorTypeOf(HttpStatusCode statusCode)
        {
            int status = (int)statusCode;
            return status >= 500 && status < 600 ? ErrorType.Receiver
                : status >= 400 && status < 500 ? ErrorType.Sender
                : ErrorType.Unknown;
        }
    }
}
