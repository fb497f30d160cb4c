//! The `cognito-feedback-emulator` binary, as other languages' tests and `make demo` run it.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, Instant};

use cognito_feedback_emulator::RecordedFeedback;
use serde_json::json;

use crate::support::{Conn, PLUS_POOL, admin, feedback};

const BINARY: &str = env!("CARGO_BIN_EXE_cognito-feedback-emulator");

/// A running emulator process, killed when dropped.
struct Process {
    child: Child,
    url: String,
}

impl Process {
    /// Starts the binary and reads the URL from the first line of its stdout.
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(BINARY)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut first_line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first_line)
            .unwrap();
        let url = first_line
            .strip_suffix('\n')
            .expect("a whole first line")
            .to_owned();
        Self { child, url }
    }

    /// Kills the process and returns everything it wrote to stderr.
    fn stop(mut self) -> String {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        let mut stderr = String::new();
        self.stderr().read_to_string(&mut stderr).unwrap();
        stderr
    }

    fn stderr(&mut self) -> ChildStderr {
        self.child.stderr.take().unwrap()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn prints_its_url_first_then_serves_and_logs_without_secrets() {
    let process = Process::start(&["--port", "0"]);
    let port = process
        .url
        .strip_prefix("http://127.0.0.1:")
        .expect("an http://127.0.0.1 URL");
    assert!(
        port.parse::<u16>().is_ok_and(|port| port > 0),
        "{}",
        process.url
    );
    let mut conn = Conn::open(&process.url);
    assert_eq!(conn.call_alice("Valid").status, 200);
    conn.call(
        "UpdateAuthEventFeedback",
        &feedback(PLUS_POOL, "Zoë", "evt-zoe-1", "tok-wrong.X=", "Valid"),
    )
    .assert_error(400, "NotAuthorizedException", "Invalid feedback token.");
    let notify = json!({"UserPoolId": PLUS_POOL, "Username": "alice", "EventId": "evt-alice-1"});
    assert_eq!(
        admin(&process.url, "POST", "notify", &notify.to_string()).status,
        200
    );
    let click = "one-click?pool=us-east-1_PlusPool1&username=alice&event=evt-alice-1&token=tok-alice-1.AbC%3D&value=Valid";
    assert_eq!(admin(&process.url, "GET", click, "").status, 200);
    let stderr = process.stop();
    assert!(
        stderr
            .contains("POST / AWSCognitoIdentityProviderService.UpdateAuthEventFeedback -> 200\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("POST /__emulator/notify -> 200\n")
            && stderr.contains("GET /__emulator/one-click -> 200\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("-> 400 NotAuthorizedException\n"),
        "{stderr}"
    );
    for secret in ["tok-alice-1", "tok-wrong", "Zoë", "alice"] {
        assert!(!stderr.contains(secret), "{secret} in the log: {stderr}");
    }
}

#[test]
fn exits_when_stdin_closes_if_asked() {
    let mut process = Process::start(&["--exit-on-stdin-eof"]);
    drop(process.child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = process.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running after stdin closed"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(status.success(), "{status}");
}

#[test]
fn fault_flags_apply_from_the_start() {
    let process = Process::start(&[
        "--throttle",
        "1",
        "--retry-after-ms",
        "250",
        "--server-error=1",
        "--server-error-status",
        "504",
        "--server-error-body",
        "html",
    ]);
    let mut conn = Conn::open(&process.url);
    let reply = conn.call_alice("Valid");
    reply.assert_error(400, "TooManyRequestsException", "Rate exceeded");
    assert_eq!(reply.header("x-amz-retry-after"), Some("250"));
    let reply = conn.call_alice("Valid");
    assert_eq!(
        (reply.status, reply.header("Content-Type")),
        (504, Some("text/html"))
    );
    assert_eq!(conn.call_alice("Valid").status, 200);
}

#[test]
fn a_feedback_log_and_a_fixture_file_can_be_given() {
    let dir = std::env::temp_dir().join(format!("emulator-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (fixture, log) = (dir.join("fixture.json"), dir.join("feedback.jsonl"));
    std::fs::write(
        &fixture,
        json!({"user_pools": [{"id": "eu-west-1_Own", "feature_plan": "PLUS", "users": [
            {"username": "dana", "sub": "d-1", "events": [{"event_id": "e-1", "feedback_token": "t-1"}]}]}]})
        .to_string(),
    )
    .unwrap();
    let process = Process::start(&[
        "--fixture",
        fixture.to_str().unwrap(),
        "--feedback-log",
        log.to_str().unwrap(),
    ]);
    let mut conn = Conn::open(&process.url);
    assert_eq!(
        conn.call(
            "UpdateAuthEventFeedback",
            &feedback("eu-west-1_Own", "d-1", "e-1", "t-1", "Invalid")
        )
        .status,
        200
    );
    // The default fixture is not loaded, so its pools are unknown here.
    assert_eq!(
        conn.call_alice("Valid").json()["__type"],
        "ResourceNotFoundException"
    );
    let line: RecordedFeedback =
        serde_json::from_str(std::fs::read_to_string(&log).unwrap().trim_end()).unwrap();
    assert_eq!(
        (
            line.user_pool_id.as_str(),
            line.username.as_str(),
            line.event_id.as_str()
        ),
        ("eu-west-1_Own", "dana", "e-1")
    );
    assert_eq!(line.feedback_value, "Invalid");
    drop(process);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_arguments_exit_with_status_2_and_print_no_url() {
    for (args, expected) in [
        (
            &["--port", "x"][..],
            "--port takes a non-negative whole number, not 'x'",
        ),
        (
            &["--fixture", "/nonexistent/f.json"][..],
            "cannot read fixture /nonexistent/f.json",
        ),
        (&["--wat"][..], "unknown option '--wat'"),
    ] {
        let output = Command::new(BINARY)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(expected) && stderr.contains("usage:"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_port_in_use_is_a_start_failure() {
    let first = Process::start(&[]);
    let port = first.url.rsplit(':').next().unwrap().to_owned();
    let output = Command::new(BINARY)
        .args(["--port", &port])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot start:"));
}
