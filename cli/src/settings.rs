//! The library's Config from the global options. What an option leaves unset falls back, in the
//! library, to its AWS_* environment variable and then to the library's default.

use std::time::Duration;

use cognito_feedback::Config;

use crate::args::Globals;
use crate::debug::DebugLog;

/// The client configuration for these options. `--cli-read-timeout` bounds each attempt, the
/// library's nearest setting to a socket read timeout.
pub fn config(globals: &Globals, debug: &DebugLog) -> Config {
    let mut config = Config::new();
    if let Some(region) = &globals.region {
        config = config.region(region);
    }
    if let Some(url) = &globals.endpoint_url {
        config = config.endpoint_url(url);
    }
    if let Some(seconds) = globals.cli_connect_timeout {
        config = config.connect_timeout(timeout(seconds));
    }
    if let Some(seconds) = globals.cli_read_timeout {
        config = config.attempt_timeout(timeout(seconds));
    }
    if let Some(path) = &globals.ca_bundle {
        config = config.ca_bundle_path(path);
    }
    if let Some(sink) = debug.library_sink() {
        config = config.log(sink);
    }
    config
}

/// A timeout option's duration: whole seconds, 0 for no limit (as is any value of
/// [`Config::NO_LIMIT`] or more, up to the largest the option takes).
fn timeout(seconds: u64) -> Duration {
    match seconds {
        0 => Config::NO_LIMIT,
        s => Duration::from_secs(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_seconds_is_no_limit() {
        assert_eq!(timeout(0), Config::NO_LIMIT);
        assert_eq!(timeout(7), Duration::from_secs(7));
    }
}
