//! The one error type every call returns, and the service errors the model names.

use std::borrow::Cow;
use std::fmt;

use ureq::http::HeaderMap;

use crate::http::header_pairs;
use crate::text::Escaped;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The request broke a constraint of the model; nothing was sent.
    Validation,
    /// The configuration cannot work (bad region, FIPS with an endpoint override, unreadable CA
    /// bundle, ...); nothing was sent.
    Config,
    /// The call ran out of time: connect, per-attempt or total deadline.
    Timeout,
    /// The connection could not be made or broke (refused, reset, DNS, TLS certificate, ...).
    Connection,
    /// The caller's cancel token ended the call.
    Cancelled,
    /// The service answered with an error (modeled or not).
    Service,
    /// The service's answer could not be understood (not JSON, truncated, too large, a redirect).
    Response,
}

/// Which deadline an [`ErrorKind::Timeout`] error ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeoutPhase {
    /// The connect timeout: no connection was made within it.
    Connect,
    /// The attempt timeout: one attempt (connecting, sending, and reading the response) took
    /// longer.
    Attempt,
    /// The call's total timeout, across its attempts and the waits between them.
    Total,
}

/// The errors the model lists for UpdateAuthEventFeedback, plus every other code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceErrorCode {
    /// `InvalidParameterException` (may carry a `reasonCode`).
    InvalidParameter,
    /// `ResourceNotFoundException`.
    ResourceNotFound,
    /// `TooManyRequestsException`.
    TooManyRequests,
    /// `NotAuthorizedException`.
    NotAuthorized,
    /// `UserNotFoundException`.
    UserNotFound,
    /// `UserPoolAddOnNotEnabledException`.
    UserPoolAddOnNotEnabled,
    /// `OperationNotEnabledException`.
    OperationNotEnabled,
    /// `InternalErrorException` (a fault on the service's side).
    InternalError,
    /// Any code the model does not list; the code string is kept in [`Error::code`].
    Unknown,
}

impl ServiceErrorCode {
    /// The modeled code for a service's (already sanitized) error code string.
    pub fn from_code(code: &str) -> ServiceErrorCode {
        match code {
            "InvalidParameterException" => ServiceErrorCode::InvalidParameter,
            "ResourceNotFoundException" => ServiceErrorCode::ResourceNotFound,
            "TooManyRequestsException" => ServiceErrorCode::TooManyRequests,
            "NotAuthorizedException" => ServiceErrorCode::NotAuthorized,
            "UserNotFoundException" => ServiceErrorCode::UserNotFound,
            "UserPoolAddOnNotEnabledException" => ServiceErrorCode::UserPoolAddOnNotEnabled,
            "OperationNotEnabledException" => ServiceErrorCode::OperationNotEnabled,
            "InternalErrorException" => ServiceErrorCode::InternalError,
            _ => ServiceErrorCode::Unknown,
        }
    }
}

/// A failed call: what went wrong, with everything the service said about it.
///
/// Never contains the Username or the FeedbackToken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub(crate) kind: ErrorKind,
    pub(crate) message: String,
    pub(crate) code: Option<String>,
    pub(crate) reason_code: Option<String>,
    pub(crate) field: Option<&'static str>,
    pub(crate) http_status: Option<u16>,
    pub(crate) request_id: Option<String>,
    pub(crate) attempts: u32,
    /// Which deadline passed, for timeouts only.
    pub(crate) timeout_phase: Option<TimeoutPhase>,
    /// The headers of the response this error is about, when it is about one.
    pub(crate) headers: Option<Box<HeaderMap>>,
    /// Set by the transport on I/O failures worth another attempt (connect refused or timed
    /// out, reset, a stale pooled connection, an attempt timeout); never on certificate errors.
    pub(crate) transient: bool,
}

impl Error {
    /// A local error (no service code) of the given kind.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            code: None,
            reason_code: None,
            field: None,
            http_status: None,
            request_id: None,
            attempts: 0,
            timeout_phase: None,
            headers: None,
            transient: false,
        }
    }

    /// A validation error about one member of the request.
    pub(crate) fn validation(field: &'static str, message: impl Into<String>) -> Error {
        Error {
            field: Some(field),
            ..Error::new(ErrorKind::Validation, message)
        }
    }

    /// A timeout: `phase` says which deadline passed.
    pub(crate) fn timeout(phase: TimeoutPhase, message: impl Into<String>) -> Error {
        Error {
            timeout_phase: Some(phase),
            ..Error::new(ErrorKind::Timeout, message)
        }
    }

    /// The error of a call its cancel token ended.
    pub(crate) fn cancelled() -> Error {
        Error::new(ErrorKind::Cancelled, "the call was cancelled")
    }

    /// A configuration error.
    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Config, message)
    }

    /// The same error, recording how many attempts were made.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Error {
        self.attempts = attempts;
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// A human-readable description; for service errors, the service's message (may be empty).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The service's error code string (e.g. `UserNotFoundException`), for service errors only.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// Which modeled service error this is; `None` for local errors.
    pub fn service_error(&self) -> Option<ServiceErrorCode> {
        self.code.as_deref().map(ServiceErrorCode::from_code)
    }

    /// The `reasonCode` of an `InvalidParameterException`, when the service sent one.
    pub fn reason_code(&self) -> Option<&str> {
        self.reason_code.as_deref()
    }

    /// What the error is about: the request member of a validation error (`UserPoolId`,
    /// `Username`, ...); `region` for the configuration error "no region configured", `profile`
    /// for a named profile that does not exist;
    /// `ca_bundle` (the setting that decides which certificates are trusted) for a connection
    /// error that is a TLS certificate failure; `connect_timeout` for a timeout while connecting.
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }

    /// The HTTP status of the last response, when one was received.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// The `x-amzn-RequestId` of the last response, when one was received.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// How many attempts were made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Which deadline a timeout ran into; `None` for every other kind of error.
    pub fn timeout_phase(&self) -> Option<TimeoutPhase> {
        self.timeout_phase
    }

    /// Whether the error is one the SDKs retry (throttling, a 5xx or 429 answer, a timeout, a
    /// broken connection), as the AWS SDK for .NET's `Retryable` says. A call returns it once
    /// its attempts, deadline or retry quota ran out.
    pub fn is_retryable(&self) -> bool {
        classify(self).is_some()
    }

    /// Whether the error is throttling (the service asked the client to slow down).
    pub fn is_throttling(&self) -> bool {
        classify(self) == Some(RetryClass::Throttling)
    }

    /// The headers of the error response, in the order received (lowercase names; bytes that
    /// are not UTF-8 replaced by U+FFFD); none when the error is not about a response.
    pub fn headers(&self) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
        self.headers.iter().flat_map(|map| header_pairs(map))
    }
}

/// Why an error may be retried; it picks the backoff base and what the retry costs the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryClass {
    /// The service asked the client to slow down (a throttling code, or HTTP 429).
    Throttling,
    /// A fault another attempt may not meet (5xx, a request timeout, a broken connection).
    Transient,
}

/// Error codes that mean "slow down", whatever the HTTP status.
const THROTTLING_CODES: [&str; 11] = [
    "TooManyRequestsException",
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "RequestLimitExceeded",
    "SlowDown",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "PriorRequestNotComplete",
];

/// Error codes of faults worth another attempt, whatever the HTTP status.
const TRANSIENT_CODES: [&str; 3] = [
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalErrorException",
];

/// HTTP statuses of faults worth another attempt.
const TRANSIENT_STATUSES: [u16; 4] = [500, 502, 503, 504];

/// HTTP 429 Too Many Requests.
const STATUS_TOO_MANY_REQUESTS: u16 = 429;

/// Whether `error` may be retried, and why. `None` means never: validation, configuration and
/// cancellation errors, other 4xx answers, I/O failures the transport did not mark transient
/// (e.g. a bad certificate), and unreadable answers unless their status is 429 or 500/502/503/504.
///
/// Codes are compared exactly, as the protocol layer sanitized them.
pub(crate) fn classify(error: &Error) -> Option<RetryClass> {
    let code = error.code.as_deref();
    match error.kind {
        ErrorKind::Validation | ErrorKind::Config | ErrorKind::Cancelled => None,
        ErrorKind::Timeout | ErrorKind::Connection => {
            error.transient.then_some(RetryClass::Transient)
        }
        ErrorKind::Service => {
            classify_code(code).or_else(|| classify_status(error.http_status?, code))
        }
        ErrorKind::Response => classify_status(error.http_status?, code),
    }
}

/// The class an error code alone gives.
fn classify_code(code: Option<&str>) -> Option<RetryClass> {
    let code = code?;
    if THROTTLING_CODES.contains(&code) {
        Some(RetryClass::Throttling)
    } else if TRANSIENT_CODES.contains(&code) {
        Some(RetryClass::Transient)
    } else {
        None
    }
}

/// The class an HTTP status gives; a 429 counts as throttling only when its code (if any) is not
/// one the model lists, since a modeled code says exactly what went wrong.
fn classify_status(status: u16, code: Option<&str>) -> Option<RetryClass> {
    if TRANSIENT_STATUSES.contains(&status) {
        Some(RetryClass::Transient)
    } else if status == STATUS_TOO_MANY_REQUESTS
        && code.is_none_or(|code| ServiceErrorCode::from_code(code) == ServiceErrorCode::Unknown)
    {
        Some(RetryClass::Throttling)
    } else {
        None
    }
}

/// The error as one line of text, safe to log or print: `code: message` for service errors,
/// else the message, each with control characters escaped and cut to
/// [`FIELD_LIMIT`](crate::text::FIELD_LIMIT) bytes (see [`Escaped`]). The getters keep the raw values.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = Escaped(&self.message);
        match &self.code {
            Some(code) => write!(f, "{}: {message}", Escaped(code)),
            None => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}
