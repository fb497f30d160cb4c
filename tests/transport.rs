//! The transport against hostile servers: keep-alive pooling, stale connections, redirects,
//! odd bodies, and the attempt and total timeouts.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use cognito_feedback::{Client, ErrorKind, TimeoutPhase};
use common::{
    FullBacklog, LATE, Reply, Server, alice_err, alice_ok, assert_within, config_for,
    failing_then_ok, ok, response, wait_until,
};

/// The longest backoff before a retry of a transient error.
const TRANSIENT_BACKOFF: Duration = Duration::from_millis(50);

#[test]
fn a_keep_alive_connection_is_reused_across_calls_and_threads() {
    let server = Server::start(|n, _| Reply::Send(ok(&format!("rid-{n}"))));
    let client = Arc::new(Client::new(config_for(&server.url())).unwrap());
    for _ in 0..3 {
        alice_ok(&client);
    }
    // One thread at a time, each a different thread: the pool is shared by all.
    for _ in 0..3 {
        let client = client.clone();
        thread::spawn(move || alice_ok(&client)).join().unwrap();
    }
    assert_eq!(server.requests().len(), 6);
    assert_eq!(
        server.connections(),
        1,
        "every call reused the first connection"
    );
}

#[test]
fn concurrent_calls_open_connections_the_pool_then_keeps() {
    let server = Server::start(|n, _| {
        thread::sleep(Duration::from_millis(50));
        Reply::Send(ok(&format!("rid-{n}")))
    });
    let client = Arc::new(Client::new(config_for(&server.url())).unwrap());
    let round = || {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let client = client.clone();
                thread::spawn(move || alice_ok(&client))
            })
            .collect();
        handles.into_iter().for_each(|h| drop(h.join().unwrap()));
    };
    round();
    let after_first = server.connections();
    assert!((1..=4).contains(&after_first));
    round();
    assert_eq!(server.requests().len(), 8);
    assert!(
        server.connections() <= 4,
        "{} connections for 4 concurrent calls",
        server.connections()
    );
}

#[test]
fn a_stale_pooled_connection_is_retried_on_a_new_one() {
    // The server answers the first request, then drops the connection when the second
    // request arrives on it (as a server closing an idle connection at that moment would).
    let server = Server::start(|n, request| match (n, request.connection) {
        (0, _) => Reply::Send(ok("rid-first")),
        (_, 0) => Reply::Close,
        _ => Reply::Send(ok("rid-fresh")),
    });
    let client = Client::new(config_for(&server.url())).unwrap();
    alice_ok(&client);
    let output = alice_ok(&client);
    assert_eq!(output.attempts(), 2);
    assert_eq!(output.request_id(), Some("rid-fresh"));
    assert_eq!(server.connections(), 2);
    let requests = server.requests();
    assert_eq!(
        requests[1].header("amz-sdk-invocation-id"),
        requests[2].header("amz-sdk-invocation-id")
    );
}

#[test]
fn an_idle_connection_the_server_closed_is_not_reused() {
    let server = Server::start(|n, _| Reply::SendAndClose(ok(&format!("rid-{n}"))));
    let client = Client::new(config_for(&server.url())).unwrap();
    alice_ok(&client);
    wait_until("the server's close", || server.closed() == 1);
    let output = alice_ok(&client);
    assert_eq!(
        output.attempts(),
        1,
        "the closed connection was noticed before sending"
    );
    assert_eq!(server.connections(), 2);
}

#[test]
fn the_content_length_is_the_headers_else_the_chunked_bytes_read() {
    let server = Server::start(|n, _| {
        if n == 0 {
            Reply::Send(response(200, &[("x-amzn-RequestId", "rid-0")], b"{ }"))
        } else {
            Reply::Send(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nx-amzn-RequestId: rid-1\r\n\r\n\
                  3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n"
                    .to_vec(),
            )
        }
    });
    let client = Client::new(config_for(&server.url())).unwrap();
    let declared = alice_ok(&client);
    assert_eq!(declared.content_length(), 3);
    let chunked = alice_ok(&client);
    assert_eq!(chunked.request_id(), Some("rid-1"));
    assert_eq!(chunked.content_length(), 7, "the bytes of {{\"a\":1}}");
}

#[test]
fn redirects_are_not_followed() {
    let elsewhere = Server::start(|_, _| Reply::Send(ok("rid-elsewhere")));
    let location = format!("{}/", elsewhere.url());
    let server = Server::start(move |_, _| {
        Reply::Send(response(
            301,
            &[("Location", &location), ("x-amzn-RequestId", "rid-301")],
            b"",
        ))
    });
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(301));
    assert_eq!(error.request_id(), Some("rid-301"));
    assert_eq!(error.attempts(), 1, "a redirect is not retried");
    assert!(error.message().contains("not followed"), "{error}");
    assert_eq!(elsewhere.connections(), 0, "the other host saw nothing");
}

#[test]
fn an_oversized_body_is_a_response_error() {
    let big = vec![b' '; 1 << 20];
    let server = Server::start(move |_, _| Reply::Send(response(400, &[], &big)));
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(400));
    assert!(error.message().contains("cap"), "{error}");
    assert_eq!(error.attempts(), 1);
}

#[test]
fn a_2xx_body_cut_short_is_not_retried_the_feedback_was_probably_recorded() {
    // Content-Length promises 100 bytes; 10 come, then the connection closes. The 200
    // status line arrived: the service most likely recorded the feedback, so no retry.
    let server = Server::start(|_, _| {
        let mut reply =
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nx-amzn-RequestId: rid-cut\r\n\r\n".to_vec();
        reply.extend_from_slice(b"{\"partial\"");
        Reply::SendAndClose(reply)
    });
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(200));
    assert_eq!(error.request_id(), Some("rid-cut"));
    assert!(
        error.message().contains("the body was cut short")
            && error
                .message()
                .contains("the feedback was probably recorded")
            && error.message().contains("rid-cut"),
        "{error}"
    );
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.requests().len(), 1, "exactly one request was sent");
}

#[test]
fn a_2xx_status_line_then_a_close_is_not_retried() {
    // A raw server that sends only the status line and closes, every time.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = requests.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\n");
        }
    });
    let client = Client::new(config_for(&url)).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(200));
    assert!(
        error.message().contains("cut short")
            && error
                .message()
                .contains("the feedback was probably recorded"),
        "{error}"
    );
    assert_eq!(error.attempts(), 1);
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[test]
fn a_5xx_body_cut_short_is_still_retried() {
    let server = Server::start(|n, _| {
        if n == 0 {
            Reply::SendAndClose(
                b"HTTP/1.1 500 Oops\r\nContent-Length: 100\r\n\r\n{\"partial\"".to_vec(),
            )
        } else {
            Reply::Send(ok("rid-second"))
        }
    });
    let client = Client::new(config_for(&server.url())).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.attempts(), 2);
    assert_eq!(output.request_id(), Some("rid-second"));
}

#[test]
fn a_truncated_json_body_is_a_response_error() {
    let server = Server::start(|_, _| Reply::Send(response(400, &[], br#"{"__type":"NotAuthor"#)));
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.attempts(), 1);
}

#[test]
fn a_non_json_body_is_a_response_error() {
    let server = Server::start(|_, _| {
        Reply::Send(response(
            403,
            &[("Content-Type", "text/html")],
            b"<html>Forbidden</html>",
        ))
    });
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(403));
    assert_eq!(error.attempts(), 1, "a 403 is not retried");
}

#[test]
fn garbage_instead_of_http_is_a_response_error() {
    let server = Server::start(|_, _| Reply::SendAndClose(b"SSH-2.0-OpenSSH_9.6\r\n\r\n".to_vec()));
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.attempts(), 1);
}

#[test]
fn the_attempt_timeout_ends_each_attempt() {
    let server = Server::start(|_, _| Reply::Stall);
    let client = Client::new(
        config_for(&server.url())
            .attempt_timeout(Duration::from_millis(200))
            .max_attempts(1),
    )
    .unwrap();
    let started = Instant::now();
    let error = alice_err(&client);
    assert_within(started.elapsed(), Duration::from_millis(200), LATE);
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert_eq!(error.timeout_phase(), Some(TimeoutPhase::Attempt));
    assert_eq!(error.attempts(), 1);
}

#[test]
fn an_attempt_timeout_is_retried() {
    // An attempt timeout long enough for the second (answered) attempt on a loaded machine.
    let server = failing_then_ok(1, || Reply::Stall);
    let client =
        Client::new(config_for(&server.url()).attempt_timeout(Duration::from_secs(1))).unwrap();
    let started = Instant::now();
    let output = alice_ok(&client);
    assert_eq!(output.attempts(), 2);
    // 1 s attempt, then at most a 50 ms backoff.
    assert_within(
        started.elapsed(),
        Duration::from_secs(1),
        TRANSIENT_BACKOFF + LATE,
    );
    assert_eq!(
        server.connections(),
        2,
        "the timed-out connection was not reused"
    );
}

#[test]
fn the_total_timeout_cuts_the_attempt() {
    let server = Server::start(|_, _| Reply::Stall);
    let client =
        Client::new(config_for(&server.url()).total_timeout(Duration::from_millis(300))).unwrap();
    let started = Instant::now();
    let error = alice_err(&client);
    assert_within(started.elapsed(), Duration::from_millis(300), LATE);
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert_eq!(error.timeout_phase(), Some(TimeoutPhase::Total));
    assert!(
        error.message().contains("total timeout of 300 ms"),
        "{error}"
    );
    assert_eq!(error.attempts(), 1);
}

#[test]
fn the_total_timeout_bounds_a_call_across_retries() {
    let server = Server::start(|_, _| Reply::Stall);
    let client = Client::new(
        config_for(&server.url())
            .attempt_timeout(Duration::from_millis(250))
            .total_timeout(Duration::from_millis(1200))
            .max_attempts(10),
    )
    .unwrap();
    let started = Instant::now();
    let error = alice_err(&client);
    let elapsed = started.elapsed();
    assert!(
        elapsed <= Duration::from_millis(1200) + LATE,
        "took {elapsed:?}"
    );
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    // The total deadline cut the last attempt, or the last attempt's own timeout left no time
    // for another: either way a deadline, never the connect timeout.
    assert!(
        matches!(
            error.timeout_phase(),
            Some(TimeoutPhase::Total | TimeoutPhase::Attempt)
        ),
        "{:?}",
        error.timeout_phase()
    );
    // Several attempts (a loaded machine may make fewer than the five that fit).
    assert!(
        (2..=5).contains(&error.attempts()),
        "{} attempts",
        error.attempts()
    );
}

#[test]
fn the_total_timeout_bounds_a_connect() {
    // A listener that is bound but never listening refuses at once; one whose backlog is
    // full never answers, so the connect runs into the deadline.
    let backlog = FullBacklog::open();
    let client = Client::new(
        config_for(&backlog.url())
            .connect_timeout(Duration::from_secs(10))
            .total_timeout(Duration::from_millis(300)),
    )
    .unwrap();
    let started = Instant::now();
    let error = alice_err(&client);
    assert_within(started.elapsed(), Duration::from_millis(300), LATE);
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert_eq!(error.timeout_phase(), Some(TimeoutPhase::Total));
}

#[test]
fn the_connect_timeout_is_a_retried_timeout() {
    let backlog = FullBacklog::open();
    let client = Client::new(
        config_for(&backlog.url())
            .connect_timeout(Duration::from_millis(100))
            .max_attempts(2),
    )
    .unwrap();
    let started = Instant::now();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert_eq!(error.timeout_phase(), Some(TimeoutPhase::Connect));
    assert!(error.message().contains("connecting to"), "{error}");
    assert_eq!(error.field(), Some("connect_timeout"), "names the setting");
    assert_eq!(error.attempts(), 2);
    // Two 100 ms connect timeouts and at most one 50 ms backoff.
    assert_within(
        started.elapsed(),
        Duration::from_millis(200),
        TRANSIENT_BACKOFF + LATE,
    );
}

#[test]
fn a_refused_connection_is_retried_then_reported() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(config_for(&format!("http://127.0.0.1:{port}"))).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Connection, "{error}");
    assert!(
        error.message().contains(&format!("127.0.0.1:{port}")),
        "{error}"
    );
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.http_status(), None);
}

#[test]
fn a_host_name_is_resolved_and_every_address_tried() {
    // localhost may resolve to ::1 first, where nothing listens; 127.0.0.1 then answers.
    let server = Server::start(|_, _| Reply::Send(ok("rid-localhost")));
    let url = format!("http://localhost:{}", server.addr.port());
    let client = Client::new(config_for(&url)).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.request_id(), Some("rid-localhost"));
    assert_eq!(output.attempts(), 1);
    let host = format!("localhost:{}", server.addr.port());
    assert_eq!(server.requests()[0].header("host"), Some(host.as_str()));
}

#[test]
fn a_request_goes_out_in_one_write_head_and_body_together() {
    // A server that reads once, with room for far more than a request, and answers: it
    // gets the whole request (head and JSON body) in that one read.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut buf = vec![0u8; 64 * 1024];
        let n = socket.read(&mut buf).unwrap();
        socket.write_all(&ok("rid-one-read")).unwrap();
        buf.truncate(n);
        String::from_utf8(buf).unwrap()
    });
    let client = Client::new(config_for(&url)).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.request_id(), Some("rid-one-read"));
    let request = server.join().unwrap();
    let (head, body) = request.split_once("\r\n\r\n").expect("the whole head");
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .expect("a content-length")
        .parse()
        .unwrap();
    assert_eq!(
        body.len(),
        length,
        "the whole body in the same read: {request}"
    );
    assert!(body.starts_with('{') && body.ends_with('}'), "{body}");
}

#[test]
fn the_headers_read_come_through_among_many_others() {
    // The transport keeps only the headers the library reads; these, in any case, between
    // unrelated ones, still reach it: the fallback request id and the error type.
    let mut headers: Vec<(String, String)> = (0..20)
        .map(|i| (format!("X-Unrelated-{i}"), format!("value {i}")))
        .collect();
    headers.insert(5, ("X-Amz-Request-Id".into(), "rid-fallback".into()));
    headers.insert(
        12,
        (
            "X-AMZN-ERRORTYPE".into(),
            "InvalidParameterException:".into(),
        ),
    );
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let reply = response(400, &headers, br#"{"message":"bad"}"#);
    let server = Server::start(move |_, _| Reply::Send(reply.clone()));
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.request_id(), Some("rid-fallback"));
    assert_eq!(error.code(), Some("InvalidParameterException"));
}
