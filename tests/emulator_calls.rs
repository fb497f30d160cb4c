//! Calls against the Cognito emulator: success and the feedback it recorded, the exact wire
//! format, every modeled error, validation, and the emulator's faults.

mod common;

use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use cognito_feedback::{
    CancelToken, Client, ErrorKind, FeedbackValue, ServiceErrorCode, UpdateAuthEventFeedbackRequest,
};
use cognito_feedback_emulator::{Faults, ServerErrorBody};
use common::{LATE, alice_ok, config_for, emulator, wait_until};

fn request(pool: &str, user: &str, event: &str, token: &str) -> UpdateAuthEventFeedbackRequest {
    UpdateAuthEventFeedbackRequest {
        user_pool_id: pool.into(),
        username: user.into(),
        event_id: event.into(),
        feedback_token: token.into(),
        feedback_value: FeedbackValue::Invalid,
    }
}

/// A request for a scripted EventId (its answer does not depend on the other members).
fn scripted(event: &str) -> UpdateAuthEventFeedbackRequest {
    request("us-east-1_PlusPool1", "alice", event, "tok-any")
}

#[test]
fn client_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Client>();
    assert_send_sync::<CancelToken>();
}

#[test]
fn feedback_is_recorded() {
    let emulator = emulator();
    let client = Client::new(config_for(&emulator.url())).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.http_status(), 200);
    assert_eq!(output.attempts(), 1);
    assert!(output.request_id().is_some_and(|id| !id.is_empty()));
    assert_eq!(output.content_length(), 2, "the emulator answers {{}}");
    let headers: Vec<(String, String)> = output
        .headers()
        .map(|(name, value)| (name.to_owned(), value.into_owned()))
        .collect();
    assert!(
        headers.contains(&(
            "x-amzn-requestid".to_owned(),
            output.request_id().unwrap().to_owned()
        )),
        "every header comes through, names lowercase: {headers:?}"
    );
    assert!(headers.contains(&("content-length".to_owned(), "2".to_owned())));
    let feedback = emulator
        .feedback("us-east-1_PlusPool1", "evt-alice-1")
        .unwrap();
    assert_eq!(feedback.feedback_value, "Valid");
    assert_eq!(feedback.username, "alice");

    let zoe = request("us-east-1_PlusPool1", "Zoë", "evt-zoe-1", "tok-zoe-1.GhI=");
    client.update_auth_event_feedback(&zoe, None).unwrap();
    assert_eq!(
        emulator
            .feedback("us-east-1_PlusPool1", "evt-zoe-1")
            .unwrap()
            .feedback_value,
        "Invalid"
    );
}

#[test]
fn the_wire_bytes_are_the_sdks() {
    let emulator = emulator();
    let client = Client::new(config_for(&emulator.url()).app_id("shop checkout")).unwrap();
    alice_ok(&client);
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.path, "/");
    let body = br#"{"UserPoolId":"us-east-1_PlusPool1","Username":"alice","EventId":"evt-alice-1","FeedbackToken":"tok-alice-1.AbC=","FeedbackValue":"Valid"}"#;
    assert_eq!(sent.body, body);
    let names: Vec<String> = sent
        .headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    assert_eq!(
        names,
        [
            "content-length",
            "host",
            "content-type",
            "x-amz-target",
            "user-agent",
            "x-amz-user-agent",
            "amz-sdk-invocation-id",
            "amz-sdk-request",
        ],
        "no other header is sent (no Accept, no Authorization)"
    );
    let host = emulator.url().trim_start_matches("http://").to_owned();
    assert_eq!(
        sent.header("content-length"),
        Some(body.len().to_string().as_str())
    );
    assert_eq!(sent.header("host"), Some(host.as_str()));
    assert_eq!(
        sent.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(
        sent.header("x-amz-target"),
        Some("AWSCognitoIdentityProviderService.UpdateAuthEventFeedback")
    );
    let ua = format!(
        "cognito-feedback/{} ua/2.1 os/{} md/arch#{} lang/rust app/shop-checkout",
        cognito_feedback::VERSION,
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    assert_eq!(sent.header("user-agent"), Some(ua.as_str()));
    assert_eq!(sent.header("x-amz-user-agent"), Some(ua.as_str()));
    let id = sent.header("amz-sdk-invocation-id").unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "4", "a version 4 UUID: {id}");
    assert_eq!(sent.header("amz-sdk-request"), Some("attempt=1; max=3"));
}

#[test]
fn every_scripted_error_comes_through() {
    let emulator = emulator();
    let client = Client::new(config_for(&emulator.url())).unwrap();
    let cases = [
        (
            "evt-invalid-parameter",
            400,
            "InvalidParameterException",
            Some(ServiceErrorCode::InvalidParameter),
            1,
        ),
        (
            "evt-resource-not-found",
            400,
            "ResourceNotFoundException",
            Some(ServiceErrorCode::ResourceNotFound),
            1,
        ),
        (
            "evt-not-authorized",
            400,
            "NotAuthorizedException",
            Some(ServiceErrorCode::NotAuthorized),
            1,
        ),
        (
            "evt-user-not-found",
            400,
            "UserNotFoundException",
            Some(ServiceErrorCode::UserNotFound),
            1,
        ),
        (
            "evt-add-on-not-enabled",
            400,
            "UserPoolAddOnNotEnabledException",
            Some(ServiceErrorCode::UserPoolAddOnNotEnabled),
            1,
        ),
        (
            "evt-operation-not-enabled",
            400,
            "OperationNotEnabledException",
            Some(ServiceErrorCode::OperationNotEnabled),
            1,
        ),
        (
            "evt-unknown-code",
            400,
            "FeedbackGremlinException",
            Some(ServiceErrorCode::Unknown),
            1,
        ),
        // Retried: throttling and the service's fault.
        (
            "evt-too-many-requests",
            400,
            "TooManyRequestsException",
            Some(ServiceErrorCode::TooManyRequests),
            3,
        ),
        (
            "evt-internal-error",
            500,
            "InternalErrorException",
            Some(ServiceErrorCode::InternalError),
            3,
        ),
    ];
    for (event, status, code, modeled, attempts) in cases {
        let error = client
            .update_auth_event_feedback(&scripted(event), None)
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Service, "{event}: {error}");
        assert_eq!(error.code(), Some(code), "{event}");
        assert_eq!(error.service_error(), modeled, "{event}");
        assert_eq!(error.http_status(), Some(status), "{event}");
        assert!(error.request_id().is_some(), "{event}");
        assert!(
            error
                .headers()
                .any(|(name, value)| name == "x-amzn-requestid"
                    && Some(&*value) == error.request_id()),
            "{event}: the error response's headers come through"
        );
        assert!(!error.message().is_empty(), "{event}");
        assert_eq!(error.attempts(), attempts, "{event}");
    }
    let error = client
        .update_auth_event_feedback(&scripted("evt-invalid-parameter"), None)
        .unwrap_err();
    assert_eq!(error.reason_code(), Some("INVALID_FEEDBACK_STATE"));
    assert_eq!(
        error.message(),
        "Feedback for this event cannot be updated."
    );
}

#[test]
fn errors_from_the_emulators_state() {
    let emulator = emulator();
    let client = Client::new(config_for(&emulator.url())).unwrap();
    let cases = [
        (
            request(
                "us-east-1_Gone0",
                "alice",
                "evt-alice-1",
                "tok-alice-1.AbC=",
            ),
            "ResourceNotFoundException",
        ),
        (
            request(
                "us-east-1_PlusPool1",
                "mallory",
                "evt-alice-1",
                "tok-alice-1.AbC=",
            ),
            "UserNotFoundException",
        ),
        (
            request("us-east-1_PlusPool1", "alice", "evt-alice-1", "tok-wrong"),
            "NotAuthorizedException",
        ),
        (
            request(
                "us-east-1_PlusPool1",
                "carol",
                "evt-carol-expired",
                "tok-carol-old.PqR=",
            ),
            "NotAuthorizedException",
        ),
        (
            request("us-east-1_EssPool2", "bob", "evt-bob-1", "tok-bob-1.StU="),
            "UserPoolAddOnNotEnabledException",
        ),
    ];
    for (request, code) in cases {
        let error = client
            .update_auth_event_feedback(&request, None)
            .unwrap_err();
        assert_eq!(error.code(), Some(code), "{request:?}: {error}");
        assert_eq!(error.attempts(), 1);
        assert_eq!(error.http_status(), Some(400));
    }
    assert!(
        emulator
            .feedback("us-east-1_PlusPool1", "evt-alice-1")
            .is_none()
    );
}

#[test]
fn invalid_input_sends_nothing() {
    let emulator = emulator();
    let client = Client::new(config_for(&emulator.url())).unwrap();
    let cases = [
        (request("", "alice", "evt-alice-1", "t"), "UserPoolId"),
        (
            request("no-underscore", "alice", "evt-alice-1", "t"),
            "UserPoolId",
        ),
        (
            request("us-east-1_PlusPool1", "", "evt-alice-1", "t"),
            "Username",
        ),
        (
            request("us-east-1_PlusPool1", "alice", "evt alice", "t"),
            "EventId",
        ),
        (
            request("us-east-1_PlusPool1", "alice", "evt-alice-1", "tok en"),
            "FeedbackToken",
        ),
    ];
    for (request, field) in cases {
        let error = client
            .update_auth_event_feedback(&request, None)
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Validation, "{field}");
        assert_eq!(error.field(), Some(field));
        assert_eq!(error.attempts(), 0);
    }
    assert_eq!(emulator.requests().len(), 0, "the server saw nothing");
}

#[test]
fn a_stalled_call_is_cancelled() {
    let emulator = Arc::new(emulator());
    let client = Client::new(config_for(&emulator.url())).unwrap();
    let token = CancelToken::new();
    let canceller = token.clone();
    let stalling = emulator.clone();
    let handle = thread::spawn(move || {
        // Once the emulator has the request (and stalls).
        wait_until("the request", || !stalling.requests().is_empty());
        let at = Instant::now();
        canceller.cancel();
        at
    });
    let error = client
        .update_auth_event_feedback(&scripted("evt-stall"), Some(&token))
        .unwrap_err();
    let latency = Instant::now().saturating_duration_since(handle.join().unwrap());
    assert_eq!(error.kind(), ErrorKind::Cancelled);
    // The library's promise is 50 ms; LATE allows for the scheduler of a loaded machine.
    assert!(
        latency <= Duration::from_millis(50) + LATE,
        "cancel took {latency:?}"
    );
    assert_eq!(emulator.requests().len(), 1);
}

#[test]
fn a_stalled_call_ends_at_the_total_timeout() {
    let emulator = emulator();
    let client =
        Client::new(config_for(&emulator.url()).total_timeout(Duration::from_millis(250))).unwrap();
    let started = Instant::now();
    let error = client
        .update_auth_event_feedback(&scripted("evt-stall"), None)
        .unwrap_err();
    common::assert_within(started.elapsed(), Duration::from_millis(250), LATE);
    assert_eq!(error.kind(), ErrorKind::Timeout);
}

#[test]
fn the_emulators_faults_are_survived() {
    let emulator = emulator();
    let client = Client::new(config_for(&emulator.url())).unwrap();
    let faults = [
        Faults {
            throttle: 1,
            retry_after_ms: Some(100),
            ..Faults::default()
        },
        Faults {
            server_error: 2,
            server_error_status: 503,
            server_error_body: ServerErrorBody::Html,
            ..Faults::default()
        },
        Faults {
            server_error: 1,
            ..Faults::default()
        },
    ];
    let attempts = [2, 3, 2];
    for (fault, attempts) in faults.into_iter().zip(attempts) {
        emulator.set_faults(fault.clone()).unwrap();
        let output = alice_ok(&client);
        assert_eq!(output.attempts(), attempts, "{fault:?}");
    }
}

#[test]
fn a_200_cut_short_is_reported_once_and_the_feedback_was_recorded() {
    let emulator = emulator();
    emulator
        .set_faults(Faults {
            drop_mid_response: 1,
            ..Faults::default()
        })
        .unwrap();
    let client = Client::new(config_for(&emulator.url())).unwrap();
    let error = common::alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(200));
    assert!(error.request_id().is_some(), "{error}");
    assert!(
        error
            .message()
            .contains("the feedback was probably recorded"),
        "{error}"
    );
    assert_eq!(error.attempts(), 1);
    assert_eq!(emulator.requests().len(), 1, "not retried");
    assert!(
        emulator
            .feedback("us-east-1_PlusPool1", "evt-alice-1")
            .is_some(),
        "the service did record it"
    );
}

#[test]
fn connections_the_emulator_closes_are_not_a_problem() {
    let emulator = emulator();
    emulator
        .set_faults(Faults {
            close_after_response: true,
            ..Faults::default()
        })
        .unwrap();
    let client = Client::new(config_for(&emulator.url())).unwrap();
    for _ in 0..3 {
        // The close may reach the client before its next call (the pool drops the
        // connection) or after it (the call meets a stale connection and retries).
        let attempts = alice_ok(&client).attempts();
        assert!((1..=2).contains(&attempts), "{attempts} attempts");
    }
    emulator
        .set_faults(Faults {
            idle_timeout_ms: Some(500),
            ..Faults::default()
        })
        .unwrap();
    alice_ok(&client);
    // The emulator closes a connection idle for 500 ms (long enough that a loaded machine's
    // client sends its request on a fresh connection before that). One opened now and left
    // idle is closed after the client's, which has been idle longer: once it is, so is the
    // client's.
    let mut idle =
        std::net::TcpStream::connect(emulator.url().trim_start_matches("http://")).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    assert_eq!(std::io::Read::read(&mut idle, &mut [0u8; 1]).unwrap(), 0);
    assert_eq!(alice_ok(&client).attempts(), 1);
}

#[test]
fn one_client_serves_many_threads() {
    let emulator = emulator();
    let client = Arc::new(Client::new(config_for(&emulator.url())).unwrap());
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            thread::spawn(move || {
                for _ in 0..5 {
                    alice_ok(&client);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    assert_eq!(emulator.requests().len(), 40);
}
