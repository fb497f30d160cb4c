using System;
using System.Diagnostics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>The async method: success, cancellation before and during a call, timeouts.</summary>
    internal static class AsyncTests
    {
        /// <summary>How long a cancelled call may take to end (the requirement; typically about 1 ms).</summary>
        private static readonly TimeSpan CancelBound = TimeSpan.FromMilliseconds(50);

        [Test]
        public static void AsyncSuccess()
        {
            using (CancellationTokenSource cts = new CancellationTokenSource())
            {
                Task<UpdateAuthEventFeedbackResponse> task = Fixture.Shared.UpdateAuthEventFeedbackAsync(Fixture.Alice(), cts.Token);
                Assert.Finishes(task, TimeSpan.FromSeconds(30), "the call");
                Assert.Equal(HttpStatusCode.OK, task.Result.HttpStatusCode, "HttpStatusCode");
                Assert.NotEmpty(task.Result.ResponseMetadata.RequestId, "RequestId");
            }
        }

        [Test]
        public static void AsyncSuccessWithoutAToken()
        {
            Task<UpdateAuthEventFeedbackResponse> task = Fixture.Shared.UpdateAuthEventFeedbackAsync(
                Fixture.Request("山田太郎", "evt-taro-1", "tok-taro-1.JkL=", FeedbackValueType.Invalid));
            Assert.Finishes(task, TimeSpan.FromSeconds(30), "the call");
            Assert.Equal(HttpStatusCode.OK, task.Result.HttpStatusCode, "HttpStatusCode");
        }

        [Test]
        public static void CancelledBeforeTheCallGivesACancelledTaskAtOnce()
        {
            using (CancellationTokenSource cts = new CancellationTokenSource())
            {
                cts.Cancel();
                // A stalled event: had the call been made, the task could not be complete yet.
                Task<UpdateAuthEventFeedbackResponse> task =
                    Fixture.Shared.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"), cts.Token);
                Assert.True(task.IsCanceled, "the task is cancelled as it is returned");
                TaskCanceledException e = Assert.ThrowsAsync<TaskCanceledException>(task, TimeSpan.Zero);
                Assert.Equal(cts.Token, e.CancellationToken, "CancellationToken");
            }
        }

        [Test]
        public static void CancelledDuringTheCallEndsItPromptly()
        {
            string marker;
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewMarkedClient(out marker, null))
            using (CancellationTokenSource cts = new CancellationTokenSource())
            {
                Task<UpdateAuthEventFeedbackResponse> task =
                    client.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"), cts.Token);
                Stopwatch clock;
                try
                {
                    // The request has reached the stalling emulator: only the cancel can end it.
                    Fixture.WaitUntilTheEmulatorSaw(marker, TimeSpan.FromSeconds(20));
                    Assert.True(!task.IsCompleted, "the stalled call is still running before the cancellation");
                }
                finally
                {
                    clock = Stopwatch.StartNew();
                    cts.Cancel();
                }
                Assert.Finishes(task, TimeSpan.FromSeconds(10), "the cancelled call");
                TimeSpan latency = clock.Elapsed;
                Assert.True(task.IsCanceled, "the task is cancelled (status " + task.Status + ")");
                Assert.ThrowsAsync<TaskCanceledException>(task, TimeSpan.Zero);
                Assert.True(latency < CancelBound,
                    "the call ended " + latency.TotalMilliseconds + " ms after the cancellation");
                Console.WriteLine("  cancellation took " + latency.TotalMilliseconds.ToString("F1") + " ms");
            }
        }

        [Test]
        public static void TheClientStillWorksAfterACancelledCall()
        {
            string marker;
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewMarkedClient(out marker, null))
            using (CancellationTokenSource cts = new CancellationTokenSource())
            {
                Task task = client.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"), cts.Token);
                // Cancelled once the request is out, so the pooled connection it used is the one
                // the client must give up.
                Fixture.WaitUntilTheEmulatorSaw(marker, TimeSpan.FromSeconds(20));
                cts.Cancel();
                Assert.ThrowsAsync<TaskCanceledException>(task, TimeSpan.FromSeconds(10));
                Assert.Equal(HttpStatusCode.OK, client.UpdateAuthEventFeedback(Fixture.Alice()).HttpStatusCode, "HttpStatusCode");
            }
        }

        [Test]
        public static void AStalledCallRunsIntoTheTimeout()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c =>
            {
                c.Timeout = TimeSpan.FromMilliseconds(300);
                c.MaxErrorRetry = 0;
            }))
            {
                Stopwatch clock = Stopwatch.StartNew();
                Assert.Throws<TimeoutException>(() => client.UpdateAuthEventFeedback(Fixture.Scripted("evt-stall")));
                Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), "the attempt waited for its timeout");
            }
        }

        [Test]
        public static void TheTotalTimeoutBoundsTheWholeCall()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c => c.TotalTimeout = TimeSpan.FromMilliseconds(400)))
            {
                Task task = client.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"));
                Assert.ThrowsAsync<TimeoutException>(task, TimeSpan.FromSeconds(10));
            }
        }
    }
}
