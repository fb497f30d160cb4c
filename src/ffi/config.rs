//! `CognitoConfig`: the settings builder handle and its setters.

use std::ffi::{c_char, c_void};
use std::time::Duration;

use super::args::{borrow_mut, enum_value, require_out, utf8};
use super::boundary::ffi_boundary;
use super::error::CognitoError;
use super::log::{CognitoLogCallback, log_fn, log_level};
use super::out::{finish, free};
use super::status::CognitoStatus;
use crate::config::{Config, RetryMode};

/// Client settings, filled in with the `cognito_config_set_*` functions and read by
/// `cognito_client_new`. Every setting left unset falls back to its AWS_* environment variable,
/// then to the shared config file's profile (unless `cognito_config_set_ignore_environment`),
/// and then to its default.
///
/// Created by `cognito_config_new`, freed by `cognito_config_free`; a client copies what it
/// needs, so the config may be freed (or changed) once the client is built.
///
/// A setter that fails leaves the config unchanged and keeps why it failed, for
/// `cognito_config_last_error`.
///
/// Thread safety: not synchronized. Setters need exclusive access; several threads may read one
/// config with `cognito_client_new` at once as long as no setter runs meanwhile.
pub struct CognitoConfig {
    inner: Config,
    /// Why the most recent setter call failed; `None` when it succeeded (or none ran).
    last_error: Option<CognitoError>,
}

impl CognitoConfig {
    /// The core settings.
    pub(crate) fn settings(&self) -> &Config {
        &self.inner
    }
}

/// How failed attempts are retried, for `cognito_config_set_retry_mode`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum CognitoRetryMode {
    /// The AWS SDKs' standard mode: backoff with jitter and a retry quota (the default).
    COGNITO_RETRY_STANDARD = 1,
    /// Standard mode plus a client-side rate limiter that slows down after throttling.
    COGNITO_RETRY_ADAPTIVE = 2,
}

/// Creates an empty configuration: the environment and the defaults apply. On success
/// `*config_out` receives a config to free with `cognito_config_free`.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config_out` is NULL.
///
/// # Safety
///
/// `config_out` must be NULL or valid for writes of a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_new(config_out: *mut *mut CognitoConfig) -> CognitoStatus {
    ffi_boundary!({
        let outcome = require_out(config_out, "config_out").map(|()| {
            Box::new(CognitoConfig {
                inner: Config::new(),
                last_error: None,
            })
        });
        // SAFETY: `config_out` is NULL or valid for writes, by this function's contract.
        unsafe { finish(outcome, config_out, std::ptr::null_mut()) }
    })
}

/// Frees a configuration. NULL is ignored. Must not be called twice for the same config.
///
/// # Safety
///
/// `config` must be NULL or a live `CognitoConfig` that nothing else uses now or later.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_free(config: *mut CognitoConfig) {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { free(config) }
    })
}

/// Applies `change` to the config behind `config`, once `value` (the checked argument) is
/// known to be good; a bad argument leaves the config unchanged and becomes its last error
/// (`cognito_config_last_error`), a success clears that.
///
/// # Safety
///
/// `config` must be NULL or a live `CognitoConfig` no other thread uses meanwhile.
unsafe fn update<V>(
    config: *mut CognitoConfig,
    value: Result<V, CognitoError>,
    change: impl FnOnce(Config, V) -> Config,
) -> CognitoStatus {
    // SAFETY: guaranteed by the caller.
    let config = match unsafe { borrow_mut(config, "config") } {
        Ok(config) => config,
        Err(error) => return error.status(),
    };
    match value {
        Ok(value) => {
            config.inner = change(std::mem::take(&mut config.inner), value);
            config.last_error = None;
            CognitoStatus::COGNITO_OK
        }
        Err(error) => config.last_error.insert(error).status(),
    }
}

/// Applies a string setting after checking it is a non-NULL UTF-8 string.
///
/// # Safety
///
/// As for [`update`]; `value` must be NULL or a NUL-terminated string.
unsafe fn update_text(
    config: *mut CognitoConfig,
    value: *const c_char,
    name: &str,
    change: impl FnOnce(Config, &str) -> Config,
) -> CognitoStatus {
    // SAFETY: guaranteed by the caller.
    unsafe { update(config, utf8(value, name), change) }
}

/// Sets the AWS region, e.g. `"eu-west-1"` (else AWS_REGION, then AWS_DEFAULT_REGION). An
/// unusable region is reported by `cognito_client_new` as `COGNITO_CONFIG_ERROR`.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` or `region` is NULL or
/// `region` is not UTF-8.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile; `region` must be
/// NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_region(
    config: *mut CognitoConfig,
    region: *const c_char,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update_text(config, region, "region", |c, v| c.region(v)) }
    })
}

/// Sets an endpoint URL to use instead of the resolved one, e.g. a local emulator
/// (else AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then AWS_ENDPOINT_URL).
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` or `url` is NULL or `url`
/// is not UTF-8.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile; `url` must be
/// NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_endpoint_url(
    config: *mut CognitoConfig,
    url: *const c_char,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update_text(config, url, "url", |c, v| c.endpoint_url(v)) }
    })
}

/// Uses the FIPS endpoint or not (else AWS_USE_FIPS_ENDPOINT; default false).
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_use_fips(
    config: *mut CognitoConfig,
    use_fips: bool,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, Ok(use_fips), Config::use_fips) }
    })
}

/// Uses the dual-stack (IPv4 and IPv6) endpoint or not (else AWS_USE_DUALSTACK_ENDPOINT;
/// default false).
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_use_dualstack(
    config: *mut CognitoConfig,
    use_dualstack: bool,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, Ok(use_dualstack), Config::use_dualstack) }
    })
}

/// Sets how long to wait for a TCP (and TLS) connection, in milliseconds (default 3100). 0 is
/// reported by `cognito_client_new` as `COGNITO_CONFIG_ERROR`; 100 years or more (up to
/// `UINT64_MAX`) means no limit.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_connect_timeout_ms(
    config: *mut CognitoConfig,
    timeout_ms: u64,
) -> CognitoStatus {
    ffi_boundary!({
        let timeout = Duration::from_millis(timeout_ms);
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, Ok(timeout), Config::connect_timeout) }
    })
}

/// Sets how long one attempt may take, from connecting to the end of the response, in
/// milliseconds (default 30000). 0 is reported by `cognito_client_new` as
/// `COGNITO_CONFIG_ERROR`; 100 years or more (up to `UINT64_MAX`) means no limit.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_attempt_timeout_ms(
    config: *mut CognitoConfig,
    timeout_ms: u64,
) -> CognitoStatus {
    ffi_boundary!({
        let timeout = Duration::from_millis(timeout_ms);
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, Ok(timeout), Config::attempt_timeout) }
    })
}

/// Sets a deadline for the whole call, across all attempts and the sleeps between them, in
/// milliseconds (default: none). 0 is reported by `cognito_client_new` as
/// `COGNITO_CONFIG_ERROR`; 100 years or more (up to `UINT64_MAX`) means no limit.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_total_timeout_ms(
    config: *mut CognitoConfig,
    timeout_ms: u64,
) -> CognitoStatus {
    ffi_boundary!({
        let timeout = Duration::from_millis(timeout_ms);
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, Ok(timeout), Config::total_timeout) }
    })
}

/// Sets the most attempts a call makes, the first included (else AWS_MAX_ATTEMPTS;
/// default 3). 0 is reported by `cognito_client_new` as `COGNITO_CONFIG_ERROR`.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_max_attempts(
    config: *mut CognitoConfig,
    max_attempts: u32,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, Ok(max_attempts), Config::max_attempts) }
    })
}

/// Sets how many calls of `cognito_update_auth_event_feedback_async` run at once on a client
/// built from this config (default 64), each on a library-owned thread started when first
/// needed (and ended after 10 s idle); calls beyond it wait in a queue. 0 is reported by
/// `cognito_client_new` as `COGNITO_CONFIG_ERROR`. Blocking calls are not limited by it.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_max_concurrency(
    config: *mut CognitoConfig,
    max_concurrency: u32,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe {
            update(config, Ok(max_concurrency), |c, v| {
                c.max_concurrency(v as usize)
            })
        }
    })
}

/// Verifies the endpoint's TLS certificate (`true`, the default) or not. `false` is botocore's
/// `verify=False` and the AWS CLI's `--no-verify-ssl`: any certificate is accepted, so anyone
/// on the path can read the feedback token; for tests against a self-signed endpoint only.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_verify_tls(
    config: *mut CognitoConfig,
    verify: bool,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, Ok(verify), Config::verify_tls) }
    })
}

/// Sets how many idle keep-alive connections the client's pool keeps (botocore's
/// `max_pool_connections`; default 64). 0 is reported by `cognito_client_new` as
/// `COGNITO_CONFIG_ERROR`.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_max_pool_connections(
    config: *mut CognitoConfig,
    connections: u32,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe {
            update(
                config,
                Ok(connections as usize),
                Config::max_pool_connections,
            )
        }
    })
}

/// Sets an HTTP(S) proxy for every call, e.g. `"http://proxy.example:3128"` (botocore's
/// `proxies`), used for any endpoint, a loopback one included; the proxy environment variables
/// are then not read. A URL that is not an HTTP(S) proxy is reported by `cognito_client_new` as
/// `COGNITO_CONFIG_ERROR`.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` or `url` is NULL or `url`
/// is not UTF-8.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile; `url` NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_proxy(
    config: *mut CognitoConfig,
    url: *const c_char,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update_text(config, url, "url", |c, v| c.proxy(v)) }
    })
}

/// Sets the retry mode, a `CognitoRetryMode` value (else AWS_RETRY_MODE; default
/// `COGNITO_RETRY_STANDARD`).
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL or `retry_mode`
/// is not a `CognitoRetryMode` value.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_retry_mode(
    config: *mut CognitoConfig,
    retry_mode: u32,
) -> CognitoStatus {
    ffi_boundary!({
        let known = [
            (
                CognitoRetryMode::COGNITO_RETRY_STANDARD as u32,
                "COGNITO_RETRY_STANDARD",
                RetryMode::Standard,
            ),
            (
                CognitoRetryMode::COGNITO_RETRY_ADAPTIVE as u32,
                "COGNITO_RETRY_ADAPTIVE",
                RetryMode::Adaptive,
            ),
        ];
        let mode = enum_value(retry_mode, "retry_mode", &known);
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, mode, Config::retry_mode) }
    })
}

/// Sets a PEM file of CA certificates to trust instead of the bundled roots (else
/// AWS_CA_BUNDLE). The file is read by `cognito_client_new`.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` or `path` is NULL or
/// `path` is not UTF-8.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile; `path` must be
/// NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_ca_bundle_path(
    config: *mut CognitoConfig,
    path: *const c_char,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update_text(config, path, "path", |c, v| c.ca_bundle_path(v)) }
    })
}

/// Sets an application id sent in the User-Agent as `app/<id>` (else AWS_SDK_UA_APP_ID).
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` or `app_id` is NULL or
/// `app_id` is not UTF-8.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile; `app_id` must be
/// NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_app_id(
    config: *mut CognitoConfig,
    app_id: *const c_char,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update_text(config, app_id, "app_id", |c, v| c.app_id(v)) }
    })
}

/// Sets the profile of the shared config file to read settings from (else AWS_PROFILE, else
/// `default`); the file is AWS_CONFIG_FILE, else `~/.aws/config`. A profile is a setting's
/// last source before its default. A named profile that does not exist, or a file that cannot
/// be read or parsed, is reported by `cognito_client_new` as `COGNITO_CONFIG_ERROR`.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` or `profile` is NULL or
/// `profile` is not UTF-8.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile; `profile` must
/// be NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_profile(
    config: *mut CognitoConfig,
    profile: *const c_char,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update_text(config, profile, "profile", |c, v| c.profile(v)) }
    })
}

/// Ignores every environment variable (the AWS_* and the proxy ones) and the shared config
/// file (true) so only explicit settings and defaults apply, no proxy is used and nothing
/// outside the program is read, or reads them (false, the default).
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_ignore_environment(
    config: *mut CognitoConfig,
    ignore_environment: bool,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, Ok(ignore_environment), Config::ignore_environment) }
    })
}

/// Sends log messages to `callback` with `user_data` as its first argument; a NULL `callback`
/// turns logging off (the default). See `CognitoLogCallback` for what the callback must do.
/// `user_data` (which may be NULL) must stay valid as long as any client built from this
/// config lives.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile; `callback` must be
/// NULL or a function with the `CognitoLogCallback` signature meeting its requirements.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_log_callback(
    config: *mut CognitoConfig,
    callback: CognitoLogCallback,
    user_data: *mut c_void,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe {
            update(
                config,
                Ok(log_fn(callback, user_data)),
                |mut settings, log| {
                    settings.log = log;
                    settings
                },
            )
        }
    })
}

/// Sets the most detailed level sent to the log callback, a `CognitoLogLevel` value (default
/// `COGNITO_LOG_TRACE`: every message). For a message below it the library builds no text and
/// makes no callback, so a call that logs nothing costs nothing.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `config` is NULL or `level` is not
/// a `CognitoLogLevel` value.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_set_log_level(
    config: *mut CognitoConfig,
    level: u32,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { update(config, log_level(level), Config::log_level) }
    })
}

/// Why the most recent `cognito_config_set_*` call on `config` failed: its status and a
/// message naming the parameter (e.g. `region is NULL`), which `cognito_error_field` names too.
/// NULL when that call succeeded, when no setter has failed, or when `config` is NULL (a setter
/// given a NULL config has nowhere to keep its error).
///
/// The error is borrowed from the config: do not free it; it stays valid until the next setter
/// call on this config or `cognito_config_free`. Setters return only a status, so this is where
/// a wrapper finds which parameter was refused and why.
///
/// # Safety
///
/// `config` must be NULL or a live config used by no other thread meanwhile.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_config_last_error(
    config: *const CognitoConfig,
) -> *const CognitoError {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { config.as_ref() }
            .and_then(|config| config.last_error.as_ref())
            .map_or(std::ptr::null(), |error| error as *const CognitoError)
    })
}

/// Reads the config behind `config`, or defaults when it is NULL, for `cognito_client_new`.
///
/// # Safety
///
/// `config` must be NULL or a live `CognitoConfig` no thread mutates meanwhile.
pub(crate) unsafe fn settings_or_default(config: *const CognitoConfig) -> Config {
    // SAFETY: guaranteed by the caller.
    unsafe { config.as_ref() }.map_or_else(Config::new, |config| config.settings().clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    fn new_config() -> *mut CognitoConfig {
        let mut config = ptr::null_mut();
        ok(unsafe { cognito_config_new(&mut config) });
        assert!(!config.is_null());
        config
    }

    fn settings(config: *mut CognitoConfig) -> &'static Config {
        unsafe { &(*config).inner }
    }

    #[track_caller]
    fn ok(status: CognitoStatus) {
        assert_eq!(status, CognitoStatus::COGNITO_OK);
    }

    #[test]
    fn setters_fill_in_the_core_settings() {
        let config = new_config();
        unsafe {
            ok(cognito_config_set_region(config, c"eu-west-1".as_ptr()));
            ok(cognito_config_set_endpoint_url(
                config,
                c"http://127.0.0.1:9".as_ptr(),
            ));
            ok(cognito_config_set_use_fips(config, true));
            ok(cognito_config_set_use_dualstack(config, true));
            ok(cognito_config_set_connect_timeout_ms(config, 1500));
            ok(cognito_config_set_attempt_timeout_ms(config, 2500));
            ok(cognito_config_set_total_timeout_ms(config, 9000));
            ok(cognito_config_set_max_attempts(config, 5));
            ok(cognito_config_set_profile(config, c"prod".as_ptr()));
            ok(cognito_config_set_max_concurrency(config, 7));
            ok(cognito_config_set_retry_mode(
                config,
                CognitoRetryMode::COGNITO_RETRY_ADAPTIVE as u32,
            ));
            ok(cognito_config_set_ca_bundle_path(
                config,
                c"/etc/ca.pem".as_ptr(),
            ));
            ok(cognito_config_set_app_id(config, c"shop".as_ptr()));
            ok(cognito_config_set_ignore_environment(config, true));
        }
        let s = settings(config);
        assert_eq!(s.region.as_deref(), Some("eu-west-1"));
        assert_eq!(s.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!((s.use_fips, s.use_dualstack), (Some(true), Some(true)));
        assert_eq!(s.connect_timeout, Some(Duration::from_millis(1500)));
        assert_eq!(s.attempt_timeout, Some(Duration::from_millis(2500)));
        assert_eq!(s.total_timeout, Some(Duration::from_millis(9000)));
        assert_eq!(s.max_attempts, Some(5));
        assert_eq!(s.max_concurrency, Some(7));
        assert_eq!(s.retry_mode, Some(RetryMode::Adaptive));
        assert_eq!(
            s.ca_bundle_path.as_deref(),
            Some(std::path::Path::new("/etc/ca.pem"))
        );
        assert_eq!(s.app_id.as_deref(), Some("shop"));
        assert_eq!(s.profile.as_deref(), Some("prod"));
        assert!(s.ignore_environment);
        unsafe { cognito_config_free(config) };
    }

    #[test]
    fn bad_arguments_are_rejected_and_leave_the_config_unchanged() {
        let config = new_config();
        let invalid = CognitoStatus::COGNITO_INVALID_ARGUMENT;
        unsafe {
            ok(cognito_config_set_region(config, c"us-east-1".as_ptr()));
            assert_eq!(cognito_config_set_region(config, ptr::null()), invalid);
            assert_eq!(
                cognito_config_set_region(config, c"eu\xff".as_ptr()),
                invalid
            );
            assert_eq!(cognito_config_set_retry_mode(config, 0), invalid);
            assert_eq!(cognito_config_set_retry_mode(config, 3), invalid);
        }
        let s = settings(config);
        assert_eq!(s.region.as_deref(), Some("us-east-1"));
        assert_eq!(s.retry_mode, None);
        unsafe { cognito_config_free(config) };
    }

    /// The error `cognito_config_last_error` gives for `config`: (status, field, message).
    fn last_error(config: *const CognitoConfig) -> Option<(CognitoStatus, String, String)> {
        let error = unsafe { cognito_config_last_error(config).as_ref() }?;
        let field = error
            .field_text()
            .expect("a setter's error names its parameter");
        Some((
            error.status(),
            field.to_owned(),
            error.message_text().to_owned(),
        ))
    }

    #[test]
    fn a_failed_setter_names_its_parameter_until_the_next_setter_call() {
        let config = new_config();
        let invalid = CognitoStatus::COGNITO_INVALID_ARGUMENT;
        let refused = |field: &str, message: &str| Some((invalid, field.into(), message.into()));
        unsafe {
            assert_eq!(last_error(config), None);
            assert_eq!(cognito_config_set_region(config, ptr::null()), invalid);
            assert_eq!(last_error(config), refused("region", "region is NULL"));
            assert_eq!(
                cognito_config_set_app_id(config, c"ab\xff".as_ptr()),
                invalid
            );
            let message = "app_id is not valid UTF-8 (invalid byte at offset 2)";
            assert_eq!(last_error(config), refused("app_id", message));
            assert_eq!(cognito_config_set_retry_mode(config, 3), invalid);
            let message =
                "retry_mode 3 is not one of COGNITO_RETRY_STANDARD (1), COGNITO_RETRY_ADAPTIVE (2)";
            assert_eq!(last_error(config), refused("retry_mode", message));
            assert_eq!(cognito_config_set_log_level(config, 0), invalid);
            assert_eq!(last_error(config).unwrap().1, "level");
            ok(cognito_config_set_max_attempts(config, 2));
            assert_eq!(last_error(config), None);
            assert_eq!(
                cognito_config_set_region(ptr::null_mut(), ptr::null()),
                invalid
            );
            assert_eq!(last_error(ptr::null()), None);
            cognito_config_free(config);
        }
    }

    #[test]
    fn null_handles_are_rejected() {
        let none: *mut CognitoConfig = ptr::null_mut();
        let invalid = CognitoStatus::COGNITO_INVALID_ARGUMENT;
        unsafe {
            assert_eq!(cognito_config_new(ptr::null_mut()), invalid);
            assert_eq!(cognito_config_set_region(none, c"x".as_ptr()), invalid);
            assert_eq!(
                cognito_config_set_endpoint_url(none, c"x".as_ptr()),
                invalid
            );
            assert_eq!(cognito_config_set_use_fips(none, true), invalid);
            assert_eq!(cognito_config_set_use_dualstack(none, true), invalid);
            assert_eq!(cognito_config_set_connect_timeout_ms(none, 1), invalid);
            assert_eq!(cognito_config_set_attempt_timeout_ms(none, 1), invalid);
            assert_eq!(cognito_config_set_total_timeout_ms(none, 1), invalid);
            assert_eq!(cognito_config_set_max_attempts(none, 1), invalid);
            assert_eq!(cognito_config_set_retry_mode(none, 1), invalid);
            assert_eq!(
                cognito_config_set_ca_bundle_path(none, c"x".as_ptr()),
                invalid
            );
            assert_eq!(cognito_config_set_app_id(none, c"x".as_ptr()), invalid);
            assert_eq!(cognito_config_set_ignore_environment(none, true), invalid);
            assert_eq!(
                cognito_config_set_log_callback(none, None, ptr::null_mut()),
                invalid
            );
            cognito_config_free(none);
        }
    }

    #[test]
    fn a_null_log_callback_turns_logging_off() {
        unsafe extern "C" fn ignore(_: *mut c_void, _: u32, _: *const c_char) {}
        let config = new_config();
        unsafe {
            ok(cognito_config_set_log_callback(
                config,
                Some(ignore),
                ptr::null_mut(),
            ));
            assert!(settings(config).log.is_some());
            ok(cognito_config_set_log_callback(
                config,
                None,
                ptr::null_mut(),
            ));
            assert!(settings(config).log.is_none());
            cognito_config_free(config);
        }
    }

    #[test]
    fn the_log_level_takes_cognito_log_level_values_only() {
        let config = new_config();
        unsafe {
            ok(cognito_config_set_log_level(config, 3));
            assert_eq!(settings(config).log_level, Some(crate::LogLevel::Info));
            for bad in [0, 6, u32::MAX] {
                assert_eq!(
                    cognito_config_set_log_level(config, bad),
                    CognitoStatus::COGNITO_INVALID_ARGUMENT
                );
            }
            assert_eq!(settings(config).log_level, Some(crate::LogLevel::Info));
            assert_eq!(
                cognito_config_set_log_level(ptr::null_mut(), 1),
                CognitoStatus::COGNITO_INVALID_ARGUMENT
            );
            cognito_config_free(config);
        }
    }
}
