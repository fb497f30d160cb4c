// Serves the "this was me" / "this wasn't me" links of Cognito's threat-protection email with
// CognitoFeedback.Web: a confirmation page on GET (mail scanners record nothing), the answer
// reported on the form's POST, then a result page. HttpListener here; in ASP.NET Core, call
// FeedbackLinkHandler.HandleAsync from a middleware or an endpoint the same way.
//
// Run (the secret from the environment; without it the server does not start):
//   COGNITO_FEEDBACK_LINK_SECRET=$(openssl rand -base64 48) \
//   mono FeedbackLinkServer.exe --port 8000 --user-pool-id ID [--region R] [--endpoint-url URL] [--path /feedback]
// It prints its base URL as the first line, logs to stderr, and serves until stopped.

using System;
using System.Collections.Generic;
using System.Threading;
using CognitoFeedback;
using CognitoFeedback.Web;

internal static class FeedbackLinkServer
{
    private static int Main(string[] args)
    {
        Dictionary<string, string> options = new Dictionary<string, string> { { "--port", null }, { "--user-pool-id", null }, { "--region", null }, { "--endpoint-url", null }, { "--path", "/feedback" } };
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!options.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                return Usage("unknown option or missing value: " + args[i]);
            }
            options[args[i]] = args[i + 1];
        }
        int port;
        if (options["--port"] == null || !int.TryParse(options["--port"], out port) || port < 0 || port > 65535)
        {
            return Usage("--port PORT (0: a free one) is required");
        }
        if (options["--user-pool-id"] == null)
        {
            return Usage("--user-pool-id ID is required");
        }
        AmazonCognitoIdentityProviderConfig config = new AmazonCognitoIdentityProviderConfig { Timeout = TimeSpan.FromSeconds(10) };
        if (options["--region"] != null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options["--region"]);
        }
        config.ServiceURL = options["--endpoint-url"];
        FeedbackLinkOptions settings = new FeedbackLinkOptions
        {
            Path = options["--path"],
            Log = (level, message) => Console.Error.WriteLine(DateTime.UtcNow.ToString("u") + " " + level + " " + message),
        };
        try
        {
            using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(config))
            using (FeedbackLinkListener listener = new FeedbackLinkListener(FeedbackLinkHandler.FromEnvironment(client, options["--user-pool-id"], settings), port))
            {
                Console.WriteLine(listener.Url);
                Console.Out.Flush();
                ManualResetEvent stop = new ManualResetEvent(false);
                Console.CancelKeyPress += (sender, e) => { e.Cancel = true; stop.Set(); };
                stop.WaitOne();
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("FeedbackLinkServer: " + e.Message);
            return 2;
        }
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine("FeedbackLinkServer: " + problem);
        Console.Error.WriteLine("usage: FeedbackLinkServer.exe --port PORT --user-pool-id ID [--region R] [--endpoint-url URL] [--path /feedback]");
        return 2;
    }
}
