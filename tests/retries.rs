//! The attempt loop: what is retried, how long it waits, the retry quota, the headers of
//! each attempt, and adaptive mode's rate limiter.

mod common;

use std::time::{Duration, Instant};

use cognito_feedback::{Client, ErrorKind, LogLevel, RetryMode, ServiceErrorCode};
use common::{
    LATE, Reply, Server, alice_err, alice_ok, capture_log, config_for, failing_then_ok, ok,
    response, service_error,
};

/// Cognito's throttling error.
fn throttled() -> Reply {
    Reply::Send(service_error(400, "ThrottlingException", "Rate exceeded"))
}

/// Cognito's fault.
fn internal_error() -> Reply {
    Reply::Send(service_error(
        500,
        "InternalErrorException",
        "Internal server error.",
    ))
}

#[test]
fn throttling_is_retried_with_the_same_invocation_id() {
    let server = failing_then_ok(2, throttled);
    let client = Client::new(config_for(&server.url())).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.attempts(), 3);
    assert_eq!(output.request_id(), Some("rid-2"));
    let requests = server.requests();
    let ids: Vec<_> = requests
        .iter()
        .map(|r| r.header("amz-sdk-invocation-id").unwrap())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    let attempts: Vec<_> = requests
        .iter()
        .map(|r| r.header("amz-sdk-request").unwrap())
        .collect();
    assert_eq!(
        attempts,
        ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]
    );
    // Throttling backoff: random × 1 s, then random × 2 s.
    let gaps = [
        requests[1].at - requests[0].at,
        requests[2].at - requests[1].at,
    ];
    assert!(
        gaps[0] <= Duration::from_millis(1100) && gaps[1] <= Duration::from_millis(2100),
        "{gaps:?}"
    );
}

#[test]
fn each_call_has_its_own_invocation_id() {
    let server = Server::start(|n, _| Reply::Send(ok(&format!("rid-{n}"))));
    let client = Client::new(config_for(&server.url())).unwrap();
    alice_ok(&client);
    alice_ok(&client);
    let requests = server.requests();
    assert_ne!(
        requests[0].header("amz-sdk-invocation-id"),
        requests[1].header("amz-sdk-invocation-id")
    );
}

#[test]
fn throttling_that_never_ends_reports_the_service_error_after_all_attempts() {
    let server = Server::start(|_, _| {
        Reply::Send(service_error(
            400,
            "TooManyRequestsException",
            "Rate exceeded",
        ))
    });
    let client = Client::new(config_for(&server.url()).max_attempts(2)).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Service);
    assert_eq!(
        error.service_error(),
        Some(ServiceErrorCode::TooManyRequests)
    );
    assert_eq!(error.attempts(), 2);
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.request_id(), Some("rid-error"));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_5xx_with_a_json_body_is_retried() {
    let server = failing_then_ok(1, internal_error);
    let client = Client::new(config_for(&server.url())).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.attempts(), 2);
    // Between the two requests' arrival: the answer, and a transient backoff of at most 50 ms.
    let requests = server.requests();
    let gap = requests[1].at - requests[0].at;
    assert!(
        gap < Duration::from_millis(50) + LATE,
        "the retry came {gap:?} later"
    );
}

#[test]
fn a_5xx_with_an_html_body_is_retried_and_reported_with_its_status() {
    let html = || {
        Reply::Send(response(
            503,
            &[("Content-Type", "text/html")],
            b"<html><body>503 Service Unavailable</body></html>",
        ))
    };
    let server = failing_then_ok(1, html);
    let client = Client::new(config_for(&server.url())).unwrap();
    assert_eq!(alice_ok(&client).attempts(), 2);

    let server = Server::start(move |_, _| html());
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(503));
    assert_eq!(error.attempts(), 3);
}

#[test]
fn a_connection_closed_mid_response_is_retried_unless_it_was_a_2xx() {
    // (A 2xx cut short is not retried: tests/transport.rs.)
    let server = failing_then_ok(1, || {
        Reply::SendAndClose(b"HTTP/1.1 503 Busy\r\nContent-Length: 2\r\n\r\n{".to_vec())
    });
    let client = Client::new(config_for(&server.url())).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.attempts(), 2);
    assert_eq!(
        output.request_id(),
        Some("rid-1"),
        "the whole second response's"
    );
}

#[test]
fn a_connection_closed_before_any_response_is_retried() {
    let server = failing_then_ok(1, || Reply::Close);
    let client = Client::new(config_for(&server.url())).unwrap();
    assert_eq!(alice_ok(&client).attempts(), 2);
}

#[test]
fn retry_after_is_honoured() {
    let server = failing_then_ok(1, || {
        Reply::Send(response(
            503,
            &[("x-amz-retry-after", "400"), ("x-amzn-RequestId", "r0")],
            b"{}",
        ))
    });
    let client = Client::new(config_for(&server.url())).unwrap();
    alice_ok(&client);
    let requests = server.requests();
    let gap = requests[1].at - requests[0].at;
    // retry-after 400 ms, clamped to [backoff, backoff + 5 s] with backoff ≤ 50 ms.
    assert!(
        gap >= Duration::from_millis(400) && gap <= Duration::from_millis(400) + LATE,
        "{gap:?}"
    );
}

#[test]
fn non_retryable_4xx_errors_are_not_retried() {
    for (code, status) in [
        ("NotAuthorizedException", 400),
        ("UserNotFoundException", 400),
        ("InvalidParameterException", 400),
        ("AccessDeniedException", 403),
    ] {
        let server = Server::start(move |_, _| Reply::Send(service_error(status, code, "no")));
        let client = Client::new(config_for(&server.url())).unwrap();
        let error = alice_err(&client);
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.attempts(), 1, "{code}");
        assert_eq!(server.requests().len(), 1, "{code}");
    }
}

#[test]
fn an_empty_retry_quota_stops_retries() {
    // 500 tokens, 14 per transient retry: 35 retries, then none until a success refills.
    let server =
        Server::start(|_, _| Reply::Send(service_error(500, "InternalErrorException", "boom")));
    let (log, sink) = capture_log();
    let client = Client::new(config_for(&server.url()).max_attempts(2).log(sink)).unwrap();
    for call in 0..35 {
        let error = alice_err(&client);
        assert_eq!(error.attempts(), 2, "call {call}");
    }
    let error = alice_err(&client);
    assert_eq!(error.attempts(), 1, "the quota is empty");
    assert_eq!(error.code(), Some("InternalErrorException"));
    assert_eq!(server.requests().len(), 71);
    let log = log.lock().unwrap();
    assert!(
        log.iter()
            .any(|(level, m)| *level == LogLevel::Warn && m.contains("retry quota is exhausted")),
        "{log:?}"
    );
}

#[test]
fn max_attempts_one_means_no_retry() {
    let server = Server::start(|_, _| Reply::Send(service_error(503, "ServiceUnavailable", "x")));
    let client = Client::new(config_for(&server.url()).max_attempts(1)).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        server.requests()[0].header("amz-sdk-request"),
        Some("attempt=1; max=1")
    );
}

#[test]
fn a_backoff_that_would_pass_the_deadline_ends_the_call_with_the_last_error() {
    let server = Server::start(|_, _| {
        Reply::Send(response(
            503,
            &[("x-amz-retry-after", "5000"), ("x-amzn-RequestId", "r503")],
            b"{}",
        ))
    });
    let client =
        Client::new(config_for(&server.url()).total_timeout(Duration::from_secs(2))).unwrap();
    let started = Instant::now();
    let error = alice_err(&client);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(error.http_status(), Some(503));
    assert_eq!(error.request_id(), Some("r503"));
    assert_eq!(error.attempts(), 1);
}

#[test]
fn adaptive_mode_slows_down_after_a_throttle() {
    // Throttled once, then fine. Standard mode retries after the throttling backoff
    // (random × 1 s); adaptive mode's rate limiter then holds the retry back to its
    // post-throttle rate (0.5 requests/s: about 2 s after the throttle).
    let gap = |mode: RetryMode| {
        let server = failing_then_ok(1, throttled);
        let client = Client::new(config_for(&server.url()).retry_mode(mode)).unwrap();
        assert_eq!(alice_ok(&client).attempts(), 2);
        let requests = server.requests();
        requests[1].at - requests[0].at
    };
    let standard = gap(RetryMode::Standard);
    let adaptive = gap(RetryMode::Adaptive);
    assert!(
        standard <= Duration::from_secs(1) + LATE,
        "standard waited {standard:?}"
    );
    assert!(
        adaptive >= Duration::from_millis(1500),
        "adaptive waited only {adaptive:?}"
    );
}

#[test]
fn adaptive_mode_holds_later_calls_back_and_respects_the_deadline() {
    let server = failing_then_ok(1, throttled);
    let client = Client::new(
        config_for(&server.url())
            .retry_mode(RetryMode::Adaptive)
            .max_attempts(1)
            .total_timeout(Duration::from_millis(300)),
    )
    .unwrap();
    let first = alice_err(&client);
    assert_eq!(first.code(), Some("ThrottlingException"));
    let started = Instant::now();
    let second = alice_err(&client);
    assert_eq!(second.kind(), ErrorKind::Timeout, "{second}");
    assert_eq!(
        second.attempts(),
        0,
        "the limiter let nothing through in time"
    );
    assert!(started.elapsed() < Duration::from_millis(300) + LATE);
    assert_eq!(server.requests().len(), 1);

    // The same script in standard mode: the second call goes straight through.
    let server = failing_then_ok(1, throttled);
    let client = Client::new(
        config_for(&server.url())
            .max_attempts(1)
            .total_timeout(Duration::from_millis(300)),
    )
    .unwrap();
    alice_err(&client);
    assert_eq!(alice_ok(&client).attempts(), 1);
}

#[test]
fn logs_tell_the_story_without_secrets() {
    let server = failing_then_ok(1, internal_error);
    let (log, sink) = capture_log();
    let client = Client::new(config_for(&server.url()).log(sink)).unwrap();
    alice_ok(&client);
    let log = log.lock().unwrap();
    let at =
        |level: LogLevel, needle: &str| log.iter().any(|(l, m)| *l == level && m.contains(needle));
    assert!(at(LogLevel::Debug, "attempt 1/3"), "{log:?}");
    assert!(at(LogLevel::Info, "retrying in"), "{log:?}");
    assert!(at(LogLevel::Info, "succeeded"), "{log:?}");
    for (_, message) in log.iter() {
        assert!(
            !message.contains("alice") && !message.contains("tok-alice-1"),
            "secret in {message:?}"
        );
    }
}
