//! How a failed command ends: the AWS CLI's message on standard error and its exit code.

use std::io::Write;
use std::process::ExitCode;

use cognito_feedback::{Error, ErrorKind, Escaped, escape};

/// The AWS CLI's exit codes.
pub mod exit {
    /// A parameter or the command line was wrong; nothing was sent.
    pub const BAD_ARGUMENTS: u8 = 252;
    /// The configuration cannot work (no or bad region, unreadable CA bundle, ...).
    pub const BAD_CONFIGURATION: u8 = 253;
    /// The service answered with an error.
    pub const SERVICE_ERROR: u8 = 254;
    /// Anything else: connection, timeout, an answer that could not be understood.
    pub const OTHER: u8 = 255;
    /// SIGINT (Ctrl-C): 128 + 2.
    pub const INTERRUPTED: u8 = 130;
}

/// The operation's name, as error messages spell it.
const OPERATION: &str = "UpdateAuthEventFeedback";

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The request's parameters are wrong: one line per problem, each naming the parameter.
    Validation(Vec<String>),
    /// An option's value could not be read or parsed.
    Param {
        /// The option, without its dashes (`cli-input-json`).
        name: &'static str,
        /// What was wrong.
        message: String,
    },
    /// The client could not be built or the call failed.
    Call {
        /// What the library reported.
        error: Box<Error>,
        /// Where the call went, once a client was built.
        endpoint: Option<String>,
        /// The attempts the client allows (0 before a client was built).
        max_attempts: u32,
    },
    /// Something this program could not do itself (install the signal handler, write output).
    Local(String),
    /// Ctrl-C ended the call.
    Interrupted,
}

impl Failure {
    /// Writes the message and returns the exit code.
    pub fn report(self) -> ExitCode {
        if let Failure::Interrupted = self {
            announce_interrupt();
            return ExitCode::from(exit::INTERRUPTED);
        }
        let (text, code) = self.describe();
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
        ExitCode::from(code)
    }

    /// The standard-error text (framed by newlines, as the AWS CLI frames it) and exit code.
    pub fn describe(&self) -> (String, u8) {
        let (line, code) = match self {
            Failure::Validation(lines) => (
                format!("Parameter validation failed:\n{}", lines.join("\n")),
                exit::BAD_ARGUMENTS,
            ),
            Failure::Param { name, message } => (
                format!("Error parsing parameter '{name}': {message}"),
                exit::BAD_ARGUMENTS,
            ),
            Failure::Call {
                error,
                endpoint,
                max_attempts,
            } => call_failure(error, endpoint.as_deref(), *max_attempts),
            Failure::Local(message) => (message.clone(), exit::OTHER),
            Failure::Interrupted => (String::new(), exit::INTERRUPTED),
        };
        (format!("\n{line}\n"), code)
    }
}

/// What the AWS CLI prints on Ctrl-C: a newline on standard output, nothing on standard error.
pub fn announce_interrupt() {
    let mut stdout = std::io::stdout().lock();
    // Failing to print a newline on the way out changes nothing.
    let _ = stdout.write_all(b"\n");
    let _ = stdout.flush();
}

/// The message and exit code of a library error. Connection and timeout lines are botocore's,
/// word for word, with the request's URL (the endpoint and the operation's path `/`); the
/// library's detail is in `--debug`'s lines.
fn call_failure(error: &Error, endpoint: Option<&str>, max_attempts: u32) -> (String, u8) {
    let detail = escape(error.message());
    let at = |what: &str| match endpoint {
        Some(url) => format!("{what} endpoint URL: \"{}\"", request_url(url)),
        None => detail.clone(),
    };
    match error.kind() {
        ErrorKind::Service => (service_error_line(error, max_attempts), exit::SERVICE_ERROR),
        // An error answer without an error code: botocore makes its status the code.
        ErrorKind::Response if error.http_status().is_some_and(|s| s >= 400) => {
            (service_error_line(error, max_attempts), exit::SERVICE_ERROR)
        }
        ErrorKind::Validation => (
            format!(
                "Parameter validation failed:\n{}",
                validation_line(error, false)
            ),
            exit::BAD_ARGUMENTS,
        ),
        ErrorKind::Config => (detail.clone(), exit::BAD_CONFIGURATION),
        ErrorKind::Cancelled => (detail.clone(), exit::INTERRUPTED),
        ErrorKind::Connection => (at("Could not connect to the"), exit::OTHER),
        // A connect timeout names its setting (data, not the message's words).
        ErrorKind::Timeout if error.field() == Some("connect_timeout") => {
            (at("Connect timeout on"), exit::OTHER)
        }
        ErrorKind::Timeout => (at("Read timeout on"), exit::OTHER),
        ErrorKind::Response => (
            match endpoint {
                Some(url) => format!(
                    "Invalid response from endpoint URL: \"{}\" ({detail})",
                    request_url(url)
                ),
                None => detail.clone(),
            },
            exit::OTHER,
        ),
    }
}

/// The URL botocore names in its messages: the endpoint with the operation's path, `/`.
fn request_url(endpoint: &str) -> String {
    if endpoint.ends_with('/') {
        endpoint.to_owned()
    } else {
        format!("{endpoint}/")
    }
}

/// botocore's ClientError text: `An error occurred (Code) when calling the UpdateAuthEventFeedback
/// operation: message`, with ` (reached max retries: N)` when the call ended on the last attempt
/// `max_attempts` allows (botocore's `MaxAttemptsReached`). A code or message the service left
/// out reads `Unknown`, as in botocore; an answer without an error code has its HTTP status as
/// the code and, for a 5xx, the status's reason phrase as the message, as botocore gives them.
/// Code and message are escaped and bounded (`cognito_feedback::Escaped`): they come from the server.
pub fn service_error_line(error: &Error, max_attempts: u32) -> String {
    let status = error.http_status().unwrap_or_default();
    let (code, message) = if error.kind() == ErrorKind::Service {
        let code = error.code().filter(|c| !c.is_empty()).unwrap_or("Unknown");
        let message = match error.message() {
            "" => "Unknown",
            message => message,
        };
        (code.to_owned(), message)
    } else {
        let reason = match status {
            500..=599 => http::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or_default(),
            _ => error.message(),
        };
        (status.to_string(), reason)
    };
    let retries = match error.attempts() {
        attempts if attempts > 0 && attempts >= max_attempts => {
            format!(" (reached max retries: {})", attempts - 1)
        }
        _ => String::new(),
    };
    format!(
        "An error occurred ({}) when calling the {OPERATION} operation{retries}: {}",
        Escaped(&code),
        Escaped(message)
    )
}

/// One line of a parameter validation report for a library validation error. An empty value
/// reads as botocore says it; any other problem as the library describes it, after the
/// parameter's name.
pub fn validation_line(error: &Error, value_is_empty: bool) -> String {
    let Some(field) = error.field() else {
        return error.message().to_owned();
    };
    if value_is_empty {
        return format!("Invalid length for parameter {field}, value: 0, valid min length: 1");
    }
    let message = error.message();
    let reason = message
        .strip_prefix(field)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(message);
    format!("Invalid value for parameter {field}: {reason}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use cognito_feedback::FeedbackValue;
    use std::str::FromStr;

    #[test]
    fn parameter_failures_are_bad_arguments() {
        let (text, code) = Failure::Validation(vec![
            "Missing required parameter in input: \"Username\"".into(),
            "Missing required parameter in input: \"EventId\"".into(),
        ])
        .describe();
        assert_eq!(code, 252);
        assert_eq!(
            text,
            "\nParameter validation failed:\nMissing required parameter in input: \"Username\"\n\
             Missing required parameter in input: \"EventId\"\n"
        );

        let (text, code) = Failure::Param {
            name: "cli-input-json",
            message: "Invalid JSON: x".into(),
        }
        .describe();
        assert_eq!(
            (text.as_str(), code),
            (
                "\nError parsing parameter 'cli-input-json': Invalid JSON: x\n",
                252
            )
        );
    }

    #[test]
    fn a_validation_error_names_its_parameter() {
        let error = FeedbackValue::from_str("maybe").expect_err("not a feedback value");
        let line = validation_line(&error, false);
        assert!(
            line.starts_with("Invalid value for parameter FeedbackValue: "),
            "{line}"
        );
        assert!(!line.contains("FeedbackValue: FeedbackValue"), "{line}");
        assert_eq!(
            validation_line(&FeedbackValue::from_str("").expect_err("empty"), true),
            "Invalid length for parameter FeedbackValue, value: 0, valid min length: 1"
        );
        let (text, code) = Failure::Call {
            error: Box::new(error),
            endpoint: None,
            max_attempts: 0,
        }
        .describe();
        assert_eq!(code, 252);
        assert!(text.starts_with(
            "\nParameter validation failed:\nInvalid value for parameter FeedbackValue: "
        ));
    }

    #[test]
    fn the_interrupt_exits_130() {
        assert_eq!(Failure::Interrupted.describe().1, 130);
    }

    #[test]
    fn local_failures_are_general_errors() {
        assert_eq!(
            Failure::Local("no handler".into()).describe(),
            ("\nno handler\n".into(), 255)
        );
    }
}
