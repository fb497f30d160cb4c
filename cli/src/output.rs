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

/// JSON as the AWS CLI prints it (Python's `json.dump(indent=4)`), with a final newline.
pub fn pretty(value: &impl Serialize) -> String {
    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    value
        .serialize(&mut serializer)
        .expect("these plain structs always serialize");
    let mut text = String::from_utf8(bytes).expect("serde_json writes UTF-8");
    text.push('\n');
    text
}
