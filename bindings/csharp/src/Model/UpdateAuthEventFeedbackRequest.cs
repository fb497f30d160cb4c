namespace CognitoFeedback.Model
{
    /// <summary>
    /// The input of UpdateAuthEventFeedback, as in the AWS SDK for .NET. Every member is required;
    /// the library checks them against the service's constraints before sending anything.
    /// <see cref="object.ToString"/> is not overridden, so the secrets never end up in logs by accident.
    /// </summary>
    public class UpdateAuthEventFeedbackRequest
    {
        /// <summary>The user pool ID, e.g. <c>us-east-1_AbCdEf123</c>.</summary>
        public string UserPoolId { get; set; }

        /// <summary>The user's username, alias or <c>sub</c> (a secret: never logged or echoed).</summary>
        public string Username { get; set; }

        /// <summary>The authentication event's ID, from the notification email.</summary>
        public string EventId { get; set; }

        /// <summary>The token from the notification email's link (a secret: never logged or echoed).</summary>
        public string FeedbackToken { get; set; }

        /// <summary>The user's verdict: <see cref="FeedbackValueType.Valid"/> or <see cref="FeedbackValueType.Invalid"/>.</summary>
        public FeedbackValueType FeedbackValue { get; set; }
    }
}
