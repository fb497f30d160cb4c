// What the C# benchmark programs share: the client they measure and the request every runner
// of `make bench` sends (the default emulator fixture's first event).
using System.Globalization;
using CognitoFeedback;
using CognitoFeedback.Model;

internal static class BenchClient
{
    /// <summary>A client for <paramref name="url"/> that ignores the environment, as the other runners' do.</summary>
    internal static AmazonCognitoIdentityProviderClient Make(string url)
    {
        return new AmazonCognitoIdentityProviderClient(new AmazonCognitoIdentityProviderConfig
        {
            ServiceURL = url,
            RegionEndpoint = RegionEndpoint.USEast1,
            IgnoreEnvironment = true,
        });
    }

    /// <summary>The call every runner makes.</summary>
    internal static UpdateAuthEventFeedbackRequest Request()
    {
        return new UpdateAuthEventFeedbackRequest
        {
            UserPoolId = "us-east-1_PlusPool1",
            Username = "alice",
            EventId = "evt-alice-1",
            FeedbackToken = "tok-alice-1.AbC=",
            FeedbackValue = FeedbackValueType.Valid,
        };
    }

    /// <summary>A number as JSON.</summary>
    internal static string Json(double value)
    {
        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
