//! Name lookups that a call waits for only as long as its connect timeout (and attempt
//! deadline) allow, and that a cancel ends at once.
//!
//! A lookup (`getaddrinfo`) cannot be interrupted, so it runs on a thread of its own while
//! the call waits for its answer. A call that stops waiting (timed out or cancelled)
//! abandons the lookup, which finishes in the background; at most [`MAX_ABANDONED`] such
//! lookups run at once, and a lookup beyond that is refused as a connection error rather
//! than adding a thread. A thread that cannot be started is a connection error too.

use std::io;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use ureq::Timeout;
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::tcp::{self, Call};
use crate::cancel::{CancelToken, Registration};

/// Most abandoned lookups that may still run in the background, in the whole process.
const MAX_ABANDONED: usize = 16;

/// Lookups abandoned by their calls and still running, in the whole process.
static ABANDONED: AtomicUsize = AtomicUsize::new(0);

/// The stack of a lookup thread: `getaddrinfo` with the usual NSS modules needs far less,
/// and the default (2 MiB of address space) is wasted on it.
const LOOKUP_STACK: usize = 256 * 1024;

/// Looks up `host:port`: the addresses, in the order to try them.
pub(super) type Lookup = dyn Fn(&str) -> io::Result<Vec<SocketAddr>> + Send + Sync;

/// Resolves the endpoint's name within the connect timeout and the attempt deadline,
/// cancellably; an IP address needs no lookup (and no thread).
pub(super) struct DeadlineResolver {
    /// The client's connect timeout: the lookup and the connect after it share it.
    connect_timeout: Duration,
    lookup: Arc<Lookup>,
    /// Lookup threads' stack size.
    stack_size: usize,
    /// Abandoned lookups still running, and the most allowed.
    abandoned: &'static AtomicUsize,
    max_abandoned: usize,
}

impl std::fmt::Debug for DeadlineResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeadlineResolver")
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

impl DeadlineResolver {
    /// A resolver using the system's lookup (`getaddrinfo`).
    pub(super) fn new(connect_timeout: Duration) -> DeadlineResolver {
        DeadlineResolver {
            connect_timeout,
            lookup: Arc::new(|address| address.to_socket_addrs().map(Iterator::collect)),
            stack_size: LOOKUP_STACK,
            abandoned: &ABANDONED,
            max_abandoned: MAX_ABANDONED,
        }
    }

    /// Looks `address` up on a thread of its own, waiting at most until `until` (then a
    /// timeout of `reason`) or until the call's token is cancelled.
    fn lookup(
        &self,
        address: String,
        call: &Option<Call>,
        until: Instant,
        reason: Timeout,
    ) -> Result<Vec<SocketAddr>, ureq::Error> {
        if self.abandoned.load(Ordering::SeqCst) >= self.max_abandoned {
            return Err(io::Error::other(format!(
                "{} earlier name lookups are still running; not starting another",
                self.max_abandoned
            ))
            .into());
        }
        let pending = Arc::new(Pending::default());
        // Registered before the thread starts: a cancelled call starts no lookup.
        let _registration = match call.as_ref().and_then(|c| c.cancel.as_ref()) {
            Some(token) => Some(wake_on_cancel(token, pending.clone())?),
            None => None,
        };
        self.start_lookup(address, pending.clone())?;
        self.wait_for_answer(&pending, call, until, reason)
    }

    /// Starts the thread that looks `address` up and hands the answer to `pending`.
    fn start_lookup(&self, address: String, pending: Arc<Pending>) -> Result<(), ureq::Error> {
        let (lookup, abandoned) = (self.lookup.clone(), self.abandoned);
        thread::Builder::new()
            .name("cognito-lookup".into())
            .stack_size(self.stack_size)
            .spawn(move || {
                let result = lookup(&address);
                let mut state = pending.lock();
                if state.abandoned {
                    abandoned.fetch_sub(1, Ordering::SeqCst);
                }
                state.result = Some(result);
                drop(state);
                pending.done.notify_all();
            })
            .map_err(|e| io::Error::other(format!("cannot start a name lookup thread: {e}")))?;
        Ok(())
    }

    /// Waits for the answer of the lookup `pending` until `until` (then a timeout of
    /// `reason`) or until the call's token is cancelled; a lookup given up on is counted as
    /// abandoned until its thread ends.
    fn wait_for_answer(
        &self,
        pending: &Pending,
        call: &Option<Call>,
        until: Instant,
        reason: Timeout,
    ) -> Result<Vec<SocketAddr>, ureq::Error> {
        let mut state = pending.lock();
        loop {
            if let Some(result) = state.result.take() {
                return result.map_err(ureq::Error::from);
            }
            let left = until.saturating_duration_since(Instant::now());
            let failure = if tcp::is_cancelled(call) {
                tcp::cancelled()
            } else if left.is_zero() {
                ureq::Error::Timeout(reason)
            } else {
                state = pending
                    .done
                    .wait_timeout(state, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
                continue;
            };
            state.abandoned = true;
            self.abandoned.fetch_add(1, Ordering::SeqCst);
            return Err(failure);
        }
    }
}

/// Wakes the waiter of `pending` when `token` is cancelled, until the registration is dropped;
/// an already cancelled token is the call's cancellation.
fn wake_on_cancel(token: &CancelToken, pending: Arc<Pending>) -> Result<Registration, ureq::Error> {
    token
        .on_cancel(Box::new(move || {
            // Under the pending lookup's lock, so the waiter cannot miss it.
            drop(pending.lock());
            pending.done.notify_all();
        }))
        .map_err(|_| tcp::cancelled())
}

/// A lookup under way: its answer once it has one, and whether its call stopped waiting.
#[derive(Default)]
struct Pending {
    state: Mutex<PendingState>,
    done: Condvar,
}

#[derive(Default)]
struct PendingState {
    result: Option<io::Result<Vec<SocketAddr>>>,
    abandoned: bool,
}

impl Pending {
    fn lock(&self) -> MutexGuard<'_, PendingState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Resolver for DeadlineResolver {
    fn resolve(
        &self,
        uri: &Uri,
        _config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default();
        let port = uri
            .port_u16()
            .unwrap_or(if uri.scheme_str() == Some("https") {
                443
            } else {
                80
            });
        let connect_until = Instant::now() + self.connect_timeout;
        tcp::connect_by(connect_until);
        let mut addrs = self.empty();
        if let Some(ip) = super::host::ip_literal(host) {
            addrs.push(SocketAddr::new(ip, port));
            return Ok(addrs);
        }
        // The earliest of: the connect timeout, ureq's timeout, the attempt deadline.
        let call = tcp::current_call();
        let mut timeout = tcp::cut_to_deadline(&call, timeout)?;
        let mut until = connect_until;
        if timeout.after.is_not_happening() || connect_until <= Instant::now() + *timeout.after {
            timeout.reason = Timeout::Resolve;
        } else {
            until = Instant::now() + *timeout.after;
        }
        let found = self.lookup(format!("{host}:{port}"), &call, until, timeout.reason)?;
        // ureq keeps 16 addresses at most; the rest are not tried.
        for addr in found {
            if addrs.try_push(addr).is_err() {
                break;
            }
        }
        if addrs.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::{self, Receiver, Sender};

    use super::*;
    use crate::transport::tcp::CallMark;

    use crate::transport::tcp::LATE;

    /// How soon after `cancel()` a waiting lookup must have returned: the library's promise;
    /// [`LATE`] on top allows for the scheduler of a loaded machine.
    const CANCEL_BOUND: Duration = Duration::from_millis(50);

    /// A lookup the test controls: each call reports that it started (with the address it
    /// looks up), then blocks until the test sends the answer.
    struct Controlled {
        started: Receiver<String>,
        answers: Sender<io::Result<Vec<SocketAddr>>>,
    }

    /// A resolver with a controlled lookup and its own count of abandoned lookups.
    fn controlled(
        connect_timeout: Duration,
        max_abandoned: usize,
    ) -> (DeadlineResolver, Controlled) {
        let (started_tx, started) = mpsc::channel();
        let (answers, answer_rx) = mpsc::channel();
        let started_tx = Mutex::new(started_tx);
        let answer_rx = Mutex::new(answer_rx);
        let lookup = move |address: &str| {
            started_tx.lock().unwrap().send(address.to_owned()).unwrap();
            answer_rx.lock().unwrap().recv().unwrap()
        };
        let resolver = DeadlineResolver {
            connect_timeout,
            lookup: Arc::new(lookup),
            stack_size: LOOKUP_STACK,
            abandoned: Box::leak(Box::new(AtomicUsize::new(0))),
            max_abandoned,
        };
        (resolver, Controlled { started, answers })
    }

    fn resolve(resolver: &DeadlineResolver) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let uri: Uri = "https://cognito-idp.example:8443/".parse().unwrap();
        let config = ureq::Agent::config_builder().build();
        let forever = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::NotHappening,
            reason: Timeout::Global,
            per_read: None,
            per_write: None,
        };
        resolver.resolve(&uri, &config, forever)
    }

    /// Waits (bounded) until the abandoned lookups of `resolver` number `n`.
    fn await_abandoned(resolver: &DeadlineResolver, n: usize) {
        let until = Instant::now() + Duration::from_secs(10);
        while resolver.abandoned.load(Ordering::SeqCst) != n {
            assert!(
                Instant::now() < until,
                "abandoned lookups never reached {n}"
            );
            thread::sleep(Duration::from_millis(1));
        }
    }

    fn localhost() -> Vec<SocketAddr> {
        vec!["127.0.0.1:8443".parse().unwrap()]
    }

    #[test]
    fn the_lookups_answer_is_the_addresses_and_the_port() {
        let (resolver, control) = controlled(Duration::from_secs(10), 4);
        control.answers.send(Ok(localhost())).unwrap();
        let _call = CallMark::enter(None, Instant::now() + Duration::from_secs(30));
        let addrs = resolve(&resolver).unwrap();
        assert_eq!(&addrs[..], &localhost()[..]);
        assert_eq!(control.started.recv().unwrap(), "cognito-idp.example:8443");
    }

    #[test]
    fn a_lookup_counts_against_the_connect_timeout_not_the_attempt_deadline() {
        let (resolver, control) = controlled(Duration::from_millis(200), 4);
        let _call = CallMark::enter(None, Instant::now() + Duration::from_secs(30));
        let started = Instant::now();
        let error = resolve(&resolver).unwrap_err();
        let took = started.elapsed();
        assert!(
            matches!(error, ureq::Error::Timeout(Timeout::Resolve)),
            "{error:?}"
        );
        assert!(
            took >= Duration::from_millis(200) && took < Duration::from_millis(200) + LATE,
            "took {took:?}"
        );
        // The abandoned lookup finishes in the background once its answer comes.
        await_abandoned(&resolver, 1);
        control.answers.send(Ok(localhost())).unwrap();
        await_abandoned(&resolver, 0);
    }

    #[test]
    fn an_earlier_attempt_deadline_ends_the_lookup() {
        let (resolver, control) = controlled(Duration::from_secs(20), 4);
        let deadline = Instant::now() + Duration::from_millis(200);
        let _call = CallMark::enter(None, deadline);
        let error = resolve(&resolver).unwrap_err();
        let ended = Instant::now();
        assert!(
            matches!(error, ureq::Error::Timeout(Timeout::PerCall)),
            "{error:?}"
        );
        assert!(
            ended >= deadline && ended < deadline + LATE,
            "{:?} late",
            ended - deadline
        );
        control.answers.send(Ok(localhost())).unwrap();
    }

    #[test]
    fn cancel_ends_a_call_waiting_for_a_lookup() {
        let (resolver, control) = controlled(Duration::from_secs(20), 4);
        let token = CancelToken::new();
        let canceller = {
            let token = token.clone();
            thread::spawn(move || {
                // Cancels once the lookup is under way.
                control.started.recv().unwrap();
                let at = Instant::now();
                token.cancel();
                (at, control)
            })
        };
        let _call = CallMark::enter(Some(&token), Instant::now() + Duration::from_secs(30));
        let error = resolve(&resolver).unwrap_err();
        let returned = Instant::now();
        let (cancelled_at, control) = canceller.join().unwrap();
        let latency = returned.saturating_duration_since(cancelled_at);
        eprintln!("cancel while resolving: returned {latency:?} after cancel()");
        assert!(error.to_string().contains("cancelled"), "{error}");
        assert!(latency <= CANCEL_BOUND + LATE, "cancel took {latency:?}");
        control.answers.send(Ok(localhost())).unwrap();
        await_abandoned(&resolver, 0);
    }

    #[test]
    fn a_cancelled_call_starts_no_lookup() {
        let (resolver, control) = controlled(Duration::from_secs(20), 4);
        let token = CancelToken::new();
        token.cancel();
        let _call = CallMark::enter(Some(&token), Instant::now() + Duration::from_secs(30));
        let error = resolve(&resolver).unwrap_err();
        assert!(error.to_string().contains("cancelled"), "{error}");
        assert!(control.started.try_recv().is_err(), "no lookup ran");
    }

    #[test]
    fn abandoned_lookups_are_bounded_and_none_is_started_past_the_bound() {
        let (resolver, control) = controlled(Duration::from_millis(20), 2);
        let _call = CallMark::enter(None, Instant::now() + Duration::from_secs(30));
        for _ in 0..2 {
            let error = resolve(&resolver).unwrap_err();
            assert!(
                matches!(error, ureq::Error::Timeout(Timeout::Resolve)),
                "{error:?}"
            );
        }
        await_abandoned(&resolver, 2);
        let error = resolve(&resolver).unwrap_err();
        assert!(error.to_string().contains("still running"), "{error}");
        for _ in 0..2 {
            control
                .started
                .recv_timeout(Duration::from_secs(10))
                .unwrap();
        }
        assert!(
            control.started.try_recv().is_err(),
            "no third lookup thread"
        );
        // Once they finish, lookups start again.
        for _ in 0..3 {
            control.answers.send(Ok(localhost())).unwrap();
        }
        await_abandoned(&resolver, 0);
        assert_eq!(&resolve(&resolver).unwrap()[..], &localhost()[..]);
    }

    #[test]
    fn a_lookup_thread_that_cannot_start_is_an_error_not_a_panic() {
        let (mut resolver, control) = controlled(Duration::from_secs(20), 4);
        // 64 TiB of stack: no system maps that, so the thread cannot be created.
        resolver.stack_size = 1 << 46;
        let _call = CallMark::enter(None, Instant::now() + Duration::from_secs(30));
        let error = resolve(&resolver).unwrap_err();
        assert!(matches!(error, ureq::Error::Io(_)), "{error:?}");
        assert!(
            error
                .to_string()
                .contains("cannot start a name lookup thread"),
            "{error}"
        );
        assert!(control.started.try_recv().is_err(), "no lookup ran");
    }

    #[test]
    fn an_ip_address_needs_no_lookup() {
        let (resolver, control) = controlled(Duration::from_secs(20), 4);
        let uri: Uri = "http://[::1]:9000/".parse().unwrap();
        let config = ureq::Agent::config_builder().build();
        let timeout = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::NotHappening,
            reason: Timeout::Global,
            per_read: None,
            per_write: None,
        };
        let addrs = resolver.resolve(&uri, &config, timeout).unwrap();
        assert_eq!(
            &addrs[..],
            &["[::1]:9000".parse::<SocketAddr>().unwrap()][..]
        );
        assert!(control.started.try_recv().is_err());
    }
}
