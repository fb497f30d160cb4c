//! Command-line syntax errors, told the way the AWS CLI's argparse tells them: the usage, a
//! blank line, then `cognito-feedback: error: ...` (or `Unknown options: ...`).

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The usage text that opens every syntax error, as `aws` prints its own.
const USAGE: &str = "usage: cognito-feedback [options] <command> [parameters]\n\
To see help text, you can run:\n\
\n\
\x20 cognito-feedback --help\n\
\x20 cognito-feedback <command> --help\n";

/// How clap names the positional `help` word of a command (`FeedbackArgs::help_word`).
const HELP_WORD: &str = "[HELP_WORD]";

/// What a clap error means for the user.
pub enum Parsed {
    /// `--help` or `--version`: clap prints it to standard output; success.
    Informational,
    /// A syntax error: the text for standard error (exit 252).
    Error(String),
}

/// Classifies a clap error and words a syntax error as the AWS CLI does.
pub fn explain(error: &clap::Error) -> Parsed {
    let line = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return Parsed::Informational,
        ErrorKind::UnknownArgument => {
            // The AWS CLI reports leftovers without the "error:" prefix.
            let argument = strings(error, ContextKind::InvalidArg).join(", ");
            return Parsed::Error(format!("\n{USAGE}\nUnknown options: {argument}\n\n"));
        }
        ErrorKind::MissingRequiredArgument => format!(
            "the following arguments are required: {}",
            flags(error, ContextKind::InvalidArg).join(", ")
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "the following arguments are required: command".to_owned()
        }
        ErrorKind::InvalidSubcommand => {
            invalid_choice("command", &["update-auth-event-feedback".to_owned()])
        }
        ErrorKind::InvalidValue => {
            let argument = flags(error, ContextKind::InvalidArg).join("");
            let value = strings(error, ContextKind::InvalidValue).join("");
            if argument == HELP_WORD {
                // A stray word where only `help` may stand: argparse leaves it over.
                return Parsed::Error(format!("\n{USAGE}\nUnknown options: {value}\n\n"));
            }
            if value.is_empty() {
                format!("argument {argument}: expected one argument")
            } else {
                invalid_choice(&argument, &strings(error, ContextKind::ValidValue))
            }
        }
        ErrorKind::ValueValidation => {
            let argument = flags(error, ContextKind::InvalidArg).join("");
            match std::error::Error::source(error) {
                Some(reason) => format!("argument {argument}: {reason}"),
                None => format!("argument {argument}: invalid value"),
            }
        }
        ErrorKind::ArgumentConflict => {
            let argument = flags(error, ContextKind::InvalidArg).join("");
            let other = flags(error, ContextKind::PriorArg).join(", ");
            format!("argument {argument}: not allowed with argument {other}")
        }
        _ => first_line(error),
    };
    Parsed::Error(format!("\n{USAGE}\ncognito-feedback: error: {line}\n\n"))
}

/// `argument X: Invalid choice, valid choices are: ...`, as argparse (with the AWS CLI's wording).
fn invalid_choice(argument: &str, valid: &[String]) -> String {
    format!(
        "argument {argument}: Invalid choice, valid choices are:\n\n{}",
        valid.join(" | ")
    )
}

/// The string values clap attached to an error under `kind`.
fn strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(list)) => list.clone(),
        _ => Vec::new(),
    }
}

/// The option names (without clap's `<VALUE>` placeholders) attached under `kind`.
fn flags(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    strings(error, kind)
        .into_iter()
        .map(|arg| match arg.split_once([' ', '=']) {
            Some((name, _)) => name.to_owned(),
            None => arg,
        })
        .collect()
}

/// clap's own description of an error that has no argparse counterpart.
fn first_line(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let line = rendered.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::Cli;
    use clap::Parser;

    /// The message for a command line that must fail to parse.
    fn failure(argv: &[&str]) -> String {
        let mut full = vec!["cognito-feedback"];
        full.extend_from_slice(argv);
        let error = Cli::try_parse_from(full).expect_err("must not parse");
        match explain(&error) {
            Parsed::Error(text) => text,
            Parsed::Informational => panic!("{argv:?} is not an error"),
        }
    }

    #[test]
    fn missing_parameters_are_listed_after_the_usage() {
        let text = failure(&[
            "update-auth-event-feedback",
            "--user-pool-id",
            "us-east-1_X",
            "--event-id",
            "e",
        ]);
        assert_eq!(
            text,
            format!(
                "\n{USAGE}\ncognito-feedback: error: the following arguments are required: \
                 --username, --feedback-token, --feedback-value\n\n"
            )
        );
    }

    #[test]
    fn a_missing_command_is_named() {
        assert!(failure(&[]).ends_with("error: the following arguments are required: command\n\n"));
    }

    #[test]
    fn unknown_options_are_reported_as_the_aws_cli_does() {
        let text = failure(&[
            "update-auth-event-feedback",
            "--cli-input-json",
            "-",
            "--query",
        ]);
        assert_eq!(text, format!("\n{USAGE}\nUnknown options: --query\n\n"));
        let text = failure(&[
            "update-auth-event-feedback",
            "--cli-input-json",
            "-",
            "stray",
        ]);
        assert_eq!(text, format!("\n{USAGE}\nUnknown options: stray\n\n"));
    }

    #[test]
    fn bad_values_name_the_option() {
        assert!(
            failure(&[
                "--output",
                "yaml",
                "update-auth-event-feedback",
                "--generate-cli-skeleton"
            ])
            .contains(
                "error: argument --output: Invalid choice, valid choices are:\n\njson | text\n"
            )
        );
        assert!(
            failure(&[
                "--cli-read-timeout",
                "1.5",
                "update-auth-event-feedback",
                "--generate-cli-skeleton"
            ])
            .contains("error: argument --cli-read-timeout: invalid int value: '1.5'\n")
        );
        assert!(
            failure(&["update-auth-event-feedback", "--region"])
                .contains("error: argument --region: expected one argument\n")
        );
        assert!(failure(&["delete-everything"]).contains(
            "error: argument command: Invalid choice, valid choices are:\n\n\
                 update-auth-event-feedback\n"
        ));
    }

    #[test]
    fn help_and_version_are_not_errors() {
        for flag in ["--help", "--version"] {
            let error = Cli::try_parse_from(["cognito-feedback", flag]).expect_err(flag);
            assert!(matches!(explain(&error), Parsed::Informational), "{flag}");
        }
    }
}
