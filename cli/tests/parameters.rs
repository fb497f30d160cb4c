//! The binary's parameters: --cli-input-json, --generate-cli-skeleton, syntax and validation
//! errors (exit 252, and nothing is sent).

mod common;

use std::path::PathBuf;

use common::*;

/// The default fixture's second event of alice's, as --cli-input-json takes it.
const ALICE_2: &str = r#"{
    "UserPoolId": "us-east-1_PlusPool1",
    "Username": "alice",
    "EventId": "evt-alice-2",
    "FeedbackToken": "tok-alice-2.DeF=",
    "FeedbackValue": "Valid"
}"#;

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!(
            "cognito-feedback-cli-{}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, text).expect("the temporary file is written");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn cli_input_json_from_a_file() {
    let file = TempFile::new("alice-2.json", ALICE_2);
    let path = file.0.to_str().expect("a UTF-8 path");
    for source in [path.to_owned(), format!("file://{path}")] {
        let emulator = emulator();
        let run = run(feedback(&emulator, &["--cli-input-json", &source]));
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (Some(0), "", ""),
            "{source}"
        );
        let recorded = emulator.feedback(POOL, "evt-alice-2").expect("recorded");
        assert_eq!(
            (recorded.username.as_str(), recorded.feedback_value.as_str()),
            (USER, "Valid")
        );
    }
}

#[test]
fn cli_input_json_from_standard_input_and_options_win() {
    let emulator = emulator();
    let command = feedback(
        &emulator,
        &["--cli-input-json", "-", "--feedback-value", "Invalid"],
    );
    let run = run_with_input(command, ALICE_2);
    assert_eq!(run.code, Some(0), "{run:?}");
    let recorded = emulator.feedback(POOL, "evt-alice-2").expect("recorded");
    assert_eq!(
        recorded.feedback_value, "Invalid",
        "the option wins over the JSON"
    );
}

#[test]
fn the_skeleton_is_printed_and_nothing_else_happens() {
    let mut command = cli();
    command.args(["update-auth-event-feedback", "--generate-cli-skeleton"]);
    let run = run(command);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "{\n    \"UserPoolId\": \"\",\n    \"Username\": \"\",\n    \"EventId\": \"\",\n    \
         \"FeedbackToken\": \"\",\n    \"FeedbackValue\": \"Valid\"\n}\n"
    );

    // The skeleton is what --cli-input-json takes: fed back empty, the first empty member is
    // reported as the AWS CLI reports it, and nothing is sent.
    let emulator = emulator();
    let again = run_with_input(feedback(&emulator, &["--cli-input-json", "-"]), &run.stdout);
    assert_eq!(again.code, Some(252), "{again:?}");
    assert_eq!(
        again.stderr,
        "\nParameter validation failed:\nInvalid length for parameter UserPoolId, value: 0, \
         valid min length: 1\n"
    );
    assert!(emulator.requests().is_empty());
}

#[test]
fn missing_options_are_a_syntax_error() {
    let mut command = cli();
    command.args([
        "update-auth-event-feedback",
        "--user-pool-id",
        POOL,
        "--event-id",
        EVENT,
    ]);
    let run = run(command);
    assert_eq!(run.code, Some(252), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("\nusage: cognito-feedback [options] <command> [parameters]\n")
    );
    assert!(
        run.stderr.ends_with(
            "\n\ncognito-feedback: error: the following arguments are required: --username, \
             --feedback-token, --feedback-value\n\n"
        ),
        "{run:?}"
    );
}

#[test]
fn unknown_options_are_a_syntax_error() {
    let emulator = emulator();
    let mut args = params(EVENT, "Valid");
    args.extend(["--query", "Users"]);
    let run = run(feedback(&emulator, &args));
    assert_eq!(run.code, Some(252), "{run:?}");
    assert!(
        run.stderr.ends_with("\n\nUnknown options: --query\n\n"),
        "{run:?}"
    );
    assert!(emulator.requests().is_empty());
}

#[test]
fn parameters_that_break_the_model_are_reported_by_name_and_not_sent() {
    let emulator = emulator();
    for (option, value, parameter) in [
        ("--user-pool-id", "no pool here", "UserPoolId"),
        ("--event-id", "evt/alice", "EventId"),
        ("--feedback-value", "Maybe", "FeedbackValue"),
    ] {
        let mut args = params(EVENT, "Valid");
        let at = args
            .iter()
            .position(|a| *a == option)
            .expect("an option of params()");
        args[at + 1] = value;
        let run = run(feedback(&emulator, &args));
        assert_eq!(run.code, Some(252), "{option}: {run:?}");
        assert!(
            run.stderr.starts_with(&format!(
                "\nParameter validation failed:\nInvalid value for parameter {parameter}: "
            )),
            "{option}: {run:?}"
        );
    }

    // A bad token is named, but never shown.
    let mut args = params(EVENT, "Valid");
    args[7] = "secret token!";
    let run = run(feedback(&emulator, &args));
    assert_eq!(run.code, Some(252), "{run:?}");
    assert!(
        run.stderr
            .contains("Invalid value for parameter FeedbackToken: "),
        "{run:?}"
    );
    assert!(!run.stderr.contains("secret"), "{run:?}");

    assert!(emulator.requests().is_empty(), "nothing may be sent");
}

#[test]
fn incomplete_or_malformed_json_input_is_a_parameter_error() {
    let emulator = emulator();
    let run1 = run_with_input(
        feedback(&emulator, &["--cli-input-json", "-"]),
        r#"{"UserPoolId": "us-east-1_PlusPool1", "EventId": "evt-alice-1", "FeedbackValue": "Valid"}"#,
    );
    assert_eq!(run1.code, Some(252), "{run1:?}");
    assert_eq!(
        run1.stderr,
        "\nParameter validation failed:\nMissing required parameter in input: \"Username\"\n\
         Missing required parameter in input: \"FeedbackToken\"\n"
    );

    let run2 = run_with_input(
        feedback(&emulator, &["--cli-input-json", "-"]),
        "{\"UserPoolId\": ",
    );
    assert_eq!(run2.code, Some(252), "{run2:?}");
    assert!(
        run2.stderr
            .starts_with("\nError parsing parameter 'cli-input-json': Invalid JSON: "),
        "{run2:?}"
    );

    let run3 = run(feedback(
        &emulator,
        &["--cli-input-json", "/nonexistent/input.json"],
    ));
    assert_eq!(run3.code, Some(252), "{run3:?}");
    assert!(
        run3.stderr.starts_with(
            "\nError parsing parameter 'cli-input-json': Unable to load paramfile \
             /nonexistent/input.json: "
        ),
        "{run3:?}"
    );
    assert!(emulator.requests().is_empty());
}

#[test]
fn help_goes_to_standard_output() {
    let mut command = cli();
    command.args(["update-auth-event-feedback", "--help"]);
    let run = run(command);
    assert_eq!(run.code, Some(0), "{run:?}");
    for option in [
        "--user-pool-id",
        "--feedback-value",
        "--cli-input-json",
        "--endpoint-url",
        "--debug",
    ] {
        assert!(
            run.stdout.contains(option),
            "{option} missing from the help"
        );
    }
}
