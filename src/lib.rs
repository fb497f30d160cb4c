//! # cognito-feedback
//!
//! Amazon Cognito's `UpdateAuthEventFeedback`, done well: validated input, the SDKs' wire
//! format, endpoint rules, retries and timeouts, cancellation, and a C ABI for other languages.
//!
//! ```no_run
//! use cognito_feedback::{Client, Config, FeedbackValue, UpdateAuthEventFeedbackRequest};
//!
//! let client = Client::new(Config::new().region("eu-west-1"))?;
//! let request = UpdateAuthEventFeedbackRequest {
//!     user_pool_id: "eu-west-1_AbCdEf123".into(),
//!     username: "alice".into(),
//!     event_id: "c2a5e5f4-example".into(),
//!     feedback_token: "token-from-the-email".into(),
//!     feedback_value: FeedbackValue::Valid,
//! };
//! let output = client.update_auth_event_feedback(&request, None)?;
//! println!("request id: {:?}", output.request_id());
//! # Ok::<(), cognito_feedback::Error>(())
//! ```

// `Error` carries the service's code, message, reason code and request id (about 130 bytes).
// It is built at most once per call (an attempt's `Failure` is the same size, once per
// attempt), so boxing it would buy nothing measurable and would cost an allocation on every
// failure.
#![allow(clippy::result_large_err)]

// The transport's TCP layer (src/transport/tcp.rs) is Unix code: raw file descriptors, poll(2),
// MSG_NOSIGNAL, MSG_PEEK. It is built and tested on Linux only (x86_64, glibc >= 2.17), and
// MSG_NOSIGNAL does not exist on macOS; say so instead of failing deep inside the transport.
#[cfg(not(all(unix, target_os = "linux")))]
compile_error!(
    "cognito-feedback supports Linux only (x86_64, glibc >= 2.17): its transport uses raw file \
     descriptors, poll(2) and MSG_NOSIGNAL (src/transport/tcp.rs)"
);

// The unit tests that drive the library end to end (`ffi/tests`, `transport/tests`) share the
// integration tests' helpers (`tests/common`, here `test_common`), which name this crate
// `cognito_feedback`.
#[cfg(test)]
extern crate self as cognito_feedback;
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod test_common;

mod cancel;
mod client;
mod config;
mod endpoint;
mod error;
// The C ABI: its `#[no_mangle]` functions are exported from the shared and static libraries
// (include/cognito_feedback.h); Rust code uses the Rust API instead.
mod ffi;
mod http;
mod model;
mod pool;
mod profile;
#[cfg(test)]
mod profile_oracle;
mod protocol;
mod retry;
mod text;
mod transport;
mod version;

pub use cancel::CancelToken;
pub use client::{Client, UpdateAuthEventFeedbackOutput};
pub use config::{Config, LogFn, LogLevel, RetryMode};
pub use error::{Error, ErrorKind, ServiceErrorCode, TimeoutPhase};
pub use model::{FeedbackValue, UpdateAuthEventFeedbackRequest};
/// Server-supplied text made safe to print or log (escaped, and cut at [`FIELD_LIMIT`] bytes),
/// as the library's own messages write it: for showing an [`Error`]'s code, message or request
/// id to a person.
pub use text::Escaped;
/// The most bytes of one server-supplied field that [`Escaped`] writes.
pub use text::FIELD_LIMIT;
/// [`Escaped`] as an owned string.
pub use text::escape;
/// Whether a character is one [`Escaped`] writes as an escape (controls, line and paragraph
/// separators, bidirectional controls).
pub use text::needs_escape;
pub use version::VERSION;
