//! # cognito-feedback-emulator
//!
//! A local stand-in for the Amazon Cognito user pools endpoint, for tests and demos: it answers
//! `UpdateAuthEventFeedback` as Cognito does (validation messages, errors, request ids), records
//! the feedback so a test can read it back (in-process, through an `AdminListUserAuthEvents`
//! call, or from a JSON-lines log), and injects faults on demand (throttling, 5xx, delays, cut
//! responses, closed keep-alive connections). For the end-to-end journey it also renders the
//! threat-protection email of a risky sign-in from the pool's `NotifyConfiguration` (admin
//! endpoint `POST /__emulator/notify`). The crate's README documents the wire behaviour, the
//! fixture format, the command line and the admin endpoints.
//!
//! ```no_run
//! use cognito_feedback_emulator::{Emulator, EmulatorOptions, Faults};
//!
//! let emulator = Emulator::start(EmulatorOptions::default())?;
//! let endpoint = emulator.url(); // http://127.0.0.1:PORT, for the client under test
//! emulator.set_faults(Faults { throttle: 1, ..Faults::default() })?;
//! // ... make calls ...
//! let feedback = emulator.feedback("us-east-1_PlusPool1", "evt-alice-1");
//! # Ok::<(), std::io::Error>(())
//! ```

mod admin;
mod faults;
mod fixture;
mod http;
mod notify;
mod operations;
mod protocol;
mod record;
mod server;
mod validate;

pub use faults::{Faults, ServerErrorBody};
pub use fixture::{
    AuthEvent, DEFAULT_FIXTURE_JSON, FeaturePlan, Fixture, NotifyConfiguration, NotifyEmail,
    ScriptedAnswer, User, UserPool,
};
pub use record::{RecordedFeedback, RecordedRequest};
pub use server::{Emulator, EmulatorOptions, RECORDED_BODY_BYTES, RECORDED_REQUESTS};
