//! UpdateAuthEventFeedback: success, every business error, validation, scripted EventIds.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cognito_feedback_emulator::{Fixture, RecordedFeedback, ScriptedAnswer};
use serde_json::json;

use crate::support::{Conn, PLUS_POOL, feedback, recorded, start};

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[test]
fn success_answers_an_empty_object_and_records_the_feedback() {
    let emulator = start();
    let before = now();
    let reply = Conn::open(&emulator.url()).call_alice("Invalid");
    let after = now();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, b"{}");
    let recorded = recorded(&emulator, "evt-alice-1");
    assert!(
        (before..=after).contains(&recorded.feedback_date),
        "{recorded:?}"
    );
    assert_eq!(
        recorded,
        RecordedFeedback {
            user_pool_id: PLUS_POOL.into(),
            username: "alice".into(),
            event_id: "evt-alice-1".into(),
            feedback_value: "Invalid".into(),
            provider: "COGNITO".into(),
            feedback_date: recorded.feedback_date,
        }
    );
    assert_eq!(emulator.feedback(PLUS_POOL, "evt-alice-2"), None);
}

#[test]
fn a_repeated_feedback_replaces_the_earlier_one() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    assert_eq!(conn.call_alice("Valid").status, 200);
    assert_eq!(conn.call_alice("Invalid").status, 200);
    assert_eq!(recorded(&emulator, "evt-alice-1").feedback_value, "Invalid");
}

#[test]
fn users_are_found_by_sub_and_email_and_recorded_by_username() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let by_sub = feedback(
        PLUS_POOL,
        "0f6c2c1e-5b1a-4a4a-9b9b-00000000a11c",
        "evt-alice-1",
        "tok-alice-1.AbC=",
        "Valid",
    );
    assert_eq!(conn.call("UpdateAuthEventFeedback", &by_sub).status, 200);
    let by_email = feedback(
        PLUS_POOL,
        "alice@example.com",
        "evt-alice-2",
        "tok-alice-2.DeF=",
        "Invalid",
    );
    assert_eq!(conn.call("UpdateAuthEventFeedback", &by_email).status, 200);
    assert_eq!(recorded(&emulator, "evt-alice-1").username, "alice");
    assert_eq!(recorded(&emulator, "evt-alice-2").username, "alice");
}

#[test]
fn unicode_usernames_work() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    for (user, event, token) in [
        ("Zoë", "evt-zoe-1", "tok-zoe-1.GhI="),
        ("山田太郎", "evt-taro-1", "tok-taro-1.JkL="),
        ("🦀crab", "evt-crab-1", "tok-crab-1.MnO="),
    ] {
        let reply = conn.call(
            "UpdateAuthEventFeedback",
            &feedback(PLUS_POOL, user, event, token, "Valid"),
        );
        assert_eq!(reply.status, 200, "{user}: {}", reply.text());
        assert_eq!(recorded(&emulator, event).username, user);
    }
}

#[test]
fn business_errors_are_cognitos_and_record_nothing() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let cases = [
        (
            feedback(
                "us-east-1_Nope1",
                "alice",
                "evt-alice-1",
                "tok-alice-1.AbC=",
                "Valid",
            ),
            "ResourceNotFoundException",
            "User pool us-east-1_Nope1 does not exist.",
        ),
        (
            feedback(
                "us-east-1_EssPool2",
                "bob",
                "evt-bob-1",
                "tok-bob-1.StU=",
                "Valid",
            ),
            "UserPoolAddOnNotEnabledException",
            "Threat protection is not enabled for user pool us-east-1_EssPool2: it needs the Plus feature plan.",
        ),
        (
            feedback(
                PLUS_POOL,
                "mallory",
                "evt-alice-1",
                "tok-alice-1.AbC=",
                "Valid",
            ),
            "UserNotFoundException",
            "User does not exist.",
        ),
        (
            feedback(PLUS_POOL, "alice", "evt-nope", "tok-alice-1.AbC=", "Valid"),
            "ResourceNotFoundException",
            "Auth event evt-nope does not exist for this user.",
        ),
        (
            // Zoë's event exists, but not for Alice.
            feedback(PLUS_POOL, "alice", "evt-zoe-1", "tok-zoe-1.GhI=", "Valid"),
            "ResourceNotFoundException",
            "Auth event evt-zoe-1 does not exist for this user.",
        ),
        (
            feedback(
                PLUS_POOL,
                "alice",
                "evt-alice-1",
                "tok-alice-2.DeF=",
                "Valid",
            ),
            "NotAuthorizedException",
            "Invalid feedback token.",
        ),
        (
            feedback(
                PLUS_POOL,
                "carol",
                "evt-carol-expired",
                "tok-carol-old.PqR=",
                "Valid",
            ),
            "NotAuthorizedException",
            "Feedback token has expired.",
        ),
    ];
    for (body, code, message) in cases {
        let reply = conn.call("UpdateAuthEventFeedback", &body);
        reply.assert_error(400, code, message);
        assert_eq!(reply.header("x-amzn-ErrorMessage"), Some(message));
    }
    for event in ["evt-alice-1", "evt-zoe-1", "evt-carol-expired"] {
        assert_eq!(emulator.feedback(PLUS_POOL, event), None, "{event}");
    }
    assert_eq!(emulator.feedback("us-east-1_EssPool2", "evt-bob-1"), None);
}

#[test]
fn validation_uses_cognitos_message_format_and_never_echoes_secrets() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let body = json!({"UserPoolId": "bad pool", "Username": "secret user", "EventId": "",
                      "FeedbackToken": "secret token!", "FeedbackValue": "Maybe"});
    let reply = conn.call("UpdateAuthEventFeedback", &body);
    reply.assert_error(
        400,
        "InvalidParameterException",
        "6 validation errors detected: \
         Value 'bad pool' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; \
         Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; \
         Value '' at 'eventId' failed to satisfy constraint: Member must have length greater than or equal to 1; \
         Value '' at 'eventId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+-]+; \
         Value at 'feedbackToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+; \
         Value 'Maybe' at 'feedbackValue' failed to satisfy constraint: Member must satisfy enum value set: [Valid, Invalid]",
    );
    let wire = String::from_utf8_lossy(&reply.body).into_owned() + &reply.head;
    assert!(!wire.contains("secret"), "a secret was echoed: {wire}");
}

#[test]
fn missing_members_must_not_be_null() {
    let emulator = start();
    let reply = Conn::open(&emulator.url()).call(
        "UpdateAuthEventFeedback",
        &json!({"UserPoolId": PLUS_POOL, "EventId": "evt-alice-1", "FeedbackValue": null}),
    );
    reply.assert_error(
        400,
        "InvalidParameterException",
        "3 validation errors detected: \
         Value null at 'username' failed to satisfy constraint: Member must not be null; \
         Value null at 'feedbackToken' failed to satisfy constraint: Member must not be null; \
         Value null at 'feedbackValue' failed to satisfy constraint: Member must not be null",
    );
}

#[test]
fn lengths_are_checked_in_utf16_code_units() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let long_pool = format!("us-east-1_{}", "a".repeat(46)); // 56 units, one over
    let reply = conn.call(
        "UpdateAuthEventFeedback",
        &feedback(&long_pool, "alice", "evt-alice-1", "t", "Valid"),
    );
    reply.assert_error(
        400,
        "InvalidParameterException",
        &format!(
            "1 validation error detected: Value '{long_pool}' at 'userPoolId' failed to satisfy constraint: \
             Member must have length less than or equal to 55"
        ),
    );
    // 64 crabs are 128 UTF-16 code units: valid, so the call gets as far as the user lookup.
    let crabs = "🦀".repeat(64);
    let reply = conn.call(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, &crabs, "evt-alice-1", "t", "Valid"),
    );
    reply.assert_error(400, "UserNotFoundException", "User does not exist.");
    let reply = conn.call(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, &format!("{crabs}a"), "evt-alice-1", "t", "Valid"),
    );
    reply.assert_error(
        400,
        "InvalidParameterException",
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
}

#[test]
fn scripted_event_ids_answer_as_scripted_for_any_pool_and_user() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let fixture = Fixture::default();
    let mut errors = 0;
    for (event_id, answer) in &fixture.scripted {
        let ScriptedAnswer::Error {
            status,
            code,
            message,
            reason_code,
        } = answer
        else {
            continue;
        };
        errors += 1;
        let reply = conn.call(
            "UpdateAuthEventFeedback",
            &feedback("eu-west-1_Anywhere", "nobody", event_id, "any", "Valid"),
        );
        assert_eq!(reply.status, *status, "{event_id}");
        let body = reply.json();
        assert_eq!(body["__type"], code.as_str(), "{event_id}");
        assert_eq!(body["message"].as_str(), message.as_deref(), "{event_id}");
        assert_eq!(
            body["reasonCode"].as_str(),
            reason_code.as_deref(),
            "{event_id}"
        );
    }
    assert!(
        errors >= 9,
        "the default fixture scripts every modeled error and an unknown one"
    );
    let reply = conn.call(
        "UpdateAuthEventFeedback",
        &feedback(
            PLUS_POOL,
            "alice",
            "evt-invalid-parameter",
            "tok-alice-1.AbC=",
            "Valid",
        ),
    );
    reply.assert_error(
        400,
        "InvalidParameterException",
        "Feedback for this event cannot be updated.",
    );
    assert_eq!(reply.json()["reasonCode"], "INVALID_FEEDBACK_STATE");
    let reply = conn.call(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, "alice", "evt-internal-error", "t", "Valid"),
    );
    reply.assert_error(500, "InternalErrorException", "Internal server error.");
}

#[test]
fn validation_comes_before_scripted_answers() {
    let emulator = start();
    let reply = Conn::open(&emulator.url()).call(
        "UpdateAuthEventFeedback",
        &feedback("nope", "alice", "evt-internal-error", "t", "Valid"),
    );
    assert_eq!(reply.json()["__type"], "InvalidParameterException");
}

#[test]
fn a_stalled_event_never_answers_and_the_emulator_keeps_serving() {
    let emulator = start();
    let mut stalled = Conn::open(&emulator.url());
    stalled.send(&crate::support::api_request(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, "alice", "evt-stall", "t", "Valid").to_string(),
    ));
    assert!(
        !stalled.closed_within(Duration::from_millis(300)),
        "the stalled call got an answer or was closed"
    );
    let reply = Conn::open(&emulator.url()).call_alice("Valid");
    assert_eq!(reply.status, 200);
    drop(stalled);
    let reply = Conn::open(&emulator.url()).call_alice("Invalid");
    assert_eq!(reply.status, 200);
}
