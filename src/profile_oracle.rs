//! Settings resolution (explicit > environment > config file profile > default) against the
//! vectors botocore 1.44.8 made (`scripts/gen_profile_vectors.py`, `tests/data/profile-vectors.json`):
//! each setting from every combination of sources, and edge cases. A unit test because the
//! resolved settings are the crate's own; the surfaces' tests prove each passes its settings in.
//!
//! botocore decides where it agrees with the SDKs' shared rules and the AWS SDK for Rust; where
//! this library deliberately answers differently, the vector carries a `deviation` (this
//! library's answer and why), written by the generator: 8 of the 88.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::{Config, RetryMode};
use crate::endpoint::{self, EndpointParams};

const VECTORS: &str = include_str!("../tests/data/profile-vectors.json");

/// The settings a vector resolves to, in botocore's terms; or a config error containing this.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    Resolved {
        region: Option<String>,
        url: String,
        use_fips: bool,
        use_dualstack: bool,
        max_attempts: u64,
        retry_mode: String,
        app_id: Option<String>,
    },
    ConfigError(String),
}

/// An answer (botocore's, or a deviation's `expect`) as an expectation: botocore's errors
/// mapped to this library's messages.
fn expectation(answer: &Value) -> Expect {
    if let Some(fragment) = answer["error"]["containing"].as_str() {
        return Expect::ConfigError(fragment.to_owned());
    }
    if let Some(class) = answer["error"]["class"].as_str() {
        let fragment = match class {
            "ProfileNotFound" => "could not be found",
            "InvalidConfigError" => "uses the services section",
            "InvalidMaxRetryAttemptsError" => "must be a whole number of at least 1",
            other => panic!("botocore's {other} has no expectation here: decide and add it"),
        };
        return Expect::ConfigError(fragment.to_owned());
    }
    let text = |key: &str| answer[key].as_str().map(str::to_owned);
    let url = text("url").expect("a url");
    Expect::Resolved {
        region: text("region"),
        url: url.strip_suffix('/').unwrap_or(&url).to_owned(),
        use_fips: answer["use_fips"].as_bool().expect("use_fips"),
        use_dualstack: answer["use_dualstack"].as_bool().expect("use_dualstack"),
        max_attempts: answer["max_attempts"].as_u64().expect("max_attempts"),
        retry_mode: text("retry_mode").expect("retry_mode"),
        app_id: text("app_id"),
    }
}

/// A fresh directory for one vector's HOME.
fn home(index: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cf-oracle-{}-{index}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What this library resolves for a vector's input.
fn resolve(index: usize, input: &Value) -> Expect {
    let dir = home(index);
    let env = environment(&dir, input);
    let config = with_explicit_settings(
        Config::new().environment(move |name| env.get(name).cloned()),
        &input["explicit"],
    );
    let outcome = config.resolve().and_then(|s| {
        let url = endpoint::resolve(&EndpointParams {
            region: s.region.as_deref(),
            use_fips: s.use_fips,
            use_dualstack: s.use_dualstack,
            endpoint: s.endpoint_url.as_deref(),
        })?;
        Ok(Expect::Resolved {
            region: s.region,
            url,
            use_fips: s.use_fips,
            use_dualstack: s.use_dualstack,
            max_attempts: s.max_attempts.into(),
            retry_mode: format!("{:?}", s.retry_mode).to_lowercase(),
            app_id: s.app_id,
        })
    });
    std::fs::remove_dir_all(&dir).unwrap();
    outcome.unwrap_or_else(|error| {
        assert_eq!(error.kind(), crate::error::ErrorKind::Config, "{error:?}");
        Expect::ConfigError(error.message().to_owned())
    })
}

/// The vector's environment with `{dir}` standing for `dir`, which is HOME; its config file
/// (if any) is written where that environment points.
fn environment(dir: &Path, input: &Value) -> HashMap<String, String> {
    let dir_text = dir.to_str().unwrap().to_owned();
    let mut env: HashMap<String, String> = input["env"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().replace("{dir}", &dir_text)))
        .collect();
    env.insert("HOME".into(), dir_text);
    if let Some(text) = input["config_file"].as_str() {
        let path = env
            .get("AWS_CONFIG_FILE")
            .map(PathBuf::from)
            .unwrap_or_else(|| dir.join(".aws/config"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    env
}

/// `config` with the vector's explicit settings.
fn with_explicit_settings(mut config: Config, explicit: &Value) -> Config {
    let text = |key: &str| explicit[key].as_str();
    if let Some(profile) = text("profile") {
        config = config.profile(profile);
    }
    if let Some(region) = text("region") {
        config = config.region(region);
    }
    if let Some(url) = text("endpoint_url") {
        config = config.endpoint_url(url);
    }
    if let Some(on) = explicit["use_fips"].as_bool() {
        config = config.use_fips(on);
    }
    if let Some(on) = explicit["use_dualstack"].as_bool() {
        config = config.use_dualstack(on);
    }
    if let Some(n) = explicit["max_attempts"].as_u64() {
        config = config.max_attempts(n as u32);
    }
    match text("retry_mode") {
        Some("adaptive") => config = config.retry_mode(RetryMode::Adaptive),
        Some("standard") => config = config.retry_mode(RetryMode::Standard),
        Some(other) => panic!("retry mode {other}"),
        None => {}
    }
    if let Some(app_id) = text("app_id") {
        config = config.app_id(app_id);
    }
    config
}

#[test]
fn every_botocore_vector_resolves_as_expected() {
    let file: Value = serde_json::from_str(VECTORS).expect("vector file is JSON");
    assert_eq!(file["botocore_version"], "1.44.8");
    let vectors = file["vectors"].as_array().expect("a list of vectors");
    assert_eq!(vectors.len(), 88);
    let deviations = vectors.iter().filter(|v| !v["deviation"].is_null()).count();
    assert_eq!(deviations, 8);
    let mut failures = Vec::new();
    for (index, vector) in vectors.iter().enumerate() {
        let label = vector["label"].as_str().unwrap();
        let deviation = &vector["deviation"];
        let expected = match deviation["expect"].is_null() {
            true => expectation(&vector["botocore"]),
            false => expectation(&deviation["expect"]),
        };
        let got = resolve(index, &vector["input"]);
        let matches = match (&expected, &got) {
            (Expect::ConfigError(fragment), Expect::ConfigError(message)) => {
                message.contains(fragment.as_str())
            }
            _ => expected == got,
        };
        if !matches {
            failures.push(format!("{label}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The table the C and C# tests read is the vectors that resolve to a URL, each with its
/// label, config file and expected URL (the generator writes both; this catches one edited
/// without the other).
#[test]
fn the_endpoint_table_matches_the_vectors() {
    let file: Value = serde_json::from_str(VECTORS).expect("vector file is JSON");
    let from_vectors: Vec<(String, String, String)> = file["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| {
            let answer = match v["deviation"]["expect"].is_null() {
                true => &v["botocore"],
                false => &v["deviation"]["expect"],
            };
            let config = v["input"]["config_file"].as_str().unwrap_or("-");
            Some((
                v["label"].as_str()?.to_owned(),
                config.to_owned(),
                answer["url"].as_str()?.to_owned(),
            ))
        })
        .collect();
    let table = include_str!("../tests/data/profile-vectors-endpoints.tsv");
    let from_table: Vec<(String, String, String)> = table
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 5, "{line}");
            let config = fields[1].replace("\\n", "\n").replace("\\\\", "\\");
            (fields[0].to_owned(), config, fields[4].to_owned())
        })
        .collect();
    assert_eq!(from_table.len(), 82);
    assert_eq!(from_table, from_vectors);
}
