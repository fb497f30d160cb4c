namespace CognitoFeedback.Runtime
{
    /// <summary>How failed attempts are retried, as in the AWS SDK for .NET.</summary>
    public enum RequestRetryMode
    {
        /// <summary>The AWS SDKs' standard mode: exponential backoff with jitter and a retry quota (the default).</summary>
        Standard = 1,

        /// <summary>Standard mode plus a client-side rate limiter that slows down after throttling.</summary>
        Adaptive = 2,
    }
}
