//! `cognito-feedback-emulator`: runs the emulator as a process for tests in other languages, the
//! CLI tests and `make demo`. Prints its base URL as the first line on stdout, then serves until
//! killed, or until stdin closes with `--exit-on-stdin-eof`. See the crate's README.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use cognito_feedback_emulator::{Emulator, EmulatorOptions, Faults, Fixture, ServerErrorBody};

const USAGE: &str = "\
usage: cognito-feedback-emulator [options]

  --port N                  port on 127.0.0.1 (default 0: any free port)
  --fixture FILE            JSON fixture (default: the built-in fixtures/default.json)
  --feedback-log FILE       append one JSON line per recorded feedback
  --exit-on-stdin-eof       stop when standard input closes
  --max-connections N       serve at most N connections at once; more get 503 (default 64)
  --request-timeout-ms MS   a request must arrive whole within MS of its first byte, else 408
                            (default 10000)
  --help                    print this and exit

faults (also settable at run time with POST /__emulator/faults):
  --throttle N              answer the next N calls with TooManyRequestsException (400)
  --retry-after-ms MS       send x-amz-retry-after: MS with throttling answers
  --server-error N          answer the next N calls with a server error
  --server-error-status S   status of server errors, 500-599 (default 500)
  --server-error-body B     json (InternalErrorException, default) or html
  --delay-ms MS             delay every response by MS milliseconds
  --drop-mid-response N     for the next N calls, send half the response, then close
  --idle-timeout-ms MS      close connections idle for MS milliseconds
  --close-after-response    close every connection after its response, unannounced

Prints http://127.0.0.1:PORT as its first line on stdout, then logs requests to stderr.
";

/// What the command line asks for.
struct Command {
    options: EmulatorOptions,
    exit_on_stdin_eof: bool,
}

fn main() -> ExitCode {
    let command = match parse(std::env::args().skip(1)) {
        Ok(Some(command)) => command,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("cognito-feedback-emulator: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let emulator = match Emulator::start(command.options) {
        Ok(emulator) => emulator,
        Err(e) => {
            eprintln!("cognito-feedback-emulator: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{}", emulator.url()).and_then(|()| stdout.flush()) {
        eprintln!("cognito-feedback-emulator: cannot print the URL: {e}");
        return ExitCode::FAILURE;
    }
    if command.exit_on_stdin_eof {
        // Whatever arrives on stdin is ignored; its end (or a read error) stops the emulator.
        let _ = io::copy(&mut io::stdin().lock(), &mut io::sink());
        drop(emulator);
        return ExitCode::SUCCESS;
    }
    loop {
        std::thread::park();
    }
}

/// Parses the arguments; `Ok(None)` means `--help`.
fn parse(args: impl Iterator<Item = String>) -> Result<Option<Command>, String> {
    let mut options = EmulatorOptions {
        log: true,
        ..EmulatorOptions::default()
    };
    let mut faults = Faults::default();
    let mut exit_on_stdin_eof = false;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (flag, inline) = split_flag(arg);
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--help" | "-h" => return Ok(None),
            "--port" => options.port = number(&flag, &value()?)?,
            "--fixture" => {
                let path = PathBuf::from(value()?);
                options.fixture = Fixture::from_file(&path).map_err(|e| e.to_string())?;
            }
            "--feedback-log" => options.feedback_log = Some(PathBuf::from(value()?)),
            "--exit-on-stdin-eof" => exit_on_stdin_eof = true,
            "--max-connections" => options.max_connections = number(&flag, &value()?)?,
            "--request-timeout-ms" => {
                options.request_timeout =
                    std::time::Duration::from_millis(number(&flag, &value()?)?)
            }
            _ => set_fault(&mut faults, &flag, value)?,
        }
        if inline.is_some()
            && matches!(
                flag.as_str(),
                "--exit-on-stdin-eof" | "--close-after-response"
            )
        {
            return Err(format!("{flag} takes no value"));
        }
    }
    faults.check()?;
    options.faults = faults;
    Ok(Some(Command {
        options,
        exit_on_stdin_eof,
    }))
}

/// A `--flag=value` argument as the flag and its inline value; any other as it is.
fn split_flag(arg: String) -> (String, Option<String>) {
    match arg.split_once('=') {
        Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
        _ => (arg, None),
    }
}

/// Sets the fault `flag` names, taking its value (if it has one) from `value`; an error for a
/// flag that is not a fault's.
fn set_fault(
    faults: &mut Faults,
    flag: &str,
    mut value: impl FnMut() -> Result<String, String>,
) -> Result<(), String> {
    match flag {
        "--throttle" => faults.throttle = number(flag, &value()?)?,
        "--retry-after-ms" => faults.retry_after_ms = Some(number(flag, &value()?)?),
        "--server-error" => faults.server_error = number(flag, &value()?)?,
        "--server-error-status" => faults.server_error_status = number(flag, &value()?)?,
        "--server-error-body" => faults.server_error_body = server_error_body(&value()?)?,
        "--delay-ms" => faults.delay_ms = number(flag, &value()?)?,
        "--drop-mid-response" => faults.drop_mid_response = number(flag, &value()?)?,
        "--idle-timeout-ms" => faults.idle_timeout_ms = Some(number(flag, &value()?)?),
        "--close-after-response" => faults.close_after_response = true,
        _ => return Err(format!("unknown option '{flag}'")),
    }
    Ok(())
}

/// The body of the server-error fault's answers, from `--server-error-body`'s value.
fn server_error_body(text: &str) -> Result<ServerErrorBody, String> {
    match text {
        "json" => Ok(ServerErrorBody::Json),
        "html" => Ok(ServerErrorBody::Html),
        other => Err(format!(
            "--server-error-body takes json or html, not '{other}'"
        )),
    }
}

/// A flag's value as a number, or an error naming the flag.
fn number<T: FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} takes a non-negative whole number, not '{text}'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_args(args: &[&str]) -> Result<Option<Command>, String> {
        parse(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn defaults_log_and_listen_on_any_port_with_no_faults() {
        let command = parse_args(&[]).unwrap().unwrap();
        assert_eq!(
            (
                command.options.port,
                command.options.log,
                command.exit_on_stdin_eof
            ),
            (0, true, false)
        );
        assert_eq!(command.options.faults, Faults::default());
        assert!(command.options.feedback_log.is_none());
    }

    #[test]
    fn every_fault_flag_sets_its_fault() {
        let command = parse_args(&[
            "--throttle",
            "2",
            "--retry-after-ms=150",
            "--server-error",
            "3",
            "--server-error-status",
            "503",
            "--server-error-body",
            "html",
            "--delay-ms",
            "40",
            "--drop-mid-response",
            "1",
            "--idle-timeout-ms",
            "250",
            "--close-after-response",
        ])
        .unwrap()
        .unwrap();
        let expected = Faults {
            throttle: 2,
            retry_after_ms: Some(150),
            server_error: 3,
            server_error_status: 503,
            server_error_body: ServerErrorBody::Html,
            delay_ms: 40,
            drop_mid_response: 1,
            idle_timeout_ms: Some(250),
            close_after_response: true,
        };
        assert_eq!(command.options.faults, expected);
    }

    #[test]
    fn every_server_flag_sets_its_option() {
        let command = parse_args(&[
            "--port",
            "0",
            "--exit-on-stdin-eof",
            "--feedback-log",
            "/tmp/x.jsonl",
            "--max-connections",
            "3",
            "--request-timeout-ms=1500",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(command.options.max_connections, 3);
        assert_eq!(
            command.options.request_timeout,
            std::time::Duration::from_millis(1500)
        );
        assert!(command.exit_on_stdin_eof);
        assert_eq!(
            command.options.feedback_log,
            Some(PathBuf::from("/tmp/x.jsonl"))
        );
        assert_eq!(command.options.faults, Faults::default());
    }

    #[test]
    fn bad_arguments_are_named() {
        let error = |args: &[&str]| parse_args(args).err().unwrap();
        assert_eq!(error(&["--port"]), "--port needs a value");
        assert_eq!(
            error(&["--port", "http"]),
            "--port takes a non-negative whole number, not 'http'"
        );
        assert_eq!(
            error(&["--throttle", "-1"]),
            "--throttle takes a non-negative whole number, not '-1'"
        );
        assert_eq!(
            error(&["--server-error-body", "xml"]),
            "--server-error-body takes json or html, not 'xml'"
        );
        assert_eq!(
            error(&["--server-error-status", "404"]),
            "server_error_status must be 500-599, not 404"
        );
        assert_eq!(error(&["--bogus"]), "unknown option '--bogus'");
        assert_eq!(
            error(&["--close-after-response=yes"]),
            "--close-after-response takes no value"
        );
        assert!(
            error(&["--fixture", "/nonexistent.json"])
                .contains("cannot read fixture /nonexistent.json")
        );
        assert!(parse_args(&["--help"]).unwrap().is_none());
    }
}
