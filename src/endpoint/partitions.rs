//! The partitions file (`partitions.json`) and the rules engine's `aws.partition` function.

use regex_lite::Regex;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The partitions, in file order, with the one that takes unknown regions.
#[derive(Debug)]
pub(super) struct Partitions {
    list: Vec<Partition>,
    fallback: usize,
}

#[derive(Debug)]
struct Partition {
    regions: HashSet<String>,
    region_regex: Regex,
    /// The partition's `outputs`, with `name` set to its id: what `aws.partition` returns.
    outputs: Value,
}

impl Partitions {
    /// Loads `partitions.json` text.
    pub(super) fn from_json(text: &str) -> Result<Partitions, String> {
        let root: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let list = root
            .get("partitions")
            .and_then(Value::as_array)
            .ok_or("it has no list of partitions")?
            .iter()
            .map(partition)
            .collect::<Result<Vec<_>, _>>()?;
        let fallback = list
            .iter()
            .position(|p| p.outputs["name"] == "aws")
            .ok_or("it has no \"aws\" partition")?;
        Ok(Partitions { list, fallback })
    }

    /// The partition of a region: the one that lists it, else the first whose `regionRegex`
    /// matches it, else `aws`. Returns that partition's outputs (`name`, `dnsSuffix`, ...).
    ///
    /// Listed regions win over patterns, as the Smithy rules engine specifies; botocore checks
    /// both per partition in file order, which gives the same answers for today's file (no
    /// listed region matches an earlier partition's pattern). Patterns run with ASCII `\w` and
    /// `\d`; botocore's are Unicode-aware, which matters only for regions that are not host
    /// labels, and those never get here from [`resolve`](super::resolve).
    pub(super) fn lookup(&self, region: &str) -> &Value {
        let listed = self.list.iter().find(|p| p.regions.contains(region));
        let partition = listed
            .or_else(|| self.list.iter().find(|p| p.region_regex.is_match(region)))
            .unwrap_or(&self.list[self.fallback]);
        &partition.outputs
    }
}

fn partition(value: &Value) -> Result<Partition, String> {
    let id = value
        .get("id")
        .and_then(Value::as_str)
        .ok_or("a partition has no id")?;
    let what = |field: &str| format!("partition {id:?} has no valid {field}");
    let pattern = value
        .get("regionRegex")
        .and_then(Value::as_str)
        .ok_or_else(|| what("regionRegex"))?;
    let region_regex = Regex::new(pattern).map_err(|e| format!("{}: {e}", what("regionRegex")))?;
    let regions = value
        .get("regions")
        .and_then(Value::as_object)
        .ok_or_else(|| what("regions"))?
        .keys()
        .cloned()
        .collect();
    let mut outputs: Map<String, Value> = value
        .get("outputs")
        .and_then(Value::as_object)
        .ok_or_else(|| what("outputs"))?
        .clone();
    outputs.insert("name".to_owned(), Value::from(id));
    Ok(Partition {
        regions,
        region_regex,
        outputs: Value::Object(outputs),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded() -> Partitions {
        Partitions::from_json(include_str!("../../data/partitions.json")).unwrap()
    }

    fn name_of(partitions: &Partitions, region: &str) -> String {
        partitions.lookup(region)["name"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn listed_regions_find_their_partition() {
        let p = embedded();
        assert_eq!(name_of(&p, "eu-west-1"), "aws");
        assert_eq!(name_of(&p, "aws-global"), "aws");
        assert_eq!(name_of(&p, "cn-north-1"), "aws-cn");
        assert_eq!(name_of(&p, "aws-cn-global"), "aws-cn");
        assert_eq!(name_of(&p, "us-gov-west-1"), "aws-us-gov");
        assert_eq!(name_of(&p, "us-isob-east-1"), "aws-iso-b");
        assert_eq!(name_of(&p, "eusc-de-east-1"), "aws-eusc");
    }

    #[test]
    fn unlisted_regions_match_by_regex_then_fall_back_to_aws() {
        let p = embedded();
        assert_eq!(name_of(&p, "cn-south-9"), "aws-cn");
        assert_eq!(name_of(&p, "us-gov-north-9"), "aws-us-gov");
        assert_eq!(name_of(&p, "us-isof-north-7"), "aws-iso-f");
        assert_eq!(name_of(&p, "eu-isoe-north-2"), "aws-iso-e");
        assert_eq!(name_of(&p, "us-moon-1"), "aws");
        assert_eq!(name_of(&p, "xx-moon-1"), "aws");
        assert_eq!(name_of(&p, ""), "aws");
        // `\w` and `\d` are ASCII-only here.
        assert_eq!(name_of(&p, "cn-nörth-1"), "aws");
    }

    #[test]
    fn outputs_carry_the_partition_name_and_suffixes() {
        let p = embedded();
        let cn = p.lookup("cn-north-1");
        assert_eq!(cn["dnsSuffix"], "amazonaws.com.cn");
        assert_eq!(cn["dualStackDnsSuffix"], "api.amazonwebservices.com.cn");
        assert_eq!(cn["supportsFIPS"], true);
        assert_eq!(cn["name"], "aws-cn");
    }

    #[test]
    fn broken_files_are_refused_with_a_reason() {
        let err = Partitions::from_json(r#"{"partitions":[]}"#).unwrap_err();
        assert!(err.contains("no \"aws\" partition"), "{err}");
        let err = Partitions::from_json(
            r#"{"partitions":[{"id":"aws","regionRegex":"(","regions":{},"outputs":{}}]}"#,
        )
        .unwrap_err();
        assert!(err.contains("regionRegex"), "{err}");
        let err = Partitions::from_json(
            r#"{"partitions":[{"id":"aws","regionRegex":"^x$","regions":{}}]}"#,
        )
        .unwrap_err();
        assert!(err.contains("outputs"), "{err}");
    }

    #[test]
    fn the_listed_partition_wins_over_an_earlier_regex_match() {
        let p = Partitions::from_json(
            r#"{"partitions":[
                {"id":"aws","regionRegex":"^.*$","regions":{},"outputs":{"dnsSuffix":"a"}},
                {"id":"other","regionRegex":"^$","regions":{"special-1":{}},"outputs":{"dnsSuffix":"b"}}]}"#,
        )
        .unwrap();
        assert_eq!(name_of(&p, "special-1"), "other");
        assert_eq!(name_of(&p, "special-2"), "aws");
    }
}
