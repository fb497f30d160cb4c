//! Ctrl-C (SIGINT): during the call it cancels the call through its CancelToken, which ends it
//! promptly, also while it waits on the network; at any other time, or a second time, the
//! program exits with 130 at once.
//!
//! The handler comes from the `ctrlc` crate rather than a bare `libc::signal` handler: cancelling
//! takes a lock and shuts sockets down, which a signal handler must not do. `ctrlc` runs the
//! handler on its own thread, woken through a self-pipe, where that is safe.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use cognito_feedback::CancelToken;

use crate::report::{announce_interrupt, exit};

/// The installed handler's view of the program.
pub struct Interrupt {
    token: CancelToken,
    in_call: Arc<AtomicBool>,
}

impl Interrupt {
    /// Installs the SIGINT handler. Call once.
    pub fn install() -> Result<Interrupt, ctrlc::Error> {
        let token = CancelToken::new();
        let in_call = Arc::new(AtomicBool::new(false));
        let handler = {
            let token = token.clone();
            let in_call = Arc::clone(&in_call);
            move || {
                if in_call.load(Ordering::SeqCst) && !token.is_cancelled() {
                    token.cancel();
                } else {
                    exit_interrupted();
                }
            }
        };
        ctrlc::set_handler(handler)?;
        Ok(Interrupt { token, in_call })
    }

    /// Runs `call` with the token that Ctrl-C cancels while it runs.
    pub fn during<T>(&self, call: impl FnOnce(&CancelToken) -> T) -> T {
        self.in_call.store(true, Ordering::SeqCst);
        let result = call(&self.token);
        self.in_call.store(false, Ordering::SeqCst);
        result
    }
}

/// Ends the program as the AWS CLI does on Ctrl-C.
fn exit_interrupted() -> ! {
    announce_interrupt();
    std::process::exit(i32::from(exit::INTERRUPTED));
}
