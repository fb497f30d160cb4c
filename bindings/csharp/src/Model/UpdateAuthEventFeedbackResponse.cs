using CognitoFeedback.Runtime;

namespace CognitoFeedback.Model
{
    /// <summary>
    /// The answer to a successful UpdateAuthEventFeedback, as in the AWS SDK for .NET: the
    /// operation has no output members, only the HTTP status and the response metadata.
    /// </summary>
    public class UpdateAuthEventFeedbackResponse : AmazonWebServiceResponse
    {
    }
}
