namespace CognitoFeedback.Runtime
{
    /// <summary>What the service said about a successful call besides its result.</summary>
    public class ResponseMetadata
    {
        /// <summary>The <c>x-amzn-RequestId</c> the service sent; null when it sent none.</summary>
        public string RequestId { get; set; }

        /// <summary>How many attempts the call made (1 when the first succeeded).</summary>
        public int Attempts { get; set; }
    }
}
