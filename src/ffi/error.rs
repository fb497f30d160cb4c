//! `CognitoError`: the per-call error object and how it is built (from the core's [`Error`], or
//! by a check at the boundary). Its exported getters are in `error_api.rs`.

use std::ffi::CString;

use super::cstring::{header_lines, owned, owned_opt};
use super::status::CognitoStatus;
use crate::error::{Error, TimeoutPhase};

/// Which deadline a `COGNITO_TIMEOUT` ran into, as `cognito_error_timeout_phase` reports it.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum CognitoTimeoutPhase {
    /// The error is not a timeout (or the error is NULL).
    COGNITO_TIMEOUT_PHASE_NONE = 0,
    /// The connect timeout (`cognito_config_set_connect_timeout_ms`): no connection was made
    /// within it.
    COGNITO_TIMEOUT_PHASE_CONNECT = 1,
    /// The attempt timeout (`cognito_config_set_attempt_timeout_ms`): one attempt (connecting,
    /// sending, and reading the response) took longer.
    COGNITO_TIMEOUT_PHASE_ATTEMPT = 2,
    /// The call's total timeout (`cognito_config_set_total_timeout_ms`), across its attempts and
    /// the waits between them.
    COGNITO_TIMEOUT_PHASE_TOTAL = 3,
}

impl CognitoTimeoutPhase {
    /// The phase of a core error (`NONE` for every error that is not a timeout).
    fn of_error(error: &Error) -> CognitoTimeoutPhase {
        match error.timeout_phase() {
            None => CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_NONE,
            Some(TimeoutPhase::Connect) => CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_CONNECT,
            Some(TimeoutPhase::Attempt) => CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_ATTEMPT,
            Some(TimeoutPhase::Total) => CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_TOTAL,
        }
    }
}

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
    pub(super) status: CognitoStatus,
    pub(super) message: CString,
    pub(super) code: Option<CString>,
    pub(super) reason_code: Option<CString>,
    pub(super) field: Option<CString>,
    pub(super) request_id: Option<CString>,
    pub(super) http_status: u16,
    pub(super) attempts: u32,
    pub(super) timeout_phase: CognitoTimeoutPhase,
    pub(super) headers: Option<CString>,
    pub(super) retryable: bool,
    pub(super) throttling: bool,
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
            timeout_phase: CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_NONE,
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
            timeout_phase: CognitoTimeoutPhase::of_error(error),
            headers: error.has_headers().then(|| header_lines(error.headers())),
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

    /// This error's message as Rust text, for tests.
    #[cfg(test)]
    pub(crate) fn message_text(&self) -> &str {
        self.message.to_str().unwrap_or_default()
    }

    /// The request member or parameter this error is about, as Rust text, for tests.
    #[cfg(test)]
    pub(crate) fn field_text(&self) -> Option<&str> {
        self.field.as_deref().and_then(|field| field.to_str().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
