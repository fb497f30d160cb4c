//! `cognito-feedback-man DIR`: writes the roff man pages of `cognito-feedback` (section 1) into
//! DIR, generated from the clap definition the command parses its arguments with:
//! `cognito-feedback.1` (the global options) and one page per command, named as git names its
//! own (`cognito-feedback-update-auth-event-feedback.1`).

// The parser's definition itself, compiled a second time here: the man pages read its options,
// help texts and version, and never the parsed values.
#[allow(dead_code)]
mod args;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::CommandFactory;

fn main() -> ExitCode {
    let mut arguments = std::env::args_os().skip(1);
    let (Some(directory), None) = (arguments.next(), arguments.next()) else {
        eprintln!("usage: cognito-feedback-man DIR");
        return ExitCode::from(2);
    };
    let directory = PathBuf::from(directory);
    // Every page's header names the version (the crate's, as `#[command(version)]` takes it),
    // the commands' pages too: their parser takes no --version of its own, only the pages do.
    let command =
        args::Cli::command().mut_subcommands(|page| page.version(env!("CARGO_PKG_VERSION")));
    match clap_mangen::generate_to(command, &directory) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cognito-feedback-man: {}: {error}", directory.display());
            ExitCode::FAILURE
        }
    }
}
