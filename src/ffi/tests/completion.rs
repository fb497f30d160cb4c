//! The completion API (`cognito_update_auth_event_feedback_async`) called from Rust exactly as
//! C calls it, against the in-process emulator: ownership of what the callback receives,
//! exactly one callback per accepted call and none for a rejected one, cancelling queued and
//! running calls, freeing the client with calls pending (also from inside a callback), and
//! many threads submitting at once.

use std::collections::HashSet;
use std::ffi::{CString, c_void};
use std::ptr;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::{self, ThreadId};
use std::time::Duration;

use super::c_api::*;
use super::{common, config_for, ok, text};

/// How long a test waits for an event that must come (a bound for a stuck test, not a speed
/// target).
const PATIENCE: Duration = Duration::from_secs(30);

/// A client for `url` running at most `max_concurrency` completion calls at once, one attempt
/// per call, no total deadline.
fn client_for(url: &str, max_concurrency: u32) -> *mut CognitoClient {
    let config = config_for(url);
    let mut client = ptr::null_mut();
    unsafe {
        ok(cognito_config_set_attempt_timeout_ms(config, 60_000));
        ok(cognito_config_set_max_concurrency(config, max_concurrency));
        ok(cognito_client_new(config, &mut client, ptr::null_mut()));
        cognito_config_free(config);
    }
    client
}

/// What a callback received, copied out of the objects it was given (which it frees).
#[derive(Debug)]
struct Outcome {
    call: usize,
    status: CognitoStatus,
    http_status: u16,
    error_attempts: Option<u32>,
    thread: ThreadId,
}

/// The user data of one call: which call it is and where its outcome goes.
struct Pending {
    call: usize,
    outcomes: Sender<Outcome>,
    /// A client to free from inside the callback.
    free_client: Option<usize>,
}

/// The callback: records the outcome, frees what it owns, and takes back its user data.
unsafe extern "C" fn on_complete(
    status: CognitoStatus,
    response: *mut CognitoResponse,
    error: *mut CognitoError,
    user_data: *mut c_void,
) {
    let pending = unsafe { Box::from_raw(user_data.cast::<Pending>()) };
    assert!(
        response.is_null() != error.is_null(),
        "exactly one of response and error"
    );
    let outcome = unsafe {
        Outcome {
            call: pending.call,
            status,
            http_status: cognito_response_http_status(response),
            error_attempts: (!error.is_null()).then(|| cognito_error_attempts(error)),
            thread: thread::current().id(),
        }
    };
    unsafe {
        assert_eq!(
            status == CognitoStatus::COGNITO_OK,
            !response.is_null(),
            "the status matches what was given"
        );
        if !error.is_null() {
            assert_eq!(cognito_error_status(error), status);
        }
        cognito_response_free(response);
        cognito_error_free(error);
        if let Some(client) = pending.free_client {
            cognito_client_free(client as *mut CognitoClient);
        }
    }
    pending.outcomes.send(outcome).unwrap();
}

/// The five members of a request, owned.
struct Request([CString; 4]);

impl Request {
    fn alice(event_id: &str) -> Request {
        Request(
            ["us-east-1_PlusPool1", "alice", event_id, "tok-alice-1.AbC="]
                .map(|s| CString::new(s).unwrap()),
        )
    }

    fn c(&self) -> CognitoFeedbackRequest {
        CognitoFeedbackRequest {
            user_pool_id: self.0[0].as_ptr(),
            username: self.0[1].as_ptr(),
            event_id: self.0[2].as_ptr(),
            feedback_token: self.0[3].as_ptr(),
            feedback_value: CognitoFeedbackValue::COGNITO_FEEDBACK_VALID as u32,
        }
    }
}

/// Submits call number `call` for `event_id`; its request is dropped before this returns (the
/// library must have copied it). Returns the status of the submission.
fn submit(
    client: *const CognitoClient,
    event_id: &str,
    cancel: *const CognitoCancelToken,
    call: usize,
    outcomes: &Sender<Outcome>,
) -> CognitoStatus {
    submit_pending(
        client,
        event_id,
        cancel,
        Pending {
            call,
            outcomes: outcomes.clone(),
            free_client: None,
        },
    )
}

fn submit_pending(
    client: *const CognitoClient,
    event_id: &str,
    cancel: *const CognitoCancelToken,
    pending: Pending,
) -> CognitoStatus {
    let request = Request::alice(event_id);
    let c = request.c();
    let user_data = Box::into_raw(Box::new(pending));
    let mut error = ptr::dangling_mut();
    let status = unsafe {
        cognito_update_auth_event_feedback_async(
            client,
            &c,
            cancel,
            Some(on_complete),
            user_data.cast(),
            &mut error,
        )
    };
    drop(request);
    if status == CognitoStatus::COGNITO_OK {
        assert!(error.is_null());
    } else {
        unsafe {
            assert_eq!(cognito_error_status(error), status);
            cognito_error_free(error);
            drop(Box::from_raw(user_data));
        }
    }
    status
}

fn next(outcomes: &Receiver<Outcome>) -> Outcome {
    outcomes.recv_timeout(PATIENCE).expect("a callback came")
}

fn new_token() -> *mut CognitoCancelToken {
    let mut token = ptr::null_mut();
    unsafe { ok(cognito_cancel_token_new(&mut token)) };
    token
}

/// Waits until the emulator has received `count` requests for `event_id`.
fn wait_for_requests(emulator: &cognito_feedback_emulator::Emulator, event_id: &str, count: usize) {
    let deadline = std::time::Instant::now() + PATIENCE;
    while requests_for(emulator, event_id) < count {
        assert!(
            std::time::Instant::now() < deadline,
            "no request for {event_id}"
        );
        thread::sleep(Duration::from_millis(5));
    }
}

fn requests_for(emulator: &cognito_feedback_emulator::Emulator, event_id: &str) -> usize {
    let needle = format!("\"EventId\":\"{event_id}\"");
    emulator
        .requests()
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains(&needle))
        .count()
}

#[test]
fn a_call_completes_once_on_a_library_thread_with_an_owned_response() {
    let emulator = common::emulator();
    let client = client_for(&emulator.url(), 4);
    let (sender, outcomes) = channel();
    ok(submit(client, "evt-alice-1", ptr::null(), 1, &sender));
    let outcome = next(&outcomes);
    assert_eq!(outcome.status, CognitoStatus::COGNITO_OK);
    assert_eq!(outcome.http_status, 200);
    assert_ne!(outcome.thread, thread::current().id());
    assert!(outcomes.recv_timeout(Duration::from_millis(200)).is_err());
    assert_eq!(
        emulator
            .feedback("us-east-1_PlusPool1", "evt-alice-1")
            .unwrap()
            .feedback_value,
        "Valid"
    );
    // A service error comes through the callback as an error object.
    ok(submit(
        client,
        "evt-invalid-parameter",
        ptr::null(),
        2,
        &sender,
    ));
    let outcome = next(&outcomes);
    assert_eq!(outcome.status, CognitoStatus::COGNITO_INVALID_PARAMETER);
    assert_eq!(outcome.error_attempts, Some(1));
    unsafe { cognito_client_free(client) };
}

/// Submits `request` on `client` with `callback`, each as given (NULL included), no cancel token
/// and no user data: the status, and the field its error (if any) names.
///
/// # Safety
///
/// `client` and `request` must each be NULL or live.
unsafe fn submit_raw(
    client: *const CognitoClient,
    request: *const CognitoFeedbackRequest,
    callback: CognitoCompletionCallback,
) -> (CognitoStatus, Option<String>) {
    let mut error = ptr::null_mut();
    unsafe {
        let status = cognito_update_auth_event_feedback_async(
            client,
            request,
            ptr::null(),
            callback,
            ptr::null_mut(),
            &mut error,
        );
        let field = text(cognito_error_field(error));
        cognito_error_free(error);
        (status, field)
    }
}

#[test]
fn a_rejected_call_returns_its_reason_and_never_calls_back() {
    let emulator = common::emulator();
    let client = client_for(&emulator.url(), 4);
    let (sender, outcomes) = channel();
    // The model's constraints are checked before the call is accepted.
    assert_eq!(
        submit(client, "evt with spaces", ptr::null(), 1, &sender),
        CognitoStatus::COGNITO_VALIDATION_ERROR
    );
    let request = Request::alice("evt-alice-1");
    let c = request.c();
    let mut bad = c;
    bad.feedback_value = 0;
    let callback: CognitoCompletionCallback = Some(on_complete);
    let refused = |field: &str| {
        (
            CognitoStatus::COGNITO_INVALID_ARGUMENT,
            Some(field.to_owned()),
        )
    };
    unsafe {
        assert_eq!(submit_raw(ptr::null(), &c, callback), refused("client"));
        assert_eq!(
            submit_raw(client, ptr::null(), callback),
            refused("request")
        );
        assert_eq!(submit_raw(client, &c, None), refused("callback"));
        assert_eq!(submit_raw(client, &bad, callback), refused("FeedbackValue"));
    }
    assert!(outcomes.recv_timeout(Duration::from_millis(200)).is_err());
    assert!(emulator.requests().is_empty(), "nothing was sent");
    unsafe { cognito_client_free(client) };
}

#[test]
fn a_cancelled_queued_call_completes_at_once_and_a_running_one_ends() {
    let emulator = common::emulator();
    let client = client_for(&emulator.url(), 1);
    let (sender, outcomes) = channel();
    let running = new_token();
    let queued = new_token();
    ok(submit(client, "evt-stall", running, 1, &sender));
    wait_for_requests(&emulator, "evt-stall", 1);
    ok(submit(client, "evt-queued-2", queued, 2, &sender));
    // The call's reference keeps the token alive: the caller's handle may go now.
    unsafe {
        ok(cognito_cancel_token_cancel(queued));
        cognito_cancel_token_free(queued);
    }
    // The only thread is stuck in call 1; call 2 completes anyway, without being sent.
    let outcome = next(&outcomes);
    assert_eq!(
        (outcome.call, outcome.status),
        (2, CognitoStatus::COGNITO_CANCELLED)
    );
    assert_eq!(outcome.error_attempts, Some(0));
    assert_eq!(requests_for(&emulator, "evt-queued-2"), 0);
    unsafe { ok(cognito_cancel_token_cancel(running)) };
    let outcome = next(&outcomes);
    assert_eq!(
        (outcome.call, outcome.status),
        (1, CognitoStatus::COGNITO_CANCELLED)
    );
    assert_eq!(outcome.error_attempts, Some(1));
    // A call submitted with a token already cancelled completes as cancelled, unsent.
    ok(submit(client, "evt-late-3", running, 3, &sender));
    let outcome = next(&outcomes);
    assert_eq!(
        (outcome.call, outcome.status),
        (3, CognitoStatus::COGNITO_CANCELLED)
    );
    assert_eq!(requests_for(&emulator, "evt-late-3"), 0);
    unsafe {
        cognito_cancel_token_free(running);
        cognito_client_free(client);
    }
}

#[test]
fn freeing_the_client_cancels_queued_calls_and_lets_running_ones_end() {
    let emulator = common::emulator();
    let client = client_for(&emulator.url(), 1);
    let (sender, outcomes) = channel();
    let token = new_token();
    ok(submit(client, "evt-stall", token, 1, &sender));
    wait_for_requests(&emulator, "evt-stall", 1);
    for call in 2..=4 {
        ok(submit(
            client,
            &format!("evt-queued-{call}"),
            ptr::null(),
            call,
            &sender,
        ));
    }
    unsafe { cognito_client_free(client) };
    let mut cancelled: Vec<usize> = (0..3)
        .map(|_| next(&outcomes))
        .map(|o| {
            assert_eq!(o.status, CognitoStatus::COGNITO_CANCELLED);
            o.call
        })
        .collect();
    cancelled.sort();
    assert_eq!(cancelled, [2, 3, 4]);
    // The running call still uses the client's connection: it ends by its own outcome.
    unsafe { ok(cognito_cancel_token_cancel(token)) };
    let outcome = next(&outcomes);
    assert_eq!(
        (outcome.call, outcome.status),
        (1, CognitoStatus::COGNITO_CANCELLED)
    );
    assert_eq!(outcome.error_attempts, Some(1));
    assert!(outcomes.recv_timeout(Duration::from_millis(200)).is_err());
    unsafe { cognito_cancel_token_free(token) };
}

#[test]
fn a_callback_may_free_the_client_with_calls_still_queued() {
    let emulator = common::emulator();
    let client = client_for(&emulator.url(), 1);
    let (sender, outcomes) = channel();
    let freeing = Pending {
        call: 1,
        outcomes: sender.clone(),
        free_client: Some(client as usize),
    };
    // Call 1 is slow enough that calls 2 and 3 are queued when its callback frees the client.
    let token = new_token();
    ok(submit_pending(client, "evt-stall", token, freeing));
    wait_for_requests(&emulator, "evt-stall", 1);
    ok(submit(client, "evt-queued-2", ptr::null(), 2, &sender));
    ok(submit(client, "evt-queued-3", ptr::null(), 3, &sender));
    unsafe { ok(cognito_cancel_token_cancel(token)) };
    let mut seen: Vec<(usize, CognitoStatus)> = (0..3)
        .map(|_| next(&outcomes))
        .map(|o| (o.call, o.status))
        .collect();
    seen.sort_by_key(|(call, _)| *call);
    assert_eq!(
        seen,
        [
            (1, CognitoStatus::COGNITO_CANCELLED),
            (2, CognitoStatus::COGNITO_CANCELLED),
            (3, CognitoStatus::COGNITO_CANCELLED)
        ]
    );
    assert_eq!(requests_for(&emulator, "evt-queued-2"), 0);
    unsafe { cognito_cancel_token_free(token) };
}

#[test]
fn many_threads_submit_and_every_call_completes_exactly_once() {
    const THREADS: usize = 8;
    const CALLS: usize = 25;
    const MAX: u32 = 4;
    let emulator = common::emulator();
    let client = client_for(&emulator.url(), MAX) as usize;
    let (sender, outcomes) = channel();
    let submitters: Vec<_> = (0..THREADS)
        .map(|t| {
            let sender = sender.clone();
            thread::spawn(move || {
                for c in 0..CALLS {
                    let call = t * CALLS + c;
                    ok(submit(
                        client as *const CognitoClient,
                        "evt-alice-1",
                        ptr::null(),
                        call,
                        &sender,
                    ));
                }
            })
        })
        .collect();
    for submitter in submitters {
        submitter.join().unwrap();
    }
    let mut calls = HashSet::new();
    let mut threads = HashSet::new();
    for _ in 0..THREADS * CALLS {
        let outcome = next(&outcomes);
        assert_eq!(outcome.status, CognitoStatus::COGNITO_OK, "{outcome:?}");
        assert!(calls.insert(outcome.call), "call {} twice", outcome.call);
        threads.insert(outcome.thread);
    }
    assert!(outcomes.recv_timeout(Duration::from_millis(200)).is_err());
    assert!(threads.len() <= MAX as usize, "{} threads", threads.len());
    assert_eq!(emulator.requests().len(), THREADS * CALLS);
    unsafe { cognito_client_free(client as *mut CognitoClient) };
}

#[test]
fn a_zero_max_concurrency_is_a_config_error() {
    let mut config = ptr::null_mut();
    let mut client = ptr::dangling_mut();
    let mut error = ptr::null_mut();
    unsafe {
        ok(cognito_config_new(&mut config));
        ok(cognito_config_set_ignore_environment(config, true));
        ok(cognito_config_set_region(config, c"us-east-1".as_ptr()));
        ok(cognito_config_set_max_concurrency(config, 0));
        let status = cognito_client_new(config, &mut client, &mut error);
        assert_eq!(status, CognitoStatus::COGNITO_CONFIG_ERROR);
        assert!(client.is_null());
        assert!(
            text(cognito_error_message(error))
                .unwrap()
                .contains("max_concurrency")
        );
        cognito_error_free(error);
        cognito_config_free(config);
    }
}
