//! CancelToken: ends a call from any thread, also while it waits on the network or sleeps.
//!
//! A token keeps a registry of what calls using it are blocked on: sockets, and waits of
//! other kinds (a name lookup) with a function that wakes them. `cancel()` sets the flag,
//! shuts those sockets down (`shutdown(Both)`), which makes a blocked read, write or connect
//! return at once, and calls the wake functions. Registration and the flag share one lock,
//! so anything registered before `cancel()` is woken by it, and a registration after it
//! fails: no call can slip into a blocking operation unnoticed.

use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A cancellation switch for calls. Clone it freely; every clone is the same switch.
/// `cancel()` may be called from any thread, any number of times.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Mirrors `Registry::cancelled` for lock-free reads; written only under the lock.
    cancelled: AtomicBool,
    registry: Mutex<Registry>,
    /// Wakes sleepers when the token is cancelled.
    woken: Condvar,
}

#[derive(Default)]
struct Registry {
    cancelled: bool,
    next_id: u64,
    blocked: Vec<(u64, Blocked)>,
}

/// Something a call is blocked on, and how `cancel()` ends the wait.
enum Blocked {
    /// A socket: shut down.
    Socket(Arc<TcpStream>),
    /// Another wait: this function wakes it (it must not block, nor use the token).
    Wait(Arc<dyn Fn() + Send + Sync>),
}

/// Proof that a socket is registered with a token; dropping it removes the registration.
pub(crate) struct Registration {
    token: CancelToken,
    id: u64,
}

/// The token was cancelled before the socket could be registered.
#[derive(Debug)]
pub(crate) struct Cancelled;

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Cancels every call using this token, now and later. Idempotent.
    pub fn cancel(&self) {
        let mut registry = self.lock();
        if registry.cancelled {
            return;
        }
        registry.cancelled = true;
        self.inner.cancelled.store(true, Ordering::SeqCst);
        // Shut down under the lock: a call deregistering its socket then knows no other
        // thread still uses it. shutdown(2) does not block.
        for (_, blocked) in registry.blocked.drain(..) {
            match blocked {
                // An error only means the socket is already closed or not yet connected.
                Blocked::Socket(socket) => drop(socket.shutdown(Shutdown::Both)),
                Blocked::Wait(wake) => wake(),
            }
        }
        drop(registry);
        self.inner.woken.notify_all();
    }

    /// Whether `cancel()` has been called.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    /// Registers a socket that a call is about to block on, so that `cancel()` shuts it
    /// down. Fails if the token is already cancelled.
    pub(crate) fn register(&self, socket: &Arc<TcpStream>) -> Result<Registration, Cancelled> {
        self.add(Blocked::Socket(Arc::clone(socket)))
    }

    /// Registers a wait that a call is about to block in, so that `cancel()` calls `wake`
    /// (which must not block, nor use this token). Fails if the token is already cancelled.
    pub(crate) fn register_wait(
        &self,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Result<Registration, Cancelled> {
        self.add(Blocked::Wait(wake))
    }

    fn add(&self, blocked: Blocked) -> Result<Registration, Cancelled> {
        let mut registry = self.lock();
        if registry.cancelled {
            return Err(Cancelled);
        }
        registry.next_id += 1;
        let id = registry.next_id;
        registry.blocked.push((id, blocked));
        Ok(Registration {
            token: self.clone(),
            id,
        })
    }

    /// Sleeps for `duration` unless the token is cancelled first. Returns `false` when it
    /// was cancelled (before or during the sleep), `true` when the full time passed.
    pub(crate) fn sleep(&self, duration: Duration) -> bool {
        let until = Instant::now() + duration;
        let mut registry = self.lock();
        loop {
            if registry.cancelled {
                return false;
            }
            let now = Instant::now();
            if now >= until {
                return true;
            }
            registry = match self.inner.woken.wait_timeout(registry, until - now) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }

    /// The registry; a panic elsewhere while holding the lock leaves it consistent (every
    /// mutation is a single push, retain or drain), so poisoning is ignored.
    fn lock(&self) -> MutexGuard<'_, Registry> {
        self.inner
            .registry
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.token.lock().blocked.retain(|(id, _)| *id != self.id);
    }
}

impl std::fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelToken")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::TcpListener;
    use std::thread;

    #[test]
    fn cancel_is_idempotent_and_shared_by_clones() {
        let token = CancelToken::new();
        let clone = token.clone();
        assert!(!clone.is_cancelled());
        token.cancel();
        token.cancel();
        assert!(clone.is_cancelled());
    }

    #[test]
    fn sleep_runs_to_the_end_when_not_cancelled() {
        let token = CancelToken::new();
        let start = Instant::now();
        assert!(token.sleep(Duration::from_millis(30)));
        assert!(start.elapsed() >= Duration::from_millis(30));
    }

    #[test]
    fn cancel_wakes_a_sleeper_at_once() {
        let token = CancelToken::new();
        let canceller = token.clone();
        let handle = thread::spawn(move || {
            thread::sleep(Duration::from_millis(20));
            canceller.cancel();
        });
        let start = Instant::now();
        assert!(!token.sleep(Duration::from_secs(10)));
        assert!(start.elapsed() < Duration::from_secs(5));
        handle.join().unwrap();
        assert!(
            !token.sleep(Duration::from_secs(10)),
            "a cancelled token never sleeps"
        );
    }

    #[test]
    fn registration_fails_after_cancel_and_is_removed_on_drop() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let socket = Arc::new(TcpStream::connect(listener.local_addr().unwrap()).unwrap());
        let token = CancelToken::new();
        let registration = token.register(&socket).unwrap();
        assert_eq!(token.lock().blocked.len(), 1);
        drop(registration);
        assert!(token.lock().blocked.is_empty());
        token.cancel();
        assert!(token.register(&socket).is_err());
    }

    #[test]
    fn cancel_shuts_down_a_registered_socket_blocked_in_read() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let socket = Arc::new(TcpStream::connect(listener.local_addr().unwrap()).unwrap());
        let (_peer, _) = listener.accept().unwrap();
        let token = CancelToken::new();
        let _registration = token.register(&socket).unwrap();
        let canceller = token.clone();
        let handle = thread::spawn(move || {
            thread::sleep(Duration::from_millis(20));
            canceller.cancel();
        });
        let mut buf = [0u8; 8];
        // The peer never writes: only the shutdown can end this read (with EOF).
        assert_eq!((&*socket).read(&mut buf).unwrap(), 0);
        handle.join().unwrap();
    }
}
