//! The awsJson1_1 envelope: targets, content type, body, and the headers of every response.

use std::collections::HashSet;

use serde_json::json;

use crate::support::{Conn, Reply, alice_feedback, start};

/// Sends raw request bytes on a fresh connection and reads the answer.
fn exchange(url: &str, request: &str) -> Reply {
    let mut conn = Conn::open(url);
    conn.send(request.as_bytes());
    conn.read_reply().expect("a response")
}

fn post(target: Option<&str>, content_type: Option<&str>, body: &str) -> String {
    let mut request = "POST / HTTP/1.1\r\nHost: localhost\r\n".to_owned();
    if let Some(content_type) = content_type {
        request += &format!("Content-Type: {content_type}\r\n");
    }
    if let Some(target) = target {
        request += &format!("X-Amz-Target: {target}\r\n");
    }
    request + &format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

const FEEDBACK_TARGET: &str = "AWSCognitoIdentityProviderService.UpdateAuthEventFeedback";
const JSON_11: &str = "application/x-amz-json-1.1";

/// Asserts a framework error: 400, namespaced `__type`, capitalised `Message`, short error type.
fn assert_framework_error(reply: &Reply, code: &str, message: &str) {
    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(
        reply.json(),
        json!({"__type": format!("com.amazon.coral.service#{code}"), "Message": message})
    );
    assert_eq!(
        reply.header("x-amzn-ErrorType"),
        Some(format!("{code}:").as_str())
    );
}

fn is_uuid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        })
}

#[test]
fn every_response_has_a_fresh_request_id_content_type_and_length() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let mut ids = HashSet::new();
    for body in [alice_feedback("Valid"), json!({}), alice_feedback("Valid")] {
        let reply = conn.call("UpdateAuthEventFeedback", &body);
        let id = reply
            .header("x-amzn-RequestId")
            .expect("a request id")
            .to_owned();
        assert!(is_uuid(&id), "{id}");
        assert!(ids.insert(id), "request ids repeat");
        assert_eq!(reply.header("Content-Type"), Some(JSON_11));
        assert_eq!(
            reply.header("Content-Length"),
            Some(reply.body.len().to_string().as_str())
        );
        assert!(
            reply
                .head
                .starts_with(&format!("HTTP/1.1 {} ", reply.status)),
            "{}",
            reply.head
        );
    }
    let unknown = exchange(
        &emulator.url(),
        &post(Some("Nope.Nope"), Some(JSON_11), "{}"),
    );
    assert!(is_uuid(unknown.header("x-amzn-RequestId").unwrap()));
}

#[test]
fn unknown_or_missing_targets_are_unknown_operations() {
    let emulator = start();
    let url = emulator.url();
    let reply = exchange(
        &url,
        &post(
            Some("AWSCognitoIdentityProviderService.DeleteUserPool"),
            Some(JSON_11),
            "{}",
        ),
    );
    assert_framework_error(
        &reply,
        "UnknownOperationException",
        "Unknown operation AWSCognitoIdentityProviderService.DeleteUserPool",
    );
    let reply = exchange(
        &url,
        &post(Some("UpdateAuthEventFeedback"), Some(JSON_11), "{}"),
    );
    assert_framework_error(
        &reply,
        "UnknownOperationException",
        "Unknown operation UpdateAuthEventFeedback",
    );
    let reply = exchange(&url, &post(None, Some(JSON_11), "{}"));
    assert_framework_error(
        &reply,
        "UnknownOperationException",
        "Missing X-Amz-Target header",
    );
}

#[test]
fn only_post_slash_is_an_operation() {
    let emulator = start();
    let reply = exchange(&emulator.url(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_framework_error(
        &reply,
        "UnknownOperationException",
        "GET / is not an operation of this service: send POST /",
    );
    let reply = exchange(
        &emulator.url(),
        &post(Some(FEEDBACK_TARGET), Some(JSON_11), "{}").replacen("POST /", "POST /x", 1),
    );
    assert_framework_error(
        &reply,
        "UnknownOperationException",
        "POST /x is not an operation of this service: send POST /",
    );
}

#[test]
fn a_wrong_or_missing_content_type_is_a_serialization_error() {
    let emulator = start();
    let body = alice_feedback("Valid").to_string();
    let reply = exchange(
        &emulator.url(),
        &post(Some(FEEDBACK_TARGET), Some("application/json"), &body),
    );
    assert_framework_error(
        &reply,
        "SerializationException",
        "Content-Type must be application/x-amz-json-1.1, not 'application/json'",
    );
    let reply = exchange(
        &emulator.url(),
        &post(
            Some(FEEDBACK_TARGET),
            Some("application/x-amz-json-1.0"),
            &body,
        ),
    );
    assert_eq!(
        reply.json()["__type"],
        "com.amazon.coral.service#SerializationException"
    );
    let reply = exchange(&emulator.url(), &post(Some(FEEDBACK_TARGET), None, &body));
    assert_framework_error(
        &reply,
        "SerializationException",
        "Content-Type must be application/x-amz-json-1.1, not ''",
    );
    assert!(
        emulator
            .feedback("us-east-1_PlusPool1", "evt-alice-1")
            .is_none()
    );
    // Parameters and case do not matter.
    let reply = exchange(
        &emulator.url(),
        &post(
            Some(FEEDBACK_TARGET),
            Some("Application/X-Amz-Json-1.1; charset=utf-8"),
            &body,
        ),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn bodies_that_are_not_json_objects_are_serialization_errors() {
    let emulator = start();
    let url = emulator.url();
    for body in ["[]", "\"x\"", "null"] {
        let reply = exchange(&url, &post(Some(FEEDBACK_TARGET), Some(JSON_11), body));
        assert_framework_error(
            &reply,
            "SerializationException",
            "The request body must be a JSON object",
        );
    }
    for body in ["", "{", "{\"UserPoolId\": }", "{} {}"] {
        let reply = exchange(&url, &post(Some(FEEDBACK_TARGET), Some(JSON_11), body));
        assert_eq!(reply.status, 400, "{body}");
        let message = reply.json()["Message"].as_str().unwrap().to_owned();
        assert!(
            message.starts_with("The request body is not valid JSON: "),
            "{body}: {message}"
        );
    }
    let reply = exchange(
        &url,
        &post(Some(FEEDBACK_TARGET), Some(JSON_11), r#"{"UserPoolId": 5}"#),
    );
    assert_framework_error(
        &reply,
        "SerializationException",
        "Member UserPoolId must be a string, not a number",
    );
}

#[test]
fn unknown_members_are_ignored() {
    let emulator = start();
    let mut body = alice_feedback("Valid");
    body["ClientMetadata"] = json!({"a": "b"});
    assert_eq!(
        Conn::open(&emulator.url())
            .call("UpdateAuthEventFeedback", &body)
            .status,
        200
    );
}
