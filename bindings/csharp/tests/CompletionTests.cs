using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>
    /// The async method over the native completion API: calls in flight hold no .NET thread,
    /// a queued call cancels at once, disposing the client fails queued calls, and the callback
    /// survives garbage collections while calls are pending.
    /// </summary>
    internal static class CompletionTests
    {
        /// <summary>A bound for a stuck test, not a speed target.</summary>
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        private static int PoolWorkersInUse()
        {
            int maxWorkers, maxIo, availableWorkers, availableIo;
            ThreadPool.GetMaxThreads(out maxWorkers, out maxIo);
            ThreadPool.GetAvailableThreads(out availableWorkers, out availableIo);
            return maxWorkers - availableWorkers;
        }

        /// <summary>Lets requests reach the stalling emulator (a state the test then checks, not a speed).</summary>
        private static void LetThemStart()
        {
            Thread.Sleep(300);
        }

        [Test]
        public static void CallsInFlightHoldNoThreadPoolThread()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c => c.MaxConcurrency = 8))
            using (CancellationTokenSource cts = new CancellationTokenSource())
            {
                int before = PoolWorkersInUse();
                Task<UpdateAuthEventFeedbackResponse>[] tasks = Enumerable.Range(0, 100)
                    .Select(i => client.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"), cts.Token))
                    .ToArray();
                LetThemStart();
                // The delegate and each call's state must survive collections while the library holds them.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                Assert.True(tasks.All(t => !t.IsCompleted), "every stalled call is pending");
                int during = PoolWorkersInUse();
                Assert.True(during <= before + 1,
                    "100 calls in flight use " + during + " thread-pool workers (" + before + " before)");
                cts.Cancel();
                Assert.Finishes(Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }))), Patience, "the cancelled calls");
                Assert.True(tasks.All(t => t.IsCanceled), "every call ends cancelled");
                Assert.Equal(HttpStatusCode.OK, client.UpdateAuthEventFeedbackAsync(Fixture.Alice()).Result.HttpStatusCode, "HttpStatusCode after");
            }
        }

        [Test]
        public static void ACancelledQueuedCallEndsWhileTheRunningOneGoesOn()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c => c.MaxConcurrency = 1))
            using (CancellationTokenSource running = new CancellationTokenSource())
            using (CancellationTokenSource queued = new CancellationTokenSource())
            {
                Task first = client.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"), running.Token);
                LetThemStart();
                Task<UpdateAuthEventFeedbackResponse> second = client.UpdateAuthEventFeedbackAsync(Fixture.Alice(), queued.Token);
                queued.Cancel();
                TaskCanceledException e = Assert.ThrowsAsync<TaskCanceledException>(second, Patience);
                Assert.Equal(queued.Token, e.CancellationToken, "CancellationToken");
                Assert.True(!first.IsCompleted, "the running call goes on");
                running.Cancel();
                Assert.ThrowsAsync<TaskCanceledException>(first, Patience);
            }
        }

        [Test]
        public static void DisposingTheClientFailsQueuedCallsAndLetsTheRunningOneEnd()
        {
            AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c => c.MaxConcurrency = 1);
            using (CancellationTokenSource running = new CancellationTokenSource())
            {
                Task first = client.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-stall"), running.Token);
                LetThemStart();
                Task[] queued = Enumerable.Range(0, 3)
                    .Select(i => (Task)client.UpdateAuthEventFeedbackAsync(Fixture.Alice()))
                    .ToArray();
                client.Dispose();
                foreach (Task task in queued)
                {
                    Assert.ThrowsAsync<ObjectDisposedException>(task, Patience);
                }
                Assert.True(!first.IsCompleted, "the running call goes on");
                running.Cancel();
                Assert.ThrowsAsync<TaskCanceledException>(first, Patience);
            }
        }

        [Test]
        public static void MaxConcurrencyMustBePositive()
        {
            AmazonCognitoIdentityProviderConfig config = new AmazonCognitoIdentityProviderConfig();
            Assert.Throws<ArgumentOutOfRangeException>(() => config.MaxConcurrency = 0);
            Assert.Equal(null, config.MaxConcurrency, "MaxConcurrency unset");
            config.MaxConcurrency = 3;
            Assert.Equal(3, config.MaxConcurrency.Value, "MaxConcurrency");
        }
    }
}
