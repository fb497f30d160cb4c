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

pub use cancel::{
    CognitoCancelToken, cognito_cancel_token_cancel, cognito_cancel_token_free,
    cognito_cancel_token_is_cancelled, cognito_cancel_token_new,
};
pub use client::{CognitoClient, cognito_client_endpoint, cognito_client_free, cognito_client_new};
pub use completion::{CognitoCompletionCallback, cognito_update_auth_event_feedback_async};
pub use config::{
    CognitoConfig, CognitoRetryMode, cognito_config_free, cognito_config_last_error,
    cognito_config_new, cognito_config_set_app_id, cognito_config_set_attempt_timeout_ms,
    cognito_config_set_ca_bundle_path, cognito_config_set_connect_timeout_ms,
    cognito_config_set_endpoint_url, cognito_config_set_ignore_environment,
    cognito_config_set_log_callback, cognito_config_set_log_level, cognito_config_set_max_attempts,
    cognito_config_set_max_concurrency, cognito_config_set_region, cognito_config_set_retry_mode,
    cognito_config_set_total_timeout_ms, cognito_config_set_use_dualstack,
    cognito_config_set_use_fips,
};
pub use error::{CognitoError, CognitoTimeoutPhase};
pub use error_api::{
    cognito_error_attempts, cognito_error_code, cognito_error_field, cognito_error_free,
    cognito_error_http_status, cognito_error_message, cognito_error_reason_code,
    cognito_error_request_id, cognito_error_status, cognito_error_timeout_phase,
};
pub use escape::cognito_escape_text;
pub use feedback::{
    CognitoFeedbackRequest, CognitoFeedbackValue, CognitoResponse, cognito_response_attempts,
    cognito_response_content_length, cognito_response_free, cognito_response_http_status,
    cognito_response_request_id, cognito_update_auth_event_feedback,
};
pub use log::{CognitoLogCallback, CognitoLogLevel};
pub use status::CognitoStatus;
pub use status_api::{cognito_status_is_service_error, cognito_status_name};
pub use version::cognito_version;
