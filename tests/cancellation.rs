//! A CancelToken ends a call within 50 ms wherever it blocks: connecting, waiting for the
//! response, in the TLS handshake, or sleeping between retries.

mod common;

use std::net::TcpListener;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use cognito_feedback::{CancelToken, Client, Config, ErrorKind};
use common::{FullBacklog, Reply, Server, alice, alice_ok, config_for, service_error};

/// How soon after `cancel()` the call must have returned.
const CANCEL_BOUND: Duration = Duration::from_millis(50);

/// Runs a call with `config`, cancels it from another thread after `after`, and returns
/// the error and how long the call took to return after `cancel()`.
fn cancel_after(config: Config, after: Duration) -> (cognito_feedback::Error, Duration) {
    let client = Client::new(config).unwrap();
    let token = CancelToken::new();
    let (cancelled_at, when) = mpsc::channel();
    let canceller = token.clone();
    let handle = thread::spawn(move || {
        thread::sleep(after);
        let at = Instant::now();
        canceller.cancel();
        cancelled_at.send(at).unwrap();
    });
    let error = client
        .update_auth_event_feedback(&alice(), Some(&token))
        .unwrap_err();
    let returned = Instant::now();
    handle.join().unwrap();
    let latency = returned.saturating_duration_since(when.recv().unwrap());
    eprintln!("cancel latency: {latency:?}");
    (error, latency)
}

#[test]
fn cancel_while_connecting() {
    let backlog = FullBacklog::open();
    let config = config_for(&backlog.url()).connect_timeout(Duration::from_secs(20));
    let (error, latency) = cancel_after(config, Duration::from_millis(150));
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert_eq!(error.attempts(), 1);
    assert!(latency <= CANCEL_BOUND, "cancel took {latency:?}");
}

#[test]
fn cancel_while_waiting_for_the_response() {
    let server = Server::start(|_, _| Reply::Stall);
    let (error, latency) = cancel_after(config_for(&server.url()), Duration::from_millis(150));
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.http_status(), None);
    assert!(latency <= CANCEL_BOUND, "cancel took {latency:?}");
    assert_eq!(
        server.requests().len(),
        1,
        "the request was sent before the cancel"
    );
}

#[test]
fn cancel_during_the_tls_handshake() {
    // Accepts and never says a word: the client waits for the ServerHello.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let held = thread::spawn(move || listener.accept().map(|(s, _)| s));
    let (error, latency) = cancel_after(
        config_for(&format!("https://{addr}")),
        Duration::from_millis(150),
    );
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert!(latency <= CANCEL_BOUND, "cancel took {latency:?}");
    drop(held.join());
}

#[test]
fn cancel_during_a_backoff_sleep() {
    // A 503 asking for a 10 s wait: the client sleeps between attempts 1 and 2.
    let server = Server::start(|_, _| {
        let mut reply = service_error(503, "ServiceUnavailable", "slow down");
        let head_end = reply.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        reply.splice(head_end + 2..head_end + 2, *b"x-amz-retry-after: 10000\r\n");
        Reply::Send(reply)
    });
    let (error, latency) = cancel_after(config_for(&server.url()), Duration::from_millis(200));
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        error.http_status(),
        Some(503),
        "the last response's status is kept"
    );
    assert_eq!(error.request_id(), Some("rid-error"));
    assert!(latency <= CANCEL_BOUND, "cancel took {latency:?}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_cancelled_token_sends_nothing() {
    let server = Server::start(|_, _| Reply::Send(common::ok("rid")));
    let client = Client::new(config_for(&server.url())).unwrap();
    let token = CancelToken::new();
    token.cancel();
    let error = client
        .update_auth_event_feedback(&alice(), Some(&token))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Cancelled);
    assert_eq!(error.attempts(), 0);
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn a_token_cancels_only_its_own_call_on_a_shared_pooled_connection() {
    // One keep-alive connection; the first call's token is cancelled after it finished, and
    // the pooled connection must still serve the next call.
    let server = Server::start(|n, _| Reply::Send(common::ok(&format!("rid-{n}"))));
    let client = Client::new(config_for(&server.url())).unwrap();
    let token = CancelToken::new();
    client
        .update_auth_event_feedback(&alice(), Some(&token))
        .unwrap();
    token.cancel();
    let output = alice_ok(&client);
    assert_eq!(output.request_id(), Some("rid-1"));
    assert_eq!(server.connections(), 1);
}
