using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback.Model;
using CognitoFeedback.Native;
using CognitoFeedback.Runtime;

namespace CognitoFeedback
{
    /// <summary>
    /// A Cognito user pools client for UpdateAuthEventFeedback, named and shaped as in the AWS SDK
    /// for .NET. Create it once and share it: it is thread-safe and owns the connection pool, the
    /// retry quota and the rate limiter. Dispose it when done (Dispose is idempotent; a call in
    /// flight finishes first, later calls throw <see cref="ObjectDisposedException"/>).
    /// </summary>
    public sealed class AmazonCognitoIdentityProviderClient : IAmazonCognitoIdentityProvider
    {
        private readonly ClientHandle _handle;

        // Set by Dispose: later calls throw ObjectDisposedException, while a call in flight
        // keeps the native client alive (the SafeHandle counts its users) until it returns.
        private int _disposed;

        /// <summary>A client whose settings all come from the AWS_* environment variables and the defaults.</summary>
        public AmazonCognitoIdentityProviderClient()
            : this(new AmazonCognitoIdentityProviderConfig())
        {
        }

        /// <summary>A client for the given region.</summary>
        public AmazonCognitoIdentityProviderClient(RegionEndpoint region)
            : this(new AmazonCognitoIdentityProviderConfig { RegionEndpoint = CheckNotNull(region, "region") })
        {
        }

        /// <summary>
        /// A client with the given settings. Throws <see cref="AmazonClientException"/> when they
        /// cannot work (no region, an invalid region, FIPS with a <see cref="AmazonCognitoIdentityProviderConfig.ServiceURL"/>,
        /// an unreadable CA bundle, ...).
        /// </summary>
        public AmazonCognitoIdentityProviderClient(AmazonCognitoIdentityProviderConfig config)
        {
            string endpoint;
            _handle = NativeClientBuilder.Build(CheckNotNull(config, "config"), out endpoint);
            Endpoint = endpoint;
        }

        /// <summary>The endpoint URL calls go to, e.g. <c>https://cognito-idp.eu-west-1.amazonaws.com</c>.</summary>
        public string Endpoint { get; private set; }

        /// <summary>The native library's version, e.g. <c>0.1.0</c>.</summary>
        public static string NativeLibraryVersion
        {
            get { return Utf8.Read(NativeMethods.cognito_version()); }
        }

        /// <summary>
        /// Reports the user's feedback on an authentication event; blocks until the call ends
        /// (after the retries the configuration allows, or its deadline).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
        /// <exception cref="ArgumentException">A request member breaks the service's constraints (its <see cref="ArgumentException.ParamName"/> names it); nothing was sent.</exception>
        /// <exception cref="AmazonCognitoIdentityProviderException">The service answered with an error (a subclass for each modeled one).</exception>
        /// <exception cref="TimeoutException">A timeout of the configuration ran out.</exception>
        /// <exception cref="AmazonClientException">The connection failed or the answer could not be understood.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public UpdateAuthEventFeedbackResponse UpdateAuthEventFeedback(UpdateAuthEventFeedbackRequest request)
        {
            CheckNotNull(request, "request");
            ThrowIfDisposed();
            return Call(request, CancelTokenHandle.None(), CancellationToken.None);
        }

        /// <summary>
        /// Reports the user's feedback on an authentication event without holding a thread while
        /// it runs: the call runs on the native library's own bounded pool (see
        /// <see cref="AmazonCognitoIdentityProviderConfig.MaxConcurrency"/>) and completes the
        /// task from there, so a burst of calls neither blocks nor grows the .NET thread pool.
        /// Cancelling <paramref name="cancellationToken"/> ends the call promptly, also while it
        /// waits in the queue, on the network or between retries, and the task then ends
        /// cancelled (awaiting it throws <see cref="TaskCanceledException"/>). A token already
        /// cancelled gives a cancelled task without calling. The task's other failures are those
        /// of <see cref="UpdateAuthEventFeedback"/>; disposing the client fails calls still
        /// queued with <see cref="ObjectDisposedException"/> (calls already running finish).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task<UpdateAuthEventFeedbackResponse> UpdateAuthEventFeedbackAsync(
            UpdateAuthEventFeedbackRequest request, CancellationToken cancellationToken = default(CancellationToken))
        {
            CheckNotNull(request, "request");
            ThrowIfDisposed();
            if (cancellationToken.IsCancellationRequested)
            {
                return Task.FromCanceled<UpdateAuthEventFeedbackResponse>(cancellationToken);
            }
            try
            {
                using (Utf8Buffers strings = new Utf8Buffers())
                {
                    return PendingCall.Start(_handle, NativeRequest(request, strings), cancellationToken, ResponseOf);
                }
            }
            catch (Exception e)
            {
                return Task.FromException<UpdateAuthEventFeedbackResponse>(e);
            }
        }

        /// <summary>Frees the native client once no call uses it any more. Safe to call more than once.</summary>
        public void Dispose()
        {
            Interlocked.Exchange(ref _disposed, 1);
            _handle.Dispose();
        }

        private UpdateAuthEventFeedbackResponse Call(
            UpdateAuthEventFeedbackRequest request, CancelTokenHandle cancel, CancellationToken cancellationToken)
        {
            using (Utf8Buffers strings = new Utf8Buffers())
            {
                NativeFeedbackRequest native = NativeRequest(request, strings);
                ResponseHandle response;
                ErrorHandle error;
                CognitoStatus status = NativeMethods.cognito_update_auth_event_feedback(
                    _handle, ref native, cancel, out response, out error);
                using (response)
                using (error)
                {
                    if (status != CognitoStatus.COGNITO_OK)
                    {
                        throw NativeErrors.ToException(status, error, cancellationToken);
                    }
                    return ResponseOf(response);
                }
            }
        }

        /// <summary>The native request for <paramref name="request"/>, its strings in <paramref name="strings"/>.</summary>
        private static NativeFeedbackRequest NativeRequest(UpdateAuthEventFeedbackRequest request, Utf8Buffers strings)
        {
            return new NativeFeedbackRequest
            {
                user_pool_id = strings.Add(Required(request.UserPoolId, "UserPoolId"), "UserPoolId"),
                username = strings.Add(Required(request.Username, "Username"), "Username"),
                event_id = strings.Add(Required(request.EventId, "EventId"), "EventId"),
                feedback_token = strings.Add(Required(request.FeedbackToken, "FeedbackToken"), "FeedbackToken"),
                feedback_value = (uint)FeedbackValueOf(request.FeedbackValue),
            };
        }

        /// <summary>The SDK's response for a native one.</summary>
        private static UpdateAuthEventFeedbackResponse ResponseOf(ResponseHandle response)
        {
            return new UpdateAuthEventFeedbackResponse
            {
                HttpStatusCode = (HttpStatusCode)NativeMethods.cognito_response_http_status(response),
                // At most the 64 KiB body cap in practice; saturate rather than wrap all the same.
                ContentLength = (long)Math.Min(
                    NativeMethods.cognito_response_content_length(response), (ulong)long.MaxValue),
                ResponseMetadata = new ResponseMetadata
                {
                    RequestId = Utf8.Read(NativeMethods.cognito_response_request_id(response)),
                    Attempts = (int)NativeMethods.cognito_response_attempts(response),
                },
            };
        }

        private static string Required(string value, string member)
        {
            if (value == null)
            {
                throw new ArgumentNullException(member, member + " is required.");
            }
            return value;
        }

        private static CognitoFeedbackValue FeedbackValueOf(FeedbackValueType value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("FeedbackValue", "FeedbackValue is required: Valid or Invalid.");
            }
            if (value == FeedbackValueType.Valid)
            {
                return CognitoFeedbackValue.COGNITO_FEEDBACK_VALID;
            }
            if (value == FeedbackValueType.Invalid)
            {
                return CognitoFeedbackValue.COGNITO_FEEDBACK_INVALID;
            }
            throw new ArgumentException("FeedbackValue must be Valid or Invalid, not '" + value.Value + "'.", "FeedbackValue");
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(GetType().FullName);
            }
        }

        private static T CheckNotNull<T>(T value, string name) where T : class
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }
            return value;
        }
    }
}
