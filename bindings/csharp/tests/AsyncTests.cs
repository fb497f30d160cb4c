using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>The async method: success, cancellation before and during a call, timeouts.</summary>
    internal static class AsyncTests
    {
        /// <summary>How long a cancelled call may take to end (the requirement; typically a few ms).</summary>
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

        /// <summary>Cancellations measured by <see cref="CancelledDuringTheCallEndsItPromptly"/>.</summary>
        private const int Rounds = 5;

        /// <summary>
        /// Each round: a call the emulator sits on (it has the request), then the cancellation,
        /// timed until the native call returns: the library's last log line, which it writes on
        /// the calling thread just before returning. The median must meet the bound; every round
        /// must end far sooner than any timeout (on a busy machine one round may be scheduled
        /// late, which says nothing about cancellation). The task then ends cancelled.
        /// </summary>
        [Test]
        public static void CancelledDuringTheCallEndsItPromptly()
        {
            long returnedAt = 0;
            string marker;
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewMarkedClient(out marker, c =>
            {
                c.LogLevel = LogLevel.Info;
                c.LogCallback = (level, message) =>
                {
                    if (message.StartsWith("UpdateAuthEventFeedback failed"))
                    {
                        Interlocked.Exchange(ref returnedAt, Stopwatch.GetTimestamp());
                    }
                };
            }))
            {
                List<double> latencies = new List<double>();
                for (int round = 1; round <= Rounds; round++)
                {
                    using (CancellationTokenSource cts = new CancellationTokenSource())
                    {
                        Interlocked.Exchange(ref returnedAt, 0);
                        Task<UpdateAuthEventFeedbackResponse> task =
                            client.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"), cts.Token);
                        long cancelledAt;
                        try
                        {
                            // The request has reached the stalling emulator: only the cancel can end it.
                            Fixture.WaitUntilTheEmulatorSaw(marker, round, TimeSpan.FromSeconds(20));
                            Assert.True(!task.IsCompleted, "the stalled call is still running before the cancellation");
                        }
                        finally
                        {
                            cancelledAt = Stopwatch.GetTimestamp();
                            cts.Cancel();
                        }
                        Assert.Finishes(task, TimeSpan.FromSeconds(10), "the cancelled call");
                        Assert.True(task.IsCanceled, "the task is cancelled (status " + task.Status + ")");
                        Assert.ThrowsAsync<TaskCanceledException>(task, TimeSpan.Zero);
                        long returned = Interlocked.Read(ref returnedAt);
                        Assert.True(returned != 0, "the library logged the call's end");
                        latencies.Add((returned - cancelledAt) * 1000.0 / Stopwatch.Frequency);
                    }
                }
                latencies.Sort();
                string figures = string.Join(", ", latencies.Select(l => l.ToString("F1"))) + " ms";
                Console.WriteLine("  cancellation took " + figures);
                Assert.True(latencies[Rounds / 2] < CancelBound.TotalMilliseconds, "median over " + CancelBound.TotalMilliseconds + " ms: " + figures);
                Assert.True(latencies[Rounds - 1] < 1000, "a round took a second: " + figures);
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
