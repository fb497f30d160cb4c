using System;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback.Model;

namespace CognitoFeedback
{
    /// <summary>
    /// The client's interface, as in the AWS SDK for .NET (limited to UpdateAuthEventFeedback),
    /// so code can depend on it and tests can substitute it.
    /// </summary>
    public interface IAmazonCognitoIdentityProvider : IDisposable
    {
        /// <summary>Reports the user's feedback on an authentication event; blocks until the call ends.</summary>
        UpdateAuthEventFeedbackResponse UpdateAuthEventFeedback(UpdateAuthEventFeedbackRequest request);

        /// <summary>Reports the user's feedback on an authentication event without blocking the caller.</summary>
        Task<UpdateAuthEventFeedbackResponse> UpdateAuthEventFeedbackAsync(
            UpdateAuthEventFeedbackRequest request, CancellationToken cancellationToken = default(CancellationToken));
    }
}
