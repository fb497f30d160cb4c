// A feedback reporter written for the AWS SDK for .NET (AWSSDK.CognitoIdentityProvider), as its
// documentation writes such code. It compiles and runs against CognitoFeedback.dll with only the
// lines marked "cognito-feedback:" changed: each becomes the code after the mark (the using
// directives). run-tests.sh ports it, runs it against the emulator on Mono and CoreCLR, and
// compares what it prints with SdkStyle.expected.
//
// Run: SdkStyle.exe ENDPOINT-URL   (the emulator; its admin endpoint injects one fault)

using System;
using System.Linq;
using System.Net;
using System.Threading;
using Amazon;                                   // cognito-feedback:
using Amazon.CognitoIdentityProvider;           // cognito-feedback: using CognitoFeedback;
using Amazon.CognitoIdentityProvider.Model;     // cognito-feedback: using CognitoFeedback.Model;
using Amazon.Runtime;                           // cognito-feedback: using CognitoFeedback.Runtime;

internal static class SdkStyle
{
    private static string _endpoint;

    private static int Main(string[] args)
    {
        _endpoint = args[0];
        Regions();
        AmazonCognitoIdentityProviderConfig config = new AmazonCognitoIdentityProviderConfig
        {
            ServiceURL = _endpoint,
            MaxErrorRetry = 1,
        };
        // The call is unauthenticated: anonymous credentials, as the SDK's guides suggest for it.
        using (IAmazonCognitoIdentityProvider client = new AmazonCognitoIdentityProviderClient(new AnonymousAWSCredentials(), config))
        {
            Console.WriteLine("config: ServiceURL kept " + (client.Config.ServiceURL == _endpoint));
            Report(client, "alice", "evt-alice-1", "tok-alice-1.AbC=");
            Report(client, "nobody", "evt-alice-1", "tok-alice-1.AbC=");
            Report(client, new string('a', 129), "evt-alice-1", "tok-alice-1.AbC=");
            Report(client, "alice", "evt-too-many-requests", "tok-alice-1.AbC=");
            InjectFaults("{\"server_error\":2,\"server_error_status\":503,\"server_error_body\":\"html\"}");
            Report(client, "alice", "evt-alice-1", "tok-alice-1.AbC=");
            BeginEnd(client);
        }
        // Keys handed to the client, as older code does: accepted.
        using (AmazonCognitoIdentityProviderClient keyed = new AmazonCognitoIdentityProviderClient(
            "AKIDEXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", config))
        {
            Report(keyed, "alice", "evt-alice-1", "tok-alice-1.AbC=");
        }
        using (AmazonCognitoIdentityProviderClient basic = new AmazonCognitoIdentityProviderClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"), config))
        {
            Report(basic, "alice", "evt-alice-1", "tok-alice-1.AbC=");
        }
        return 0;
    }

    private static void Regions()
    {
        Console.WriteLine("regions: " + RegionEndpoint.APEast1.SystemName + " " + RegionEndpoint.MECentral1.SystemName + " "
            + RegionEndpoint.CNNorth1.SystemName + " " + RegionEndpoint.USIsoEast1.SystemName + " "
            + RegionEndpoint.USGovCloudWest1.SystemName);
        Console.WriteLine("partition of cn-northwest-1: " + RegionEndpoint.CNNorthWest1.PartitionName);
        Console.WriteLine("listed: " + ReferenceEquals(RegionEndpoint.GetBySystemName("eu-west-1"), RegionEndpoint.EUWest1));
        RegionEndpoint future = RegionEndpoint.GetBySystemName("eu-future-7");
        Console.WriteLine("unlisted: " + future.SystemName + " " + future.DisplayName);
        Console.WriteLine("all regions include us-east-1: " + RegionEndpoint.EnumerableAllRegions.Contains(RegionEndpoint.USEast1));
    }

    private static void Report(IAmazonCognitoIdentityProvider client, string username, string eventId, string token)
    {
        UpdateAuthEventFeedbackRequest request = new UpdateAuthEventFeedbackRequest
        {
            UserPoolId = "us-east-1_PlusPool1",
            Username = username,
            EventId = eventId,
            FeedbackToken = token,
            FeedbackValue = FeedbackValueType.Valid,
        };
        try
        {
            UpdateAuthEventFeedbackResponse response = client.UpdateAuthEventFeedback(request);
            Console.WriteLine("recorded: " + response.HttpStatusCode + ", request id " + (response.ResponseMetadata.RequestId != null));
        }
        catch (UserNotFoundException e)
        {
            Console.WriteLine("no such user: " + e.ErrorCode + " " + e.StatusCode + " " + e.ErrorType);
        }
        catch (InvalidParameterException e)
        {
            Console.WriteLine("refused: " + e.ErrorCode + ", names the member " + (e.Message.IndexOf("username", StringComparison.OrdinalIgnoreCase) >= 0));
        }
        catch (AmazonCognitoIdentityProviderException e) when (e.Retryable != null && e.Retryable.ThrottlingError)
        {
            Console.WriteLine("throttled: " + e.ErrorCode + " " + e.StatusCode);
        }
        catch (AmazonServiceException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Console.WriteLine("unavailable: " + e.ErrorType + ", request id " + (e.RequestId != null) + ", retryable " + (e.Retryable != null));
        }
    }

    private static void BeginEnd(IAmazonCognitoIdentityProvider client)
    {
        UpdateAuthEventFeedbackRequest request = new UpdateAuthEventFeedbackRequest
        {
            UserPoolId = "us-east-1_PlusPool1",
            Username = "alice",
            EventId = "evt-alice-1",
            FeedbackToken = "tok-alice-1.AbC=",
            FeedbackValue = FeedbackValueType.Invalid,
        };
        using (ManualResetEvent done = new ManualResetEvent(false))
        {
            string outcome = null;
            client.BeginUpdateAuthEventFeedback(request, result =>
            {
                UpdateAuthEventFeedbackResponse response = client.EndUpdateAuthEventFeedback(result);
                outcome = "begin/end: " + response.HttpStatusCode + ", state " + result.AsyncState;
                done.Set();
            }, "alice's click");
            done.WaitOne(TimeSpan.FromSeconds(60));
            Console.WriteLine(outcome);
        }
    }

    /// <summary>Test setup, not SDK code: the emulator's admin endpoint injects faults.</summary>
    private static void InjectFaults(string json)
    {
        using (WebClient web = new WebClient())
        {
            web.Headers[HttpRequestHeader.ContentType] = "application/json";
            web.UploadString(_endpoint + "/__emulator/faults", "POST", json);
        }
    }
}
