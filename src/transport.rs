//! The HTTP transport: one ureq agent per client, with its keep-alive pool, timeouts, TLS
//! roots and proxy, and a TCP layer that lets a [`CancelToken`] end a call's I/O at once.
//!
//! ureq runs a request on the caller's thread, so the client marks the thread with the
//! current call (its cancel token and attempt deadline) for the duration of [`Transport::send`].
//! The TCP layer reads that mark on every connect, write and read, including on a pooled
//! connection a later call reuses: it registers the socket with the call's token (so
//! `cancel()` shuts it down) and cuts every timeout to the attempt deadline.

use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::os::fd::AsRawFd;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockRef, Socket, Type};
use ureq::http::{HeaderValue, Uri};
use ureq::tls::{PemItem, RootCerts, TlsConfig};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::time::Duration as NextDuration;
use ureq::unversioned::transport::{
    Buffers, ConnectProxyConnector, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout,
    RustlsConnector, Transport as UreqTransport,
};
use ureq::{Agent, Proxy, ProxyProtocol, Timeout};

use crate::cancel::{CancelToken, Registration};
use crate::config::{LogLevel, Logger, Settings};
use crate::error::{Error, ErrorKind};
use crate::protocol::{HttpResponse, MAX_RESPONSE_BODY};

/// Most idle keep-alive connections kept; a client talks to one host, so all are for it.
const MAX_IDLE_CONNECTIONS: usize = 10;

/// Sends requests to one endpoint over a shared keep-alive pool.
pub(crate) struct Transport {
    agent: Agent,
    uri: Uri,
    /// `host[:port]` of the endpoint, for error messages.
    authority: String,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("uri", &self.uri)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// An agent for `endpoint` with the settings' timeouts and TLS roots, and the proxy the
    /// environment names (never for a loopback endpoint). Reads the CA bundle, if any.
    pub(crate) fn new(
        endpoint: &str,
        user_agent: &str,
        settings: &Settings,
    ) -> Result<Transport, Error> {
        let uri: Uri = endpoint.parse().map_err(|e| {
            Error::config(format!("endpoint URL {endpoint:?} is not a valid URL: {e}"))
        })?;
        let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
        let Some(authority) = uri.authority().filter(|_| scheme_ok) else {
            return Err(Error::config(format!(
                "endpoint URL {endpoint:?} must be an absolute http:// or https:// URL"
            )));
        };
        let authority = authority.as_str().to_owned();
        if HeaderValue::from_str(user_agent).is_err() {
            return Err(Error::config(
                "app_id contains characters that cannot be sent in an HTTP header",
            ));
        }

        let mut tls = TlsConfig::builder();
        if let Some(path) = &settings.ca_bundle_path {
            tls = tls.root_certs(RootCerts::new_with_certs(&read_ca_bundle(path)?));
        }
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(user_agent)
            .accept("")
            .proxy(proxy_for(&uri, &settings.log))
            .timeout_connect(Some(settings.connect_timeout))
            .max_idle_connections(MAX_IDLE_CONNECTIONS)
            .max_idle_connections_per_host(MAX_IDLE_CONNECTIONS)
            .tls_config(tls.build())
            .build();
        let connector =
            ().chain(ConnectProxyConnector::default())
                .chain(CancellableTcpConnector)
                .chain(RustlsConnector::default());
        let agent = Agent::with_parts(config, connector, DeadlineResolver);
        Ok(Transport {
            agent,
            uri,
            authority,
        })
    }

    /// One attempt: POSTs `body` with `headers` and reads the response, its body capped at
    /// [`MAX_RESPONSE_BODY`]. Gives up at `deadline`; `cancel` ends it at once.
    pub(crate) fn send(
        &self,
        headers: &[(&str, &str)],
        body: &[u8],
        deadline: Instant,
        cancel: Option<&CancelToken>,
    ) -> Result<HttpResponse, Error> {
        let _call = CallMark::enter(cancel, deadline);
        let result = self.exchange(headers, body);
        if cancel.is_some_and(CancelToken::is_cancelled) {
            // A shut-down socket looks like a closed connection: the token tells the truth.
            return Err(Error::new(ErrorKind::Cancelled, "the call was cancelled"));
        }
        result
    }

    fn exchange(&self, headers: &[(&str, &str)], body: &[u8]) -> Result<HttpResponse, Error> {
        let mut request = self.agent.post(self.uri.clone());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request.send(body).map_err(|e| self.error(e))?;

        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let mut body = Vec::new();
        let read = response
            .body_mut()
            .as_reader()
            .take(MAX_RESPONSE_BODY as u64 + 1)
            .read_to_end(&mut body);
        let mut response = HttpResponse {
            status,
            headers,
            body,
            body_truncated: false,
        };
        if let Err(e) = read {
            let mut error = self.error(ureq::Error::from(e));
            error.http_status = Some(status);
            error.request_id = response.header("x-amzn-requestid").map(str::to_owned);
            return Err(error);
        }
        if response.body.len() > MAX_RESPONSE_BODY {
            response.body.truncate(MAX_RESPONSE_BODY);
            response.body_truncated = true;
        }
        Ok(response)
    }

    /// A ureq failure as this crate's error: timeouts and broken connections are transient
    /// (worth another attempt), certificate and protocol failures are not.
    fn error(&self, error: ureq::Error) -> Error {
        let host = &self.authority;
        match error {
            ureq::Error::Timeout(Timeout::Connect) => transient(
                ErrorKind::Timeout,
                format!("connecting to {host} timed out"),
            ),
            ureq::Error::Timeout(_) => transient(ErrorKind::Timeout, "the attempt timed out"),
            ureq::Error::Io(e) => self.io_error(e),
            ureq::Error::HostNotFound => {
                transient(ErrorKind::Connection, format!("host {host} not found"))
            }
            ureq::Error::Rustls(e) => tls_error(host, &e),
            ureq::Error::Protocol(e) => Error::new(
                ErrorKind::Response,
                format!("the response from {host} is not valid HTTP/1.1: {e}"),
            ),
            ureq::Error::LargeResponseHeader(size, limit) => Error::new(
                ErrorKind::Response,
                format!("the response headers from {host} are too large ({size} > {limit} bytes)"),
            ),
            ureq::Error::BodyStalled => transient(
                ErrorKind::Connection,
                format!("the connection to {host} stalled while reading the response"),
            ),
            other => Error::new(
                ErrorKind::Connection,
                format!("request to {host} failed: {other}"),
            ),
        }
    }

    fn io_error(&self, e: io::Error) -> Error {
        let host = &self.authority;
        if let Some(tls) = e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return tls_error(host, tls);
        }
        match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                transient(ErrorKind::Timeout, format!("I/O with {host} timed out"))
            }
            io::ErrorKind::UnexpectedEof => transient(
                ErrorKind::Connection,
                format!("{host} closed the connection before the response was complete"),
            ),
            io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => Error::new(
                ErrorKind::Connection,
                format!("connection to {host} failed: {e}"),
            ),
            _ => transient(
                ErrorKind::Connection,
                format!("connection to {host} failed: {e}"),
            ),
        }
    }
}

/// An error worth another attempt.
fn transient(kind: ErrorKind, message: impl Into<String>) -> Error {
    Error {
        transient: true,
        ..Error::new(kind, message)
    }
}

/// A TLS failure: never transient; a certificate failure says so.
fn tls_error(host: &str, e: &rustls::Error) -> Error {
    let message = match e {
        rustls::Error::InvalidCertificate(_) => {
            format!("TLS certificate verification failed for host {host}: {e}")
        }
        _ => format!("TLS handshake with {host} failed: {e}"),
    };
    Error::new(ErrorKind::Connection, message)
}

/// The CA certificates of a PEM file; an unreadable file, or one without a certificate, is
/// a config error.
fn read_ca_bundle(path: &Path) -> Result<Vec<ureq::tls::Certificate<'static>>, Error> {
    let shown = path.display();
    let pem = std::fs::read(path)
        .map_err(|e| Error::config(format!("cannot read the CA bundle {shown}: {e}")))?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(c)) => certificates.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(Error::config(format!(
                    "the CA bundle {shown} is not valid PEM: {e}"
                )));
            }
        }
    }
    if certificates.is_empty() {
        return Err(Error::config(format!(
            "the CA bundle {shown} holds no PEM certificate"
        )));
    }
    Ok(certificates)
}

/// The proxy from the environment (ALL_PROXY, HTTPS_PROXY, HTTP_PROXY, with NO_PROXY), but
/// none for a loopback endpoint such as a local emulator, and none of the SOCKS kind, which
/// this build cannot speak.
fn proxy_for(uri: &Uri, log: &Logger) -> Option<Proxy> {
    let proxy = Proxy::try_from_env()?;
    if uri.host().is_some_and(is_loopback) || proxy.is_no_proxy(uri) {
        return None;
    }
    if !matches!(proxy.protocol(), ProxyProtocol::Http | ProxyProtocol::Https) {
        log.log(
            LogLevel::Warn,
            format_args!(
                "ignoring the SOCKS proxy from the environment: only HTTP proxies are supported"
            ),
        );
        return None;
    }
    Some(proxy)
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The call running on this thread: its cancel token and its attempt deadline.
#[derive(Clone)]
struct Call {
    cancel: Option<CancelToken>,
    deadline: Instant,
}

thread_local! {
    static CURRENT_CALL: RefCell<Option<Call>> = const { RefCell::new(None) };
}

/// Marks this thread with a call until dropped (then restores the previous mark).
struct CallMark {
    previous: Option<Call>,
}

impl CallMark {
    fn enter(cancel: Option<&CancelToken>, deadline: Instant) -> CallMark {
        let call = Call {
            cancel: cancel.cloned(),
            deadline,
        };
        CallMark {
            previous: CURRENT_CALL.with(|c| c.replace(Some(call))),
        }
    }
}

impl Drop for CallMark {
    fn drop(&mut self) {
        CURRENT_CALL.with(|c| *c.borrow_mut() = self.previous.take());
    }
}

fn current_call() -> Option<Call> {
    CURRENT_CALL.with(|c| c.borrow().clone())
}

/// The error I/O gets when the call's token is cancelled; the client reports it as
/// cancelled (it checks the token). Not `Interrupted`: readers retry that.
fn cancelled() -> ureq::Error {
    ureq::Error::Io(io::Error::other("the call was cancelled"))
}

/// Registers `socket` with the current call's token, if it has one.
fn register(
    call: &Option<Call>,
    socket: &Arc<TcpStream>,
) -> Result<Option<Registration>, ureq::Error> {
    match call.as_ref().and_then(|c| c.cancel.as_ref()) {
        Some(token) => token.register(socket).map(Some).map_err(|_| cancelled()),
        None => Ok(None),
    }
}

/// `timeout` cut to the current call's attempt deadline; an error when none is left.
fn cut_to_deadline(
    call: &Option<Call>,
    mut timeout: NextTimeout,
) -> Result<NextTimeout, ureq::Error> {
    let Some(call) = call else { return Ok(timeout) };
    let left = call.deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(ureq::Error::Timeout(Timeout::PerCall));
    }
    let left = NextDuration::Exact(left);
    if left < timeout.after {
        timeout.after = left;
        timeout.reason = Timeout::PerCall;
    }
    Ok(timeout)
}

/// Resolves names within the attempt deadline; an IP address needs no lookup (and no
/// thread, which ureq spawns for every lookup that has a timeout).
#[derive(Debug)]
struct DeadlineResolver;

impl Resolver for DeadlineResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default();
        if let Ok(ip) = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            let port = uri
                .port_u16()
                .unwrap_or(if uri.scheme_str() == Some("https") {
                    443
                } else {
                    80
                });
            let mut addrs = self.empty();
            addrs.push(SocketAddr::new(ip, port));
            return Ok(addrs);
        }
        let timeout = cut_to_deadline(&current_call(), timeout)?;
        DefaultResolver::default().resolve(uri, config, timeout)
    }
}

/// Opens TCP connections whose sockets the current call's token can shut down, even
/// while connecting. Stands in for ureq's `TcpConnector`.
#[derive(Debug)]
struct CancellableTcpConnector;

impl<In: UreqTransport> Connector<In> for CancellableTcpConnector {
    type Out = Either<In, CancellableTcp>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        if let Some(transport) = chained {
            return Ok(Some(Either::A(transport)));
        }
        let call = current_call();
        let timeout = cut_to_deadline(&call, details.timeout)?;
        let until = (!timeout.after.is_not_happening()).then(|| Instant::now() + *timeout.after);
        let mut last_error = None;
        for (i, addr) in details.addrs.iter().enumerate() {
            // Each address gets an equal share of what is left; time one does not use
            // goes to the next.
            let share = match until {
                Some(until) => {
                    let left = until.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(ureq::Error::Timeout(timeout.reason));
                    }
                    Some(left / (details.addrs.len() - i) as u32)
                }
                None => None,
            };
            match connect(&call, *addr, share, timeout.reason) {
                Ok(socket) => {
                    let buffers = LazyBuffers::new(
                        details.config.input_buffer_size(),
                        details.config.output_buffer_size(),
                    );
                    return Ok(Some(Either::B(CancellableTcp { socket, buffers })));
                }
                Err(e)
                    if call
                        .as_ref()
                        .and_then(|c| c.cancel.as_ref())
                        .is_some_and(CancelToken::is_cancelled) =>
                {
                    return Err(e);
                }
                Err(e) => last_error = Some(e),
            }
        }
        Err(last_error.unwrap_or(ureq::Error::HostNotFound))
    }
}

/// Connects to one address: the socket is registered with the call's token before the
/// connect starts, and the token is checked once the connect is under way, so a cancel
/// either finds the socket connecting (and aborts it) or is seen here.
fn connect(
    call: &Option<Call>,
    addr: SocketAddr,
    timeout: Option<Duration>,
    reason: Timeout,
) -> Result<Arc<TcpStream>, ureq::Error> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    let socket = Arc::new(TcpStream::from(socket));
    let _registration = register(call, &socket)?;
    let sock = SockRef::from(&*socket);
    sock.set_nonblocking(true)?;
    match sock.connect(&addr.into()) {
        Ok(()) => {}
        Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => {
            if call
                .as_ref()
                .and_then(|c| c.cancel.as_ref())
                .is_some_and(CancelToken::is_cancelled)
            {
                return Err(cancelled());
            }
            wait_writable(&socket, timeout, reason)?;
            if let Some(e) = sock.take_error()? {
                return Err(e.into());
            }
            socket.peer_addr()?;
        }
        Err(e) => return Err(e.into()),
    }
    sock.set_nonblocking(false)?;
    socket.set_nodelay(true)?;
    Ok(socket)
}

/// Waits until a connecting socket is writable (connected or failed), or the timeout ends.
fn wait_writable(
    socket: &TcpStream,
    timeout: Option<Duration>,
    reason: Timeout,
) -> Result<(), ureq::Error> {
    let until = timeout.map(|t| Instant::now() + t);
    loop {
        let wait_ms = match until {
            None => -1,
            Some(until) => {
                let left = until.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(ureq::Error::Timeout(reason));
                }
                // Round up, so the wait never ends early and spins.
                i32::try_from(left.as_micros().div_ceil(1000)).unwrap_or(i32::MAX)
            }
        };
        let mut fd = libc::pollfd {
            fd: socket.as_raw_fd(),
            events: libc::POLLOUT,
            revents: 0,
        };
        // SAFETY: `fd` is one valid pollfd and the count says one.
        let ready = unsafe { libc::poll(&mut fd, 1, wait_ms) };
        if ready > 0 {
            return Ok(());
        }
        if ready < 0 {
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e.into());
            }
        }
    }
}

/// A TCP transport (the role of ureq's own) whose socket the call's token can shut down.
/// Every write and read registers the socket with the current call's token (pooled
/// connections move between calls) and keeps within the call's attempt deadline.
#[derive(Debug)]
struct CancellableTcp {
    socket: Arc<TcpStream>,
    buffers: LazyBuffers,
}

impl CancellableTcp {
    /// Runs one blocking I/O operation on the socket for the current call: within its
    /// deadline and the timeout ureq gives, with the socket registered with its token.
    fn io<T>(
        &mut self,
        timeout: NextTimeout,
        set_timeout: fn(&TcpStream, Option<Duration>) -> io::Result<()>,
        op: impl FnOnce(&TcpStream, &mut LazyBuffers) -> io::Result<T>,
    ) -> Result<T, ureq::Error> {
        let call = current_call();
        let timeout = cut_to_deadline(&call, timeout)?;
        let limit = if timeout.after.is_not_happening() {
            None
        } else if timeout.after.is_zero() {
            return Err(ureq::Error::Timeout(timeout.reason));
        } else {
            Some(*timeout.after)
        };
        set_timeout(&self.socket, limit)?;
        let _registration = register(&call, &self.socket)?;
        op(&self.socket, &mut self.buffers).map_err(|e| match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                ureq::Error::Timeout(timeout.reason)
            }
            _ => ureq::Error::Io(e),
        })
    }
}

impl UreqTransport for CancellableTcp {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.io(
            timeout.for_write(),
            TcpStream::set_write_timeout,
            |mut socket, buffers| socket.write_all(&buffers.output()[..amount]),
        )
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let amount = self.io(
            timeout.for_read(),
            TcpStream::set_read_timeout,
            |mut socket, buffers| {
                loop {
                    match socket.read(buffers.input_append_buf()) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        other => return other,
                    }
                }
            },
        )?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    /// Whether an idle pooled connection is still usable: nothing to read, and no EOF.
    fn is_open(&mut self) -> bool {
        let mut probe = [0u8; 1];
        if self.socket.set_nonblocking(true).is_err() {
            return false;
        }
        let idle =
            matches!(self.socket.peek(&mut probe), Err(e) if e.kind() == io::ErrorKind::WouldBlock);
        idle && self.socket.set_nonblocking(false).is_ok()
    }
}
