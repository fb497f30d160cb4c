//! What a successful call prints. The response is empty, so, as the AWS CLI, nothing by default
//! or with `--output text`; with `--output json` the response metadata in boto3's shape
//! (`RetryAttempts` counts retries, not attempts), so that scripts can log the request id.

use serde::Serialize;

use cognito_feedback::UpdateAuthEventFeedbackOutput;

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

/// `json` with DEL and the C1 controls (U+007F to U+009F) written as `\u00XX` escapes. JSON
/// allows them raw in a string and serde_json leaves them so (it escapes only the C0
/// controls), but a terminal acts on them: a request id from the network could move the
/// cursor or retitle the window. Outside strings JSON holds ASCII punctuation, digits and
/// whitespace only, so every one found is inside a string, where its escape means the same.
fn escape_raw_controls(json: &str) -> String {
    let mut escaped = String::with_capacity(json.len());
    for c in json.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) {
            escaped.push_str(&format!("\\u{:04x}", u32::from(c)));
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
}
