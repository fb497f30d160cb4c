//! What a successful call prints. The response is empty, so, as the AWS CLI, nothing by default
//! or with `--output text`; with `--output json` the response metadata in boto3's shape
//! (`RetryAttempts` counts retries, not attempts), so that scripts can log the request id.

use std::fmt::Write as _;

use serde::Serialize;

use cognito_feedback::{UpdateAuthEventFeedbackOutput, needs_escape};

use crate::args::OutputFormat;

/// `{"ResponseMetadata": {...}}`.
#[derive(Serialize)]
struct Response<'a> {
    #[serde(rename = "ResponseMetadata")]
    metadata: Metadata<'a>,
}

/// boto3's ResponseMetadata, less the headers.
#[derive(Serialize)]
struct Metadata<'a> {
    /// Left out when the service sent no `x-amzn-RequestId`, as botocore leaves it out.
    #[serde(rename = "RequestId", skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    #[serde(rename = "HTTPStatusCode")]
    http_status_code: u16,
    #[serde(rename = "RetryAttempts")]
    retry_attempts: u32,
}

/// The text standard output gets for a successful call.
pub fn success(format: Option<OutputFormat>, output: &UpdateAuthEventFeedbackOutput) -> String {
    match format {
        None | Some(OutputFormat::Text) => String::new(),
        Some(OutputFormat::Json) => pretty(&Response {
            metadata: Metadata {
                request_id: output.request_id(),
                http_status_code: output.http_status(),
                retry_attempts: output.attempts().saturating_sub(1),
            },
        }),
    }
}

/// JSON as the AWS CLI prints it (Python's `json.dump(indent=4)`), with a final newline, and
/// every control character inside its strings escaped (see [`escape_raw_controls`]).
pub fn pretty(value: &impl Serialize) -> String {
    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    value
        .serialize(&mut serializer)
        .expect("these plain structs always serialize");
    let mut text = escape_raw_controls(&String::from_utf8(bytes).expect("serde_json writes UTF-8"));
    text.push('\n');
    text
}

/// `json` with every character the library escapes in text for a person
/// ([`needs_escape`]: controls, separators, bidirectional controls) that serde_json leaves raw
/// written as a `\uXXXX` escape. serde_json escapes only the C0 controls; DEL, the C1 controls
/// and the rest are valid raw in a JSON string, but a terminal acts on them: a request id from
/// the network could move the cursor, retitle the window or reorder what is shown. Outside
/// strings JSON holds ASCII punctuation, digits and whitespace only, so every one of these
/// found (all are DEL or beyond ASCII) is inside a string, where its escape means the same.
fn escape_raw_controls(json: &str) -> String {
    let mut escaped = String::with_capacity(json.len());
    for c in json.chars() {
        if needs_escape(c) && u32::from(c) >= 0x7f {
            // Every such character is in the Basic Multilingual Plane: one escape each.
            let _ = write!(escaped, "\\u{:04x}", u32::from(c));
        } else {
            escaped.push(c);
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_in_a_string_is_escaped() {
        let hostile: String = (0u32..=0x9f).filter_map(char::from_u32).collect();
        let text = pretty(&[hostile.as_str()]);
        let inside = text
            .trim_end()
            .trim_start_matches("[\n    ")
            .trim_end_matches("\n]");
        assert!(!inside.chars().any(char::is_control), "{inside:?}");
        assert!(inside.contains("\\u001b"), "{inside}");
        assert!(inside.contains("\\u007f"), "{inside}");
        assert!(inside.contains("\\u0085\\u0086"), "{inside}");
        assert!(inside.ends_with("\\u009f\""), "{inside}");
        let back: Vec<String> = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, [hostile]);
    }

    #[test]
    fn separators_and_bidirectional_controls_are_escaped_as_in_text() {
        let hostile = "id\u{2028}x\u{202e}y\u{2066}z\u{61c}é";
        let text = pretty(&[hostile]);
        assert_eq!(text, "[\n    \"id\\u2028x\\u202ey\\u2066z\\u061cé\"\n]\n");
        let back: Vec<String> = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, [hostile]);
    }
}
