//! Endpoint resolution against the 310 vectors made with botocore 1.44.8
//! (`scripts/gen_endpoint_vectors.py`): every region of partitions.json in all four
//! FIPS/dual-stack combinations, edge cases, and the service's published endpoint rule tests.
//!
//! Each vector carries two botocore answers: `ruleset` (the rule set on the raw inputs) and
//! `client` (a real botocore client). We follow `ruleset`, except where this library is
//! deliberately stricter or follows the client (see `src/endpoint.rs`); every such case is
//! listed by label in `edge_expectation`.

use super::{EndpointParams, resolve};
use crate::ErrorKind;
use serde_json::Value;
use std::collections::BTreeSet;

const VECTORS: &str = include_str!("../../tests/data/endpoint-vectors.json");
const PARTITIONS: &str = include_str!("../../data/partitions.json");

/// What `resolve` must give for a vector.
#[derive(Debug)]
enum Expect {
    Url(String),
    /// A config error whose message contains each of these.
    ConfigError(Vec<String>),
}

fn vectors() -> Vec<Value> {
    let file: Value = serde_json::from_str(VECTORS).expect("vector file is JSON");
    assert_eq!(file["botocore_version"], "1.44.8");
    file["vectors"]
        .as_array()
        .expect("a list of vectors")
        .clone()
}

fn text(value: &Value) -> Option<&str> {
    value.as_str()
}

fn ruleset_url(v: &Value) -> Expect {
    assert!(v["ruleset"]["error"].is_null(), "ruleset error in {v}");
    Expect::Url(text(&v["ruleset"]["url"]).expect("ruleset url").to_owned())
}

fn client_url(v: &Value) -> Expect {
    let url = text(&v["client"]["url"]).expect("client url");
    Expect::Url(url.strip_suffix('/').unwrap_or(url).to_owned())
}

fn error(fragments: &[&str]) -> Expect {
    Expect::ConfigError(fragments.iter().map(|s| s.to_string()).collect())
}

fn override_error(v: &Value, what: &str) -> Expect {
    let endpoint = text(&v["input"]["endpoint"]).expect("an override");
    error(&[&format!(
        "{what} cannot be combined with the endpoint override {endpoint:?}"
    )])
}

/// The service's own tests: their `expect`, with the rule set's errors mapped to ours.
fn official_expectation(v: &Value) -> Expect {
    let expect = &v["expect"];
    if let Some(url) = text(&expect["endpoint"]["url"]) {
        assert_eq!(
            v["ruleset"]["url"], url,
            "botocore's rule set disagrees with the test: {v}"
        );
        return Expect::Url(url.to_owned());
    }
    match text(&expect["error"]).expect("an endpoint or an error") {
        "Invalid Configuration: FIPS and custom endpoint are not supported" => {
            override_error(v, "FIPS")
        }
        "Invalid Configuration: Dualstack and custom endpoint are not supported" => {
            override_error(v, "dual-stack")
        }
        "Invalid Configuration: Missing Region" => error(&["no region configured"]),
        other => panic!("the rule-set error {other:?} has no expectation here: decide and add it"),
    }
}

/// Edge cases, by label: the rule set's answer, the client's, or our config error.
fn edge_expectation(v: &Value) -> Expect {
    let label = text(&v["label"]).expect("a label");
    let region = text(&v["input"]["region"]);
    match label {
        "empty region" | "space in region" | "punctuation" | "trailing dot" | "dotted"
        | "slash" | "at sign" | "leading hyphen" | "trailing hyphen" | "underscore"
        | "64 chars" | "unicode" => {
            // Not a host label: refused here, and by botocore's client too.
            assert!(
                v["client"]["error"].is_string(),
                "botocore's client accepted {v}"
            );
            error(&[&format!(
                "invalid region {:?}: a region is",
                region.unwrap()
            )])
        }
        // Host labels, known or not: the rule set decides (botocore's client refuses "12345").
        "uppercase"
        | "all digits"
        | "63 chars"
        | "unknown region aws-shaped"
        | "unknown region no partition regex"
        | "unknown region no partition regex fips"
        | "unknown cn-shaped"
        | "unknown gov-shaped" => ruleset_url(v),
        // FIPS pseudo-regions: the real region with FIPS, as botocore's client does.
        "fips pseudo region prefix"
        | "fips pseudo region suffix"
        | "fips pseudo region + dualstack" => client_url(v),
        "custom endpoint"
        | "custom endpoint no region"
        | "custom endpoint with path"
        | "custom endpoint with port http" => ruleset_url(v),
        "custom endpoint trailing slash" => Expect::Url("https://example.com".to_owned()),
        "custom endpoint + FIPS" | "custom endpoint + FIPS + DualStack" => {
            override_error(v, "FIPS")
        }
        "custom endpoint + DualStack" => override_error(v, "dual-stack"),
        "custom endpoint no scheme" => {
            error(&["invalid endpoint override \"example.com\": it has no http"])
        }
        "no region" => error(&["no region configured"]),
        other => panic!("the edge vector {other:?} has no expectation here: decide and add it"),
    }
}

fn expectation(v: &Value) -> Expect {
    match text(&v["kind"]).expect("a kind") {
        "partition-region" => ruleset_url(v),
        "official-test" => official_expectation(v),
        "edge" => edge_expectation(v),
        other => panic!("unknown vector kind {other:?}"),
    }
}

/// Checks one vector; `Err` says how it went wrong.
fn check(v: &Value) -> Result<(), String> {
    let input = &v["input"];
    let params = EndpointParams {
        region: text(&input["region"]),
        use_fips: input["use_fips"].as_bool().expect("use_fips"),
        use_dualstack: input["use_dualstack"].as_bool().expect("use_dualstack"),
        endpoint: text(&input["endpoint"]),
    };
    match (expectation(v), resolve(&params)) {
        (Expect::Url(want), Ok(got)) if want == got => Ok(()),
        (Expect::ConfigError(fragments), Err(err))
            if err.kind() == ErrorKind::Config
                && fragments.iter().all(|f| err.message().contains(f.as_str())) =>
        {
            Ok(())
        }
        (want, got) => Err(format!("{input}: expected {want:?}, got {got:?}")),
    }
}

#[test]
fn every_vector_resolves_as_expected() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 310);
    let failures: Vec<String> = vectors.iter().filter_map(|v| check(v).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of 310 vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_vectors_cover_each_kind() {
    let vectors = vectors();
    let count = |kind: &str| vectors.iter().filter(|v| v["kind"] == kind).count();
    assert_eq!(count("partition-region"), 220);
    assert_eq!(count("edge"), 33);
    assert_eq!(count("official-test"), 57);
}

#[test]
fn the_vectors_cover_every_region_of_the_embedded_partitions_in_all_four_combinations() {
    let partitions: Value = serde_json::from_str(PARTITIONS).unwrap();
    let mut wanted = BTreeSet::new();
    for partition in partitions["partitions"].as_array().unwrap() {
        let id = partition["id"].as_str().unwrap();
        for region in partition["regions"].as_object().unwrap().keys() {
            for (fips, dualstack) in [(false, false), (false, true), (true, false), (true, true)] {
                wanted.insert((id.to_owned(), region.clone(), fips, dualstack));
            }
        }
    }
    let covered: BTreeSet<_> = vectors()
        .iter()
        .filter(|v| v["kind"] == "partition-region")
        .map(|v| {
            let input = &v["input"];
            (
                v["partition"].as_str().unwrap().to_owned(),
                input["region"].as_str().unwrap().to_owned(),
                input["use_fips"].as_bool().unwrap(),
                input["use_dualstack"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(covered, wanted);
    assert_eq!(wanted.len(), 220);
}

#[test]
fn resolved_partition_regions_use_their_partitions_suffixes() {
    let partitions: Value = serde_json::from_str(PARTITIONS).unwrap();
    for partition in partitions["partitions"].as_array().unwrap() {
        let outputs = &partition["outputs"];
        for region in partition["regions"].as_object().unwrap().keys() {
            let params = EndpointParams {
                region: Some(region),
                ..EndpointParams::default()
            };
            let url = resolve(&params).unwrap();
            let suffix = outputs["dnsSuffix"].as_str().unwrap();
            assert_eq!(url, format!("https://cognito-idp.{region}.{suffix}"));
        }
    }
}
