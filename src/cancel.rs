//! CancelToken: ends a call from any thread, also while it waits on the network or sleeps.

use std::sync::Arc;

/// A cancellation switch for calls. Clone it freely; every clone is the same switch.
/// `cancel()` may be called from any thread, any number of times.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {}

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Cancels every call using this token, now and later. Idempotent.
    pub fn cancel(&self) {
        todo!()
    }

    /// Whether `cancel()` has been called.
    pub fn is_cancelled(&self) -> bool {
        todo!()
    }
}

impl std::fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelToken").field("cancelled", &self.is_cancelled()).finish()
    }
}
