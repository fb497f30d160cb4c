using System;
using System.Net;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>Calls the emulator answers with success, ASCII and not.</summary>
    internal static class SuccessTests
    {
        [Test]
        public static void ValidFeedbackSucceedsWithTheResponseMetadata()
        {
            UpdateAuthEventFeedbackResponse response = Fixture.Shared.UpdateAuthEventFeedback(Fixture.Alice());
            Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode, "HttpStatusCode");
            Assert.Equal(2L, response.ContentLength, "ContentLength (the body {})");
            Assert.NotEmpty(response.ResponseMetadata.RequestId, "RequestId");
            Assert.Equal(1, response.ResponseMetadata.Attempts, "Attempts");
        }

        [Test]
        public static void InvalidFeedbackSucceeds()
        {
            UpdateAuthEventFeedbackRequest request = Fixture.Request(
                "alice", "evt-alice-2", "tok-alice-2.DeF=", FeedbackValueType.Invalid);
            Assert.Equal(HttpStatusCode.OK, Fixture.Shared.UpdateAuthEventFeedback(request).HttpStatusCode, "HttpStatusCode");
        }

        [Test]
        public static void FeedbackValueFromItsWireString()
        {
            UpdateAuthEventFeedbackRequest request = Fixture.Alice();
            request.FeedbackValue = "Valid";
            Assert.True(ReferenceEquals(FeedbackValueType.Valid, request.FeedbackValue), "\"Valid\" is FeedbackValueType.Valid");
            Assert.Equal(HttpStatusCode.OK, Fixture.Shared.UpdateAuthEventFeedback(request).HttpStatusCode, "HttpStatusCode");
        }

        [Test]
        public static void UsernameWithALatinDiaeresis()
        {
            AssertSucceeds("Zoë", "evt-zoe-1", "tok-zoe-1.GhI=");
        }

        [Test]
        public static void UsernameInKanji()
        {
            AssertSucceeds("山田太郎", "evt-taro-1", "tok-taro-1.JkL=");
        }

        [Test]
        public static void UsernameWithAnAstralPlaneEmoji()
        {
            AssertSucceeds("\U0001F980crab", "evt-crab-1", "tok-crab-1.MnO=");
        }

        [Test]
        public static void UsernameWithoutItsDiaeresisIsAnotherUser()
        {
            // The control for the tests above: the emulator tells the names apart, so their
            // success shows the exact UTF-8 bytes arrived.
            Assert.Throws<UserNotFoundException>(() => Fixture.Shared.UpdateAuthEventFeedback(
                Fixture.Request("Zoe", "evt-zoe-1", "tok-zoe-1.GhI=", FeedbackValueType.Valid)));
        }

        private static void AssertSucceeds(string username, string eventId, string token)
        {
            UpdateAuthEventFeedbackResponse response = Fixture.Shared.UpdateAuthEventFeedback(
                Fixture.Request(username, eventId, token, FeedbackValueType.Valid));
            Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode, "HttpStatusCode");
            Assert.NotEmpty(response.ResponseMetadata.RequestId, "RequestId");
        }
    }
}
