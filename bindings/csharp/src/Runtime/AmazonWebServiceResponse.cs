using System.Net;

namespace CognitoFeedback.Runtime
{
    /// <summary>The part every response shares, as in the AWS SDK for .NET.</summary>
    public class AmazonWebServiceResponse
    {
        /// <summary>The HTTP status of the answer (200 for a success).</summary>
        public HttpStatusCode HttpStatusCode { get; set; }

        /// <summary>
        /// The length in bytes of the answer's body as received (2 for the service's <c>{}</c>):
        /// its Content-Length header, or the bytes read when it came without one.
        /// </summary>
        public long ContentLength { get; set; }

        /// <summary>The request id and the number of attempts.</summary>
        public ResponseMetadata ResponseMetadata { get; set; }
    }
}
