//! The panic boundary: every exported function runs its body through [`run`] (via the
//! `ffi_boundary!` macro), so a Rust panic becomes `COGNITO_PANIC` (or a documented default)
//! instead of unwinding into C or aborting the host process.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use super::error::{CognitoError, CognitoTimeoutPhase};
use super::status::CognitoStatus;

/// Runs the body of an exported function behind the panic boundary.
///
/// `ffi_boundary!({ body })` for functions without an error out-parameter;
/// `ffi_boundary!(error_out: error_out, { body })` for functions with one: the boundary sets
/// `*error_out` to NULL before the body runs and, if the body panics, to a `COGNITO_PANIC`
/// error object.
macro_rules! ffi_boundary {
    (error_out: $error_out:expr, $body:block) => {{
        // The body is built outside the `unsafe` block so it needs its own `unsafe` blocks.
        let body = move || $body;
        // SAFETY: the exported function's contract makes `error_out` NULL or valid for writes.
        unsafe { $crate::ffi::boundary::run($error_out, body) }
    }};
    ($body:block) => {{
        let body = move || $body;
        // SAFETY: a NULL error out-parameter is never written.
        unsafe { $crate::ffi::boundary::run(::core::ptr::null_mut(), body) }
    }};
}
pub(crate) use ffi_boundary;

/// What an exported function returns when its body panicked.
pub trait BoundaryDefault {
    /// The value returned to C after a caught panic.
    fn on_panic() -> Self;
}

impl BoundaryDefault for CognitoStatus {
    fn on_panic() -> Self {
        CognitoStatus::COGNITO_PANIC
    }
}

impl BoundaryDefault for CognitoTimeoutPhase {
    fn on_panic() -> Self {
        CognitoTimeoutPhase::COGNITO_TIMEOUT_PHASE_NONE
    }
}

/// NULL: a borrowed string or object the caller must already expect may be absent.
impl<T> BoundaryDefault for *const T {
    fn on_panic() -> Self {
        ptr::null()
    }
}

impl BoundaryDefault for bool {
    fn on_panic() -> Self {
        false
    }
}

impl BoundaryDefault for u16 {
    fn on_panic() -> Self {
        0
    }
}

impl BoundaryDefault for u32 {
    fn on_panic() -> Self {
        0
    }
}

impl BoundaryDefault for u64 {
    fn on_panic() -> Self {
        0
    }
}

impl BoundaryDefault for usize {
    fn on_panic() -> Self {
        0
    }
}

impl BoundaryDefault for () {
    fn on_panic() -> Self {}
}

/// Runs `body`, catching any panic. `*error_out` (when `error_out` is not NULL) is set to NULL
/// first, and to a `COGNITO_PANIC` error object if `body` panics.
///
/// # Safety
///
/// `error_out` must be NULL or valid for reads and writes of a pointer, and anything `body`
/// stores in `*error_out` must come from `Box::into_raw`.
pub(crate) unsafe fn run<R: BoundaryDefault>(
    error_out: *mut *mut CognitoError,
    body: impl FnOnce() -> R,
) -> R {
    if !error_out.is_null() {
        // SAFETY: the caller guarantees `error_out` is valid for writes.
        unsafe { *error_out = ptr::null_mut() };
    }
    // The body only touches state reachable from its raw-pointer arguments; after a panic
    // none of it is used again by this call, so observing it half-updated is memory-safe.
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => {
            if !error_out.is_null() {
                let error = CognitoError::panic(&panic_message(payload.as_ref()));
                // SAFETY: `*error_out` is NULL or a box this call stored; replace it.
                unsafe {
                    let previous = *error_out;
                    if !previous.is_null() {
                        drop(Box::from_raw(previous));
                    }
                    *error_out = Box::into_raw(Box::new(error));
                }
            }
            R::on_panic()
        }
    }
}

/// The text of a panic payload (`&str` or `String`), else a fixed description.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a non-text payload".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::c_char;

    #[test]
    fn a_panicking_body_returns_cognito_panic_and_an_error_object() {
        let mut error: *mut CognitoError = ptr::null_mut();
        let status: CognitoStatus = unsafe { run(&mut error, || panic!("boom at the boundary")) };
        assert_eq!(status, CognitoStatus::COGNITO_PANIC);
        assert!(!error.is_null());
        let error = unsafe { Box::from_raw(error) };
        assert_eq!(error.status(), CognitoStatus::COGNITO_PANIC);
        let message = error.message_text();
        assert!(message.contains("boom at the boundary"), "{message}");
    }

    #[test]
    fn a_panic_replaces_an_error_object_the_body_already_stored() {
        let mut error: *mut CognitoError = ptr::null_mut();
        let out: *mut *mut CognitoError = &mut error;
        let status: CognitoStatus = unsafe {
            run(out, move || {
                *out = Box::into_raw(Box::new(CognitoError::panic("first")));
                panic!("second")
            })
        };
        assert_eq!(status, CognitoStatus::COGNITO_PANIC);
        let error = unsafe { Box::from_raw(error) };
        assert!(error.message_text().contains("second"));
    }

    #[test]
    fn panics_in_value_returning_functions_give_their_defaults() {
        let text: *const c_char = unsafe { run(ptr::null_mut(), || panic!("x")) };
        assert!(text.is_null());
        let flag: bool = unsafe { run(ptr::null_mut(), || panic!("x")) };
        assert!(!flag);
        let number: u32 = unsafe { run(ptr::null_mut(), || panic!("x")) };
        assert_eq!(number, 0);
        let length: u64 = unsafe { run(ptr::null_mut(), || panic!("x")) };
        assert_eq!(length, 0);
        let status: u16 = unsafe {
            run(ptr::null_mut(), || {
                std::panic::panic_any(String::from("owned"))
            })
        };
        assert_eq!(status, 0);
    }

    #[test]
    fn error_out_is_cleared_before_the_body_runs() {
        let mut error: *mut CognitoError = ptr::dangling_mut();
        let status = unsafe { run(&mut error, || CognitoStatus::COGNITO_OK) };
        assert_eq!(status, CognitoStatus::COGNITO_OK);
        assert!(error.is_null());
    }

    #[test]
    fn non_text_payloads_are_described() {
        assert_eq!(panic_message(&42_u8), "a panic with a non-text payload");
    }
}
