//! The binary making real calls to the emulator: output, error lines, exit codes, --debug and
//! Ctrl-C.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use common::*;

#[test]
fn success_prints_nothing_and_the_feedback_is_recorded() {
    let emulator = emulator();
    let run = run(feedback(&emulator, &params(EVENT, "Invalid")));
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    let recorded = emulator
        .feedback(POOL, EVENT)
        .expect("the emulator recorded the feedback");
    assert_eq!(recorded.username, USER);
    assert_eq!(recorded.feedback_value, "Invalid");
}

#[test]
fn output_json_prints_the_response_metadata() {
    let emulator = emulator();
    let mut command = feedback(&emulator, &params(EVENT, "Valid"));
    command.args(["--output", "json"]);
    let run = run(command);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON output");
    let metadata = &json["ResponseMetadata"];
    assert_eq!(metadata["HTTPStatusCode"], 200);
    assert_eq!(metadata["RetryAttempts"], 0);
    let request_id = metadata["RequestId"].as_str().expect("a request id");
    assert!(!request_id.is_empty());
    assert_eq!(json.as_object().map(|o| o.len()), Some(1), "{json}");
    assert_eq!(metadata.as_object().map(|o| o.len()), Some(3), "{json}");
    // The AWS CLI's layout: four-space indentation, members in boto3's order.
    assert_eq!(
        run.stdout,
        format!(
            "{{\n    \"ResponseMetadata\": {{\n        \"RequestId\": \"{request_id}\",\n        \
             \"HTTPStatusCode\": 200,\n        \"RetryAttempts\": 0\n    }}\n}}\n"
        )
    );
    assert_eq!(
        emulator.feedback(POOL, EVENT).map(|f| f.feedback_value),
        Some("Valid".into())
    );
}

/// A server on 127.0.0.1 that answers one request with a 200, an empty JSON body and
/// `x-amzn-RequestId: request_id` (its UTF-8 bytes, as a hostile service could send them);
/// returns its URL.
fn answer_once_with_request_id(request_id: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!("http://{}", listener.local_addr().expect("bound"));
    thread::spawn(move || {
        let (stream, _) = listener.accept().expect("the CLI connects");
        let mut reader = BufReader::new(stream);
        let mut content_length = 0;
        let mut line = String::new();
        while reader.read_line(&mut line).expect("a request line") > 2 {
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.trim().parse().expect("a length");
                }
            }
            line.clear();
        }
        let mut body = vec![0; content_length];
        reader.read_exact(&mut body).expect("the request body");
        let answer = format!(
            "HTTP/1.1 200 OK\r\nx-amzn-RequestId: {request_id}\r\n\
             Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\
             Connection: close\r\n\r\n{{}}"
        );
        reader
            .into_inner()
            .write_all(answer.as_bytes())
            .expect("the answer is sent");
    });
    url
}

/// `--output json` against a server answering with `request_id`: the run and the JSON printed.
fn output_json_with_request_id(request_id: &'static str) -> (Run, serde_json::Value) {
    let url = answer_once_with_request_id(request_id);
    let mut command = feedback_at(&url, &params(EVENT, "Valid"));
    command.args(["--output", "json"]);
    let run = run(command);
    assert_eq!(run.code, Some(0), "{run:?}");
    let json = serde_json::from_str(&run.stdout).expect("JSON output");
    (run, json)
}

#[test]
fn output_json_never_prints_a_control_character_of_the_request_id() {
    // HTTP lets a header value carry any byte from 0x80 up: the UTF-8 of the C1 controls NEL
    // and CSI (a terminal's escape sequence introducer). The library keeps only a visible
    // ASCII request id, and the CLI escapes every control character it prints in JSON
    // (src/output.rs): either way none reaches the terminal.
    let hostile = "rid-\u{85}-\u{9b}31m-red";
    let (run, json) = output_json_with_request_id(hostile);
    let raw_controls = |c: char| c.is_control() && c != '\n';
    assert!(!run.stdout.contains(raw_controls), "{run:?}");
    let request_id = &json["ResponseMetadata"]["RequestId"];
    assert!(request_id.is_null() || request_id == hostile, "{run:?}");

    // What does arrive is a JSON string, escaped as JSON wants it.
    let (run, json) = output_json_with_request_id(r#"rid-"quoted"-\back"#);
    assert!(
        run.stdout
            .contains(r#""RequestId": "rid-\"quoted\"-\\back","#),
        "{run:?}"
    );
    assert_eq!(
        json["ResponseMetadata"]["RequestId"],
        r#"rid-"quoted"-\back"#
    );
}

#[test]
fn output_text_prints_nothing() {
    let emulator = emulator();
    let mut command = feedback(&emulator, &params(EVENT, "Valid"));
    command.args(["--output", "text"]);
    let run = run(command);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "", "")
    );
}

#[test]
fn zero_timeouts_mean_no_limit() {
    let emulator = emulator();
    let mut command = feedback(&emulator, &params(EVENT, "Valid"));
    command.args(["--cli-connect-timeout", "0", "--cli-read-timeout", "0"]);
    let run = run(command);
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""), "{run:?}");
    assert!(emulator.feedback(POOL, EVENT).is_some());
}

#[test]
fn the_environment_supplies_region_and_endpoint() {
    let emulator = emulator();
    let mut command = cli();
    command
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", emulator.url())
        .arg("update-auth-event-feedback")
        .args(params(EVENT, "Valid"));
    let run = run(command);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(emulator.feedback(POOL, EVENT).is_some());
}

#[test]
fn service_errors_exit_254_with_the_aws_cli_line() {
    let emulator = emulator();
    for (event_id, code, message) in [
        (
            "evt-user-not-found",
            "UserNotFoundException",
            "User does not exist.",
        ),
        (
            "evt-not-authorized",
            "NotAuthorizedException",
            "Invalid feedback token.",
        ),
        (
            "evt-invalid-parameter",
            "InvalidParameterException",
            "Feedback for this event cannot be updated.",
        ),
        (
            "evt-unknown-code",
            "FeedbackGremlinException",
            "A code this client has never heard of.",
        ),
    ] {
        let run = run(feedback(&emulator, &params(event_id, "Valid")));
        assert_eq!(run.code, Some(254), "{event_id}: {run:?}");
        assert_eq!(run.stdout, "", "{event_id}");
        assert_eq!(
            run.stderr,
            format!(
                "\nAn error occurred ({code}) when calling the UpdateAuthEventFeedback \
                 operation: {message}\n"
            ),
            "{event_id}"
        );
    }
}

#[test]
fn a_retried_error_says_how_many_retries() {
    let emulator = emulator();
    let mut command = feedback(&emulator, &params("evt-too-many-requests", "Valid"));
    command.env("AWS_MAX_ATTEMPTS", "2");
    let run = run(command);
    assert_eq!(run.code, Some(254), "{run:?}");
    assert_eq!(
        run.stderr,
        "\nAn error occurred (TooManyRequestsException) when calling the UpdateAuthEventFeedback \
         operation (reached max retries: 1): Rate exceeded\n"
    );
    assert_eq!(emulator.requests().len(), 2);
}

#[test]
fn no_region_is_a_configuration_error() {
    let mut command = cli();
    command
        .arg("update-auth-event-feedback")
        .args(params(EVENT, "Valid"));
    let run = run(command);
    assert_eq!(run.code, Some(253), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with('\n') && run.stderr.ends_with('\n'),
        "{run:?}"
    );
    assert!(
        run.stderr.trim().to_lowercase().contains("region"),
        "{run:?}"
    );
}

#[test]
fn a_bad_region_is_a_configuration_error() {
    let mut command = cli();
    command
        .args(["--region", "not a region!", "update-auth-event-feedback"])
        .args(params(EVENT, "Valid"));
    let run = run(command);
    assert_eq!(run.code, Some(253), "{run:?}");
    assert!(!run.stderr.trim().is_empty(), "{run:?}");
}

#[test]
fn an_unreadable_ca_bundle_is_a_configuration_error() {
    let emulator = emulator();
    let mut command = feedback(&emulator, &params(EVENT, "Valid"));
    command.args(["--ca-bundle", "/nonexistent/ca.pem"]);
    let run = run(command);
    assert_eq!(run.code, Some(253), "{run:?}");
    assert!(run.stderr.contains("/nonexistent/ca.pem"), "{run:?}");
    assert!(emulator.requests().is_empty());
}

#[test]
fn a_refused_connection_exits_255() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("bound").port()
    }; // closed again: connecting is refused
    let url = format!("http://127.0.0.1:{port}");
    let mut command = feedback_at(&url, &params(EVENT, "Valid"));
    command.env("AWS_MAX_ATTEMPTS", "1");
    let run = run(command);
    assert_eq!(run.code, Some(255), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!("\nCould not connect to the endpoint URL: \"{url}/\"\n"),
        "botocore's line, word for word"
    );
}

#[test]
fn the_read_timeout_bounds_a_stalled_answer() {
    let emulator = emulator();
    let mut command = feedback(&emulator, &params("evt-stall", "Valid"));
    command
        .env("AWS_MAX_ATTEMPTS", "1")
        .args(["--cli-read-timeout", "1"]);
    let run = run(command);
    assert_eq!(run.code, Some(255), "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "\nRead timeout on endpoint URL: \"{}/\"\n",
            emulator.url().trim_end_matches('/')
        ),
        "botocore's line, word for word"
    );
}

#[test]
fn debug_logs_without_the_username_or_token() {
    // Zoë's name appears in none of her other values, so any trace of it is a leak.
    let emulator = emulator();
    let (user, token) = ("Zoë", "tok-zoe-1.GhI=");
    for (event_id, token, code) in [
        ("evt-zoe-1", token, 0),
        ("evt-user-not-found", token, 254),
        ("evt-zoe-1", "secret token!", 252),
    ] {
        let mut command = feedback(
            &emulator,
            &[
                "--user-pool-id",
                POOL,
                "--username",
                user,
                "--event-id",
                event_id,
                "--feedback-token",
                token,
                "--feedback-value",
                "Valid",
                "--debug",
            ],
        );
        command.env("AWS_MAX_ATTEMPTS", "1");
        let run = run(command);
        assert_eq!(run.code, Some(code), "{run:?}");
        assert!(
            run.stderr
                .contains(" - main - cognito_feedback.cli - DEBUG - "),
            "{run:?}"
        );
        assert!(
            run.stderr.contains(POOL) && run.stderr.contains(event_id),
            "{run:?}"
        );
        for secret in [user, "Zo", token, "GhI=", "secret"] {
            assert!(
                !run.stderr.contains(secret),
                "{secret} leaked: {}",
                run.stderr
            );
            assert!(
                !run.stdout.contains(secret),
                "{secret} leaked: {}",
                run.stdout
            );
        }
        if code != 252 {
            // The library's own lines come through its log callback.
            assert!(
                run.stderr.contains(" - main - cognito_feedback - "),
                "{run:?}"
            );
        }
    }
    assert_eq!(
        emulator.feedback(POOL, "evt-zoe-1").map(|f| f.username),
        Some(user.to_owned())
    );
}

#[test]
fn ctrl_c_cancels_the_call_and_exits_130() {
    let emulator = emulator();
    let mut args = params("evt-stall", "Valid");
    args.push("--debug"); // to see that the call itself ended, cancelled
    let mut child = feedback(&emulator, &args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");

    // Wait until the request is in flight: the emulator has it and stalls.
    let deadline = Instant::now() + Duration::from_secs(30);
    while emulator.requests().is_empty() {
        assert!(Instant::now() < deadline, "the request never arrived");
        thread::sleep(Duration::from_millis(20));
    }
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill(2) with a live child's pid and a valid signal number.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);

    // Well within the library's 30 s attempt timeout, so only the cancel can have ended it.
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waitable") {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("still running 10 s after SIGINT");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let output = child.wait_with_output().expect("the output");
    assert_eq!(status.code(), Some(130), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "\n");
    // The token ended the call (the handler did not just exit), and no error was reported.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(" - cognito_feedback.cli - DEBUG - failed: Cancelled error"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .all(|line| line.contains(" - cognito_feedback")),
        "only log lines: {stderr}"
    );
    assert_eq!(
        emulator.requests().len(),
        1,
        "a cancelled call is not retried"
    );
    assert!(emulator.feedback(POOL, "evt-stall").is_none());
}

#[test]
fn the_largest_timeouts_mean_no_limit() {
    let emulator = emulator();
    let mut command = feedback(&emulator, &params(EVENT, "Valid"));
    let largest = u64::MAX.to_string();
    command.args([
        "--cli-connect-timeout",
        &largest,
        "--cli-read-timeout",
        &largest,
    ]);
    let run = run(command);
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""), "{run:?}");
    assert!(emulator.feedback(POOL, EVENT).is_some());
}

#[test]
fn an_http_endpoint_to_another_host_prints_a_warning() {
    // TEST-NET-1: nothing answers there; the connect gives up after a second.
    let url = "http://192.0.2.10:9";
    let mut command = cli();
    command
        .env("AWS_MAX_ATTEMPTS", "1")
        .args(["--region", "us-east-1", "--endpoint-url", url])
        .args(["--cli-connect-timeout", "1", "update-auth-event-feedback"])
        .args(params(EVENT, "Valid"));
    let run = run(command);
    assert_eq!(run.code, Some(255), "{run:?}");
    let first_line = run.stderr.lines().next().unwrap_or_default();
    assert_eq!(
        first_line,
        format!(
            "warning: the endpoint {url} is plain http:// to a host that is not this machine: \
             the FeedbackToken is sent unencrypted"
        ),
        "{run:?}"
    );
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{run:?}");
}

#[test]
fn hostile_text_from_the_server_is_escaped_and_bounded_on_stderr() {
    // evt-hostile-text answers with terminal escapes, CR/LF forging a log line and a 1.2 KB
    // message; stderr (the error line and the --debug lines) shows it escaped and cut.
    let emulator = emulator();
    let mut args = params("evt-hostile-text", "Valid");
    args.push("--debug");
    let mut command = feedback(&emulator, &args);
    command.env("AWS_MAX_ATTEMPTS", "1");
    let run = run(command);
    assert_eq!(run.code, Some(254), "{run:?}");
    for bad in ['\u{1b}', '\r', '\u{7}', '\u{9b}'] {
        assert!(!run.stderr.contains(bad), "{bad:?} reached stderr: {run:?}");
    }
    for line in run.stderr.lines() {
        assert!(
            !line.starts_with("2026-12-07T13:00:00Z ERROR forged"),
            "a forged line: {line}"
        );
        assert!(
            line.len() < 8 * 1024,
            "an unbounded line: {} bytes",
            line.len()
        );
    }
    let error_line = run
        .stderr
        .lines()
        .find(|line| line.starts_with("An error occurred (InvalidParameterException)"))
        .unwrap_or_else(|| panic!("no error line: {run:?}"));
    assert!(
        // One attempt allowed and made: botocore's "(reached max retries: 0)".
        error_line.contains(
            "operation (reached max retries: 0): \\u{1b}[2J\\u{1b}]0;pwned\\u{7}Rejected.\\r\\n2026-12-07"
        ),
        "{error_line}"
    );
    assert!(error_line.ends_with("bytes]"), "{error_line}");
    assert!(
        run.stderr
            .contains("reasonCode \\u{1b}[31mINVALID\\r\\nFORGED"),
        "{run:?}"
    );
}
