//! The one error type every call returns, and the service errors the model names.

use std::borrow::Cow;
use std::fmt;

use ureq::http::HeaderMap;

use crate::protocol::header_pairs;
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

    /// Whether the error is one the SDKs retry (throttling, a 5xx or 429 answer, a timeout, a
    /// broken connection), as the AWS SDK for .NET's `Retryable` says. A call returns it once
    /// its attempts, deadline or retry quota ran out.
    pub fn is_retryable(&self) -> bool {
        crate::retry::classify(self).is_some()
    }

    /// Whether the error is throttling (the service asked the client to slow down).
    pub fn is_throttling(&self) -> bool {
        crate::retry::classify(self) == Some(crate::retry::RetryClass::Throttling)
    }

    /// The headers of the error response, in the order received (lowercase names; bytes that
    /// are not UTF-8 replaced by U+FFFD); none when the error is not about a response.
    pub fn headers(&self) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
        self.headers.iter().flat_map(|map| header_pairs(map))
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
