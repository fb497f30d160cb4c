// A program that uses the CognitoFeedback NuGet package and nothing else (package-tests.sh runs
// it from a directory holding only the extracted package): records one feedback through the
// emulator, then prints where the runtime found the managed assembly and the native library.
//
// Run: Consumer.exe ENDPOINT_URL Valid|Invalid

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using CognitoFeedback;
using CognitoFeedback.Model;

internal static class Consumer
{
    private static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: Consumer.exe ENDPOINT_URL Valid|Invalid");
            return 2;
        }
        AmazonCognitoIdentityProviderConfig config = new AmazonCognitoIdentityProviderConfig
        {
            RegionEndpoint = RegionEndpoint.USEast1,
            ServiceURL = args[0],
            IgnoreEnvironment = true,
        };
        using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(config))
        {
            UpdateAuthEventFeedbackResponse response = client.UpdateAuthEventFeedback(new UpdateAuthEventFeedbackRequest
            {
                UserPoolId = "us-east-1_PlusPool1",
                Username = "alice",
                EventId = "evt-alice-2",
                FeedbackToken = "tok-alice-2.DeF=",
                FeedbackValue = FeedbackValueType.FindValue(args[1]),
            });
            Console.WriteLine("status: " + (int)response.HttpStatusCode);
        }

        Assembly assembly = typeof(AmazonCognitoIdentityProviderClient).Assembly;
        Console.WriteLine("assembly: " + assembly.Location);
        Console.WriteLine("assembly version: " + assembly.GetName().Version);
        Console.WriteLine("assembly references: " + string.Join(" ", assembly.GetReferencedAssemblies().Select(a => a.Name).OrderBy(n => n, StringComparer.Ordinal)));
        Console.WriteLine("native library: " + string.Join(" ", File.ReadAllLines("/proc/self/maps")
            .Where(line => line.EndsWith("/libcognito_feedback.so", StringComparison.Ordinal))
            .Select(line => line.Substring(line.IndexOf('/')))
            .Distinct()));
        Console.WriteLine("native version: " + AmazonCognitoIdentityProviderClient.NativeLibraryVersion);
        return 0;
    }
}
