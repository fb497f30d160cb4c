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

/// Whether `status` is an error the service answered (`COGNITO_INVALID_PARAMETER` to
/// `COGNITO_UNKNOWN_SERVICE_ERROR`, 1 to 9): the request reached the service, and
/// `cognito_error_code` gives its error code. False for `COGNITO_OK`, for failures found on this
/// side, and for numbers that are not a `CognitoStatus`. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn cognito_status_is_service_error(status: u32) -> bool {
    ffi_boundary!({ CognitoStatus::from_u32(status).is_some_and(CognitoStatus::is_service_error) })
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

    #[test]
    fn service_errors_are_told_apart_by_number() {
        for status in ALL {
            assert_eq!(
                cognito_status_is_service_error(status as u32),
                (1..=9).contains(&(status as u32)),
                "{status:?}"
            );
        }
        for value in [10, 99, 108, 200, u32::MAX] {
            assert!(!cognito_status_is_service_error(value), "{value}");
        }
    }
}
