// Reports a user's answer to a Cognito threat-protection email ("this was me" / "this wasn't
// me"), the way a web back end would: with the AWS SDK for .NET's names, so code written for
// Amazon.CognitoIdentityProvider ports by changing the using directives and the client setup.
//
// Run: mono Example.exe [endpoint-url]   (no URL: the real Cognito endpoint of AWS_REGION)

using System;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback;
using CognitoFeedback.Model;
using CognitoFeedback.Runtime;

internal static class Example
{
    private static int Main(string[] args)
    {
        AmazonCognitoIdentityProviderConfig config = new AmazonCognitoIdentityProviderConfig
        {
            RegionEndpoint = RegionEndpoint.USEast1,
            Timeout = TimeSpan.FromSeconds(5),
            MaxErrorRetry = 2,
        };
        if (args.Length > 0)
        {
            config.ServiceURL = args[0];
        }

        // One client for the whole application: it is thread-safe and keeps connections open.
        using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(config))
        {
            Console.WriteLine("Calling " + client.Endpoint + " with library " + AmazonCognitoIdentityProviderClient.NativeLibraryVersion);

            // The user clicked "this was me" in the email for event evt-alice-1.
            UpdateAuthEventFeedbackResponse response = client.UpdateAuthEventFeedback(new UpdateAuthEventFeedbackRequest
            {
                UserPoolId = "us-east-1_PlusPool1",
                Username = "alice",
                EventId = "evt-alice-1",
                FeedbackToken = "tok-alice-1.AbC=",
                FeedbackValue = FeedbackValueType.Valid,
            });
            Console.WriteLine("alice: Valid recorded, HTTP " + (int)response.HttpStatusCode
                + ", request id " + response.ResponseMetadata.RequestId);

            // The same from async code, with a deadline the caller controls.
            using (CancellationTokenSource cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                Task<UpdateAuthEventFeedbackResponse> call = client.UpdateAuthEventFeedbackAsync(new UpdateAuthEventFeedbackRequest
                {
                    UserPoolId = "us-east-1_PlusPool1",
                    Username = "山田太郎",
                    EventId = "evt-taro-1",
                    FeedbackToken = "tok-taro-1.JkL=",
                    FeedbackValue = FeedbackValueType.Invalid,
                }, cts.Token);
                Console.WriteLine("山田太郎: Invalid recorded, request id " + call.GetAwaiter().GetResult().ResponseMetadata.RequestId);
            }

            // Errors come as the SDK's exceptions.
            try
            {
                client.UpdateAuthEventFeedback(new UpdateAuthEventFeedbackRequest
                {
                    UserPoolId = "us-east-1_PlusPool1",
                    Username = "alice",
                    EventId = "evt-user-not-found",
                    FeedbackToken = "tok-alice-1.AbC=",
                    FeedbackValue = FeedbackValueType.Valid,
                });
            }
            catch (UserNotFoundException e)
            {
                Console.WriteLine("expected failure: " + e.ErrorCode + " (" + e.Message + "), HTTP "
                    + (int)e.StatusCode + ", request id " + e.RequestId);
            }

            // Bad input never leaves the process.
            try
            {
                client.UpdateAuthEventFeedback(new UpdateAuthEventFeedbackRequest
                {
                    UserPoolId = "us-east-1_PlusPool1",
                    Username = "alice",
                    EventId = "evt alice 1",
                    FeedbackToken = "tok-alice-1.AbC=",
                    FeedbackValue = FeedbackValueType.Valid,
                });
            }
            catch (InvalidParameterException e) when (e.ParameterName != null)
            {
                // Found before sending, as the service's InvalidParameterException.
                Console.WriteLine("rejected before sending (" + e.ParameterName + "): " + e.Message);
            }
        }
        return 0;
    }
}
