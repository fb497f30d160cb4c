//! What bounds the emulator's resources and who may read its request log: the record keeps the
//! last requests with capped bodies, connections are capped, a request must arrive whole within
//! its timeout once it has begun, and admin endpoints answer loopback Hosts only.

use std::io::Write;
use std::thread;
use std::time::{Duration, Instant};

use cognito_feedback_emulator::{
    Emulator, EmulatorOptions, RECORDED_BODY_BYTES, RECORDED_REQUESTS,
};

use crate::support::{Conn, PATIENCE, admin, api_request};

fn start_with(options: EmulatorOptions) -> Emulator {
    Emulator::start(options).expect("emulator starts")
}

#[test]
fn the_record_keeps_the_last_requests_with_capped_bodies() {
    let emulator = crate::support::start();
    let mut conn = Conn::open(&emulator.url());
    for n in 0..RECORDED_REQUESTS + 5 {
        conn.send(&api_request(
            "UpdateAuthEventFeedback",
            &format!("{{\"n\":{n}}}"),
        ));
        conn.read_reply().expect("an answer");
    }
    let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(RECORDED_BODY_BYTES + 4000));
    conn.send(&api_request("UpdateAuthEventFeedback", &big));
    conn.read_reply().expect("an answer");

    let requests = emulator.requests();
    assert_eq!(requests.len(), RECORDED_REQUESTS);
    // The oldest six went; the record goes on from the seventh.
    assert_eq!(requests[0].body, b"{\"n\":6}");
    let last = requests.last().unwrap();
    assert_eq!(last.body.len(), RECORDED_BODY_BYTES);
    assert_eq!(last.body_len, big.len());
    assert_eq!(last.body, &big.as_bytes()[..RECORDED_BODY_BYTES]);
}

#[test]
fn one_connection_over_the_cap_gets_503_and_a_freed_slot_is_served_again() {
    let emulator = start_with(EmulatorOptions {
        max_connections: 2,
        ..EmulatorOptions::default()
    });
    let url = emulator.url();
    let mut first = Conn::open(&url);
    let mut second = Conn::open(&url);
    // Both are being served (each has had an answer), so both slots are taken.
    assert_eq!(first.call_alice("Valid").status, 200);
    assert_eq!(second.call_alice("Valid").status, 200);

    let mut third = Conn::open(&url);
    let reply = third.read_reply().expect("an answer without a request");
    assert_eq!(reply.status, 503, "{}", reply.text());
    assert!(
        reply.text().contains("at most 2 connections"),
        "{}",
        reply.text()
    );
    assert!(third.closed_within(PATIENCE));

    // Once a connection ends, its slot is free again.
    drop(first);
    let deadline = Instant::now() + PATIENCE;
    loop {
        let mut next = Conn::open(&url);
        next.send(&api_request(
            "UpdateAuthEventFeedback",
            &crate::support::alice_feedback("Valid").to_string(),
        ));
        match next.read_reply().expect("an answer").status {
            200 => break,
            503 => assert!(Instant::now() < deadline, "the slot was never freed"),
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(second.call_alice("Invalid").status, 200);
}

#[test]
fn a_request_stalled_after_its_first_byte_ends_with_408() {
    let emulator = start_with(EmulatorOptions {
        request_timeout: Duration::from_millis(300),
        ..EmulatorOptions::default()
    });
    let mut conn = Conn::open(&emulator.url());
    conn.send(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Len");
    let reply = conn
        .read_reply()
        .expect("a 408 before the test's patience runs out");
    assert_eq!(reply.status, 408, "{}", reply.text());
    assert!(conn.closed_within(PATIENCE));
}

#[test]
fn a_request_trickling_in_ends_at_the_timeout_too() {
    let emulator = start_with(EmulatorOptions {
        request_timeout: Duration::from_millis(300),
        ..EmulatorOptions::default()
    });
    let mut conn = Conn::open(&emulator.url());
    conn.send(b"POST / HTTP/1.1\r\n");
    let mut trickle = conn.writer();
    // One header byte every 20 ms: each read succeeds, only a whole-request deadline ends it.
    // The sender tells whether the emulator ended the connection (a write failed) in time.
    let sender = thread::spawn(move || {
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            if trickle.write_all(b"X").is_err() {
                return true;
            }
            thread::sleep(Duration::from_millis(20));
        }
        false
    });
    let reply = conn
        .read_reply()
        .expect("a 408 while the request still trickles");
    assert_eq!(reply.status, 408, "{}", reply.text());
    // The lingering drain after the answer is bounded too, though the bytes keep coming.
    assert!(
        sender.join().unwrap(),
        "the emulator kept reading the trickle"
    );
}

#[test]
fn admin_endpoints_answer_only_a_loopback_host() {
    let emulator = crate::support::start();
    let url = emulator.url();
    let port = url.rsplit(':').next().unwrap().to_owned();
    for host in [
        "127.0.0.1",
        &format!("127.0.0.1:{port}"),
        "localhost",
        "LOCALHOST:80",
        "[::1]",
        "[::1]:8080",
        "127.9.9.9",
    ] {
        assert_eq!(get_requests(&url, Some(host)).0, 200, "Host: {host}");
    }
    for host in [
        Some("evil.example"),
        Some("evil.example:80"),
        Some("10.0.0.1"),
        Some("127.0.0.1.evil.example"),
        Some(""),
        None,
    ] {
        let (status, body) = get_requests(&url, host);
        assert_eq!(status, 403, "Host: {host:?}");
        assert!(
            body.contains("loopback") || body.contains("127.0.0.1"),
            "{body}"
        );
    }
    assert_eq!(admin(&url, "GET", "faults", "").status, 200);
}

/// `GET /__emulator/requests` with this Host header (none when `None`): status and body.
fn get_requests(url: &str, host: Option<&str>) -> (u16, String) {
    let mut conn = Conn::open(url);
    let host = host
        .map(|host| format!("Host: {host}\r\n"))
        .unwrap_or_default();
    conn.send(format!("GET /__emulator/requests HTTP/1.1\r\n{host}\r\n").as_bytes());
    let reply = conn.read_reply().expect("an answer");
    (reply.status, reply.text())
}
