//! `CognitoCancelToken`: ends calls from any thread.

use super::args::{borrow, require_out};
use super::boundary::ffi_boundary;
use super::out::finish;
use super::shared::release;
use super::status::CognitoStatus;
use crate::cancel::CancelToken;
use std::sync::Arc;

/// A cancellation switch for calls: pass it to `cognito_update_auth_event_feedback`, then
/// `cognito_cancel_token_cancel` ends the call promptly with `COGNITO_CANCELLED`, also while it
/// waits on the network or sleeps between retries. Once cancelled it stays cancelled: calls
/// made with it later fail at once.
///
/// Created by `cognito_cancel_token_new`, freed by `cognito_cancel_token_free`.
///
/// Thread safety: fully thread-safe. Any thread may cancel or query it while calls use it. It
/// may be freed while calls that have begun still use it: each holds the token until it
/// returns, and the free does not cancel them. No call may begin with it after the free.
pub struct CognitoCancelToken {
    inner: CancelToken,
}

impl CognitoCancelToken {
    /// The core token.
    pub(crate) fn token(&self) -> &CancelToken {
        &self.inner
    }
}

/// Creates a token that is not cancelled. On success `*token_out` receives a token to free with
/// `cognito_cancel_token_free`.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `token_out` is NULL.
///
/// # Safety
///
/// `token_out` must be NULL or valid for writes of a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_cancel_token_new(
    token_out: *mut *mut CognitoCancelToken,
) -> CognitoStatus {
    ffi_boundary!({
        let outcome = require_out(token_out, "token_out").map(|()| {
            Arc::new(CognitoCancelToken {
                inner: CancelToken::new(),
            })
        });
        // SAFETY: `token_out` is NULL or valid for writes, by this function's contract.
        unsafe { finish(outcome, token_out, std::ptr::null_mut()) }
    })
}

/// Cancels every call using `token`, now and later. Idempotent; callable from any thread,
/// including while another thread is blocked in a call using it.
///
/// Returns `COGNITO_OK`, or `COGNITO_INVALID_ARGUMENT` when `token` is NULL.
///
/// # Safety
///
/// `token` must be NULL or a live `CognitoCancelToken`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_cancel_token_cancel(
    token: *const CognitoCancelToken,
) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        match unsafe { borrow(token, "token") } {
            Ok(token) => {
                token.inner.cancel();
                CognitoStatus::COGNITO_OK
            }
            Err(error) => error.status(),
        }
    })
}

/// Whether `cognito_cancel_token_cancel` has been called on `token`; false when `token` is NULL.
///
/// # Safety
///
/// `token` must be NULL or a live `CognitoCancelToken`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_cancel_token_is_cancelled(
    token: *const CognitoCancelToken,
) -> bool {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { token.as_ref() }.is_some_and(|token| token.inner.is_cancelled())
    })
}

/// Frees a token. NULL is ignored. Must not be called twice. Calls that have begun with the
/// token keep it until they return; freeing it does not cancel them.
///
/// # Safety
///
/// `token` must be NULL or a live `CognitoCancelToken` that no call begins to use from now on.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_cancel_token_free(token: *mut CognitoCancelToken) {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { release(token) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn a_token_cancels_once_and_stays_cancelled() {
        let mut token = ptr::null_mut();
        unsafe {
            assert_eq!(
                cognito_cancel_token_new(&mut token),
                CognitoStatus::COGNITO_OK
            );
            assert!(!cognito_cancel_token_is_cancelled(token));
            assert_eq!(
                cognito_cancel_token_cancel(token),
                CognitoStatus::COGNITO_OK
            );
            assert!(cognito_cancel_token_is_cancelled(token));
            assert_eq!(
                cognito_cancel_token_cancel(token),
                CognitoStatus::COGNITO_OK
            );
            assert!((*token).token().is_cancelled());
            cognito_cancel_token_free(token);
        }
    }

    #[test]
    fn cancel_works_from_another_thread() {
        let mut token = ptr::null_mut();
        unsafe {
            assert_eq!(
                cognito_cancel_token_new(&mut token),
                CognitoStatus::COGNITO_OK
            )
        };
        let address = token as usize;
        std::thread::spawn(move || unsafe {
            cognito_cancel_token_cancel(address as *const CognitoCancelToken)
        })
        .join()
        .unwrap();
        unsafe {
            assert!(cognito_cancel_token_is_cancelled(token));
            cognito_cancel_token_free(token);
        }
    }

    #[test]
    fn null_tokens() {
        unsafe {
            assert_eq!(
                cognito_cancel_token_new(ptr::null_mut()),
                CognitoStatus::COGNITO_INVALID_ARGUMENT
            );
            assert_eq!(
                cognito_cancel_token_cancel(ptr::null()),
                CognitoStatus::COGNITO_INVALID_ARGUMENT
            );
            assert!(!cognito_cancel_token_is_cancelled(ptr::null()));
            cognito_cancel_token_free(ptr::null_mut());
        }
    }
}
