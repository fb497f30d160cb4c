//! Client settings: a builder with defaults, and the standard AWS_* environment variables.
//!
//! Precedence, as in the AWS SDKs: an explicit setting, else the environment variable, else
//! the default. `ignore_environment(true)` makes a client hermetic.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::error::Error;

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

/// Where AWS_* variables are read from: a name in, its value (if set) out.
type EnvLookup = dyn Fn(&str) -> Option<String> + Send + Sync;

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
    pub(crate) environment: Option<Arc<EnvLookup>>,
    pub(crate) log: Option<LogFn>,
}

impl Config {
    /// The shortest timeout that means "no limit": 100 years. Any longer one, up to
    /// `Duration::MAX`, means the same: no timeout is added to the clock beyond this, so no
    /// length a caller gives can overflow a deadline.
    pub const NO_LIMIT: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);

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

    /// How long to wait for a TCP (and TLS) connection, the endpoint's name lookup included
    /// (default 3.1 s, the AWS SDK for Rust's).
    /// Must be longer than zero; any longer value is accepted, and one of [`Config::NO_LIMIT`] or more
    /// (up to `Duration::MAX`) means no limit.
    pub fn connect_timeout(mut self, timeout: Duration) -> Config {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, from connecting to the end of the response (default
    /// 30 s: only a hung connection takes that long). Must be longer than zero; one of
    /// [`Config::NO_LIMIT`] or more (up to `Duration::MAX`) means no limit.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Config {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// A deadline for the whole call, across all attempts and the sleeps between them (default:
    /// none). The last attempt is cut to it; a retry whose backoff would pass it is not made.
    /// Must be longer than zero; one of [`Config::NO_LIMIT`] or more (up to `Duration::MAX`) means
    /// no limit.
    pub fn total_timeout(mut self, timeout: Duration) -> Config {
        self.total_timeout = Some(timeout);
        self
    }

    /// A PEM file of CA certificates to trust instead of the bundled roots (else AWS_CA_BUNDLE).
    /// It must be a regular file of at most 4 MiB (real bundles are about 200 KiB): a device,
    /// FIFO or larger file is a config error naming it.
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

    /// Ignore every environment variable, the proxy ones included: only explicit settings
    /// and defaults apply, and no proxy is used.
    pub fn ignore_environment(mut self, ignore: bool) -> Config {
        self.ignore_environment = ignore;
        self
    }

    /// Reads the AWS_* and proxy variables through `lookup` instead of the process
    /// environment, e.g. from an application's own settings or a test's table. Unset when it
    /// returns `None`.
    pub fn environment(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Config {
        self.environment = Some(Arc::new(lookup));
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
            .field(
                "environment",
                &self.environment.as_ref().map(|_| "<lookup>"),
            )
            .field("log", &self.log.as_ref().map(|_| "<callback>"))
            .finish()
    }
}

/// How long to wait for a TCP (and TLS) connection unless set: the AWS SDK for Rust's default.
pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// How long one attempt may take unless set. The AWS SDKs set no such bound (botocore has a
/// 60 s read timeout); UpdateAuthEventFeedback answers in well under a second, so 30 s only
/// catches a hung connection, early enough to leave room for a retry.
pub(crate) const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);

/// Attempts per call unless set, the first included (the SDKs' standard mode).
pub(crate) const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// The settings a client runs with, each from its explicit value, else its environment
/// variable, else its default.
#[derive(Debug)]
pub(crate) struct Settings {
    pub(crate) region: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dualstack: bool,
    pub(crate) connect_timeout: Duration,
    pub(crate) attempt_timeout: Duration,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) ca_bundle_path: Option<PathBuf>,
    pub(crate) app_id: Option<String>,
    pub(crate) max_attempts: u32,
    pub(crate) retry_mode: RetryMode,
    /// The proxy variables, from the same environment as the AWS_* ones.
    pub(crate) proxy_variables: ProxyVariables,
    pub(crate) log: Logger,
}

/// The proxy variables curl reads: which of them apply to an endpoint is the transport's
/// business.
pub(crate) const PROXY_VARIABLES: [&str; 7] = [
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "http_proxy",
    "no_proxy",
    "NO_PROXY",
];

/// The values of the [`PROXY_VARIABLES`] that are set (and not empty).
#[derive(Clone, Default)]
pub(crate) struct ProxyVariables(Vec<(&'static str, String)>);

impl ProxyVariables {
    /// The value of `name`, one of [`PROXY_VARIABLES`], when it is set.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for ProxyVariables {
    /// Names only: a proxy URL may hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(n, _)| n))
            .finish()
    }
}

/// The configured log sink, or nothing.
#[derive(Clone, Default)]
pub(crate) struct Logger(Option<LogFn>);

impl Logger {
    /// Sends a message to the sink; formats it only when there is one.
    pub(crate) fn log(&self, level: LogLevel, message: fmt::Arguments<'_>) {
        if let Some(sink) = &self.0 {
            sink(level, &message.to_string());
        }
    }
}

impl fmt::Debug for Logger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "<callback>"
        } else {
            "None"
        })
    }
}

/// The AWS_* variables as a client sees them: through the lookup, or none at all.
struct Environment<'a> {
    lookup: Option<&'a EnvLookup>,
}

impl Environment<'_> {
    /// The variable's value; unset and empty are the same, as in the AWS SDKs.
    fn get(&self, name: &str) -> Option<String> {
        self.lookup
            .and_then(|lookup| lookup(name))
            .filter(|v| !v.is_empty())
    }

    /// `true` / `false` in any case; anything else is a config error naming the variable.
    fn bool(&self, name: &str) -> Result<Option<bool>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(v) => Err(Error::config(format!(
                "environment variable {name} must be `true` or `false`, got {v:?}"
            ))),
        }
    }

    /// AWS_MAX_ATTEMPTS: a whole number of at least 1; anything else is a config error.
    fn max_attempts(&self) -> Result<Option<u32>, Error> {
        let Some(v) = self.get("AWS_MAX_ATTEMPTS") else {
            return Ok(None);
        };
        match v.parse::<u32>() {
            Ok(n) if n >= 1 => Ok(Some(n)),
            _ => Err(Error::config(format!(
                "environment variable AWS_MAX_ATTEMPTS must be a whole number of at least 1, \
                 got {v:?}"
            ))),
        }
    }

    /// AWS_RETRY_MODE: `standard` or `adaptive` in any case; `legacy` (which this client does
    /// not implement) is standard, with a warning to `log`; anything else is a config error.
    fn retry_mode(&self, log: &Logger) -> Result<Option<RetryMode>, Error> {
        match self.get("AWS_RETRY_MODE") {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("standard") => Ok(Some(RetryMode::Standard)),
            Some(v) if v.eq_ignore_ascii_case("adaptive") => Ok(Some(RetryMode::Adaptive)),
            Some(v) if v.eq_ignore_ascii_case("legacy") => {
                log.log(
                    LogLevel::Warn,
                    format_args!(
                        "AWS_RETRY_MODE=legacy is not supported by this client; using standard"
                    ),
                );
                Ok(Some(RetryMode::Standard))
            }
            Some(v) => Err(Error::config(format!(
                "environment variable AWS_RETRY_MODE must be `standard` or `adaptive`, got {v:?}"
            ))),
        }
    }
}

/// The process environment; a value that is not UTF-8 is read lossily (and then fails the
/// checks its setting has, such as a valid region or a readable file).
fn process_environment(name: &str) -> Option<String> {
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
}

impl Config {
    /// Resolves every setting: explicit > environment > default. Fails with a config error
    /// naming the setting or environment variable that cannot work.
    pub(crate) fn resolve(&self) -> Result<Settings, Error> {
        let log = Logger(self.log.clone());
        let env = Environment {
            lookup: match (&self.environment, self.ignore_environment) {
                (_, true) => None,
                (Some(lookup), false) => Some(lookup.as_ref()),
                (None, false) => Some(&process_environment),
            },
        };

        let region = self
            .region
            .clone()
            .or_else(|| env.get("AWS_REGION"))
            .or_else(|| env.get("AWS_DEFAULT_REGION"));

        let endpoint_url = match &self.endpoint_url {
            Some(url) => Some(url.clone()),
            None if env.bool("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")? == Some(true) => None,
            None => env
                .get("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
                .or_else(|| env.get("AWS_ENDPOINT_URL")),
        };

        let use_fips = match self.use_fips {
            Some(on) => on,
            None => env.bool("AWS_USE_FIPS_ENDPOINT")?.unwrap_or(false),
        };
        let use_dualstack = match self.use_dualstack {
            Some(on) => on,
            None => env.bool("AWS_USE_DUALSTACK_ENDPOINT")?.unwrap_or(false),
        };

        let max_attempts = match self.max_attempts {
            Some(0) => return Err(Error::config("max_attempts must be at least 1, got 0")),
            Some(n) => n,
            None => env.max_attempts()?.unwrap_or(DEFAULT_MAX_ATTEMPTS),
        };

        let retry_mode = match self.retry_mode {
            Some(mode) => mode,
            None => env.retry_mode(&log)?.unwrap_or(RetryMode::Standard),
        };

        Ok(Settings {
            region,
            endpoint_url,
            use_fips,
            use_dualstack,
            connect_timeout: timeout("connect_timeout", self.connect_timeout)?
                .unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            attempt_timeout: timeout("attempt_timeout", self.attempt_timeout)?
                .unwrap_or(DEFAULT_ATTEMPT_TIMEOUT),
            total_timeout: timeout("total_timeout", self.total_timeout)?
                .filter(|t| *t < Config::NO_LIMIT),
            ca_bundle_path: self
                .ca_bundle_path
                .clone()
                .or_else(|| env.get("AWS_CA_BUNDLE").map(PathBuf::from)),
            app_id: self.app_id.clone().or_else(|| env.get("AWS_SDK_UA_APP_ID")),
            max_attempts,
            retry_mode,
            proxy_variables: ProxyVariables(
                PROXY_VARIABLES
                    .iter()
                    .filter_map(|&name| Some((name, env.get(name)?)))
                    .collect(),
            ),
            log,
        })
    }
}

/// A timeout as set: longer than zero (else a config error), and at most [`Config::NO_LIMIT`].
fn timeout(name: &str, timeout: Option<Duration>) -> Result<Option<Duration>, Error> {
    match timeout {
        Some(t) if t.is_zero() => Err(Error::config(format!("{name} must be longer than zero"))),
        other => Ok(other.map(|t| t.min(Config::NO_LIMIT))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Mutex;

    /// `config` resolved against a table of environment variables.
    fn resolve(config: Config, vars: &[(&str, &str)]) -> Result<Settings, Error> {
        let table: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        config
            .environment(move |name| table.get(name).cloned())
            .resolve()
    }

    fn config_error(config: Config, vars: &[(&str, &str)]) -> String {
        let error = resolve(config, vars).unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::Config);
        error.message().to_owned()
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let s = resolve(Config::new(), &[]).unwrap();
        assert_eq!(s.region, None);
        assert_eq!(s.endpoint_url, None);
        assert!(!s.use_fips && !s.use_dualstack);
        assert_eq!(s.connect_timeout, Duration::from_millis(3100));
        assert_eq!(s.attempt_timeout, Duration::from_secs(30));
        assert_eq!(s.total_timeout, None);
        assert_eq!(s.ca_bundle_path, None);
        assert_eq!(s.app_id, None);
        assert_eq!(s.max_attempts, 3);
        assert_eq!(s.retry_mode, RetryMode::Standard);
    }

    #[test]
    fn every_variable_is_read() {
        let s = resolve(
            Config::new(),
            &[
                ("AWS_REGION", "eu-west-1"),
                ("AWS_ENDPOINT_URL", "http://127.0.0.1:9229"),
                ("AWS_USE_FIPS_ENDPOINT", "true"),
                ("AWS_USE_DUALSTACK_ENDPOINT", "TRUE"),
                ("AWS_SDK_UA_APP_ID", "shop"),
                ("AWS_CA_BUNDLE", "/etc/ca.pem"),
                ("AWS_MAX_ATTEMPTS", "5"),
                ("AWS_RETRY_MODE", "adaptive"),
            ],
        )
        .unwrap();
        assert_eq!(s.region.as_deref(), Some("eu-west-1"));
        assert_eq!(s.endpoint_url.as_deref(), Some("http://127.0.0.1:9229"));
        assert!(s.use_fips && s.use_dualstack);
        assert_eq!(s.app_id.as_deref(), Some("shop"));
        assert_eq!(s.ca_bundle_path, Some(PathBuf::from("/etc/ca.pem")));
        assert_eq!(s.max_attempts, 5);
        assert_eq!(s.retry_mode, RetryMode::Adaptive);
    }

    /// Environment, explicit setting, expected value.
    type Case<'a> = (&'a [(&'a str, &'a str)], Option<&'a str>, Option<&'a str>);

    #[test]
    fn region_precedence() {
        let table: [Case<'_>; 5] = [
            (
                &[
                    ("AWS_REGION", "eu-west-1"),
                    ("AWS_DEFAULT_REGION", "us-west-2"),
                ],
                None,
                Some("eu-west-1"),
            ),
            (
                &[("AWS_DEFAULT_REGION", "us-west-2")],
                None,
                Some("us-west-2"),
            ),
            (
                &[("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "us-west-2")],
                None,
                Some("us-west-2"),
            ),
            (
                &[("AWS_REGION", "eu-west-1")],
                Some("ap-south-1"),
                Some("ap-south-1"),
            ),
            (&[], None, None),
        ];
        for (vars, explicit, expected) in table {
            let config = match explicit {
                Some(region) => Config::new().region(region),
                None => Config::new(),
            };
            assert_eq!(
                resolve(config, vars).unwrap().region.as_deref(),
                expected,
                "{vars:?}"
            );
        }
    }

    #[test]
    fn endpoint_precedence() {
        let service = (
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            "http://service:1",
        );
        let global = ("AWS_ENDPOINT_URL", "http://global:2");
        let table: [Case<'_>; 7] = [
            (&[service, global], None, Some("http://service:1")),
            (&[global], None, Some("http://global:2")),
            (
                &[
                    service,
                    global,
                    ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
                ],
                None,
                None,
            ),
            (
                &[global, ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")],
                None,
                Some("http://global:2"),
            ),
            (
                &[service],
                Some("http://explicit:3"),
                Some("http://explicit:3"),
            ),
            // The switch ignores configured endpoints, never an explicit one.
            (
                &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")],
                Some("http://explicit:3"),
                Some("http://explicit:3"),
            ),
            (&[], None, None),
        ];
        for (vars, explicit, expected) in table {
            let config = match explicit {
                Some(url) => Config::new().endpoint_url(url),
                None => Config::new(),
            };
            assert_eq!(
                resolve(config, vars).unwrap().endpoint_url.as_deref(),
                expected,
                "{vars:?}"
            );
        }
    }

    #[test]
    fn explicit_settings_beat_the_environment() {
        let vars = [
            ("AWS_USE_FIPS_ENDPOINT", "true"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
            ("AWS_SDK_UA_APP_ID", "env-app"),
            ("AWS_CA_BUNDLE", "/env.pem"),
            ("AWS_MAX_ATTEMPTS", "7"),
            ("AWS_RETRY_MODE", "adaptive"),
        ];
        let config = Config::new()
            .use_fips(false)
            .use_dualstack(false)
            .app_id("mine")
            .ca_bundle_path("/mine.pem")
            .max_attempts(2)
            .retry_mode(RetryMode::Standard);
        let s = resolve(config, &vars).unwrap();
        assert!(!s.use_fips && !s.use_dualstack);
        assert_eq!(s.app_id.as_deref(), Some("mine"));
        assert_eq!(s.ca_bundle_path, Some(PathBuf::from("/mine.pem")));
        assert_eq!(s.max_attempts, 2);
        assert_eq!(s.retry_mode, RetryMode::Standard);
    }

    #[test]
    fn ignore_environment_skips_every_variable() {
        let consulted = Arc::new(Mutex::new(Vec::new()));
        let seen = consulted.clone();
        let config = Config::new()
            .ignore_environment(true)
            .environment(move |name| {
                seen.lock().unwrap().push(name.to_owned());
                Some("not-a-valid-value-for-anything".to_owned())
            });
        let s = config.resolve().unwrap();
        assert_eq!(s.region, None);
        assert_eq!(s.max_attempts, 3);
        assert!(consulted.lock().unwrap().is_empty());
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (name, value) in [
            ("AWS_USE_FIPS_ENDPOINT", "yes"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "1"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "on"),
            ("AWS_MAX_ATTEMPTS", "0"),
            ("AWS_MAX_ATTEMPTS", "-1"),
            ("AWS_MAX_ATTEMPTS", "three"),
            ("AWS_MAX_ATTEMPTS", "99999999999"),
            ("AWS_RETRY_MODE", "fast"),
        ] {
            let message = config_error(Config::new(), &[(name, value)]);
            assert!(message.contains(name), "{message}");
            assert!(message.contains(&format!("{value:?}")), "{message}");
        }
    }

    #[test]
    fn retry_mode_values() {
        for (value, mode) in [
            ("standard", RetryMode::Standard),
            ("Standard", RetryMode::Standard),
            ("adaptive", RetryMode::Adaptive),
            ("ADAPTIVE", RetryMode::Adaptive),
        ] {
            let s = resolve(Config::new(), &[("AWS_RETRY_MODE", value)]).unwrap();
            assert_eq!(s.retry_mode, mode, "{value}");
        }
    }

    #[test]
    fn legacy_retry_mode_is_standard_with_a_warning() {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let config = Config::new().log(Arc::new(move |level, message: &str| {
            sink.lock().unwrap().push((level, message.to_owned()));
        }));
        let s = resolve(config, &[("AWS_RETRY_MODE", "legacy")]).unwrap();
        assert_eq!(s.retry_mode, RetryMode::Standard);
        let lines = lines.lock().unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].0, LogLevel::Warn);
        assert!(
            lines[0].1.contains("AWS_RETRY_MODE=legacy"),
            "{}",
            lines[0].1
        );
    }

    #[test]
    fn impossible_explicit_settings_are_config_errors() {
        assert!(config_error(Config::new().max_attempts(0), &[]).contains("max_attempts"));
        assert!(
            config_error(Config::new().connect_timeout(Duration::ZERO), &[])
                .contains("connect_timeout")
        );
        assert!(
            config_error(Config::new().attempt_timeout(Duration::ZERO), &[])
                .contains("attempt_timeout")
        );
        assert!(
            config_error(Config::new().total_timeout(Duration::ZERO), &[])
                .contains("total_timeout")
        );
    }

    #[test]
    fn debug_shows_no_callbacks() {
        let config = Config::new().log(Arc::new(|_, _| {})).environment(|_| None);
        let text = format!("{config:?}");
        assert!(
            text.contains("<callback>") && text.contains("<lookup>"),
            "{text}"
        );
    }
}
