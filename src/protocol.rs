//! The awsJson1_1 wire format of UpdateAuthEventFeedback, without I/O: the request body and
//! header values the SDKs send, and the reading of one HTTP response into success or the
//! [`Failure`] it stands for.
//!
//! Error responses follow the awsJson1_1 rules as aws-sdk-rust applies them; where we
//! deliberately differ (all in malformed or degenerate responses), the conformance test table
//! at the bottom of this file says so case by case, with the reason.

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use serde_json::error::Category;

use crate::error::{Answer, Failure};
use crate::http::{HttpResponse, MAX_RESPONSE_BODY};
use crate::model::UpdateAuthEventFeedbackRequest;

/// The `X-Amz-Target` header value of the operation.
pub(crate) const TARGET: &str = "AWSCognitoIdentityProviderService.UpdateAuthEventFeedback";

/// The `Content-Type` of awsJson1_1 requests.
pub(crate) const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// How many characters of a response body or header an error message quotes at most.
const QUOTE_LIMIT: usize = 200;

/// The request body: the five members, serialized in the model's order.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RequestBody<'a> {
    user_pool_id: &'a str,
    username: &'a str,
    event_id: &'a str,
    feedback_token: &'a str,
    feedback_value: &'static str,
}

/// The request body as compact JSON (UTF-8, members in model order: UserPoolId, Username,
/// EventId, FeedbackToken, FeedbackValue), as the SDKs send it.
pub(crate) fn encode_request(request: &UpdateAuthEventFeedbackRequest) -> Vec<u8> {
    let body = RequestBody {
        user_pool_id: &request.user_pool_id,
        username: &request.username,
        event_id: &request.event_id,
        feedback_token: &request.feedback_token,
        feedback_value: request.feedback_value.as_str(),
    };
    // A struct of string fields has no map keys to reject and no fallible Serialize impl, and
    // writing into a Vec cannot fail: serialization has no error path here.
    serde_json::to_vec(&body).expect("a struct of strings always serializes to JSON")
}

/// The `User-Agent` header, shaped like the AWS SDKs' (user-agent format 2.1):
/// `cognito-feedback/<version> ua/2.1 os/<family> md/arch#<arch> lang/rust`, then
/// ` app/<id>` when an app id is set (`AWS_SDK_UA_APP_ID`). Every character of the app id
/// outside the HTTP token characters (RFC 9110 `tchar`) becomes `-`, as botocore sanitizes it.
/// The rustc version is left out (`lang/rust`): the library cannot know it without a
/// build-script probe.
pub(crate) fn user_agent(app_id: Option<&str>) -> String {
    let mut ua = format!(
        "cognito-feedback/{} ua/2.1 {} md/arch#{} lang/rust",
        crate::version::VERSION,
        os_metadata(std::env::consts::OS),
        ua_token(std::env::consts::ARCH),
    );
    if let Some(app_id) = app_id.filter(|id| !id.is_empty()) {
        ua.push_str(" app/");
        ua.push_str(&ua_token(app_id));
    }
    ua
}

/// The `os/` component: one of the SDKs' OS families, or `os/other` plus the raw name.
fn os_metadata(os: &str) -> String {
    match os {
        "linux" | "windows" | "macos" | "android" | "ios" | "watchos" | "tvos" => {
            format!("os/{os}")
        }
        other => format!("os/other md/{}", ua_token(other)),
    }
}

/// `raw` with every character outside the HTTP token set (RFC 9110 `tchar`) replaced by `-`.
fn ua_token(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The `amz-sdk-request` header value: `attempt=N; max=M`.
pub(crate) fn sdk_request_header(attempt: u32, max_attempts: u32) -> String {
    format!("attempt={attempt}; max={max_attempts}")
}

/// Reads one response: a 2xx is success (the response is handed back); anything else is the
/// failure it stands for, which keeps the response's status, request id and headers.
///
/// - 2xx: the body must be empty (Smithy's `json_1_1_service_responds_with_no_payload`, and
///   aws-sdk-rust) or a JSON object, whatever its members (`handles_unexpected_json_output`).
///   Other bodies are a Response error: Cognito always answers `{}`, so such a body means
///   something else answered (a captive portal, a proxy, a wrong endpoint) and the feedback
///   may not have been recorded. aws-sdk-rust does not read this operation's 200 body at all.
/// - 3xx: a Response error naming the `Location`; redirects are never followed, so the
///   feedback token never reaches another host.
/// - Otherwise, a Service error when the response names an error code (`X-Amzn-Errortype`,
///   else body `code`, else body `__type`; sanitized), and a Response error when it does not,
///   or when the body is not a JSON object, or is over the cap. Every error carries the HTTP
///   status, so the retry layer sees a 503 with an HTML body as a 503.
pub(crate) fn parse_response(response: HttpResponse) -> Result<HttpResponse, Failure> {
    let fields = match readable_fields(&response) {
        Ok(fields) => fields,
        Err(message) => return Err(Failure::response(message, Answer::whole(response))),
    };
    if (200..300).contains(&response.status()) {
        return Ok(response);
    }
    Err(match error_code(&response, &fields) {
        Ok(code) => Failure::service(
            code,
            fields.message.unwrap_or_default(),
            fields.reason_code,
            response,
        ),
        Err(message) => Failure::response(message, Answer::whole(response)),
    })
}

/// The body's fields; else why the response cannot be read (the message of its Response
/// error): a redirect, a body over the cap, or a body that is not a JSON object.
fn readable_fields(response: &HttpResponse) -> Result<BodyFields, String> {
    let status = response.status();
    if (300..400).contains(&status) {
        return Err(redirect_message(response));
    }
    if response.body_truncated() {
        return Err(format!(
            "HTTP {status} response body is larger than the {MAX_RESPONSE_BODY}-byte cap; \
             it was not read"
        ));
    }
    read_body(response)
}

/// The message of a redirect that was not followed.
fn redirect_message(response: &HttpResponse) -> String {
    let status = response.status();
    let target = match response.header("location") {
        Some(location) => format!("to {}", quote(location)),
        None => "without a Location header".to_owned(),
    };
    format!(
        "HTTP {status} redirect {target} was not followed: the request and its feedback token \
         go only to the configured endpoint"
    )
}

/// The members of a response body that matter, each the last string value its key had.
#[derive(Debug, Default)]
struct BodyFields {
    code: Option<String>,
    type_: Option<String>,
    message: Option<String>,
    reason_code: Option<String>,
}

impl<'de> Deserialize<'de> for BodyFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<BodyFields, D::Error> {
        deserializer.deserialize_map(BodyFieldsVisitor)
    }
}

/// Walks the top-level object in order, so a repeated key keeps its last string value and a
/// non-string value leaves a member unset, as aws-sdk-rust's error-body reader does.
struct BodyFieldsVisitor;

impl<'de> Visitor<'de> for BodyFieldsVisitor {
    type Value = BodyFields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BodyFields, A::Error> {
        let mut fields = BodyFields::default();
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "code" => &mut fields.code,
                "__type" => &mut fields.type_,
                "message" | "Message" | "errorMessage" => &mut fields.message,
                "reasonCode" => &mut fields.reason_code,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if let Value::String(value) = map.next_value::<Value>()? {
                *slot = Some(value);
            }
        }
        Ok(fields)
    }
}

/// The body's fields: empty (or only JSON whitespace) gives none; anything but a JSON object
/// is unreadable, and the message says so quoting the start of the body.
fn read_body(response: &HttpResponse) -> Result<BodyFields, String> {
    let body = response.body();
    if is_blank(body) {
        return Ok(BodyFields::default());
    }
    serde_json::from_slice::<BodyFields>(body).map_err(|err| {
        let what = match err.classify() {
            Category::Data => "is not a JSON object",
            Category::Syntax | Category::Eof | Category::Io => "is not valid JSON",
        };
        format!(
            "HTTP {} response body {what} ({err}): {}",
            response.status(),
            quote(&String::from_utf8_lossy(body)),
        )
    })
}

/// True when `body` is empty or only JSON whitespace.
fn is_blank(body: &[u8]) -> bool {
    body.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// The error code an error response names (sanitized); else the message of the Response
/// error saying what was missing.
fn error_code(response: &HttpResponse, fields: &BodyFields) -> Result<String, String> {
    let status = response.status();
    let raw_code = response
        .header("x-amzn-errortype")
        .or(fields.code.as_deref())
        .or(fields.type_.as_deref());
    if let Some(code) = raw_code.map(sanitize_code).filter(|code| !code.is_empty()) {
        return Ok(code.to_owned());
    }
    let mut message = match raw_code {
        Some(raw) => format!(
            "HTTP {status} error response has an empty error code ({})",
            quote(raw)
        ),
        None if is_blank(response.body()) => format!(
            "HTTP {status} error response has no error code: empty body and no \
             X-Amzn-Errortype header"
        ),
        None => format!(
            "HTTP {status} error response has no error code: no X-Amzn-Errortype header and no \
             string \"code\" or \"__type\" in the JSON body"
        ),
    };
    if let Some(service_message) = &fields.message {
        message.push_str(&format!("; message: {}", quote(service_message)));
    }
    Err(message)
}

/// The awsJson1_1 error code in `raw`: cut at the first `:`, then keep what follows the last
/// `#` (`ns#FooError:http://...` is `FooError`).
fn sanitize_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    match before_colon.rfind('#') {
        Some(hash) => &before_colon[hash + 1..],
        None => before_colon,
    }
}

/// `text` quoted and escaped for a message, cut to [`QUOTE_LIMIT`] characters (`…` marks a cut).
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_LIMIT) {
        Some((cut, _)) => format!("{:?}…", &text[..cut]),
        None => format!("{text:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind, ServiceErrorCode};
    use crate::http::header_map;
    use crate::model::FeedbackValue;
    use proptest::prelude::*;
    use ureq::http::HeaderMap;

    fn request(username: &str, feedback_value: FeedbackValue) -> UpdateAuthEventFeedbackRequest {
        UpdateAuthEventFeedbackRequest {
            user_pool_id: "us-east-1_PlusPool1".into(),
            username: username.into(),
            event_id: "evt-alice-1".into(),
            feedback_token: "tok-alice-1.AbC=".into(),
            feedback_value,
        }
    }

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse::new(status, header_map(headers.iter().copied()), body.into())
    }

    /// What [`parse_response`] makes of `r`: the request id of a success, else the error of a
    /// call that ended with that answer.
    fn parse(r: HttpResponse) -> Result<Option<String>, Error> {
        parse_response(r)
            .map(|r| r.request_id())
            .map_err(|failure| Error::after_attempts(failure, 1, None))
    }

    /// A response whose body went past the cap: `body`, padded with spaces past it.
    fn oversized(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
        let mut body = body.as_bytes().to_vec();
        body.resize(MAX_RESPONSE_BODY + 1, b' ');
        HttpResponse::new(status, header_map(headers.iter().copied()), body)
    }

    // ---- request ----

    #[test]
    fn request_body_is_compact_json_in_model_order() {
        let body = encode_request(&request("alice", FeedbackValue::Valid));
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"UserPoolId":"us-east-1_PlusPool1","Username":"alice","EventId":"evt-alice-1","FeedbackToken":"tok-alice-1.AbC=","FeedbackValue":"Valid"}"#
        );
        let body = encode_request(&request("alice", FeedbackValue::Invalid));
        assert!(body.ends_with(br#","FeedbackValue":"Invalid"}"#));
    }

    #[test]
    fn request_body_keeps_non_ascii_as_utf8() {
        for name in ["Zoë", "山田太郎", "🦀crab"] {
            let body = encode_request(&request(name, FeedbackValue::Valid));
            let expected = format!(
                r#"{{"UserPoolId":"us-east-1_PlusPool1","Username":"{name}","EventId":"evt-alice-1","FeedbackToken":"tok-alice-1.AbC=","FeedbackValue":"Valid"}}"#
            );
            assert_eq!(body, expected.as_bytes());
        }
        // The raw bytes of "Zoë": ë is C3 AB, not a \u escape.
        let body = encode_request(&request("Zoë", FeedbackValue::Valid));
        assert!(body.windows(4).any(|w| w == b"Zo\xC3\xAB"));
    }

    #[test]
    fn request_body_escapes_json_specials() {
        let name = "a\"b\\c/d\ne\t\u{1}\u{1f}\u{7f}\u{2028}";
        let body = encode_request(&request(name, FeedbackValue::Valid));
        // Quote, backslash and control characters are escaped; '/', DEL and U+2028 are valid
        // unescaped in JSON and stay raw.
        let expected = concat!(
            r#"{"UserPoolId":"us-east-1_PlusPool1","Username":"a\"b\\c/d\ne\t\u0001\u001f"#,
            "\u{7f}\u{2028}",
            r#"","EventId":"evt-alice-1","FeedbackToken":"tok-alice-1.AbC=","FeedbackValue":"Valid"}"#,
        );
        assert_eq!(String::from_utf8(body.clone()).unwrap(), expected);
        let back: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(back["Username"], name);
    }

    #[test]
    fn protocol_constants() {
        assert_eq!(
            TARGET,
            "AWSCognitoIdentityProviderService.UpdateAuthEventFeedback"
        );
        assert_eq!(CONTENT_TYPE, "application/x-amz-json-1.1");
    }

    // ---- headers ----

    /// Each component is `name/value` or `md/name#value`, built only from token characters.
    fn assert_ua_grammar(ua: &str) {
        for component in ua.split(' ') {
            let (prefix, rest) = component.split_once('/').unwrap_or_else(|| panic!("{ua}"));
            assert!(!prefix.is_empty() && !rest.is_empty(), "{ua}");
            assert!(
                rest.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~/".contains(c)),
                "{ua}"
            );
        }
    }

    #[test]
    fn user_agent_without_app_id() {
        let ua = user_agent(None);
        assert!(
            ua.starts_with(&format!(
                "cognito-feedback/{} ua/2.1 os/",
                crate::version::VERSION
            )),
            "{ua}"
        );
        assert!(ua.ends_with(" lang/rust"), "{ua}");
        assert!(
            ua.contains(&format!(" md/arch#{} ", std::env::consts::ARCH)),
            "{ua}"
        );
        assert!(!ua.contains("app/"), "{ua}");
        assert_ua_grammar(&ua);
        assert_eq!(user_agent(Some("")), ua, "an empty app id adds nothing");
    }

    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    #[test]
    fn user_agent_exact_on_linux_x86_64() {
        assert_eq!(
            user_agent(Some("billing-service")),
            format!(
                "cognito-feedback/{} ua/2.1 os/linux md/arch#x86_64 lang/rust app/billing-service",
                crate::version::VERSION
            )
        );
    }

    #[test]
    fn user_agent_with_app_id_is_last_and_sanitized() {
        let ua = user_agent(Some("my-app_1.0"));
        assert_eq!(ua, format!("{} app/my-app_1.0", user_agent(None)));
        let ua = user_agent(Some("my app/Zoë#2,\"x\"\r\n"));
        assert!(ua.ends_with(" app/my-app-Zo-#2--x---"), "{ua}");
        assert_ua_grammar(&ua);
        // Whatever the app id, the header can be sent (the transport relies on it).
        for app_id in ["\0\u{7f}\t", "\u{1F600}", "a\r\nX-Evil: 1"] {
            let ua = user_agent(Some(app_id));
            assert!(ureq::http::HeaderValue::from_str(&ua).is_ok(), "{ua:?}");
        }
    }

    #[test]
    fn user_agent_os_families() {
        assert_eq!(os_metadata("linux"), "os/linux");
        assert_eq!(os_metadata("macos"), "os/macos");
        assert_eq!(os_metadata("windows"), "os/windows");
        assert_eq!(os_metadata("freebsd"), "os/other md/freebsd");
    }

    #[test]
    fn sdk_request_header_format() {
        assert_eq!(sdk_request_header(1, 3), "attempt=1; max=3");
        assert_eq!(sdk_request_header(3, 3), "attempt=3; max=3");
        assert_eq!(sdk_request_header(2, 10), "attempt=2; max=10");
    }

    // ---- success ----

    #[test]
    fn success_gives_the_request_id() {
        let r = response(200, &[("x-amzn-RequestId", "rid-1")], "{}");
        assert_eq!(parse(r), Ok(Some("rid-1".to_owned())));
        let r = response(200, &[("x-amz-request-id", "rid-2")], "{}");
        assert_eq!(parse(r), Ok(Some("rid-2".to_owned())));
        let r = response(200, &[], "{}");
        assert_eq!(parse(r), Ok(None));
    }

    #[test]
    fn success_accepts_empty_and_unexpected_object_bodies() {
        // Smithy awsJson1_1: json_1_1_service_responds_with_no_payload, handles_empty_output_shape,
        // handles_unexpected_json_output.
        for body in [
            "",
            " \r\n\t",
            "{}",
            "{\n    \"foo\": true\n}",
            r#"{"__type":"X"}"#,
        ] {
            let r = response(200, &[("x-amzn-RequestId", "rid")], body);
            assert_eq!(parse(r), Ok(Some("rid".to_owned())), "{body:?}");
        }
        let r = response(204, &[], "");
        assert_eq!(parse(r), Ok(None));
    }

    #[test]
    fn success_status_with_a_foreign_body_is_a_response_error() {
        for (body, what) in [
            (
                "<html>Welcome to the hotel wifi</html>",
                "is not valid JSON",
            ),
            ("[]", "is not a JSON object"),
            ("\"ok\"", "is not a JSON object"),
            ("{}garbage", "is not valid JSON"),
        ] {
            let r = response(200, &[("x-amzn-RequestId", "rid")], body);
            let err = parse(r).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Response, "{body}");
            assert_eq!(err.http_status(), Some(200));
            assert_eq!(err.request_id(), Some("rid"));
            assert_eq!(err.code(), None);
            assert!(
                err.message().starts_with("HTTP 200 response body "),
                "{}",
                err.message()
            );
            assert!(err.message().contains(what), "{}", err.message());
        }
    }

    // ---- size cap ----

    #[test]
    fn truncated_or_oversized_bodies_are_response_errors() {
        let r = oversized(200, &[("x-amzn-RequestId", "rid")], "{}");
        let err = parse(r).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Response);
        assert_eq!(err.http_status(), Some(200));
        assert_eq!(err.request_id(), Some("rid"));
        assert_eq!(
            err.message(),
            "HTTP 200 response body is larger than the 65536-byte cap; it was not read"
        );

        // A truncated error body is not parsed either, even with a code in a header.
        let r = oversized(
            400,
            &[("X-Amzn-Errortype", "FooError")],
            r#"{"message":"cut"#,
        );
        let err = parse(r).unwrap_err();
        assert_eq!(
            (err.kind(), err.http_status()),
            (ErrorKind::Response, Some(400))
        );
        assert!(err.message().contains("65536-byte cap"));

        // Exactly the cap is read.
        let mut body = b"{}".to_vec();
        body.resize(MAX_RESPONSE_BODY, b' ');
        let r = HttpResponse::new(200, HeaderMap::new(), body);
        assert_eq!(parse(r), Ok(None), "exactly the cap is fine");
    }

    #[test]
    fn non_json_bodies_are_quoted_briefly() {
        let body = "x".repeat(10_000);
        let err = parse(response(502, &[], &body)).unwrap_err();
        assert_eq!(
            (err.kind(), err.http_status()),
            (ErrorKind::Response, Some(502))
        );
        let quoted = format!("\"{}\"…", "x".repeat(QUOTE_LIMIT));
        assert!(err.message().ends_with(&quoted), "{}", err.message());
        assert!(err.message().len() < QUOTE_LIMIT + 120, "{}", err.message());

        // Control characters and invalid UTF-8 are escaped or replaced, not copied raw.
        let r = HttpResponse::new(500, HeaderMap::new(), b"\x00\x1b[31m\xff\xfe".to_vec());
        let err = parse(r).unwrap_err();
        assert!(
            err.message()
                .ends_with("\"\\0\\u{1b}[31m\u{fffd}\u{fffd}\""),
            "{}",
            err.message()
        );
    }

    // ---- redirects ----

    #[test]
    fn redirects_are_not_followed() {
        for status in [301, 302, 303, 307, 308] {
            let r = response(
                status,
                &[
                    ("Location", "https://elsewhere.example/"),
                    ("x-amzn-RequestId", "rid"),
                ],
                "",
            );
            let err = parse(r).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Response);
            assert_eq!(err.http_status(), Some(status));
            assert_eq!(err.request_id(), Some("rid"));
            assert_eq!(
                err.message(),
                format!(
                    "HTTP {status} redirect to \"https://elsewhere.example/\" was not followed: \
                     the request and its feedback token go only to the configured endpoint"
                )
            );
        }
        // Even a 3xx that names an error code or carries a JSON body is a redirect.
        let r = response(
            302,
            &[("X-Amzn-Errortype", "FooError")],
            r#"{"__type":"Foo"}"#,
        );
        let err = parse(r).unwrap_err();
        assert_eq!(err.code(), None);
        assert!(
            err.message()
                .starts_with("HTTP 302 redirect without a Location header was not followed")
        );
    }

    // ---- service errors ----

    #[test]
    fn the_eight_modeled_errors_are_recognized() {
        let modeled = [
            (
                "InvalidParameterException",
                ServiceErrorCode::InvalidParameter,
            ),
            (
                "ResourceNotFoundException",
                ServiceErrorCode::ResourceNotFound,
            ),
            (
                "TooManyRequestsException",
                ServiceErrorCode::TooManyRequests,
            ),
            ("NotAuthorizedException", ServiceErrorCode::NotAuthorized),
            ("UserNotFoundException", ServiceErrorCode::UserNotFound),
            (
                "UserPoolAddOnNotEnabledException",
                ServiceErrorCode::UserPoolAddOnNotEnabled,
            ),
            (
                "OperationNotEnabledException",
                ServiceErrorCode::OperationNotEnabled,
            ),
            ("InternalErrorException", ServiceErrorCode::InternalError),
        ];
        for (code, variant) in modeled {
            let body = format!(
                r#"{{"__type":"com.amazonaws.cognitoidentityprovider#{code}","message":"m"}}"#
            );
            let err = parse(response(400, &[], &body)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Service);
            assert_eq!(err.code(), Some(code));
            assert_eq!(err.service_error(), Some(variant));
        }
        let err = parse(response(400, &[], r#"{"__type":"BrandNewException"}"#)).unwrap_err();
        assert_eq!(err.code(), Some("BrandNewException"));
        assert_eq!(err.service_error(), Some(ServiceErrorCode::Unknown));
    }

    #[test]
    fn service_error_carries_everything_the_service_said() {
        let r = response(
            400,
            &[
                ("Content-Type", CONTENT_TYPE),
                ("x-amzn-RequestId", "rid-9"),
            ],
            r#"{"__type":"InvalidParameterException","message":"1 validation error detected","reasonCode":"INVALID_EMAIL"}"#,
        );
        let err = parse(r).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Service);
        assert_eq!(err.code(), Some("InvalidParameterException"));
        assert_eq!(err.reason_code(), Some("INVALID_EMAIL"));
        assert_eq!(err.message(), "1 validation error detected");
        assert_eq!(err.http_status(), Some(400));
        assert_eq!(err.request_id(), Some("rid-9"));
        let headers: Vec<_> = err.headers().collect();
        assert_eq!(
            headers,
            [
                ("content-type", CONTENT_TYPE.into()),
                ("x-amzn-requestid", "rid-9".into())
            ],
            "the error keeps the response's headers"
        );
        assert_eq!(
            err.to_string(),
            "InvalidParameterException: 1 validation error detected"
        );
        // A non-string reasonCode is left out rather than failing the whole error.
        let r = response(
            400,
            &[],
            r#"{"__type":"InvalidParameterException","reasonCode":7}"#,
        );
        assert_eq!(parse(r).unwrap_err().reason_code(), None);
    }

    #[test]
    fn server_errors_without_a_code_keep_their_status_for_the_retry_layer() {
        for status in [429, 500, 502, 503, 504] {
            let html = "<html><body><b>Http/1.1 Service Unavailable</b></body></html>";
            for body in ["", html] {
                let err =
                    parse(response(status, &[("Content-Type", "text/html")], body)).unwrap_err();
                assert_eq!(err.kind(), ErrorKind::Response);
                assert_eq!(err.http_status(), Some(status));
                assert_eq!(err.code(), None);
            }
        }
    }

    #[test]
    fn sanitize_code_rules() {
        assert_eq!(sanitize_code("FooError"), "FooError");
        assert_eq!(
            sanitize_code("FooError:http://internal.amazon.com/coral/"),
            "FooError"
        );
        assert_eq!(sanitize_code("aws.protocoltests.json#FooError"), "FooError");
        assert_eq!(sanitize_code("ns#FooError:http://x#y"), "FooError");
        assert_eq!(sanitize_code("a#b#FooError"), "FooError");
        assert_eq!(sanitize_code("ns#"), "");
        assert_eq!(sanitize_code(":x"), "");
        assert_eq!(sanitize_code("FooError,BarError"), "FooError,BarError");
    }

    #[test]
    fn code_passes_through_intact_even_with_odd_characters() {
        // The FFI layer must cope: JSON may carry NUL or any Unicode in a code or message.
        let err = parse(response(
            400,
            &[],
            r#"{"__type":"Foo\u0000Bär","message":"\u0000"}"#,
        ))
        .unwrap_err();
        assert_eq!(err.code(), Some("Foo\0Bär"));
        assert_eq!(err.message(), "\0");
    }

    #[test]
    fn deep_nesting_never_overflows_the_stack() {
        let nested = format!("{}{}", "[".repeat(30_000), "]".repeat(30_000));
        // Skipped members are walked without recursion: the code is still found.
        let body = format!(r#"{{"__type":"FooError","other":{nested}}}"#);
        let err = parse(response(400, &[], &body)).unwrap_err();
        assert_eq!(
            (err.kind(), err.code()),
            (ErrorKind::Service, Some("FooError"))
        );
        // Members we read stop at serde_json's recursion limit with an error.
        let body = format!(r#"{{"__type":"FooError","message":{nested}}}"#);
        let err = parse(response(400, &[], &body)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Response);
        assert!(
            err.message().contains("recursion limit exceeded"),
            "{}",
            err.message()
        );
    }

    // ---- conformance vectors ----

    /// What we return for one case of tests/data/error-vectors.json.
    #[derive(Debug, Clone, Copy)]
    enum Ours {
        /// A Service error with exactly the file's expected code, message (null is "") and
        /// request id.
        AsExpected,
        /// A Service error with this code, where we deliberately differ from the file.
        ServiceCode(&'static str),
        /// A Response error (no code) whose message contains this text.
        Response(&'static str),
    }

    use Ours::{AsExpected, Response, ServiceCode};

    const SMITHY: &str = "Smithy awsJson1_1 protocol test: must match exactly";
    const SDK: &str = "as aws-sdk-rust";

    /// Our decision for every case, and why.
    const DECISIONS: &[(&str, Ours, &str)] = &[
        ("AwsJson11InvalidGreetingError", AsExpected, SMITHY),
        ("AwsJson11ComplexError", AsExpected, SMITHY),
        ("AwsJson11EmptyComplexError", AsExpected, SMITHY),
        ("AwsJson11FooErrorUsingXAmznErrorType", AsExpected, SMITHY),
        (
            "AwsJson11FooErrorUsingXAmznErrorTypeWithUri",
            AsExpected,
            SMITHY,
        ),
        (
            "AwsJson11FooErrorUsingXAmznErrorTypeWithUriAndNamespace",
            AsExpected,
            SMITHY,
        ),
        ("AwsJson11FooErrorUsingCode", AsExpected, SMITHY),
        ("AwsJson11FooErrorUsingCodeAndNamespace", AsExpected, SMITHY),
        (
            "AwsJson11FooErrorUsingCodeUriAndNamespace",
            AsExpected,
            SMITHY,
        ),
        ("AwsJson11FooErrorWithDunderType", AsExpected, SMITHY),
        (
            "AwsJson11FooErrorWithDunderTypeAndNamespace",
            AsExpected,
            SMITHY,
        ),
        (
            "AwsJson11FooErrorWithDunderTypeAndDifferentNamespace",
            AsExpected,
            SMITHY,
        ),
        (
            "AwsJson11FooErrorWithDunderTypeUriAndNamespace",
            AsExpected,
            SMITHY,
        ),
        (
            "AwsJson11FooErrorWithNestedTypeProperty",
            AsExpected,
            SMITHY,
        ),
        ("cognito_NotAuthorized", AsExpected, SDK),
        ("cognito_TooManyRequests", AsExpected, SDK),
        ("cognito_ResourceNotFound", AsExpected, SDK),
        ("cognito_InvalidParameter_reasonCode", AsExpected, SDK),
        ("cognito_UserNotFound", AsExpected, SDK),
        ("cognito_UserPoolAddOnNotEnabled", AsExpected, SDK),
        ("cognito_OperationNotEnabled", AsExpected, SDK),
        ("cognito_InternalError_500", AsExpected, SDK),
        ("cognito_namespaced_type", AsExpected, SDK),
        (
            "cognito_unmodeled_code",
            AsExpected,
            "as aws-sdk-rust: unmodeled codes pass through intact",
        ),
        ("cognito_ValidationException_coral_uri", AsExpected, SDK),
        ("message_lowercase", AsExpected, SDK),
        ("message_capitalized", AsExpected, SDK),
        ("message_errorMessage", AsExpected, SDK),
        (
            "message_both_lower_first",
            AsExpected,
            "as aws-sdk-rust: the last message key wins (botocore prefers `message`)",
        ),
        (
            "message_both_upper_first",
            AsExpected,
            "as aws-sdk-rust: the last message key wins",
        ),
        (
            "message_non_string",
            AsExpected,
            "as aws-sdk-rust: a non-string message is no message",
        ),
        ("message_null", AsExpected, SDK),
        (
            "message_header_x_amzn_error_message",
            AsExpected,
            "as aws-sdk-rust: the message comes from the body only (.NET prefers the header)",
        ),
        (
            "conflict_header_vs_dunder_type",
            AsExpected,
            "as aws-sdk-rust and the Smithy rules: the header comes first",
        ),
        (
            "conflict_code_vs_dunder_type",
            AsExpected,
            "as aws-sdk-rust and the Smithy rules: `code` before `__type`",
        ),
        (
            "conflict_dunder_type_vs_code_order",
            AsExpected,
            "as aws-sdk-rust: `code` before `__type` whatever the key order",
        ),
        (
            "header_lowercase_name",
            AsExpected,
            "as aws-sdk-rust: header names are case-insensitive",
        ),
        (
            "header_comma_list",
            AsExpected,
            "as aws-sdk-rust: the code passes through intact (JS v3 splits on ',')",
        ),
        (
            "code_capital_Code",
            Response("has no error code"),
            "as aws-sdk-rust (no code), with a message saying so; `Code` is not a code key",
        ),
        (
            "dunder_type_empty_string",
            Response("has an empty error code"),
            "we differ: aws-sdk-rust makes a service error with code \"\"; an empty code names no error, so ours is a Response error",
        ),
        (
            "dunder_type_non_string",
            Response("has no error code"),
            "as aws-sdk-rust (no code): a non-string __type is ignored",
        ),
        (
            "dunder_type_only_hash",
            Response("has an empty error code"),
            "we differ: aws-sdk-rust makes a service error with code \"\"; nothing is left after sanitizing, so ours is a Response error",
        ),
        (
            "dunder_type_multiple_hash",
            ServiceCode("FooError"),
            "we differ: aws-sdk-rust (and the Smithy spec text) keep what follows the first '#', giving \"b#FooError\"; we keep what follows the last '#', as botocore, so a code never contains '#'",
        ),
        (
            "dunder_type_colon_before_hash",
            AsExpected,
            "as aws-sdk-rust: cut at ':' first, then '#'",
        ),
        (
            "empty_body_400",
            Response("empty body and no X-Amzn-Errortype header"),
            SDK,
        ),
        (
            "empty_body_403",
            Response("empty body and no X-Amzn-Errortype header"),
            SDK,
        ),
        (
            "empty_body_500",
            Response("empty body and no X-Amzn-Errortype header"),
            "as aws-sdk-rust; the status stays visible to the retry layer",
        ),
        (
            "empty_body_503",
            Response("empty body and no X-Amzn-Errortype header"),
            "as aws-sdk-rust; the status stays visible to the retry layer",
        ),
        (
            "whitespace_body_502",
            Response("empty body and no X-Amzn-Errortype header"),
            "as aws-sdk-rust: only whitespace is an empty body",
        ),
        (
            "html_503",
            Response("is not valid JSON"),
            "as aws-sdk-rust; the status stays visible to the retry layer",
        ),
        ("html_400", Response("is not valid JSON"), SDK),
        ("plain_text_400", Response("is not valid JSON"), SDK),
        ("json_empty_object_400", Response("has no error code"), SDK),
        ("json_array_400", Response("is not a JSON object"), SDK),
        ("json_string_400", Response("is not a JSON object"), SDK),
        ("json_null_400", Response("is not a JSON object"), SDK),
        ("json_truncated_400", Response("is not valid JSON"), SDK),
        (
            "json_trailing_garbage_400",
            Response("is not valid JSON"),
            "we differ: aws-sdk-rust's current reader stops after the object and gives FooError; a body with trailing garbage is not JSON (smithy-rs's json_errors.rs and botocore reject it too)",
        ),
        ("api_gateway_style_403", AsExpected, SDK),
        (
            "status_302_empty",
            Response("redirect to \"https://elsewhere.example/\" was not followed"),
            "as aws-sdk-rust (a response error), naming the Location",
        ),
        (
            "status_429_empty",
            Response("empty body and no X-Amzn-Errortype header"),
            "as aws-sdk-rust; the retry layer retries 429 by status",
        ),
        ("request_id_lowercase_header", AsExpected, SDK),
        (
            "request_id_x_amz_request_id_only",
            AsExpected,
            "as aws-sdk-rust: x-amz-request-id is the fallback request id",
        ),
        (
            "utf8_bom_body",
            Response("is not valid JSON"),
            "as aws-sdk-rust: JSON text has no byte order mark",
        ),
    ];

    fn vector_response(case: &Value) -> HttpResponse {
        HttpResponse::new(
            case["status"].as_u64().unwrap().try_into().unwrap(),
            header_map(
                case["headers"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str().unwrap())),
            ),
            case["body"].as_str().unwrap().into(),
        )
    }

    #[test]
    fn error_vectors_every_case() {
        let file: Value =
            serde_json::from_str(include_str!("../tests/data/error-vectors.json")).unwrap();
        let cases = file["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 64);
        assert_eq!(cases.len(), DECISIONS.len(), "one decision per case");
        let mut smithy_cases = 0;
        for case in cases {
            let id = case["id"].as_str().unwrap();
            let (_, ours, why) = DECISIONS
                .iter()
                .find(|(decided, _, _)| *decided == id)
                .unwrap_or_else(|| panic!("no decision for case {id}"));
            if case["expected_from"] == "smithy protocol test" {
                smithy_cases += 1;
                assert!(
                    matches!(ours, AsExpected),
                    "{id}: Smithy cases must match exactly"
                );
            }
            check_vector(case, *ours, why);
        }
        assert_eq!(smithy_cases, 14);
    }

    /// Checks what we make of one vector `case` against our decision `ours` (taken for `why`).
    fn check_vector(case: &Value, ours: Ours, why: &str) {
        let id = case["id"].as_str().unwrap();
        let status = case["status"].as_u64().unwrap() as u16;
        let expected_kind = case["expected_error_kind"].as_str();
        let err = parse(vector_response(case)).expect_err(id);
        assert_eq!(err.http_status(), Some(status), "{id}");
        assert_eq!(
            err.request_id(),
            case["expected_request_id"].as_str(),
            "{id}"
        );
        assert!(!why.is_empty());
        match ours {
            AsExpected => {
                assert!(matches!(expected_kind, None | Some("ServiceError")), "{id}");
                assert_vector_service_error(case, &err, case["expected_code"].as_str());
            }
            ServiceCode(code) => {
                let expected = case["expected_code"].as_str();
                assert_ne!(expected, Some(code), "{id}: not a difference");
                assert_vector_service_error(case, &err, Some(code));
            }
            Response(text) => {
                assert_vector_response_error(case, &err, text);
                if expected_kind == Some("ServiceError") {
                    assert!(
                        why.starts_with("we differ"),
                        "{id}: undocumented difference"
                    );
                }
            }
        }
        if expected_kind == Some("ResponseError") {
            assert!(
                matches!(ours, Response(_)),
                "{id}: aws-sdk-rust gives no code here"
            );
        }
    }

    /// `err` is a Service error with `code` and the vector `case`'s message (null is "").
    fn assert_vector_service_error(case: &Value, err: &Error, code: Option<&str>) {
        let id = case["id"].as_str().unwrap();
        assert_eq!(err.kind(), ErrorKind::Service, "{id}: {err:?}");
        assert_eq!(err.code(), code, "{id}");
        assert_eq!(
            err.message(),
            case["expected_message"].as_str().unwrap_or(""),
            "{id}"
        );
    }

    /// `err` is a Response error about the vector `case`'s status, whose short message
    /// contains `text`.
    fn assert_vector_response_error(case: &Value, err: &Error, text: &str) {
        let id = case["id"].as_str().unwrap();
        let message = err.message();
        assert_eq!(err.kind(), ErrorKind::Response, "{id}: {err:?}");
        assert_eq!(err.code(), None, "{id}");
        let status = case["status"].as_u64().unwrap();
        assert!(
            message.starts_with(&format!("HTTP {status} ")),
            "{id}: {message}"
        );
        assert!(message.contains(text), "{id}: {message}");
        assert!(message.chars().count() < 2 * QUOTE_LIMIT, "{id}: {message}");
    }

    #[test]
    fn a_response_error_quotes_the_service_message() {
        let err = parse(response(400, &[], r#"{"__type":"","message":"m"}"#)).unwrap_err();
        assert_eq!(
            err.message(),
            r#"HTTP 400 error response has an empty error code (""); message: "m""#
        );
        let err = parse(response(400, &[], r#"{"Code":"FooError","Message":"m"}"#)).unwrap_err();
        assert_eq!(
            err.message(),
            "HTTP 400 error response has no error code: no X-Amzn-Errortype header and no string \
             \"code\" or \"__type\" in the JSON body; message: \"m\""
        );
    }

    // ---- properties ----

    fn header_name() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("X-Amzn-Errortype".to_owned()),
            Just("x-amzn-errortype".to_owned()),
            Just("x-amzn-RequestId".to_owned()),
            Just("x-amz-request-id".to_owned()),
            Just("Location".to_owned()),
            "[A-Za-z-]{1,20}",
        ]
    }

    fn code_like() -> impl Strategy<Value = String> {
        prop_oneof!["[A-Za-z.:#/]{0,16}", any::<String>()]
    }

    fn json_value() -> impl Strategy<Value = String> {
        prop_oneof![
            code_like().prop_map(|s| serde_json::to_string(&s).unwrap()),
            Just("null".to_owned()),
            Just("123".to_owned()),
            Just("{\"__type\":\"Inner\"}".to_owned()),
            Just("[\"a\",{}]".to_owned()),
        ]
    }

    /// A JSON object (keys may repeat) of error-body members, sometimes cut short.
    fn error_body() -> impl Strategy<Value = Vec<u8>> {
        let key = prop_oneof![
            Just("code"),
            Just("__type"),
            Just("message"),
            Just("Message"),
            Just("errorMessage"),
            Just("reasonCode"),
            Just("Code"),
            Just("other"),
        ];
        (
            proptest::collection::vec((key, json_value()), 0..6),
            any::<Option<prop::sample::Index>>(),
        )
            .prop_map(|(members, cut)| {
                let members: Vec<String> = members
                    .iter()
                    .map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).unwrap()))
                    .collect();
                let mut body = format!("{{{}}}", members.join(",")).into_bytes();
                if let Some(cut) = cut {
                    body.truncate(cut.index(body.len()));
                }
                body
            })
    }

    proptest! {
        #[test]
        fn parse_response_never_panics_and_sanitizes_codes(
            status in prop_oneof![any::<u16>(), 100u16..600],
            headers in proptest::collection::vec((header_name(), code_like()), 0..4),
            body in prop_oneof![proptest::collection::vec(any::<u8>(), 0..200), error_body()],
            body_truncated in any::<bool>(),
        ) {
            let headers = header_map(headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            let mut body = body;
            if body_truncated {
                body.resize(MAX_RESPONSE_BODY + 1, b' ');
            }
            let response = HttpResponse::new(status, headers, body);
            match parse(response.clone()) {
                Ok(request_id) => {
                    prop_assert!((200..300).contains(&status));
                    prop_assert!(!body_truncated);
                    prop_assert_eq!(request_id, response.request_id());
                }
                Err(err) => {
                    prop_assert_eq!(err.http_status(), Some(status));
                    prop_assert_eq!(err.request_id().map(str::to_owned), response.request_id());
                    match err.kind() {
                        ErrorKind::Service => {
                            let code = err.code().unwrap();
                            prop_assert!(!code.is_empty());
                            prop_assert!(!code.contains(':') && !code.contains('#'), "{:?}", code);
                            prop_assert!(!(200..400).contains(&status));
                            prop_assert!(!body_truncated);
                        }
                        ErrorKind::Response => {
                            prop_assert_eq!(err.code(), None);
                            let prefix = format!("HTTP {status} ");
                            prop_assert!(err.message().starts_with(&prefix), "{}", err.message());
                        }
                        other => prop_assert!(false, "unexpected kind {:?}", other),
                    }
                }
            }
        }

        #[test]
        fn namespaced_codes_reduce_to_the_shape_name(
            namespace in "[a-z.#]{0,12}",
            name in "[A-Za-z][A-Za-z0-9]{0,20}",
            uri in "[a-z:/.#]{0,20}",
            in_header in any::<bool>(),
        ) {
            let raw = format!("{namespace}#{name}:{uri}");
            let r = if in_header {
                response(400, &[("X-Amzn-Errortype", &raw)], "")
            } else {
                response(400, &[], &serde_json::json!({ "__type": raw }).to_string())
            };
            let err = parse(r).unwrap_err();
            prop_assert_eq!(err.code(), Some(name.as_str()));
        }
    }
}
