//! A shell script written for the AWS CLI (tests/aws_style.sh) runs with cognito-feedback with
//! only its marked line changed, and prints what the AWS CLI prints: exit codes, error lines,
//! skeletons, help, `--no-verify-ssl`'s warning, the global options scripts pass.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

use cognito_feedback_emulator::{Faults, ServerErrorBody};
use common::*;

/// The script, next to this file.
const SCRIPT: &str = include_str!("aws_style.sh");

/// What marks a line to change, and separates it from what it changes into.
const MARK: &str = "  # cognito-feedback: ";

/// The script with each marked line replaced by the code after its mark.
fn ported(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.split_once(MARK) {
            Some((_, replacement)) => replacement,
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// What the ported script prints, `{endpoint}` and `{dead}` standing for the two URLs.
const EXPECTED: &str = r#"-- a load balancer's HTML 503, twice

An error occurred (503) when calling the UpdateAuthEventFeedback operation (reached max retries: 1): Service Unavailable
exit 254
-- feedback recorded
exit 0
-- a user who does not exist

An error occurred (UserNotFoundException) when calling the UpdateAuthEventFeedback operation: User does not exist.
exit 254
-- help
exit 0
1
-- skeletons
{
    "UserPoolId": "",
    "Username": "",
    "EventId": "",
    "FeedbackToken": "",
    "FeedbackValue": "Valid"
}
exit 0
-- an endpoint that refuses connections, certificate checks off
InsecureRequestWarning: Unverified HTTPS request is being made to host '127.0.0.1'. Adding certificate verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings

Could not connect to the endpoint URL: "{dead}/"
exit 255
-- an answer that does not come in time

Read timeout on endpoint URL: "{endpoint}/"
exit 255
"#;

#[test]
fn only_the_marked_line_changes() {
    let ported = ported(SCRIPT);
    let changed: Vec<_> = SCRIPT
        .lines()
        .zip(ported.lines())
        .filter(|(old, new)| old != new)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(!ported.contains("aws cognito-idp"));
}

#[test]
fn the_aws_cli_script_runs_with_cognito_feedback() {
    let emulator = emulator();
    // The first call meets two HTML 503s (a load balancer's), one per attempt.
    emulator
        .set_faults(Faults {
            server_error: 2,
            server_error_status: 503,
            server_error_body: ServerErrorBody::Html,
            ..Faults::default()
        })
        .expect("faults set");
    let dead = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        format!("https://{}", listener.local_addr().expect("bound"))
    }; // closed again: connecting is refused
    let directory = std::env::temp_dir().join(format!("aws-style-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("a scratch directory");
    let script = directory.join("aws_style.sh");
    std::fs::write(&script, ported(SCRIPT)).expect("the ported script is written");
    let binary = Path::new(env!("CARGO_BIN_EXE_cognito-feedback"));
    let output = Command::new("bash")
        .arg(&script)
        .env_clear()
        .env(
            "PATH",
            format!(
                "{}:/usr/bin:/bin",
                binary.parent().expect("a directory").display()
            ),
        )
        .env("ENDPOINT", emulator.url())
        .env("DEAD_HTTPS_ENDPOINT", &dead)
        .output()
        .expect("bash runs the script");
    std::fs::remove_dir_all(&directory).ok();
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let expected = EXPECTED
        .replace("{endpoint}", emulator.url().trim_end_matches('/'))
        .replace("{dead}", &dead);
    assert_eq!(
        stdout,
        expected,
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        emulator.feedback(POOL, EVENT).map(|f| f.feedback_value),
        Some("Invalid".into()),
        "the script's feedback was recorded"
    );
}
