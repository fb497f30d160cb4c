//! Settings resolution (explicit > environment > config file profile > default) against the
//! vectors botocore 1.44.8 made (`scripts/gen_profile_vectors.py`, `tests/data/profile-vectors.json`):
//! each setting from every combination of sources, and edge cases. A unit test because the
//! resolved settings are the crate's own; the surfaces' tests prove each passes its settings in.
//!
//! botocore decides where it agrees with the SDKs' shared rules and the AWS SDK for Rust;
//! [`deviation`] lists, by label, every vector where this library answers differently, and why.

use std::collections::HashMap;
use std::path::PathBuf;

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

/// botocore's answer as an expectation: errors mapped to this library's messages.
fn botocore_answer(answer: &Value) -> Expect {
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

/// Where this library deliberately answers differently from botocore, by vector label.
fn deviation(label: &str, botocore: Expect) -> Expect {
    let Expect::Resolved {
        region,
        url,
        use_fips,
        use_dualstack,
        max_attempts,
        retry_mode,
        app_id,
    } = botocore.clone()
    else {
        return botocore;
    };
    let resolved =
        |region: Option<&str>, url: &str, max_attempts: u64, retry_mode: &str| Expect::Resolved {
            region: region.map(str::to_owned),
            url: url.to_owned(),
            use_fips,
            use_dualstack,
            max_attempts,
            retry_mode: retry_mode.to_owned(),
            app_id: app_id.clone(),
        };
    match label {
        // The AWS SDK for Rust (and the AWS CLI v2, .NET, Java) read AWS_REGION before
        // AWS_DEFAULT_REGION; botocore reads AWS_DEFAULT_REGION only. AWS_REGION wins here.
        "AWS_REGION" => resolved(
            Some("ap-northeast-1"),
            "https://cognito-idp.ap-northeast-1.amazonaws.com",
            max_attempts,
            &retry_mode,
        ),
        // botocore still honours the legacy AWS_DEFAULT_PROFILE (before AWS_PROFILE); the
        // shared rules (file-location-tests.json) and the other SDKs read AWS_PROFILE only.
        "AWS_DEFAULT_PROFILE" => resolved(
            Some("eu-west-1"),
            "https://cognito-idp.eu-west-1.amazonaws.com",
            max_attempts,
            &retry_mode,
        ),
        // botocore reads anything but `true` as false; this library rejects a boolean that
        // is neither, as it does for the environment variables, naming the file and profile.
        "boolean that is not true or false" => {
            Expect::ConfigError("use_fips_endpoint in profile prod of ".into())
        }
        // botocore implements legacy mode (5 attempts); this library has no legacy mode and
        // runs standard mode (3 attempts) with a warning.
        "legacy retry mode" => resolved(region.as_deref(), &url, 3, "standard"),
        // The AWS SDK for Rust's services key; botocore knows only `cognito_identity_provider`.
        // The issue asks for both.
        "services section with the AWS SDK for Rust's key" => resolved(
            region.as_deref(),
            "http://services.example:4",
            max_attempts,
            &retry_mode,
        ),
        _ => botocore,
    }
}

/// Expectations for vectors botocore answered with an error this library does not give.
fn error_deviation(label: &str) -> Option<Expect> {
    let ok = |region: &str, max_attempts: u64| Expect::Resolved {
        region: Some(region.to_owned()),
        url: format!("https://cognito-idp.{region}.amazonaws.com"),
        use_fips: false,
        use_dualstack: false,
        max_attempts,
        retry_mode: "standard".into(),
        app_id: None,
    };
    match label {
        // botocore requires a region even with an endpoint override; the endpoint rules (and
        // the AWS SDK for Rust) do not, and this library follows the rules (src/endpoint.rs).
        "region from nothing" => Some(Expect::Resolved {
            region: None,
            url: "http://127.0.0.1:9".into(),
            use_fips: false,
            use_dualstack: false,
            max_attempts: 3,
            retry_mode: "standard".into(),
            app_id: None,
        }),
        // The shared rules merge duplicate sections (parser test "Duplicate profiles in the
        // same file merge properties"); botocore's configparser rejects the file.
        "duplicate profiles merge" => Some(ok("eu-west-1", 5)),
        // The shared rules strip a comment after whitespace (`value ; comment`); botocore's
        // configparser keeps it in the value (and then rejects the region).
        "comment after a value" => Some(ok("eu-west-1", 3)),
        _ => None,
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
    let dir_text = dir.to_str().unwrap().to_owned();
    let mut env: HashMap<String, String> = input["env"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().replace("{dir}", &dir_text)))
        .collect();
    env.insert("HOME".into(), dir_text.clone());
    if let Some(text) = input["config_file"].as_str() {
        let path = env
            .get("AWS_CONFIG_FILE")
            .map(PathBuf::from)
            .unwrap_or_else(|| dir.join(".aws/config"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let explicit = &input["explicit"];
    let text = |key: &str| explicit[key].as_str();
    let mut config = Config::new().environment(move |name| env.get(name).cloned());
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
    match outcome {
        Ok(resolved) => resolved,
        Err(error) => {
            assert_eq!(error.kind(), crate::ErrorKind::Config, "{error:?}");
            Expect::ConfigError(error.message().to_owned())
        }
    }
}

#[test]
fn every_botocore_vector_resolves_as_expected() {
    let file: Value = serde_json::from_str(VECTORS).expect("vector file is JSON");
    assert_eq!(file["botocore_version"], "1.44.8");
    let vectors = file["vectors"].as_array().expect("a list of vectors");
    assert_eq!(vectors.len(), 88);
    let mut failures = Vec::new();
    for (index, vector) in vectors.iter().enumerate() {
        let label = vector["label"].as_str().unwrap();
        let expected = error_deviation(label)
            .unwrap_or_else(|| deviation(label, botocore_answer(&vector["botocore"])));
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
