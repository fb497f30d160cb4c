//! Reading back what was recorded: AdminListUserAuthEvents, the feedback log, the request record.

use cognito_feedback_emulator::{Emulator, EmulatorOptions, Faults, RecordedFeedback};
use serde_json::{Value, json};

use crate::support::{
    Conn, PLUS_POOL, alice_feedback, api_request, feedback, recorded, start, start_with,
};

fn list(conn: &mut Conn, pool: &str, username: &str) -> Value {
    let reply = conn.call(
        "AdminListUserAuthEvents",
        &json!({"UserPoolId": pool, "Username": username}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

#[test]
fn admin_list_user_auth_events_shows_events_newest_first_with_their_feedback() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let events = list(&mut conn, PLUS_POOL, "alice");
    assert_eq!(
        events,
        json!({"AuthEvents": [
            {"EventId": "evt-alice-1", "EventType": "SignIn", "CreationDate": 1764334800, "EventResponse": "Pass",
             "EventRisk": {"RiskDecision": "AccountTakeover", "RiskLevel": "High"}, "ChallengeResponses": [],
             "EventContextData": {"IpAddress": "203.0.113.7", "DeviceName": "Firefox 133, Linux", "City": "Lisbon", "Country": "Portugal"}},
            {"EventId": "evt-alice-2", "EventType": "SignIn", "CreationDate": 1764324000, "EventResponse": "Pass",
             "EventRisk": {"RiskDecision": "AccountTakeover", "RiskLevel": "Medium"}, "ChallengeResponses": [],
             "EventContextData": {"IpAddress": "198.51.100.23", "DeviceName": "Safari 18, macOS", "City": "Osaka", "Country": "Japan"}}
        ]})
    );
    assert_eq!(conn.call_alice("Invalid").status, 200);
    let recorded = recorded(&emulator, "evt-alice-1");
    let events = list(&mut conn, "us-east-1_PlusPool1", "alice@example.com");
    assert_eq!(
        events["AuthEvents"][0]["EventFeedback"],
        json!({"FeedbackValue": "Invalid", "Provider": "COGNITO", "FeedbackDate": recorded.feedback_date})
    );
    assert!(events["AuthEvents"][1].get("EventFeedback").is_none());
}

#[test]
fn admin_list_user_auth_events_errors_like_the_service() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let call = |conn: &mut Conn, pool: &str, user: &str| {
        conn.call(
            "AdminListUserAuthEvents",
            &json!({"UserPoolId": pool, "Username": user}),
        )
    };
    call(&mut conn, "us-east-1_Nope1", "alice").assert_error(
        400,
        "ResourceNotFoundException",
        "User pool us-east-1_Nope1 does not exist.",
    );
    call(&mut conn, "us-east-1_EssPool2", "bob").assert_error(
        400,
        "UserPoolAddOnNotEnabledException",
        "Threat protection is not enabled for user pool us-east-1_EssPool2: it needs the Plus feature plan.",
    );
    call(&mut conn, PLUS_POOL, "mallory").assert_error(
        400,
        "UserNotFoundException",
        "User does not exist.",
    );
    conn.call("AdminListUserAuthEvents", &json!({"UserPoolId": PLUS_POOL})).assert_error(
        400,
        "InvalidParameterException",
        "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
    );
}

#[test]
fn the_feedback_log_gets_one_json_line_per_recorded_feedback() {
    let path = std::env::temp_dir().join(format!("emulator-it-log-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let emulator = Emulator::start(EmulatorOptions {
        feedback_log: Some(path.clone()),
        ..EmulatorOptions::default()
    })
    .unwrap();
    let mut conn = Conn::open(&emulator.url());
    conn.call_alice("Valid");
    conn.call(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, "alice", "evt-alice-1", "wrong", "Valid"),
    );
    conn.call(
        "UpdateAuthEventFeedback",
        &feedback(
            PLUS_POOL,
            "zoe@example.com",
            "evt-zoe-1",
            "tok-zoe-1.GhI=",
            "Invalid",
        ),
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<RecordedFeedback> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(
        Some(&lines[0]),
        emulator.feedback(PLUS_POOL, "evt-alice-1").as_ref()
    );
    assert_eq!(
        (lines[1].username.as_str(), lines[1].feedback_value.as_str()),
        ("Zoë", "Invalid")
    );
    assert!(text.lines().next().unwrap().starts_with(r#"{"user_pool_id":"us-east-1_PlusPool1","username":"alice","event_id":"evt-alice-1","feedback_value":"Valid","provider":"COGNITO","feedback_date":"#));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn requests_are_recorded_as_received_and_reset_forgets_them() {
    let emulator = start();
    let mut conn = Conn::open(&emulator.url());
    let body = r#"{"UserPoolId":"us-east-1_PlusPool1","Username":"alice","EventId":"evt-alice-1","FeedbackToken":"tok-alice-1.AbC=","FeedbackValue":"Valid"}"#;
    let raw = format!(
        "POST /?probe=1 HTTP/1.1\r\nhost: example\r\nX-Amz-Target: AWSCognitoIdentityProviderService.UpdateAuthEventFeedback\r\n\
         Content-Type: application/x-amz-json-1.1\r\nX-Dup: 1\r\nx-dup: 2\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.send(raw.as_bytes());
    assert_eq!(conn.read_reply().unwrap().status, 200);
    conn.send(b"GET /__emulator/faults HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assert_eq!(conn.read_reply().unwrap().status, 200);
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1, "admin requests are not recorded");
    let request = &requests[0];
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/?probe=1")
    );
    let names: Vec<&str> = request
        .headers
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "host",
            "X-Amz-Target",
            "Content-Type",
            "X-Dup",
            "x-dup",
            "Content-Length"
        ]
    );
    assert_eq!(request.header("x-dup"), Some("1"));
    assert_eq!(request.body, body.as_bytes());
    emulator.reset();
    assert!(emulator.requests().is_empty());
    assert!(emulator.feedback(PLUS_POOL, "evt-alice-1").is_none());
}

#[test]
fn requests_answered_by_faults_are_recorded_too() {
    let emulator = start_with(Faults {
        throttle: 1,
        ..Faults::default()
    });
    let mut conn = Conn::open(&emulator.url());
    conn.send(&api_request(
        "UpdateAuthEventFeedback",
        &alice_feedback("Valid").to_string(),
    ));
    assert_eq!(conn.read_reply().unwrap().status, 400);
    assert_eq!(conn.call_alice("Valid").status, 200);
    assert_eq!(emulator.requests().len(), 2);
}
