//! `cognito-feedback`: Amazon Cognito's UpdateAuthEventFeedback from the command line, with the
//! AWS CLI's options, messages and exit codes (see the crate's README).

mod args;
mod command;
mod debug;
mod input;
mod interrupt;
mod output;
mod report;
mod settings;
mod skeleton;
mod usage;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::args::{Cli, Command};
use crate::debug::DebugLog;
use crate::report::exit;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return syntax_error(&error),
    };
    let debug = DebugLog::new(cli.globals.debug);
    let Command::UpdateAuthEventFeedback(args) = &cli.command;
    if args.help_word.is_some() {
        return command_help();
    }
    match command::run(&cli.globals, args, debug) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// `cognito-feedback update-auth-event-feedback help`: the command's help on standard output, as
/// `--help` prints it.
fn command_help() -> ExitCode {
    let mut root = Cli::command();
    root.build();
    let printed = match root.find_subcommand_mut("update-auth-event-feedback") {
        Some(command) => command.print_long_help(),
        None => root.print_long_help(),
    };
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(exit::OTHER),
    }
}

/// Help and version go to standard output (exit 0); a syntax error is reported as the AWS CLI
/// reports it (exit 252).
fn syntax_error(error: &clap::Error) -> ExitCode {
    match usage::explain(error) {
        usage::Parsed::Informational => {
            let _ = error.print();
            ExitCode::SUCCESS
        }
        usage::Parsed::Error(text) => {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            ExitCode::from(exit::BAD_ARGUMENTS)
        }
    }
}
