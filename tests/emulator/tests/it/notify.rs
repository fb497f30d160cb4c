//! The threat-protection email (`POST /__emulator/notify`), its one-click links
//! (`GET /__emulator/one-click`), and the request record over HTTP (`GET /__emulator/requests`).

use cognito_feedback_emulator::{Emulator, EmulatorOptions, Faults, Fixture};
use serde_json::{Value, json};

use crate::support::{Conn, PLUS_POOL, Reply, admin, alice_feedback, start, start_with};

fn notify(url: &str, body: &Value) -> Reply {
    admin(url, "POST", "notify", &body.to_string())
}

fn email(url: &str, username: &str, event_id: &str) -> Value {
    let reply = notify(
        url,
        &json!({"UserPoolId": PLUS_POOL, "Username": username, "EventId": event_id,
                "AppBaseUrl": "http://127.0.0.1:9999/app/"}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    reply.json()
}

/// The lines of a text body that hold a link.
fn links(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| line.find("http").map(|at| &line[at..]))
        .collect()
}

#[test]
fn an_allowed_risky_sign_in_gets_the_no_action_email_with_the_apps_links() {
    let emulator = start();
    let email = email(&emulator.url(), "alice", "evt-alice-1");
    for (field, expected) in [
        ("Template", "NoActionEmail"),
        ("To", "alice@example.com"),
        ("From", "Example App Security <security@example.com>"),
        ("ReplyTo", "support@example.com"),
        ("Subject", "New sign-in to your account"),
    ] {
        assert_eq!(email[field], expected, "{field}");
    }
    let text = email["TextBody"].as_str().unwrap();
    assert!(text.starts_with("Hello alice,\n"), "{text}");
    for line in [
        "  When:    2025-11-28 13:00:00 UTC",
        "  Device:  Firefox 133, Linux",
        "  Where:   Lisbon, Portugal (IP address 203.0.113.7)",
        "Reference: evt-alice-1",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in {text}");
    }
    let base = "http://127.0.0.1:9999/app/feedback?username=alice&event=evt-alice-1&token=tok-alice-1.AbC%3D";
    assert_eq!(
        links(text),
        [
            format!("{base}&verdict=valid"),
            format!("{base}&verdict=invalid")
        ]
    );
    let html = email["HtmlBody"].as_str().unwrap();
    let html_base = base.replace('&', "&amp;");
    assert!(
        html.contains(&format!(
            r#"<a href="{html_base}&amp;verdict=valid">Yes, this was me</a>"#
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            r#"<a href="{html_base}&amp;verdict=invalid">No, this wasn't me</a>"#
        )),
        "{html}"
    );
    assert!(html.contains("<p>Hello alice,</p>"), "{html}");
}

#[test]
fn names_are_percent_encoded_in_links_and_escaped_or_kept_elsewhere() {
    let emulator = start();
    let zoe = email(&emulator.url(), "zoe@example.com", "evt-zoe-1");
    let text = zoe["TextBody"].as_str().unwrap();
    assert!(text.starts_with("Hello Zoë,\n"), "{text}");
    assert!(
        links(text)[0].starts_with(
            "http://127.0.0.1:9999/app/feedback?username=Zo%C3%AB&event=evt-zoe-1&token=tok-zoe-1.GhI%3D&"
        ),
        "{text}"
    );
    // A blocked sign-in gets the BlockEmail; the user may be named by sub.
    let taro = email(
        &emulator.url(),
        "2b3c4d5e-0000-4000-8000-0000000079a0",
        "evt-taro-1",
    );
    assert_eq!(taro["Template"], "BlockEmail");
    assert_eq!(taro["Subject"], "We blocked a sign-in to your account");
    let html = taro["HtmlBody"].as_str().unwrap();
    assert!(html.contains("<p>Hello 山田太郎,</p>"), "{html}");
    assert!(
        html.contains("feedback?username=%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E&amp;event=evt-taro-1&amp;token=tok-taro-1.JkL%3D&amp;verdict=invalid"),
        "{html}"
    );
}

#[test]
fn events_that_get_no_email_and_bad_requests_are_refused_with_a_reason() {
    let emulator = start();
    let url = emulator.url();
    let cases = [
        (
            json!({"UserPoolId": "us-east-1_Nope1", "Username": "alice", "EventId": "evt-alice-1"}),
            404,
            "user pool us-east-1_Nope1 does not exist",
        ),
        (
            json!({"UserPoolId": PLUS_POOL, "Username": "mallory", "EventId": "evt-alice-1"}),
            404,
            "no such user in the pool",
        ),
        (
            json!({"UserPoolId": PLUS_POOL, "Username": "alice", "EventId": "evt-zoe-1"}),
            404,
            "the user has no auth event evt-zoe-1",
        ),
        (
            json!({"UserPoolId": PLUS_POOL, "Username": "🦀crab", "EventId": "evt-crab-1"}),
            422,
            "auth event evt-crab-1 has no risk: Cognito sends no email",
        ),
        (
            json!({"UserPoolId": "us-east-1_EssPool2", "Username": "bob", "EventId": "evt-bob-1"}),
            422,
            "user pool us-east-1_EssPool2 is not on the Plus plan: no threat protection, no email",
        ),
        (
            json!({"UserPoolId": PLUS_POOL, "Username": "alice", "EventId": "evt-alice-1", "AppBaseUrl": "javascript:alert(1)"}),
            400,
            "AppBaseUrl must be an http:// or https:// URL without spaces or quotes, not 'javascript:alert(1)'",
        ),
    ];
    for (body, status, message) in cases {
        let reply = notify(&url, &body);
        assert_eq!(reply.status, status, "{body}: {}", reply.text());
        assert_eq!(reply.json(), json!({ "error": message }), "{body}");
    }
    let reply = notify(
        &url,
        &json!({"UserPoolId": PLUS_POOL, "Username": "alice", "EventId": "evt-alice-1", "Cc": "x"}),
    );
    assert_eq!(reply.status, 400);
    assert!(
        reply.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("bad notify request: unknown field `Cc`"),
        "{}",
        reply.text()
    );
    assert_eq!(notify(&url, &json!({"UserPoolId": PLUS_POOL})).status, 400);
    let get = admin(&url, "GET", "notify", "");
    assert_eq!((get.status, get.header("allow")), (405, Some("POST")));
}

#[test]
fn rendering_is_never_faulted_or_recorded_and_defaults_the_app_base_url() {
    let emulator = start_with(Faults {
        throttle: 5,
        ..Faults::default()
    });
    let reply = notify(
        &emulator.url(),
        &json!({"UserPoolId": PLUS_POOL, "Username": "alice", "EventId": "evt-alice-2"}),
    );
    assert_eq!(reply.status, 200);
    assert_eq!(
        links(reply.json()["TextBody"].as_str().unwrap())[0],
        "https://app.example.com/feedback?username=alice&event=evt-alice-2&token=tok-alice-2.DeF%3D&verdict=valid"
    );
    assert!(emulator.requests().is_empty());
    assert_eq!(emulator.faults().throttle, 5);
}

/// A pool whose templates use Cognito's one-click links and every event placeholder.
const ONE_CLICK_FIXTURE: &str = r#"{"user_pools": [
  {"id": "eu-west-1_Mail1", "feature_plan": "PLUS",
   "notify_configuration": {"MfaEmail": {"Subject": "Was it you, {username}?",
       "HtmlBody": "<a href=\"{one-click-link-valid}\">me</a> <a href='{one-click-link-invalid}'>not me</a> {login-time}",
       "TextBody": "{one-click-link-valid} {ip-address}/{city}/{country}/{device-name}"}},
   "users": [
     {"username": "dana+ops@x", "sub": "s-dana", "email": "dana@example.com", "events": [
        {"event_id": "evt-mfa", "feedback_token": "tok-mfa=", "event_response": "InProgress",
         "risk_decision": "AccountTakeover", "creation_date": 0},
        {"event_id": "evt-blocked", "feedback_token": "t1", "event_response": "Fail", "risk_decision": "Block"}]},
     {"username": "nomail", "sub": "s-nomail", "events": [
        {"event_id": "evt-nomail", "feedback_token": "t2", "event_response": "InProgress", "risk_decision": "AccountTakeover"}]}]},
  {"id": "eu-west-1_Quiet2", "feature_plan": "PLUS", "users": [
     {"username": "q", "sub": "s-q", "email": "q@example.com", "events": [
        {"event_id": "evt-q", "feedback_token": "t3", "risk_decision": "AccountTakeover"}]}]}]}"#;

fn one_click_emulator() -> Emulator {
    Emulator::start(EmulatorOptions {
        fixture: Fixture::from_json(ONE_CLICK_FIXTURE).unwrap(),
        ..EmulatorOptions::default()
    })
    .unwrap()
}

/// A GET of a URL on the emulator.
fn get(url: &str) -> Reply {
    let (base, target) = url.split_at(url.find("/__emulator").expect("an emulator URL"));
    let mut conn = Conn::open(base);
    conn.send(format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes());
    conn.read_reply().expect("an answer")
}

#[test]
fn one_click_links_render_to_the_emulator_and_record_the_feedback_when_followed() {
    let emulator = one_click_emulator();
    let url = emulator.url();
    let reply = notify(
        &url,
        &json!({"UserPoolId": "eu-west-1_Mail1", "Username": "s-dana", "EventId": "evt-mfa"}),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let email = reply.json();
    assert_eq!(email["Template"], "MfaEmail");
    assert_eq!(email["Subject"], "Was it you, dana+ops@x?");
    assert!(email.get("From").is_none() && email.get("ReplyTo").is_none());
    let link = |value: &str| {
        format!(
            "{url}/__emulator/one-click?pool=eu-west-1_Mail1&username=dana%2Bops%40x&event=evt-mfa&token=tok-mfa%3D&value={value}"
        )
    };
    assert_eq!(
        email["TextBody"],
        format!("{} unknown/unknown/unknown/unknown", link("Valid"))
    );
    assert_eq!(
        email["HtmlBody"],
        format!(
            "<a href=\"{}\">me</a> <a href='{}'>not me</a> 1970-01-01 00:00:00 UTC",
            link("Valid").replace('&', "&amp;"),
            link("Invalid").replace('&', "&amp;")
        )
    );

    let page = get(&link("Invalid"));
    assert_eq!(page.status, 200, "{}", page.text());
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        page.text()
            .contains("Your feedback (Invalid) was recorded.")
    );
    let recorded = emulator.feedback("eu-west-1_Mail1", "evt-mfa").unwrap();
    assert_eq!(
        (recorded.username.as_str(), recorded.feedback_value.as_str()),
        ("dana+ops@x", "Invalid")
    );
    assert!(
        emulator.requests().is_empty(),
        "one-click is not an API call"
    );
}

#[test]
fn a_one_click_link_that_fails_shows_the_services_error_without_the_token() {
    let emulator = one_click_emulator();
    let url = emulator.url();
    let page = get(&format!(
        "{url}/__emulator/one-click?pool=eu-west-1_Mail1&username=dana%2Bops%40x&event=evt-mfa&token=tok-wrong&value=Valid"
    ));
    assert_eq!(page.status, 400);
    let text = page.text();
    assert!(
        text.contains("NotAuthorizedException: Invalid feedback token."),
        "{text}"
    );
    assert!(
        !text.contains("tok-wrong") && !text.contains("dana"),
        "{text}"
    );
    let page = get(&format!("{url}/__emulator/one-click"));
    assert_eq!(page.status, 400);
    assert!(
        page.text()
            .contains("InvalidParameterException: 5 validation errors detected"),
        "{}",
        page.text()
    );
    assert!(emulator.feedback("eu-west-1_Mail1", "evt-mfa").is_none());
}

#[test]
fn missing_templates_and_addresses_are_named() {
    let emulator = one_click_emulator();
    let url = emulator.url();
    for (pool, user, event, message) in [
        (
            "eu-west-1_Mail1",
            "dana+ops@x",
            "evt-blocked",
            "user pool eu-west-1_Mail1 has no BlockEmail template",
        ),
        (
            "eu-west-1_Mail1",
            "nomail",
            "evt-nomail",
            "the user has no email address",
        ),
        (
            "eu-west-1_Quiet2",
            "q",
            "evt-q",
            "user pool eu-west-1_Quiet2 has no notify_configuration",
        ),
    ] {
        let reply = notify(
            &url,
            &json!({"UserPoolId": pool, "Username": user, "EventId": event}),
        );
        assert_eq!(reply.status, 422, "{event}");
        assert_eq!(reply.json(), json!({ "error": message }));
    }
}

#[test]
fn the_request_record_is_readable_over_http_and_cleared_by_reset() {
    let emulator = start();
    let url = emulator.url();
    assert_eq!(admin(&url, "GET", "requests", "").json(), json!([]));
    let body = alice_feedback("Valid");
    assert_eq!(
        Conn::open(&url)
            .call("UpdateAuthEventFeedback", &body)
            .status,
        200
    );
    let requests = admin(&url, "GET", "requests", "").json();
    let requests = requests.as_array().unwrap();
    assert_eq!(requests.len(), 1, "admin requests are not recorded");
    assert_eq!(requests[0]["method"], "POST");
    assert_eq!(requests[0]["path"], "/");
    // The FeedbackToken is redacted unless asked for.
    let token = body["FeedbackToken"].as_str().unwrap();
    let shown = requests[0]["body"].as_str().unwrap();
    assert!(!shown.contains(token), "{shown}");
    assert_eq!(
        shown,
        body.to_string().replace(
            &format!("\"{token}\""),
            "\"*** redacted: add ?reveal=FeedbackToken ***\""
        )
    );
    assert_eq!(requests[0]["body_len"], body.to_string().len());
    let revealed = admin(&url, "GET", "requests?reveal=FeedbackToken", "").json();
    assert_eq!(revealed[0]["body"], body.to_string());
    assert!(requests[0]["headers"].as_array().unwrap().contains(&json!([
        "X-Amz-Target",
        "AWSCognitoIdentityProviderService.UpdateAuthEventFeedback"
    ])));
    assert_eq!(admin(&url, "POST", "reset", "").status, 200);
    assert_eq!(admin(&url, "GET", "requests", "").json(), json!([]));
    let post = admin(&url, "POST", "requests", "");
    assert_eq!((post.status, post.header("allow")), (405, Some("GET")));
}
