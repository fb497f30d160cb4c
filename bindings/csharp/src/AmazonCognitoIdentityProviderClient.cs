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
        /// an unreadable CA bundle, ...). The settings are read now: changing
        /// <paramref name="config"/> later does not change the client.
        /// </summary>
        public AmazonCognitoIdentityProviderClient(AmazonCognitoIdentityProviderConfig config)
        {
            string endpoint;
            _handle = NativeClientBuilder.Build(CheckNotNull(config, "config"), out endpoint);
            Endpoint = endpoint;
            Config = config;
        }

        // The SDK's constructors with credentials. UpdateAuthEventFeedback is unauthenticated:
        // nothing is signed, so the credentials are checked for null and otherwise unused.

        /// <summary>A client whose settings come from the environment and the defaults; <paramref name="credentials"/> is not used (the call is unsigned).</summary>
        public AmazonCognitoIdentityProviderClient(AWSCredentials credentials)
            : this(credentials, new AmazonCognitoIdentityProviderConfig())
        {
        }

        /// <summary>A client for the given region; <paramref name="credentials"/> is not used (the call is unsigned).</summary>
        public AmazonCognitoIdentityProviderClient(AWSCredentials credentials, RegionEndpoint region)
            : this(credentials, new AmazonCognitoIdentityProviderConfig { RegionEndpoint = CheckNotNull(region, "region") })
        {
        }

        /// <summary>A client with the given settings; <paramref name="credentials"/> is not used (the call is unsigned).</summary>
        public AmazonCognitoIdentityProviderClient(AWSCredentials credentials, AmazonCognitoIdentityProviderConfig config)
            : this(Unused(CheckNotNull(credentials, "credentials"), config))
        {
        }

        /// <summary>A client whose settings come from the environment and the defaults; the keys are not used (the call is unsigned).</summary>
        public AmazonCognitoIdentityProviderClient(string awsAccessKeyId, string awsSecretAccessKey)
            : this(new BasicAWSCredentials(awsAccessKeyId, awsSecretAccessKey))
        {
        }

        /// <summary>A client for the given region; the keys are not used (the call is unsigned).</summary>
        public AmazonCognitoIdentityProviderClient(string awsAccessKeyId, string awsSecretAccessKey, RegionEndpoint region)
            : this(new BasicAWSCredentials(awsAccessKeyId, awsSecretAccessKey), region)
        {
        }

        /// <summary>A client with the given settings; the keys are not used (the call is unsigned).</summary>
        public AmazonCognitoIdentityProviderClient(
            string awsAccessKeyId, string awsSecretAccessKey, AmazonCognitoIdentityProviderConfig config)
            : this(new BasicAWSCredentials(awsAccessKeyId, awsSecretAccessKey), config)
        {
        }

        /// <summary>The settings the client was built from.</summary>
        public AmazonCognitoIdentityProviderConfig Config { get; private set; }

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
        /// <exception cref="InvalidParameterException">A request member is missing or breaks the service's constraints, found before sending (<see cref="InvalidParameterException.ParameterName"/> names it; the inner exception is the <see cref="ArgumentException"/> earlier versions threw); nothing was sent.</exception>
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

        /// <summary>
        /// Starts <see cref="UpdateAuthEventFeedbackAsync"/> in the SDK's .NET Framework 3.5 style:
        /// <paramref name="callback"/> (may be null) runs once the call has ended, with the
        /// returned <see cref="IAsyncResult"/>, whose <see cref="IAsyncResult.AsyncState"/> is
        /// <paramref name="state"/>. Pass it to <see cref="EndUpdateAuthEventFeedback"/> for the
        /// response or the call's exception.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public IAsyncResult BeginUpdateAuthEventFeedback(
            UpdateAuthEventFeedbackRequest request, AsyncCallback callback, object state)
        {
            Task<UpdateAuthEventFeedbackResponse> call = UpdateAuthEventFeedbackAsync(request);
            TaskCompletionSource<UpdateAuthEventFeedbackResponse> result =
                new TaskCompletionSource<UpdateAuthEventFeedbackResponse>(state, TaskCreationOptions.RunContinuationsAsynchronously);
            call.ContinueWith(
                finished =>
                {
                    if (finished.IsFaulted)
                    {
                        result.TrySetException(finished.Exception.InnerExceptions);
                    }
                    else if (finished.IsCanceled)
                    {
                        result.TrySetCanceled();
                    }
                    else
                    {
                        result.TrySetResult(finished.Result);
                    }
                    if (callback != null)
                    {
                        callback(result.Task);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return result.Task;
        }

        /// <summary>
        /// Waits for the call <see cref="BeginUpdateAuthEventFeedback"/> started and returns its
        /// response, or throws its exception (the same as <see cref="UpdateAuthEventFeedback"/>
        /// throws, not wrapped).
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="asyncResult"/> did not come from <see cref="BeginUpdateAuthEventFeedback"/>.</exception>
        public UpdateAuthEventFeedbackResponse EndUpdateAuthEventFeedback(IAsyncResult asyncResult)
        {
            Task<UpdateAuthEventFeedbackResponse> call = asyncResult as Task<UpdateAuthEventFeedbackResponse>;
            if (call == null)
            {
                throw new ArgumentException("asyncResult must come from BeginUpdateAuthEventFeedback.", "asyncResult");
            }
            return call.GetAwaiter().GetResult();
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

        /// <summary>A request member as native UTF-8 in <paramref name="strings"/>; a missing member or one that cannot cross as UTF-8 is an InvalidParameterException.</summary>
        private static IntPtr Member(Utf8Buffers strings, string value, string member)
        {
            try
            {
                return strings.Add(Required(value, member), member);
            }
            catch (ArgumentException e)
            {
                throw LocalValidation.Exception(e);
            }
        }

        /// <summary>The native request for <paramref name="request"/>, its strings in <paramref name="strings"/>.</summary>
        private static NativeFeedbackRequest NativeRequest(UpdateAuthEventFeedbackRequest request, Utf8Buffers strings)
        {
            return new NativeFeedbackRequest
            {
                user_pool_id = Member(strings, request.UserPoolId, "UserPoolId"),
                username = Member(strings, request.Username, "Username"),
                event_id = Member(strings, request.EventId, "EventId"),
                feedback_token = Member(strings, request.FeedbackToken, "FeedbackToken"),
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
                string message = member + " is required.";
                throw LocalValidation.Exception(message, new ArgumentNullException(member, message));
            }
            return value;
        }

        private static CognitoFeedbackValue FeedbackValueOf(FeedbackValueType value)
        {
            if (value == null)
            {
                const string message = "FeedbackValue is required: Valid or Invalid.";
                throw LocalValidation.Exception(message, new ArgumentNullException("FeedbackValue", message));
            }
            if (value == FeedbackValueType.Valid)
            {
                return CognitoFeedbackValue.COGNITO_FEEDBACK_VALID;
            }
            if (value == FeedbackValueType.Invalid)
            {
                return CognitoFeedbackValue.COGNITO_FEEDBACK_INVALID;
            }
            string invalid = "FeedbackValue must be Valid or Invalid, not '" + value.Value + "'.";
            throw LocalValidation.Exception(invalid, new ArgumentException(invalid, "FeedbackValue"));
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(GetType().FullName);
            }
        }

        /// <summary><paramref name="config"/>, once <paramref name="credentials"/> was checked (and is then not used).</summary>
        private static AmazonCognitoIdentityProviderConfig Unused(AWSCredentials credentials, AmazonCognitoIdentityProviderConfig config)
        {
            return config;
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
