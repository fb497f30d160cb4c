using System;
using System.Threading.Tasks;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>
    /// Bad input fails before anything is sent, naming the member. The client here points at a
    /// port nothing listens on, so an input that reached the network would fail to connect
    /// (AmazonClientException) instead of the ArgumentException these tests expect.
    /// </summary>
    internal static class ValidationTests
    {
        [Test]
        public static void EmptyUserPoolId()
        {
            Rejected(r => r.UserPoolId = "", "UserPoolId");
        }

        [Test]
        public static void UserPoolIdWithoutItsRegionPrefix()
        {
            Rejected(r => r.UserPoolId = "PlusPool1", "UserPoolId");
        }

        [Test]
        public static void UserPoolIdLongerThan55()
        {
            Rejected(r => r.UserPoolId = "us-east-1_" + new string('a', 46), "UserPoolId");
        }

        [Test]
        public static void EmptyUsername()
        {
            Rejected(r => r.Username = "", "Username");
        }

        [Test]
        public static void UsernameLongerThan128()
        {
            Rejected(r => r.Username = new string('a', 129), "Username");
        }

        [Test]
        public static void UsernameWithASpaceIsRejectedWithoutRepeatingIt()
        {
            ArgumentException e = Rejected(r => r.Username = "secret name", "Username");
            Assert.DoesNotContain("secret name", e.Message, "message");
        }

        [Test]
        public static void UsernameWithANulCharacter()
        {
            ArgumentException e = Rejected(r => r.Username = "ali\0ce", "Username");
            Assert.DoesNotContain("ali", e.Message, "message");
        }

        [Test]
        public static void UsernameWithALoneSurrogate()
        {
            Rejected(r => r.Username = "alice\uD83E", "Username");
        }

        [Test]
        public static void EventIdWithASpace()
        {
            Rejected(r => r.EventId = "evt alice", "EventId");
        }

        [Test]
        public static void EventIdLongerThan50()
        {
            Rejected(r => r.EventId = new string('e', 51), "EventId");
        }

        [Test]
        public static void FeedbackTokenOutsideItsAlphabetIsRejectedWithoutRepeatingIt()
        {
            ArgumentException e = Rejected(r => r.FeedbackToken = "tok!secret", "FeedbackToken");
            Assert.DoesNotContain("tok!secret", e.Message, "message");
        }

        [Test]
        public static void FeedbackValueOtherThanValidOrInvalid()
        {
            Rejected(r => r.FeedbackValue = "Maybe", "FeedbackValue");
            Rejected(r => r.FeedbackValue = "valid", "FeedbackValue");
        }

        [Test]
        public static void EachMissingMemberIsNamed()
        {
            Missing(r => r.UserPoolId = null, "UserPoolId");
            Missing(r => r.Username = null, "Username");
            Missing(r => r.EventId = null, "EventId");
            Missing(r => r.FeedbackToken = null, "FeedbackToken");
            Missing(r => r.FeedbackValue = null, "FeedbackValue");
        }

        [Test]
        public static void NullRequest()
        {
            using (AmazonCognitoIdentityProviderClient client = DeadClient())
            {
                Assert.Equal("request", Assert.Throws<ArgumentNullException>(
                    () => client.UpdateAuthEventFeedback(null)).ParamName, "ParamName");
                Assert.Equal("request", Assert.Throws<ArgumentNullException>(
                    () => client.UpdateAuthEventFeedbackAsync(null)).ParamName, "ParamName (async)");
            }
        }

        [Test]
        public static void AsyncValidationFailsTheTask()
        {
            using (AmazonCognitoIdentityProviderClient client = DeadClient())
            {
                UpdateAuthEventFeedbackRequest request = Fixture.Alice();
                request.EventId = "";
                Task task = client.UpdateAuthEventFeedbackAsync(request);
                ArgumentException e = Assert.ThrowsAsync<ArgumentException>(task, TimeSpan.FromSeconds(30));
                Assert.Equal("EventId", e.ParamName, "ParamName");
            }
        }

        [Test]
        public static void TheDeadEndpointReallyFailsToConnect()
        {
            // The control for every test above.
            using (AmazonCognitoIdentityProviderClient client = DeadClient())
            {
                Assert.Throws<Runtime.AmazonClientException>(() => client.UpdateAuthEventFeedback(Fixture.Alice()));
            }
        }

        private static AmazonCognitoIdentityProviderClient DeadClient()
        {
            return Fixture.NewClient(c =>
            {
                c.ServiceURL = Fixture.DeadEndpoint;
                c.MaxErrorRetry = 0;
            });
        }

        private static ArgumentException Rejected(Action<UpdateAuthEventFeedbackRequest> breakIt, string member)
        {
            UpdateAuthEventFeedbackRequest request = Fixture.Alice();
            breakIt(request);
            using (AmazonCognitoIdentityProviderClient client = DeadClient())
            {
                ArgumentException e = Assert.Throws<ArgumentException>(() => client.UpdateAuthEventFeedback(request));
                Assert.Equal(member, e.ParamName, "ParamName");
                Assert.DoesNotContain("tok-alice-1.AbC=", e.Message, "message");
                return e;
            }
        }

        private static void Missing(Action<UpdateAuthEventFeedbackRequest> breakIt, string member)
        {
            UpdateAuthEventFeedbackRequest request = Fixture.Alice();
            breakIt(request);
            using (AmazonCognitoIdentityProviderClient client = DeadClient())
            {
                ArgumentNullException e = Assert.Throws<ArgumentNullException>(() => client.UpdateAuthEventFeedback(request));
                Assert.Equal(member, e.ParamName, "ParamName");
            }
        }
    }
}
