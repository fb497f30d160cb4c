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
        /// <summary>The settings the client was built from.</summary>
        AmazonCognitoIdentityProviderConfig Config { get; }

        /// <summary>Reports the user's feedback on an authentication event; blocks until the call ends.</summary>
        UpdateAuthEventFeedbackResponse UpdateAuthEventFeedback(UpdateAuthEventFeedbackRequest request);

        /// <summary>Reports the user's feedback on an authentication event without blocking the caller.</summary>
        Task<UpdateAuthEventFeedbackResponse> UpdateAuthEventFeedbackAsync(
            UpdateAuthEventFeedbackRequest request, CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>Starts the call (the SDK's .NET Framework 3.5 pattern); <paramref name="callback"/> runs when it has ended.</summary>
        IAsyncResult BeginUpdateAuthEventFeedback(UpdateAuthEventFeedbackRequest request, AsyncCallback callback, object state);

        /// <summary>The response of a call <see cref="BeginUpdateAuthEventFeedback"/> started, or its exception.</summary>
        UpdateAuthEventFeedbackResponse EndUpdateAuthEventFeedback(IAsyncResult asyncResult);
    }
}
