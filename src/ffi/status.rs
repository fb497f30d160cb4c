//! `CognitoStatus`, the result code of every fallible export, its names, and the mapping from
//! the core's [`Error`]. Its exported functions are in `status_api.rs`.

use std::ffi::CStr;

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
    /// The service's answer: it received the request and rejected a parameter
    /// (`InvalidParameterException`, see `cognito_error_reason_code`), unlike
    /// `COGNITO_INVALID_ARGUMENT`, which is this library's own check and sends nothing.
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
    /// This library's own check of the arguments, before anything is sent (unlike the service's
    /// `COGNITO_INVALID_PARAMETER`): a parameter was NULL, a string (parameter or request
    /// member) not valid UTF-8, or an enum value unknown; `cognito_error_field` names it.
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

/// The one table of statuses beyond the enum above (which cbindgen must read as written):
/// which are plain, which a service error code gives and which a kind of core error gives.
/// It generates [`ALL`], [`CognitoStatus::name`], [`CognitoStatus::is_service_error`] and
/// [`CognitoStatus::of_error`]; every match it makes is exhaustive, so a status, an
/// [`ErrorKind`] or a [`ServiceErrorCode`] left out of the table does not compile.
macro_rules! status_table {
    (
        plain: $($plain:ident),+;
        service: $($service:ident = $code:ident),+;
        core: $($core:ident = $kind:ident),+;
    ) => {
        /// Every status: the plain ones, the service errors, then the core's failures.
        pub(super) const ALL: [CognitoStatus; [$(stringify!($plain), )+ $(stringify!($service), )+ $(stringify!($core), )+].len()] = [
            $(CognitoStatus::$plain, )+
            $(CognitoStatus::$service, )+
            $(CognitoStatus::$core, )+
        ];

        impl CognitoStatus {
            /// The constant's name, e.g. `COGNITO_OK`.
            pub(crate) fn name(self) -> &'static CStr {
                match self {
                    $(CognitoStatus::$plain => status_table!(@name $plain), )+
                    $(CognitoStatus::$service => status_table!(@name $service), )+
                    $(CognitoStatus::$core => status_table!(@name $core), )+
                }
            }

            /// Whether the service answered with this error (1 to 9).
            pub(crate) fn is_service_error(self) -> bool {
                matches!(self, $(CognitoStatus::$service)|+)
            }

            /// The status a failed call of the core reports.
            pub(crate) fn of_error(error: &Error) -> CognitoStatus {
                match error.kind() {
                    $(ErrorKind::$kind => CognitoStatus::$core, )+
                    ErrorKind::Service => match error.service_error() {
                        $(Some(ServiceErrorCode::$code) => CognitoStatus::$service, )+
                        None => CognitoStatus::COGNITO_UNKNOWN_SERVICE_ERROR,
                    },
                }
            }
        }
    };
    (@name $name:ident) => {{
        const NAME: &CStr = match CStr::from_bytes_with_nul(concat!(stringify!($name), "\0").as_bytes()) {
            Ok(name) => name,
            Err(_) => panic!("a status name has no interior NUL"),
        };
        NAME
    }};
}

status_table! {
    plain: COGNITO_OK, COGNITO_INVALID_ARGUMENT, COGNITO_SYSTEM_ERROR, COGNITO_PANIC;
    service:
        COGNITO_INVALID_PARAMETER = InvalidParameter,
        COGNITO_RESOURCE_NOT_FOUND = ResourceNotFound,
        COGNITO_TOO_MANY_REQUESTS = TooManyRequests,
        COGNITO_NOT_AUTHORIZED = NotAuthorized,
        COGNITO_USER_NOT_FOUND = UserNotFound,
        COGNITO_USER_POOL_ADD_ON_NOT_ENABLED = UserPoolAddOnNotEnabled,
        COGNITO_OPERATION_NOT_ENABLED = OperationNotEnabled,
        COGNITO_INTERNAL_ERROR = InternalError,
        COGNITO_UNKNOWN_SERVICE_ERROR = Unknown;
    core:
        COGNITO_VALIDATION_ERROR = Validation,
        COGNITO_CONFIG_ERROR = Config,
        COGNITO_TIMEOUT = Timeout,
        COGNITO_CONNECTION_ERROR = Connection,
        COGNITO_CANCELLED = Cancelled,
        COGNITO_RESPONSE_ERROR = Response;
}

impl CognitoStatus {
    /// The status for a numeric value, if it is one.
    pub(crate) fn from_u32(value: u32) -> Option<CognitoStatus> {
        ALL.into_iter().find(|status| *status as u32 == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_are_the_published_ones() {
        let mut numbers: Vec<u32> = ALL.iter().map(|s| *s as u32).collect();
        numbers.sort_unstable();
        assert_eq!(
            numbers,
            [
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 101, 102, 103, 104, 105, 106, 107, 199
            ]
        );
    }

    #[test]
    fn the_service_errors_are_1_to_9() {
        for status in ALL {
            let number = status as u32;
            assert_eq!(
                status.is_service_error(),
                (1..=9).contains(&number),
                "{status:?}"
            );
        }
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
        let service =
            |code: &str| CognitoStatus::of_error(&Error::service(code, "m", None, (400, None), 1));
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
