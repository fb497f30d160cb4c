//! The call: `CognitoFeedbackRequest` in, `CognitoResponse` or `CognitoError` out.

use std::ffi::{CString, c_char};
use std::sync::OnceLock;

use super::args::{borrow, enum_value, member};
use super::boundary::ffi_boundary;
use super::cancel::CognitoCancelToken;
use super::client::CognitoClient;
use super::cstring::{header_lines, owned_opt, ptr_or_null};
use super::error::CognitoError;
use super::out::{clear, finish, free};
use super::shared::retain;
use super::status::CognitoStatus;
use crate::client::UpdateAuthEventFeedbackOutput;
use crate::model::{FeedbackValue, UpdateAuthEventFeedbackRequest};

/// The user's verdict on an authentication event, for `CognitoFeedbackRequest.feedback_value`.
/// 0 is deliberately not a value, so a zero-initialized request is rejected.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum CognitoFeedbackValue {
    /// `Valid`: "this was me", the event came from the real user.
    COGNITO_FEEDBACK_VALID = 1,
    /// `Invalid`: "this wasn't me", the event was not from the user.
    COGNITO_FEEDBACK_INVALID = 2,
}

/// The five members of an UpdateAuthEventFeedback call. The strings are NUL-terminated UTF-8
/// and only read during the call; the library keeps no pointer to them.
///
/// A NULL string member is reported as `COGNITO_VALIDATION_ERROR` naming the member, like a
/// missing required parameter; a member that is not UTF-8, or a `feedback_value` that is not a
/// `CognitoFeedbackValue`, as `COGNITO_INVALID_ARGUMENT` naming it. Other constraints of the
/// model (lengths, patterns) are checked before anything is sent, as `COGNITO_VALIDATION_ERROR`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CognitoFeedbackRequest {
    /// `UserPoolId`, e.g. `"us-east-1_AbCdEf123"`.
    pub user_pool_id: *const c_char,
    /// `Username`: the user's username, alias or `sub` (a secret: never logged or echoed).
    pub username: *const c_char,
    /// `EventId`: the authentication event's ID, from the notification email.
    pub event_id: *const c_char,
    /// `FeedbackToken`: the token from the notification email (a secret: never logged or
    /// echoed).
    pub feedback_token: *const c_char,
    /// `FeedbackValue`: a `CognitoFeedbackValue`.
    pub feedback_value: u32,
}

/// A successful call: what the service answered.
///
/// Created by `cognito_update_auth_event_feedback` on success; the caller frees it with
/// `cognito_response_free`. Strings returned by its getters are borrowed from it: valid until
/// it is freed, never to be freed by the caller.
///
/// Thread safety: immutable; its getters may be called from several threads at once, and it may
/// be freed from any thread once no getter is running.
#[derive(Debug)]
pub struct CognitoResponse {
    request_id: Option<CString>,
    http_status: u16,
    content_length: u64,
    attempts: u32,
    output: UpdateAuthEventFeedbackOutput,
    /// The header lines, built on first request (most callers never ask).
    headers: OnceLock<CString>,
}

impl CognitoResponse {
    /// The response object for a successful call's output, its strings ready for C.
    pub(super) fn of(output: UpdateAuthEventFeedbackOutput) -> CognitoResponse {
        CognitoResponse {
            request_id: owned_opt(output.request_id()),
            http_status: output.http_status(),
            content_length: output.content_length(),
            attempts: output.attempts(),
            output,
            headers: OnceLock::new(),
        }
    }
}

/// The core request for a C request; errors name the member at fault.
///
/// # Safety
///
/// Each string member must be NULL or a NUL-terminated string.
pub(super) unsafe fn to_request(
    request: &CognitoFeedbackRequest,
) -> Result<UpdateAuthEventFeedbackRequest, CognitoError> {
    let values = [
        (
            CognitoFeedbackValue::COGNITO_FEEDBACK_VALID as u32,
            "COGNITO_FEEDBACK_VALID",
            FeedbackValue::Valid,
        ),
        (
            CognitoFeedbackValue::COGNITO_FEEDBACK_INVALID as u32,
            "COGNITO_FEEDBACK_INVALID",
            FeedbackValue::Invalid,
        ),
    ];
    // SAFETY (all blocks below): guaranteed by the caller.
    Ok(UpdateAuthEventFeedbackRequest {
        user_pool_id: unsafe { member(request.user_pool_id, "UserPoolId") }?.to_owned(),
        username: unsafe { member(request.username, "Username") }?.to_owned(),
        event_id: unsafe { member(request.event_id, "EventId") }?.to_owned(),
        feedback_token: unsafe { member(request.feedback_token, "FeedbackToken") }?.to_owned(),
        feedback_value: enum_value(request.feedback_value, "FeedbackValue", &values)?,
    })
}

/// Reports the user's feedback on an authentication event (Cognito's UpdateAuthEventFeedback).
///
/// Blocks until the call ends: success, a final error (after the retries the config allows),
/// the deadline, or `cancel` (may be NULL). The request is validated before anything is sent.
///
/// On success returns `COGNITO_OK` and, when `response_out` is not NULL, stores a response in
/// `*response_out` (free with `cognito_response_free`). On failure returns the failure's status
/// and, when `error_out` is not NULL, stores the details in `*error_out` (free with
/// `cognito_error_free`). Both are set to NULL first, so exactly one of them is set after the
/// call (when both are given). `COGNITO_INVALID_ARGUMENT` when `client` or `request` is NULL.
///
/// Thread-safe: any number of threads may call this with the same client at once. The call
/// holds `client` and `cancel` until it returns: another thread may free them meanwhile, and
/// the call still finishes normally (freeing the token does not cancel it).
///
/// # Safety
///
/// `client` must be NULL or a live client; `request` NULL or a request whose string members are
/// NULL or NUL-terminated strings; `cancel` NULL or a live token; `response_out` and
/// `error_out` each NULL or valid for writes of a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_update_auth_event_feedback(
    client: *const CognitoClient,
    request: *const CognitoFeedbackRequest,
    cancel: *const CognitoCancelToken,
    response_out: *mut *mut CognitoResponse,
    error_out: *mut *mut CognitoError,
) -> CognitoStatus {
    ffi_boundary!(error_out: error_out, {
        // SAFETY (all blocks below): guaranteed by this function's contract.
        unsafe { clear(response_out) };
        let outcome = (|| {
            // The call holds the client and the token until it returns, so a `_free` from
            // another thread meanwhile leaves them to it.
            let client = unsafe { retain(borrow(client, "client")?) };
            let request = unsafe { to_request(borrow(request, "request")?) }?;
            let cancel = unsafe { cancel.as_ref() }.map(|token| unsafe { retain(token) });
            let output = client
                .client()
                .update_auth_event_feedback(&request, cancel.as_deref().map(CognitoCancelToken::token))
                .map_err(|error| CognitoError::from_error(&error))?;
            Ok(Box::new(CognitoResponse::of(output)))
        })();
        unsafe { finish(outcome, response_out, error_out) }
    })
}

/// The `x-amzn-RequestId` the service sent, or NULL when it sent none or `response` is NULL.
/// Borrowed from `response`.
///
/// # Safety
///
/// `response` must be NULL or a live `CognitoResponse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_response_request_id(
    response: *const CognitoResponse,
) -> *const c_char {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { response.as_ref() }
            .map_or(std::ptr::null(), |r| ptr_or_null(r.request_id.as_ref()))
    })
}

/// The HTTP status of the response (200); 0 when `response` is NULL.
///
/// # Safety
///
/// `response` must be NULL or a live `CognitoResponse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_response_http_status(response: *const CognitoResponse) -> u16 {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { response.as_ref() }.map_or(0, |r| r.http_status)
    })
}

/// The length in bytes of the response body as received (2 for the service's `{}`): the
/// `Content-Length` header's value, or the bytes read when the body came without one (chunked).
/// 0 when `response` is NULL.
///
/// # Safety
///
/// `response` must be NULL or a live `CognitoResponse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_response_content_length(response: *const CognitoResponse) -> u64 {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { response.as_ref() }.map_or(0, |r| r.content_length)
    })
}

/// How many attempts the call made (1 when the first succeeded); 0 when `response` is NULL.
///
/// # Safety
///
/// `response` must be NULL or a live `CognitoResponse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_response_attempts(response: *const CognitoResponse) -> u32 {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { response.as_ref() }.map_or(0, |r| r.attempts)
    })
}

/// The response's HTTP headers, one `name: value` line each (`\n`-terminated, names lowercase,
/// in the order received, bytes that are not UTF-8 replaced by U+FFFD), as botocore reports
/// them in `HTTPHeaders`; NULL when `response` is NULL. Borrowed from `response`.
///
/// # Safety
///
/// `response` must be NULL or a live `CognitoResponse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_response_headers(
    response: *const CognitoResponse,
) -> *const c_char {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { response.as_ref() }.map_or(std::ptr::null(), |r| {
            r.headers
                .get_or_init(|| header_lines(r.output.headers()))
                .as_ptr()
        })
    })
}

/// Frees a response. NULL is ignored. Must not be called twice for the same response.
///
/// # Safety
///
/// `response` must be NULL or a live `CognitoResponse` that nothing uses now or later.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_response_free(response: *mut CognitoResponse) {
    ffi_boundary!({
        // SAFETY: guaranteed by this function's contract.
        unsafe { free(response) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr;

    fn alice() -> CognitoFeedbackRequest {
        CognitoFeedbackRequest {
            user_pool_id: c"us-east-1_PlusPool1".as_ptr(),
            username: c"alice".as_ptr(),
            event_id: c"evt-alice-1".as_ptr(),
            feedback_token: c"tok-alice-1.AbC=".as_ptr(),
            feedback_value: CognitoFeedbackValue::COGNITO_FEEDBACK_INVALID as u32,
        }
    }

    #[test]
    fn a_c_request_becomes_the_core_request() {
        let request = unsafe { to_request(&alice()) }.unwrap();
        assert_eq!(request.user_pool_id, "us-east-1_PlusPool1");
        assert_eq!(request.username, "alice");
        assert_eq!(request.event_id, "evt-alice-1");
        assert_eq!(request.feedback_token, "tok-alice-1.AbC=");
        assert_eq!(request.feedback_value, FeedbackValue::Invalid);
    }

    #[test]
    fn each_null_member_is_a_validation_error_naming_it() {
        type Break = fn(&mut CognitoFeedbackRequest);
        let cases: [(&str, Break); 4] = [
            ("UserPoolId", |r| r.user_pool_id = ptr::null()),
            ("Username", |r| r.username = ptr::null()),
            ("EventId", |r| r.event_id = ptr::null()),
            ("FeedbackToken", |r| r.feedback_token = ptr::null()),
        ];
        for (member, break_it) in cases {
            let mut request = alice();
            break_it(&mut request);
            let error = unsafe { to_request(&request) }.unwrap_err();
            assert_eq!(
                error.status(),
                CognitoStatus::COGNITO_VALIDATION_ERROR,
                "{member}"
            );
            assert_eq!(error.field_text(), Some(member));
        }
    }

    #[test]
    fn each_member_must_be_utf8() {
        let bad = c"\xc3\x28";
        type Replace = fn(&mut CognitoFeedbackRequest, *const c_char);
        let cases: [(&str, Replace); 4] = [
            ("UserPoolId", |r, p| r.user_pool_id = p),
            ("Username", |r, p| r.username = p),
            ("EventId", |r, p| r.event_id = p),
            ("FeedbackToken", |r, p| r.feedback_token = p),
        ];
        for (member, break_it) in cases {
            let mut request = alice();
            break_it(&mut request, bad.as_ptr());
            let error = unsafe { to_request(&request) }.unwrap_err();
            assert_eq!(
                error.status(),
                CognitoStatus::COGNITO_INVALID_ARGUMENT,
                "{member}"
            );
            assert_eq!(error.field_text(), Some(member));
        }
    }

    #[test]
    fn feedback_values_outside_the_enum_are_rejected() {
        for value in [0, 3, u32::MAX] {
            let request = CognitoFeedbackRequest {
                feedback_value: value,
                ..alice()
            };
            let error = unsafe { to_request(&request) }.unwrap_err();
            assert_eq!(error.status(), CognitoStatus::COGNITO_INVALID_ARGUMENT);
            assert_eq!(error.field_text(), Some("FeedbackValue"));
            assert!(error.message_text().contains("COGNITO_FEEDBACK_VALID (1)"));
        }
    }

    #[test]
    fn null_client_or_request_is_an_invalid_argument_with_only_an_error_out() {
        let mut response: *mut CognitoResponse = ptr::dangling_mut();
        let mut error: *mut CognitoError = ptr::null_mut();
        let request = alice();
        let status = unsafe {
            cognito_update_auth_event_feedback(
                ptr::null(),
                &request,
                ptr::null(),
                &mut response,
                &mut error,
            )
        };
        assert_eq!(status, CognitoStatus::COGNITO_INVALID_ARGUMENT);
        assert!(response.is_null(), "response_out is cleared on entry");
        let error = unsafe { Box::from_raw(error) };
        assert_eq!(error.field_text(), Some("client"));
    }

    #[test]
    fn response_getters() {
        let output = UpdateAuthEventFeedbackOutput {
            request_id: Some("req-9".into()),
            http_status: 200,
            content_length: 2,
            attempts: 1,
            headers: [
                ("x-amzn-requestid", "req-9"),
                ("content-type", "application/x-amz-json-1.1"),
            ]
            .into_iter()
            .map(|(n, v)| (n.parse().unwrap(), v.parse().unwrap()))
            .collect(),
        };
        let response = Box::into_raw(Box::new(CognitoResponse::of(output)));
        unsafe {
            let id = CStr::from_ptr(cognito_response_request_id(response));
            assert_eq!(id.to_str().unwrap(), "req-9");
            assert_eq!(cognito_response_http_status(response), 200);
            assert_eq!(cognito_response_content_length(response), 2);
            assert_eq!(cognito_response_attempts(response), 1);
            let headers = CStr::from_ptr(cognito_response_headers(response));
            assert_eq!(
                headers.to_str().unwrap(),
                "x-amzn-requestid: req-9\ncontent-type: application/x-amz-json-1.1\n"
            );
            cognito_response_free(response);
            assert!(cognito_response_headers(ptr::null()).is_null());
            assert!(cognito_response_request_id(ptr::null()).is_null());
            assert_eq!(cognito_response_http_status(ptr::null()), 0);
            assert_eq!(cognito_response_content_length(ptr::null()), 0);
            assert_eq!(cognito_response_attempts(ptr::null()), 0);
            cognito_response_free(ptr::null_mut());
        }
    }
}
