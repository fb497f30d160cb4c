//! `cognito_version`: this library's version at run time.

use std::ffi::{CStr, c_char};

use super::boundary::ffi_boundary;

/// The version from Cargo.toml, NUL-terminated.
const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(version) => version,
        Err(_) => panic!("the package version contains a NUL"),
    };

/// This library's version, e.g. `"0.1.0"`: a static string, never NULL, never to be freed.
/// Compare with `COGNITO_FEEDBACK_VERSION` to detect a header/library mismatch. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn cognito_version() -> *const c_char {
    ffi_boundary!({ VERSION.as_ptr() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_is_the_crate_version() {
        let version = unsafe { CStr::from_ptr(cognito_version()) };
        assert_eq!(version.to_str().unwrap(), crate::version::VERSION);
    }
}
