//! update-auth-event-feedback: build the request, make the call, print the outcome.

use std::io::Write;

use cognito_feedback::text::Escaped;
use cognito_feedback::{Client, Error, ErrorKind, UpdateAuthEventFeedbackRequest};

use crate::args::{FeedbackArgs, Globals, Skeleton};
use crate::debug::DebugLog;
use crate::interrupt::Interrupt;
use crate::report::{Failure, validation_line};
use crate::{input, output, settings, skeleton};

/// Runs the command; the text of a success goes to standard output.
pub fn run(globals: &Globals, args: &FeedbackArgs, debug: DebugLog) -> Result<(), Failure> {
    if let Some(Skeleton::Input) = args.generate_cli_skeleton {
        return print(&skeleton::input());
    }
    // Installed first, so that Ctrl-C while reading --cli-input-json from a terminal exits 130.
    let interrupt =
        Interrupt::install().map_err(|e| Failure::Local(format!("Cannot handle Ctrl-C: {e}")))?;
    let request = input::request(args, std::io::stdin().lock())?;
    let config = settings::config(globals, &debug);
    debug.line(format_args!(
        "cognito-feedback/{} library/{}: {config:?}",
        env!("CARGO_PKG_VERSION"),
        cognito_feedback::VERSION
    ));
    let client = Client::new(config).map_err(|error| Failure::Call {
        error: Box::new(error),
        endpoint: None,
    })?;
    if let Some(warning) = client.cleartext_warning() {
        // Shown whether or not --debug is given, as the AWS CLI shows its warnings.
        eprintln!("warning: {warning}");
    }
    debug.line(format_args!(
        "calling UpdateAuthEventFeedback at {}: {request:?}",
        client.endpoint()
    ));

    let outcome = interrupt.during(|token| {
        // Boxed: the library's error is large, and this result is moved about.
        client
            .update_auth_event_feedback(&request, Some(token))
            .map_err(Box::new)
    });
    match outcome {
        Ok(result) => {
            debug.line(format_args!(
                "succeeded: HTTP {}, request id {}, {} attempt(s)",
                result.http_status(),
                Escaped(result.request_id().unwrap_or("(none)")),
                result.attempts()
            ));
            print(&output::success(globals.output, &result))
        }
        Err(error) => {
            debug.line(format_args!(
                "failed: {:?} error, code {}, reasonCode {}, HTTP {}, request id {}, {} attempt(s): {}",
                error.kind(),
                Escaped(error.code().unwrap_or("(none)")),
                Escaped(error.reason_code().unwrap_or("(none)")),
                error.http_status().map_or("(none)".to_owned(), |s| s.to_string()),
                Escaped(error.request_id().unwrap_or("(none)")),
                error.attempts(),
                Escaped(error.message())
            ));
            Err(call_failure(error, &request, client.endpoint()))
        }
    }
}

/// What a failed call means for the user: Ctrl-C, a parameter validation report, or the
/// library's error as such.
fn call_failure(
    error: Box<Error>,
    request: &UpdateAuthEventFeedbackRequest,
    endpoint: &str,
) -> Failure {
    match error.kind() {
        ErrorKind::Cancelled => Failure::Interrupted,
        ErrorKind::Validation => {
            let value = match error.field() {
                Some("UserPoolId") => Some(&request.user_pool_id),
                Some("Username") => Some(&request.username),
                Some("EventId") => Some(&request.event_id),
                Some("FeedbackToken") => Some(&request.feedback_token),
                _ => None,
            };
            let empty = value.is_some_and(|v| v.is_empty());
            Failure::Validation(vec![validation_line(&error, empty)])
        }
        _ => Failure::Call {
            error,
            endpoint: Some(endpoint.to_owned()),
        },
    }
}

/// Writes a success's text to standard output.
fn print(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Failure::Local(format!("Cannot write the output: {e}")))
}
