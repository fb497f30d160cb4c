//! A CancelToken ends a call within 50 ms wherever it blocks: connecting, waiting for the
//! response, in the TLS handshake, or sleeping between retries.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use cognito_feedback::{CancelToken, Client, Config, ErrorKind};
use common::{
    FullBacklog, LATE, LogLines, Reply, Server, alice, alice_ok, capture_log, config_for,
    service_error, wait_until,
};

/// How soon after `cancel()` the call must have returned: the library's promise is 50 ms;
/// the test allows for the scheduler of a loaded 2-core machine on top.
const CANCEL_BOUND: Duration = Duration::from_millis(50);

/// Runs a call with `config` (its log going to a capture), cancels it from another thread
/// once `ready(log)` holds (the call has reached the step under test), and returns the error
/// and how long the call took to return after `cancel()`.
fn cancel_when(
    config: Config,
    ready: impl Fn(&LogLines) -> bool + Send + 'static,
) -> (cognito_feedback::Error, Duration) {
    let (log, sink) = capture_log();
    let client = Client::new(config.log(sink)).unwrap();
    let token = CancelToken::new();
    let (cancelled_at, when) = mpsc::channel();
    let canceller = token.clone();
    let handle = thread::spawn(move || {
        wait_until("the call to reach the step under test", || ready(&log));
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

/// Whether `log` has a line containing `needle`.
fn logged(log: &LogLines, needle: &str) -> bool {
    log.lock().unwrap().iter().any(|(_, m)| m.contains(needle))
}

/// Asserts the call returned within [`CANCEL_BOUND`] (plus [`LATE`] for the scheduler).
#[track_caller]
fn assert_prompt(latency: Duration) {
    assert!(latency <= CANCEL_BOUND + LATE, "cancel took {latency:?}");
}

#[test]
fn cancel_while_connecting() {
    // The connect never completes; the first attempt has begun (its log line) and its
    // socket is connecting, or about to (a cancel then fails its registration).
    let backlog = FullBacklog::open();
    let config = config_for(&backlog.url()).connect_timeout(Duration::from_secs(20));
    let (error, latency) = cancel_when(config, |log| logged(log, "attempt 1/"));
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert_eq!(error.attempts(), 1);
    assert_prompt(latency);
}

#[test]
fn cancel_while_waiting_for_the_response() {
    let server = Arc::new(Server::start(|_, _| Reply::Stall));
    let seen = server.clone();
    let (error, latency) = cancel_when(config_for(&server.url()), move |_| {
        seen.requests().len() == 1
    });
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.http_status(), None);
    assert_prompt(latency);
    assert_eq!(
        server.requests().len(),
        1,
        "the request was sent before the cancel"
    );
}

#[test]
fn cancel_during_the_tls_handshake() {
    // Accepts, reads the ClientHello and never says a word: the client waits for the
    // ServerHello.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let hello = Arc::new(AtomicBool::new(false));
    let heard = hello.clone();
    let held = thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut byte = [0u8; 1];
        socket.read_exact(&mut byte).unwrap();
        heard.store(true, Ordering::SeqCst);
        socket
    });
    let (error, latency) = cancel_when(config_for(&format!("https://{addr}")), move |_| {
        hello.load(Ordering::SeqCst)
    });
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert_prompt(latency);
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
    // The client logs "retrying in" just before it sleeps.
    let (error, latency) = cancel_when(config_for(&server.url()), |log| logged(log, "retrying in"));
    assert_eq!(error.kind(), ErrorKind::Cancelled, "{error}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        error.http_status(),
        Some(503),
        "the last response's status is kept"
    );
    assert_eq!(error.request_id(), Some("rid-error"));
    assert_prompt(latency);
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
