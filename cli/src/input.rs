//! The request's members, from the options and `--cli-input-json`: options win, and what is
//! still missing or of the wrong type is reported as botocore's parameter validation does.

use std::io::Read;
use std::str::FromStr;

use cognito_feedback::{FeedbackValue, UpdateAuthEventFeedbackRequest};
use serde_json::Value;

use crate::args::FeedbackArgs;
use crate::report::{Failure, validation_line};

/// The request's members in the model's order: the keys of `--cli-input-json`.
pub const MEMBERS: [&str; 5] = [
    "UserPoolId",
    "Username",
    "EventId",
    "FeedbackToken",
    "FeedbackValue",
];

/// The members whose values never appear in a message.
const SENSITIVE: [&str; 2] = ["Username", "FeedbackToken"];

/// The option that takes the JSON, as error messages name it.
const INPUT_OPTION: &str = "cli-input-json";

/// Builds the request from the options and, when given, `--cli-input-json` (read from `stdin`
/// for `-`).
pub fn request(
    args: &FeedbackArgs,
    stdin: impl Read,
) -> Result<UpdateAuthEventFeedbackRequest, Failure> {
    let mut values: [Option<String>; 5] = [
        args.user_pool_id.clone(),
        args.username.clone(),
        args.event_id.clone(),
        args.feedback_token.clone(),
        args.feedback_value.clone(),
    ];
    let mut problems = Vec::new();
    if let Some(source) = &args.cli_input_json {
        let text = load(source, stdin)?;
        merge(&text, &mut values, &mut problems)?;
    }
    let missing = MEMBERS
        .iter()
        .zip(&values)
        .filter(|(_, value)| value.is_none())
        .map(|(name, _)| format!("Missing required parameter in input: \"{name}\""));
    problems.splice(0..0, missing);
    if !problems.is_empty() {
        return Err(Failure::Validation(problems));
    }
    let [
        Some(user_pool_id),
        Some(username),
        Some(event_id),
        Some(feedback_token),
        Some(value),
    ] = values
    else {
        unreachable!("every member was checked to be present");
    };
    let feedback_value = FeedbackValue::from_str(&value)
        .map_err(|e| Failure::Validation(vec![validation_line(&e, value.is_empty())]))?;
    Ok(UpdateAuthEventFeedbackRequest {
        user_pool_id,
        username,
        event_id,
        feedback_token,
        feedback_value,
    })
}

/// The JSON text `--cli-input-json` names: `-` is standard input, `file://PATH` and any other
/// value that does not start with `{` is a file, and the rest is the JSON itself.
fn load(source: &str, mut stdin: impl Read) -> Result<String, Failure> {
    let unreadable = |what: &str, e: std::io::Error| Failure::Param {
        name: INPUT_OPTION,
        message: format!("Unable to load paramfile {what}: {e}"),
    };
    if source == "-" {
        let mut text = String::new();
        stdin
            .read_to_string(&mut text)
            .map_err(|e| unreadable("(standard input)", e))?;
        return Ok(text);
    }
    if source.trim_start().starts_with('{') {
        return Ok(source.to_owned());
    }
    let path = source.strip_prefix("file://").unwrap_or(source);
    std::fs::read_to_string(path).map_err(|e| unreadable(source, e))
}

/// Fills the members the options left unset from the JSON object in `text`. A member of the
/// wrong type (reported in the model's order) or an unknown key (in name order) goes to
/// `problems`; JSON that is not an object is an error of its own.
fn merge(
    text: &str,
    values: &mut [Option<String>; 5],
    problems: &mut Vec<String>,
) -> Result<(), Failure> {
    let invalid = |message: String| Failure::Param {
        name: INPUT_OPTION,
        message: format!("Invalid JSON: {message}"),
    };
    let mut object =
        match serde_json::from_str::<Value>(text).map_err(|e| invalid(e.to_string()))? {
            Value::Object(object) => object,
            other => {
                return Err(invalid(format!(
                    "expected an object, got {}",
                    type_name(&other)
                )));
            }
        };
    for (name, slot) in MEMBERS.iter().zip(values.iter_mut()) {
        let Some(value) = object.remove(*name) else {
            continue;
        };
        if slot.is_some() {
            continue; // given as an option, which wins
        }
        match value {
            Value::String(s) => *slot = Some(s),
            other => {
                // Present, so not reported missing; a string stands in until the report ends it.
                *slot = Some(String::new());
                problems.push(wrong_type(name, &other));
            }
        }
    }
    problems.extend(object.keys().map(|key| {
        format!(
            "Unknown parameter in input: \"{key}\", must be one of: {}",
            MEMBERS.join(", ")
        )
    }));
    Ok(())
}

/// The AWS CLI's line for member `name` given as a non-string `value` (a sensitive member's
/// value is not shown).
fn wrong_type(name: &str, value: &Value) -> String {
    let shown = if SENSITIVE.contains(&name) {
        String::new()
    } else {
        format!(" value: {value},")
    };
    format!(
        "Invalid type for parameter {name},{shown} type: {}, valid types: string",
        type_name(value)
    )
}

/// The JSON type of a value, for messages.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::{Cli, Command};
    use clap::Parser;

    fn args(argv: &[&str]) -> FeedbackArgs {
        let mut full = vec!["cognito-feedback", "update-auth-event-feedback"];
        full.extend_from_slice(argv);
        let Command::UpdateAuthEventFeedback(args) =
            Cli::try_parse_from(full).expect("parses").command;
        args
    }

    const FULL: &str = r#"{"UserPoolId": "us-east-1_PlusPool1", "Username": "alice",
        "EventId": "evt-alice-1", "FeedbackToken": "tok-alice-1.AbC=", "FeedbackValue": "Invalid"}"#;

    #[test]
    fn options_alone_make_the_request() {
        let request = request(
            &args(&[
                "--user-pool-id",
                "p_1",
                "--username",
                "u",
                "--event-id",
                "e",
                "--feedback-token",
                "t",
                "--feedback-value",
                "Valid",
            ]),
            std::io::empty(),
        )
        .expect("complete");
        assert_eq!(
            (
                request.user_pool_id.as_str(),
                request.username.as_str(),
                request.event_id.as_str()
            ),
            ("p_1", "u", "e")
        );
        assert_eq!(request.feedback_token, "t");
        assert_eq!(request.feedback_value, FeedbackValue::Valid);
    }

    #[test]
    fn json_from_standard_input_fills_what_the_options_leave_out() {
        let request = request(
            &args(&["--cli-input-json", "-", "--event-id", "evt-from-option"]),
            FULL.as_bytes(),
        )
        .expect("complete");
        assert_eq!(request.user_pool_id, "us-east-1_PlusPool1");
        assert_eq!(request.username, "alice");
        assert_eq!(request.event_id, "evt-from-option");
        assert_eq!(request.feedback_token, "tok-alice-1.AbC=");
        assert_eq!(request.feedback_value, FeedbackValue::Invalid);
    }

    #[test]
    fn inline_json_is_accepted() {
        let request =
            request(&args(&["--cli-input-json", FULL]), std::io::empty()).expect("complete");
        assert_eq!(request.event_id, "evt-alice-1");
    }

    #[test]
    fn problems_are_all_reported_missing_first() {
        let json = r#"{"UserPoolId": 5, "Username": ["alice"], "Colour": "blue", "FeedbackValue": "Valid"}"#;
        let Err(Failure::Validation(lines)) = request(
            &args(&["--cli-input-json", json, "--event-id", "e"]),
            std::io::empty(),
        ) else {
            panic!("must fail validation");
        };
        assert_eq!(
            lines,
            [
                "Missing required parameter in input: \"FeedbackToken\"",
                "Invalid type for parameter UserPoolId, value: 5, type: number, valid types: string",
                "Invalid type for parameter Username, type: array, valid types: string",
                "Unknown parameter in input: \"Colour\", must be one of: UserPoolId, Username, \
                 EventId, FeedbackToken, FeedbackValue",
            ]
        );
        assert!(
            !lines.concat().contains("alice"),
            "a sensitive value leaked: {lines:?}"
        );
    }

    #[test]
    fn a_bad_feedback_value_names_the_parameter() {
        let Err(Failure::Validation(lines)) = request(
            &args(&["--cli-input-json", "-", "--feedback-value", "Maybe"]),
            FULL.as_bytes(),
        ) else {
            panic!("must fail validation");
        };
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("Invalid value for parameter FeedbackValue: "),
            "{lines:?}"
        );
        assert!(
            lines[0].contains("Valid") && lines[0].contains("Maybe"),
            "{lines:?}"
        );
    }

    #[test]
    fn unreadable_or_malformed_json_is_a_parameter_error() {
        let Err(Failure::Param { name, message }) = request(
            &args(&["--cli-input-json", "file:///nonexistent/params.json"]),
            std::io::empty(),
        ) else {
            panic!("must fail");
        };
        assert_eq!(name, "cli-input-json");
        assert!(
            message.starts_with("Unable to load paramfile file:///nonexistent/params.json: "),
            "{message}"
        );

        for (text, expected) in [
            ("{\"UserPoolId\": ", "Invalid JSON: EOF while parsing"),
            ("[1, 2]", "Invalid JSON: expected an object, got array"),
        ] {
            let Err(Failure::Param { message, .. }) =
                request(&args(&["--cli-input-json", "-"]), text.as_bytes())
            else {
                panic!("{text} must fail");
            };
            assert!(message.starts_with(expected), "{message}");
        }
    }
}
