//! The exported functions of `CognitoError`: its getters and `cognito_error_free`.

use std::ffi::c_char;

use super::boundary::ffi_boundary;
use super::cstring::ptr_or_null;
use super::error::{CognitoError, CognitoTimeoutPhase};
use super::out::free;
use super::status::CognitoStatus;

/// The status of the failed call; `COGNITO_INVALID_ARGUMENT` when `error` is NULL.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_status(error: *const CognitoError) -> CognitoStatus {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        match unsafe { error.as_ref() } {
            Some(error) => error.status,
            None => CognitoStatus::COGNITO_INVALID_ARGUMENT,
        }
    })
}

/// The service's error code string (e.g. `"UserNotFoundException"`, or an unlisted code
/// exactly as the service sent it), or NULL for failures detected locally (validation,
/// timeouts, connection errors, ...) and when `error` is NULL. Borrowed from `error`.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_code(error: *const CognitoError) -> *const c_char {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| ptr_or_null(e.code.as_ref()))
    })
}

/// A human-readable description (the service's message for service errors; it may be empty).
/// Never NULL for a live error; NULL when `error` is NULL. Borrowed from `error`.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_message(error: *const CognitoError) -> *const c_char {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| e.message.as_ptr())
    })
}

/// The `reasonCode` the service sent with an `InvalidParameterException`, or NULL when there
/// is none or `error` is NULL. Borrowed from `error`.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_reason_code(error: *const CognitoError) -> *const c_char {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| ptr_or_null(e.reason_code.as_ref()))
    })
}

/// What the error is about: for `COGNITO_VALIDATION_ERROR` the request member (`"UserPoolId"`,
/// `"Username"`, `"EventId"`, `"FeedbackToken"`, `"FeedbackValue"`); for
/// `COGNITO_INVALID_ARGUMENT` the parameter (e.g. `"client"`) or request member that was NULL,
/// not UTF-8 or out of range; `"region"` for the `COGNITO_CONFIG_ERROR` "no region configured",
/// `"profile"` for the one of a named profile that does not exist;
/// `"ca_bundle"` (the setting that decides which certificates are trusted) for a
/// `COGNITO_CONNECTION_ERROR` that is a TLS certificate failure; `"connect_timeout"` for a
/// `COGNITO_TIMEOUT` while connecting. NULL for other errors and when
/// `error` is NULL. Borrowed from `error`.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_field(error: *const CognitoError) -> *const c_char {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| ptr_or_null(e.field.as_ref()))
    })
}

/// The `x-amzn-RequestId` of the last response received, or NULL when none was received or
/// `error` is NULL. Borrowed from `error`.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_request_id(error: *const CognitoError) -> *const c_char {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| ptr_or_null(e.request_id.as_ref()))
    })
}

/// The HTTP status of the last response received; 0 when none was received or `error` is NULL.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_http_status(error: *const CognitoError) -> u16 {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(0, |e| e.http_status)
    })
}

/// The HTTP headers of the error response, one `name: value` line each (`\n`-terminated,
/// names lowercase, in the order received, bytes that are not UTF-8 replaced by U+FFFD), as
/// botocore reports them in `HTTPHeaders`; NULL when the error is not about a response (a
/// local failure, a timeout) and when `error` is NULL. Borrowed from `error`.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_headers(error: *const CognitoError) -> *const c_char {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| ptr_or_null(e.headers.as_ref()))
    })
}

/// Whether the error is one the library retries (throttling, a 5xx or 429 answer, a timeout, a
/// broken connection), as the AWS SDK for .NET's `Retryable` says; the call returned it because
/// its attempts, deadline or retry quota ran out. False when `error` is NULL.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_is_retryable(error: *const CognitoError) -> bool {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.is_some_and(|e| e.retryable)
    })
}

/// Whether the error is throttling: the service asked the client to slow down. False when
/// `error` is NULL.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_is_throttling(error: *const CognitoError) -> bool {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.is_some_and(|e| e.throttling)
    })
}

/// How many attempts the call made (0 when nothing was sent, and when `error` is NULL).
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_attempts(error: *const CognitoError) -> u32 {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(0, |e| e.attempts)
    })
}

/// Which deadline a `COGNITO_TIMEOUT` ran into: connect, attempt or total. Every other error,
/// and a NULL `error`, gives `COGNITO_TIMEOUT_PHASE_NONE`.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_timeout_phase(
    error: *const CognitoError,
) -> CognitoTimeoutPhase {
    ffi_boundary!({
        // SAFETY: the caller passes NULL or a live error.
        unsafe { error.as_ref() }.map_or(CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_NONE, |e| {
            e.timeout_phase
        })
    })
}

/// Frees an error. NULL is ignored. Every string borrowed from it becomes invalid. Must not be
/// called twice for the same error.
///
/// # Safety
///
/// `error` must be NULL or a live `CognitoError` that nothing else will use afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_error_free(error: *mut CognitoError) {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { free(error) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind};
    use std::ffi::CStr;
    use std::ptr;

    fn text(ptr: *const c_char) -> Option<String> {
        (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr) }.to_str().unwrap().to_owned())
    }

    #[test]
    fn a_service_error_keeps_everything_the_service_said() {
        let core = Error::service(
            "InvalidParameterException",
            "Feedback for this event cannot be updated.",
            Some("INVALID_FEEDBACK_STATE"),
            (400, Some("req-1")),
            2,
        );
        let error = Box::into_raw(Box::new(CognitoError::from_error(&core)));
        unsafe {
            assert_eq!(
                cognito_error_status(error),
                CognitoStatus::COGNITO_INVALID_PARAMETER
            );
            assert_eq!(
                text(cognito_error_code(error)).unwrap(),
                "InvalidParameterException"
            );
            assert_eq!(
                text(cognito_error_message(error)).unwrap(),
                "Feedback for this event cannot be updated."
            );
            assert_eq!(
                text(cognito_error_reason_code(error)).unwrap(),
                "INVALID_FEEDBACK_STATE"
            );
            assert_eq!(text(cognito_error_request_id(error)).unwrap(), "req-1");
            assert_eq!(cognito_error_field(error), ptr::null());
            assert_eq!(cognito_error_http_status(error), 400);
            assert_eq!(cognito_error_attempts(error), 2);
            cognito_error_free(error);
        }
    }

    #[test]
    fn a_validation_error_names_its_member() {
        let core = Error::validation("EventId", "EventId must match [\\w+-]+");
        let error = Box::into_raw(Box::new(CognitoError::from_error(&core)));
        unsafe {
            assert_eq!(
                cognito_error_status(error),
                CognitoStatus::COGNITO_VALIDATION_ERROR
            );
            assert_eq!(text(cognito_error_field(error)).unwrap(), "EventId");
            assert_eq!(cognito_error_code(error), ptr::null());
            assert_eq!(cognito_error_request_id(error), ptr::null());
            assert_eq!(cognito_error_http_status(error), 0);
            assert_eq!(cognito_error_attempts(error), 0);
            cognito_error_free(error);
        }
    }

    #[test]
    fn null_errors_give_the_documented_defaults() {
        unsafe {
            assert_eq!(
                cognito_error_status(ptr::null()),
                CognitoStatus::COGNITO_INVALID_ARGUMENT
            );
            assert!(cognito_error_code(ptr::null()).is_null());
            assert!(cognito_error_message(ptr::null()).is_null());
            assert!(cognito_error_reason_code(ptr::null()).is_null());
            assert!(cognito_error_field(ptr::null()).is_null());
            assert!(cognito_error_request_id(ptr::null()).is_null());
            assert_eq!(cognito_error_http_status(ptr::null()), 0);
            assert_eq!(cognito_error_attempts(ptr::null()), 0);
            assert_eq!(
                cognito_error_timeout_phase(ptr::null()),
                CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_NONE
            );
            cognito_error_free(ptr::null_mut());
        }
    }

    #[test]
    fn a_timeout_names_its_phase_and_other_errors_have_none() {
        use crate::error::TimeoutPhase;
        let phases = [
            (
                TimeoutPhase::Connect,
                CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_CONNECT,
            ),
            (
                TimeoutPhase::Attempt,
                CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_ATTEMPT,
            ),
            (
                TimeoutPhase::Total,
                CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_TOTAL,
            ),
        ];
        for (phase, expected) in phases {
            let error = Box::into_raw(Box::new(CognitoError::from_error(&Error::timeout(
                phase, "late",
            ))));
            unsafe {
                assert_eq!(cognito_error_status(error), CognitoStatus::COGNITO_TIMEOUT);
                assert_eq!(cognito_error_timeout_phase(error), expected);
                cognito_error_free(error);
            }
        }
        let error = Box::into_raw(Box::new(CognitoError::from_error(&Error::new(
            ErrorKind::Connection,
            "refused",
        ))));
        unsafe {
            assert_eq!(
                cognito_error_timeout_phase(error),
                CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_NONE
            );
            cognito_error_free(error);
        }
    }
}
