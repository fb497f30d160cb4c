//! The inputs of endpoint resolution.

/// Inputs of the endpoint rule set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EndpointParams<'a> {
    /// The AWS region, e.g. `"eu-west-1"` (may be a FIPS pseudo-region such as
    /// `"us-east-1-fips"`); `None` when not configured.
    pub region: Option<&'a str>,
    /// Use the FIPS endpoint.
    pub use_fips: bool,
    /// Use the dual-stack (IPv4 and IPv6) endpoint.
    pub use_dualstack: bool,
    /// An endpoint override such as `"http://127.0.0.1:8080"`; `None` to resolve from the region.
    pub endpoint: Option<&'a str>,
}
