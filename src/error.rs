//! The one error type every call returns ([`Error`]), built once when the call ends from the
//! [`Failure`] that ended it and the number of attempts made; the service errors the model
//! names; and which failures are worth another attempt ([`classify`]).

use std::borrow::Cow;
use std::fmt;

use ureq::http::HeaderMap;

use crate::http::{self, HttpResponse, header_pairs};
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

/// What an error keeps of the HTTP response it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    status: u16,
    request_id: Option<String>,
    /// The headers, when the error is about the response as a whole (not only its status).
    headers: Option<Box<HeaderMap>>,
}

impl Answer {
    /// The status and request id of a response, without its headers.
    pub(crate) fn new(status: u16, request_id: Option<String>) -> Answer {
        Answer {
            status,
            request_id,
            headers: None,
        }
    }

    /// A response's status, request id and headers (its body is dropped).
    pub(crate) fn whole(response: HttpResponse) -> Answer {
        Answer {
            status: response.status(),
            request_id: response.request_id(),
            headers: Some(Box::new(response.into_headers())),
        }
    }

    /// The status code.
    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    /// The request id, when the response had one.
    pub(crate) fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The same answer without its headers.
    pub(crate) fn without_headers(&self) -> Answer {
        Answer::new(self.status, self.request_id.clone())
    }
}

/// What ended an attempt, or a call before any attempt ended: everything an [`Error`] says but
/// how many attempts the call made, which only the call knows once it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    kind: ErrorKind,
    message: String,
    code: Option<String>,
    reason_code: Option<String>,
    field: Option<&'static str>,
    /// Which deadline passed, for timeouts only.
    timeout_phase: Option<TimeoutPhase>,
    /// The response this failure is about, when it is about one.
    answer: Option<Answer>,
    /// Set on I/O failures worth another attempt (connect refused or timed out, reset, a stale
    /// pooled connection, an attempt timeout); never on certificate errors.
    transient: bool,
}

impl Failure {
    /// A failure of the given kind, with no more to say than `message`.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
            code: None,
            reason_code: None,
            field: None,
            timeout_phase: None,
            answer: None,
            transient: false,
        }
    }

    /// A broken or failed connection worth another attempt.
    pub(crate) fn transient_connection(message: impl Into<String>) -> Failure {
        Failure {
            transient: true,
            ..Failure::new(ErrorKind::Connection, message)
        }
    }

    /// A TLS certificate the trusted roots do not accept: about the `ca_bundle` setting, so
    /// that wrappers raise their SDK's certificate error (botocore's SSLError); never retried.
    pub(crate) fn untrusted_certificate(message: impl Into<String>) -> Failure {
        Failure {
            field: Some("ca_bundle"),
            ..Failure::new(ErrorKind::Connection, message)
        }
    }

    /// A timeout: `phase` says which deadline passed. A connect timeout names the
    /// `connect_timeout` setting (so callers can tell it apart); connect and attempt timeouts
    /// are worth another attempt, the total timeout ends the call.
    pub(crate) fn timeout(phase: TimeoutPhase, message: impl Into<String>) -> Failure {
        Failure {
            field: (phase == TimeoutPhase::Connect).then_some("connect_timeout"),
            timeout_phase: Some(phase),
            transient: phase != TimeoutPhase::Total,
            ..Failure::new(ErrorKind::Timeout, message)
        }
    }

    /// The failure of a call its cancel token ended.
    pub(crate) fn cancelled() -> Failure {
        Failure::new(ErrorKind::Cancelled, "the call was cancelled")
    }

    /// The service's error `code` (sanitized), with its message and `reasonCode`, answered
    /// in `response`.
    pub(crate) fn service(
        code: String,
        message: String,
        reason_code: Option<String>,
        response: HttpResponse,
    ) -> Failure {
        Failure {
            code: Some(code),
            reason_code,
            answer: Some(Answer::whole(response)),
            ..Failure::new(ErrorKind::Service, message)
        }
    }

    /// An answer that could not be understood (a Response error).
    pub(crate) fn response(message: impl Into<String>, answer: Answer) -> Failure {
        Failure {
            answer: Some(answer),
            ..Failure::new(ErrorKind::Response, message)
        }
    }

    /// The failure `cause` met while reading the response `answer` began.
    pub(crate) fn while_reading(cause: Failure, answer: Answer) -> Failure {
        Failure {
            answer: Some(answer),
            ..cause
        }
    }

    /// What kind of failure this is.
    pub(crate) fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The response this failure is about, when it is about one.
    pub(crate) fn answer(&self) -> Option<&Answer> {
        self.answer.as_ref()
    }

    /// The first value of the header `name` (lowercase) of the response this failure is
    /// about, when it keeps that response's headers and the value is text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let headers = self.answer.as_ref()?.headers.as_deref()?;
        http::header(headers, name)
    }
}

/// A failed call: what went wrong, with everything the service said about it.
///
/// Never contains the Username or the FeedbackToken.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    failure: Failure,
    attempts: u32,
}

impl Error {
    /// The error of a call that `failure` ended after `attempts` attempts. A failure about no
    /// response takes the status and request id of `last_answer`, the last response the
    /// call received.
    pub(crate) fn after_attempts(
        failure: Failure,
        attempts: u32,
        last_answer: Option<Answer>,
    ) -> Error {
        Error {
            failure: Failure {
                answer: failure.answer.or(last_answer),
                ..failure
            },
            attempts,
        }
    }

    /// The error of a call that ended before sending anything.
    fn before_sending(failure: Failure) -> Error {
        Error::after_attempts(failure, 0, None)
    }

    /// The error of a call cancelled before it sent anything.
    pub(crate) fn cancelled() -> Error {
        Error::before_sending(Failure::cancelled())
    }

    /// A validation error about one member of the request.
    pub(crate) fn validation(member: &'static str, message: impl Into<String>) -> Error {
        Error::before_sending(Failure {
            field: Some(member),
            ..Failure::new(ErrorKind::Validation, message)
        })
    }

    /// A configuration error.
    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error::before_sending(Failure::new(ErrorKind::Config, message))
    }

    /// A configuration error about one setting (`region`, `profile`, ...).
    pub(crate) fn setting(setting: &'static str, message: impl Into<String>) -> Error {
        Error::before_sending(Failure {
            field: Some(setting),
            ..Failure::new(ErrorKind::Config, message)
        })
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.failure.kind
    }

    /// A human-readable description; for service errors, the service's message (may be empty).
    pub fn message(&self) -> &str {
        &self.failure.message
    }

    /// The service's error code string (e.g. `UserNotFoundException`), for service errors only.
    pub fn code(&self) -> Option<&str> {
        self.failure.code.as_deref()
    }

    /// Which modeled service error this is; `None` for local errors.
    pub fn service_error(&self) -> Option<ServiceErrorCode> {
        self.code().map(ServiceErrorCode::from_code)
    }

    /// The `reasonCode` of an `InvalidParameterException`, when the service sent one.
    pub fn reason_code(&self) -> Option<&str> {
        self.failure.reason_code.as_deref()
    }

    /// What the error is about: the request member of a validation error (`UserPoolId`,
    /// `Username`, ...); `region` for the configuration error "no region configured", `profile`
    /// for a named profile that does not exist;
    /// `ca_bundle` (the setting that decides which certificates are trusted) for a connection
    /// error that is a TLS certificate failure; `connect_timeout` for a timeout while connecting.
    pub fn field(&self) -> Option<&'static str> {
        self.failure.field
    }

    /// The HTTP status of the last response, when one was received.
    pub fn http_status(&self) -> Option<u16> {
        self.failure.answer.as_ref().map(|answer| answer.status)
    }

    /// The `x-amzn-RequestId` of the last response, when one was received.
    pub fn request_id(&self) -> Option<&str> {
        self.failure.answer.as_ref()?.request_id.as_deref()
    }

    /// How many attempts were made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Which deadline a timeout ran into; `None` for every other kind of error.
    pub fn timeout_phase(&self) -> Option<TimeoutPhase> {
        self.failure.timeout_phase
    }

    /// Whether the error is one the SDKs retry (throttling, a 5xx or 429 answer, a timeout, a
    /// broken connection), as the AWS SDK for .NET's `Retryable` says. A call returns it once
    /// its attempts, deadline or retry quota ran out.
    pub fn is_retryable(&self) -> bool {
        classify(&self.failure).is_some()
    }

    /// Whether the error is throttling (the service asked the client to slow down).
    pub fn is_throttling(&self) -> bool {
        classify(&self.failure) == Some(RetryClass::Throttling)
    }

    /// The headers of the error response, in the order received (lowercase names; bytes that
    /// are not UTF-8 replaced by U+FFFD); none when the error is not about a response.
    pub fn headers(&self) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
        self.response_headers().into_iter().flat_map(header_pairs)
    }

    /// Whether the error keeps the headers of the response it is about (which may be none).
    pub(crate) fn has_headers(&self) -> bool {
        self.response_headers().is_some()
    }

    /// The headers of the response the error is about, when it keeps them.
    fn response_headers(&self) -> Option<&HeaderMap> {
        self.failure.answer.as_ref()?.headers.as_deref()
    }
}

/// Errors as a call ends with them, for the tests of the layers above.
#[cfg(test)]
impl Error {
    /// The error of a call that a failure of `kind` ended before sending anything.
    pub(crate) fn new(kind: ErrorKind, message: &str) -> Error {
        Error::before_sending(Failure::new(kind, message))
    }

    /// The error of a call that ran into the deadline of `phase`.
    pub(crate) fn timeout(phase: TimeoutPhase, message: &str) -> Error {
        Error::before_sending(Failure::timeout(phase, message))
    }

    /// The error of a call the service answered with `code` (and `reason_code`) in a response
    /// of `(status, request id)`, after `attempts` attempts.
    pub(crate) fn service(
        code: &str,
        message: &str,
        reason_code: Option<&str>,
        (status, request_id): (u16, Option<&str>),
        attempts: u32,
    ) -> Error {
        let failure = Failure {
            code: Some(code.to_owned()),
            reason_code: reason_code.map(str::to_owned),
            answer: Some(Answer::new(status, request_id.map(str::to_owned))),
            ..Failure::new(ErrorKind::Service, message)
        };
        Error::after_attempts(failure, attempts, None)
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

/// Whether `failure` may be retried, and why. `None` means never: validation, configuration and
/// cancellation errors, other 4xx answers, I/O failures the transport did not mark transient
/// (e.g. a bad certificate), and unreadable answers unless their status is 429 or 500/502/503/504.
///
/// Codes are compared exactly, as the protocol layer sanitized them.
pub(crate) fn classify(failure: &Failure) -> Option<RetryClass> {
    let code = failure.code.as_deref();
    let status = || failure.answer.as_ref().map(|answer| answer.status);
    match failure.kind {
        ErrorKind::Validation | ErrorKind::Config | ErrorKind::Cancelled => None,
        ErrorKind::Timeout | ErrorKind::Connection => {
            failure.transient.then_some(RetryClass::Transient)
        }
        ErrorKind::Service => classify_code(code).or_else(|| classify_status(status()?, code)),
        ErrorKind::Response => classify_status(status()?, code),
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

/// Every fact the error holds, flat, as its getters name them.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failure = &self.failure;
        let answer = failure.answer.as_ref();
        f.debug_struct("Error")
            .field("kind", &failure.kind)
            .field("message", &failure.message)
            .field("code", &failure.code)
            .field("reason_code", &failure.reason_code)
            .field("field", &failure.field)
            .field("http_status", &answer.map(|answer| answer.status))
            .field(
                "request_id",
                &answer.and_then(|answer| answer.request_id.as_ref()),
            )
            .field("attempts", &self.attempts)
            .field("timeout_phase", &failure.timeout_phase)
            .field(
                "headers",
                &answer.and_then(|answer| answer.headers.as_ref()),
            )
            .field("transient", &failure.transient)
            .finish()
    }
}

/// The failure as one line of text, as the [`Error`] it ends a call with displays it.
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = Escaped(&self.message);
        match &self.code {
            Some(code) => write!(f, "{}: {message}", Escaped(code)),
            None => write!(f, "{message}"),
        }
    }
}

/// The error as one line of text, safe to log or print: `code: message` for service errors,
/// else the message, each with control characters escaped and cut to
/// [`FIELD_LIMIT`](crate::text::FIELD_LIMIT) bytes (see [`Escaped`]). The getters keep the raw values.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.failure.fmt(f)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::header_map;

    #[test]
    fn a_call_error_takes_the_last_answer_only_when_its_failure_has_none() {
        let last = Answer::new(503, Some("rid-last".into()));
        let timeout = Failure::timeout(TimeoutPhase::Attempt, "the attempt timed out");
        let error = Error::after_attempts(timeout, 2, Some(last.clone()));
        assert_eq!(error.attempts(), 2);
        assert_eq!(error.http_status(), Some(503));
        assert_eq!(error.request_id(), Some("rid-last"));
        assert!(
            !error.has_headers(),
            "only the status and request id carry over"
        );

        let headers = header_map([("x-amzn-requestid", "rid-own")]);
        let response = HttpResponse::new(400, headers, b"{}".to_vec());
        let service = Failure::service("FooError".into(), "m".into(), None, response);
        let error = Error::after_attempts(service, 3, Some(last));
        assert_eq!(error.http_status(), Some(400));
        assert_eq!(error.request_id(), Some("rid-own"));
        let headers: Vec<_> = error.headers().collect();
        assert_eq!(headers, [("x-amzn-requestid", "rid-own".into())]);
        assert_eq!(error.to_string(), "FooError: m");
    }

    #[test]
    fn debug_shows_every_fact_flat() {
        let error = Error::service("FooError", "m", Some("R"), (400, Some("rid")), 2);
        assert_eq!(
            format!("{error:?}"),
            "Error { kind: Service, message: \"m\", code: Some(\"FooError\"), \
             reason_code: Some(\"R\"), field: None, http_status: Some(400), \
             request_id: Some(\"rid\"), attempts: 2, timeout_phase: None, headers: None, \
             transient: false }"
        );
    }

    #[test]
    fn a_timeout_phase_names_its_setting_and_whether_another_attempt_may_help() {
        let connect = Error::timeout(TimeoutPhase::Connect, "connecting timed out");
        assert_eq!(connect.field(), Some("connect_timeout"));
        assert!(connect.is_retryable());
        let attempt = Error::timeout(TimeoutPhase::Attempt, "the attempt timed out");
        assert_eq!((attempt.field(), attempt.is_retryable()), (None, true));
        let total = Error::timeout(TimeoutPhase::Total, "the total timeout passed");
        assert_eq!((total.field(), total.is_retryable()), (None, false));
        assert_eq!(total.timeout_phase(), Some(TimeoutPhase::Total));
    }

    fn service(code: Option<&str>, status: u16) -> Failure {
        Failure {
            code: code.map(str::to_owned),
            answer: Some(Answer::new(status, None)),
            ..Failure::new(ErrorKind::Service, "service said no")
        }
    }

    fn io(kind: ErrorKind, transient: bool) -> Failure {
        Failure {
            transient,
            ..Failure::new(kind, "i/o failed")
        }
    }

    #[test]
    fn throttling_codes_are_throttling_whatever_the_status() {
        for code in [
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
        ] {
            for status in [400, 429, 500, 503] {
                assert_eq!(
                    classify(&service(Some(code), status)),
                    Some(RetryClass::Throttling),
                    "{code} {status}"
                );
            }
        }
    }

    #[test]
    fn transient_codes_are_transient_whatever_the_status() {
        for code in [
            "RequestTimeout",
            "RequestTimeoutException",
            "InternalErrorException",
        ] {
            for status in [400, 408, 500] {
                assert_eq!(
                    classify(&service(Some(code), status)),
                    Some(RetryClass::Transient)
                );
            }
        }
    }

    #[test]
    fn server_error_statuses_are_transient_whatever_the_code() {
        for status in [500, 502, 503, 504] {
            for code in [None, Some("NotAuthorizedException"), Some("SomethingNew")] {
                assert_eq!(
                    classify(&service(code, status)),
                    Some(RetryClass::Transient)
                );
            }
            let unreadable = Failure {
                kind: ErrorKind::Response,
                ..service(None, status)
            };
            assert_eq!(classify(&unreadable), Some(RetryClass::Transient));
        }
        for status in [501, 505, 599] {
            assert_eq!(classify(&service(None, status)), None, "{status}");
        }
    }

    #[test]
    fn http_429_is_throttling_unless_a_modeled_code_says_otherwise() {
        assert_eq!(classify(&service(None, 429)), Some(RetryClass::Throttling));
        assert_eq!(
            classify(&service(Some("SomethingNew"), 429)),
            Some(RetryClass::Throttling)
        );
        let unreadable = Failure {
            kind: ErrorKind::Response,
            ..service(None, 429)
        };
        assert_eq!(classify(&unreadable), Some(RetryClass::Throttling));
        assert_eq!(
            classify(&service(Some("NotAuthorizedException"), 429)),
            None
        );
        assert_eq!(classify(&service(Some("UserNotFoundException"), 429)), None);
    }

    #[test]
    fn other_client_errors_are_never_retried() {
        for code in [
            "InvalidParameterException",
            "ResourceNotFoundException",
            "NotAuthorizedException",
            "UserNotFoundException",
            "UserPoolAddOnNotEnabledException",
            "OperationNotEnabledException",
            "SomethingNew",
            // Exact comparison: near misses are not throttling.
            "throttling",
            "ThrottlingException ",
            "ProvisionedThroughputExceededException",
        ] {
            assert_eq!(classify(&service(Some(code), 400)), None, "{code}");
        }
        for status in [400, 403, 404, 408, 413] {
            assert_eq!(classify(&service(None, status)), None, "{status}");
        }
        let no_status = Failure {
            answer: None,
            ..service(None, 0)
        };
        assert_eq!(classify(&no_status), None);
    }

    #[test]
    fn transient_io_failures_are_retried_others_not() {
        for kind in [ErrorKind::Timeout, ErrorKind::Connection] {
            assert_eq!(classify(&io(kind, true)), Some(RetryClass::Transient));
            assert_eq!(classify(&io(kind, false)), None);
        }
    }

    #[test]
    fn local_errors_are_never_retried_even_with_retryable_details() {
        for kind in [
            ErrorKind::Validation,
            ErrorKind::Config,
            ErrorKind::Cancelled,
        ] {
            let failure = Failure {
                transient: true,
                code: Some("Throttling".into()),
                ..service(None, 503)
            };
            let failure = Failure { kind, ..failure };
            assert_eq!(classify(&failure), None, "{kind:?}");
        }
        let validation = Error::validation("Username", "too long");
        assert!(!validation.is_retryable());
        assert!(!Error::config("no region").is_retryable());
    }

    #[test]
    fn unreadable_answers_without_a_retryable_status_are_not_retried() {
        for status in [200, 301, 400, 404] {
            let failure = Failure {
                kind: ErrorKind::Response,
                ..service(None, status)
            };
            assert_eq!(classify(&failure), None, "{status}");
        }
        assert_eq!(classify(&io(ErrorKind::Response, true)), None);
    }
}
