//! The C ABI end to end, called from Rust exactly as C calls it: blocking calls, the completion
//! API and timeouts, against the emulator and scripted servers (`tests/common`, shared with the
//! integration tests).

use crate::test_common as common;

mod calls;
mod completion;
mod durations;

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use c_api::*;

/// The C string at `ptr` as Rust text; `None` for NULL.
fn text(ptr: *const c_char) -> Option<String> {
    (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr) }.to_str().unwrap().to_owned())
}

/// Asserts a call returned `COGNITO_OK`.
#[track_caller]
fn ok(status: CognitoStatus) {
    assert_eq!(status, CognitoStatus::COGNITO_OK);
}

/// A config for `url` that ignores the environment; the caller frees it.
fn config_for(url: &str) -> *mut CognitoConfig {
    let url = CString::new(url).unwrap();
    let mut config = ptr::null_mut();
    unsafe {
        ok(cognito_config_new(&mut config));
        ok(cognito_config_set_region(config, c"us-east-1".as_ptr()));
        ok(cognito_config_set_endpoint_url(config, url.as_ptr()));
        ok(cognito_config_set_ignore_environment(config, true));
        ok(cognito_config_set_max_attempts(config, 1));
    }
    config
}

/// The exported functions and types, as C sees them.
mod c_api {
    pub(super) use super::super::{
        cancel::*, client::*, completion::*, config::*, error::*, error_api::*, feedback::*,
        status::*,
    };
}
