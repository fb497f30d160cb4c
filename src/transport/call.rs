//! The call running on this thread: its cancel token and its attempt deadline.
//!
//! ureq runs a request on the caller's thread, so [`CallMark`] marks the thread with the
//! current call for the duration of one attempt; the name lookup and every connect, write and
//! read read it.

use std::cell::RefCell;
use std::io;
use std::time::Instant;

use ureq::Timeout;
use ureq::unversioned::transport::NextTimeout;
use ureq::unversioned::transport::time::Duration as NextDuration;

use crate::cancel::CancelToken;

/// The call running on this thread: its cancel token and its attempt deadline.
#[derive(Clone)]
pub(super) struct Call {
    /// The token whose `cancel()` ends the call's lookups and I/O at once, if it has one.
    pub(super) cancel: Option<CancelToken>,
    /// When the attempt must be over.
    pub(super) deadline: Instant,
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
pub(super) fn current_call() -> Option<Call> {
    CURRENT_CALL.with(|c| c.borrow().clone())
}

/// Whether the call's token (if it has one) is cancelled.
pub(super) fn is_cancelled(call: &Option<Call>) -> bool {
    call.as_ref()
        .and_then(|c| c.cancel.as_ref())
        .is_some_and(CancelToken::is_cancelled)
}

/// The error I/O gets when the call's token is cancelled; the client reports it as
/// cancelled (it checks the token). Not `Interrupted`: readers retry that.
pub(super) fn cancelled() -> ureq::Error {
    ureq::Error::Io(io::Error::other("the call was cancelled"))
}

/// `timeout` cut to the current call's attempt deadline; an error when none is left.
pub(super) fn cut_to_deadline(
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

/// How late a wait may end after its deadline, or a wakeup after its event, in the tests of
/// a loaded 2-core machine: the scheduler's delay, not the library's (see tests/common).
#[cfg(test)]
pub(super) const LATE: std::time::Duration = std::time::Duration::from_secs(1);
