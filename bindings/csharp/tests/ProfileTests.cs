using System;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Tests
{
    /// <summary>
    /// The shared config file, in a temporary HOME: AWS_PROFILE alone makes a call,
    /// <see cref="AmazonCognitoIdentityProviderConfig.ProfileName"/> chooses a profile, a named
    /// missing profile is an <see cref="AmazonClientException"/>, IgnoreEnvironment reads no file.
    /// The variables are set with libc's setenv: CoreCLR's Environment.SetEnvironmentVariable
    /// changes only the runtime's own copy, which the native library never sees.
    /// </summary>
    internal static class ProfileTests
    {
        [DllImport("libc", SetLastError = true)]
        private static extern int setenv(string name, string value, int overwrite);

        [DllImport("libc", SetLastError = true)]
        private static extern int unsetenv(string name);

        private static readonly string[] Variables =
        {
            "HOME", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_CONFIG_FILE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        };

        /// <summary>Runs <paramref name="test"/> with HOME a fresh directory whose .aws/config holds
        /// <paramref name="text"/>, AWS_PROFILE as given and no other AWS_* variable of
        /// <see cref="Variables"/>; restores them all afterwards.</summary>
        private static void WithHome(string text, string awsProfile, Action<string> test)
        {
            string home = Path.Combine(Path.GetTempPath(), "cognito-profile-" + Guid.NewGuid().ToString("N"));
            string config = Path.Combine(home, ".aws", "config");
            Directory.CreateDirectory(Path.GetDirectoryName(config));
            File.WriteAllText(config, text);
            string[] saved = new string[Variables.Length];
            for (int i = 0; i < Variables.Length; i++)
            {
                saved[i] = Environment.GetEnvironmentVariable(Variables[i]);
                unsetenv(Variables[i]);
            }
            try
            {
                setenv("HOME", home, 1);
                if (awsProfile != null)
                {
                    setenv("AWS_PROFILE", awsProfile, 1);
                }
                test(config);
            }
            finally
            {
                for (int i = 0; i < Variables.Length; i++)
                {
                    if (saved[i] != null) setenv(Variables[i], saved[i], 1); else unsetenv(Variables[i]);
                }
                Directory.Delete(home, true);
            }
        }

        [Test]
        public static void AwsProfileAloneMakesTheCall()
        {
            string text = "[default]\nregion = eu-west-1\n[profile prod]\nregion = us-east-1\nendpoint_url = " + Settings.Endpoint + "\n";
            WithHome(text, "prod", config =>
            {
                using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(
                    new AmazonCognitoIdentityProviderConfig()))
                {
                    Assert.Equal(Settings.Endpoint, client.Endpoint, "Endpoint from the prod profile");
                    Assert.Equal(HttpStatusCode.OK, client.UpdateAuthEventFeedback(Fixture.Alice()).HttpStatusCode, "HttpStatusCode");
                }
            });
        }

        [Test]
        public static void ProfileNameChoosesAndAMissingOneThrows()
        {
            string text = "[profile local]\nregion = us-east-1\nendpoint_url = " + Settings.Endpoint + "\n";
            WithHome(text, "prod", config =>
            {
                using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(
                    new AmazonCognitoIdentityProviderConfig { ProfileName = "local" }))
                {
                    Assert.Equal(Settings.Endpoint, client.Endpoint, "Endpoint from the local profile");
                }
                AmazonClientException e = Assert.Throws<AmazonClientException>(() => new AmazonCognitoIdentityProviderClient(
                    new AmazonCognitoIdentityProviderConfig()));
                Assert.True(e.Message.Contains("\"prod\" (environment variable AWS_PROFILE) could not be found in " + config), e.Message);
                e = Assert.Throws<AmazonClientException>(() => new AmazonCognitoIdentityProviderClient(
                    new AmazonCognitoIdentityProviderConfig { ProfileName = "nope" }));
                Assert.True(e.Message.Contains("\"nope\" (explicit setting)"), e.Message);
            });
        }

        [Test]
        public static void IgnoreEnvironmentReadsNoFile()
        {
            WithHome("[default]\nregion = eu-west-1\nmax_attempts = nonsense\n", null, config =>
            {
                AmazonClientException e = Assert.Throws<AmazonClientException>(() => new AmazonCognitoIdentityProviderClient(
                    new AmazonCognitoIdentityProviderConfig()));
                Assert.True(e.Message.Contains("max_attempts in profile default of " + config), e.Message);
                using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(
                    new AmazonCognitoIdentityProviderConfig { IgnoreEnvironment = true, RegionEndpoint = RegionEndpoint.USEast1 }))
                {
                    Assert.Equal("https://cognito-idp.us-east-1.amazonaws.com", client.Endpoint, "Endpoint without the file");
                }
            });
        }
    }
}
