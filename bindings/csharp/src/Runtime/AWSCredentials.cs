using System;

namespace CognitoFeedback.Runtime
{
    /// <summary>
    /// Credentials, as in the AWS SDK for .NET, so client constructors SDK code passes them to
    /// compile here. UpdateAuthEventFeedback is unauthenticated: no request is signed, and the
    /// client keeps no reference to the credentials it is given.
    /// </summary>
    public abstract class AWSCredentials
    {
    }

    /// <summary>No credentials, as in the AWS SDK for .NET: what an unsigned call such as UpdateAuthEventFeedback needs.</summary>
    public class AnonymousAWSCredentials : AWSCredentials
    {
    }

    /// <summary>
    /// An access key and secret key, as in the AWS SDK for .NET. Accepted where the SDK accepts
    /// them and never used: UpdateAuthEventFeedback is not signed.
    /// </summary>
    public class BasicAWSCredentials : AWSCredentials
    {
        /// <summary>Credentials from an access key and a secret key (neither may be null or empty, as in the SDK).</summary>
        public BasicAWSCredentials(string accessKey, string secretKey)
        {
            if (string.IsNullOrEmpty(accessKey))
            {
                throw new ArgumentNullException("accessKey");
            }
            if (string.IsNullOrEmpty(secretKey))
            {
                throw new ArgumentNullException("secretKey");
            }
        }
    }
}
