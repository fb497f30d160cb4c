//! The command line's shape: global options (accepted before or after the command, as in the
//! AWS CLI), the one command, and its parameters.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Amazon Cognito's UpdateAuthEventFeedback from the command line, shaped like the AWS CLI:
/// `cognito-feedback update-auth-event-feedback ...` does what
/// `aws cognito-idp update-auth-event-feedback ...` does.
#[derive(Debug, Parser)]
#[command(
    name = "cognito-feedback",
    version,
    subcommand_required = true,
    // As with argparse, a repeated option takes its last value.
    args_override_self = true
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub globals: Globals,
    /// The operation to call.
    #[command(subcommand)]
    pub command: Command,
}

/// The AWS CLI's global options that apply to this client.
#[derive(Debug, Args)]
pub struct Globals {
    /// The region to use, e.g. eu-west-1 (else AWS_REGION, then AWS_DEFAULT_REGION).
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Send requests to this URL instead of the region's endpoint
    /// (else AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then AWS_ENDPOINT_URL).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// The profile of the shared config file (~/.aws/config, or AWS_CONFIG_FILE) to read
    /// settings from (else AWS_PROFILE, else default).
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// The maximum time in seconds to wait for a connection; 0 waits without a limit.
    #[arg(long, global = true, value_name = "SECONDS", value_parser = seconds, allow_negative_numbers = true)]
    pub cli_connect_timeout: Option<u64>,

    /// The maximum time in seconds one attempt may wait for its answer; 0 waits without a limit.
    #[arg(long, global = true, value_name = "SECONDS", value_parser = seconds, allow_negative_numbers = true)]
    pub cli_read_timeout: Option<u64>,

    /// A PEM file of CA certificates to trust instead of the bundled ones (else AWS_CA_BUNDLE).
    #[arg(long, global = true, value_name = "PATH")]
    pub ca_bundle: Option<PathBuf>,

    /// Log what the call does to standard error; the Username and FeedbackToken never appear.
    #[arg(long, global = true)]
    pub debug: bool,

    /// The formatting style of the output: nothing is printed on success unless `json`, which
    /// prints the response metadata.
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// Do not verify the endpoint's TLS certificate (any server can then read the feedback
    /// token: for tests only). A warning says so on standard error, as the AWS CLI's does.
    #[arg(long, global = true)]
    pub no_verify_ssl: bool,

    /// Accepted, as the AWS CLI's: this tool never pages its output.
    #[arg(long, global = true)]
    pub no_cli_pager: bool,

    /// Accepted, as the AWS CLI's: this tool prints no color.
    #[arg(long, global = true, value_enum, value_name = "on|off|auto")]
    pub color: Option<Color>,

    /// Accepted, as the AWS CLI's: UpdateAuthEventFeedback has no pages.
    #[arg(long, global = true)]
    pub no_paginate: bool,
}

/// The values of `--color` (accepted; nothing is colored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Always color.
    On,
    /// Never color.
    Off,
    /// Color on a terminal.
    Auto,
}

/// The values of `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// The response metadata as JSON: RequestId, HTTPStatusCode, RetryAttempts.
    Json,
    /// Tab-separated values: nothing, for this operation's empty response.
    Text,
}

/// The operations this tool calls.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reports the user's feedback on a risky authentication event ("this was me" is `Valid`,
    /// "this wasn't me" is `Invalid`), with the token from the notification email.
    UpdateAuthEventFeedback(FeedbackArgs),
}

/// The parameters of update-auth-event-feedback. The five request members are required unless
/// `--cli-input-json` (which may supply them) or `--generate-cli-skeleton` is given.
#[derive(Debug, Args)]
pub struct FeedbackArgs {
    /// The ID of the user pool, e.g. us-east-1_AbCdEf123.
    #[arg(long, value_name = "ID", required_unless_present_any = OVERRIDES)]
    pub user_pool_id: Option<String>,

    /// The user's username, alias or sub (never logged).
    #[arg(long, value_name = "NAME", required_unless_present_any = OVERRIDES)]
    pub username: Option<String>,

    /// The ID of the authentication event, from the notification email.
    #[arg(long, value_name = "ID", required_unless_present_any = OVERRIDES)]
    pub event_id: Option<String>,

    /// The feedback token from the notification email (never logged).
    #[arg(long, value_name = "TOKEN", required_unless_present_any = OVERRIDES)]
    pub feedback_token: Option<String>,

    /// The user's verdict: Valid ("this was me") or Invalid ("this wasn't me").
    #[arg(long, value_name = "Valid|Invalid", required_unless_present_any = OVERRIDES)]
    pub feedback_value: Option<String>,

    /// The parameters as JSON, keys as in the API (UserPoolId, Username, EventId, FeedbackToken,
    /// FeedbackValue): a file path, file://PATH, - for standard input, or the JSON itself.
    /// Parameters given as options win over the JSON's.
    #[arg(long, value_name = "JSON")]
    pub cli_input_json: Option<String>,

    /// input (the default): prints a JSON skeleton of the parameters for --cli-input-json.
    /// output: checks the parameters and prints what a success would print. Sends nothing.
    #[arg(long, value_enum, value_name = "input|output", num_args = 0..=1, default_missing_value = "input")]
    pub generate_cli_skeleton: Option<Skeleton>,

    /// `help` (as in `cognito-feedback update-auth-event-feedback help`): prints this help.
    #[arg(value_enum, hide = true)]
    pub help_word: Option<HelpWord>,
}

/// The options that make the request members optional on the command line. (`--generate-cli-skeleton
/// output` needs them all the same: the command checks that itself.)
const OVERRIDES: [&str; 3] = ["cli_input_json", "generate_cli_skeleton", "help_word"];

/// The kinds of skeleton `--generate-cli-skeleton` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Skeleton {
    /// A sample input for `--cli-input-json`.
    Input,
    /// What a successful call prints, after checking the parameters; nothing is sent.
    Output,
}

/// The positional word `help`, the AWS CLI's way to ask for a command's help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HelpWord {
    /// Print the help.
    Help,
}

/// A timeout in whole seconds, as the AWS CLI takes it.
fn seconds(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(seconds) => Ok(seconds),
        Err(_) if text.parse::<i64>().is_ok() => {
            Err(format!("must be 0 or more seconds, got '{text}'"))
        }
        Err(_) => Err(format!("invalid int value: '{text}'")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn seconds_are_whole_and_not_negative() {
        assert_eq!(seconds("0"), Ok(0));
        assert_eq!(seconds("75"), Ok(75));
        assert_eq!(seconds("1.5"), Err("invalid int value: '1.5'".into()));
        assert_eq!(seconds("soon"), Err("invalid int value: 'soon'".into()));
        assert_eq!(
            seconds("-1"),
            Err("must be 0 or more seconds, got '-1'".into())
        );
    }

    #[test]
    fn global_options_go_before_or_after_the_command() {
        for argv in [
            &[
                "cognito-feedback",
                "--region",
                "eu-west-1",
                "update-auth-event-feedback",
            ][..],
            &[
                "cognito-feedback",
                "update-auth-event-feedback",
                "--region",
                "eu-west-1",
            ][..],
        ] {
            let mut argv = argv.to_vec();
            argv.extend(["--cli-input-json", "-"]);
            let cli = Cli::try_parse_from(argv).expect("parses");
            assert_eq!(cli.globals.region.as_deref(), Some("eu-west-1"));
        }
    }

    #[test]
    fn a_repeated_option_takes_its_last_value() {
        let cli = Cli::try_parse_from([
            "cognito-feedback",
            "update-auth-event-feedback",
            "--generate-cli-skeleton",
            "--event-id",
            "first",
            "--event-id",
            "second",
        ])
        .expect("parses");
        let Command::UpdateAuthEventFeedback(args) = cli.command;
        assert_eq!(args.event_id.as_deref(), Some("second"));
        assert_eq!(args.generate_cli_skeleton, Some(Skeleton::Input));
    }
}
