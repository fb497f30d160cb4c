namespace CognitoFeedback.Runtime
{
    /// <summary>Which side a service error is blamed on, as in the AWS SDK for .NET.</summary>
    public enum ErrorType
    {
        /// <summary>The request was at fault (an HTTP 4xx answer).</summary>
        Sender,

        /// <summary>The service was at fault (an HTTP 5xx answer).</summary>
        Receiver,

        /// <summary>The answer did not say (no HTTP status, or not 4xx/5xx).</summary>
        Unknown,
    }
}
