using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
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

        /// <summary>The variables every test here unsets first (the vectors' own are added).</summary>
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
            Dictionary<string, string> environment = new Dictionary<string, string>();
            if (awsProfile != null)
            {
                environment["AWS_PROFILE"] = awsProfile;
            }
            WithHome(text, environment, test);
        }

        /// <summary>Runs <paramref name="test"/> with HOME a fresh directory, the variables of
        /// <paramref name="environment"/> set (<c>{dir}</c> in a value is HOME) and the others of
        /// <see cref="Variables"/> unset, and <paramref name="text"/> (unless null) in the config
        /// file: AWS_CONFIG_FILE, else HOME/.aws/config. Restores every variable afterwards.</summary>
        private static void WithHome(string text, IDictionary<string, string> environment, Action<string> test)
        {
            string home = Path.Combine(Path.GetTempPath(), "cognito-profile-" + Guid.NewGuid().ToString("N"));
            string config = Path.Combine(home, ".aws", "config");
            Directory.CreateDirectory(Path.GetDirectoryName(config));
            List<string> names = new List<string>(Variables);
            foreach (string name in environment.Keys)
            {
                if (!names.Contains(name)) names.Add(name);
            }
            string[] saved = new string[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                saved[i] = Environment.GetEnvironmentVariable(names[i]);
                unsetenv(names[i]);
            }
            try
            {
                setenv("HOME", home, 1);
                foreach (KeyValuePair<string, string> variable in environment)
                {
                    string value = variable.Value.Replace("{dir}", home);
                    setenv(variable.Key, value, 1);
                    if (variable.Key == "AWS_CONFIG_FILE") config = value;
                }
                if (text != null)
                {
                    File.WriteAllText(config, text);
                }
                test(config);
            }
            finally
            {
                for (int i = 0; i < names.Count; i++)
                {
                    if (saved[i] != null) setenv(names[i], saved[i], 1); else unsetenv(names[i]);
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
            WithHome("[default]\nregion = eu-west-1\nmax_attempts = nonsense\n", new Dictionary<string, string>(), config =>
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
        /// <summary>
        /// Every vector of tests/data/profile-vectors-endpoints.tsv (generated with the botocore
        /// vectors: those that resolve to a URL, with botocore's answer or this library's
        /// deliberate deviation) gives its URL, the explicit settings set on the config.
        /// </summary>
        [Test]
        public static void BotocoreVectorsGiveTheirEndpoint()
        {
            string root = Path.GetDirectoryName(Path.GetFullPath(Settings.CargoTomlPath));
            string table = Path.Combine(root, "tests", "data", "profile-vectors-endpoints.tsv");
            List<string> failures = new List<string>();
            int count = 0;
            foreach (string line in File.ReadAllLines(table))
            {
                if (line.StartsWith("#", StringComparison.Ordinal)) continue;
                string[] fields = line.Split('\t');
                string label = fields[0];
                string text = fields[1] == "-" ? null : Unescape(fields[1]);
                Dictionary<string, string> given = Pairs(fields[3]);
                string expected = fields[4];
                count++;
                WithHome(text, Pairs(fields[2]), config =>
                {
                    try
                    {
                        using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(Config(given)))
                        {
                            if (client.Endpoint + "/" != expected)
                            {
                                failures.Add(label + ": " + client.Endpoint + ", expected " + expected);
                            }
                        }
                    }
                    catch (AmazonClientException e)
                    {
                        failures.Add(label + ": " + e.Message);
                    }
                });
            }
            Assert.Equal(82, count, "vectors");
            Assert.True(failures.Count == 0, string.Join("\n", failures.ToArray()));
        }

        /// <summary>The config with a vector's explicit settings.</summary>
        private static AmazonCognitoIdentityProviderConfig Config(Dictionary<string, string> given)
        {
            AmazonCognitoIdentityProviderConfig config = new AmazonCognitoIdentityProviderConfig();
            foreach (KeyValuePair<string, string> setting in given)
            {
                switch (setting.Key)
                {
                    case "profile": config.ProfileName = setting.Value; break;
                    case "region": config.RegionEndpoint = RegionEndpoint.GetBySystemName(setting.Value); break;
                    case "endpoint_url": config.ServiceURL = setting.Value; break;
                    case "use_fips": config.UseFIPSEndpoint = setting.Value == "true"; break;
                    case "use_dualstack": config.UseDualstackEndpoint = setting.Value == "true"; break;
                    case "max_attempts": config.MaxErrorRetry = int.Parse(setting.Value) - 1; break;
                    case "retry_mode":
                        config.RetryMode = setting.Value == "adaptive" ? RequestRetryMode.Adaptive : RequestRetryMode.Standard;
                        break;
                    case "app_id": config.ClientAppId = setting.Value; break;
                    default: throw new InvalidOperationException("unknown setting " + setting.Key);
                }
            }
            return config;
        }

        /// <summary><c>NAME=VALUE NAME=VALUE</c>, or <c>-</c> for none.</summary>
        private static Dictionary<string, string> Pairs(string field)
        {
            Dictionary<string, string> pairs = new Dictionary<string, string>();
            if (field == "-") return pairs;
            foreach (string pair in field.Split(' '))
            {
                int equals = pair.IndexOf('=');
                pairs[pair.Substring(0, equals)] = pair.Substring(equals + 1);
            }
            return pairs;
        }

        /// <summary>The table's escapes undone: <c>\n</c> is a newline, <c>\\</c> a backslash.</summary>
        private static string Unescape(string field)
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < field.Length; i++)
            {
                if (field[i] == '\\' && i + 1 < field.Length)
                {
                    i++;
                    text.Append(field[i] == 'n' ? '\n' : field[i]);
                }
                else
                {
                    text.Append(field[i]);
                }
            }
            return text.ToString();
        }
    }
}
