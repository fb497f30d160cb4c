//! The log callback: C's function pointer and user data, wrapped as the core's [`LogFn`].

use std::ffi::{c_char, c_void};
use std::sync::Arc;

use super::args::enum_value;
use super::cstring::owned;
use super::error::CognitoError;
use crate::config::{LogFn, LogLevel};

/// Severity of a log message, passed to a `CognitoLogCallback` as a `uint32_t`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum CognitoLogLevel {
    /// Something failed.
    COGNITO_LOG_ERROR = 1,
    /// Something unexpected that the call survived.
    COGNITO_LOG_WARN = 2,
    /// One line per call outcome.
    COGNITO_LOG_INFO = 3,
    /// Attempts, retries, endpoints.
    COGNITO_LOG_DEBUG = 4,
    /// Fine-grained detail.
    COGNITO_LOG_TRACE = 5,
}

impl CognitoLogLevel {
    /// The C level of a core level.
    pub fn of(level: LogLevel) -> CognitoLogLevel {
        match level {
            LogLevel::Error => CognitoLogLevel::COGNITO_LOG_ERROR,
            LogLevel::Warn => CognitoLogLevel::COGNITO_LOG_WARN,
            LogLevel::Info => CognitoLogLevel::COGNITO_LOG_INFO,
            LogLevel::Debug => CognitoLogLevel::COGNITO_LOG_DEBUG,
            LogLevel::Trace => CognitoLogLevel::COGNITO_LOG_TRACE,
        }
    }

    /// The C constant's name for a core level.
    fn name(level: LogLevel) -> &'static str {
        match level {
            LogLevel::Error => "COGNITO_LOG_ERROR",
            LogLevel::Warn => "COGNITO_LOG_WARN",
            LogLevel::Info => "COGNITO_LOG_INFO",
            LogLevel::Debug => "COGNITO_LOG_DEBUG",
            LogLevel::Trace => "COGNITO_LOG_TRACE",
        }
    }
}

/// The core level for a `CognitoLogLevel` value passed as `level`.
pub(crate) fn log_level(level: u32) -> Result<LogLevel, CognitoError> {
    let known = [
        LogLevel::Error,
        LogLevel::Warn,
        LogLevel::Info,
        LogLevel::Debug,
        LogLevel::Trace,
    ]
    .map(|core| (core as u32, CognitoLogLevel::name(core), core));
    enum_value(level, "level", &known)
}

/// A log sink: `user_data` as given to `cognito_config_set_log_callback`, a `CognitoLogLevel`
/// value, and a NUL-terminated UTF-8 message that is valid only during the call (copy it to
/// keep it). Messages never contain the Username or the FeedbackToken.
///
/// It is called on the thread making the call, so from several threads at once when a client
/// is shared: it must be thread-safe, must not block for long, must not unwind (throw a C++
/// exception or longjmp) out of the call, and must not call back into this library.
pub type CognitoLogCallback =
    Option<unsafe extern "C" fn(user_data: *mut c_void, level: u32, message: *const c_char)>;

/// The callback and its user data, as one value the core can share across threads.
struct ForeignSink {
    callback: unsafe extern "C" fn(*mut c_void, u32, *const c_char),
    user_data: *mut c_void,
}

// SAFETY: `cognito_config_set_log_callback` requires the callback to be thread-safe and
// `user_data` to be usable from any thread for as long as a client built with it lives.
unsafe impl Send for ForeignSink {}
// SAFETY: as above; the sink itself is never mutated.
unsafe impl Sync for ForeignSink {}

impl ForeignSink {
    fn emit(&self, level: LogLevel, message: &str) {
        let message = owned(message);
        // SAFETY: the caller of `cognito_config_set_log_callback` promised a callback that
        // accepts its user data, a level and a message valid for the duration of the call.
        unsafe {
            (self.callback)(
                self.user_data,
                CognitoLogLevel::of(level) as u32,
                message.as_ptr(),
            )
        };
    }
}

/// The core's log function for a C callback; `None` when `callback` is NULL.
pub(crate) fn log_fn(callback: CognitoLogCallback, user_data: *mut c_void) -> Option<LogFn> {
    let callback = callback?;
    let sink = ForeignSink {
        callback,
        user_data,
    };
    Some(Arc::new(move |level, message| sink.emit(level, message)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::sync::Mutex;

    unsafe extern "C" fn record(user_data: *mut c_void, level: u32, message: *const c_char) {
        let lines = unsafe { &*(user_data as *const Mutex<Vec<(u32, String)>>) };
        let text = unsafe { CStr::from_ptr(message) }
            .to_str()
            .unwrap()
            .to_owned();
        lines.lock().unwrap().push((level, text));
    }

    #[test]
    fn messages_reach_the_callback_with_user_data_and_level() {
        let lines: Mutex<Vec<(u32, String)>> = Mutex::new(Vec::new());
        let user_data = &lines as *const _ as *mut c_void;
        let log = log_fn(Some(record), user_data).unwrap();
        log(LogLevel::Warn, "retrying after a reset");
        log(LogLevel::Trace, "a\0b");
        assert_eq!(
            *lines.lock().unwrap(),
            [
                (2, "retrying after a reset".to_owned()),
                (5, "a\u{FFFD}b".to_owned())
            ]
        );
    }

    #[test]
    fn a_null_callback_means_no_logging() {
        assert!(log_fn(None, std::ptr::null_mut()).is_none());
    }

    #[test]
    fn levels_keep_the_core_numbers() {
        for (core, number) in [
            (LogLevel::Error, 1),
            (LogLevel::Warn, 2),
            (LogLevel::Info, 3),
            (LogLevel::Debug, 4),
            (LogLevel::Trace, 5),
        ] {
            assert_eq!(CognitoLogLevel::of(core) as u32, number);
            assert_eq!(core as u32, number);
        }
    }
}
