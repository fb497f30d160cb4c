namespace CognitoFeedback
{
    /// <summary>The severity of a message sent to <see cref="AmazonCognitoIdentityProviderConfig.LogCallback"/>.</summary>
    public enum LogLevel
    {
        /// <summary>Something failed.</summary>
        Error = 1,

        /// <summary>Something unexpected that the call survived.</summary>
        Warn = 2,

        /// <summary>One line per call outcome.</summary>
        Info = 3,

        /// <summary>Attempts, retries, endpoints.</summary>
        Debug = 4,

        /// <summary>Fine-grained detail.</summary>
        Trace = 5,
    }
}
