using System;
using System.Collections.Generic;
using System.Net;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Tests
{
    /// <summary>Settings reach the library: endpoints, environment, errors, logging.</summary>
    internal static class ConfigTests
    {
        [Test]
        public static void RegionResolvesTheEndpoint()
        {
            Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com", EndpointFor(c => c.RegionEndpoint = RegionEndpoint.EUWest1), "eu-west-1");
        }

        [Test]
        public static void RegionByName()
        {
            Assert.True(ReferenceEquals(RegionEndpoint.EUWest1, RegionEndpoint.GetBySystemName("eu-west-1")), "a known name gives its constant");
            Assert.Equal("https://cognito-idp.ap-east-2.amazonaws.com",
                EndpointFor(c => c.RegionEndpoint = RegionEndpoint.GetBySystemName("ap-east-2")), "ap-east-2");
        }

        [Test]
        public static void FipsEndpoint()
        {
            Assert.Equal("https://cognito-idp-fips.us-east-1.amazonaws.com", EndpointFor(c =>
            {
                c.RegionEndpoint = RegionEndpoint.USEast1;
                c.UseFIPSEndpoint = true;
            }), "FIPS");
        }

        [Test]
        public static void DualstackEndpoint()
        {
            Assert.Equal("https://cognito-idp.us-gov-west-1.api.aws", EndpointFor(c =>
            {
                c.RegionEndpoint = RegionEndpoint.USGovCloudWest1;
                c.UseDualstackEndpoint = true;
            }), "dual-stack");
        }

        [Test]
        public static void ServiceUrlIsUsedAsGiven()
        {
            Assert.Equal(Settings.Endpoint, Fixture.Shared.Endpoint, "Endpoint");
        }

        [Test]
        public static void RegionFromTheEnvironmentUnlessIgnored()
        {
            // run-tests.sh sets AWS_REGION for this test.
            string region = Environment.GetEnvironmentVariable("AWS_REGION");
            Assert.NotEmpty(region, "AWS_REGION (set by run-tests.sh)");
            using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(
                new AmazonCognitoIdentityProviderConfig()))
            {
                Assert.Equal("https://cognito-idp." + region + ".amazonaws.com", client.Endpoint, "Endpoint from AWS_REGION");
            }
            Assert.Throws<AmazonClientException>(() => new AmazonCognitoIdentityProviderClient(
                new AmazonCognitoIdentityProviderConfig { IgnoreEnvironment = true }));
        }

        [Test]
        public static void FipsWithAServiceUrlCannotWork()
        {
            Assert.Throws<AmazonClientException>(() => Fixture.NewClient(c => c.UseFIPSEndpoint = true));
        }

        [Test]
        public static void AnInvalidRegionNameCannotWork()
        {
            Assert.Throws<AmazonClientException>(() => new AmazonCognitoIdentityProviderClient(
                RegionEndpoint.GetBySystemName("us-east-1/foo")));
        }

        [Test]
        public static void AMissingCaBundleCannotWork()
        {
            Assert.Throws<AmazonClientException>(() => Fixture.NewClient(c => c.CABundlePath = "/nonexistent/ca-bundle.pem"));
        }

        [Test]
        public static void ASettingThatCannotCrossAsUtf8IsNamed()
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => new AmazonCognitoIdentityProviderClient(
                RegionEndpoint.GetBySystemName("us-east-1\0")));
            Assert.Equal("RegionEndpoint", e.ParamName, "ParamName");
        }

        [Test]
        public static void OutOfRangeSettingsAreRejectedWhenSet()
        {
            AmazonCognitoIdentityProviderConfig config = new AmazonCognitoIdentityProviderConfig();
            Assert.Equal("MaxErrorRetry", Assert.Throws<ArgumentOutOfRangeException>(() => config.MaxErrorRetry = -1).ParamName, "MaxErrorRetry");
            Assert.Equal("Timeout", Assert.Throws<ArgumentOutOfRangeException>(() => config.Timeout = TimeSpan.Zero).ParamName, "Timeout");
            Assert.Equal("ConnectTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => config.ConnectTimeout = TimeSpan.FromSeconds(-1)).ParamName, "ConnectTimeout");
            Assert.Equal("RetryMode", Assert.Throws<ArgumentOutOfRangeException>(() => config.RetryMode = (RequestRetryMode)7).ParamName, "RetryMode");
            Assert.Equal(2, config.MaxErrorRetry, "MaxErrorRetry keeps its default");
        }

        [Test]
        public static void AdaptiveRetryModeAndAppIdWork()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c =>
            {
                c.RetryMode = RequestRetryMode.Adaptive;
                c.ClientAppId = "feedback-tests";
                c.ConnectTimeout = TimeSpan.FromSeconds(5);
            }))
            {
                Assert.Equal(HttpStatusCode.OK, client.UpdateAuthEventFeedback(Fixture.Alice()).HttpStatusCode, "HttpStatusCode");
            }
        }

        [Test]
        public static void TheLargestTimeoutsMeanNoLimit()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c =>
            {
                c.ConnectTimeout = TimeSpan.MaxValue;
                c.Timeout = TimeSpan.MaxValue;
                c.TotalTimeout = TimeSpan.MaxValue;
            }))
            {
                Assert.Equal(HttpStatusCode.OK, client.UpdateAuthEventFeedback(Fixture.Alice()).HttpStatusCode, "HttpStatusCode");
            }
        }

        [Test]
        public static void ARefusedConnectionIsAClientError()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c =>
            {
                c.ServiceURL = Fixture.DeadEndpoint;
                c.MaxErrorRetry = 0;
            }))
            {
                Assert.Throws<AmazonClientException>(() => client.UpdateAuthEventFeedback(Fixture.Alice()));
            }
        }

        [Test]
        public static void TheLogCallbackNeverSeesTheSecrets()
        {
            List<string> messages = new List<string>();
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c => c.LogCallback = (level, message) =>
            {
                lock (messages)
                {
                    messages.Add(level + " " + message);
                }
            }))
            {
                client.UpdateAuthEventFeedback(Fixture.Request("Zoë", "evt-zoe-1", "tok-zoe-1.GhI=", FeedbackValueType.Valid));
                Assert.Throws<Model.UserNotFoundException>(() => client.UpdateAuthEventFeedback(Fixture.Scripted("evt-user-not-found")));
            }
            lock (messages)
            {
                Assert.True(messages.Count > 0, "the library logged something");
                foreach (string message in messages)
                {
                    Assert.DoesNotContain("Zoë", message, "log message");
                    Assert.DoesNotContain("tok-zoe-1", message, "log message");
                    Assert.DoesNotContain("tok-alice-1", message, "log message");
                }
            }
        }

        [Test]
        public static void TheLogLevelKeepsFinerMessagesFromTheCallback()
        {
            List<LogLevel> levels = new List<LogLevel>();
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c =>
            {
                c.LogLevel = LogLevel.Info;
                c.LogCallback = (level, message) =>
                {
                    lock (levels)
                    {
                        levels.Add(level);
                    }
                };
            }))
            {
                client.UpdateAuthEventFeedback(Fixture.Alice());
            }
            lock (levels)
            {
                // One Info line per call outcome; the Debug lines about the client and the
                // attempt are never sent.
                Assert.Equal("Info", string.Join(",", levels), "levels the callback received");
            }
        }

        [Test]
        public static void AnUnknownLogLevelIsRefused()
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => Fixture.NewClient(c =>
            {
                c.LogLevel = (LogLevel)9;
                c.LogCallback = (level, message) => { };
            }));
            Assert.Equal("LogLevel", e.ParamName, "ParamName");
            // The library's reason, from cognito_config_last_error, names the C parameter and the value.
            Assert.Contains(
                "The library refused the setting LogLevel (COGNITO_INVALID_ARGUMENT): level 9 is not one of "
                + "COGNITO_LOG_ERROR (1), COGNITO_LOG_WARN (2), COGNITO_LOG_INFO (3), COGNITO_LOG_DEBUG (4), "
                + "COGNITO_LOG_TRACE (5)",
                e.Message, "Message");
        }

        [Test]
        public static void AThrowingLogCallbackDoesNotBreakTheCall()
        {
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c => c.LogCallback = (level, message) =>
            {
                throw new InvalidOperationException("a broken logger");
            }))
            {
                Assert.Equal(HttpStatusCode.OK, client.UpdateAuthEventFeedback(Fixture.Alice()).HttpStatusCode, "HttpStatusCode");
            }
        }

        [Test]
        public static void NativeLibraryVersionIsTheCrates()
        {
            string version = AmazonCognitoIdentityProviderClient.NativeLibraryVersion;
            string cargoToml = System.IO.File.ReadAllText(Settings.CargoTomlPath);
            Assert.True(cargoToml.Contains("\nversion = \"" + version + "\""), "Cargo.toml has version \"" + version + "\"");
        }

        [Test]
        public static void TheCsprojVersionIsTheCrates()
        {
            string root = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Settings.CargoTomlPath));
            string csproj = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "bindings", "csharp", "CognitoFeedback.csproj"));
            string version = AmazonCognitoIdentityProviderClient.NativeLibraryVersion;
            Assert.True(csproj.Contains("<Version>" + version + "</Version>"), "CognitoFeedback.csproj has <Version>" + version + "</Version>");
        }

        private static string EndpointFor(Action<AmazonCognitoIdentityProviderConfig> configure)
        {
            AmazonCognitoIdentityProviderConfig config = new AmazonCognitoIdentityProviderConfig { IgnoreEnvironment = true };
            configure(config);
            using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(config))
            {
                return client.Endpoint;
            }
        }
    }
}
