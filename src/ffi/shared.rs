//! Shared handles: the client and the cancel token are handed to C as `Arc::into_raw`, so each
//! call that uses one holds a reference of its own. A `_free` drops only the caller's
//! reference: a call still running keeps the object alive and finishes normally, and the
//! object goes when the last such call returns.

use std::sync::Arc;

/// Hands `object` to C as a handle that [`retain`] and [`release`] take.
pub(crate) fn into_handle<T>(object: Arc<T>) -> *mut T {
    Arc::into_raw(object).cast_mut()
}

/// A reference of the caller's own to the object behind a handle, kept for as long as the
/// call uses it.
///
/// # Safety
///
/// `object` must be the object behind a live handle from [`into_handle`].
pub(crate) unsafe fn retain<T>(object: &T) -> Arc<T> {
    let handle: *const T = object;
    // SAFETY: `handle` came from `Arc::into_raw` (the caller's contract) and the handle's own
    // reference is still held, so the count is at least one while we add ours.
    unsafe {
        Arc::increment_strong_count(handle);
        Arc::from_raw(handle)
    }
}

/// Drops the reference a handle holds; NULL is ignored. The object itself goes once no call
/// holds it either.
///
/// # Safety
///
/// `handle` must be NULL or a live handle from [`into_handle`], released once.
pub(crate) unsafe fn release<T>(handle: *mut T) {
    if !handle.is_null() {
        // SAFETY: guaranteed by the caller: a live handle is released once.
        drop(unsafe { Arc::from_raw(handle.cast_const()) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retained_object_outlives_its_released_handle() {
        let witness = Arc::new(());
        let handle = into_handle(Arc::new(Arc::clone(&witness)));
        // SAFETY: `handle` is live until released below.
        let held = unsafe { retain(&*handle) };
        unsafe { release(handle) };
        assert_eq!(
            Arc::strong_count(&witness),
            2,
            "the call still holds the object"
        );
        drop(held);
        assert_eq!(Arc::strong_count(&witness), 1, "the last holder dropped it");
        unsafe { release::<u8>(std::ptr::null_mut()) };
    }
}
