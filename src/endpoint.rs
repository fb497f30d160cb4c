//! Endpoint resolution: the URL a call goes to, from the region, the FIPS and dual-stack
//! switches, or an endpoint override.
//!
//! The service's own endpoint rule set (botocore's `endpoint-rule-set-1.json` for
//! `cognito-idp`) is evaluated over the partitions file (`partitions.json`), both embedded
//! from `data/` and loaded once per process. The evaluator is generic, so a newer botocore
//! rule set or partitions file drops in; `tests/endpoint_vectors.rs` checks the answers
//! against vectors made with botocore (`scripts/gen_endpoint_vectors.py`).
//!
//! On top of the rule set, this library is stricter in a few places, so that a setting that
//! cannot work fails when the client is made, with nothing sent:
//!
//! - **The region must be a DNS host label** (1 to 63 ASCII letters, digits and hyphens, not
//!   beginning or ending with a hyphen), else a config error naming it, also when an
//!   endpoint override is set. The rule set alone would paste anything into the host name
//!   (`"us-east-1.evil.com"`, `""`). A well-formed region that no partition lists falls into
//!   the partition whose pattern it matches, else into `aws`, as the rules say: `"xx-moon-1"`
//!   gives `https://cognito-idp.xx-moon-1.amazonaws.com`. All-digit labels such as `"12345"`
//!   are valid host labels and resolve (botocore's client refuses them; its rule set does not).
//! - **FIPS pseudo-regions** such as `"fips-us-east-1"` and `"us-east-1-fips"` mean the real
//!   region with FIPS on, as in botocore's client and the other AWS SDKs (the rule set alone
//!   would make the non-existent host `cognito-idp.us-east-1-fips.amazonaws.com`). Only a
//!   leading `fips-` or a trailing `-fips` counts; a region with `fips` elsewhere is an
//!   ordinary (unknown) region.
//! - **An endpoint override** must be an absolute `http://` or `https://` URL with a host
//!   (no user info, query or fragment), else a config error naming it (with any user info
//!   masked). It is used as given, less one trailing `/`. FIPS or dual-stack together with an
//!   override is a config error, also when FIPS comes from a pseudo-region: the override
//!   would silently drop them (botocore's client does drop them; the rule set refuses).
//!   With an override, no region is needed.
//! - **No region and no override** is a config error.
//!
//! Where botocore's client and its rule set disagree otherwise, the rule set is followed:
//! dual-stack in `aws-iso-e` and `aws-iso-f` resolves to the rule set's URL, where botocore's
//! client, going by its older endpoints data, refuses. Endpoint headers and properties that a
//! rule set may attach are not used: the call is unsigned and needs none today.

mod eval;
mod functions;
mod params;
mod partitions;
mod rules;
mod url;

use crate::error::Error;
use eval::Outcome;
pub use params::EndpointParams;
use partitions::Partitions;
use rules::RuleSet;
use std::borrow::Cow;
use std::sync::OnceLock;

const RULE_SET_JSON: &str = include_str!("../data/endpoint-rule-set-1.json");
const PARTITIONS_JSON: &str = include_str!("../data/partitions.json");

/// The endpoint URL (as the rule set gives it, e.g.
/// `"https://cognito-idp.eu-west-1.amazonaws.com"`, or the override less one trailing `/`),
/// or a [`Config`](crate::ErrorKind::Config) error saying what is wrong with the settings.
pub fn resolve(params: &EndpointParams) -> Result<String, Error> {
    resolve_with(engine()?, params)
}

/// The loaded rule set and partitions.
struct Engine {
    rules: RuleSet,
    partitions: Partitions,
}

impl Engine {
    fn load(rule_set: &str, partitions: &str) -> Result<Engine, String> {
        Ok(Engine {
            rules: RuleSet::from_json(rule_set)
                .map_err(|e| format!("endpoint-rule-set-1.json: {e}"))?,
            partitions: Partitions::from_json(partitions)
                .map_err(|e| format!("partitions.json: {e}"))?,
        })
    }
}

/// The embedded rule set and partitions, parsed on first use.
fn engine() -> Result<&'static Engine, Error> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| Engine::load(RULE_SET_JSON, PARTITIONS_JSON))
        .as_ref()
        .map_err(|e| Error::config(format!("the built-in endpoint rules cannot be used: {e}")))
}

fn resolve_with(engine: &Engine, params: &EndpointParams) -> Result<String, Error> {
    let (region, fips_region) = match params.region {
        Some(given) => {
            let (region, pseudo) = split_fips_pseudo_region(given);
            if !functions::is_valid_host_label(region, false) {
                return Err(Error::config(format!(
                    "invalid region {given:?}: a region is 1 to 63 ASCII letters, digits and \
                     hyphens, not beginning or ending with a hyphen (for example \"eu-west-1\")"
                )));
            }
            (Some(region), pseudo)
        }
        None => (None, false),
    };
    let endpoint = params.endpoint.map(check_override).transpose()?;
    if let Some(given) = params.endpoint {
        let shown = masked(given);
        if fips_region {
            let region = params.region.unwrap_or_default();
            return Err(Error::config(format!(
                "the region {region:?} selects a FIPS endpoint, which cannot be combined with \
                 the endpoint override {shown:?}: give the plain region or remove the override"
            )));
        }
        for (on, what) in [
            (params.use_fips, "FIPS"),
            (params.use_dualstack, "dual-stack"),
        ] {
            if on {
                return Err(Error::config(format!(
                    "{what} cannot be combined with the endpoint override {shown:?}, which is \
                     used as given: turn {what} off or remove the override"
                )));
            }
        }
    }
    if region.is_none() && endpoint.is_none() {
        return Err(Error::setting(
            "region",
            "no region configured: set a region (for example \"eu-west-1\", or AWS_REGION) \
             or an endpoint override",
        ));
    }
    let inputs = EndpointParams {
        region,
        use_fips: params.use_fips || fips_region,
        use_dualstack: params.use_dualstack,
        endpoint,
    };
    let describe = || match (inputs.endpoint, inputs.region) {
        (Some(_), _) => "the endpoint override".to_owned(),
        (None, region) => format!(
            "region {:?} with FIPS {} and dual-stack {}",
            region.unwrap_or_default(),
            if inputs.use_fips { "on" } else { "off" },
            if inputs.use_dualstack { "on" } else { "off" },
        ),
    };
    match eval::evaluate(&engine.rules, &engine.partitions, &inputs) {
        Ok(Outcome::Endpoint(url)) => Ok(url),
        Ok(Outcome::Error(message)) => Err(Error::config(format!(
            "no endpoint for {}: {message}",
            describe()
        ))),
        Err(e) => Err(Error::config(format!(
            "the endpoint rules failed for {}: {e}",
            describe()
        ))),
    }
}

/// Splits a FIPS pseudo-region (`fips-us-east-1`, `us-east-1-fips`) into the real region and
/// `true`; any other region comes back as it is, with `false`.
fn split_fips_pseudo_region(region: &str) -> (&str, bool) {
    let real = region.strip_prefix("fips-").unwrap_or(region);
    let real = real.strip_suffix("-fips").unwrap_or(real);
    (real, real.len() != region.len())
}

/// Checks an endpoint override; returns it less one trailing `/`.
fn check_override(given: &str) -> Result<&str, Error> {
    url::parse(given).map_err(|reason| {
        Error::config(format!(
            "invalid endpoint override {:?}: {reason}; expected an absolute http:// or https:// \
             URL with a host, such as \"https://cognito-idp.eu-west-1.amazonaws.com\"",
            masked(given)
        ))
    })?;
    Ok(given.strip_suffix('/').unwrap_or(given))
}

/// An override as it may appear in a message: any user info (`user:password@`) masked.
fn masked(endpoint: &str) -> Cow<'_, str> {
    let start = endpoint.find("://").map_or(0, |at| at + 3);
    let end = endpoint[start..]
        .find(['/', '?', '#'])
        .map_or(endpoint.len(), |at| start + at);
    match endpoint[start..end].rfind('@') {
        Some(at) => Cow::Owned(format!(
            "{}***{}",
            &endpoint[..start],
            &endpoint[start + at..]
        )),
        None => Cow::Borrowed(endpoint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use proptest::prelude::*;

    fn params<'a>(
        region: Option<&'a str>,
        use_fips: bool,
        use_dualstack: bool,
        endpoint: Option<&'a str>,
    ) -> EndpointParams<'a> {
        EndpointParams {
            region,
            use_fips,
            use_dualstack,
            endpoint,
        }
    }

    fn config_error(p: EndpointParams) -> String {
        let err = resolve(&p).expect_err("resolved");
        assert_eq!(err.kind(), ErrorKind::Config, "{err}");
        err.message().to_owned()
    }

    #[test]
    fn the_embedded_rules_load() {
        let engine = engine().expect("embedded rules");
        assert!(engine.rules.params.len() >= 4);
        assert_eq!(
            engine.partitions.lookup("eu-west-1")["dnsSuffix"],
            "amazonaws.com"
        );
    }

    #[test]
    fn regions_resolve_through_the_rule_set() {
        let url = |region, fips, dualstack| {
            resolve(&params(Some(region), fips, dualstack, None)).unwrap()
        };
        assert_eq!(
            url("eu-west-1", false, false),
            "https://cognito-idp.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            url("eu-west-1", true, true),
            "https://cognito-idp-fips.eu-west-1.api.aws"
        );
        assert_eq!(
            url("us-east-1", true, true),
            "https://cognito-idp-fips.us-east-1.amazonaws.com"
        );
        assert_eq!(
            url("cn-north-1", false, true),
            "https://cognito-idp.cn-north-1.api.amazonwebservices.com.cn"
        );
        assert_eq!(
            url("xx-moon-1", false, false),
            "https://cognito-idp.xx-moon-1.amazonaws.com"
        );
    }

    #[test]
    fn fips_pseudo_regions_mean_the_region_with_fips() {
        assert_eq!(
            split_fips_pseudo_region("fips-us-east-1"),
            ("us-east-1", true)
        );
        assert_eq!(
            split_fips_pseudo_region("us-east-1-fips"),
            ("us-east-1", true)
        );
        assert_eq!(
            split_fips_pseudo_region("fips-us-east-1-fips"),
            ("us-east-1", true)
        );
        assert_eq!(split_fips_pseudo_region("us-fips-1"), ("us-fips-1", false));
        assert_eq!(split_fips_pseudo_region("fips"), ("fips", false));
        assert_eq!(
            resolve(&params(Some("us-gov-west-1-fips"), false, false, None)).unwrap(),
            "https://cognito-idp-fips.us-gov-west-1.amazonaws.com"
        );
        let message = config_error(params(Some("fips-"), false, false, None));
        assert!(message.starts_with("invalid region \"fips-\""), "{message}");
    }

    #[test]
    fn a_region_that_is_not_a_host_label_is_named_in_the_error() {
        let message = config_error(params(Some("us-east-1.evil.com"), false, false, None));
        assert!(
            message.starts_with("invalid region \"us-east-1.evil.com\": a region is"),
            "{message}"
        );
        let message = config_error(params(
            Some("bad\nregion"),
            false,
            false,
            Some("https://example.com"),
        ));
        assert!(
            message.starts_with("invalid region \"bad\\nregion\""),
            "{message}"
        );
    }

    #[test]
    fn overrides_are_checked_and_trimmed() {
        let ok = |endpoint| resolve(&params(None, false, false, Some(endpoint))).unwrap();
        assert_eq!(ok("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
        assert_eq!(
            ok("https://example.com/base//"),
            "https://example.com/base/"
        );
        let message = config_error(params(Some("eu-west-1"), false, false, Some("example.com")));
        assert!(
            message.starts_with("invalid endpoint override \"example.com\": it has no http"),
            "{message}"
        );
        let message = config_error(params(
            None,
            false,
            false,
            Some("https://user:secret@example.com/x"),
        ));
        assert!(
            message.starts_with("invalid endpoint override \"https://***@example.com/x\""),
            "{message}"
        );
        assert!(!message.contains("secret"), "{message}");
    }

    #[test]
    fn fips_or_dualstack_with_an_override_is_refused() {
        let e = Some("https://example.com");
        let message = config_error(params(Some("us-east-1"), true, false, e));
        assert!(
            message.starts_with(
                "FIPS cannot be combined with the endpoint override \"https://example.com\""
            ),
            "{message}"
        );
        let message = config_error(params(None, false, true, e));
        assert!(
            message.starts_with("dual-stack cannot be combined"),
            "{message}"
        );
        let message = config_error(params(Some("us-east-1-fips"), false, false, e));
        assert!(
            message.starts_with("the region \"us-east-1-fips\" selects a FIPS endpoint"),
            "{message}"
        );
    }

    #[test]
    fn no_region_and_no_override_is_refused() {
        let message = config_error(EndpointParams::default());
        assert!(message.starts_with("no region configured"), "{message}");
        let error = resolve(&EndpointParams::default()).unwrap_err();
        assert_eq!(
            error.field(),
            Some("region"),
            "wrappers raise NoRegionError from it"
        );
    }

    const NO_FIPS_PARTITIONS: &str = r#"{"partitions":[{"id":"aws","regionRegex":"^.*$","regions":{},
        "outputs":{"name":"aws","dnsSuffix":"example","dualStackDnsSuffix":"example",
                   "supportsFIPS":false,"supportsDualStack":false}}]}"#;

    #[test]
    fn rule_set_errors_become_config_errors() {
        let engine = Engine::load(RULE_SET_JSON, NO_FIPS_PARTITIONS).unwrap();
        let err = resolve_with(&engine, &params(Some("eu-west-1"), true, false, None)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert_eq!(
            err.message(),
            "no endpoint for region \"eu-west-1\" with FIPS on and dual-stack off: \
             FIPS is enabled but this partition does not support FIPS"
        );
        let err = resolve_with(&engine, &params(Some("eu-west-1"), false, true, None)).unwrap_err();
        assert!(
            err.message()
                .ends_with("DualStack is enabled but this partition does not support DualStack")
        );
    }

    #[test]
    fn evaluation_failures_become_config_errors() {
        let rules = r#"{"parameters":{"Region":{"builtIn":"AWS::Region","type":"string"}},
            "rules":[{"conditions":[],"type":"endpoint","endpoint":{"url":"https://{Nope}"}}]}"#;
        let engine = Engine::load(rules, NO_FIPS_PARTITIONS).unwrap();
        let err =
            resolve_with(&engine, &params(Some("eu-west-1"), false, false, None)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert_eq!(
            err.message(),
            "the endpoint rules failed for region \"eu-west-1\" with FIPS off and dual-stack off: \
             the template variable Nope is not set"
        );
        let err = Engine::load("{", NO_FIPS_PARTITIONS).err().unwrap();
        assert!(
            err.starts_with("endpoint-rule-set-1.json: not JSON"),
            "{err}"
        );
    }

    proptest! {
        #[test]
        fn resolve_never_panics(
            region in proptest::option::of(any::<String>()),
            endpoint in proptest::option::of(any::<String>()),
            use_fips in any::<bool>(),
            use_dualstack in any::<bool>(),
        ) {
            let p = params(region.as_deref(), use_fips, use_dualstack, endpoint.as_deref());
            match (resolve(&p), endpoint.as_deref()) {
                (Ok(url), Some(given)) => prop_assert!(given.starts_with(&url)),
                (Ok(url), None) => prop_assert!(url.starts_with("https://cognito-idp")),
                (Err(err), _) => prop_assert_eq!(err.kind(), ErrorKind::Config),
            }
        }

        #[test]
        fn url_like_overrides_never_panic(
            endpoint in "(https?|HTTP|ftp)?(://)?[a-z0-9.@:\\[\\]%/?#-]{0,30}",
            region in proptest::option::of("[a-z0-9-]{0,12}"),
        ) {
            let p = params(region.as_deref(), false, false, Some(&endpoint));
            if let Ok(url) = resolve(&p) {
                prop_assert!(endpoint.starts_with(&url));
            }
        }

        #[test]
        fn every_host_label_region_resolves_inside_its_host(region in "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?") {
            let (real, _) = split_fips_pseudo_region(&region);
            prop_assume!(functions::is_valid_host_label(real, false));
            let url = resolve(&params(Some(&region), false, false, None)).unwrap();
            let prefix = format!("https://cognito-idp{}.{real}.", if real == region { "" } else { "-fips" });
            prop_assert!(url.starts_with(&prefix), "{} for {}", url, region);
        }
    }
}
