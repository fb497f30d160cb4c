//! Which proxy, if any, a client uses: curl's documented rules for the proxy variables.
//!
//! - An `https://` endpoint uses `https_proxy` / `HTTPS_PROXY`, else `all_proxy` /
//!   `ALL_PROXY`; a plain `http://` endpoint uses `http_proxy` (lowercase only: a CGI
//!   program gets an attacker's `Proxy:` header as `HTTP_PROXY`, "httpoxy"), else
//!   `all_proxy` / `ALL_PROXY`. The lowercase name wins when both are set.
//! - `no_proxy` / `NO_PROXY` is a comma-separated list, each entry trimmed: `*` matches every
//!   host; a domain (with or without a leading dot) matches itself and its subdomains; an IP
//!   address matches itself, and `address/bits` a network.
//! - A proxy URL without a scheme is `http://`. HTTP and HTTPS proxies are supported; a SOCKS
//!   one is a config error naming the variable (this build cannot speak SOCKS, and
//!   connecting directly instead would bypass what the user set up).
//! - A loopback endpoint (a local emulator) never uses a proxy.

use std::net::IpAddr;

use ureq::http::Uri;
use ureq::{Proxy, ProxyProtocol};

use crate::config::ProxyVariables;
use crate::error::Error;

/// The proxy for `endpoint`, from `variables`; a config error, naming the variable, for one
/// that cannot be used.
pub(super) fn proxy_for(
    endpoint: &Uri,
    variables: &ProxyVariables,
) -> Result<Option<Proxy>, Error> {
    let host = endpoint.host().unwrap_or_default();
    if super::host::is_loopback(host) {
        return Ok(None);
    }
    let candidates: &[&str] = if endpoint.scheme_str() == Some("https") {
        &["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
    } else {
        &["http_proxy", "all_proxy", "ALL_PROXY"]
    };
    let Some((name, value)) = candidates
        .iter()
        .find_map(|&name| Some((name, variables.get(name)?)))
    else {
        return Ok(None);
    };
    let no_proxy = variables
        .get("no_proxy")
        .or_else(|| variables.get("NO_PROXY"));
    if no_proxy.is_some_and(|list| bypasses(list, host)) {
        return Ok(None);
    }
    let value = value.trim();
    let (scheme, url) = match value.split_once("://") {
        Some((scheme, _)) => (scheme.to_ascii_lowercase(), value.to_owned()),
        None => ("http".to_owned(), format!("http://{value}")),
    };
    match scheme.as_str() {
        "http" | "https" => Proxy::new(&url).map(Some).map_err(|e| {
            Error::config(format!("the proxy in {name} is not a valid proxy URL: {e}"))
        }),
        "socks4" | "socks4a" | "socks5" | "socks5h" => Err(Error::config(format!(
            "{name} names a SOCKS proxy ({scheme}://), which this library does not support: \
             use an HTTP(S) proxy, or list the endpoint's host in NO_PROXY"
        ))),
        _ => Err(Error::config(format!(
            "{name} names a proxy of the unsupported scheme {scheme:?}: only http:// and \
             https:// proxies are supported"
        ))),
    }
}

/// The proxy the settings name, for every endpoint; a config error when it is not an HTTP(S)
/// proxy URL.
pub(super) fn explicit(url: &str) -> Result<Proxy, Error> {
    let proxy = Proxy::new(url)
        .map_err(|e| Error::config(format!("proxy {url:?} is not a usable proxy URL: {e}")))?;
    if !matches!(proxy.protocol(), ProxyProtocol::Http | ProxyProtocol::Https) {
        return Err(Error::config(format!(
            "proxy {url:?} is not an HTTP proxy: only http:// and https:// proxies are supported"
        )));
    }
    Ok(proxy)
}

/// Whether the `NO_PROXY` list `list` says `host` (a URL's host) is reached directly.
fn bypasses(list: &str, host: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let ip = host.parse::<IpAddr>().ok();
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .any(|entry| {
            if entry == "*" {
                return true;
            }
            match ip {
                Some(ip) => ip_matches(entry, ip),
                None => {
                    let domain = entry.trim_start_matches('.').trim_end_matches('.');
                    let domain = domain.to_ascii_lowercase();
                    !domain.is_empty()
                        && (host == domain
                            || host
                                .strip_suffix(&domain)
                                .is_some_and(|sub| sub.ends_with('.')))
                }
            }
        })
}

/// Whether the `NO_PROXY` entry `entry` (an address, or `address/bits`) covers `ip`.
fn ip_matches(entry: &str, ip: IpAddr) -> bool {
    let (address, bits) = match entry.split_once('/') {
        Some((address, bits)) => match bits.parse::<u32>() {
            Ok(bits) => (address, Some(bits)),
            Err(_) => return false,
        },
        None => (entry, None),
    };
    let address = address.trim_start_matches('[').trim_end_matches(']');
    match (address.parse::<IpAddr>(), ip) {
        (Ok(IpAddr::V4(net)), IpAddr::V4(ip)) => {
            prefix_matches(u32::from(net).into(), u32::from(ip).into(), 32, bits)
        }
        (Ok(IpAddr::V6(net)), IpAddr::V6(ip)) => {
            prefix_matches(u128::from(net), u128::from(ip), 128, bits)
        }
        _ => false,
    }
}

/// Whether the first `bits` (all `width` when `None`) of `net` and `ip` agree.
fn prefix_matches(net: u128, ip: u128, width: u32, bits: Option<u32>) -> bool {
    let bits = bits.unwrap_or(width);
    if bits > width {
        return false;
    }
    let shift = width - bits;
    shift >= 128 || (net >> shift) == (ip >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_entries_are_trimmed_and_a_domain_covers_its_subdomains() {
        let list = "localhost, .amazonaws.com ,example.org,,";
        assert!(bypasses(list, "cognito-idp.us-east-1.amazonaws.com"));
        assert!(bypasses(list, "amazonaws.com"));
        assert!(bypasses(list, "example.org"));
        assert!(bypasses(list, "api.example.org"));
        assert!(bypasses(list, "API.Example.ORG."));
        assert!(
            !bypasses(list, "notexample.org"),
            "a suffix is not a subdomain"
        );
        assert!(!bypasses(list, "example.com"));
        assert!(bypasses("*", "anything.example"));
        assert!(bypasses(" * ", "anything.example"));
        assert!(
            !bypasses("*.example.org", "api.example.org"),
            "curl has no wildcards"
        );
        assert!(!bypasses("", "example.org"));
    }

    #[test]
    fn no_proxy_ip_entries_match_addresses_and_networks() {
        let list = "10.0.0.0/8, 192.168.1.7, ::1, [fd00::]/8";
        assert!(bypasses(list, "10.1.2.3"));
        assert!(bypasses(list, "192.168.1.7"));
        assert!(!bypasses(list, "192.168.1.8"));
        assert!(bypasses(list, "[::1]"));
        assert!(bypasses(list, "[fd12::5]"));
        assert!(!bypasses(list, "11.0.0.1"));
        assert!(!bypasses("10.0.0.0/33", "10.0.0.1"), "no such prefix");
        assert!(bypasses("0.0.0.0/0", "8.8.8.8"));
        assert!(
            !bypasses("10.0.0.1", "10.example"),
            "an address entry is no domain"
        );
    }
}
