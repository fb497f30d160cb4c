//! `--debug`: log lines on standard error in the AWS CLI's layout
//! (`time - thread - logger - LEVEL - message`), from the library's log callback and from this
//! program. Neither ever writes the Username or the FeedbackToken: the library never passes them
//! to its callback, and this program logs the request only through its redacting `Debug`.

use std::fmt;
use std::io::Write;
use std::sync::Arc;
use std::time::SystemTime;

use cognito_feedback::{LogFn, LogLevel};

/// The logger name of the library's lines.
const LIBRARY: &str = "cognito_feedback";
/// The logger name of this program's lines.
const PROGRAM: &str = "cognito_feedback.cli";

/// Where this program's debug lines go: standard error with `--debug`, nowhere without.
#[derive(Debug, Clone, Copy)]
pub struct DebugLog {
    enabled: bool,
}

impl DebugLog {
    /// A log that writes only when `enabled`.
    pub fn new(enabled: bool) -> DebugLog {
        DebugLog { enabled }
    }

    /// Logs one line of this program's at DEBUG level.
    pub fn line(&self, message: fmt::Arguments<'_>) {
        if self.enabled {
            write_line(PROGRAM, LogLevel::Debug, &message.to_string());
        }
    }

    /// The callback that sends the library's lines to the same place, when enabled.
    pub fn library_sink(&self) -> Option<LogFn> {
        self.enabled
            .then(|| Arc::new(|level, message: &str| write_line(LIBRARY, level, message)) as LogFn)
    }
}

/// Writes one whole line to standard error.
fn write_line(logger: &str, level: LogLevel, message: &str) {
    let now = humantime::format_rfc3339_millis(SystemTime::now());
    let thread = std::thread::current();
    let thread = thread.name().unwrap_or("unnamed");
    let line = format!(
        "{now} - {thread} - {logger} - {} - {message}\n",
        level_name(level)
    );
    // A failed write to standard error has nowhere to be reported.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Python logging's level names, as the AWS CLI prints them.
fn level_name(level: LogLevel) -> &'static str {
    match level {
        LogLevel::Error => "ERROR",
        LogLevel::Warn => "WARNING",
        LogLevel::Info => "INFO",
        LogLevel::Debug => "DEBUG",
        LogLevel::Trace => "TRACE",
    }
}
