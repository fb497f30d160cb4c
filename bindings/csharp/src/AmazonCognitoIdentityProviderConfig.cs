using System;
using CognitoFeedback.Runtime;

namespace CognitoFeedback
{
    /// <summary>
    /// Client settings, as in the AWS SDK for .NET. The client copies them when it is built.
    /// A setting left unset falls back to its standard AWS_* environment variable, then to the
    /// shared config file's profile (<see cref="ProfileName"/>; neither with
    /// <see cref="IgnoreEnvironment"/>), and then to the library's default, as in the SDKs.
    /// </summary>
    public class AmazonCognitoIdentityProviderConfig
    {
        private bool? _useFips;
        private bool? _useDualstack;
        private TimeSpan? _connectTimeout;
        private TimeSpan? _timeout;
        private TimeSpan? _totalTimeout;
        private int? _maxErrorRetry;
        private int? _maxConcurrency;
        private RequestRetryMode? _retryMode;

        /// <summary>The region (else AWS_REGION, then AWS_DEFAULT_REGION).</summary>
        public RegionEndpoint RegionEndpoint { get; set; }

        /// <summary>
        /// An endpoint URL to call instead of the resolved one, e.g. a local emulator such as
        /// <c>http://127.0.0.1:4566</c> (else AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then
        /// AWS_ENDPOINT_URL). Cannot be combined with FIPS or dual-stack.
        /// </summary>
        public string ServiceURL { get; set; }

        /// <summary>Use the FIPS endpoint (else AWS_USE_FIPS_ENDPOINT; default false).</summary>
        public bool UseFIPSEndpoint
        {
            get { return _useFips ?? false; }
            set { _useFips = value; }
        }

        /// <summary>Use the dual-stack (IPv4 and IPv6) endpoint (else AWS_USE_DUALSTACK_ENDPOINT; default false).</summary>
        public bool UseDualstackEndpoint
        {
            get { return _useDualstack ?? false; }
            set { _useDualstack = value; }
        }

        /// <summary>How long one attempt may take, from sending to the end of the answer; null: the library's default. 100 years or more (up to TimeSpan.MaxValue): no limit.</summary>
        public TimeSpan? Timeout
        {
            get { return _timeout; }
            set { _timeout = CheckTimeout(value, "Timeout"); }
        }

        /// <summary>How long to wait for a TCP (and TLS) connection; null: the library's default. 100 years or more (up to TimeSpan.MaxValue): no limit.</summary>
        public TimeSpan? ConnectTimeout
        {
            get { return _connectTimeout; }
            set { _connectTimeout = CheckTimeout(value, "ConnectTimeout"); }
        }

        /// <summary>A deadline for the whole call, across all attempts and the waits between them; null: none. 100 years or more (up to TimeSpan.MaxValue): no limit.</summary>
        public TimeSpan? TotalTimeout
        {
            get { return _totalTimeout; }
            set { _totalTimeout = CheckTimeout(value, "TotalTimeout"); }
        }

        /// <summary>
        /// How many times a failed attempt is retried, as in the SDK: a call makes at most
        /// MaxErrorRetry + 1 attempts (else AWS_MAX_ATTEMPTS; default 2 retries, 3 attempts).
        /// 0 turns retries off.
        /// </summary>
        public int MaxErrorRetry
        {
            get { return _maxErrorRetry ?? 2; }
            set
            {
                if (value < 0 || value == int.MaxValue)
                {
                    throw new ArgumentOutOfRangeException("MaxErrorRetry", value, "MaxErrorRetry must be 0 or more (and leave room for the first attempt).");
                }
                _maxErrorRetry = value;
            }
        }

        /// <summary>
        /// How many <see cref="AmazonCognitoIdentityProviderClient.UpdateAuthEventFeedbackAsync"/>
        /// calls run at once (default 64), each on a thread of the native library's own pool, not
        /// on the .NET thread pool; more calls wait in a queue. At least 1.
        /// </summary>
        public int? MaxConcurrency
        {
            get { return _maxConcurrency; }
            set
            {
                if (value.HasValue && value.Value < 1)
                {
                    throw new ArgumentOutOfRangeException("MaxConcurrency", value, "MaxConcurrency must be at least 1.");
                }
                _maxConcurrency = value;
            }
        }

        /// <summary>How failed attempts are retried (else AWS_RETRY_MODE; default <see cref="RequestRetryMode.Standard"/>).</summary>
        public RequestRetryMode RetryMode
        {
            get { return _retryMode ?? RequestRetryMode.Standard; }
            set
            {
                if (value != RequestRetryMode.Standard && value != RequestRetryMode.Adaptive)
                {
                    throw new ArgumentOutOfRangeException("RetryMode", value, "RetryMode must be Standard or Adaptive.");
                }
                _retryMode = value;
            }
        }

        /// <summary>A PEM file of CA certificates to trust instead of the bundled roots (else AWS_CA_BUNDLE); read when the client is built.</summary>
        public string CABundlePath { get; set; }

        /// <summary>An application id sent in the User-Agent as <c>app/&lt;id&gt;</c> (else AWS_SDK_UA_APP_ID).</summary>
        public string ClientAppId { get; set; }

        /// <summary>
        /// The profile of the shared config file to read settings from (else AWS_PROFILE, else
        /// <c>default</c>); the file is AWS_CONFIG_FILE, else <c>~/.aws/config</c>. The AWS SDK
        /// for .NET's <c>Profile</c> object is not here: this is its name, a string. A named
        /// profile that does not exist makes the client's constructor throw
        /// <see cref="AmazonClientException"/> naming it.
        /// </summary>
        public string ProfileName { get; set; }

        /// <summary>Ignore every AWS_* environment variable and the shared config file, so only the settings above and the defaults apply and nothing outside the program is read.</summary>
        public bool IgnoreEnvironment { get; set; }

        /// <summary>
        /// Receives the library's log messages (never the Username or the FeedbackToken). It is
        /// called on the thread making a call, so from several threads at once when a client is
        /// shared; it must be quick, and exceptions it throws are dropped.
        /// </summary>
        public Action<LogLevel, string> LogCallback { get; set; }

        /// <summary>
        /// The most detailed level sent to <see cref="LogCallback"/> (default
        /// <see cref="CognitoFeedback.LogLevel.Trace"/>: every message). The library builds no
        /// message and makes no callback below it.
        /// </summary>
        public LogLevel LogLevel { get; set; } = LogLevel.Trace;

        internal bool? UseFipsIfSet
        {
            get { return _useFips; }
        }

        internal bool? UseDualstackIfSet
        {
            get { return _useDualstack; }
        }

        internal int? MaxErrorRetryIfSet
        {
            get { return _maxErrorRetry; }
        }

        internal RequestRetryMode? RetryModeIfSet
        {
            get { return _retryMode; }
        }

        private static TimeSpan? CheckTimeout(TimeSpan? value, string name)
        {
            if (value.HasValue && value.Value < TimeSpan.FromMilliseconds(1))
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be at least 1 millisecond.");
            }
            return value;
        }
    }
}
