//! The C ABI end to end, called from Rust exactly as C calls it, against the in-process
//! emulator: outcomes, error objects, cancellation and the log callback.

use std::ffi::{CString, c_char, c_void};
use std::ptr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::c_api::*;
use super::{common, config_for, ok, text};

/// Builds a client from `config` (and frees the config); it must succeed. The caller frees
/// the client.
#[track_caller]
fn client_from(config: *mut CognitoConfig) -> *mut CognitoClient {
    let mut client = ptr::null_mut();
    let mut error = ptr::null_mut();
    let status = unsafe { cognito_client_new(config, &mut client, &mut error) };
    assert_eq!(
        status,
        CognitoStatus::COGNITO_OK,
        "{:?}",
        text(unsafe { cognito_error_message(error) })
    );
    assert!(error.is_null());
    unsafe { cognito_config_free(config) };
    client
}

/// Builds a client from `config` (and frees the config); it must fail with
/// `COGNITO_CONFIG_ERROR` and no client, and this is its error, for the caller to free.
#[track_caller]
fn config_error_from(config: *mut CognitoConfig) -> *mut CognitoError {
    let mut client = ptr::dangling_mut();
    let mut error = ptr::null_mut();
    let status = unsafe { cognito_client_new(config, &mut client, &mut error) };
    unsafe { cognito_config_free(config) };
    assert_eq!(
        status,
        CognitoStatus::COGNITO_CONFIG_ERROR,
        "{:?}",
        text(unsafe { cognito_error_message(error) })
    );
    assert!(client.is_null());
    error
}

struct Request {
    strings: [CString; 4],
    value: CognitoFeedbackValue,
}

impl Request {
    fn alice(event_id: &str) -> Request {
        Request {
            strings: ["us-east-1_PlusPool1", "alice", event_id, "tok-alice-1.AbC="]
                .map(|s| CString::new(s).unwrap()),
            value: CognitoFeedbackValue::COGNITO_FEEDBACK_INVALID,
        }
    }

    fn c(&self) -> CognitoFeedbackRequest {
        CognitoFeedbackRequest {
            user_pool_id: self.strings[0].as_ptr(),
            username: self.strings[1].as_ptr(),
            event_id: self.strings[2].as_ptr(),
            feedback_token: self.strings[3].as_ptr(),
            feedback_value: self.value as u32,
        }
    }
}

/// Calls and returns the status with exactly one of response / error.
fn call(
    client: *const CognitoClient,
    request: &Request,
    cancel: *const CognitoCancelToken,
) -> (CognitoStatus, *mut CognitoResponse, *mut CognitoError) {
    let mut response = ptr::dangling_mut();
    let mut error = ptr::dangling_mut();
    let c = request.c();
    let status = unsafe {
        cognito_update_auth_event_feedback(client, &c, cancel, &mut response, &mut error)
    };
    assert_ne!(
        response.is_null(),
        error.is_null(),
        "exactly one out-parameter is set"
    );
    (status, response, error)
}

#[test]
fn a_successful_call_is_recorded_and_described() {
    let emulator = common::emulator();
    let client = client_from(config_for(&emulator.url()));
    assert_eq!(
        text(unsafe { cognito_client_endpoint(client) }).unwrap(),
        emulator.url()
    );
    let (status, response, _) = call(client, &Request::alice("evt-alice-1"), ptr::null());
    assert_eq!(status, CognitoStatus::COGNITO_OK);
    unsafe {
        assert_eq!(cognito_response_http_status(response), 200);
        assert_eq!(cognito_response_content_length(response), 2);
        assert_eq!(cognito_response_attempts(response), 1);
        assert!(
            !text(cognito_response_request_id(response))
                .unwrap()
                .is_empty()
        );
        cognito_response_free(response);
        cognito_client_free(client);
    }
    let recorded = emulator
        .feedback("us-east-1_PlusPool1", "evt-alice-1")
        .expect("recorded");
    assert_eq!(recorded.username, "alice");
    assert_eq!(recorded.feedback_value, "Invalid");
}

#[test]
fn service_errors_keep_code_message_reason_and_request_id() {
    let emulator = common::emulator();
    let client = client_from(config_for(&emulator.url()));
    let (status, _, error) = call(
        client,
        &Request::alice("evt-invalid-parameter"),
        ptr::null(),
    );
    assert_eq!(status, CognitoStatus::COGNITO_INVALID_PARAMETER);
    unsafe {
        let said = [
            cognito_error_code(error),
            cognito_error_message(error),
            cognito_error_reason_code(error),
        ]
        .map(|field| text(field).unwrap());
        let expected = [
            "InvalidParameterException",
            "Feedback for this event cannot be updated.",
            "INVALID_FEEDBACK_STATE",
        ];
        assert_eq!(said, expected);
        assert_eq!(cognito_error_status(error), status);
        assert!(!text(cognito_error_request_id(error)).unwrap().is_empty());
        assert_eq!(cognito_error_http_status(error), 400);
        assert_eq!(cognito_error_attempts(error), 1);
        cognito_error_free(error);
    }
    let (status, _, error) = call(client, &Request::alice("evt-unknown-code"), ptr::null());
    assert_eq!(status, CognitoStatus::COGNITO_UNKNOWN_SERVICE_ERROR);
    unsafe {
        assert_eq!(
            text(cognito_error_code(error)).unwrap(),
            "FeedbackGremlinException"
        );
        cognito_error_free(error);
        cognito_client_free(client);
    }
}

#[test]
fn the_core_validation_names_the_member_and_sends_nothing() {
    let emulator = common::emulator();
    let client = client_from(config_for(&emulator.url()));
    let mut request = Request::alice("evt alice 1");
    request.value = CognitoFeedbackValue::COGNITO_FEEDBACK_VALID;
    let (status, _, error) = call(client, &request, ptr::null());
    assert_eq!(status, CognitoStatus::COGNITO_VALIDATION_ERROR);
    unsafe {
        assert_eq!(text(cognito_error_field(error)).unwrap(), "EventId");
        assert_eq!(cognito_error_attempts(error), 0);
        cognito_error_free(error);
        cognito_client_free(client);
    }
    assert!(emulator.requests().is_empty());
}

#[test]
fn an_unusable_config_is_a_config_error() {
    // FIPS with an endpoint override cannot work.
    let config = config_for("http://127.0.0.1:9");
    unsafe { ok(cognito_config_set_use_fips(config, true)) };
    let error = config_error_from(config);
    unsafe {
        assert_eq!(
            cognito_error_status(error),
            CognitoStatus::COGNITO_CONFIG_ERROR
        );
        assert!(text(cognito_error_code(error)).is_none());
        cognito_error_free(error);
    }
}

#[test]
fn cancel_from_another_thread_ends_a_stalled_call() {
    let emulator = std::sync::Arc::new(common::emulator());
    let config = config_for(&emulator.url());
    unsafe {
        ok(cognito_config_set_attempt_timeout_ms(config, 60_000));
        ok(cognito_config_set_total_timeout_ms(config, 60_000));
    }
    let client = client_from(config);
    let mut token = ptr::null_mut();
    unsafe { ok(cognito_cancel_token_new(&mut token)) };
    let address = token as usize;
    let stalling = emulator.clone();
    let canceller = std::thread::spawn(move || {
        // Once the emulator has the request (and stalls).
        common::wait_until("the request", || !stalling.requests().is_empty());
        let at = Instant::now();
        let status = unsafe { cognito_cancel_token_cancel(address as *const CognitoCancelToken) };
        (status, at)
    });
    let (status, _, error) = call(client, &Request::alice("evt-stall"), token);
    let returned = Instant::now();
    let (cancel_status, cancelled_at) = canceller.join().unwrap();
    assert_eq!(cancel_status, CognitoStatus::COGNITO_OK);
    assert_eq!(status, CognitoStatus::COGNITO_CANCELLED);
    // Ended by the cancel, well within the 60 s timeouts.
    let latency = returned.saturating_duration_since(cancelled_at);
    assert!(
        latency < Duration::from_millis(50) + common::LATE,
        "{latency:?}"
    );
    unsafe {
        assert!(cognito_cancel_token_is_cancelled(token));
        assert_eq!(cognito_error_attempts(error), 1);
        cognito_error_free(error);
        // A cancelled token stops later calls before they send anything.
        let before = emulator.requests().len();
        let (status, _, error) = call(client, &Request::alice("evt-alice-2"), token);
        assert_eq!(status, CognitoStatus::COGNITO_CANCELLED);
        assert_eq!(cognito_error_attempts(error), 0);
        assert_eq!(emulator.requests().len(), before);
        cognito_error_free(error);
        cognito_cancel_token_free(token);
        cognito_client_free(client);
    }
}

unsafe extern "C" fn record(user_data: *mut c_void, level: u32, message: *const c_char) {
    let lines = unsafe { &*(user_data as *const Mutex<Vec<(u32, String)>>) };
    lines.lock().unwrap().push((level, text(message).unwrap()));
}

#[test]
fn the_log_callback_gets_user_data_levels_and_no_secrets() {
    let emulator = common::emulator();
    let lines: Mutex<Vec<(u32, String)>> = Mutex::new(Vec::new());
    let config = config_for(&emulator.url());
    unsafe {
        ok(cognito_config_set_log_callback(
            config,
            Some(record),
            &lines as *const _ as *mut c_void,
        ));
    }
    let client = client_from(config);
    let (status, response, _) = call(client, &Request::alice("evt-alice-1"), ptr::null());
    assert_eq!(status, CognitoStatus::COGNITO_OK);
    let (status, _, error) = call(client, &Request::alice("evt-user-not-found"), ptr::null());
    assert_eq!(status, CognitoStatus::COGNITO_USER_NOT_FOUND);
    unsafe {
        cognito_response_free(response);
        cognito_error_free(error);
        cognito_client_free(client);
    }
    let lines = lines.into_inner().unwrap();
    assert!(!lines.is_empty());
    for (level, message) in &lines {
        assert!((1..=5).contains(level), "level {level}: {message}");
        assert!(
            !message.contains("alice") && !message.contains("tok-alice"),
            "{message}"
        );
    }
}

#[test]
fn the_largest_timeouts_are_accepted_and_zero_is_a_config_error() {
    let emulator = common::emulator();
    let config = config_for(&emulator.url());
    unsafe {
        ok(cognito_config_set_connect_timeout_ms(config, u64::MAX));
        ok(cognito_config_set_attempt_timeout_ms(config, u64::MAX));
        ok(cognito_config_set_total_timeout_ms(config, u64::MAX));
    }
    let client = client_from(config);
    let (status, response, error) = call(client, &Request::alice("evt-alice-1"), ptr::null());
    assert_eq!(
        status,
        CognitoStatus::COGNITO_OK,
        "{:?}",
        text(unsafe { cognito_error_message(error) })
    );
    unsafe {
        cognito_response_free(response);
        cognito_client_free(client);
    }

    type Setter = unsafe extern "C" fn(*mut CognitoConfig, u64) -> CognitoStatus;
    let setters: [(Setter, &str); 3] = [
        (cognito_config_set_connect_timeout_ms, "connect_timeout"),
        (cognito_config_set_attempt_timeout_ms, "attempt_timeout"),
        (cognito_config_set_total_timeout_ms, "total_timeout"),
    ];
    for (set, name) in setters {
        let config = config_for(&emulator.url());
        unsafe { ok(set(config, 0)) };
        let error = config_error_from(config);
        unsafe {
            assert!(text(cognito_error_message(error)).unwrap().contains(name));
            cognito_error_free(error);
        }
    }
}
