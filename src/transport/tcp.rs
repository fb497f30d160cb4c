//! The TCP layer under ureq: connections whose sockets the current call's cancel token can
//! shut down (also while connecting), I/O kept within the call's attempt deadline, and name
//! resolution within it.
//!
//! ureq runs a request on the caller's thread, so [`CallMark`] marks the thread with the
//! current call for the duration of one attempt; every connect, write and read reads it.

use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockRef, Socket, Type};
use ureq::Timeout;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::time::Duration as NextDuration;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout,
    Transport as UreqTransport,
};

use crate::cancel::{CancelToken, Registration};

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
pub(super) struct CallMark {
    previous: Option<Call>,
}

impl CallMark {
    /// Marks this thread with the call of `cancel` and `deadline`.
    pub(super) fn enter(cancel: Option<&CancelToken>, deadline: Instant) -> CallMark {
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

/// The call marked on this thread, if any.
fn current_call() -> Option<Call> {
    CURRENT_CALL.with(|c| c.borrow().clone())
}

/// Whether the call's token (if it has one) is cancelled.
fn is_cancelled(call: &Option<Call>) -> bool {
    call.as_ref()
        .and_then(|c| c.cancel.as_ref())
        .is_some_and(CancelToken::is_cancelled)
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
pub(super) struct DeadlineResolver;

impl Resolver for DeadlineResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        if let Some(ip) = super::ip_literal(uri.host().unwrap_or_default()) {
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
pub(super) struct CancellableTcpConnector;

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
                Err(e) if is_cancelled(&call) => return Err(e),
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
            if is_cancelled(call) {
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
pub(super) struct CancellableTcp {
    socket: Arc<TcpStream>,
    buffers: LazyBuffers,
}

impl CancellableTcp {
    /// Runs one blocking I/O operation on the socket for the current call: within its
    /// deadline and the timeout ureq gives, with the socket registered with its token.
    /// `op` gets the moment it must give up by (`None`: never).
    fn io<T>(
        &mut self,
        timeout: NextTimeout,
        op: impl FnOnce(&TcpStream, &mut LazyBuffers, Option<Instant>) -> io::Result<T>,
    ) -> Result<T, ureq::Error> {
        let call = current_call();
        let timeout = cut_to_deadline(&call, timeout)?;
        let until = if timeout.after.is_not_happening() {
            None
        } else if timeout.after.is_zero() {
            return Err(ureq::Error::Timeout(timeout.reason));
        } else {
            Some(Instant::now() + *timeout.after)
        };
        let _registration = register(&call, &self.socket)?;
        op(&self.socket, &mut self.buffers, until).map_err(|e| match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                ureq::Error::Timeout(timeout.reason)
            }
            _ => ureq::Error::Io(e),
        })
    }
}

/// What is left until `until`, for a socket timeout; `None` waits forever. A zero left is an
/// error the caller reports as a timeout (a zero socket timeout would mean "forever").
fn time_left(until: Option<Instant>) -> io::Result<Option<Duration>> {
    match until.map(|u| u.saturating_duration_since(Instant::now())) {
        Some(left) if left.is_zero() => Err(io::ErrorKind::TimedOut.into()),
        left => Ok(left),
    }
}

impl UreqTransport for CancellableTcp {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.io(timeout.for_write(), |mut socket, buffers, until| {
            socket.set_write_timeout(time_left(until)?)?;
            socket.write_all(&buffers.output()[..amount])
        })
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let amount = self.io(timeout.for_read(), |mut socket, buffers, until| {
            loop {
                // Set before every read: the kernel's timer may end a wait a little early,
                // and a signal may interrupt it; then wait for what is left.
                socket.set_read_timeout(time_left(until)?)?;
                match socket.read(buffers.input_append_buf()) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                    other => return other,
                }
            }
        })?;
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
