using System;
using System.Threading.Tasks;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>
    /// Bad input fails before anything is sent, as the InvalidParameterException SDK handlers
    /// catch, naming the member, with the ArgumentException earlier versions threw inside. The
    /// client here points at a port nothing listens on, so an input that reached the network
    /// would fail to connect (AmazonClientException) instead.
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
                InvalidParameterException e = Assert.ThrowsAsync<InvalidParameterException>(task, TimeSpan.FromSeconds(30));
                Assert.Equal("EventId", e.ParameterName, "ParameterName");
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
                ArgumentException e = Inner(Assert.Throws<InvalidParameterException>(() => client.UpdateAuthEventFeedback(request)), member);
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
                ArgumentException e = Inner(Assert.Throws<InvalidParameterException>(() => client.UpdateAuthEventFeedback(request)), member);
                Assert.True(e is ArgumentNullException, "a missing member is an ArgumentNullException inside");
            }
        }

        /// <summary>
        /// Checks the service-shaped exception of a local validation failure (no request id, no
        /// status, the member named) and returns the ArgumentException inside it.
        /// </summary>
        private static ArgumentException Inner(InvalidParameterException e, string member)
        {
            Assert.Equal(member, e.ParameterName, "ParameterName");
            Assert.Equal("InvalidParameterException", e.ErrorCode, "ErrorCode");
            Assert.Equal(null, e.RequestId, "RequestId");
            Assert.Equal(0, (int)e.StatusCode, "StatusCode: nothing was sent");
            Assert.Equal(Runtime.ErrorType.Sender, e.ErrorType, "ErrorType");
            Assert.True(e.Retryable == null, "not retryable");
            Assert.True(e is AmazonCognitoIdentityProviderException, "an AmazonCognitoIdentityProviderException");
            Assert.Contains(member, e.Message, "the message names the member");
            ArgumentException inner = e.InnerException as ArgumentException;
            Assert.True(inner != null, "the ArgumentException is the inner exception");
            Assert.Equal(member, inner.ParamName, "inner ParamName");
            Assert.DoesNotContain("Parameter name", e.Message, "no runtime suffix");
            return inner;
        }
    }
}
