//! `CognitoError`: the per-call error object, owned by the caller, and its getters.

use std::ffi::{CString, c_char};

use super::boundary::ffi_boundary;
use super::cstring::{header_lines, owned, owned_opt, ptr_or_null};
use super::out::free;
use super::status::CognitoStatus;
use crate::error::Error;

/// Why a call failed: its status, the service's error code and message, the request member it
/// is about, and what the service said.
///
/// Created by the library and handed to the caller through an `error_out` parameter, only when
/// a call fails; the caller frees it with `cognito_error_free`. Strings returned by its getters
/// are borrowed from it: NUL-terminated UTF-8, valid until it is freed, never to be freed by the
/// caller. It never contains the Username or the FeedbackToken.
///
/// Thread safety: immutable; its getters may be called from several threads at once, and it may
/// be freed from any thread once no getter is running.
#[derive(Debug)]
pub struct CognitoError {
    status: CognitoStatus,
    message: CString,
    code: Option<CString>,
    reason_code: Option<CString>,
    field: Option<CString>,
    request_id: Option<CString>,
    http_status: u16,
    attempts: u32,
    headers: Option<CString>,
    retryable: bool,
    throttling: bool,
}

impl CognitoError {
    /// An error that is only a status and a message (no service, no field).
    pub(crate) fn local(status: CognitoStatus, message: &str) -> CognitoError {
        CognitoError {
            status,
            message: owned(message),
            code: None,
            reason_code: None,
            field: None,
            request_id: None,
            http_status: 0,
            attempts: 0,
            headers: None,
            retryable: false,
            throttling: false,
        }
    }

    /// The error for a failed call of the core.
    pub(crate) fn from_error(error: &Error) -> CognitoError {
        CognitoError {
            status: CognitoStatus::of_error(error),
            message: owned(error.message()),
            code: owned_opt(error.code()),
            reason_code: owned_opt(error.reason_code()),
            field: owned_opt(error.field()),
            request_id: owned_opt(error.request_id()),
            http_status: error.http_status().unwrap_or(0),
            attempts: error.attempts(),
            headers: error
                .headers
                .as_ref()
                .map(|_| header_lines(error.headers())),
            retryable: error.is_retryable(),
            throttling: error.is_throttling(),
        }
    }

    /// `COGNITO_INVALID_ARGUMENT` about the parameter (or request member) `name`.
    pub(crate) fn invalid_argument(name: &str, message: &str) -> CognitoError {
        CognitoError {
            field: Some(owned(name)),
            ..CognitoError::local(CognitoStatus::COGNITO_INVALID_ARGUMENT, message)
        }
    }

    /// `COGNITO_VALIDATION_ERROR` about the request member `member`.
    pub(crate) fn validation(member: &str, message: &str) -> CognitoError {
        CognitoError {
            field: Some(owned(member)),
            ..CognitoError::local(CognitoStatus::COGNITO_VALIDATION_ERROR, message)
        }
    }

    /// `COGNITO_PANIC`, for a panic caught at the boundary.
    pub(crate) fn panic(detail: &str) -> CognitoError {
        let message = format!("bug: a Rust panic was caught at the C boundary: {detail}");
        CognitoError::local(CognitoStatus::COGNITO_PANIC, &message)
    }

    /// This error's status.
    pub fn status(&self) -> CognitoStatus {
        self.status
    }

    /// This error's message as Rust text.
    pub fn message_text(&self) -> &str {
        self.message.to_str().unwrap_or_default()
    }

    /// The request member or parameter this error is about, as Rust text.
    pub fn field_text(&self) -> Option<&str> {
        self.field.as_deref().and_then(|field| field.to_str().ok())
    }
}

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
    use crate::error::ErrorKind;
    use std::ffi::CStr;
    use std::ptr;

    fn text(ptr: *const c_char) -> Option<String> {
        (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr) }.to_str().unwrap().to_owned())
    }

    #[test]
    fn a_service_error_keeps_everything_the_service_said() {
        let mut core = Error::new(
            ErrorKind::Service,
            "Feedback for this event cannot be updated.",
        );
        core.code = Some("InvalidParameterException".into());
        core.reason_code = Some("INVALID_FEEDBACK_STATE".into());
        core.http_status = Some(400);
        core.request_id = Some("req-1".into());
        core.attempts = 2;
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
            cognito_error_free(ptr::null_mut());
        }
    }

    #[test]
    fn local_errors_carry_their_field_and_message() {
        let error = CognitoError::invalid_argument("client", "client is NULL");
        assert_eq!(error.status(), CognitoStatus::COGNITO_INVALID_ARGUMENT);
        assert_eq!(error.field_text(), Some("client"));
        assert_eq!(error.message_text(), "client is NULL");
        let error = CognitoError::validation("Username", "Username is NULL");
        assert_eq!(error.status(), CognitoStatus::COGNITO_VALIDATION_ERROR);
        assert_eq!(error.field_text(), Some("Username"));
    }
}
