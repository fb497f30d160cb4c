using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>Many tasks on one client at once.</summary>
    internal static class ConcurrencyTests
    {
        private static readonly string[][] Users =
        {
            new[] { "alice", "evt-alice-1", "tok-alice-1.AbC=" },
            new[] { "Zoë", "evt-zoe-1", "tok-zoe-1.GhI=" },
            new[] { "山田太郎", "evt-taro-1", "tok-taro-1.JkL=" },
            new[] { "\U0001F980crab", "evt-crab-1", "tok-crab-1.MnO=" },
        };

        [Test]
        public static void SixtyFourConcurrentCallsOnOneClientAllSucceed()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(null))
            {
                List<Task<UpdateAuthEventFeedbackResponse>> tasks = Enumerable.Range(0, 64)
                    .Select(i => client.UpdateAuthEventFeedbackAsync(Fixture.Request(
                        Users[i % 4][0], Users[i % 4][1], Users[i % 4][2],
                        i % 2 == 0 ? FeedbackValueType.Valid : FeedbackValueType.Invalid)))
                    .ToList();
                Assert.Finishes(Task.WhenAll(tasks), TimeSpan.FromSeconds(50), "64 calls");
                foreach (Task<UpdateAuthEventFeedbackResponse> task in tasks)
                {
                    Assert.Equal(TaskStatus.RanToCompletion, task.Status, "status of a call");
                    Assert.Equal(HttpStatusCode.OK, task.Result.HttpStatusCode, "HttpStatusCode");
                }
                int distinct = tasks.Select(t => t.Result.ResponseMetadata.RequestId).Distinct().Count();
                Assert.Equal(64, distinct, "distinct request ids");
            }
        }

        [Test]
        public static void ConcurrentFailuresEachGetTheirOwnError()
        {
            // Errors travel in per-call objects, never a shared "last error": each task must get
            // the exception of its own event even when they interleave.
            string[] events = { "evt-user-not-found", "evt-not-authorized", "evt-resource-not-found", "evt-add-on-not-enabled" };
            Type[] expected = { typeof(UserNotFoundException), typeof(NotAuthorizedException), typeof(ResourceNotFoundException), typeof(UserPoolAddOnNotEnabledException) };
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(null))
            {
                List<Task> tasks = Enumerable.Range(0, 32)
                    .Select(i => (Task)client.UpdateAuthEventFeedbackAsync(Fixture.Scripted(events[i % 4])))
                    .ToList();
                Assert.Finishes(Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }))), TimeSpan.FromSeconds(50), "32 calls");
                for (int i = 0; i < tasks.Count; i++)
                {
                    Assert.True(tasks[i].IsFaulted, "call " + i + " failed");
                    Assert.Equal(expected[i % 4], tasks[i].Exception.InnerException.GetType(), "exception of call " + i);
                }
            }
        }
    }
}
