//! `--generate-cli-skeleton`: the input skeleton the AWS CLI prints for the operation, every
//! member in the model's order with an empty string; and the output skeleton. The AWS CLI fills an enum member with one
//! of its values drawn at random; this prints `Valid`, the first, so the output is stable.

use serde::Serialize;

use crate::output::pretty;

/// The request's members, as `--cli-input-json` takes them.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Input {
    user_pool_id: &'static str,
    username: &'static str,
    event_id: &'static str,
    feedback_token: &'static str,
    feedback_value: &'static str,
}

/// The output skeleton's text: what a success prints, as the AWS CLI prints a stubbed success.
/// UpdateAuthEventFeedback's output has no members, and the AWS CLI prints nothing for an empty
/// response.
pub fn output() -> String {
    String::new()
}

/// The skeleton's text.
pub fn input() -> String {
    pretty(&Input {
        user_pool_id: "",
        username: "",
        event_id: "",
        feedback_token: "",
        feedback_value: "Valid",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::MEMBERS;

    #[test]
    fn the_skeleton_is_the_aws_cli_layout() {
        assert_eq!(
            input(),
            "{\n    \"UserPoolId\": \"\",\n    \"Username\": \"\",\n    \"EventId\": \"\",\n    \
             \"FeedbackToken\": \"\",\n    \"FeedbackValue\": \"Valid\"\n}\n"
        );
    }

    #[test]
    fn the_skeleton_has_exactly_the_input_members_in_order() {
        let text = input();
        let mut at = 0;
        for member in MEMBERS {
            let found = text[at..].find(&format!("\"{member}\"")).expect(member);
            at += found + 1;
        }
        assert_eq!(text.matches("\": ").count(), MEMBERS.len());
    }
}
