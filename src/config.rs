//! Client settings: a builder with defaults, and the standard AWS_* environment variables.
//!
//! Precedence, as in the AWS SDKs: an explicit setting, else the environment variable, else
//! the default. `ignore_environment(true)` makes a client hermetic.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How failed attempts are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RetryMode {
    /// The AWS SDKs' standard mode: backoff with jitter and a retry quota (the default).
    #[default]
    Standard,
    /// Standard mode plus a client-side rate limiter that slows down after throttling.
    Adaptive,
}

/// Severity of a log message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogLevel {
    /// Something failed.
    Error = 1,
    /// Something unexpected that the call survived.
    Warn = 2,
    /// One line per call outcome.
    Info = 3,
    /// Attempts, retries, endpoints.
    Debug = 4,
    /// Fine-grained detail.
    Trace = 5,
}

/// A log sink. It never receives the Username or the FeedbackToken.
pub type LogFn = Arc<dyn Fn(LogLevel, &str) + Send + Sync>;

/// Settings for a [`Client`](crate::Client). Every setting left unset falls back to its
/// environment variable (unless [`Config::ignore_environment`]) and then to its default.
#[derive(Clone, Default)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: Option<bool>,
    pub(crate) use_dualstack: Option<bool>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) ca_bundle_path: Option<PathBuf>,
    pub(crate) app_id: Option<String>,
    pub(crate) max_attempts: Option<u32>,
    pub(crate) retry_mode: Option<RetryMode>,
    pub(crate) ignore_environment: bool,
    pub(crate) log: Option<LogFn>,
}

impl Config {
    /// A configuration with nothing set: environment and defaults apply.
    pub fn new() -> Config {
        Config::default()
    }

    /// The AWS region, e.g. `eu-west-1` (else AWS_REGION, then AWS_DEFAULT_REGION).
    pub fn region(mut self, region: impl Into<String>) -> Config {
        self.region = Some(region.into());
        self
    }

    /// An endpoint URL to use instead of the resolved one, e.g. a local emulator
    /// (else AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then AWS_ENDPOINT_URL).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Config {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Use the FIPS endpoint (else AWS_USE_FIPS_ENDPOINT; default false).
    pub fn use_fips(mut self, on: bool) -> Config {
        self.use_fips = Some(on);
        self
    }

    /// Use the dual-stack (IPv4 and IPv6) endpoint (else AWS_USE_DUALSTACK_ENDPOINT; default false).
    pub fn use_dualstack(mut self, on: bool) -> Config {
        self.use_dualstack = Some(on);
        self
    }

    /// How long to wait for a TCP (and TLS) connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Config {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, from sending to the end of the response.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Config {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// A deadline for the whole call, across all attempts and the sleeps between them.
    pub fn total_timeout(mut self, timeout: Duration) -> Config {
        self.total_timeout = Some(timeout);
        self
    }

    /// A PEM file of CA certificates to trust instead of the bundled roots (else AWS_CA_BUNDLE).
    pub fn ca_bundle_path(mut self, path: impl Into<PathBuf>) -> Config {
        self.ca_bundle_path = Some(path.into());
        self
    }

    /// An application id sent in the User-Agent as `app/<id>` (else AWS_SDK_UA_APP_ID).
    pub fn app_id(mut self, app_id: impl Into<String>) -> Config {
        self.app_id = Some(app_id.into());
        self
    }

    /// The most attempts a call makes, the first included (else AWS_MAX_ATTEMPTS; default 3).
    pub fn max_attempts(mut self, attempts: u32) -> Config {
        self.max_attempts = Some(attempts);
        self
    }

    /// The retry mode (else AWS_RETRY_MODE; default standard).
    pub fn retry_mode(mut self, mode: RetryMode) -> Config {
        self.retry_mode = Some(mode);
        self
    }

    /// Ignore every AWS_* environment variable: only explicit settings and defaults apply.
    pub fn ignore_environment(mut self, ignore: bool) -> Config {
        self.ignore_environment = ignore;
        self
    }

    /// Where log messages go. They never contain the Username or the FeedbackToken.
    pub fn log(mut self, log: LogFn) -> Config {
        self.log = Some(log);
        self
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dualstack", &self.use_dualstack)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("total_timeout", &self.total_timeout)
            .field("ca_bundle_path", &self.ca_bundle_path)
            .field("app_id", &self.app_id)
            .field("max_attempts", &self.max_attempts)
            .field("retry_mode", &self.retry_mode)
            .field("ignore_environment", &self.ignore_environment)
            .field("log", &self.log.as_ref().map(|_| "<callback>"))
            .finish()
    }
}
