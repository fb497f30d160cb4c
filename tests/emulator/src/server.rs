//! The server: a listener on 127.0.0.1, one thread per connection, keep-alive, and a prompt stop.

use std::collections::{HashMap, VecDeque};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::admin;
use crate::faults::{self, Faults, Injected};
use crate::fixture::Fixture;
use crate::http::{self, ReadError, Request, Response};
use crate::operations::{self, Answer, Operation, World};
use crate::record::{FeedbackBook, RecordedFeedback, RecordedRequest};

/// How long a refused request's connection is drained before it is closed.
const LINGER: Duration = Duration::from_secs(1);

/// How many API requests the record keeps: the most recent ones, older ones are forgotten.
pub const RECORDED_REQUESTS: usize = 1000;

/// How many bytes of each request body the record keeps (UpdateAuthEventFeedback bodies are
/// well under 2 KiB); [`RecordedRequest::body_len`] has the full length.
pub const RECORDED_BODY_BYTES: usize = 16 * 1024;

/// How to start an emulator.
#[derive(Clone, Debug)]
pub struct EmulatorOptions {
    /// The port on 127.0.0.1; 0 lets the system pick a free one (see [`Emulator::url`]).
    pub port: u16,
    /// The pools, users, events and scripted answers (default: the built-in fixture).
    pub fixture: Fixture,
    /// A file to append one JSON line to for every feedback recorded.
    pub feedback_log: Option<PathBuf>,
    /// The faults in force from the start.
    pub faults: Faults,
    /// Log every request's operation and outcome to stderr (never a token or username).
    pub log: bool,
    /// The most connections served at once; one more is answered 503 and closed (default 64).
    pub max_connections: usize,
    /// How long a request may take to arrive once its first byte has (default 10 s); a request
    /// still incomplete then is answered 408 and its connection closed.
    pub request_timeout: Duration,
}

impl Default for EmulatorOptions {
    /// The built-in fixture on a free port, no feedback log, no faults, no logging.
    fn default() -> Self {
        Self {
            port: 0,
            fixture: Fixture::default(),
            feedback_log: None,
            faults: Faults::default(),
            log: false,
            max_connections: 64,
            request_timeout: Duration::from_secs(10),
        }
    }
}

/// A running emulator. Dropping it stops it: every connection is closed and every thread joined.
pub struct Emulator {
    shared: Arc<Shared>,
    address: SocketAddr,
    acceptor: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Binds 127.0.0.1 and starts serving. Fails on a port in use, bad faults or an unopenable log.
    pub fn start(options: EmulatorOptions) -> io::Result<Self> {
        options
            .faults
            .check()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        let book = FeedbackBook::open(options.feedback_log.as_deref())?;
        let listener = TcpListener::bind(("127.0.0.1", options.port))?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared {
            url: format!("http://{address}"),
            fixture: options.fixture,
            book,
            started: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs()),
            log: options.log,
            faults: Mutex::new(options.faults),
            requests: Mutex::new(VecDeque::new()),
            max_connections: options.max_connections.max(1),
            request_timeout: options.request_timeout,
            stopping: Mutex::new(false),
            wake: Condvar::new(),
            connections: Mutex::new(HashMap::new()),
            next_connection: AtomicU64::new(1),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("emulator-accept".into())
                .spawn(move || accept(&shared, &listener))?
        };
        Ok(Self {
            shared,
            address,
            acceptor: Some(acceptor),
        })
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.shared.url.clone()
    }

    /// The feedback recorded for an event of a pool, if any.
    pub fn feedback(&self, user_pool_id: &str, event_id: &str) -> Option<RecordedFeedback> {
        self.shared.book.get(user_pool_id, event_id)
    }

    /// The requests received so far, oldest first (admin requests excluded): the last
    /// [`RECORDED_REQUESTS`], each body cut to [`RECORDED_BODY_BYTES`].
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests()
    }

    /// Replaces the faults in force. Fails, changing nothing, when a setting is out of range.
    pub fn set_faults(&self, faults: Faults) -> io::Result<()> {
        self.shared
            .set_faults(faults)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    }

    /// The faults in force, with the counters as far as they have counted down.
    pub fn faults(&self) -> Faults {
        self.shared.faults()
    }

    /// Forgets recorded feedback and requests and clears every fault (the feedback log file
    /// keeps its lines).
    pub fn reset(&self) {
        self.shared.reset();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        *lock(&self.shared.stopping) = true;
        self.shared.wake.notify_all();
        // Wake the acceptor out of accept(); it sees the flag, closes every connection and joins.
        drop(TcpStream::connect(self.address));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// State shared by the acceptor, the connections and the handle.
pub(crate) struct Shared {
    /// The base URL, `http://127.0.0.1:PORT`.
    pub(crate) url: String,
    fixture: Fixture,
    book: FeedbackBook,
    started: u64,
    log: bool,
    faults: Mutex<Faults>,
    requests: Mutex<VecDeque<RecordedRequest>>,
    max_connections: usize,
    request_timeout: Duration,
    stopping: Mutex<bool>,
    /// Signalled when `stopping` becomes true, to end delays at once.
    wake: Condvar,
    /// A handle on every open connection, to shut them down on stop.
    connections: Mutex<HashMap<u64, TcpStream>>,
    next_connection: AtomicU64,
}

impl Shared {
    /// Replaces the faults after checking them.
    pub(crate) fn set_faults(&self, faults: Faults) -> Result<(), String> {
        faults.check()?;
        *lock(&self.faults) = faults;
        Ok(())
    }

    /// The faults in force.
    pub(crate) fn faults(&self) -> Faults {
        lock(&self.faults).clone()
    }

    /// Every API request received so far, oldest first.
    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.requests).iter().cloned().collect()
    }

    /// Adds a request to the record, forgetting the oldest beyond [`RECORDED_REQUESTS`].
    fn record(&self, request: &Request) {
        let kept = request.body.len().min(RECORDED_BODY_BYTES);
        let mut requests = lock(&self.requests);
        if requests.len() == RECORDED_REQUESTS {
            requests.pop_front();
        }
        requests.push_back(RecordedRequest {
            method: request.method.clone(),
            path: request.target.clone(),
            headers: request.headers.clone(),
            body: request.body[..kept].to_vec(),
            body_len: request.body.len(),
        });
    }

    /// What the operations read and write.
    pub(crate) fn world(&self) -> World<'_> {
        World {
            fixture: &self.fixture,
            book: &self.book,
            started: self.started,
        }
    }

    /// Forgets feedback and requests, clears faults.
    pub(crate) fn reset(&self) {
        self.book.clear();
        lock(&self.requests).clear();
        *lock(&self.faults) = Faults::default();
    }

    fn is_stopping(&self) -> bool {
        *lock(&self.stopping)
    }

    /// Sleeps for `duration` unless the emulator stops first; tells whether it is still running.
    fn pause(&self, duration: Duration) -> bool {
        let stopping = lock(&self.stopping);
        let (stopping, _) = self
            .wake
            .wait_timeout_while(stopping, duration, |stopping| !*stopping)
            .unwrap_or_else(PoisonError::into_inner);
        !*stopping
    }

    fn note(&self, line: impl FnOnce() -> String) {
        if self.log {
            eprintln!("cognito-feedback-emulator: {}", line());
        }
    }

    /// Decides what a request gets: admin endpoint, or API call with faults applied.
    fn exchange(&self, request: &Request) -> Plan {
        if request.path().starts_with(admin::PREFIX) {
            let response = admin::handle(request, self);
            self.note(|| {
                format!(
                    "{} {} -> {}",
                    request.method,
                    request.path(),
                    response.status
                )
            });
            return Plan::respond(response, request);
        }
        self.record(request);
        let (injected, faults) = self.faults_for(request);
        let answer = match injected {
            Some(Injected::Throttle) => Answer::Respond(faults::throttle_response()),
            Some(Injected::ServerError { status, body }) => {
                Answer::Respond(faults::server_error_response(status, body))
            }
            Some(Injected::DropMidResponse) | None => operations::handle(request, &self.world()),
        };
        let (what, fault) = api_call(request, injected);
        match answer {
            Answer::Stall => {
                self.note(|| format!("{what} -> stalled{fault}"));
                Plan::Stall
            }
            Answer::Respond(response) => {
                let response = with_retry_after(response, &faults);
                self.note(|| format!("{what} -> {}{fault}", outcome(&response)));
                Plan::Respond {
                    response,
                    delay: Duration::from_millis(faults.delay_ms),
                    cut: injected == Some(Injected::DropMidResponse),
                    close_announced: !request.keep_alive(),
                    close_silently: faults.close_after_response,
                }
            }
        }
    }

    /// The one-shot fault `request` takes (if any) and the faults in force for it. The
    /// read-back is never faulted, so tests can always look at what was recorded.
    fn faults_for(&self, request: &Request) -> (Option<Injected>, Faults) {
        if Operation::of(request) == Some(Operation::AdminListUserAuthEvents) {
            return (None, Faults::default());
        }
        let mut faults = lock(&self.faults);
        (faults.take(), faults.clone())
    }
}

/// An API request for the log: its method, path and target, and the fault it met (if any).
fn api_call(request: &Request, injected: Option<Injected>) -> (String, String) {
    let target = request
        .header("x-amz-target")
        .unwrap_or("(no X-Amz-Target)");
    let fault = injected
        .map(|injected| format!(" (fault: {injected:?})"))
        .unwrap_or_default();
    let what = format!("{} {} {target}", request.method, request.path());
    (what, fault)
}

/// `response` with the retry-after fault's header when it is a throttling answer.
fn with_retry_after(response: Response, faults: &Faults) -> Response {
    let throttled = response.header("x-amzn-ErrorType") == Some("TooManyRequestsException:");
    match faults.retry_after_ms.filter(|_| throttled) {
        Some(retry_after) => response.with_header("x-amz-retry-after", retry_after.to_string()),
        None => response,
    }
}

/// What the connection does with one request.
enum Plan {
    Respond {
        response: Response,
        /// Wait this long before answering.
        delay: Duration,
        /// Send the head and half the body, then close.
        cut: bool,
        /// Say `Connection: close` and close (the client asked for it).
        close_announced: bool,
        /// Close after the response without saying so.
        close_silently: bool,
    },
    /// Never answer; hold the connection until the client or the emulator ends it.
    Stall,
}

impl Plan {
    /// Answer `response` at once, keeping the connection as the request asks.
    fn respond(response: Response, request: &Request) -> Self {
        Plan::Respond {
            response,
            delay: Duration::ZERO,
            cut: false,
            close_announced: !request.keep_alive(),
            close_silently: false,
        }
    }
}

/// The status and error code of a response, for the log.
fn outcome(response: &Response) -> String {
    match response.header("x-amzn-ErrorType") {
        Some(code) => format!("{} {}", response.status, code.trim_end_matches(':')),
        None => response.status.to_string(),
    }
}

/// Accepts connections until the emulator stops, then closes them all and joins their threads.
fn accept(shared: &Arc<Shared>, listener: &TcpListener) {
    let mut workers: Vec<JoinHandle<()>> = Vec::new();
    for stream in listener.incoming() {
        if shared.is_stopping() {
            break;
        }
        let stream = match stream {
            Ok(stream) => stream,
            Err(e) => {
                shared.note(|| format!("accept failed: {e}"));
                // Out of descriptors, say: let connections finish before trying again.
                shared.pause(Duration::from_millis(10));
                continue;
            }
        };
        workers.retain(|worker| !worker.is_finished());
        if lock(&shared.connections).len() >= shared.max_connections {
            refuse_busy(shared, stream);
        } else if let Some(worker) = start_worker(shared, stream) {
            workers.push(worker);
        }
    }
    for stream in lock(&shared.connections).values() {
        let _ = stream.shutdown(Shutdown::Both);
    }
    for worker in workers {
        let _ = worker.join();
    }
}

/// Bounded threads: one connection too many is told so at once and closed.
fn refuse_busy(shared: &Shared, mut stream: TcpStream) {
    shared.note(|| format!("{} connections open -> 503", shared.max_connections));
    let busy = Response::new(
        503,
        "text/plain; charset=utf-8",
        format!(
            "the emulator serves at most {} connections at once\n",
            shared.max_connections
        )
        .into_bytes(),
    );
    let _ = write_response(&mut stream, busy, true);
    let _ = stream.shutdown(Shutdown::Write);
}

/// Serves `stream` on a thread of its own, registered so a stop can close it; `None` when the
/// thread cannot be started (the connection is closed).
fn start_worker(shared: &Arc<Shared>, stream: TcpStream) -> Option<JoinHandle<()>> {
    let id = shared.next_connection.fetch_add(1, Ordering::Relaxed);
    let handle = stream.try_clone().ok()?;
    lock(&shared.connections).insert(id, handle);
    let worker = {
        let shared = Arc::clone(shared);
        thread::Builder::new()
            .name(format!("emulator-conn-{id}"))
            .spawn(move || {
                // A connection that fails mid-way has nothing left to tell anyone.
                let _ = serve(&shared, &stream);
                let _ = stream.shutdown(Shutdown::Both);
                lock(&shared.connections).remove(&id);
            })
    };
    match worker {
        Ok(worker) => Some(worker),
        Err(e) => {
            shared.note(|| format!("cannot start a connection thread: {e}"));
            if let Some(stream) = lock(&shared.connections).remove(&id) {
                let _ = stream.shutdown(Shutdown::Both);
            }
            None
        }
    }
}

/// The reading side of a connection: buffered, with a deadline for the request being read.
type ConnectionReader = BufReader<DeadlineReader>;

/// Serves one connection: requests one after another until either side closes it.
fn serve(shared: &Shared, stream: &TcpStream) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(DeadlineReader {
        stream: stream.try_clone()?,
        deadline: None,
    });
    let mut writer = stream;
    while let Some(request) = next_request(shared, stream, &mut reader)? {
        if shared.is_stopping() {
            return Ok(());
        }
        let keep_open = match shared.exchange(&request) {
            Plan::Stall => return hold(&mut reader),
            Plan::Respond {
                response,
                delay,
                cut,
                close_announced,
                close_silently,
            } => {
                if !delay.is_zero() && !shared.pause(delay) {
                    return Ok(());
                }
                if cut {
                    return write_half(&mut writer, response, close_announced);
                }
                write_response(&mut writer, response, close_announced)?;
                !(close_announced || close_silently)
            }
        };
        if !keep_open {
            return Ok(());
        }
    }
    Ok(())
}

/// The connection's next request; `None` when the client closed it, or when the request could
/// not be read (it was answered, and the connection drained).
fn next_request(
    shared: &Shared,
    stream: &TcpStream,
    reader: &mut ConnectionReader,
) -> io::Result<Option<Request>> {
    if reader.buffer().is_empty() {
        // Idle between requests: the idle-timeout fault closes the connection here.
        let idle = shared.faults().idle_timeout_ms.map(Duration::from_millis);
        stream.set_read_timeout(idle)?;
        if reader.fill_buf()?.is_empty() {
            return Ok(None);
        }
    }
    // The request has begun: all of it must arrive within the request timeout.
    reader.get_mut().deadline = Some(Instant::now() + shared.request_timeout);
    let mut writer = stream;
    let request = http::read_request(reader, &mut writer);
    reader.get_mut().deadline = None;
    stream.set_read_timeout(None)?;
    match request {
        Ok(request) => Ok(Some(request)),
        Err(ReadError::Gone) => Ok(None),
        Err(ReadError::Refuse(response)) => {
            shared.note(|| format!("unreadable request -> {}", response.status));
            write_response(&mut writer, response, true)?;
            // Lingering close: drain what the client still sends (a chunked body, say) so
            // that closing with unread data does not reset the connection under the answer.
            stream.shutdown(Shutdown::Write)?;
            reader.get_mut().deadline = Some(Instant::now() + LINGER);
            hold(reader).map(|()| None)
        }
    }
}

/// The cut-short fault: the head and half the body of `response`, then the connection ends.
fn write_half(writer: &mut impl Write, response: Response, close: bool) -> io::Result<()> {
    let response = with_request_id(response);
    let mut bytes = response.head(close);
    bytes.extend_from_slice(&response.body[..response.body.len() / 2]);
    writer.write_all(&bytes)?;
    writer.flush()
}

/// The connection's reading side: while `deadline` is set, every read waits at most until
/// then, so a request that stalls or trickles after its first byte ends there.
struct DeadlineReader {
    stream: TcpStream,
    deadline: Option<Instant>,
}

impl Read for DeadlineReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(deadline) = self.deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::ErrorKind::TimedOut.into());
            }
            self.stream.set_read_timeout(Some(left))?;
        }
        self.stream.read(buf)
    }
}

/// Writes a whole response in one go (headers and body in one segment, TCP_NODELAY on).
fn write_response(writer: &mut impl Write, response: Response, close: bool) -> io::Result<()> {
    let response = with_request_id(response);
    let mut bytes = response.head(close);
    bytes.extend_from_slice(&response.body);
    writer.write_all(&bytes)?;
    writer.flush()
}

/// Adds a fresh `x-amzn-RequestId`, shaped like the service's (a random UUID).
fn with_request_id(response: Response) -> Response {
    let n = fastrand::u128(..);
    let id = format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        n >> 96,
        (n >> 80) & 0xffff,
        (n >> 68) & 0xfff,
        0x8000 | ((n >> 52) & 0x3fff),
        n & 0xffff_ffff_ffff
    );
    response.with_header("x-amzn-RequestId", id)
}

/// Reads and drops whatever comes until the peer closes the connection, the emulator shuts it
/// down, or a read timeout set by the caller ends the wait (holds stalled calls, drains refused
/// ones).
fn hold(reader: &mut impl Read) -> io::Result<()> {
    let mut sink = [0; 1024];
    while reader.read(&mut sink)? > 0 {}
    Ok(())
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
