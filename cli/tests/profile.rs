//! The shared config file through the command line, in a temporary HOME: AWS_PROFILE alone makes
//! the call, --profile chooses, a missing named profile exits 253 naming it, and --debug says
//! where each setting came from.

mod common;

use std::path::PathBuf;

use common::*;

/// A fresh HOME whose ~/.aws/config holds `text`; removed when dropped.
struct Home(PathBuf);

impl Home {
    fn new(name: &str, text: &str) -> Home {
        let dir = std::env::temp_dir().join(format!("cf-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), text).unwrap();
        Home(dir)
    }

    fn config(&self) -> String {
        format!("{}/.aws/config", self.0.display())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn prod(emulator: &Emulator) -> String {
    format!(
        "[default]\nregion = eu-west-1\n[profile prod]\nregion = us-east-1\nendpoint_url = {}\n",
        emulator.url()
    )
}

#[test]
fn aws_profile_alone_makes_the_call_and_debug_names_the_sources() {
    let emulator = emulator();
    let home = Home::new("alone", &prod(&emulator));
    let mut command = cli();
    command
        .env("HOME", &home.0)
        .env("AWS_PROFILE", "prod")
        .env("AWS_MAX_ATTEMPTS", "1")
        .args(["update-auth-event-feedback", "--debug"])
        .args(params(EVENT, "Valid"));
    let run = run(command);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(emulator.feedback(POOL, EVENT).is_some());
    let label = format!("profile prod of {}", home.config());
    for origin in [
        format!("using {label}"),
        format!("region=\"us-east-1\" ({label})"),
        format!("endpoint_url={:?} ({label})", emulator.url()),
        "max_attempts=1 (environment variable AWS_MAX_ATTEMPTS)".to_owned(),
        "use_fips_endpoint unset (default)".to_owned(),
    ] {
        assert!(run.stderr.contains(&origin), "{origin} in {}", run.stderr);
    }
}

#[test]
fn the_profile_option_chooses_and_a_missing_profile_exits_253() {
    let emulator = emulator();
    let home = Home::new("option", &prod(&emulator));
    let mut command = cli();
    command
        .env("HOME", &home.0)
        .args(["--profile", "prod", "update-auth-event-feedback"])
        .args(params(EVENT, "Invalid"));
    let chosen = run(command);
    assert_eq!(chosen.code, Some(0), "{chosen:?}");
    assert_eq!(
        emulator.feedback(POOL, EVENT).unwrap().feedback_value,
        "Invalid"
    );

    for (option, variable, origin) in [
        (Some("nope"), None, "explicit setting"),
        (None, Some("nope"), "environment variable AWS_PROFILE"),
    ] {
        let mut command = cli();
        command.env("HOME", &home.0);
        if let Some(name) = option {
            command.args(["--profile", name]);
        }
        if let Some(name) = variable {
            command.env("AWS_PROFILE", name);
        }
        command
            .arg("update-auth-event-feedback")
            .args(params(EVENT, "Valid"));
        let run = run(command);
        assert_eq!(run.code, Some(253), "{run:?}");
        let expected = format!(
            "the config profile \"nope\" ({origin}) could not be found in {}",
            home.config()
        );
        assert!(run.stderr.contains(&expected), "{run:?}");
    }
}
