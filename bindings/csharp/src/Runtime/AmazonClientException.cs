using System;

namespace CognitoFeedback.Runtime
{
    /// <summary>
    /// The call failed on this side, as in the AWS SDK for .NET: a configuration that cannot work,
    /// a connection that could not be made or broke, an answer that could not be understood.
    /// Timeouts are <see cref="TimeoutException"/>, cancellation is
    /// <see cref="OperationCanceledException"/> and bad input is <see cref="ArgumentException"/>.
    /// </summary>
    public class AmazonClientException : Exception
    {
        /// <summary>An error with a message.</summary>
        public AmazonClientException(string message) : base(message)
        {
        }

        /// <summary>An error with a message and the exception behind it.</summary>
        public AmazonClientException(string message, Exception innerException) : base(message, innerException)
        {
        }
    }
}
