//! The exported functions of `CognitoStatus`.

use std::ffi::c_char;

use super::boundary::ffi_boundary;
use super::status::CognitoStatus;

/// The name of a status constant, e.g. `"COGNITO_USER_NOT_FOUND"` for
/// `COGNITO_USER_NOT_FOUND`.
///
/// Returns a static NUL-terminated string (never free it), or NULL when `status` is not a
/// known `CognitoStatus` value. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn cognito_status_name(status: u32) -> *const c_char {
    ffi_boundary!({
        match CognitoStatus::from_u32(status) {
            Some(known) => known.name().as_ptr(),
            None => std::ptr::null(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::status::ALL;
    use std::ffi::CStr;

    #[test]
    fn every_status_is_named_after_its_constant() {
        for status in ALL {
            let name = unsafe { CStr::from_ptr(cognito_status_name(status as u32)) };
            assert_eq!(name.to_str().unwrap(), format!("{status:?}"));
        }
    }

    #[test]
    fn unknown_numbers_have_no_name() {
        for value in [10, 99, 108, 198, 200, u32::MAX] {
            assert!(cognito_status_name(value).is_null(), "{value}");
        }
    }
}
