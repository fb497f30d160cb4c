//! update-auth-event-feedback: build the request, make the call, print the outcome.

use std::io::Write;

use cognito_feedback::{
    Client, Error, ErrorKind, Escaped, UpdateAuthEventFeedbackOutput,
    UpdateAuthEventFeedbackRequest,
};

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
    if let Some(Skeleton::Output) = args.generate_cli_skeleton {
        return check_only(&request);
    }
    let client = connect(globals, &debug)?;
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
        Ok(result) => succeeded(globals, &debug, &result),
        Err(error) => {
            log_failure(&debug, &error);
            Err(call_failure(
                error,
                &request,
                client.endpoint(),
                client.max_attempts(),
            ))
        }
    }
}

/// `--generate-cli-skeleton output`, as the AWS CLI: the parameters are checked, nothing is
/// sent, and what a success prints is printed; this operation's output has no members, so that
/// is nothing.
fn check_only(request: &UpdateAuthEventFeedbackRequest) -> Result<(), Failure> {
    match request.validate() {
        Ok(()) => print(&skeleton::output()),
        Err(error) => Err(call_failure(Box::new(error), request, "", 0)),
    }
}

/// The client the options and the environment describe, with the warnings its settings call
/// for printed on standard error.
fn connect(globals: &Globals, debug: &DebugLog) -> Result<Client, Failure> {
    let config = settings::config(globals, debug);
    debug.line(format_args!(
        "cognito-feedback/{} library/{}: {config:?}",
        env!("CARGO_PKG_VERSION"),
        cognito_feedback::VERSION
    ));
    let client = Client::new(config).map_err(|error| Failure::Call {
        error: Box::new(error),
        endpoint: None,
        max_attempts: 0,
    })?;
    if let Some(warning) = client.cleartext_warning() {
        // Shown whether or not --debug is given, as the AWS CLI shows its warnings.
        eprintln!("warning: {warning}");
    }
    if globals.no_verify_ssl {
        warn_unverified(client.endpoint());
    }
    Ok(client)
}

/// Logs a success (with --debug) and prints it in the chosen output format.
fn succeeded(
    globals: &Globals,
    debug: &DebugLog,
    result: &UpdateAuthEventFeedbackOutput,
) -> Result<(), Failure> {
    debug.line(format_args!(
        "succeeded: HTTP {}, request id {}, {} attempt(s)",
        result.http_status(),
        Escaped(result.request_id().unwrap_or("(none)")),
        result.attempts()
    ));
    print(&output::success(globals.output, result))
}

/// Logs (with --debug) everything a failed call's error carries, server text escaped.
fn log_failure(debug: &DebugLog, error: &Error) {
    debug.line(format_args!(
        "failed: {:?} error, code {}, reasonCode {}, HTTP {}, request id {}, {} attempt(s): {}",
        error.kind(),
        Escaped(error.code().unwrap_or("(none)")),
        Escaped(error.reason_code().unwrap_or("(none)")),
        error
            .http_status()
            .map_or("(none)".to_owned(), |s| s.to_string()),
        Escaped(error.request_id().unwrap_or("(none)")),
        error.attempts(),
        Escaped(error.message())
    ));
}

/// What a failed call means for the user: Ctrl-C, a parameter validation report, or the
/// library's error as such.
fn call_failure(
    error: Box<Error>,
    request: &UpdateAuthEventFeedbackRequest,
    endpoint: &str,
    max_attempts: u32,
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
            max_attempts,
        },
    }
}

/// What the AWS CLI (urllib3) prints on standard error with `--no-verify-ssl` for an HTTPS
/// endpoint.
fn warn_unverified(endpoint: &str) {
    if let Some(host) = unverified_host(endpoint) {
        let mut stderr = std::io::stderr().lock();
        // A warning that cannot be written changes nothing.
        let _ = writeln!(
            stderr,
            "InsecureRequestWarning: Unverified HTTPS request is being made to host '{host}'. \
             Adding certificate verification is strongly advised. See: \
             https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings"
        );
    }
}

/// The host of an `https://` endpoint (urllib3 warns for HTTPS only), without the port.
fn unverified_host(endpoint: &str) -> Option<&str> {
    let authority = endpoint.strip_prefix("https://")?.split('/').next()?;
    Some(match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    })
}

/// Writes a success's text to standard output.
fn print(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Failure::Local(format!("Cannot write the output: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_endpoints_get_the_warning_naming_their_host() {
        assert_eq!(
            unverified_host("https://cognito-idp.eu-west-1.amazonaws.com"),
            Some("cognito-idp.eu-west-1.amazonaws.com")
        );
        assert_eq!(
            unverified_host("https://127.0.0.1:8443/x"),
            Some("127.0.0.1")
        );
        assert_eq!(unverified_host("https://[::1]:8443"), Some("[::1]"));
        assert_eq!(unverified_host("http://127.0.0.1:8080"), None);
    }
}
