//! The AWS SDKs' shared profile test suite (copied unchanged from the SDKs' common test data
//! into `tests/data/profiles/`), every case run, none skipped:
//!
//! - `profile-parser-tests.json` (65 cases): file text to profiles and sso-sessions, or the
//!   error expected. Cases with a credentials file run it through the parser as
//!   [`FileKind::Credentials`] after the config file, as the SDKs merge them; the client
//!   itself never reads a credentials file.
//! - `file-location-tests.json` (9 cases): environment to file locations and active profile.
//!   The Linux cases test the rules this library uses on Linux; the Windows cases test the
//!   same function with [`Platform::Windows`] (the rules it uses when built for Windows), so
//!   "applies" means every case checks real code, whichever platform runs the tests.

use super::{FileKind, Platform, ProfileSet, Section, active_profile_name, locations};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

const PARSER_TESTS: &str = include_str!("../../tests/data/profiles/profile-parser-tests.json");
const LOCATION_TESTS: &str = include_str!("../../tests/data/profiles/file-location-tests.json");

fn cases(text: &str) -> Vec<Value> {
    let file: Value = serde_json::from_str(text).expect("test file is JSON");
    file["tests"].as_array().expect("a list of tests").clone()
}

/// Sections as the suite writes them: name to (property to value).
fn as_table(sections: &BTreeMap<String, Section>) -> BTreeMap<String, BTreeMap<String, String>> {
    sections
        .iter()
        .map(|(name, section)| (name.clone(), section.properties().clone()))
        .collect()
}

fn expected_table(value: &Value) -> BTreeMap<String, BTreeMap<String, String>> {
    serde_json::from_value(value.clone()).expect("sections of string properties")
}

/// Runs one parser case; `Err` describes the mismatch.
fn run_parser_case(case: &Value) -> Result<(), String> {
    let input = &case["input"];
    let mut set = ProfileSet::new();
    let mut outcome = Ok(());
    for (key, kind) in [
        ("configFile", FileKind::Config),
        ("credentialsFile", FileKind::Credentials),
    ] {
        if let Some(text) = input[key].as_str() {
            outcome = outcome.and_then(|()| set.add(kind, key, text));
        }
    }
    let output = &case["output"];
    match (outcome, output["errorContaining"].as_str()) {
        (Err(error), Some(fragment)) if error.to_string().contains(fragment) => Ok(()),
        (Err(error), Some(fragment)) => Err(format!("error {error} lacks {fragment:?}")),
        (Err(error), None) => Err(format!("unexpected error {error}")),
        (Ok(()), Some(fragment)) => Err(format!("parsed, but expected an error with {fragment:?}")),
        (Ok(()), None) => {
            let config = &output["config"];
            let profiles = as_table(set.profiles());
            if profiles != expected_table(&config["profiles"]) {
                return Err(format!("profiles {profiles:?}"));
            }
            if !config["sso_sessions"].is_null() {
                let sessions = as_table(set.sso_sessions());
                if sessions != expected_table(&config["sso_sessions"]) {
                    return Err(format!("sso-sessions {sessions:?}"));
                }
            }
            Ok(())
        }
    }
}

#[test]
fn every_parser_case_passes() {
    let cases = cases(PARSER_TESTS);
    assert_eq!(cases.len(), 65);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            run_parser_case(case)
                .err()
                .map(|why| format!("{}: {why}", case["name"]))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn parse_errors_carry_the_line_number() {
    let mut set = ProfileSet::new();
    let error = set
        .add(
            FileKind::Config,
            "f",
            "[profile foo]\nname = value\n[profile foo]\n -continued",
        )
        .unwrap_err();
    assert_eq!(error.line, Some(4));
    assert_eq!(error.file, "f");
}

#[test]
fn every_location_case_passes() {
    let cases = cases(LOCATION_TESTS);
    assert_eq!(cases.len(), 9);
    for case in &cases {
        let name = &case["name"];
        let environment: BTreeMap<String, String> =
            serde_json::from_value(case["environment"].clone()).expect("string variables");
        let env = |variable: &str| environment.get(variable).cloned();
        let platform = match case["platform"].as_str() {
            Some("linux") => Platform::Unix,
            Some("windows") => Platform::Windows,
            other => panic!("{name}: platform {other:?}"),
        };
        let found = locations(&env, platform);
        let path = |key: &str| case[key].as_str().map(PathBuf::from);
        assert_eq!(found.config, path("configLocation"), "{name}");
        assert_eq!(found.credentials, path("credentialsLocation"), "{name}");
        if let Some(profile) = case["profile"].as_str() {
            assert_eq!(active_profile_name(&env), profile, "{name}");
        }
    }
}

proptest::proptest! {
    /// Any text, in either kind of file, parses or fails with a line inside the text: never a
    /// panic, never a line that is not there.
    #[test]
    fn any_text_parses_or_names_a_line_in_it(
        text in "(\\[|\\]|profile |default|services |sso-session |[a-z]{1,3}|=| |\t|#|;|\r|\n|\\PC){0,40}",
        credentials in proptest::bool::ANY,
    ) {
        let kind = if credentials { FileKind::Credentials } else { FileKind::Config };
        let mut set = ProfileSet::new();
        if let Err(error) = set.add(kind, "f", &text) {
            let line = error.line.expect("a parse error names its line");
            proptest::prop_assert!(line >= 1 && line <= text.split('\n').count(), "{error}");
        }
    }
}
