using System;
using System.Collections.Generic;
using System.Net;
using CognitoFeedback.Model;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Tests
{
    /// <summary>Each error the emulator's scripted EventIds answer, as the SDK's exceptions.</summary>
    internal static class ServiceErrorTests
    {
        [Test]
        public static void InvalidParameterWithItsReasonCode()
        {
            InvalidParameterException e = Expect<InvalidParameterException>(
                "evt-invalid-parameter", "InvalidParameterException", "Feedback for this event cannot be updated.",
                HttpStatusCode.BadRequest, ErrorType.Sender);
            Assert.Equal("INVALID_FEEDBACK_STATE", e.ReasonCode, "ReasonCode");
            Assert.Equal(1, e.Attempts, "Attempts");
        }

        [Test]
        public static void ResourceNotFound()
        {
            Expect<ResourceNotFoundException>(
                "evt-resource-not-found", "ResourceNotFoundException", "User pool us-east-1_Gone0 does not exist.",
                HttpStatusCode.BadRequest, ErrorType.Sender);
        }

        [Test]
        public static void TooManyRequestsIsRetriedAsMaxErrorRetrySays()
        {
            TooManyRequestsException e = Expect<TooManyRequestsException>(
                "evt-too-many-requests", "TooManyRequestsException", "Rate exceeded",
                HttpStatusCode.BadRequest, ErrorType.Sender);
            Assert.Equal(2, e.Attempts, "Attempts (MaxErrorRetry 1)");
            Assert.True(e.Retryable != null && e.Retryable.ThrottlingError, "Retryable, as throttling");
        }

        [Test]
        public static void NotAuthorized()
        {
            Expect<NotAuthorizedException>(
                "evt-not-authorized", "NotAuthorizedException", "Invalid feedback token.",
                HttpStatusCode.BadRequest, ErrorType.Sender);
        }

        [Test]
        public static void UserNotFound()
        {
            Expect<UserNotFoundException>(
                "evt-user-not-found", "UserNotFoundException", "User does not exist.",
                HttpStatusCode.BadRequest, ErrorType.Sender);
        }

        [Test]
        public static void UserPoolAddOnNotEnabled()
        {
            Expect<UserPoolAddOnNotEnabledException>(
                "evt-add-on-not-enabled", "UserPoolAddOnNotEnabledException",
                "Threat protection is not enabled for this user pool.", HttpStatusCode.BadRequest, ErrorType.Sender);
        }

        [Test]
        public static void OperationNotEnabled()
        {
            Expect<OperationNotEnabledException>(
                "evt-operation-not-enabled", "OperationNotEnabledException",
                "This operation is not available in a replica region of this user pool.",
                HttpStatusCode.BadRequest, ErrorType.Sender);
        }

        [Test]
        public static void InternalErrorIsTheReceiversFaultAndRetried()
        {
            InternalErrorException e = Expect<InternalErrorException>(
                "evt-internal-error", "InternalErrorException", "Internal server error.",
                HttpStatusCode.InternalServerError, ErrorType.Receiver);
            Assert.Equal(2, e.Attempts, "Attempts (MaxErrorRetry 1)");
            Assert.True(e.Retryable != null && !e.Retryable.ThrottlingError, "Retryable, not throttling");
        }

        [Test]
        public static void AnUnknownCodeIsTheBaseExceptionWithTheCodeIntact()
        {
            Expect<AmazonCognitoIdentityProviderException>(
                "evt-unknown-code", "FeedbackGremlinException", "A code this client has never heard of.",
                HttpStatusCode.BadRequest, ErrorType.Sender);
        }

        [Test]
        public static void MaxErrorRetryZeroMakesOneAttempt()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c => c.MaxErrorRetry = 0))
            {
                InternalErrorException e = Assert.Throws<InternalErrorException>(
                    () => client.UpdateAuthEventFeedback(Fixture.Scripted("evt-internal-error")));
                Assert.Equal(1, e.Attempts, "Attempts");
            }
        }

        [Test]
        public static void ServiceErrorsComeThroughTheAsyncMethodToo()
        {
            UserNotFoundException e = Assert.ThrowsAsync<UserNotFoundException>(
                Fixture.Shared.UpdateAuthEventFeedbackAsync(Fixture.Scripted("evt-user-not-found")),
                TimeSpan.FromSeconds(30));
            Assert.Equal("UserNotFoundException", e.ErrorCode, "ErrorCode");
        }

        [Test]
        public static void HostileServerTextIsEscapedInMessageAndRawInServiceMessage()
        {
            List<string> logged = new List<string>();
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c =>
            {
                c.MaxErrorRetry = 0;
                c.LogCallback = (level, text) =>
                {
                    lock (logged)
                    {
                        logged.Add(text);
                    }
                };
            }))
            {
                InvalidParameterException e = Assert.Throws<InvalidParameterException>(
                    () => client.UpdateAuthEventFeedback(Fixture.Scripted("evt-hostile-text")));
                Assert.True(e.ServiceMessage.StartsWith("\u001b[2J\u001b]0;pwned\u0007Rejected.\r\n2026-12-07T13:00:00Z ERROR forged"), "ServiceMessage is raw");
                Assert.True(e.ServiceMessage.Length > 1100, "ServiceMessage is whole");
                Assert.Equal("\u001b[31mINVALID\r\nFORGED", e.ReasonCode, "ReasonCode");
                Assert.True(e.Message.StartsWith("\\u{1b}[2J\\u{1b}]0;pwned\\u{7}Rejected.\\r\\n2026-12-07T13:00:00Z ERROR forged"), "Message is escaped: " + e.Message);
                Assert.True(e.Message.EndsWith(" bytes]"), "Message is cut: " + e.Message);
                Assert.True(e.Message.Length < 2048, "Message is bounded: " + e.Message.Length);
                Assert.True(!HasControl(e.Message), "Message has no control characters");
                Assert.True(!e.ToString().Contains("\u001b") && !e.ToString().Contains("\r"), "ToString() has no escape or CR");
            }
            lock (logged)
            {
                Assert.True(logged.Count > 0, "the library logged");
                foreach (string line in logged)
                {
                    Assert.True(!HasControl(line), "a log message has a control character: " + line);
                    Assert.True(line.Length < 4096, "a log message is bounded: " + line.Length);
                }
            }
        }

        private static bool HasControl(string text)
        {
            foreach (char c in text)
            {
                if (char.IsControl(c))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The exception a scripted EventId gives, with every property checked.</summary>
        private static T Expect<T>(
            string eventId, string code, string message, HttpStatusCode status, ErrorType errorType)
            where T : AmazonCognitoIdentityProviderException
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c => c.MaxErrorRetry = 1))
            {
                T e = Assert.Throws<T>(() => client.UpdateAuthEventFeedback(Fixture.Scripted(eventId)));
                Assert.Equal(code, e.ErrorCode, "ErrorCode");
                Assert.Equal(message, e.Message, "Message");
                Assert.Equal(status, e.StatusCode, "StatusCode");
                Assert.Equal(errorType, e.ErrorType, "ErrorType");
                Assert.NotEmpty(e.RequestId, "RequestId");
                Assert.True(e.Attempts >= 1, "Attempts >= 1");
                if (!(e is TooManyRequestsException) && !(e is InternalErrorException))
                {
                    Assert.True(e.Retryable == null, "not retryable");
                }
                return e;
            }
        }
    }
}
