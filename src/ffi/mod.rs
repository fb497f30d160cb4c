//! The C ABI: opaque handles, status codes, per-call error objects and borrowed strings over
//! the Rust API. It converts and checks what C passes in, calls the core, and converts back;
//! it knows nothing of HTTP.
//!
//! Conventions (see `include/cognito_feedback.h`, generated from this module by cbindgen):
//! - every exported function runs behind the panic boundary (`ffi_boundary!`), so a panic
//!   becomes `COGNITO_PANIC` and never unwinds into C or aborts the host;
//! - every pointer is checked, every string is checked for UTF-8 and every enum value against
//!   its constants; failures are `COGNITO_INVALID_ARGUMENT` naming the parameter;
//! - handles are created by `_new` and released by `_free`, where `_free(NULL)` is a no-op;
//!   the client and the cancel token are shared (`Arc`) handles, so a `_free` during another
//!   thread's call leaves the object to that call until it returns;
//! - out-parameters are cleared on entry and written only for the outcome that happened;
//! - strings handed to C are borrowed from the object that owns them;
//! - there is no thread-local state: errors travel with the call.

mod args;
mod boundary;
mod cancel;
mod client;
mod completion;
mod config;
mod cstring;
mod error;
mod escape;
mod feedback;
mod log;
mod out;
mod shared;
mod status;
mod version;

pub use cancel::{
    CognitoCancelToken, cognito_cancel_token_cancel, cognito_cancel_token_free,
    cognito_cancel_token_is_cancelled, cognito_cancel_token_new,
};
pub use client::{CognitoClient, cognito_client_endpoint, cognito_client_free, cognito_client_new};
pub use completion::{CognitoCompletionCallback, cognito_update_auth_event_feedback_async};
pub use config::{
    CognitoConfig, CognitoRetryMode, cognito_config_free, cognito_config_new,
    cognito_config_set_app_id, cognito_config_set_attempt_timeout_ms,
    cognito_config_set_ca_bundle_path, cognito_config_set_connect_timeout_ms,
    cognito_config_set_endpoint_url, cognito_config_set_ignore_environment,
    cognito_config_set_log_callback, cognito_config_set_log_level, cognito_config_set_max_attempts,
    cognito_config_set_max_concurrency, cognito_config_set_region, cognito_config_set_retry_mode,
    cognito_config_set_total_timeout_ms, cognito_config_set_use_dualstack,
    cognito_config_set_use_fips,
};
pub use error::{
    CognitoError, cognito_error_attempts, cognito_error_code, cognito_error_field,
    cognito_error_free, cognito_error_http_status, cognito_error_message,
    cognito_error_reason_code, cognito_error_request_id, cognito_error_status,
};
pub use escape::cognito_escape_text;
pub use feedback::{
    CognitoFeedbackRequest, CognitoFeedbackValue, CognitoResponse, cognito_response_attempts,
    cognito_response_content_length, cognito_response_free, cognito_response_http_status,
    cognito_response_request_id, cognito_update_auth_event_feedback,
};
pub use log::{CognitoLogCallback, CognitoLogLevel};
pub use status::{CognitoStatus, cognito_status_name};
pub use version::cognito_version;
