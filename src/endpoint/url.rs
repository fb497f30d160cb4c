//! A strict parser for endpoint URLs: `http(s)://host[:port][/path]`, nothing else.
//!
//! Used for the rules engine's `parseURL` and to check an endpoint override before anything
//! is sent to it. User info, queries and fragments are refused: an endpoint has no use for
//! them, and user info would put a secret in the URL.

use serde_json::{Value, json};
use std::net::{Ipv4Addr, Ipv6Addr};

/// The parts of an endpoint URL, borrowed from the text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Url<'a> {
    /// `http` or `https`, as written (case is not significant).
    pub(super) scheme: &'a str,
    /// `host[:port]`.
    pub(super) authority: &'a str,
    /// The host: a name, an IPv4 address, or an IPv6 address in brackets.
    pub(super) host: &'a str,
    /// Everything from the first `/` after the authority (may be empty).
    pub(super) path: &'a str,
}

/// Parses an endpoint URL, or says in a few words what is wrong with it.
pub(super) fn parse(text: &str) -> Result<Url<'_>, &'static str> {
    let (scheme, rest) = text
        .split_once("://")
        .ok_or("it has no http:// or https:// scheme")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err("only http:// and https:// URLs are supported");
    }
    if rest.contains('?') {
        return Err("it has a query string");
    }
    if rest.contains('#') {
        return Err("it has a fragment");
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
    if authority.contains('@') {
        return Err("it has user info before the host");
    }
    let host = host_of(authority)?;
    if !valid_path(path) {
        return Err("its path has characters that are not allowed in a URL");
    }
    Ok(Url {
        scheme,
        authority,
        host,
        path,
    })
}

fn host_of(authority: &str) -> Result<&str, &'static str> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority
            .find(']')
            .ok_or("its IPv6 address has no closing ']'")?;
        if authority[1..end].parse::<Ipv6Addr>().is_err() {
            return Err("its IPv6 address is not valid");
        }
        let after = &authority[end + 1..];
        let port = match after.strip_prefix(':') {
            Some(port) => Some(port),
            None if after.is_empty() => None,
            None => return Err("its host has characters that are not allowed in a host name"),
        };
        (&authority[..=end], port)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if host.is_empty() {
            return Err("it has no host");
        }
        if !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
        {
            return Err("its host has characters that are not allowed in a host name");
        }
        (host, port)
    };
    if let Some(port) = port {
        let digits_ok =
            !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        if !digits_ok || !(1..=65535).contains(&port.parse::<u32>().unwrap_or(0)) {
            return Err("its port is not a number from 1 to 65535");
        }
    }
    Ok(host)
}

/// RFC 3986 path characters: unreserved, sub-delims, `:`, `@`, `/`, and `%XX` escapes.
fn valid_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !hex(i + 1) || !hex(i + 2) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

impl Url<'_> {
    /// Whether the host is an IP address rather than a name.
    pub(super) fn is_ip(&self) -> bool {
        self.host.parse::<Ipv4Addr>().is_ok() || self.host.starts_with('[')
    }

    /// The path with a leading and a trailing `/` (`""` becomes `"/"`).
    pub(super) fn normalized_path(&self) -> String {
        let mut path = String::with_capacity(self.path.len() + 2);
        if !self.path.starts_with('/') {
            path.push('/');
        }
        path.push_str(self.path);
        if !path.ends_with('/') {
            path.push('/');
        }
        path
    }

    /// The record `parseURL` returns: scheme, authority, path, normalizedPath, isIp.
    pub(super) fn to_value(&self) -> Value {
        json!({
            "scheme": self.scheme.to_ascii_lowercase(),
            "authority": self.authority,
            "path": self.path,
            "normalizedPath": self.normalized_path(),
            "isIp": self.is_ip(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_urls_split_into_parts() {
        let url = parse("https://example.com:8443/prefix/path").unwrap();
        assert_eq!(
            url,
            Url {
                scheme: "https",
                authority: "example.com:8443",
                host: "example.com",
                path: "/prefix/path"
            }
        );
        assert_eq!(url.normalized_path(), "/prefix/path/");
        assert!(!url.is_ip());
        let url = parse("http://127.0.0.1:8080").unwrap();
        assert_eq!((url.host, url.path), ("127.0.0.1", ""));
        assert!(url.is_ip());
        assert_eq!(url.normalized_path(), "/");
        let url = parse("HTTPS://[::1]:9000/").unwrap();
        assert_eq!((url.scheme, url.host, url.path), ("HTTPS", "[::1]", "/"));
        assert!(url.is_ip());
        assert_eq!(url.normalized_path(), "/");
    }

    #[test]
    fn parse_url_record_matches_the_rules_engine() {
        let value = parse("HTTP://10.0.0.1/a/b").unwrap().to_value();
        assert_eq!(
            value,
            json!({"scheme": "http", "authority": "10.0.0.1", "path": "/a/b",
                   "normalizedPath": "/a/b/", "isIp": true})
        );
    }

    #[test]
    fn everything_but_an_endpoint_is_refused_with_a_reason() {
        let cases = [
            ("example.com", "no http:// or https:// scheme"),
            ("", "no http:// or https:// scheme"),
            ("ftp://example.com", "only http:// and https://"),
            ("https://", "no host"),
            ("https:///path", "no host"),
            ("https://:443", "no host"),
            ("https://example.com?x=1", "query string"),
            ("https://example.com/#top", "fragment"),
            ("https://user:secret@example.com", "user info"),
            ("https://exa mple.com", "not allowed in a host name"),
            ("https://exämple.com", "not allowed in a host name"),
            ("https://example.com:", "port"),
            ("https://example.com:0", "port"),
            ("https://example.com:65536", "port"),
            ("https://example.com:8a", "port"),
            ("https://example.com:+80", "port"),
            ("https://[::1", "closing ']'"),
            ("https://[nope]", "IPv6 address is not valid"),
            ("https://[::1]x", "not allowed in a host name"),
            ("https://example.com/a b", "path"),
            ("https://example.com/%zz", "path"),
            ("https://example.com/%4", "path"),
            ("https://example.com/\n", "path"),
        ];
        for (text, reason) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.contains(reason), "{text:?}: {err}");
        }
    }

    #[test]
    fn escapes_and_sub_delims_are_path_characters() {
        assert_eq!(
            parse("https://h/a%2Fb;v=1/~x@y:z").unwrap().path,
            "/a%2Fb;v=1/~x@y:z"
        );
    }
}
