using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback.Native;

namespace CognitoFeedback.Tests
{
    /// <summary>Dispose, use after Dispose, Dispose during a call, and the native cancel token.</summary>
    internal static class LifetimeTests
    {
        [Test]
        public static void DisposeTwiceIsHarmless()
        {
            AmazonCognitoIdentityProviderClient client = Fixture.NewClient(null);
            client.Dispose();
            client.Dispose();
        }

        [Test]
        public static void UseAfterDisposeThrowsObjectDisposed()
        {
            AmazonCognitoIdentityProviderClient client = Fixture.NewClient(null);
            client.Dispose();
            ObjectDisposedException e = Assert.Throws<ObjectDisposedException>(() => client.UpdateAuthEventFeedback(Fixture.Alice()));
            Assert.Equal(typeof(AmazonCognitoIdentityProviderClient).FullName, e.ObjectName, "ObjectName");
            Assert.Throws<ObjectDisposedException>(() => client.UpdateAuthEventFeedbackAsync(Fixture.Alice()));
        }

        [Test]
        public static void DisposeDuringACallLetsTheCallFinish()
        {
            string marker;
            AmazonCognitoIdentityProviderClient client = Fixture.NewMarkedClient(out marker, null);
            using (CancellationTokenSource cts = new CancellationTokenSource())
            {
                Task task = client.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"), cts.Token);
                try
                {
                    // The call is under way (the emulator has its request) when the client is disposed.
                    Fixture.WaitUntilTheEmulatorSaw(marker, TimeSpan.FromSeconds(20));
                    client.Dispose();
                    Assert.True(!task.IsCompleted, "the call is still running after Dispose");
                    Assert.Throws<ObjectDisposedException>(() => client.UpdateAuthEventFeedback(Fixture.Alice()));
                }
                finally
                {
                    // The native client is freed only when the call is over; cancelling it must work.
                    cts.Cancel();
                }
                Assert.ThrowsAsync<TaskCanceledException>(task, TimeSpan.FromSeconds(10));
            }
        }

        [Test]
        public static void ClientsLeftToTheFinalizerAreFreedSafely()
        {
            for (int i = 0; i < 20; i++)
            {
                Fixture.NewClient(null).UpdateAuthEventFeedback(Fixture.Alice());
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.Equal(HttpStatusCode.OK, Fixture.Shared.UpdateAuthEventFeedback(Fixture.Alice()).HttpStatusCode, "HttpStatusCode");
        }

        [Test]
        public static void NativeCancelTokenIsIdempotentAndFreedOnce()
        {
            CancelTokenHandle token;
            Assert.Equal(CognitoStatus.COGNITO_OK, NativeMethods.cognito_cancel_token_new(out token), "cognito_cancel_token_new");
            Assert.True(!NativeMethods.cognito_cancel_token_is_cancelled(token), "a new token is not cancelled");
            Assert.Equal(CognitoStatus.COGNITO_OK, NativeMethods.cognito_cancel_token_cancel(token), "first cancel");
            Assert.Equal(CognitoStatus.COGNITO_OK, NativeMethods.cognito_cancel_token_cancel(token), "second cancel");
            Assert.True(NativeMethods.cognito_cancel_token_is_cancelled(token), "the token is cancelled");
            token.Dispose();
            token.Dispose();
            Assert.True(token.IsClosed, "the handle is closed");
            Assert.Throws<ObjectDisposedException>(() => NativeMethods.cognito_cancel_token_cancel(token));
        }

        [Test]
        public static void AnEmptyCancelTokenHandleCrossesAsNull()
        {
            // The sync call relies on this: NULL means "not cancellable" to the library.
            using (CancelTokenHandle none = CancelTokenHandle.None())
            {
                Assert.True(!NativeMethods.cognito_cancel_token_is_cancelled(none), "NULL is not cancelled");
                Assert.Equal(CognitoStatus.COGNITO_INVALID_ARGUMENT, NativeMethods.cognito_cancel_token_cancel(none), "cancel(NULL)");
            }
        }
    }
}
