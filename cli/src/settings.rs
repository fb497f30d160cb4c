//! The library's Config from the global options. What an option leaves unset falls back, in the
//! library, to its AWS_* environment variable, then to the shared config file's profile, and
//! then to the library's default.

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
    if let Some(profile) = &globals.profile {
        config = config.profile(profile);
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
    if globals.no_verify_ssl {
        config = config.verify_tls(false);
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

    proptest::proptest! {
        /// Every value the options take makes a client, and a call with it runs (to a port
        /// nothing listens on): never an overflow or a panic in the deadline arithmetic.
        #[test]
        fn every_timeout_option_value_makes_a_working_client(
            connect in proptest::prop_oneof![proptest::strategy::Just(u64::MAX), 0..=u64::MAX],
            read in proptest::prop_oneof![proptest::strategy::Just(u64::MAX), 0..=u64::MAX],
        ) {
            let config = Config::new()
                .ignore_environment(true)
                .endpoint_url("http://127.0.0.1:9")
                .max_attempts(1)
                .connect_timeout(timeout(connect))
                .attempt_timeout(timeout(read));
            let client = cognito_feedback::Client::new(config).unwrap();
            let request = cognito_feedback::UpdateAuthEventFeedbackRequest {
                user_pool_id: "us-east-1_Pool1".into(),
                username: "alice".into(),
                event_id: "evt-1".into(),
                feedback_token: "token".into(),
                feedback_value: cognito_feedback::FeedbackValue::Valid,
            };
            let error = client.update_auth_event_feedback(&request, None).unwrap_err();
            proptest::prop_assert_eq!(error.kind(), cognito_feedback::ErrorKind::Connection);
        }
    }
}
