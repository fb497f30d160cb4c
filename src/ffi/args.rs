//! Checks on what C passes in: non-NULL pointers, UTF-8 strings, known enum values. Each
//! failure is a `CognitoError` naming the parameter (or request member).

use std::ffi::{CStr, c_char};

use super::error::CognitoError;

/// `ptr` as a shared reference, or `COGNITO_INVALID_ARGUMENT` naming `name` when it is NULL.
///
/// # Safety
///
/// `ptr` must be NULL or point to a live `T` that is not mutated while the reference is used.
pub(crate) unsafe fn borrow<'a, T>(ptr: *const T, name: &str) -> Result<&'a T, CognitoError> {
    // SAFETY: guaranteed by the caller.
    unsafe { ptr.as_ref() }.ok_or_else(|| null_argument(name))
}

/// `ptr` as an exclusive reference, or `COGNITO_INVALID_ARGUMENT` naming `name` when it is NULL.
///
/// # Safety
///
/// `ptr` must be NULL or point to a live `T` that nothing else uses while the reference is used.
pub(crate) unsafe fn borrow_mut<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T, CognitoError> {
    // SAFETY: guaranteed by the caller.
    unsafe { ptr.as_mut() }.ok_or_else(|| null_argument(name))
}

/// Fails with `COGNITO_INVALID_ARGUMENT` naming `name` when a required out-parameter is NULL.
pub(crate) fn require_out<T>(out: *mut *mut T, name: &str) -> Result<(), CognitoError> {
    if out.is_null() {
        Err(null_argument(name))
    } else {
        Ok(())
    }
}

/// A NUL-terminated UTF-8 string parameter as `&str`; `COGNITO_INVALID_ARGUMENT` naming
/// `name` when it is NULL or not UTF-8.
///
/// # Safety
///
/// `ptr` must be NULL or point to a NUL-terminated string that outlives the result.
pub(crate) unsafe fn utf8<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, CognitoError> {
    if ptr.is_null() {
        return Err(null_argument(name));
    }
    // SAFETY: guaranteed by the caller.
    unsafe { utf8_non_null(ptr, name) }
}

/// Like [`utf8`], for a request member: NULL is `COGNITO_VALIDATION_ERROR` (the member is
/// required, as if it were missing), bad UTF-8 is `COGNITO_INVALID_ARGUMENT`.
///
/// # Safety
///
/// As for [`utf8`].
pub(crate) unsafe fn member<'a>(ptr: *const c_char, member: &str) -> Result<&'a str, CognitoError> {
    if ptr.is_null() {
        return Err(CognitoError::validation(
            member,
            &format!("{member} is required but was NULL"),
        ));
    }
    // SAFETY: guaranteed by the caller.
    unsafe { utf8_non_null(ptr, member) }
}

/// # Safety
///
/// `ptr` must point to a NUL-terminated string that outlives the result.
unsafe fn utf8_non_null<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, CognitoError> {
    // SAFETY: guaranteed by the caller.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    // The message names the offset only: the text may be a secret (Username, FeedbackToken).
    bytes.to_str().map_err(|error| {
        let message = format!(
            "{name} is not valid UTF-8 (invalid byte at offset {})",
            error.valid_up_to()
        );
        CognitoError::invalid_argument(name, &message)
    })
}

/// A C enum value checked against the known ones; `COGNITO_INVALID_ARGUMENT` naming `name`
/// and listing the accepted constants otherwise.
pub(crate) fn enum_value<T: Copy>(
    value: u32,
    name: &str,
    known: &[(u32, &str, T)],
) -> Result<T, CognitoError> {
    if let Some((_, _, parsed)) = known.iter().find(|(number, _, _)| *number == value) {
        return Ok(*parsed);
    }
    let accepted: Vec<String> = known
        .iter()
        .map(|(number, constant, _)| format!("{constant} ({number})"))
        .collect();
    let message = format!("{name} {value} is not one of {}", accepted.join(", "));
    Err(CognitoError::invalid_argument(name, &message))
}

fn null_argument(name: &str) -> CognitoError {
    CognitoError::invalid_argument(name, &format!("{name} is NULL"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::status::CognitoStatus;
    use std::ptr;

    #[test]
    fn null_pointers_name_the_parameter() {
        let error = unsafe { borrow::<u8>(ptr::null(), "client") }.unwrap_err();
        assert_eq!(error.status(), CognitoStatus::COGNITO_INVALID_ARGUMENT);
        assert_eq!(error.field_text(), Some("client"));
        assert_eq!(error.message_text(), "client is NULL");
        let error = unsafe { borrow_mut::<u8>(ptr::null_mut(), "config") }.unwrap_err();
        assert_eq!(error.field_text(), Some("config"));
        let error = require_out::<u8>(ptr::null_mut(), "client_out").unwrap_err();
        assert_eq!(error.field_text(), Some("client_out"));
        let error = unsafe { utf8(ptr::null(), "region") }.unwrap_err();
        assert_eq!(error.message_text(), "region is NULL");
    }

    #[test]
    fn strings_must_be_utf8_and_the_error_hides_the_text() {
        let good = c"Zoë";
        assert_eq!(unsafe { utf8(good.as_ptr(), "region") }.unwrap(), "Zoë");
        let bad = c"secret\xff";
        let error = unsafe { member(bad.as_ptr(), "FeedbackToken") }.unwrap_err();
        assert_eq!(error.status(), CognitoStatus::COGNITO_INVALID_ARGUMENT);
        assert_eq!(error.field_text(), Some("FeedbackToken"));
        assert!(
            error.message_text().contains("offset 6"),
            "{}",
            error.message_text()
        );
        assert!(!error.message_text().contains("secret"));
    }

    #[test]
    fn a_null_member_is_a_validation_error() {
        let error = unsafe { member(ptr::null(), "Username") }.unwrap_err();
        assert_eq!(error.status(), CognitoStatus::COGNITO_VALIDATION_ERROR);
        assert_eq!(error.field_text(), Some("Username"));
    }

    #[test]
    fn enum_values_are_checked() {
        let known = [(1, "A_ONE", 'a'), (2, "A_TWO", 'b')];
        assert_eq!(enum_value(2, "mode", &known).unwrap(), 'b');
        let error = enum_value(0, "mode", &known).unwrap_err();
        assert_eq!(error.status(), CognitoStatus::COGNITO_INVALID_ARGUMENT);
        assert_eq!(
            error.message_text(),
            "mode 0 is not one of A_ONE (1), A_TWO (2)"
        );
    }
}
