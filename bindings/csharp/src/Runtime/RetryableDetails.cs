namespace CognitoFeedback.Runtime
{
    /// <summary>
    /// What <see cref="AmazonServiceException.Retryable"/> says of an error the SDKs retry, as in
    /// the AWS SDK for .NET.
    /// </summary>
    public class RetryableDetails
    {
        /// <summary>Details of a retryable error; <paramref name="throttling"/>: the service asked the client to slow down.</summary>
        public RetryableDetails(bool throttling)
        {
            ThrottlingError = throttling;
        }

        /// <summary>Whether the error is throttling (e.g. <c>TooManyRequestsException</c>, HTTP 429).</summary>
        public bool ThrottlingError { get; private set; }
    }
}
