//! The awsJson1_1 protocol's responses, shaped as Cognito sends them.
//!
//! Success: 200 with a JSON body. Errors of the service (Cognito's own exceptions): `__type` and
//! `message` in the body (plus `reasonCode` when there is one), and the headers
//! `x-amzn-ErrorType: <Code>:` and `x-amzn-ErrorMessage: <message>` as Cognito's front end adds
//! them. Errors of the service framework (unknown operation, unreadable body): a namespaced
//! `__type` such as `com.amazon.coral.service#SerializationException` and a capitalised
//! `Message`, as AWS's JSON services answer them. Every response gets its `x-amzn-RequestId`
//! when it is written (see the server).

use serde_json::{Map, Value, json};

use crate::http::Response;

/// The protocol's content type, for requests and responses.
pub(crate) const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// The namespace of the service framework's own errors.
const FRAMEWORK_NAMESPACE: &str = "com.amazon.coral.service#";

/// 200 with a JSON body.
pub(crate) fn success(body: &Value) -> Response {
    Response::new(200, CONTENT_TYPE, body.to_string().into_bytes())
}

/// An error of the service, such as `NotAuthorizedException`.
pub(crate) fn service_error(
    status: u16,
    code: &str,
    message: Option<&str>,
    reason_code: Option<&str>,
) -> Response {
    let mut body = Map::new();
    body.insert("__type".into(), code.into());
    if let Some(message) = message {
        body.insert("message".into(), message.into());
    }
    if let Some(reason_code) = reason_code {
        body.insert("reasonCode".into(), reason_code.into());
    }
    with_error_headers(
        Response::new(
            status,
            CONTENT_TYPE,
            Value::Object(body).to_string().into_bytes(),
        ),
        code,
        message,
    )
}

/// An error of the service framework: 400 `UnknownOperationException` or `SerializationException`.
pub(crate) fn framework_error(code: &str, message: &str) -> Response {
    let body = json!({"__type": format!("{FRAMEWORK_NAMESPACE}{code}"), "Message": message});
    with_error_headers(
        Response::new(400, CONTENT_TYPE, body.to_string().into_bytes()),
        code,
        Some(message),
    )
}

/// `x-amzn-ErrorType` (the code after any namespace, then `:`), and `x-amzn-ErrorMessage` when
/// the message can travel in a header (printable ASCII).
fn with_error_headers(response: Response, code: &str, message: Option<&str>) -> Response {
    let short_code = code.rsplit('#').next().unwrap_or(code);
    let response = response.with_header("x-amzn-ErrorType", format!("{short_code}:"));
    match message {
        Some(message) if message.bytes().all(|b| (b' '..=b'~').contains(&b)) => {
            response.with_header("x-amzn-ErrorMessage", message)
        }
        _ => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(response: &Response) -> Value {
        serde_json::from_slice(&response.body).unwrap()
    }

    #[test]
    fn service_errors_carry_type_message_reason_and_headers() {
        let response = service_error(400, "InvalidParameterException", Some("Bad."), Some("WHY"));
        assert_eq!(
            body(&response),
            json!({"__type": "InvalidParameterException", "message": "Bad.", "reasonCode": "WHY"})
        );
        assert_eq!(
            response.header("x-amzn-errortype"),
            Some("InvalidParameterException:")
        );
        assert_eq!(response.header("x-amzn-errormessage"), Some("Bad."));
        assert_eq!(response.header("content-type"), Some(CONTENT_TYPE));
    }

    #[test]
    fn messages_that_cannot_be_header_values_stay_in_the_body_only() {
        let response = service_error(400, "X", Some("Value 'Zoë' is bad"), None);
        assert_eq!(response.header("x-amzn-errormessage"), None);
        assert_eq!(body(&response)["message"], "Value 'Zoë' is bad");
        assert_eq!(
            service_error(400, "X", None, None).header("x-amzn-errormessage"),
            None
        );
    }

    #[test]
    fn framework_errors_are_namespaced_with_a_capital_message() {
        let response = framework_error(
            "SerializationException",
            "Start of structure or map found where not expected.",
        );
        assert_eq!(response.status, 400);
        assert_eq!(
            body(&response),
            json!({"__type": "com.amazon.coral.service#SerializationException",
                   "Message": "Start of structure or map found where not expected."})
        );
        assert_eq!(
            response.header("x-amzn-errortype"),
            Some("SerializationException:")
        );
    }
}
