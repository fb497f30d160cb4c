//! Helpers shared by the integration tests: a request and calls with it, the emulator, small
//! scripted HTTP/1.1 servers on 127.0.0.1 that answer (or misbehave) as a test tells them, and
//! a listener whose connects never complete.

#![allow(dead_code)] // each test binary uses its own subset

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use cognito_feedback::{
    Client, Config, Error, FeedbackValue, LogLevel, UpdateAuthEventFeedbackOutput,
    UpdateAuthEventFeedbackRequest,
};
use cognito_feedback_emulator::{Emulator, EmulatorOptions};
use socket2::{Domain, Socket, Type};

/// A valid request (alice's first event in the default fixture).
pub fn alice() -> UpdateAuthEventFeedbackRequest {
    UpdateAuthEventFeedbackRequest {
        user_pool_id: "us-east-1_PlusPool1".into(),
        username: "alice".into(),
        event_id: "evt-alice-1".into(),
        feedback_token: "tok-alice-1.AbC=".into(),
        feedback_value: FeedbackValue::Valid,
    }
}

/// Sends [`alice`]'s request with `client`, without a cancel token; the call must succeed.
#[track_caller]
pub fn alice_ok(client: &Client) -> UpdateAuthEventFeedbackOutput {
    client.update_auth_event_feedback(&alice(), None).unwrap()
}

/// Sends [`alice`]'s request with `client`, without a cancel token; the call must fail, and
/// this is its error.
#[track_caller]
pub fn alice_err(client: &Client) -> Error {
    client
        .update_auth_event_feedback(&alice(), None)
        .unwrap_err()
}

/// The Cognito emulator with the default fixture, on a free port of 127.0.0.1.
pub fn emulator() -> Emulator {
    Emulator::start(EmulatorOptions::default()).unwrap()
}

/// A hermetic config (no AWS_* variables) for `url`; every other setting at its default.
pub fn config_for(url: &str) -> Config {
    Config::new().ignore_environment(true).endpoint_url(url)
}

/// Every message a log sink received, with its level.
pub type LogLines = Arc<Mutex<Vec<(LogLevel, String)>>>;

/// A log sink that keeps every message, to check levels and that no secret leaks.
pub fn capture_log() -> (LogLines, cognito_feedback::LogFn) {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    (
        lines,
        Arc::new(move |level, message: &str| {
            sink.lock().unwrap().push((level, message.to_owned()))
        }),
    )
}

/// One request as a scripted server read it.
#[derive(Debug, Clone)]
pub struct SeenRequest {
    /// Which accepted connection it came on (0-based).
    pub connection: usize,
    /// When its last byte arrived.
    pub at: Instant,
    /// The request line and headers, as sent.
    pub head: String,
}

impl SeenRequest {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// What a scripted server does with one request.
pub enum Reply {
    /// Send these bytes, keep the connection for the next request.
    Send(Vec<u8>),
    /// Send these bytes, then close the connection.
    SendAndClose(Vec<u8>),
    /// Close the connection without answering.
    Close,
    /// Never answer; keep the connection open (until the test process ends).
    Stall,
}

/// A scripted HTTP/1.1 server: `script(n, request)` decides the reply to the n-th request
/// (0-based, counted over all connections).
pub struct Server {
    /// Where it listens, on 127.0.0.1.
    pub addr: SocketAddr,
    accepted: Arc<AtomicUsize>,
    closed: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<SeenRequest>>>,
}

type Script = dyn Fn(usize, &SeenRequest) -> Reply + Send + Sync;

impl Server {
    /// Starts serving on a free port of 127.0.0.1, one thread per connection, until the test
    /// process ends.
    pub fn start(script: impl Fn(usize, &SeenRequest) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let closed = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let (acc, done, reqs) = (accepted.clone(), closed.clone(), requests.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let connection = acc.fetch_add(1, Ordering::SeqCst);
                let (script, done, reqs) = (script.clone(), done.clone(), reqs.clone());
                thread::spawn(move || {
                    serve(stream, connection, &*script, &reqs);
                    done.fetch_add(1, Ordering::SeqCst);
                });
            }
        });
        Server {
            addr,
            accepted,
            closed,
            requests,
        }
    }

    /// `http://` and the address.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    /// Connections the server has closed so far.
    pub fn closed(&self) -> usize {
        self.closed.load(Ordering::SeqCst)
    }

    /// Requests read so far.
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.requests.lock().unwrap().clone()
    }
}

/// Serves one connection: reads its requests one after another, records each, and answers
/// as the script says.
fn serve(
    mut stream: TcpStream,
    connection: usize,
    script: &Script,
    requests: &Mutex<Vec<SeenRequest>>,
) {
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer, connection) else {
            return;
        };
        let n = {
            let mut seen = requests.lock().unwrap();
            seen.push(request.clone());
            seen.len() - 1
        };
        match script(n, &request) {
            Reply::Send(bytes) => {
                if stream.write_all(&bytes).is_err() {
                    return;
                }
            }
            Reply::SendAndClose(bytes) => {
                let _ = stream.write_all(&bytes);
                return;
            }
            Reply::Close => return,
            Reply::Stall => {
                thread::sleep(Duration::from_secs(600));
                return;
            }
        }
    }
}

/// Reads one request (its head, and past its Content-Length body); `None` at EOF or on error.
fn read_request(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    connection: usize,
) -> Option<SeenRequest> {
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).ok().filter(|&n| n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            l.split_once(':')
                .filter(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        })
        .map(|(_, v)| v.trim().parse::<usize>().unwrap())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = stream.read(&mut chunk).ok().filter(|&n| n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    }
    buffer.drain(..head_end + length);
    Some(SeenRequest {
        connection,
        at: Instant::now(),
        head: head.trim_end().to_owned(),
    })
}

/// A server answering every request with Cognito's success, with the request id `rid-<n>`
/// (`n` counting every request from 0).
pub fn always_ok() -> Server {
    Server::start(|n, _| Reply::Send(ok(&format!("rid-{n}"))))
}

/// A server that answers the first `failures` requests with `failure()`, then Cognito's
/// success with the request id `rid-<n>` (`n` counting every request from 0).
pub fn failing_then_ok(
    failures: usize,
    failure: impl Fn() -> Reply + Send + Sync + 'static,
) -> Server {
    Server::start(move |n, _| {
        if n < failures {
            failure()
        } else {
            Reply::Send(ok(&format!("rid-{n}")))
        }
    })
}

/// An HTTP/1.1 response with a Content-Length and the given extra headers.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} Status\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// Cognito's success: 200, `{}`, a request id.
pub fn ok(request_id: &str) -> Vec<u8> {
    response(
        200,
        &[
            ("Content-Type", "application/x-amz-json-1.1"),
            ("x-amzn-RequestId", request_id),
        ],
        b"{}",
    )
}

/// A Cognito-style JSON error.
pub fn service_error(status: u16, code: &str, message: &str) -> Vec<u8> {
    let body = format!(r#"{{"__type":"{code}","message":"{message}"}}"#);
    response(
        status,
        &[
            ("Content-Type", "application/x-amz-json-1.1"),
            ("x-amzn-RequestId", "rid-error"),
        ],
        body.as_bytes(),
    )
}

/// A listener whose accept queue is full (backlog 0, one queued connection that is never
/// accepted, more SYNs dropped): a new connect to [`FullBacklog::addr`] stays in SYN_SENT
/// until the connecting side gives up. Bound to 127.0.0.1 for as long as it lives.
pub struct FullBacklog {
    /// Where connects hang.
    pub addr: SocketAddr,
    _listener: Socket,
    _fillers: Vec<TcpStream>,
}

impl FullBacklog {
    /// Binds a listener with backlog 0 and connects to it until a connect no longer completes.
    pub fn open() -> FullBacklog {
        let listener = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
        listener
            .bind(&"127.0.0.1:0".parse::<SocketAddr>().unwrap().into())
            .unwrap();
        listener.listen(0).unwrap();
        let addr = listener.local_addr().unwrap().as_socket().unwrap();
        let mut fillers = Vec::new();
        while let Ok(stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            fillers.push(stream);
            assert!(fillers.len() < 64, "the backlog never filled");
        }
        FullBacklog {
            addr,
            _listener: listener,
            _fillers: fillers,
        }
    }

    /// `http://` and the address.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// How late a wait may end after its deadline, or a wakeup after its event, on a loaded 2-core
/// machine: the scheduler's delay, not the library's. With both cores kept busy by other
/// work (CPU pressure at 95%, 12-16 runnable threads), test threads were seen to wake over
/// 600 ms late. Still far below what a missed deadline would fall back to (the 10-30 s
/// timeouts the tests set around it), so a bound with this margin still proves the deadline.
pub const LATE: Duration = Duration::from_secs(1);

/// Waits until `ready()` holds; fails the test after 10 s (the event never came).
#[track_caller]
pub fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let give_up = Instant::now() + Duration::from_secs(10);
    while !ready() {
        assert!(Instant::now() < give_up, "waited 10 s for {what}");
        thread::sleep(Duration::from_millis(1));
    }
}

/// Asserts `elapsed` lies within `[low, low + slack]`.
pub fn assert_within(elapsed: Duration, low: Duration, slack: Duration) {
    assert!(
        elapsed >= low && elapsed <= low + slack,
        "took {elapsed:?}, expected between {low:?} and {:?}",
        low + slack
    );
}
