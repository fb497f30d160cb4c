//! The completion API: a call that returns at once and reports its outcome to a callback, on a
//! thread of the client's bounded pool, so that async wrappers hold none of the host's threads.

use std::ffi::c_void;
use std::sync::Arc;

use super::args::borrow;
use super::boundary::ffi_boundary;
use super::cancel::CognitoCancelToken;
use super::client::CognitoClient;
use super::error::CognitoError;
use super::feedback::{CognitoFeedbackRequest, CognitoResponse, to_request};
use super::out::finish;
use super::status::CognitoStatus;
use crate::cancel::CancelToken;
use crate::client::Client;
use crate::error::Error;
use crate::model::UpdateAuthEventFeedbackRequest;
use crate::pool::Task;

/// Receives the outcome of `cognito_update_auth_event_feedback_async`: its status, then on
/// success a response (`error` is NULL) and on failure the error's details (`response` is
/// NULL), and the `user_data` given with the call. The receiver owns what it is given: free it
/// with `cognito_response_free` or `cognito_error_free`, from any thread, at any time.
///
/// It runs exactly once per accepted call, on a thread the library owns (never on the thread
/// that made the call), possibly on several threads at once for several calls. It must not
/// unwind (throw a C++ exception or longjmp) out of the call. It may call into this library,
/// including `cognito_update_auth_event_feedback_async` and `cognito_client_free`; while it runs
/// it occupies one of the client's `max_concurrency` threads, so it should hand long work on.
pub type CognitoCompletionCallback = Option<
    unsafe extern "C" fn(
        status: CognitoStatus,
        response: *mut CognitoResponse,
        error: *mut CognitoError,
        user_data: *mut c_void,
    ),
>;

/// Where an accepted call's outcome goes.
struct Completion {
    callback:
        unsafe extern "C" fn(CognitoStatus, *mut CognitoResponse, *mut CognitoError, *mut c_void),
    user_data: *mut c_void,
}

// SAFETY: `cognito_update_auth_event_feedback_async` requires the callback to be callable from
// any thread and `user_data` to be usable from the library's threads until the callback ran.
unsafe impl Send for Completion {}

impl Completion {
    /// Hands the outcome to the callback, ownership included.
    fn deliver(self, outcome: Result<CognitoResponse, CognitoError>) {
        let (status, response, error) = match outcome {
            Ok(response) => (
                CognitoStatus::COGNITO_OK,
                Box::into_raw(Box::new(response)),
                std::ptr::null_mut(),
            ),
            Err(error) => (
                error.status(),
                std::ptr::null_mut(),
                Box::into_raw(Box::new(error)),
            ),
        };
        // SAFETY: the callback's contract, accepted by the caller of
        // `cognito_update_auth_event_feedback_async`.
        unsafe { (self.callback)(status, response, error, self.user_data) }
    }
}

/// One accepted call, waiting for or running on a worker of the client's pool.
struct FeedbackCall {
    client: Arc<Client>,
    request: UpdateAuthEventFeedbackRequest,
    cancel: Option<CancelToken>,
    completion: Completion,
}

impl Task for FeedbackCall {
    fn run(self: Box<Self>) {
        let outcome = self
            .client
            .update_auth_event_feedback(&self.request, self.cancel.as_ref())
            .map(CognitoResponse::of)
            .map_err(|error| CognitoError::from_error(&error));
        self.completion.deliver(outcome);
    }

    fn cancel(self: Box<Self>) {
        let error = CognitoError::from_error(&Error::cancelled());
        self.completion.deliver(Err(error));
    }
}

/// Starts a call of UpdateAuthEventFeedback that reports its outcome to `callback` instead of
/// blocking: it returns at once, the call runs on a thread of `client`'s pool (at most
/// `cognito_config_set_max_concurrency` calls run at once; more wait in a queue, in order), and
/// `callback` receives its outcome with `user_data` (see `CognitoCompletionCallback`).
///
/// Returns `COGNITO_OK` when the call was accepted: then `callback` runs exactly once. Any
/// other status means it was not, and `callback` never runs for it; when `error_out` is not
/// NULL, `*error_out` then receives the details (free with `cognito_error_free`; it is set to
/// NULL on success). Everything about the request is checked before this returns, so these
/// come back here, never through the callback:
/// - `COGNITO_INVALID_ARGUMENT`: `client`, `request` or `callback` is NULL, a member is not
///   UTF-8, or `feedback_value` is not a `CognitoFeedbackValue` (`cognito_error_field` names it);
/// - `COGNITO_VALIDATION_ERROR`: a member is NULL or breaks a constraint of the model;
/// - `COGNITO_SYSTEM_ERROR`: no thread could be started to run the call.
///
/// The request is copied before this returns; its strings may be freed at once. `cancel` may
/// be NULL; the call keeps its own reference to the token, which may therefore be freed at any
/// time. Cancelling it while the call waits in the queue completes the call at once with
/// `COGNITO_CANCELLED`, nothing sent; while it runs, as for the blocking call.
///
/// # Safety
///
/// `client` must be NULL or a live client; `request` NULL or a request whose string members are
/// NULL or NUL-terminated strings; `cancel` NULL or a live token; `callback` callable from any
/// thread; `user_data` (never read by the library) usable by `callback` until it has run;
/// `error_out` NULL or valid for writes of a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_update_auth_event_feedback_async(
    client: *const CognitoClient,
    request: *const CognitoFeedbackRequest,
    cancel: *const CognitoCancelToken,
    callback: CognitoCompletionCallback,
    user_data: *mut c_void,
    error_out: *mut *mut CognitoError,
) -> CognitoStatus {
    ffi_boundary!(error_out: error_out, {
        // SAFETY (all blocks below): guaranteed by this function's contract.
        let outcome = (|| {
            let client = unsafe { borrow(client, "client") }?;
            let request = unsafe { to_request(borrow(request, "request")?) }?;
            let callback = callback
                .ok_or_else(|| CognitoError::invalid_argument("callback", "callback is NULL"))?;
            request
                .validate()
                .map_err(|error| CognitoError::from_error(&error))?;
            let cancel = unsafe { cancel.as_ref() }.map(|token| token.token().clone());
            let call = Box::new(FeedbackCall {
                client: client.shared_client(),
                request,
                cancel: cancel.clone(),
                completion: Completion {
                    callback,
                    user_data,
                },
            });
            client
                .pool()
                .submit(call, cancel.as_ref())
                .map(|()| Box::new(()))
                .map_err(|(_, error)| {
                    CognitoError::local(
                        CognitoStatus::COGNITO_SYSTEM_ERROR,
                        &format!("no thread could be started to run the call: {error}"),
                    )
                })
        })();
        unsafe { finish(outcome, std::ptr::null_mut(), error_out) }
    })
}
