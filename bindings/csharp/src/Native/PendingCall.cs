using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback.Model;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Native
{
    /// <summary>
    /// One UpdateAuthEventFeedbackAsync call handed to the native completion API: the task it
    /// completes, and everything that must stay alive until the library's callback has run. The
    /// callback delegate is static, so it lives for the process; the call reaches its state
    /// through a GCHandle passed as user data and freed by the callback. No .NET thread waits
    /// for the call: the callback runs on a thread of the library's pool.
    /// </summary>
    internal sealed class PendingCall
    {
        private static readonly NativeCompletionCallback Callback = OnComplete;

        private readonly TaskCompletionSource<UpdateAuthEventFeedbackResponse> _completion =
            new TaskCompletionSource<UpdateAuthEventFeedbackResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationToken _cancellationToken;
        // Keeps the client's managed side (its log sink's delegate) alive while the library may
        // still call it for this call, even after the client was disposed.
        private readonly ClientHandle _client;
        private readonly CancelTokenHandle _token;
        private readonly CancellationTokenRegistration _registration;
        private readonly Func<ResponseHandle, UpdateAuthEventFeedbackResponse> _responseOf;

        private PendingCall(
            ClientHandle client,
            CancellationToken cancellationToken,
            CancelTokenHandle token,
            Func<ResponseHandle, UpdateAuthEventFeedbackResponse> responseOf)
        {
            _client = client;
            _cancellationToken = cancellationToken;
            _token = token;
            _responseOf = responseOf;
            // Registered before the call starts, so a cancellation at any moment reaches it; the
            // callback disposes the registration (waiting for a cancel in progress) before it
            // frees the token.
            _registration = cancellationToken.CanBeCanceled
                ? cancellationToken.Register(CancelNative, token)
                : default(CancellationTokenRegistration);
        }

        /// <summary>
        /// Starts the call: <paramref name="request"/> is copied by the library before this
        /// returns. The task completes with the response, the call's exception, or as cancelled
        /// (with <paramref name="cancellationToken"/>) when that token ended it.
        /// </summary>
        internal static Task<UpdateAuthEventFeedbackResponse> Start(
            ClientHandle client,
            NativeFeedbackRequest request,
            CancellationToken cancellationToken,
            Func<ResponseHandle, UpdateAuthEventFeedbackResponse> responseOf)
        {
            CancelTokenHandle token = CancelTokenHandle.None();
            if (cancellationToken.CanBeCanceled)
            {
                CognitoStatus created = NativeMethods.cognito_cancel_token_new(out token);
                if (created != CognitoStatus.COGNITO_OK)
                {
                    token.Dispose();
                    throw new AmazonClientException("Could not create a cancel token (" + NativeErrors.StatusName(created) + ").");
                }
            }
            PendingCall call = new PendingCall(client, cancellationToken, token, responseOf);
            GCHandle self = GCHandle.Alloc(call);
            ErrorHandle error;
            CognitoStatus status = NativeMethods.cognito_update_auth_event_feedback_async(
                client, ref request, token, Callback, GCHandle.ToIntPtr(self), out error);
            if (status != CognitoStatus.COGNITO_OK)
            {
                // Not accepted: the callback will never run.
                self.Free();
                using (error)
                {
                    call.Release();
                    throw NativeErrors.ToException(status, error, cancellationToken);
                }
            }
            return call._completion.Task;
        }

        private static void CancelNative(object token)
        {
            NativeMethods.cognito_cancel_token_cancel((CancelTokenHandle)token);
        }

        /// <summary>The library's callback. Nothing may unwind into the library.</summary>
        private static void OnComplete(CognitoStatus status, IntPtr response, IntPtr error, IntPtr userData)
        {
            ResponseHandle responseHandle = new ResponseHandle();
            ErrorHandle errorHandle = new ErrorHandle();
            try
            {
                responseHandle.Own(response);
                errorHandle.Own(error);
                GCHandle self = GCHandle.FromIntPtr(userData);
                PendingCall call = (PendingCall)self.Target;
                self.Free();
                call.Finish(status, responseHandle, errorHandle);
            }
            catch (Exception)
            {
                // Only a bug can land here (Finish catches what the outcome's conversion throws);
                // the task then stays pending rather than the process going down.
            }
            finally
            {
                responseHandle.Dispose();
                errorHandle.Dispose();
            }
        }

        private void Finish(CognitoStatus status, ResponseHandle response, ErrorHandle error)
        {
            Release();
            try
            {
                if (status == CognitoStatus.COGNITO_OK)
                {
                    _completion.TrySetResult(_responseOf(response));
                }
                else if (status == CognitoStatus.COGNITO_CANCELLED && _cancellationToken.IsCancellationRequested)
                {
                    _completion.TrySetCanceled(_cancellationToken);
                }
                else if (status == CognitoStatus.COGNITO_CANCELLED && _client.IsClosed)
                {
                    _completion.TrySetException(new ObjectDisposedException(
                        typeof(AmazonCognitoIdentityProviderClient).FullName,
                        "The client was disposed before the call started; nothing was sent."));
                }
                else
                {
                    _completion.TrySetException(NativeErrors.ToException(status, error, _cancellationToken));
                }
            }
            catch (Exception e)
            {
                _completion.TrySetException(e);
            }
        }

        /// <summary>Ends the cancellation registration (waiting for a cancel in progress), then frees the native token.</summary>
        private void Release()
        {
            _registration.Dispose();
            _token.Dispose();
        }
    }
}
