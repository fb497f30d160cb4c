//! Text a hostile server sends (terminal escapes, CR/LF forging a log line, a 60 KiB message)
//! keeps its raw value in the error's getters, but reaches log messages and the error's
//! `Display` escaped and bounded.

mod common;

use cognito_feedback::{Client, FIELD_LIMIT, LogLevel};
use common::{Reply, Server, alice, capture_log, config_for, response};

/// The forged line a hostile message tries to slip into a log.
const FORGED: &str = "2026-12-07T13:00:00Z ERROR forged";

fn hostile_message() -> String {
    let mut message = format!("\u{1b}[2J\u{1b}]0;pwned\u{7}no.\r\n{FORGED}\r\n\u{9b}31m");
    message.push_str(&"A".repeat(60 * 1024));
    message
}

/// `text` as a JSON string literal (control characters as \u escapes).
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c.is_control() => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn has_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control())
}

#[test]
fn hostile_service_text_is_raw_in_getters_and_escaped_in_logs_and_display() {
    let code = "Evil\u{1b}[2JException";
    let reason = "\u{1b}[31mRED\r\nFORGED";
    let message = hostile_message();
    let body = format!(
        "{{\"__type\":{},\"message\":{},\"reasonCode\":{}}}",
        json_string(code),
        json_string(&message),
        json_string(reason)
    );
    assert!(body.len() < 64 * 1024, "the body fits the library's cap");
    let server = Server::start(move |_, _| {
        Reply::Send(response(
            400,
            &[
                ("Content-Type", "application/x-amz-json-1.1"),
                ("x-amzn-RequestId", "rid-hostile"),
            ],
            body.as_bytes(),
        ))
    });
    let (lines, log) = capture_log();
    let client = Client::new(config_for(&server.url()).max_attempts(1).log(log)).unwrap();
    let error = client
        .update_auth_event_feedback(&alice(), None)
        .unwrap_err();

    assert_eq!(error.code(), Some(code));
    assert_eq!(error.message(), message);
    assert_eq!(error.reason_code(), Some(reason));

    let shown = error.to_string();
    assert!(!has_control(&shown), "{shown:?}");
    assert!(
        shown.starts_with("Evil\\u{1b}[2JException: \\u{1b}[2J\\u{1b}]0;pwned\\u{7}no.\\r\\n"),
        "{shown}"
    );
    assert!(shown.len() < 2 * FIELD_LIMIT, "{} bytes", shown.len());
    assert!(
        shown.ends_with(&format!("…[+{} bytes]", message.len() - FIELD_LIMIT)),
        "{shown}"
    );

    let lines = lines.lock().unwrap();
    assert!(
        lines.iter().any(|(level, _)| *level == LogLevel::Info),
        "{lines:?}"
    );
    for (_, line) in lines.iter() {
        assert!(!has_control(line), "{line:?}");
        assert!(
            line.len() < 3 * FIELD_LIMIT,
            "a {}-byte log message",
            line.len()
        );
    }
}
