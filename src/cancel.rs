//! CancelToken: ends a call from any thread, also while it waits on the network or sleeps.
//!
//! A token keeps a registry of the sockets that calls using it are blocked on. `cancel()`
//! sets the flag and shuts those sockets down (`shutdown(Both)`), which makes a blocked
//! read, write or connect return at once. Registration and the flag share one lock, so a
//! socket registered before `cancel()` is shut down by it, and a registration after it fails:
//! no call can slip into a blocking operation unnoticed.

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
    sockets: Vec<(u64, Arc<TcpStream>)>,
    hooks: Vec<(u64, Hook)>,
}

/// A function run once, on the cancelling thread, when the token is cancelled.
pub(crate) type Hook = Box<dyn FnOnce() + Send>;

/// Proof that a socket or a hook is registered with a token; dropping it removes the
/// registration.
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
        for (_, socket) in registry.sockets.drain(..) {
            // An error only means the socket is already closed or not yet connected.
            let _ = socket.shutdown(Shutdown::Both);
        }
        let hooks = std::mem::take(&mut registry.hooks);
        drop(registry);
        self.inner.woken.notify_all();
        // Outside the lock: a hook may take other locks, or drop registrations of this token.
        for (_, hook) in hooks {
            hook();
        }
    }

    /// Whether `cancel()` has been called.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    /// Registers a socket that a call is about to block on, so that `cancel()` shuts it
    /// down. Fails if the token is already cancelled.
    pub(crate) fn register(&self, socket: &Arc<TcpStream>) -> Result<Registration, Cancelled> {
        let mut registry = self.lock();
        if registry.cancelled {
            return Err(Cancelled);
        }
        registry.next_id += 1;
        let id = registry.next_id;
        registry.sockets.push((id, Arc::clone(socket)));
        Ok(Registration {
            token: self.clone(),
            id,
        })
    }

    /// Registers `hook` to run once, on the cancelling thread, when the token is cancelled
    /// (unless the registration is dropped first). Fails, without running it, if the token is
    /// already cancelled.
    pub(crate) fn on_cancel(&self, hook: Hook) -> Result<Registration, Cancelled> {
        let mut registry = self.lock();
        if registry.cancelled {
            return Err(Cancelled);
        }
        registry.next_id += 1;
        let id = registry.next_id;
        registry.hooks.push((id, hook));
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
        let mut registry = self.token.lock();
        registry.sockets.retain(|(id, _)| *id != self.id);
        let hook = registry
            .hooks
            .iter()
            .position(|(id, _)| *id == self.id)
            .map(|at| registry.hooks.swap_remove(at));
        drop(registry);
        // Dropped outside the lock: the hook may own a registration of this very token.
        drop(hook);
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
        assert_eq!(token.lock().sockets.len(), 1);
        drop(registration);
        assert!(token.lock().sockets.is_empty());
        token.cancel();
        assert!(token.register(&socket).is_err());
    }

    #[test]
    fn a_hook_runs_once_on_cancel_unless_its_registration_was_dropped() {
        let token = CancelToken::new();
        let (sender, receiver) = std::sync::mpsc::channel();
        let kept = {
            let sender = sender.clone();
            token.on_cancel(Box::new(move || sender.send("kept").unwrap()))
        }
        .unwrap();
        let dropped = token
            .on_cancel(Box::new(move || sender.send("dropped").unwrap()))
            .unwrap();
        drop(dropped);
        token.cancel();
        token.cancel();
        assert_eq!(receiver.try_iter().collect::<Vec<_>>(), ["kept"]);
        drop(kept);
        assert!(token.on_cancel(Box::new(|| ())).is_err());
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
