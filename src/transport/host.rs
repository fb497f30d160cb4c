//! What a URL's host names: this machine, or an IP address.

use std::net::IpAddr;

/// Whether a URL's host is this machine: `localhost` or a loopback address.
pub(super) fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || ip_literal(host).is_some_and(|ip| ip.is_loopback())
}

/// The address a URL's host spells out, if it is one (an IPv6 address in brackets or not).
pub(super) fn ip_literal(host: &str) -> Option<IpAddr> {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}
