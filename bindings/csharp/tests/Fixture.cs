using System;
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
