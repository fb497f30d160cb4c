//! Running the built `cognito-feedback` binary, hermetically, against an in-process emulator.

#![allow(dead_code)] // each test binary uses its own part of these helpers

use std::io::Write;
use std::process::{Command, Stdio};

pub use cognito_feedback_emulator::{Emulator, EmulatorOptions};

/// The default fixture's Plus-tier pool.
pub const POOL: &str = "us-east-1_PlusPool1";
/// A user of [`POOL`].
pub const USER: &str = "alice";
/// [`USER`]'s first auth event.
pub const EVENT: &str = "evt-alice-1";
/// [`EVENT`]'s feedback token.
pub const TOKEN: &str = "tok-alice-1.AbC=";

/// An emulator with the default fixture on a free port.
pub fn emulator() -> Emulator {
    Emulator::start(EmulatorOptions::default()).expect("the emulator starts")
}

/// The binary, with an empty environment: no AWS_* variable of the machine's leaks in.
pub fn cli() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cognito-feedback"));
    command.env_clear();
    command
}

/// The binary pointed at `emulator` in us-east-1, running `update-auth-event-feedback` with
/// `args` after it.
pub fn feedback(emulator: &Emulator, args: &[&str]) -> Command {
    feedback_at(&emulator.url(), args)
}

/// The binary pointed at the endpoint `url` in us-east-1, running `update-auth-event-feedback`
/// with `args` after it.
pub fn feedback_at(url: &str, args: &[&str]) -> Command {
    let mut command = cli();
    command
        .args(["--region", "us-east-1", "--endpoint-url", url])
        .arg("update-auth-event-feedback")
        .args(args);
    command
}

/// The five parameters of alice's first event, with `event_id` and `value`.
pub fn params<'a>(event_id: &'a str, value: &'a str) -> Vec<&'a str> {
    vec![
        "--user-pool-id",
        POOL,
        "--username",
        USER,
        "--event-id",
        event_id,
        "--feedback-token",
        TOKEN,
        "--feedback-value",
        value,
    ]
}

/// How a run of the binary ended.
#[derive(Debug)]
pub struct Run {
    /// The exit code (`None` when a signal ended it).
    pub code: Option<i32>,
    /// Everything it wrote to standard output.
    pub stdout: String,
    /// Everything it wrote to standard error.
    pub stderr: String,
}

/// Runs `command` to its end with `stdin` as standard input.
pub fn run_with_input(mut command: Command, stdin: &str) -> Run {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(stdin.as_bytes())
        .expect("standard input is written");
    let output = child.wait_with_output().expect("the binary ends");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
    }
}

/// Runs `command` to its end with empty standard input.
pub fn run(command: Command) -> Run {
    run_with_input(command, "")
}
