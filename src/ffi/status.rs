//! `CognitoStatus`, the result code of every fallible export, its names, and the mapping from
//! the core's [`Error`].

use std::ffi::c_char;

use super::boundary::ffi_boundary;
use crate::error::{Error, ErrorKind, ServiceErrorCode};

/// The result of a call: `COGNITO_OK` or the kind of failure.
///
/// The numbers are part of the ABI and are never renumbered: service errors the model lists are
/// 1 to 8, an unlisted service error code is 9, and failures detected on this side are 100 and
/// up. New codes may be added; treat an unknown code as a failure.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum CognitoStatus {
    /// Success.
    COGNITO_OK = 0,
    /// The service answered `InvalidParameterException` (see `cognito_error_reason_code`).
    COGNITO_INVALID_PARAMETER = 1,
    /// The service answered `ResourceNotFoundException`.
    COGNITO_RESOURCE_NOT_FOUND = 2,
    /// The service answered `TooManyRequestsException`.
    COGNITO_TOO_MANY_REQUESTS = 3,
    /// The service answered `NotAuthorizedException`.
    COGNITO_NOT_AUTHORIZED = 4,
    /// The service answered `UserNotFoundException`.
    COGNITO_USER_NOT_FOUND = 5,
    /// The service answered `UserPoolAddOnNotEnabledException`.
    COGNITO_USER_POOL_ADD_ON_NOT_ENABLED = 6,
    /// The service answered `OperationNotEnabledException`.
    COGNITO_OPERATION_NOT_ENABLED = 7,
    /// The service answered `InternalErrorException`.
    COGNITO_INTERNAL_ERROR = 8,
    /// The service answered with an error code the model does not list; `cognito_error_code`
    /// gives it intact.
    COGNITO_UNKNOWN_SERVICE_ERROR = 9,
    /// A parameter was NULL, not valid UTF-8, or an unknown enum value; `cognito_error_field`
    /// names it. Nothing was sent.
    COGNITO_INVALID_ARGUMENT = 100,
    /// The request broke a constraint of the model (or a request member was NULL);
    /// `cognito_error_field` names the member. Nothing was sent.
    COGNITO_VALIDATION_ERROR = 101,
    /// The configuration cannot work (region, endpoint URL, FIPS with an endpoint override,
    /// CA bundle, ...). Nothing was sent.
    COGNITO_CONFIG_ERROR = 102,
    /// The call ran out of time (connect, attempt or total deadline).
    COGNITO_TIMEOUT = 103,
    /// The connection could not be made or broke (refused, reset, DNS, TLS, ...).
    COGNITO_CONNECTION_ERROR = 104,
    /// The call was cancelled through its `CognitoCancelToken`.
    COGNITO_CANCELLED = 105,
    /// The service's answer could not be understood (not JSON, truncated, too large, a redirect).
    COGNITO_RESPONSE_ERROR = 106,
    /// The operating system refused a resource the library needed, such as a thread for the
    /// completion API's pool. Nothing was sent; trying again later may work.
    COGNITO_SYSTEM_ERROR = 107,
    /// A bug: the library caught a Rust panic at the C boundary. The host process is unharmed;
    /// please report the error's message.
    COGNITO_PANIC = 199,
}

/// Every status, in numeric order.
const ALL: [CognitoStatus; 19] = [
    CognitoStatus::COGNITO_OK,
    CognitoStatus::COGNITO_INVALID_PARAMETER,
    CognitoStatus::COGNITO_RESOURCE_NOT_FOUND,
    CognitoStatus::COGNITO_TOO_MANY_REQUESTS,
    CognitoStatus::COGNITO_NOT_AUTHORIZED,
    CognitoStatus::COGNITO_USER_NOT_FOUND,
    CognitoStatus::COGNITO_USER_POOL_ADD_ON_NOT_ENABLED,
    CognitoStatus::COGNITO_OPERATION_NOT_ENABLED,
    CognitoStatus::COGNITO_INTERNAL_ERROR,
    CognitoStatus::COGNITO_UNKNOWN_SERVICE_ERROR,
    CognitoStatus::COGNITO_INVALID_ARGUMENT,
    CognitoStatus::COGNITO_VALIDATION_ERROR,
    CognitoStatus::COGNITO_CONFIG_ERROR,
    CognitoStatus::COGNITO_TIMEOUT,
    CognitoStatus::COGNITO_CONNECTION_ERROR,
    CognitoStatus::COGNITO_CANCELLED,
    CognitoStatus::COGNITO_RESPONSE_ERROR,
    CognitoStatus::COGNITO_SYSTEM_ERROR,
    CognitoStatus::COGNITO_PANIC,
];

impl CognitoStatus {
    /// The status for a numeric value, if it is one.
    pub fn from_u32(value: u32) -> Option<CognitoStatus> {
        ALL.into_iter().find(|status| *status as u32 == value)
    }

    /// The constant's name, e.g. `COGNITO_OK`.
    pub fn name(self) -> &'static std::ffi::CStr {
        match self {
            CognitoStatus::COGNITO_OK => c"COGNITO_OK",
            CognitoStatus::COGNITO_INVALID_PARAMETER => c"COGNITO_INVALID_PARAMETER",
            CognitoStatus::COGNITO_RESOURCE_NOT_FOUND => c"COGNITO_RESOURCE_NOT_FOUND",
            CognitoStatus::COGNITO_TOO_MANY_REQUESTS => c"COGNITO_TOO_MANY_REQUESTS",
            CognitoStatus::COGNITO_NOT_AUTHORIZED => c"COGNITO_NOT_AUTHORIZED",
            CognitoStatus::COGNITO_USER_NOT_FOUND => c"COGNITO_USER_NOT_FOUND",
            CognitoStatus::COGNITO_USER_POOL_ADD_ON_NOT_ENABLED => {
                c"COGNITO_USER_POOL_ADD_ON_NOT_ENABLED"
            }
            CognitoStatus::COGNITO_OPERATION_NOT_ENABLED => c"COGNITO_OPERATION_NOT_ENABLED",
            CognitoStatus::COGNITO_INTERNAL_ERROR => c"COGNITO_INTERNAL_ERROR",
            CognitoStatus::COGNITO_UNKNOWN_SERVICE_ERROR => c"COGNITO_UNKNOWN_SERVICE_ERROR",
            CognitoStatus::COGNITO_INVALID_ARGUMENT => c"COGNITO_INVALID_ARGUMENT",
            CognitoStatus::COGNITO_VALIDATION_ERROR => c"COGNITO_VALIDATION_ERROR",
            CognitoStatus::COGNITO_CONFIG_ERROR => c"COGNITO_CONFIG_ERROR",
            CognitoStatus::COGNITO_TIMEOUT => c"COGNITO_TIMEOUT",
            CognitoStatus::COGNITO_CONNECTION_ERROR => c"COGNITO_CONNECTION_ERROR",
            CognitoStatus::COGNITO_CANCELLED => c"COGNITO_CANCELLED",
            CognitoStatus::COGNITO_RESPONSE_ERROR => c"COGNITO_RESPONSE_ERROR",
            CognitoStatus::COGNITO_SYSTEM_ERROR => c"COGNITO_SYSTEM_ERROR",
            CognitoStatus::COGNITO_PANIC => c"COGNITO_PANIC",
        }
    }

    /// The status a failed call of the core reports.
    pub fn of_error(error: &Error) -> CognitoStatus {
        match error.kind() {
            ErrorKind::Validation => CognitoStatus::COGNITO_VALIDATION_ERROR,
            ErrorKind::Config => CognitoStatus::COGNITO_CONFIG_ERROR,
            ErrorKind::Timeout => CognitoStatus::COGNITO_TIMEOUT,
            ErrorKind::Connection => CognitoStatus::COGNITO_CONNECTION_ERROR,
            ErrorKind::Cancelled => CognitoStatus::COGNITO_CANCELLED,
            ErrorKind::Response => CognitoStatus::COGNITO_RESPONSE_ERROR,
            ErrorKind::Service => match error.service_error() {
                Some(ServiceErrorCode::InvalidParameter) => {
                    CognitoStatus::COGNITO_INVALID_PARAMETER
                }
                Some(ServiceErrorCode::ResourceNotFound) => {
                    CognitoStatus::COGNITO_RESOURCE_NOT_FOUND
                }
                Some(ServiceErrorCode::TooManyRequests) => CognitoStatus::COGNITO_TOO_MANY_REQUESTS,
                Some(ServiceErrorCode::NotAuthorized) => CognitoStatus::COGNITO_NOT_AUTHORIZED,
                Some(ServiceErrorCode::UserNotFound) => CognitoStatus::COGNITO_USER_NOT_FOUND,
                Some(ServiceErrorCode::UserPoolAddOnNotEnabled) => {
                    CognitoStatus::COGNITO_USER_POOL_ADD_ON_NOT_ENABLED
                }
                Some(ServiceErrorCode::OperationNotEnabled) => {
                    CognitoStatus::COGNITO_OPERATION_NOT_ENABLED
                }
                Some(ServiceErrorCode::InternalError) => CognitoStatus::COGNITO_INTERNAL_ERROR,
                Some(ServiceErrorCode::Unknown) | None => {
                    CognitoStatus::COGNITO_UNKNOWN_SERVICE_ERROR
                }
            },
        }
    }
}

/// The name of a status constant, e.g. `"COGNITO_USER_NOT_FOUND"` for
/// `COGNITO_USER_NOT_FOUND`.
///
/// Returns a static NUL-terminated string (never free it), or NULL when `status` is not a
/// known `CognitoStatus` value. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn cognito_status_name(status: u32) -> *const c_char {
    ffi_boundary!({
        match CognitoStatus::from_u32(status) {
            Some(known) => known.name().as_ptr(),
            None => std::ptr::null(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn every_status_is_named_after_its_constant() {
        for status in ALL {
            let name = unsafe { CStr::from_ptr(cognito_status_name(status as u32)) };
            assert_eq!(name.to_str().unwrap(), format!("{status:?}"));
        }
    }

    #[test]
    fn unknown_numbers_have_no_name() {
        for value in [10, 99, 108, 198, 200, u32::MAX] {
            assert!(cognito_status_name(value).is_null(), "{value}");
        }
    }

    #[test]
    fn the_numbers_are_the_published_ones() {
        let numbers: Vec<u32> = ALL.iter().map(|s| *s as u32).collect();
        assert_eq!(
            numbers,
            [
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 101, 102, 103, 104, 105, 106, 107, 199
            ]
        );
    }

    #[test]
    fn errors_map_by_kind_and_service_code() {
        let local = [
            (
                ErrorKind::Validation,
                CognitoStatus::COGNITO_VALIDATION_ERROR,
            ),
            (ErrorKind::Config, CognitoStatus::COGNITO_CONFIG_ERROR),
            (ErrorKind::Timeout, CognitoStatus::COGNITO_TIMEOUT),
            (
                ErrorKind::Connection,
                CognitoStatus::COGNITO_CONNECTION_ERROR,
            ),
            (ErrorKind::Cancelled, CognitoStatus::COGNITO_CANCELLED),
            (ErrorKind::Response, CognitoStatus::COGNITO_RESPONSE_ERROR),
        ];
        for (kind, status) in local {
            let error = Error::new(kind, "m");
            assert_eq!(CognitoStatus::of_error(&error), status, "{kind:?}");
        }
        let service = |code: &str| {
            let mut error = Error::new(ErrorKind::Service, "m");
            error.code = Some(code.to_owned());
            CognitoStatus::of_error(&error)
        };
        let expected = [
            (
                "InvalidParameterException",
                CognitoStatus::COGNITO_INVALID_PARAMETER,
            ),
            (
                "ResourceNotFoundException",
                CognitoStatus::COGNITO_RESOURCE_NOT_FOUND,
            ),
            (
                "TooManyRequestsException",
                CognitoStatus::COGNITO_TOO_MANY_REQUESTS,
            ),
            (
                "NotAuthorizedException",
                CognitoStatus::COGNITO_NOT_AUTHORIZED,
            ),
            (
                "UserNotFoundException",
                CognitoStatus::COGNITO_USER_NOT_FOUND,
            ),
            (
                "UserPoolAddOnNotEnabledException",
                CognitoStatus::COGNITO_USER_POOL_ADD_ON_NOT_ENABLED,
            ),
            (
                "OperationNotEnabledException",
                CognitoStatus::COGNITO_OPERATION_NOT_ENABLED,
            ),
            (
                "InternalErrorException",
                CognitoStatus::COGNITO_INTERNAL_ERROR,
            ),
            (
                "FeedbackGremlinException",
                CognitoStatus::COGNITO_UNKNOWN_SERVICE_ERROR,
            ),
        ];
        for (code, status) in expected {
            assert_eq!(service(code), status, "{code}");
        }
        assert_eq!(
            CognitoStatus::of_error(&Error::new(ErrorKind::Service, "no code")),
            CognitoStatus::COGNITO_UNKNOWN_SERVICE_ERROR
        );
    }
}
