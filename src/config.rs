//! Client settings: a builder with defaults, the standard AWS_* environment variables and the
//! shared config file's profile (`src/profile.rs`).
//!
//! Precedence, as in the AWS SDKs: an explicit setting, else the environment variable, else
//! the active profile, else the default. `ignore_environment(true)` makes a client hermetic.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::error::Error;
use crate::profile::{self, FileKind, Platform, ProfileSet};

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
    pub(crate) profile: Option<String>,
    pub(crate) max_concurrency: Option<usize>,
    pub(crate) ignore_environment: bool,
    pub(crate) verify_tls: Option<bool>,
    pub(crate) max_pool_connections: Option<usize>,
    pub(crate) proxy: Option<String>,
    pub(crate) environment: Option<Arc<EnvLookup>>,
    pub(crate) log: Option<LogFn>,
    pub(crate) log_level: Option<LogLevel>,
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

    /// Verify the endpoint's TLS certificate (the default) or not. `false` is botocore's
    /// `verify=False` and the AWS CLI's `--no-verify-ssl`: any certificate is accepted, so
    /// anyone on the path can read the feedback token. For tests against a self-signed
    /// endpoint only.
    pub fn verify_tls(mut self, verify: bool) -> Config {
        self.verify_tls = Some(verify);
        self
    }

    /// How many idle keep-alive connections the pool keeps (botocore's
    /// `max_pool_connections`; default 64). At least 1.
    pub fn max_pool_connections(mut self, connections: usize) -> Config {
        self.max_pool_connections = Some(connections);
        self
    }

    /// An HTTP(S) proxy for every call, e.g. `http://proxy.example:3128` (botocore's
    /// `proxies`), used for any endpoint, a loopback one included; the proxy environment
    /// variables are then not read. The endpoint's traffic goes through a CONNECT tunnel.
    pub fn proxy(mut self, url: impl Into<String>) -> Config {
        self.proxy = Some(url.into());
        self
    }

    /// At most this many calls of the completion API (`cognito_update_auth_event_feedback_async`)
    /// run at once on one client, each on a library-owned thread started when needed; calls
    /// beyond it wait in a queue (default 64). No environment variable sets it.
    pub fn max_concurrency(mut self, calls: usize) -> Config {
        self.max_concurrency = Some(calls);
        self
    }

    /// The profile of the shared config file to read settings from (else AWS_PROFILE, else
    /// `default`). The file is AWS_CONFIG_FILE, else `~/.aws/config` (home from HOME); a
    /// profile read is a setting's last source before its default. A named profile that does
    /// not exist is a config error; a missing `default` profile, or no file, is none.
    pub fn profile(mut self, name: impl Into<String>) -> Config {
        self.profile = Some(name.into());
        self
    }

    /// Ignore every environment variable (the AWS_* and the proxy ones) and the shared config
    /// file: only explicit settings and defaults apply, no proxy is used, and nothing outside
    /// the program is read (setting a [`Config::profile`] as well is then a config error).
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

    /// The most detailed level sent to the [`log`](Config::log) sink (default
    /// [`LogLevel::Trace`]: every message). A message below it is never built and the sink is
    /// not called for it.
    pub fn log_level(mut self, level: LogLevel) -> Config {
        self.log_level = Some(level);
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
            .field("profile", &self.profile)
            .field("max_concurrency", &self.max_concurrency)
            .field("ignore_environment", &self.ignore_environment)
            .field("verify_tls", &self.verify_tls)
            .field("max_pool_connections", &self.max_pool_connections)
            .field("proxy", &self.proxy)
            .field(
                "environment",
                &self.environment.as_ref().map(|_| "<lookup>"),
            )
            .field("log", &self.log.as_ref().map(|_| "<callback>"))
            .field("log_level", &self.log_level)
            .finish()
    }
}

/// How long to wait for a TCP (and TLS) connection unless set: the AWS SDK for Rust's default.
pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// How long one attempt may take unless set. The AWS SDKs set no such bound (botocore has a
/// 60 s read timeout); UpdateAuthEventFeedback answers in well under a second, so 30 s only
/// catches a hung connection, early enough to leave room for a retry.
pub(crate) const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);

/// Idle keep-alive connections kept unless set. Enough for the threads that commonly share
/// one client: with 10, 16 threads calling at once returned more connections than the pool
/// kept, so it closed some and the next calls opened new ones (194 connects in a 5 s benchmark
/// run instead of 16). An idle connection costs one socket and its buffers, and the server
/// closes those it no longer wants.
pub(crate) const DEFAULT_MAX_POOL_CONNECTIONS: usize = 64;

/// Attempts per call unless set, the first included (the SDKs' standard mode).
pub(crate) const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// Completion-API calls running at once on one client unless set: enough to keep a burst of
/// calls to a 50 ms service at over a thousand calls a second, few enough that the threads'
/// reserved stacks stay small.
pub(crate) const DEFAULT_MAX_CONCURRENCY: usize = 64;

/// The settings a client runs with, each from its explicit value, else its environment
/// variable, else the active profile of the config file, else its default.
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
    pub(crate) verify_tls: bool,
    pub(crate) max_pool_connections: usize,
    pub(crate) proxy: Option<String>,
    pub(crate) max_concurrency: usize,
    /// The proxy variables, from the same environment as the AWS_* ones.
    pub(crate) proxy_variables: ProxyVariables,
    pub(crate) log: Logger,
    /// Each setting read from the profile or the environment with its value and where it came
    /// from, for the debug line at client creation (none of them is a secret).
    pub(crate) origins: String,
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

/// The configured log sink, or nothing, and the most detailed level it receives.
#[derive(Clone)]
pub(crate) struct Logger {
    sink: Option<LogFn>,
    max_level: LogLevel,
}

impl Default for Logger {
    fn default() -> Logger {
        Logger {
            sink: None,
            max_level: LogLevel::Trace,
        }
    }
}

impl Logger {
    /// Sends a message to the sink; formats it only when there is one and `level` is not
    /// below the configured level.
    pub(crate) fn log(&self, level: LogLevel, message: fmt::Arguments<'_>) {
        if let Some(sink) = &self.sink
            && level <= self.max_level
        {
            sink(level, &message.to_string());
        }
    }
}

impl fmt::Debug for Logger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sink {
            Some(_) => write!(f, "<callback up to {:?}>", self.max_level),
            None => f.write_str("None"),
        }
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
}

/// The process environment; a value that is not UTF-8 is read lossily (and then fails the
/// checks its setting has, such as a valid region or a readable file).
fn process_environment(name: &str) -> Option<String> {
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
}

/// The keys under which a `[services NAME]` section configures this service: botocore's
/// and the AWS SDK for Rust's spellings.
const SERVICES_KEYS: [&str; 2] = ["cognito_identity_provider", "cognito-identity-provider"];

/// The profile a client reads: its name and the parsed file it is in.
struct ActiveProfile {
    /// `profile NAME of FILE`, as the debug line and error messages name it.
    label: String,
    name: String,
    set: ProfileSet,
}

/// A value read from the config file: the property it came from and where that is.
struct ProfileValue {
    key: &'static str,
    raw: String,
    /// `profile NAME of FILE`, or `services section S of profile NAME of FILE`.
    place: String,
}

impl ActiveProfile {
    /// The profile's property `key`; unset and empty are the same.
    fn value(&self, key: &'static str) -> Option<ProfileValue> {
        let raw = self.set.profile(&self.name)?.get(key)?;
        (!raw.is_empty()).then(|| ProfileValue {
            key,
            raw: raw.to_owned(),
            place: self.label.clone(),
        })
    }

    /// The endpoint URL the profile's `services` section sets for this service, else the
    /// profile's own `endpoint_url` (botocore's order). A config error when the profile names
    /// a services section that does not exist, as in botocore.
    fn endpoint_url(&self) -> Result<Option<ProfileValue>, Error> {
        let Some(services) = self.value("services") else {
            return Ok(self.value("endpoint_url"));
        };
        let Some(section) = self.set.services(&services.raw) else {
            return Err(Error::config(format!(
                "{} uses the services section {:?}, which does not exist",
                self.label, services.raw
            )));
        };
        let in_section = SERVICES_KEYS
            .iter()
            .find_map(|key| section.sub_property(key, "endpoint_url"))
            .filter(|url| !url.is_empty());
        Ok(match in_section {
            Some(url) => Some(ProfileValue {
                key: "endpoint_url",
                raw: url.to_owned(),
                place: format!("services section {} of {}", services.raw, self.label),
            }),
            None => self.value("endpoint_url"),
        })
    }
}

/// Where a setting's value came from.
enum Origin<'a> {
    Explicit,
    Environment(&'static str),
    Profile(&'a str),
    Default,
}

impl fmt::Display for Origin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Explicit => f.write_str("explicit setting"),
            Origin::Environment(name) => write!(f, "environment variable {name}"),
            Origin::Profile(place) => f.write_str(place),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// The sources a setting is looked up in, in precedence order after the explicit value.
struct Sources<'a> {
    env: Environment<'a>,
    profile: Option<ActiveProfile>,
    /// `name=value (origin)` for each setting resolved so far.
    origins: Vec<String>,
    /// Where the last value [`Sources::pick`] returned came from.
    last_origin: String,
}

impl Sources<'_> {
    /// The first of: `explicit`; the variables `vars` in order; what `in_profile` finds in
    /// the active profile — parsed by `parse` (a config error naming where the value came from
    /// when it fails); else `None`. The value and its origin are recorded as `name`.
    fn pick<T: fmt::Debug>(
        &mut self,
        name: &str,
        explicit: Option<T>,
        vars: &[&'static str],
        in_profile: impl FnOnce(&ActiveProfile) -> Result<Option<ProfileValue>, Error>,
        parse: impl Fn(&str) -> Result<T, &'static str>,
    ) -> Result<Option<T>, Error> {
        let from_profile;
        let (value, origin) = if explicit.is_some() {
            (explicit, Origin::Explicit)
        } else if let Some((var, raw)) =
            vars.iter().find_map(|var| Some((*var, self.env.get(var)?)))
        {
            let value = parse(&raw).map_err(|why| {
                Error::config(format!("environment variable {var} {why}, got {raw:?}"))
            })?;
            (Some(value), Origin::Environment(var))
        } else {
            from_profile = match &self.profile {
                Some(profile) => in_profile(profile)?,
                None => None,
            };
            match &from_profile {
                Some(found) => {
                    let value = parse(&found.raw).map_err(|why| {
                        Error::config(format!(
                            "{} in {} {why}, got {:?}",
                            found.key, found.place, found.raw
                        ))
                    })?;
                    (Some(value), Origin::Profile(&found.place))
                }
                None => (None, Origin::Default),
            }
        };
        self.last_origin = origin.to_string();
        self.origins.push(match &value {
            Some(value) => format!("{name}={value:?} ({origin})"),
            None => format!("{name} unset ({origin})"),
        });
        Ok(value)
    }

    /// The endpoint URL: explicit; else, unless configured endpoints are ignored, the
    /// service's variable, the global variable, the profile's services section, the profile's
    /// `endpoint_url` — botocore's order.
    fn endpoint_url(&mut self, explicit: Option<String>) -> Result<Option<String>, Error> {
        if explicit.is_none() {
            let ignore = self.pick(
                "ignore_configured_endpoint_urls",
                None,
                &["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"],
                in_profile("ignore_configured_endpoint_urls"),
                parse_bool,
            )?;
            if ignore == Some(true) {
                let line = "endpoint_url unset (configured endpoints ignored)".to_owned();
                self.origins.push(line);
                return Ok(None);
            }
        }
        self.pick(
            "endpoint_url",
            explicit,
            &[
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                "AWS_ENDPOINT_URL",
            ],
            ActiveProfile::endpoint_url,
            parse_text,
        )
    }
}

/// The lookup of the profile's property `key`, for [`Sources::pick`].
fn in_profile(
    key: &'static str,
) -> impl FnOnce(&ActiveProfile) -> Result<Option<ProfileValue>, Error> {
    move |profile| Ok(profile.value(key))
}

/// `true` / `false` in any case.
fn parse_bool(value: &str) -> Result<bool, &'static str> {
    match value {
        v if v.eq_ignore_ascii_case("true") => Ok(true),
        v if v.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err("must be `true` or `false`"),
    }
}

/// A whole number of at least 1.
fn parse_max_attempts(value: &str) -> Result<u32, &'static str> {
    match value.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("must be a whole number of at least 1"),
    }
}

/// A retry mode as configured: `legacy` (which this client does not implement) is kept apart
/// so it can be warned about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RetryModeSetting {
    Mode(RetryMode),
    Legacy,
}

/// `standard`, `adaptive` or `legacy` in any case.
fn parse_retry_mode(value: &str) -> Result<RetryModeSetting, &'static str> {
    match value {
        v if v.eq_ignore_ascii_case("standard") => Ok(RetryModeSetting::Mode(RetryMode::Standard)),
        v if v.eq_ignore_ascii_case("adaptive") => Ok(RetryModeSetting::Mode(RetryMode::Adaptive)),
        v if v.eq_ignore_ascii_case("legacy") => Ok(RetryModeSetting::Legacy),
        _ => Err("must be `standard` or `adaptive`"),
    }
}

/// Any text.
fn parse_text(value: &str) -> Result<String, &'static str> {
    Ok(value.to_owned())
}

/// Reads the active profile: chosen by `explicit`, else `AWS_PROFILE`, else `default`, from
/// the config file the environment points to; with a line for the debug log saying which
/// profile of which file it is. `None` when the `default` profile was chosen and the file
/// (if any) does not define it; a config error when a named profile does not exist or the file
/// cannot be read or parsed.
fn load_profile(
    env: &Environment<'_>,
    explicit: Option<&str>,
) -> Result<(Option<ActiveProfile>, String), Error> {
    let lookup = |name: &str| env.get(name);
    let (name, chosen_by) = match explicit {
        Some(name) => (name.to_owned(), "explicit setting".to_owned()),
        None => match env.get("AWS_PROFILE") {
            Some(name) => (name, "environment variable AWS_PROFILE".to_owned()),
            None => (profile::DEFAULT_PROFILE.to_owned(), "default".to_owned()),
        },
    };
    let path = profile::locations(&lookup, Platform::CURRENT).config;
    let text = match &path {
        Some(path) => {
            profile::read_file(path).map_err(|e| Error::config(format!("config file {e}")))?
        }
        None => None,
    };
    let file = match &path {
        Some(path) => path.display().to_string(),
        None => "<no config file: HOME and AWS_CONFIG_FILE are unset>".to_owned(),
    };
    let mut set = ProfileSet::new();
    if let Some(text) = text {
        set.add(FileKind::Config, &file, &text)
            .map_err(|e| Error::config(format!("config file {e}")))?;
    }
    if set.profile(&name).is_none() {
        if name != profile::DEFAULT_PROFILE {
            // The setting at fault is named, so wrappers raise botocore's ProfileNotFound.
            return Err(Error::setting(
                "profile",
                format!("the config profile {name:?} ({chosen_by}) could not be found in {file}"),
            ));
        }
        return Ok((
            None,
            format!("profile {name:?} ({chosen_by}) not in {file}"),
        ));
    }
    let line = format!("profile {name:?} ({chosen_by}) of {file}");
    let profile = ActiveProfile {
        label: format!("profile {name} of {file}"),
        name,
        set,
    };
    Ok((Some(profile), line))
}

impl Config {
    /// Resolves every setting: explicit > environment > config file profile > default. Fails
    /// with a config error naming the setting, environment variable or file line that cannot
    /// work.
    pub(crate) fn resolve(&self) -> Result<Settings, Error> {
        let log = Logger {
            sink: self.log.clone(),
            max_level: self.log_level.unwrap_or(LogLevel::Trace),
        };
        let env = Environment {
            lookup: match (&self.environment, self.ignore_environment) {
                (_, true) => None,
                (Some(lookup), false) => Some(lookup.as_ref()),
                (None, false) => Some(&process_environment),
            },
        };
        let (profile, profile_line) = match (&self.profile, self.ignore_environment) {
            (Some(name), true) => {
                return Err(Error::config(format!(
                    "profile {name:?} cannot be read: ignore_environment keeps the client from \
                     reading config files"
                )));
            }
            (None, true) => (None, "no config file read (ignore_environment)".to_owned()),
            (name, false) => load_profile(&env, name.as_deref())?,
        };
        let mut sources = Sources {
            env,
            profile,
            origins: vec![profile_line],
            last_origin: String::new(),
        };

        let region = sources.pick(
            "region",
            self.region.clone(),
            &["AWS_REGION", "AWS_DEFAULT_REGION"],
            in_profile("region"),
            parse_text,
        )?;
        let endpoint_url = sources.endpoint_url(self.endpoint_url.clone())?;
        let use_fips = sources.pick(
            "use_fips_endpoint",
            self.use_fips,
            &["AWS_USE_FIPS_ENDPOINT"],
            in_profile("use_fips_endpoint"),
            parse_bool,
        )?;
        let use_dualstack = sources.pick(
            "use_dualstack_endpoint",
            self.use_dualstack,
            &["AWS_USE_DUALSTACK_ENDPOINT"],
            in_profile("use_dualstack_endpoint"),
            parse_bool,
        )?;
        if self.max_attempts == Some(0) {
            return Err(Error::config("max_attempts must be at least 1, got 0"));
        }
        let max_attempts = sources.pick(
            "max_attempts",
            self.max_attempts,
            &["AWS_MAX_ATTEMPTS"],
            in_profile("max_attempts"),
            parse_max_attempts,
        )?;
        let retry_mode = match sources.pick(
            "retry_mode",
            self.retry_mode.map(RetryModeSetting::Mode),
            &["AWS_RETRY_MODE"],
            in_profile("retry_mode"),
            parse_retry_mode,
        )? {
            Some(RetryModeSetting::Mode(mode)) => mode,
            Some(RetryModeSetting::Legacy) => {
                log.log(
                    LogLevel::Warn,
                    format_args!(
                        "retry mode `legacy` ({}) is not supported by this client; using standard",
                        sources.last_origin
                    ),
                );
                RetryMode::Standard
            }
            None => RetryMode::Standard,
        };
        let max_concurrency = match self.max_concurrency {
            Some(0) => return Err(Error::config("max_concurrency must be at least 1, got 0")),
            Some(n) => n,
            None => DEFAULT_MAX_CONCURRENCY,
        };
        let ca_bundle_path = sources.pick(
            "ca_bundle",
            self.ca_bundle_path.clone(),
            &["AWS_CA_BUNDLE"],
            in_profile("ca_bundle"),
            |v| Ok(PathBuf::from(v)),
        )?;
        let app_id = sources.pick(
            "sdk_ua_app_id",
            self.app_id.clone(),
            &["AWS_SDK_UA_APP_ID"],
            in_profile("sdk_ua_app_id"),
            parse_text,
        )?;

        let max_pool_connections = match self.max_pool_connections {
            Some(0) => {
                return Err(Error::config(
                    "max_pool_connections must be at least 1, got 0",
                ));
            }
            Some(n) => n,
            None => DEFAULT_MAX_POOL_CONNECTIONS,
        };

        Ok(Settings {
            region,
            endpoint_url,
            use_fips: use_fips.unwrap_or(false),
            use_dualstack: use_dualstack.unwrap_or(false),
            connect_timeout: timeout("connect_timeout", self.connect_timeout)?
                .unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            attempt_timeout: timeout("attempt_timeout", self.attempt_timeout)?
                .unwrap_or(DEFAULT_ATTEMPT_TIMEOUT),
            total_timeout: timeout("total_timeout", self.total_timeout)?
                .filter(|t| *t < Config::NO_LIMIT),
            ca_bundle_path,
            app_id,
            max_attempts: max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS),
            retry_mode,
            verify_tls: self.verify_tls.unwrap_or(true),
            max_pool_connections,
            proxy: self.proxy.clone(),
            max_concurrency,
            proxy_variables: ProxyVariables(
                PROXY_VARIABLES
                    .iter()
                    .filter_map(|&name| Some((name, sources.env.get(name)?)))
                    .collect(),
            ),
            log,
            origins: sources.origins.join(", "),
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
        assert_eq!(error.kind(), crate::error::ErrorKind::Config);
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
        assert_eq!(s.max_concurrency, 64);
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
        assert_eq!(
            lines[0].1,
            "retry mode `legacy` (environment variable AWS_RETRY_MODE) is not supported by this \
             client; using standard"
        );
    }

    #[test]
    fn messages_below_the_log_level_are_neither_built_nor_sent() {
        struct Counted<'a>(&'a Mutex<u32>);
        impl fmt::Display for Counted<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                *self.0.lock().unwrap() += 1;
                f.write_str("built")
            }
        }
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let config = Config::new()
            .log(Arc::new(move |level, message: &str| {
                sink.lock().unwrap().push((level, message.to_owned()));
            }))
            .log_level(LogLevel::Info);
        let log = resolve(config, &[]).unwrap().log;
        let built = Mutex::new(0);
        for level in [
            LogLevel::Trace,
            LogLevel::Debug,
            LogLevel::Info,
            LogLevel::Error,
        ] {
            log.log(level, format_args!("{}", Counted(&built)));
        }
        assert_eq!(*built.lock().unwrap(), 2);
        assert_eq!(
            *lines.lock().unwrap(),
            [
                (LogLevel::Info, "built".to_owned()),
                (LogLevel::Error, "built".to_owned())
            ]
        );
    }

    #[test]
    fn impossible_explicit_settings_are_config_errors() {
        assert!(config_error(Config::new().max_attempts(0), &[]).contains("max_attempts"));
        assert!(config_error(Config::new().max_concurrency(0), &[]).contains("max_concurrency"));
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

    /// A temporary HOME holding `~/.aws/config` with `text`; removed when dropped.
    struct Home(PathBuf);

    impl Home {
        fn new(text: &str) -> Home {
            static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let dir = std::env::temp_dir().join(format!("cf-home-{}-{n}", std::process::id()));
            std::fs::create_dir_all(dir.join(".aws")).unwrap();
            std::fs::write(dir.join(".aws/config"), text).unwrap();
            Home(dir)
        }
        fn path(&self) -> &str {
            self.0.to_str().unwrap()
        }
        fn config(&self) -> String {
            format!("{}/.aws/config", self.path())
        }
    }

    impl Drop for Home {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const PROD: &str = "[default]\nregion = us-east-1\n\
        [profile prod]\nregion = eu-west-1\nendpoint_url = http://global:1\n\
        use_fips_endpoint = TRUE\nuse_dualstack_endpoint = false\nmax_attempts = 6\n\
        retry_mode = adaptive\nca_bundle = /prod.pem\nsdk_ua_app_id = prod-app\n";

    #[test]
    fn the_profile_supplies_every_setting() {
        let home = Home::new(PROD);
        let s = resolve(
            Config::new(),
            &[("HOME", home.path()), ("AWS_PROFILE", "prod")],
        )
        .unwrap();
        assert_eq!(s.region.as_deref(), Some("eu-west-1"));
        assert_eq!(s.endpoint_url.as_deref(), Some("http://global:1"));
        assert!(s.use_fips && !s.use_dualstack);
        assert_eq!(s.max_attempts, 6);
        assert_eq!(s.retry_mode, RetryMode::Adaptive);
        assert_eq!(s.ca_bundle_path, Some(PathBuf::from("/prod.pem")));
        assert_eq!(s.app_id.as_deref(), Some("prod-app"));
        let label = format!("profile prod of {}", home.config());
        assert!(
            s.origins
                .contains(&format!("region=\"eu-west-1\" ({label})")),
            "{}",
            s.origins
        );
        // The default profile when none is chosen; an explicit profile beats AWS_PROFILE.
        let s = resolve(Config::new(), &[("HOME", home.path())]).unwrap();
        assert_eq!(s.region.as_deref(), Some("us-east-1"));
        let s = resolve(
            Config::new().profile("default"),
            &[("HOME", home.path()), ("AWS_PROFILE", "prod")],
        )
        .unwrap();
        assert_eq!(s.region.as_deref(), Some("us-east-1"));
    }

    #[test]
    fn environment_and_explicit_settings_beat_the_profile() {
        let home = Home::new(PROD);
        let vars = [
            ("HOME", home.path()),
            ("AWS_PROFILE", "prod"),
            ("AWS_DEFAULT_REGION", "ap-south-1"),
            ("AWS_USE_FIPS_ENDPOINT", "false"),
            ("AWS_MAX_ATTEMPTS", "2"),
        ];
        let s = resolve(Config::new(), &vars).unwrap();
        assert_eq!(s.region.as_deref(), Some("ap-south-1"));
        assert!(!s.use_fips);
        assert_eq!(s.max_attempts, 2);
        assert!(
            s.origins
                .contains("max_attempts=2 (environment variable AWS_MAX_ATTEMPTS)")
        );
        let s = resolve(
            Config::new().region("us-west-2").endpoint_url("http://x:2"),
            &vars,
        )
        .unwrap();
        assert_eq!(s.region.as_deref(), Some("us-west-2"));
        assert_eq!(s.endpoint_url.as_deref(), Some("http://x:2"));
        assert!(
            s.origins
                .contains("region=\"us-west-2\" (explicit setting)")
        );
    }

    #[test]
    fn the_services_section_sets_this_service_endpoint() {
        for key in ["cognito_identity_provider", "cognito-identity-provider"] {
            let home = Home::new(&format!(
                "[profile prod]\nservices = local\nendpoint_url = http://global:1\n\
                 [services local]\ns3 =\n  endpoint_url = http://s3:1\n\
                 {key} =\n  endpoint_url = http://service:2\n"
            ));
            let vars = [("HOME", home.path()), ("AWS_PROFILE", "prod")];
            let s = resolve(Config::new(), &vars).unwrap();
            assert_eq!(s.endpoint_url.as_deref(), Some("http://service:2"), "{key}");
            let origin = format!(
                "endpoint_url=\"http://service:2\" (services section local of profile prod of {})",
                home.config()
            );
            assert!(s.origins.contains(&origin), "{}", s.origins);
            // The global variable beats the services section, as in botocore.
            let mut with_global = vars.to_vec();
            with_global.push(("AWS_ENDPOINT_URL", "http://env:3"));
            let s = resolve(Config::new(), &with_global).unwrap();
            assert_eq!(s.endpoint_url.as_deref(), Some("http://env:3"));
            let mut ignoring = vars.to_vec();
            ignoring.push(("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
            assert_eq!(
                resolve(Config::new(), &ignoring).unwrap().endpoint_url,
                None
            );
        }
        let home = Home::new(
            "[profile prod]\nservices = gone\nignore_configured_endpoint_urls = true\n[profile p2]\nservices = gone\n",
        );
        let s = resolve(
            Config::new(),
            &[("HOME", home.path()), ("AWS_PROFILE", "prod")],
        );
        assert_eq!(s.unwrap().endpoint_url, None);
        let message = config_error(Config::new().profile("p2"), &[("HOME", home.path())]);
        assert!(message.contains("services section \"gone\""), "{message}");
    }

    #[test]
    fn a_missing_named_profile_is_a_config_error() {
        let home = Home::new("[profile dev]\nregion = eu-west-1\n");
        let message = config_error(
            Config::new(),
            &[("HOME", home.path()), ("AWS_PROFILE", "prod")],
        );
        assert_eq!(
            message,
            format!(
                "the config profile \"prod\" (environment variable AWS_PROFILE) could not be \
                 found in {}",
                home.config()
            )
        );
        let message = config_error(Config::new().profile("prod"), &[("HOME", "/nonexistent")]);
        assert!(message.contains("\"prod\" (explicit setting)"), "{message}");
        // A missing default profile, file or home is no error; the debug line says so.
        let s = resolve(Config::new(), &[("HOME", home.path())]).unwrap();
        assert_eq!(s.region, None);
        assert!(
            s.origins.starts_with(&format!(
                "profile \"default\" (default) not in {}, ",
                home.config()
            )),
            "{}",
            s.origins
        );
        assert_eq!(
            resolve(Config::new(), &[("HOME", "/nonexistent")])
                .unwrap()
                .region,
            None
        );
        assert_eq!(resolve(Config::new(), &[]).unwrap().region, None);
    }

    #[test]
    fn bad_files_and_values_name_where_they_are() {
        let home = Home::new("[profile prod]\nregion = eu-west-1\nnot a property\n");
        let message = config_error(Config::new().profile("prod"), &[("HOME", home.path())]);
        assert_eq!(
            message,
            format!(
                "config file {} line 3: Expected an '=' sign defining a property",
                home.config()
            )
        );
        for (key, value) in [
            ("use_fips_endpoint", "yes"),
            ("use_dualstack_endpoint", "1"),
            ("max_attempts", "0"),
            ("retry_mode", "fast"),
            ("ignore_configured_endpoint_urls", "on"),
        ] {
            let home = Home::new(&format!("[default]\n{key} = {value}\n"));
            let message = config_error(Config::new(), &[("HOME", home.path())]);
            assert!(
                message.starts_with(&format!("{key} in profile default of {} ", home.config())),
                "{message}"
            );
            assert!(message.ends_with(&format!("got {value:?}")), "{message}");
        }
        let home = Home::new("[default]\nregion = x\n");
        let config_file = format!("{}/elsewhere", home.path());
        std::fs::create_dir(&config_file).unwrap();
        let message = config_error(Config::new(), &[("AWS_CONFIG_FILE", &config_file)]);
        assert!(
            message.starts_with(&format!("config file {config_file}: cannot be read")),
            "{message}"
        );
    }

    #[test]
    fn ignore_environment_reads_no_file() {
        let home = Home::new("[default]\nregion = eu-west-1\nmax_attempts = nonsense\n");
        let path = home.path().to_owned();
        let config = Config::new().environment(move |name| (name == "HOME").then(|| path.clone()));
        assert!(
            config.clone().resolve().is_err(),
            "the file is there to be read"
        );
        let s = config.ignore_environment(true).resolve().unwrap();
        assert_eq!((s.region, s.max_attempts), (None, 3));
        assert!(
            s.origins
                .starts_with("no config file read (ignore_environment), "),
            "{}",
            s.origins
        );
        let message = config_error(Config::new().ignore_environment(true).profile("prod"), &[]);
        assert!(message.contains("ignore_environment"), "{message}");
    }
}
