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
        format!(
            "profile \"prod\" (environment variable AWS_PROFILE) of {}",
            home.config()
        ),
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

/// The answers of tests/data/profile-vectors.json (botocore's, or a deviation's) for every
/// vector the command line can express (explicit settings among --region, --endpoint-url and
/// --profile) that resolves to a URL: the library's debug line names the endpoint. A UserPoolId that breaks the model ends each run before anything is sent.
#[test]
fn botocore_vectors_give_botocores_endpoint() {
    let text = include_str!("../../tests/data/profile-vectors.json");
    let file: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut checked = 0;
    for (index, vector) in file["vectors"].as_array().unwrap().iter().enumerate() {
        let label = vector["label"].as_str().unwrap();
        let input = &vector["input"];
        let explicit = input["explicit"].as_object().unwrap();
        let options = [
            ("region", "--region"),
            ("endpoint_url", "--endpoint-url"),
            ("profile", "--profile"),
        ];
        let answer = match vector["deviation"]["expect"].is_null() {
            true => &vector["botocore"],
            false => &vector["deviation"]["expect"],
        };
        let Some(url) = answer["url"].as_str() else {
            continue;
        };
        if !explicit
            .keys()
            .all(|key| options.iter().any(|(name, _)| name == key))
        {
            continue;
        }
        // The file goes where the environment says: ~/.aws/config or AWS_CONFIG_FILE.
        let text = input["config_file"].as_str();
        let home = Home::new(&format!("vector-{index}"), text.unwrap_or(""));
        std::fs::remove_file(home.config()).unwrap();
        let mut command = cli();
        command.env("HOME", &home.0).arg("--debug");
        let mut config_path = home.config();
        for (name, value) in input["env"].as_object().unwrap() {
            let value = value
                .as_str()
                .unwrap()
                .replace("{dir}", home.0.to_str().unwrap());
            if name == "AWS_CONFIG_FILE" {
                config_path = value.clone();
            }
            command.env(name, value);
        }
        if let Some(text) = text {
            std::fs::write(config_path, text).unwrap();
        }
        for (name, option) in options {
            if let Some(value) = explicit.get(name) {
                command.args([option, value.as_str().unwrap()]);
            }
        }
        command.args([
            "update-auth-event-feedback",
            "--user-pool-id",
            "not a pool",
            "--username",
            USER,
            "--event-id",
            EVENT,
            "--feedback-token",
            TOKEN,
            "--feedback-value",
            "Valid",
        ]);
        let run = run(command);
        let endpoint = url.strip_suffix('/').unwrap_or(url);
        assert_eq!(run.code, Some(252), "{label}: {run:?}");
        assert!(
            run.stderr.contains(&format!("client for {endpoint}:")),
            "{label}: {endpoint} in {}",
            run.stderr
        );
        checked += 1;
    }
    assert_eq!(checked, 62);
}
