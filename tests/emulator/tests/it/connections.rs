//! Connections: keep-alive, pipelining, closing, framing refusals, concurrency, prompt stop.

use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use cognito_feedback_emulator::Faults;
use serde_json::json;

use crate::support::{Conn, PLUS_POOL, alice_feedback, api_request, feedback, start};

#[test]
fn keep_alive_serves_several_requests_on_one_connection() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    for value in ["Valid", "Invalid", "Valid"] {
        let reply = conn.call_alice(value);
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("Connection"), None);
    }
    conn.call("UpdateAuthEventFeedback", &json!({}))
        .assert_error(400, "InvalidParameterException", &all_members_missing());
    assert_eq!(conn.call_alice("Invalid").status, 200);
    assert_eq!(emulator.requests().len(), 5);
}

fn all_members_missing() -> String {
    let clauses = [
        "userPoolId",
        "username",
        "eventId",
        "feedbackToken",
        "feedbackValue",
    ]
    .map(|label| {
        format!("Value null at '{label}' failed to satisfy constraint: Member must not be null")
    })
    .join("; ");
    format!("5 validation errors detected: {clauses}")
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let mut bytes = api_request(
        "UpdateAuthEventFeedback",
        &alice_feedback("Valid").to_string(),
    );
    bytes.extend(api_request(
        "AdminListUserAuthEvents",
        &json!({"UserPoolId": PLUS_POOL, "Username": "alice"}).to_string(),
    ));
    conn.send(&bytes);
    assert_eq!(conn.read_reply().unwrap().body, b"{}");
    let listed = conn.read_reply().unwrap().json();
    assert_eq!(
        listed["AuthEvents"][0]["EventFeedback"]["FeedbackValue"],
        "Valid"
    );
}

#[test]
fn a_client_that_asks_to_close_gets_connection_close() {
    let emulator = start();
    let body = alice_feedback("Valid").to_string();
    for (version, extra) in [("HTTP/1.1", "Connection: close\r\n"), ("HTTP/1.0", "")] {
        let mut conn = Conn::open(&emulator.url());
        let request = format!(
            "POST / {version}\r\n{extra}Content-Type: application/x-amz-json-1.1\r\n\
             X-Amz-Target: AWSCognitoIdentityProviderService.UpdateAuthEventFeedback\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        conn.send(request.as_bytes());
        let reply = conn.read_reply().unwrap();
        assert_eq!(
            (reply.status, reply.header("Connection")),
            (200, Some("close")),
            "{version}"
        );
        assert!(reply.head.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(conn.closed_within(Duration::from_secs(5)), "{version}");
    }
}

#[test]
fn bodies_without_a_content_length_are_refused_and_the_connection_closed() {
    let emulator = start();
    let cases = [
        (
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            411,
            "Transfer-Encoding is not supported",
        ),
        (
            "POST / HTTP/1.1\r\nHost: x\r\n\r\n",
            411,
            "a POST request needs a Content-Length header",
        ),
        (
            "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            400,
            "conflicting Content-Length headers",
        ),
        (
            "POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n",
            413,
            "the body is larger than",
        ),
        (
            "BREW / HTCPCP/1.0\r\n\r\n",
            505,
            "only HTTP/1.1 and HTTP/1.0 are served",
        ),
    ];
    for (request, status, message) in cases {
        let mut conn = Conn::open(&emulator.url());
        conn.send(request.as_bytes());
        let reply = conn.read_reply().unwrap();
        assert_eq!(reply.status, status, "{request:?}");
        assert!(
            reply.text().starts_with(message),
            "{request:?}: {}",
            reply.text()
        );
        assert_eq!(reply.header("Connection"), Some("close"));
        assert!(reply.header("x-amzn-RequestId").is_some());
        assert!(conn.closed_within(Duration::from_secs(5)), "{request:?}");
    }
    assert!(emulator.requests().is_empty());
}

#[test]
fn expect_continue_gets_an_interim_answer_before_the_body() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let body = alice_feedback("Valid").to_string();
    conn.send(
        format!(
            "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Type: application/x-amz-json-1.1\r\n\
             X-Amz-Target: AWSCognitoIdentityProviderService.UpdateAuthEventFeedback\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    let interim = conn.read_reply().unwrap();
    assert_eq!(
        (interim.status, interim.head.as_str()),
        (100, "HTTP/1.1 100 Continue\r\n\r\n")
    );
    conn.send(body.as_bytes());
    assert_eq!(conn.read_reply().unwrap().status, 200);
}

#[test]
fn concurrent_connections_are_served_independently() {
    let emulator = start();
    let url = emulator.url();
    let users = [
        ("alice", "evt-alice-1", "tok-alice-1.AbC="),
        ("alice", "evt-alice-2", "tok-alice-2.DeF="),
        ("Zoë", "evt-zoe-1", "tok-zoe-1.GhI="),
        ("山田太郎", "evt-taro-1", "tok-taro-1.JkL="),
        ("🦀crab", "evt-crab-1", "tok-crab-1.MnO="),
        ("nobody", "evt-alice-1", "tok-alice-1.AbC="),
    ];
    thread::scope(|scope| {
        for (user, event, token) in users {
            let url = &url;
            scope.spawn(move || {
                let mut conn = Conn::open(url);
                for _ in 0..5 {
                    let reply = conn.call(
                        "UpdateAuthEventFeedback",
                        &feedback(PLUS_POOL, user, event, token, "Valid"),
                    );
                    assert_eq!(
                        reply.status,
                        if user == "nobody" { 400 } else { 200 },
                        "{user}"
                    );
                }
            });
        }
    });
    assert_eq!(emulator.requests().len(), 30);
    for (_, event, _) in &users[..5] {
        assert!(emulator.feedback(PLUS_POOL, event).is_some(), "{event}");
    }
}

#[test]
fn the_handle_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<cognito_feedback_emulator::Emulator>();
    let emulator = start();
    thread::scope(|scope| {
        scope.spawn(|| {
            emulator
                .set_faults(Faults {
                    throttle: 1,
                    ..Faults::default()
                })
                .unwrap()
        });
    });
    assert_eq!(emulator.faults().throttle, 1);
}

#[test]
fn dropping_the_emulator_closes_every_connection_and_the_port_promptly() {
    let emulator = start();
    let url = emulator.url();
    let address = url.trim_start_matches("http://").to_owned();
    let mut idle = Conn::open(&url);
    assert_eq!(idle.call_alice("Valid").status, 200);
    let mut stalled = Conn::open(&url);
    stalled.send(&api_request(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, "alice", "evt-stall", "t", "Valid").to_string(),
    ));
    emulator
        .set_faults(Faults {
            delay_ms: 600_000,
            ..Faults::default()
        })
        .unwrap();
    let mut delayed = Conn::open(&url);
    delayed.send(&api_request(
        "UpdateAuthEventFeedback",
        &alice_feedback("Valid").to_string(),
    ));
    // Let the stalled and delayed requests reach their waits.
    let deadline = Instant::now() + Duration::from_secs(10);
    while emulator.requests().len() < 3 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(emulator.requests().len(), 3);
    // Drop on another thread, so that a drop that never returns fails the test instead of
    // hanging it.
    let (done, dropped) = std::sync::mpsc::channel();
    thread::spawn(move || {
        drop(emulator);
        let _ = done.send(());
    });
    assert!(
        dropped.recv_timeout(Duration::from_secs(2)).is_ok(),
        "drop did not return within 2 s"
    );
    for (name, conn) in [
        ("idle", &mut idle),
        ("stalled", &mut stalled),
        ("delayed", &mut delayed),
    ] {
        assert!(
            conn.closed_within(Duration::from_secs(1)),
            "{name} connection still open"
        );
    }
    // A process that another test forks at this moment holds a copy of the listening socket
    // until it execs, so the port may take a moment longer to refuse connections.
    let deadline = Instant::now() + Duration::from_secs(2);
    while TcpStream::connect(&address).is_ok() {
        assert!(
            Instant::now() < deadline,
            "the port still accepts connections"
        );
        thread::sleep(Duration::from_millis(10));
    }
}
