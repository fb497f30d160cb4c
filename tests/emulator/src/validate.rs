//! Input validation as Cognito's service framework does it, with its messages.
//!
//! Cognito checks the members of a request against the model before any business logic and
//! answers `InvalidParameterException` with a message such as
//! `1 validation error detected: Value 'x' at 'userPoolId' failed to satisfy constraint: Member
//! must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+`. Several violations are joined
//! with `; ` under `N validation errors detected: `. The value of a sensitive member (Username,
//! FeedbackToken) is never echoed: the service writes `Value at 'username' …`. Lengths are
//! counted in UTF-16 code units, and patterns match the whole value with Java's semantics
//! (`\w` is ASCII only).

use serde_json::{Map, Value};
use unicode_general_category::{GeneralCategory, get_general_category};

/// One member of an operation's input and its constraints, as in the service model.
pub(crate) struct Member {
    /// The member's name in the JSON body, such as `UserPoolId`.
    pub(crate) name: &'static str,
    /// The name Cognito's validation messages use, such as `userPoolId`.
    label: &'static str,
    /// Whether the model marks the member sensitive (its value is never echoed).
    sensitive: bool,
    rule: Rule,
}

/// What a member's value must satisfy.
enum Rule {
    /// A string with a length range and a pattern (`matches` implements `pattern`).
    Text {
        min: Option<usize>,
        max: Option<usize>,
        pattern: &'static str,
        matches: fn(&str) -> bool,
    },
    /// A string from a closed set.
    OneOf(&'static [&'static str]),
}

/// `UserPoolId`: 1–55, `[\w-]+_[0-9a-zA-Z]+`.
pub(crate) const USER_POOL_ID: Member = Member {
    name: "UserPoolId",
    label: "userPoolId",
    sensitive: false,
    rule: Rule::Text {
        min: Some(1),
        max: Some(55),
        pattern: r"[\w-]+_[0-9a-zA-Z]+",
        matches: is_user_pool_id,
    },
};

/// `Username`: 1–128, `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`, sensitive.
pub(crate) const USERNAME: Member = Member {
    name: "Username",
    label: "username",
    sensitive: true,
    rule: Rule::Text {
        min: Some(1),
        max: Some(128),
        pattern: r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
        matches: is_username,
    },
};

/// `EventId`: 1–50, `[\w+-]+`.
pub(crate) const EVENT_ID: Member = Member {
    name: "EventId",
    label: "eventId",
    sensitive: false,
    rule: Rule::Text {
        min: Some(1),
        max: Some(50),
        pattern: r"[\w+-]+",
        matches: is_event_id,
    },
};

/// `FeedbackToken`: `[A-Za-z0-9-_=.]+`, no length limit, sensitive.
pub(crate) const FEEDBACK_TOKEN: Member = Member {
    name: "FeedbackToken",
    label: "feedbackToken",
    sensitive: true,
    rule: Rule::Text {
        min: None,
        max: None,
        pattern: "[A-Za-z0-9-_=.]+",
        matches: is_feedback_token,
    },
};

/// `FeedbackValue`: `Valid` or `Invalid`.
pub(crate) const FEEDBACK_VALUE: Member = Member {
    name: "FeedbackValue",
    label: "feedbackValue",
    sensitive: false,
    rule: Rule::OneOf(&["Valid", "Invalid"]),
};

/// Why a request body was refused before any business logic ran.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A member has a JSON type the protocol cannot read as a string (SerializationException).
    Serialization(String),
    /// One or more constraints failed; the text is Cognito's validation message
    /// (InvalidParameterException).
    Constraints(String),
}

/// Checks `members` of `input` in order and returns their values when all are valid.
///
/// A JSON `null` counts as a missing member, as in the service. Other members are ignored.
pub(crate) fn validate<'a, const N: usize>(
    input: &'a Map<String, Value>,
    members: &[Member; N],
) -> Result<[&'a str; N], Refusal> {
    for member in members {
        if let Some(other) = input
            .get(member.name)
            .filter(|value| !value.is_null() && !value.is_string())
        {
            return Err(Refusal::Serialization(format!(
                "Member {} must be a string, not {}",
                member.name,
                json_type(other)
            )));
        }
    }
    let values: [Option<&str>; N] =
        std::array::from_fn(|i| input.get(members[i].name).and_then(Value::as_str));
    let violations: Vec<String> = members
        .iter()
        .zip(&values)
        .flat_map(|(member, value)| violations(member, *value))
        .collect();
    if violations.is_empty() {
        // No violation means no member was null, so every value is present.
        Ok(values.map(Option::unwrap_or_default))
    } else {
        Err(Refusal::Constraints(message(&violations)))
    }
}

/// Whether `value` satisfies every constraint of `member`.
pub(crate) fn is_valid(member: &Member, value: &str) -> bool {
    violations(member, Some(value)).is_empty()
}

/// Each failed constraint of one member, as a clause of the validation message.
fn violations(member: &Member, value: Option<&str>) -> Vec<String> {
    let subject = match value {
        None => format!("Value null at '{}'", member.label),
        Some(_) if member.sensitive => format!("Value at '{}'", member.label),
        Some(text) => format!("Value '{}' at '{}'", text, member.label),
    };
    let clause =
        |constraint: String| format!("{subject} failed to satisfy constraint: {constraint}");
    let Some(text) = value else {
        return vec![clause("Member must not be null".to_owned())];
    };
    let mut found = Vec::new();
    match &member.rule {
        Rule::Text {
            min,
            max,
            pattern,
            matches,
        } => {
            let length = text.encode_utf16().count();
            if let Some(min) = min.filter(|min| length < *min) {
                found.push(clause(format!(
                    "Member must have length greater than or equal to {min}"
                )));
            }
            if let Some(max) = max.filter(|max| length > *max) {
                found.push(clause(format!(
                    "Member must have length less than or equal to {max}"
                )));
            }
            if !matches(text) {
                found.push(clause(format!(
                    "Member must satisfy regular expression pattern: {pattern}"
                )));
            }
        }
        Rule::OneOf(allowed) => {
            if !allowed.contains(&text) {
                found.push(clause(format!(
                    "Member must satisfy enum value set: [{}]",
                    allowed.join(", ")
                )));
            }
        }
    }
    found
}

/// The service's message for a list of violations.
fn message(violations: &[String]) -> String {
    let plural = if violations.len() == 1 { "" } else { "s" };
    format!(
        "{} validation error{plural} detected: {}",
        violations.len(),
        violations.join("; ")
    )
}

/// The name of a JSON value's type, for messages.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Java's `\w`: ASCII letters, digits and `_`.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `[\w-]+_[0-9a-zA-Z]+`, whole value: the last `_` splits a non-empty `[\w-]` prefix from a
/// non-empty alphanumeric suffix (the suffix cannot hold `_`, so only the last `_` can split).
fn is_user_pool_id(text: &str) -> bool {
    let Some(split) = text.rfind('_') else {
        return false;
    };
    let (prefix, suffix) = (&text[..split], &text[split + 1..]);
    !prefix.is_empty()
        && prefix.chars().all(|c| is_word(c) || c == '-')
        && !suffix.is_empty()
        && suffix.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`, whole value: letters, marks, symbols, numbers, punctuation.
fn is_username(text: &str) -> bool {
    use GeneralCategory as G;
    !text.is_empty()
        && text.chars().all(|c| {
            !matches!(
                get_general_category(c),
                G::SpaceSeparator
                    | G::LineSeparator
                    | G::ParagraphSeparator
                    | G::Control
                    | G::Format
                    | G::Surrogate
                    | G::PrivateUse
                    | G::Unassigned
            )
        })
}

/// `[\w+-]+`, whole value.
fn is_event_id(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| is_word(c) || c == '+' || c == '-')
}

/// `[A-Za-z0-9-_=.]+`, whole value.
fn is_feedback_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FEEDBACK: [Member; 5] = [
        USER_POOL_ID,
        USERNAME,
        EVENT_ID,
        FEEDBACK_TOKEN,
        FEEDBACK_VALUE,
    ];

    fn check(body: Value) -> Result<Vec<String>, Refusal> {
        let map = body.as_object().expect("test bodies are objects").clone();
        validate(&map, &FEEDBACK).map(|values| values.map(str::to_owned).to_vec())
    }

    fn good() -> Value {
        json!({"UserPoolId": "us-east-1_Ab1", "Username": "alice", "EventId": "e-1",
               "FeedbackToken": "t.A=", "FeedbackValue": "Valid"})
    }

    #[test]
    fn valid_input_returns_the_values_in_member_order() {
        assert_eq!(
            check(good()).unwrap(),
            ["us-east-1_Ab1", "alice", "e-1", "t.A=", "Valid"]
        );
    }

    #[test]
    fn one_violation_echoes_a_plain_value() {
        let mut body = good();
        body["UserPoolId"] = json!("eu-west-1-AbC");
        assert_eq!(
            check(body),
            Err(Refusal::Constraints(
                "1 validation error detected: Value 'eu-west-1-AbC' at 'userPoolId' failed to satisfy \
                 constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"
                    .into()
            ))
        );
    }

    #[test]
    fn sensitive_values_are_never_echoed() {
        let mut body = good();
        body["Username"] = json!("has space");
        body["FeedbackToken"] = json!("bad token!");
        let Err(Refusal::Constraints(message)) = check(body) else {
            panic!("expected a violation")
        };
        assert_eq!(
            message,
            "2 validation errors detected: Value at 'username' failed to satisfy constraint: Member must \
             satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; Value at 'feedbackToken' \
             failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+"
        );
        assert!(!message.contains("has space") && !message.contains("bad token"));
    }

    #[test]
    fn missing_and_null_members_must_not_be_null() {
        let body = json!({"UserPoolId": null, "EventId": "e", "FeedbackToken": "t", "FeedbackValue": "Valid"});
        assert_eq!(
            check(body),
            Err(Refusal::Constraints(
                "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member \
                 must not be null; Value null at 'username' failed to satisfy constraint: Member must not be null"
                    .into()
            ))
        );
    }

    #[test]
    fn empty_values_break_length_and_pattern() {
        let mut body = good();
        body["EventId"] = json!("");
        assert_eq!(
            check(body),
            Err(Refusal::Constraints(
                "2 validation errors detected: Value '' at 'eventId' failed to satisfy constraint: Member must \
                 have length greater than or equal to 1; Value '' at 'eventId' failed to satisfy constraint: \
                 Member must satisfy regular expression pattern: [\\w+-]+"
                    .into()
            ))
        );
    }

    #[test]
    fn lengths_count_utf16_code_units() {
        let mut body = good();
        body["Username"] = json!("🦀".repeat(64)); // 64 chars, 128 UTF-16 units: the limit
        assert!(check(body.clone()).is_ok());
        body["Username"] = json!(format!("{}a", "🦀".repeat(64)));
        let Err(Refusal::Constraints(message)) = check(body) else {
            panic!("expected a violation")
        };
        assert_eq!(
            message,
            "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have \
             length less than or equal to 128"
        );
    }

    #[test]
    fn feedback_value_is_an_enum_matched_exactly() {
        let mut body = good();
        body["FeedbackValue"] = json!("valid");
        assert_eq!(
            check(body),
            Err(Refusal::Constraints(
                "1 validation error detected: Value 'valid' at 'feedbackValue' failed to satisfy constraint: \
                 Member must satisfy enum value set: [Valid, Invalid]"
                    .into()
            ))
        );
    }

    #[test]
    fn non_string_members_are_serialization_errors() {
        let mut body = good();
        body["EventId"] = json!(7);
        assert_eq!(
            check(body),
            Err(Refusal::Serialization(
                "Member EventId must be a string, not a number".into()
            ))
        );
    }

    #[test]
    fn user_pool_id_pattern() {
        for ok in ["us-east-1_Ab1", "a_b", "x-y_z_9", "__a", "-_0"] {
            assert!(is_user_pool_id(ok), "{ok}");
        }
        for bad in ["", "_a", "ab", "a_", "a_b-c", "a_b_", "é_a", "a_é", "a b_c"] {
            assert!(!is_user_pool_id(bad), "{bad}");
        }
    }

    #[test]
    fn username_pattern_takes_letters_marks_symbols_numbers_punctuation() {
        for ok in [
            "alice",
            "Zoë",
            "山田太郎",
            "🦀crab",
            "a.b@c-d",
            "e\u{301}",
            "½",
        ] {
            assert!(is_username(ok), "{ok}");
        }
        for bad in [
            "",
            "a b",
            "tab\t",
            "nbsp\u{a0}",
            "zw\u{200b}",
            "pua\u{e000}",
            "\u{378}",
        ] {
            assert!(!is_username(bad), "{bad:?}");
        }
    }

    #[test]
    fn event_id_and_token_patterns_are_ascii() {
        assert!(is_event_id("evt_1+2-3") && !is_event_id("evt.1") && !is_event_id("é"));
        assert!(
            is_feedback_token("tok-1_a=.B")
                && !is_feedback_token("tok+1")
                && !is_feedback_token("")
        );
    }
}
