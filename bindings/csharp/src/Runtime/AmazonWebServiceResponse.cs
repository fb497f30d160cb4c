using System.Net;

namespace CognitoFeedback.Runtime
{
    /// <summary>The part every response shares, as in the AWS SDK for .NET.</summary>
    public class AmazonWebServiceResponse
    {
        /// <summary>The HTTP status of the answer (200 for a success).</summary>
        public HttpStatusCode HttpStatusCode { get; set; }

        /// <summary>The request id and the number of attempts.</summary>
        public ResponseMetadata ResponseMetadata { get; set; }
    }
}
