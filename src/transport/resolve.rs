//! Name lookups, made only when a new connection is: ureq asks its resolver before it looks
//! in the keep-alive pool, so [`DeferringResolver`] answers an IP address at once and defers a
//! name (an empty list), and the TCP connector looks it up with [`Lookups`] when it really
//! connects. That holds for an HTTP proxy's name too: ureq's `ConnectProxyConnector` asks the
//! resolver for the proxy, then opens the connection to it through the same TCP connector.
//! A lookup waits only as long as the connect timeout (and attempt deadline) allow,
//! and a cancel ends it at once.
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
use std::time::Instant;

use ureq::Timeout;
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::call::{self, Call};
use crate::cancel::{CancelToken, Registration};

/// Most abandoned lookups that may still run in the background, in the whole process.
const MAX_ABANDONED: usize = 16;

/// Lookups abandoned by their calls and still running, in the whole process.
static ABANDONED: AtomicUsize = AtomicUsize::new(0);

/// The stack of a lookup thread: `getaddrinfo` with the usual NSS modules needs far less,
/// and the default (2 MiB of address space) is wasted on it.
const LOOKUP_STACK: usize = 256 * 1024;

/// Most addresses of a name tried, as ureq keeps them: the rest are not tried.
const MAX_ADDRESSES: usize = 16;

/// Looks up `host:port`: the addresses, in the order to try them.
pub(super) type Lookup = dyn Fn(&str) -> io::Result<Vec<SocketAddr>> + Send + Sync;

/// The agent's resolver: an IP address is the address (no lookup, no thread); a name is
/// deferred (no address) to the connector, which looks it up with [`Lookups`] only when it
/// opens a new connection, never for a pooled one.
#[derive(Debug)]
pub(super) struct DeferringResolver;

impl Resolver for DeferringResolver {
    fn resolve(
        &self,
        uri: &Uri,
        _config: &ureq::config::Config,
        _timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let mut addrs = self.empty();
        let (host, port) = host_and_port(uri);
        if let Some(ip) = super::host::ip_literal(host) {
            addrs.push(SocketAddr::new(ip, port));
        }
        Ok(addrs)
    }
}

/// The host of `uri` and its port (the scheme's when none is given).
fn host_and_port(uri: &Uri) -> (&str, u16) {
    let host = uri.host().unwrap_or_default();
    let default = if uri.scheme_str() == Some("https") {
        443
    } else {
        80
    };
    (host, uri.port_u16().unwrap_or(default))
}

/// Looks names up on threads of their own, each waited for within a time limit, cancellably;
/// an IP address needs no lookup (and no thread).
pub(super) struct Lookups {
    lookup: Arc<Lookup>,
    /// Lookup threads' stack size.
    stack_size: usize,
    /// Abandoned lookups still running, and the most allowed.
    abandoned: &'static AtomicUsize,
    max_abandoned: usize,
}

impl std::fmt::Debug for Lookups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lookups")
            .field("max_abandoned", &self.max_abandoned)
            .finish_non_exhaustive()
    }
}

impl Lookups {
    /// Lookups with the system's resolver (`getaddrinfo`).
    pub(super) fn system() -> Lookups {
        Lookups::with(Arc::new(|address: &str| {
            address.to_socket_addrs().map(Iterator::collect)
        }))
    }

    /// Lookups with `lookup`, sharing the process-wide bound on abandoned lookups.
    pub(super) fn with(lookup: Arc<Lookup>) -> Lookups {
        Lookups {
            lookup,
            stack_size: LOOKUP_STACK,
            abandoned: &ABANDONED,
            max_abandoned: MAX_ABANDONED,
        }
    }

    /// The addresses of `uri`'s host (at most [`MAX_ADDRESSES`]), in the order to try them:
    /// an IP address at once, a name looked up by `until` (`None`: no limit; then a timeout
    /// of `reason`) unless the call is cancelled first. A name without addresses is
    /// `HostNotFound`.
    pub(super) fn addresses(
        &self,
        uri: &Uri,
        call: &Option<Call>,
        until: Option<Instant>,
        reason: Timeout,
    ) -> Result<Vec<SocketAddr>, ureq::Error> {
        let (host, port) = host_and_port(uri);
        if let Some(ip) = super::host::ip_literal(host) {
            return Ok(vec![SocketAddr::new(ip, port)]);
        }
        let mut found = self.lookup(format!("{host}:{port}"), call, until, reason)?;
        found.truncate(MAX_ADDRESSES);
        if found.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        Ok(found)
    }

    /// Looks `address` up on a thread of its own, waiting at most until `until` (then a
    /// timeout of `reason`) or until the call's token is cancelled.
    fn lookup(
        &self,
        address: String,
        call: &Option<Call>,
        until: Option<Instant>,
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

    /// Waits for the answer of the lookup `pending` until `until` (`None`: no limit; then a
    /// timeout of `reason`) or until the call's token is cancelled; a lookup given up on is
    /// counted as abandoned until its thread ends.
    fn wait_for_answer(
        &self,
        pending: &Pending,
        call: &Option<Call>,
        until: Option<Instant>,
        reason: Timeout,
    ) -> Result<Vec<SocketAddr>, ureq::Error> {
        let mut state = pending.lock();
        loop {
            if let Some(result) = state.result.take() {
                return result.map_err(ureq::Error::from);
            }
            let left = until.map(|u| u.saturating_duration_since(Instant::now()));
            let failure = if call::is_cancelled(call) {
                call::cancelled()
            } else if left.is_some_and(|l| l.is_zero()) {
                ureq::Error::Timeout(reason)
            } else {
                state = match left {
                    Some(left) => {
                        let waited = pending.done.wait_timeout(state, left);
                        waited.unwrap_or_else(PoisonError::into_inner).0
                    }
                    None => pending
                        .done
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner),
                };
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
        .map_err(|_| call::cancelled())
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

#[cfg(test)]
mod tests {
    use std::sync::mpsc::{self, Receiver, Sender};
    use std::time::Duration;

    use super::*;
    use crate::transport::call::{CallMark, LATE, current_call};

    /// How soon after `cancel()` a waiting lookup must have returned: the library's promise;
    /// [`LATE`] on top allows for the scheduler of a loaded machine.
    const CANCEL_BOUND: Duration = Duration::from_millis(50);

    /// A lookup the test controls: each call reports that it started (with the address it
    /// looks up), then blocks until the test sends the answer.
    struct Controlled {
        started: Receiver<String>,
        answers: Sender<io::Result<Vec<SocketAddr>>>,
    }

    /// Lookups with a controlled lookup and their own count of abandoned lookups.
    fn controlled(max_abandoned: usize) -> (Lookups, Controlled) {
        let (started_tx, started) = mpsc::channel();
        let (answers, answer_rx) = mpsc::channel();
        let started_tx = Mutex::new(started_tx);
        let answer_rx = Mutex::new(answer_rx);
        let lookup = move |address: &str| {
            started_tx.lock().unwrap().send(address.to_owned()).unwrap();
            answer_rx.lock().unwrap().recv().unwrap()
        };
        let lookups = Lookups {
            abandoned: Box::leak(Box::new(AtomicUsize::new(0))),
            max_abandoned,
            ..Lookups::with(Arc::new(lookup))
        };
        (lookups, Controlled { started, answers })
    }

    /// The addresses of a name, waited for until `until` (a timeout of `Resolve` then).
    fn addresses(
        lookups: &Lookups,
        until: Option<Instant>,
    ) -> Result<Vec<SocketAddr>, ureq::Error> {
        let uri: Uri = "https://cognito-idp.example:8443/".parse().unwrap();
        lookups.addresses(&uri, &current_call(), until, Timeout::Resolve)
    }

    /// Waits (bounded) until the abandoned lookups of `lookups` number `n`.
    fn await_abandoned(lookups: &Lookups, n: usize) {
        let until = Instant::now() + Duration::from_secs(10);
        while lookups.abandoned.load(Ordering::SeqCst) != n {
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
        let (lookups, control) = controlled(4);
        control.answers.send(Ok(localhost())).unwrap();
        let addrs = addresses(&lookups, None).unwrap();
        assert_eq!(addrs, localhost());
        assert_eq!(control.started.recv().unwrap(), "cognito-idp.example:8443");
    }

    #[test]
    fn sixteen_addresses_at_most_are_kept_and_none_is_host_not_found() {
        let (lookups, control) = controlled(4);
        let many: Vec<SocketAddr> = (1..=20)
            .map(|i| SocketAddr::from(([127, 0, 0, i], 8443)))
            .collect();
        control.answers.send(Ok(many.clone())).unwrap();
        assert_eq!(addresses(&lookups, None).unwrap(), many[..16]);
        control.answers.send(Ok(Vec::new())).unwrap();
        let error = addresses(&lookups, None).unwrap_err();
        assert!(matches!(error, ureq::Error::HostNotFound), "{error:?}");
    }

    #[test]
    fn a_lookup_ends_at_its_time_limit_as_a_timeout_of_the_given_reason() {
        let (lookups, control) = controlled(4);
        let until = Instant::now() + Duration::from_millis(200);
        let error = addresses(&lookups, Some(until)).unwrap_err();
        let ended = Instant::now();
        assert!(
            matches!(error, ureq::Error::Timeout(Timeout::Resolve)),
            "{error:?}"
        );
        assert!(
            ended >= until && ended < until + LATE,
            "{:?} late",
            ended - until
        );
        // The abandoned lookup finishes in the background once its answer comes.
        await_abandoned(&lookups, 1);
        control.answers.send(Ok(localhost())).unwrap();
        await_abandoned(&lookups, 0);
    }

    #[test]
    fn cancel_ends_a_call_waiting_for_a_lookup() {
        let (lookups, control) = controlled(4);
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
        let error = addresses(&lookups, None).unwrap_err();
        let returned = Instant::now();
        let (cancelled_at, control) = canceller.join().unwrap();
        let latency = returned.saturating_duration_since(cancelled_at);
        eprintln!("cancel while resolving: returned {latency:?} after cancel()");
        assert!(error.to_string().contains("cancelled"), "{error}");
        assert!(latency <= CANCEL_BOUND + LATE, "cancel took {latency:?}");
        control.answers.send(Ok(localhost())).unwrap();
        await_abandoned(&lookups, 0);
    }

    #[test]
    fn a_cancelled_call_starts_no_lookup() {
        let (lookups, control) = controlled(4);
        let token = CancelToken::new();
        token.cancel();
        let _call = CallMark::enter(Some(&token), Instant::now() + Duration::from_secs(30));
        let error = addresses(&lookups, None).unwrap_err();
        assert!(error.to_string().contains("cancelled"), "{error}");
        assert!(control.started.try_recv().is_err(), "no lookup ran");
    }

    #[test]
    fn abandoned_lookups_are_bounded_and_none_is_started_past_the_bound() {
        let (lookups, control) = controlled(2);
        let soon = || Some(Instant::now() + Duration::from_millis(20));
        for _ in 0..2 {
            let error = addresses(&lookups, soon()).unwrap_err();
            assert!(
                matches!(error, ureq::Error::Timeout(Timeout::Resolve)),
                "{error:?}"
            );
        }
        await_abandoned(&lookups, 2);
        let error = addresses(&lookups, soon()).unwrap_err();
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
        await_abandoned(&lookups, 0);
        assert_eq!(addresses(&lookups, soon()).unwrap(), localhost());
    }

    #[test]
    fn a_lookup_thread_that_cannot_start_is_an_error_not_a_panic() {
        let (mut lookups, control) = controlled(4);
        // 64 TiB of stack: no system maps that, so the thread cannot be created.
        lookups.stack_size = 1 << 46;
        let error = addresses(&lookups, None).unwrap_err();
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
    fn an_ip_address_needs_no_lookup_and_a_name_is_deferred() {
        let (lookups, control) = controlled(4);
        let config = ureq::Agent::config_builder().build();
        let timeout = NextTimeout {
            after: ureq::unversioned::transport::time::Duration::NotHappening,
            reason: Timeout::Global,
            per_read: None,
            per_write: None,
        };
        let ip: Uri = "http://[::1]:9000/".parse().unwrap();
        let expected = ["[::1]:9000".parse::<SocketAddr>().unwrap()];
        let resolved = DeferringResolver.resolve(&ip, &config, timeout).unwrap();
        assert_eq!(&resolved[..], &expected[..]);
        let looked_up = lookups.addresses(&ip, &None, None, Timeout::Resolve);
        assert_eq!(looked_up.unwrap(), expected);
        let name: Uri = "https://cognito-idp.example/".parse().unwrap();
        let deferred = DeferringResolver.resolve(&name, &config, timeout).unwrap();
        assert!(deferred.is_empty());
        assert!(control.started.try_recv().is_err(), "no lookup ran");
    }
}
