//! Every fault, set in-process and through the admin endpoints.

use std::time::{Duration, Instant};

use cognito_feedback_emulator::{Faults, ServerErrorBody};
use serde_json::json;

use crate::support::{
    Conn, PLUS_POOL, Reply, admin, alice_feedback, api_request, feedback, recorded, start,
    start_with,
};

fn list_alice(conn: &mut Conn) -> Reply {
    conn.call(
        "AdminListUserAuthEvents",
        &json!({"UserPoolId": PLUS_POOL, "Username": "alice"}),
    )
}

#[test]
fn throttling_answers_the_next_n_calls_with_retry_after_then_counts_out() {
    let emulator = start_with(Faults {
        throttle: 2,
        retry_after_ms: Some(1500),
        ..Faults::default()
    });
    let mut conn = Conn::open(&emulator.url());
    for left in [1, 0] {
        let reply = conn.call_alice("Valid");
        reply.assert_error(400, "TooManyRequestsException", "Rate exceeded");
        assert_eq!(reply.header("x-amz-retry-after"), Some("1500"));
        assert_eq!(emulator.faults().throttle, left);
        // The read-back is never faulted and does not use up a counter.
        assert_eq!(list_alice(&mut conn).status, 200);
    }
    assert!(
        emulator.feedback(PLUS_POOL, "evt-alice-1").is_none(),
        "throttled calls record nothing"
    );
    let reply = conn.call_alice("Valid");
    assert_eq!(
        (reply.status, reply.header("x-amz-retry-after")),
        (200, None)
    );
}

#[test]
fn retry_after_also_goes_with_scripted_throttling() {
    let emulator = start_with(Faults {
        retry_after_ms: Some(20),
        ..Faults::default()
    });
    let reply = Conn::open(&emulator.url()).call(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, "alice", "evt-too-many-requests", "t", "Valid"),
    );
    reply.assert_error(400, "TooManyRequestsException", "Rate exceeded");
    assert_eq!(reply.header("x-amz-retry-after"), Some("20"));
    let reply = Conn::open(&emulator.url()).call(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, "alice", "evt-internal-error", "t", "Valid"),
    );
    assert_eq!(reply.header("x-amz-retry-after"), None);
}

#[test]
fn server_errors_answer_json_or_html_with_the_chosen_status() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    emulator
        .set_faults(Faults {
            server_error: 1,
            server_error_status: 503,
            ..Faults::default()
        })
        .unwrap();
    conn.call_alice("Valid")
        .assert_error(503, "InternalErrorException", "Internal server error.");
    emulator
        .set_faults(Faults {
            server_error: 1,
            server_error_status: 502,
            server_error_body: ServerErrorBody::Html,
            ..Faults::default()
        })
        .unwrap();
    let reply = conn.call_alice("Valid");
    assert_eq!(
        (reply.status, reply.header("Content-Type")),
        (502, Some("text/html"))
    );
    assert!(
        reply
            .text()
            .starts_with("<html>\r\n<head><title>502 Bad Gateway</title></head>"),
        "{}",
        reply.text()
    );
    assert!(
        reply.header("x-amzn-RequestId").is_some() && reply.header("x-amzn-ErrorType").is_none()
    );
    assert!(emulator.feedback(PLUS_POOL, "evt-alice-1").is_none());
    assert_eq!(conn.call_alice("Valid").status, 200);
}

#[test]
fn counted_faults_apply_one_per_call_throttle_first() {
    let emulator = start_with(Faults {
        throttle: 1,
        server_error: 1,
        drop_mid_response: 1,
        ..Faults::default()
    });
    let url = emulator.url();
    let mut conn = Conn::open(&url);
    assert_eq!(conn.call_alice("Valid").status, 400);
    assert_eq!(conn.call_alice("Valid").status, 500);
    conn.send(&api_request(
        "UpdateAuthEventFeedback",
        &alice_feedback("Valid").to_string(),
    ));
    assert!(conn.read_reply().is_err(), "the third call is cut");
    assert_eq!(Conn::open(&url).call_alice("Valid").status, 200);
    assert_eq!(emulator.faults(), Faults::default());
}

#[test]
fn a_delay_holds_every_response() {
    let emulator = start_with(Faults {
        delay_ms: 300,
        ..Faults::default()
    });
    let mut conn = Conn::open(&emulator.url());
    for body in [alice_feedback("Valid"), json!({})] {
        let started = Instant::now();
        conn.call("UpdateAuthEventFeedback", &body);
        assert!(
            started.elapsed() >= Duration::from_millis(300),
            "answered after {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn the_read_back_is_never_delayed() {
    // Far longer than the client's patience: a delayed read-back would fail the call below.
    let emulator = start_with(Faults {
        delay_ms: 600_000,
        ..Faults::default()
    });
    assert_eq!(list_alice(&mut Conn::open(&emulator.url())).status, 200);
}

#[test]
fn drop_mid_response_sends_the_head_and_half_the_body_then_closes() {
    let emulator = start_with(Faults {
        drop_mid_response: 1,
        ..Faults::default()
    });
    let body = feedback(PLUS_POOL, "alice", "evt-alice-1", "wrong-token", "Valid").to_string();
    let mut conn = Conn::open(&emulator.url());
    conn.send(&api_request("UpdateAuthEventFeedback", &body));
    let text = String::from_utf8(conn.read_to_end()).unwrap();
    let (head, partial) = text.split_once("\r\n\r\n").expect("a whole head");
    let full = r#"{"__type":"NotAuthorizedException","message":"Invalid feedback token."}"#;
    assert!(head.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{head}");
    assert!(
        head.split("\r\n")
            .any(|line| line == format!("Content-Length: {}", full.len())),
        "{head}"
    );
    assert!(!head.contains("Connection: close"));
    assert_eq!(partial, &full[..full.len() / 2]);
    assert_eq!(emulator.faults().drop_mid_response, 0);
}

#[test]
fn a_cut_call_is_still_handled() {
    let emulator = start_with(Faults {
        drop_mid_response: 1,
        ..Faults::default()
    });
    let mut conn = Conn::open(&emulator.url());
    conn.send(&api_request(
        "UpdateAuthEventFeedback",
        &alice_feedback("Invalid").to_string(),
    ));
    assert!(conn.read_reply().is_err());
    assert_eq!(recorded(&emulator, "evt-alice-1").feedback_value, "Invalid");
}

#[test]
fn idle_keep_alive_connections_are_closed_after_the_timeout() {
    let emulator = start_with(Faults {
        idle_timeout_ms: Some(1000),
        ..Faults::default()
    });
    let mut conn = Conn::open(&emulator.url());
    assert_eq!(conn.call_alice("Valid").status, 200);
    assert!(
        !conn.closed_within(Duration::from_millis(200)),
        "closed before the timeout"
    );
    assert!(
        conn.closed_within(Duration::from_secs(5)),
        "still open long after the timeout"
    );
}

#[test]
fn close_after_response_closes_without_saying_so() {
    let emulator = start_with(Faults {
        close_after_response: true,
        ..Faults::default()
    });
    let mut conn = Conn::open(&emulator.url());
    let reply = conn.call_alice("Valid");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("Connection"), None);
    assert!(conn.closed_within(Duration::from_secs(5)));
}

#[test]
fn the_admin_endpoint_sets_reads_and_resets_faults() {
    let emulator = start();
    let url = emulator.url();
    let reply = admin(
        &url,
        "POST",
        "faults",
        r#"{"throttle": 1, "retry_after_ms": 250, "server_error_body": "html"}"#,
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let expected = json!({"throttle": 1, "retry_after_ms": 250, "server_error": 0, "server_error_status": 500,
        "server_error_body": "html", "delay_ms": 0, "drop_mid_response": 0, "idle_timeout_ms": null,
        "close_after_response": false});
    assert_eq!(reply.json(), expected);
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    // Admin requests are not faulted: the throttle is still waiting for an API call.
    assert_eq!(admin(&url, "GET", "faults", "").json(), expected);
    let throttled = Conn::open(&url).call_alice("Valid");
    assert_eq!(throttled.header("x-amz-retry-after"), Some("250"));
    assert_eq!(admin(&url, "GET", "faults", "").json()["throttle"], 0);
    assert_eq!(Conn::open(&url).call_alice("Valid").status, 200);
    let reset = admin(&url, "POST", "reset", "");
    assert_eq!((reset.status, reset.json()), (200, json!({})));
    assert_eq!(emulator.faults(), Faults::default());
    assert!(
        emulator.feedback(PLUS_POOL, "evt-alice-1").is_none() && emulator.requests().is_empty()
    );
}

#[test]
fn the_admin_endpoint_refuses_bad_settings_and_changes_nothing() {
    let emulator = start();
    let url = emulator.url();
    emulator
        .set_faults(Faults {
            delay_ms: 5,
            ..Faults::default()
        })
        .unwrap();
    let reply = admin(&url, "POST", "faults", r#"{"throttel": 1}"#);
    assert_eq!(reply.status, 400);
    assert!(
        reply.json()["error"]
            .as_str()
            .unwrap()
            .contains("unknown field `throttel`"),
        "{}",
        reply.text()
    );
    let reply = admin(
        &url,
        "POST",
        "faults",
        r#"{"server_error": 1, "server_error_status": 429}"#,
    );
    assert_eq!(
        (reply.status, reply.json()),
        (
            400,
            json!({"error": "server_error_status must be 500-599, not 429"})
        )
    );
    let reply = admin(&url, "POST", "faults", r#"{"server_error_body": "xml"}"#);
    assert_eq!(reply.status, 400);
    assert_eq!(
        emulator.faults(),
        Faults {
            delay_ms: 5,
            ..Faults::default()
        }
    );
    let reply = admin(&url, "DELETE", "faults", "");
    assert_eq!(
        (reply.status, reply.header("Allow")),
        (405, Some("GET, POST"))
    );
    assert_eq!(admin(&url, "GET", "reset", "").status, 405);
    assert_eq!(
        admin(&url, "GET", "nothing", "").json(),
        json!({"error": "no admin endpoint /__emulator/nothing"})
    );
}

#[test]
fn set_faults_refuses_out_of_range_settings() {
    let emulator = start();
    let error = emulator
        .set_faults(Faults {
            server_error_status: 200,
            ..Faults::default()
        })
        .unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
    assert_eq!(
        error.to_string(),
        "server_error_status must be 500-599, not 200"
    );
    assert!(
        emulator
            .set_faults(Faults {
                idle_timeout_ms: Some(0),
                ..Faults::default()
            })
            .is_err()
    );
    assert_eq!(emulator.faults(), Faults::default());
}
