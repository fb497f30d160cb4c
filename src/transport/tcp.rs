//! The TCP layer under ureq: connections whose sockets the current call's cancel token can
//! shut down (also while connecting, and while looking the host up before that), and I/O kept
//! within the call's attempt deadline. Every connect, write and read reads the call that
//! [`CallMark`](super::call::CallMark) marked on the thread.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockRef, Socket, Type};
use ureq::Timeout;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout,
    Transport as UreqTransport,
};

use super::call::{Call, cancelled, current_call, cut_to_deadline, is_cancelled};
use super::resolve::Lookups;
use crate::cancel::Registration;

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

/// Opens TCP connections whose sockets the current call's token can shut down, even
/// while connecting. Stands in for ureq's `TcpConnector`; looks the host up first when ureq's
/// resolver deferred that (a name: see [`DeferringResolver`](super::resolve::DeferringResolver)),
/// so a pooled connection costs no lookup.
#[derive(Debug)]
pub(super) struct CancellableTcpConnector {
    /// Looks up the names the resolver deferred.
    lookups: Lookups,
}

impl CancellableTcpConnector {
    /// A connector that looks deferred names up with `lookups`.
    pub(super) fn new(lookups: Lookups) -> CancellableTcpConnector {
        CancellableTcpConnector { lookups }
    }
}

impl<In: UreqTransport> Connector<In> for CancellableTcpConnector {
    type Out = Either<In, CancellableTcp>;

    /// Connects to `details.addrs`, or (when the resolver deferred the lookup) to the
    /// addresses of `details.uri`'s host: the lookup and the connect after it share ureq's
    /// connect timeout, cut to the call's attempt deadline.
    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        if let Some(transport) = chained {
            return Ok(Some(Either::A(transport)));
        }
        let call = current_call();
        let (until, reason) = io_until(&call, details.timeout)?;
        let found;
        let addrs = if details.addrs.is_empty() {
            // A lookup that uses up the connect timeout says so.
            let lookup_reason = match reason {
                Timeout::Connect => Timeout::Resolve,
                other => other,
            };
            found = self
                .lookups
                .addresses(details.uri, &call, until, lookup_reason)?;
            &found[..]
        } else {
            &details.addrs[..]
        };
        let socket = connect_any(&call, addrs, until, reason)?;
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(Either::B(CancellableTcp::new(socket, buffers))))
    }
}

/// Connects to the first of `addrs` that answers by `until` (`None`: no limit; then a
/// timeout of `reason`). Each address gets an equal share of what is left; time one does not
/// use goes to the next. A cancel ends it at once.
fn connect_any(
    call: &Option<Call>,
    addrs: &[SocketAddr],
    until: Option<Instant>,
    reason: Timeout,
) -> Result<Arc<TcpStream>, ureq::Error> {
    let mut last_error = None;
    for (i, addr) in addrs.iter().enumerate() {
        let share = match until {
            Some(until) => {
                let left = until.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(ureq::Error::Timeout(reason));
                }
                Some(left / (addrs.len() - i) as u32)
            }
            None => None,
        };
        match connect(call, *addr, share, reason) {
            Ok(socket) => return Ok(socket),
            Err(e) if is_cancelled(call) => return Err(e),
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.unwrap_or(ureq::Error::HostNotFound))
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

/// Most bytes [`CancellableTcp`] holds back before it writes them; a larger request goes out
/// in pieces of about this size.
const MAX_PENDING: usize = 64 * 1024;

/// A TCP transport (the role of ureq's own) whose socket the call's token can shut down.
/// Every write and read registers the socket with the current call's token (pooled
/// connections move between calls) and keeps within the call's attempt deadline.
///
/// Writes are coalesced: ureq hands over a request's head and body in separate
/// `transmit_output` calls, and writing each at once sends two TCP segments (and wakes the
/// server twice). The bytes are held in `pending` and written together (one `send`, unless
/// the socket takes them in parts) when ureq next awaits input, when they exceed
/// [`MAX_PENDING`], or (as far as the socket takes them without blocking) when the connection
/// is dropped; a connection holding unsent bytes is never reported open, so it is never
/// pooled or reused.
#[derive(Debug)]
pub(super) struct CancellableTcp {
    socket: Arc<TcpStream>,
    buffers: LazyBuffers,
    /// Bytes ureq has transmitted that are not yet written to the socket.
    pending: Vec<u8>,
    /// When the write of `pending` must be done by: the earliest write deadline of the
    /// `transmit_output` calls that added to it (`None`: never).
    pending_until: Option<Instant>,
    /// The timeout reported when `pending_until` passes.
    pending_reason: Timeout,
    /// The socket's read timeout as last set (`None`: none, the socket's default).
    read_timeout: Option<Duration>,
    /// The socket's write timeout as last set (`None`: none, the socket's default).
    write_timeout: Option<Duration>,
}

impl CancellableTcp {
    /// A transport over the connected `socket`, with nothing pending and the socket's
    /// timeouts as the system left them.
    fn new(socket: Arc<TcpStream>, buffers: LazyBuffers) -> CancellableTcp {
        CancellableTcp {
            socket,
            buffers,
            pending: Vec::new(),
            pending_until: None,
            pending_reason: Timeout::SendRequest,
            read_timeout: None,
            write_timeout: None,
        }
    }

    /// Writes the pending bytes, by their write deadline, with the socket registered with
    /// the current call's token. Nothing is pending afterwards, even on an error (the
    /// connection is then unusable: ureq drops it).
    fn flush(&mut self) -> Result<(), ureq::Error> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let call = current_call();
        let result = register(&call, &self.socket).and_then(|_registration| {
            write_by(
                &self.socket,
                &self.pending,
                &mut self.write_timeout,
                self.pending_until,
            )
            .map_err(|e| io_error(e, self.pending_reason))
        });
        self.pending.clear();
        self.pending_until = None;
        result
    }
}

/// Writes all of `bytes`, giving up at `until` (`None`: never); `set` is the socket's
/// write timeout. A write the socket timeout ends early is continued for the time left.
fn write_by(
    mut socket: &TcpStream,
    bytes: &[u8],
    set: &mut Option<Duration>,
    until: Option<Instant>,
) -> io::Result<()> {
    let mut sent = 0;
    while sent < bytes.len() {
        keep_timeout_within(set, until, |t| socket.set_write_timeout(t))?;
        match socket.write(&bytes[sent..]) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => sent += n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
                ) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads once into `buffer`, giving up at `until` (`None`: never); `set` is the socket's
/// read timeout. A wait the socket timeout (or a signal) ends early is continued for the
/// time left.
fn read_by(
    mut socket: &TcpStream,
    buffer: &mut [u8],
    set: &mut Option<Duration>,
    until: Option<Instant>,
) -> io::Result<usize> {
    loop {
        keep_timeout_within(set, until, |t| socket.set_read_timeout(t))?;
        match socket.read(buffer) {
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
                ) => {}
            other => return other,
        }
    }
}

/// Waits at least this long are given a socket timeout an eighth shorter than the time
/// left, so the next wait of about the same length can keep it.
const TRIM_FROM: Duration = Duration::from_millis(10);

/// Makes sure the socket timeout (`set`, changed with `apply`) never outlasts `until`: it
/// stays when it is no longer than the time left and at least half of it (a shorter one
/// only ends the wait early, and the caller waits again for the rest), else it is set anew.
/// Calls with the same attempt timeout thus keep one value instead of a system call for
/// every read and write. An error (a timeout) when no time is left.
fn keep_timeout_within(
    set: &mut Option<Duration>,
    until: Option<Instant>,
    apply: impl FnOnce(Option<Duration>) -> io::Result<()>,
) -> io::Result<()> {
    let left = time_left(until)?;
    let keep = match (left, *set) {
        (None, None) => true,
        (Some(left), Some(current)) => current <= left && current >= left / 2,
        _ => false,
    };
    if !keep {
        let value = left.map(|l| if l >= TRIM_FROM { l - l / 8 } else { l });
        // A failed call leaves the socket's timeout (and so `set`) as it was.
        apply(value)?;
        *set = value;
    }
    Ok(())
}

/// When an I/O operation (or a connect) given `timeout` by ureq must give up by, cut to the
/// current call's deadline (`None`: never), and the timeout reported then; an error when no
/// time is left.
fn io_until(
    call: &Option<Call>,
    timeout: NextTimeout,
) -> Result<(Option<Instant>, Timeout), ureq::Error> {
    let timeout = cut_to_deadline(call, timeout)?;
    if timeout.after.is_not_happening() {
        Ok((None, timeout.reason))
    } else if timeout.after.is_zero() {
        Err(ureq::Error::Timeout(timeout.reason))
    } else {
        Ok((Some(Instant::now() + *timeout.after), timeout.reason))
    }
}

/// A socket error as ureq's: a socket timeout is the timeout of `reason`.
fn io_error(e: io::Error, reason: Timeout) -> ureq::Error {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ureq::Error::Timeout(reason),
        _ => ureq::Error::Io(e),
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

    /// Holds the bytes for the next flush (see [`CancellableTcp`]); a cancelled call or a
    /// passed deadline fails here as a write would.
    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let call = current_call();
        let (until, reason) = io_until(&call, timeout.for_write())?;
        if is_cancelled(&call) {
            return Err(cancelled());
        }
        // The pending bytes must be written by the earliest of their deadlines.
        let earlier = match (until, self.pending_until) {
            (Some(new), Some(old)) => new < old,
            (new, old) => new.is_some() && old.is_none(),
        };
        if self.pending.is_empty() || earlier {
            self.pending_until = until;
            self.pending_reason = reason;
        }
        self.pending
            .extend_from_slice(&self.buffers.output()[..amount]);
        if self.pending.len() >= MAX_PENDING {
            self.flush()?;
        }
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.flush()?;
        let call = current_call();
        let (until, reason) = io_until(&call, timeout.for_read())?;
        let _registration = register(&call, &self.socket)?;
        let amount = read_by(
            &self.socket,
            self.buffers.input_append_buf(),
            &mut self.read_timeout,
            until,
        )
        .map_err(|e| io_error(e, reason))?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    /// Whether an idle pooled connection is still usable: nothing unsent, nothing to read,
    /// no EOF and no error — one non-blocking peek finds that the read would block.
    fn is_open(&mut self) -> bool {
        if !self.pending.is_empty() {
            return false;
        }
        let mut probe = 0u8;
        // SAFETY: the buffer is one valid, writable byte and the length says one.
        let read = unsafe {
            libc::recv(
                self.socket.as_raw_fd(),
                (&raw mut probe).cast(),
                1,
                libc::MSG_PEEK | libc::MSG_DONTWAIT,
            )
        };
        read < 0 && io::Error::last_os_error().kind() == io::ErrorKind::WouldBlock
    }
}

impl Drop for CancellableTcp {
    /// Sends what is still pending as far as the socket takes it without blocking: ureq
    /// drops a connection without awaiting input only after a failure, so this is the
    /// courtesy of finishing what was handed over, never a wait.
    fn drop(&mut self) {
        let mut sent = 0;
        while sent < self.pending.len() {
            let rest = &self.pending[sent..];
            // SAFETY: `rest` is valid for reads of its length.
            let n = unsafe {
                libc::send(
                    self.socket.as_raw_fd(),
                    rest.as_ptr().cast(),
                    rest.len(),
                    libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL,
                )
            };
            match usize::try_from(n) {
                Ok(n) if n > 0 => sent += n,
                _ if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted => {}
                _ => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;
    use std::thread;

    use ureq::unversioned::transport::time::Duration as NextDuration;

    use super::*;
    use crate::cancel::CancelToken;
    use crate::transport::call::{CallMark, LATE};

    /// The bytes a write that must block is given: far more than the socket buffers take.
    const BIG: usize = 64 * 1024 * 1024;

    /// A connected pair: our transport (no call marked: no deadline) and the server's end.
    fn pair() -> (CancellableTcp, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        server
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let transport =
            CancellableTcp::new(Arc::new(client), LazyBuffers::new(16 * 1024, 16 * 1024));
        (transport, server)
    }

    fn forever() -> NextTimeout {
        NextTimeout {
            after: NextDuration::NotHappening,
            reason: Timeout::Global,
            per_read: None,
            per_write: None,
        }
    }

    /// Hands `bytes` to the transport as ureq does: into its output buffer, then transmit.
    fn transmit(transport: &mut CancellableTcp, bytes: &[u8]) -> Result<(), ureq::Error> {
        transport.buffers().output()[..bytes.len()].copy_from_slice(bytes);
        transport.transmit_output(bytes.len(), forever())
    }

    /// Whether the server's end has bytes to read right now.
    fn readable(server: &TcpStream) -> bool {
        server.set_nonblocking(true).unwrap();
        let readable = server.peek(&mut [0u8; 1]).is_ok();
        server.set_nonblocking(false).unwrap();
        readable
    }

    #[test]
    fn transmitted_bytes_go_out_together_when_input_is_awaited() {
        let (mut transport, mut server) = pair();
        transmit(&mut transport, b"POST / HTTP/1.1\r\n\r\n").unwrap();
        transmit(&mut transport, b"{\"body\":1}").unwrap();
        assert!(
            !readable(&server),
            "nothing is written before ureq awaits input"
        );
        let serve = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // One read gets both pieces: they went out in one write.
            let n = server.read(&mut buf).unwrap();
            server.write_all(b"HTTP/1.1 200 OK\r\n").unwrap();
            buf[..n].to_vec()
        });
        assert!(transport.await_input(forever()).unwrap());
        assert_eq!(transport.buffers().input(), b"HTTP/1.1 200 OK\r\n");
        assert_eq!(
            serve.join().unwrap(),
            b"POST / HTTP/1.1\r\n\r\n{\"body\":1}".to_vec()
        );
    }

    #[test]
    fn more_than_the_bound_is_written_without_waiting_for_input() {
        let (mut transport, mut server) = pair();
        let chunk = vec![b'x'; 16 * 1024];
        for _ in 0..MAX_PENDING / chunk.len() - 1 {
            transmit(&mut transport, &chunk).unwrap();
        }
        assert!(!readable(&server));
        transmit(&mut transport, &chunk).unwrap();
        assert!(transport.pending.is_empty());
        let mut received = vec![0u8; MAX_PENDING];
        server.read_exact(&mut received).unwrap();
        assert!(received.iter().all(|b| *b == b'x'));
    }

    #[test]
    fn bytes_still_pending_are_sent_when_the_connection_is_dropped() {
        let (mut transport, mut server) = pair();
        transmit(&mut transport, b"last words").unwrap();
        drop(transport);
        let mut received = Vec::new();
        server.read_to_end(&mut received).unwrap();
        assert_eq!(received, b"last words");
    }

    #[test]
    fn a_connection_is_open_while_idle_and_not_after_bytes_eof_or_unsent_output() {
        let (mut transport, mut server) = pair();
        assert!(transport.is_open(), "idle");
        assert!(transport.is_open(), "the probe leaves the socket as it was");

        transmit(&mut transport, b"GET").unwrap();
        assert!(!transport.is_open(), "an unsent request makes it unusable");
        transport.flush().unwrap();
        let mut buf = [0u8; 3];
        server.read_exact(&mut buf).unwrap();
        assert!(transport.is_open());

        server.write_all(b"junk").unwrap();
        server.flush().unwrap();
        thread::sleep(Duration::from_millis(20));
        assert!(!transport.is_open(), "bytes nobody asked for");
        // The probe only peeks: the bytes are still there to read.
        assert!(transport.await_input(forever()).unwrap());
        assert_eq!(transport.buffers().input(), b"junk");
        let n = transport.buffers().input().len();
        transport.buffers().input_consume(n);
        assert!(transport.is_open());

        drop(server);
        thread::sleep(Duration::from_millis(20));
        assert!(!transport.is_open(), "the server closed it");
    }

    #[test]
    fn a_pending_write_fails_as_a_timeout_once_its_deadline_passed() {
        let (mut transport, _server) = pair();
        let _call = CallMark::enter(None, Instant::now() + Duration::from_millis(30));
        transmit(&mut transport, b"late").unwrap();
        thread::sleep(Duration::from_millis(40));
        let error = transport.await_input(forever()).unwrap_err();
        assert!(
            matches!(error, ureq::Error::Timeout(Timeout::PerCall)),
            "{error:?}"
        );
        assert!(transport.pending.is_empty());
    }

    #[test]
    fn a_cancelled_call_cannot_transmit() {
        let (mut transport, _server) = pair();
        let token = CancelToken::new();
        token.cancel();
        let _call = CallMark::enter(Some(&token), Instant::now() + Duration::from_secs(10));
        let error = transmit(&mut transport, b"never").unwrap_err();
        assert!(error.to_string().contains("cancelled"), "{error}");
        assert!(transport.pending.is_empty());
    }

    #[test]
    fn cancelling_interrupts_a_blocked_write_of_the_pending_bytes() {
        // The server reads nothing, so writing megabytes blocks once the socket buffers fill.
        let (mut transport, _server) = pair();
        transport.pending = vec![b'x'; BIG];
        let token = CancelToken::new();
        let canceller = {
            let token = token.clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(100));
                token.cancel();
            })
        };
        let _call = CallMark::enter(Some(&token), Instant::now() + Duration::from_secs(30));
        let started = Instant::now();
        let error = transport.flush().unwrap_err();
        canceller.join().unwrap();
        assert!(token.is_cancelled());
        assert!(matches!(error, ureq::Error::Io(_)), "{error:?}");
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "ended by the cancel"
        );
        assert!(transport.pending.is_empty());
    }

    /// The socket's read timeout as the kernel has it.
    fn socket_read_timeout(transport: &CancellableTcp) -> Option<Duration> {
        transport.socket.read_timeout().unwrap()
    }

    #[test]
    fn a_read_timeout_is_kept_for_waits_of_about_the_same_length() {
        let (mut transport, mut server) = pair();
        let mut exchange = |transport: &mut CancellableTcp, deadline: Duration| {
            let _call = CallMark::enter(None, Instant::now() + deadline);
            server.write_all(b"x").unwrap();
            assert!(transport.await_input(forever()).unwrap());
            transport.buffers().input_consume(1);
        };
        exchange(&mut transport, Duration::from_secs(8));
        let first = socket_read_timeout(&transport).unwrap();
        assert!(first <= Duration::from_secs(7) && first > Duration::from_secs(6));
        exchange(&mut transport, Duration::from_secs(8));
        assert_eq!(socket_read_timeout(&transport), Some(first), "kept");
        exchange(&mut transport, Duration::from_secs(5));
        let shorter = socket_read_timeout(&transport).unwrap();
        assert!(shorter < Duration::from_secs(5), "never past the deadline");
        exchange(&mut transport, Duration::from_secs(60));
        assert!(
            socket_read_timeout(&transport).unwrap() > Duration::from_secs(30),
            "not cut to a small part of a longer wait"
        );
    }

    #[test]
    fn a_kept_timeout_shorter_than_the_wait_ends_no_read_early() {
        let (mut transport, mut server) = pair();
        {
            let _call = CallMark::enter(None, Instant::now() + Duration::from_millis(400));
            server.write_all(b"x").unwrap();
            assert!(transport.await_input(forever()).unwrap());
            transport.buffers().input_consume(1);
        }
        let kept = socket_read_timeout(&transport).unwrap();
        // A longer wait keeps that timeout, and the answer comes after it has passed.
        let _call = CallMark::enter(None, Instant::now() + Duration::from_millis(600));
        let answer = thread::spawn(move || {
            thread::sleep(kept + Duration::from_millis(100));
            server.write_all(b"late").unwrap();
            server
        });
        assert!(transport.await_input(forever()).unwrap());
        assert_eq!(transport.buffers().input(), b"late");
        drop(answer.join().unwrap());
    }

    #[test]
    fn a_read_ends_at_the_deadline_after_a_longer_timeout_was_set() {
        let (mut transport, mut server) = pair();
        {
            let _call = CallMark::enter(None, Instant::now() + Duration::from_secs(30));
            server.write_all(b"x").unwrap();
            assert!(transport.await_input(forever()).unwrap());
            transport.buffers().input_consume(1);
        }
        let deadline = Instant::now() + Duration::from_millis(100);
        let _call = CallMark::enter(None, deadline);
        let error = transport.await_input(forever()).unwrap_err();
        let ended = Instant::now();
        assert!(
            matches!(error, ureq::Error::Timeout(Timeout::PerCall)),
            "{error:?}"
        );
        assert!(ended >= deadline, "not before the deadline");
        assert!(ended < deadline + LATE, "ended {:?} late", ended - deadline);
    }

    #[test]
    fn a_blocked_write_of_the_pending_bytes_ends_at_its_deadline() {
        // The server reads nothing; the write blocks once the socket buffers fill.
        let (mut transport, _server) = pair();
        // Setup before the clock starts: all but the last bytes are pending already, in
        // memory allocated and touched here (touching 64 MiB for the first time, or filling
        // them in a debug build, costs far more than the write under test).
        let mut pending = Vec::with_capacity(BIG);
        pending.resize(BIG - 4, b'x');
        transport.pending = pending;
        let deadline = Instant::now() + Duration::from_millis(200);
        let _call = CallMark::enter(None, deadline);
        // The last bytes give the pending ones their deadline and, past the bound, write
        // them all.
        transport.buffers().output()[..4].copy_from_slice(b"big ");
        let error = transport.transmit_output(4, forever()).unwrap_err();
        let ended = Instant::now();
        assert!(
            matches!(error, ureq::Error::Timeout(Timeout::PerCall)),
            "{error:?}"
        );
        eprintln!("the write ended {:?} after its deadline", ended - deadline);
        assert!(ended < deadline + LATE, "ended {:?} late", ended - deadline);
    }
}
