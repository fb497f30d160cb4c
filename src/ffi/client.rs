//! `CognitoClient`: the shared, thread-safe client handle.

use std::ffi::{CString, c_char};
use std::sync::Arc;

use super::args::require_out;
use super::boundary::ffi_boundary;
use super::config::{CognitoConfig, settings_or_default};
use super::cstring::owned;
use super::error::CognitoError;
use super::out::{clear, finish};
use super::shared::release;
use super::status::CognitoStatus;
use crate::client::Client;
use crate::pool::Pool;

/// A Cognito client: resolved settings and endpoint, the keep-alive connection pool, the retry
/// quota and the adaptive rate limiter. Create it once and share it.
///
/// Created by `cognito_client_new`, freed by `cognito_client_free`.
///
/// Thread safety: fully thread-safe. Any number of threads may call
/// `cognito_update_auth_event_feedback` with one client at once. Free it from any thread, also
/// while calls that have begun still use it: each blocking call holds the client until it
/// returns and finishes normally; the client (and its log callback's `user_data`, which must
/// stay valid until then) goes when the last of them returns. No call may begin after the free.
/// Calls of the completion API need not have completed: see `cognito_client_free`.
pub struct CognitoClient {
    inner: Arc<Client>,
    endpoint: CString,
    /// Runs the completion API's calls; dropping it completes the queued ones as cancelled.
    pool: Pool,
}

impl CognitoClient {
    /// The core client.
    pub(crate) fn client(&self) -> &Client {
        &self.inner
    }

    /// The core client, shared with a call that outlives this borrow.
    pub(crate) fn shared_client(&self) -> Arc<Client> {
        Arc::clone(&self.inner)
    }

    /// The pool the completion API's calls run on.
    pub(crate) fn pool(&self) -> &Pool {
        &self.pool
    }
}

/// Builds a client from `config` (NULL: no explicit settings, so the environment and the
/// defaults apply). The config is copied; it may be freed right after.
///
/// On success returns `COGNITO_OK` and stores the client in `*client_out`. On failure stores
/// NULL there and returns `COGNITO_CONFIG_ERROR` (the settings cannot work) or
/// `COGNITO_INVALID_ARGUMENT` (`client_out` is NULL); when `error_out` is not NULL, `*error_out`
/// then receives the details (free with `cognito_error_free`) and is set to NULL on success.
///
/// # Safety
///
/// `config` must be NULL or a live config no thread mutates meanwhile; `client_out` and
/// `error_out` must each be NULL or valid for writes of a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_client_new(
    config: *const CognitoConfig,
    client_out: *mut *mut CognitoClient,
    error_out: *mut *mut CognitoError,
) -> CognitoStatus {
    ffi_boundary!(error_out: error_out, {
        // SAFETY (all blocks below): guaranteed by this function's contract.
        unsafe { clear(client_out) };
        let outcome = require_out(client_out, "client_out").and_then(|()| {
            let settings = unsafe { settings_or_default(config) };
            let inner = Client::new(settings).map_err(|error| CognitoError::from_error(&error))?;
            let endpoint = owned(inner.endpoint());
            let pool = Pool::new(inner.max_concurrency());
            Ok(Arc::new(CognitoClient {
                inner: Arc::new(inner),
                endpoint,
                pool,
            }))
        });
        unsafe { finish(outcome, client_out, error_out) }
    })
}

/// The endpoint URL calls go to, e.g. `"https://cognito-idp.eu-west-1.amazonaws.com"`; NULL
/// when `client` is NULL. Borrowed from `client`: valid until it is freed.
///
/// # Safety
///
/// `client` must be NULL or a live `CognitoClient`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_client_endpoint(client: *const CognitoClient) -> *const c_char {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { client.as_ref() }.map_or(std::ptr::null(), |client| client.endpoint.as_ptr())
    })
}

/// The most attempts a call of `client` makes, the first included (the setting, else
/// AWS_MAX_ATTEMPTS, else 3); 0 when `client` is NULL. A call whose `attempts` equal it ran
/// out of attempts (botocore's `MaxAttemptsReached`).
///
/// # Safety
///
/// `client` must be NULL or a live `CognitoClient`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_client_max_attempts(client: *const CognitoClient) -> u32 {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { client.as_ref() }.map_or(0, |client| client.inner.max_attempts())
    })
}

/// Frees a client and closes its connections. NULL is ignored. Must not be called twice. Blocking
/// calls that have begun with the client keep it until they return, and finish normally; no call
/// may begin with it after this.
///
/// Calls of the completion API need not have ended: once no blocking call holds the client, each
/// queued one completes at once with `COGNITO_CANCELLED` (on a library thread), and each running
/// one goes on to its own outcome; the client's memory and connections are released when the
/// last of them has completed. This function never waits for them, so it may be called from
/// inside a completion callback; a callback may therefore still run after it returns, and its
/// `user_data` must stay valid until then.
///
/// # Safety
///
/// `client` must be NULL or a live `CognitoClient` that no call begins to use from now on.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_client_free(client: *mut CognitoClient) {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { release(client) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn a_null_client_out_is_named_in_the_error() {
        let mut error: *mut CognitoError = ptr::null_mut();
        let status = unsafe { cognito_client_new(ptr::null(), ptr::null_mut(), &mut error) };
        assert_eq!(status, CognitoStatus::COGNITO_INVALID_ARGUMENT);
        let error = unsafe { Box::from_raw(error) };
        assert_eq!(error.field_text(), Some("client_out"));
    }

    #[test]
    fn null_clients() {
        unsafe {
            assert!(cognito_client_endpoint(ptr::null()).is_null());
            cognito_client_free(ptr::null_mut());
        }
    }
}
