//! The C ABI: opaque handles, status codes, per-call error objects and borrowed strings over
//! the Rust API. It converts and checks what C passes in, calls the core, and converts back;
//! it knows nothing of HTTP.
//!
//! Conventions (see `include/cognito_feedback.h`, generated from this module by cbindgen):
//! - every exported function runs behind the panic boundary (`ffi_boundary!`), so a panic
//!   becomes `COGNITO_PANIC` and never unwinds into C or aborts the host;
//! - every pointer is checked, every string is checked for UTF-8 and every enum value against
//!   its constants (`args.rs`): a NULL parameter, a string that is not UTF-8 or an unknown enum
//!   value is `COGNITO_INVALID_ARGUMENT` naming the parameter (or request member), our own check
//!   before anything is sent; `COGNITO_INVALID_PARAMETER` is the service's answer
//!   (`InvalidParameterException`), never ours;
//! - a NULL request member is `COGNITO_VALIDATION_ERROR` naming the member, as a missing one is;
//! - setters return only a status and keep their error on the config, naming the parameter,
//!   for `cognito_config_last_error`;
//! - handles are created by `_new` and released by `_free`, where `_free(NULL)` is a no-op;
//!   the client and the cancel token are shared (`Arc`) handles, so a `_free` during another
//!   thread's call leaves the object to that call until it returns;
//! - out-parameters are cleared on entry and written only for the outcome that happened;
//! - strings handed to C are borrowed from the object that owns them;
//! - there is no thread-local state: errors travel with the call (or the config, for setters).

// The modules are layered: each uses modules of its own layer or an earlier one, never a later
// layer, so they read bottom-up without a circle (`tests/import_circles.rs` checks all of `src/`).
//
// 1. Plain types: status codes and their names, owned C strings, the error object, shared
//    handles.
mod cstring;
mod error;
mod shared;
mod status;
// 2. The panic boundary, the checks on arguments, the log callback, out-parameters.
mod args;
mod boundary;
mod log;
mod out;
// 3. The exported functions, one file per handle (or per type they read).
mod cancel;
mod client;
mod completion;
mod config;
mod error_api;
mod escape;
mod feedback;
mod status_api;
mod version;

#[cfg(test)]
mod tests;
