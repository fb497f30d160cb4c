using System;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>What the runner was told on its command line.</summary>
    internal static class Settings
    {
        /// <summary>The emulator's URL (its first line of output).</summary>
        internal static string Endpoint { get; set; }

        /// <summary>include/cognito_feedback.h.</summary>
        internal static string HeaderPath { get; set; }

        /// <summary>The emulator's feedback log (one JSON line per recorded feedback).</summary>
        internal static string FeedbackLogPath { get; set; }

        /// <summary>The root Cargo.toml (for the library's version).</summary>
        internal static string CargoTomlPath { get; set; }
    }

    /// <summary>The emulator's default fixture (tests/emulator/fixtures/default.json) and clients for it.</summary>
    internal static class Fixture
    {
        internal const string PoolId = "us-east-1_PlusPool1";

        /// <summary>A port nothing listens on: a call that reached the network would fail to connect.</summary>
        internal const string DeadEndpoint = "http://127.0.0.1:9";

        private static readonly Lazy<AmazonCognitoIdentityProviderClient> SharedClient =
            new Lazy<AmazonCognitoIdentityProviderClient>(() => NewClient(null));

        /// <summary>One client for the emulator, shared by the tests that do not dispose it.</summary>
        internal static AmazonCognitoIdentityProviderClient Shared
        {
            get { return SharedClient.Value; }
        }

        /// <summary>
        /// A new client for the emulator, with a hermetic config that <paramref name="tweak"/>
        /// (unless null) may change further. Its total timeout keeps a stalled call from
        /// outliving a failed test.
        /// </summary>
        internal static AmazonCognitoIdentityProviderClient NewClient(Action<AmazonCognitoIdentityProviderConfig> tweak)
        {
            AmazonCognitoIdentityProviderConfig config = Config();
            if (tweak != null)
            {
                tweak(config);
            }
            return new AmazonCognitoIdentityProviderClient(config);
        }

        /// <summary>The hermetic config of <see cref="NewClient"/>, for the emulator.</summary>
        internal static AmazonCognitoIdentityProviderConfig Config()
        {
            if (Settings.Endpoint == null)
            {
                throw new InvalidOperationException("run with --endpoint URL (the emulator's)");
            }
            return new AmazonCognitoIdentityProviderConfig
            {
                RegionEndpoint = RegionEndpoint.USEast1,
                ServiceURL = Settings.Endpoint,
                IgnoreEnvironment = true,
                TotalTimeout = TimeSpan.FromSeconds(30),
            };
        }

        /// <summary>
        /// <see cref="NewClient"/> with a User-Agent marker of its own (<c>app/&lt;marker&gt;</c>),
        /// so that <see cref="WaitUntilTheEmulatorSaw"/> can tell when one of its calls reached
        /// the emulator.
        /// </summary>
        internal static AmazonCognitoIdentityProviderClient NewMarkedClient(
            out string marker, Action<AmazonCognitoIdentityProviderConfig> tweak)
        {
            string id = "mark-" + Guid.NewGuid().ToString("N");
            marker = id;
            return NewClient(c =>
            {
                c.ClientAppId = id;
                if (tweak != null)
                {
                    tweak(c);
                }
            });
        }

        /// <summary>
        /// Waits until the emulator's request log (<c>GET /__emulator/requests</c>) holds a call
        /// from the client marked <paramref name="marker"/>: the request reached the server. Fails
        /// the test after <paramref name="patience"/>.
        /// </summary>
        internal static void WaitUntilTheEmulatorSaw(string marker, TimeSpan patience)
        {
            WaitUntilTheEmulatorSaw(marker, 1, patience);
        }

        /// <summary>
        /// <see cref="WaitUntilTheEmulatorSaw(string, TimeSpan)"/> for <paramref name="calls"/>
        /// calls of the marked client.
        /// </summary>
        internal static void WaitUntilTheEmulatorSaw(string marker, int calls, TimeSpan patience)
        {
            Stopwatch clock = Stopwatch.StartNew();
            using (WebClient web = new WebClient())
            {
                web.Proxy = null;
                // One match per request: its User-Agent header (X-Amz-User-Agent carries the marker too).
                Regex userAgent = new Regex("\\[\"User-Agent\",\"[^\"]*app/" + Regex.Escape(marker) + "[ \"]", RegexOptions.IgnoreCase);
                while (userAgent.Matches(web.DownloadString(Settings.Endpoint + "/__emulator/requests")).Count < calls)
                {
                    Assert.True(clock.Elapsed < patience, "the emulator never saw " + calls + " call(s) marked " + marker);
                    Thread.Sleep(2);
                }
            }
        }

        internal static UpdateAuthEventFeedbackRequest Request(
            string username, string eventId, string token, FeedbackValueType value)
        {
            return new UpdateAuthEventFeedbackRequest
            {
                UserPoolId = PoolId,
                Username = username,
                EventId = eventId,
                FeedbackToken = token,
                FeedbackValue = value,
            };
        }

        internal static UpdateAuthEventFeedbackRequest Alice()
        {
            return Request("alice", "evt-alice-1", "tok-alice-1.AbC=", FeedbackValueType.Valid);
        }

        /// <summary>Alice's request with a scripted EventId, which makes the emulator answer a given error (or stall).</summary>
        internal static UpdateAuthEventFeedbackRequest Scripted(string eventId)
        {
            return Request("alice", eventId, "tok-alice-1.AbC=", FeedbackValueType.Invalid);
        }
    }
}
