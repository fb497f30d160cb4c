//! Out-parameters: cleared on entry, written once at the end, and only for the outcome that
//! happened (the object on success, the error on failure); and the `_free` that takes such an
//! object back.

use std::ptr;
use std::sync::Arc;

use super::error::CognitoError;
use super::shared::into_handle;
use super::status::CognitoStatus;

/// Sets `*out` to NULL when `out` is not NULL, so callers never read garbage.
///
/// # Safety
///
/// `out` must be NULL or valid for writes of a pointer.
pub(crate) unsafe fn clear<T>(out: *mut *mut T) {
    if !out.is_null() {
        // SAFETY: guaranteed by the caller.
        unsafe { *out = ptr::null_mut() };
    }
}

/// An owned object as the pointer C receives: a `Box` (freed with [`free`]) or a shared
/// handle (an `Arc`, released with [`release`](super::shared::release)).
pub(crate) trait IntoRaw<T> {
    /// The pointer C receives; ownership goes with it.
    fn into_raw(self) -> *mut T;
}

impl<T> IntoRaw<T> for Box<T> {
    fn into_raw(self) -> *mut T {
        Box::into_raw(self)
    }
}

impl<T> IntoRaw<T> for Arc<T> {
    fn into_raw(self) -> *mut T {
        into_handle(self)
    }
}

/// Hands the outcome to C: on success the object goes to `*out` (or is dropped when `out` is
/// NULL) and `COGNITO_OK` is returned; on failure the error goes to `*error_out` (or is
/// dropped when `error_out` is NULL) and its status is returned.
///
/// # Safety
///
/// `out` and `error_out` must each be NULL or valid for writes of a pointer.
pub(crate) unsafe fn finish<T>(
    outcome: Result<impl IntoRaw<T>, CognitoError>,
    out: *mut *mut T,
    error_out: *mut *mut CognitoError,
) -> CognitoStatus {
    match outcome {
        Ok(object) => {
            if !out.is_null() {
                // SAFETY: guaranteed by the caller.
                unsafe { *out = object.into_raw() };
            }
            CognitoStatus::COGNITO_OK
        }
        Err(error) => {
            let status = error.status();
            if !error_out.is_null() {
                // SAFETY: guaranteed by the caller.
                unsafe { *error_out = Box::into_raw(Box::new(error)) };
            }
            status
        }
    }
}

/// Takes back and drops an object [`finish`] handed to C; NULL is ignored.
///
/// # Safety
///
/// `object` must be NULL or a live object from `Box::into_raw` that nothing uses now or later.
pub(crate) unsafe fn free<T>(object: *mut T) {
    if !object.is_null() {
        // SAFETY: guaranteed by the caller: a live object is freed once.
        drop(unsafe { Box::from_raw(object) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_writes_only_the_object() {
        let mut out: *mut u32 = ptr::null_mut();
        let mut error: *mut CognitoError = ptr::null_mut();
        let status = unsafe { finish(Ok(Box::new(7_u32)), &mut out, &mut error) };
        assert_eq!(status, CognitoStatus::COGNITO_OK);
        assert!(error.is_null());
        assert_eq!(*unsafe { Box::from_raw(out) }, 7);
    }

    #[test]
    fn failure_writes_only_the_error() {
        let mut out: *mut u32 = ptr::null_mut();
        let mut error: *mut CognitoError = ptr::null_mut();
        let failure: Result<Box<u32>, _> = Err(CognitoError::invalid_argument("x", "x is NULL"));
        let status = unsafe { finish(failure, &mut out, &mut error) };
        assert_eq!(status, CognitoStatus::COGNITO_INVALID_ARGUMENT);
        assert!(out.is_null());
        let error = unsafe { Box::from_raw(error) };
        assert_eq!(error.field_text(), Some("x"));
    }

    #[test]
    fn null_out_parameters_drop_the_outcome() {
        let status = unsafe { finish(Ok(Box::new(1_u8)), ptr::null_mut(), ptr::null_mut()) };
        assert_eq!(status, CognitoStatus::COGNITO_OK);
        let failure: Result<Box<u8>, _> = Err(CognitoError::validation("EventId", "bad"));
        let status = unsafe { finish(failure, ptr::null_mut(), ptr::null_mut()) };
        assert_eq!(status, CognitoStatus::COGNITO_VALIDATION_ERROR);
    }

    #[test]
    fn free_drops_the_object_and_ignores_null() {
        let shared = std::sync::Arc::new(());
        let object = Box::into_raw(Box::new(std::sync::Arc::clone(&shared)));
        assert_eq!(std::sync::Arc::strong_count(&shared), 2);
        unsafe { free(object) };
        assert_eq!(std::sync::Arc::strong_count(&shared), 1);
        unsafe { free::<u8>(ptr::null_mut()) };
    }

    #[test]
    fn clear_nulls_the_target() {
        let mut target: *mut u8 = ptr::dangling_mut();
        unsafe { clear(&mut target) };
        assert!(target.is_null());
        unsafe { clear::<u8>(ptr::null_mut()) };
    }
}
