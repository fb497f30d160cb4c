//! One HTTP response as the transport reads it, and what every layer above reads of it: the
//! status, header text, the request id, the body's length. The transport builds
//! [`HttpResponse`]s; the protocol and the client only read them.

use std::borrow::Cow;
use std::io::{self, Read};

use ureq::http::HeaderMap;

/// The most bytes of a response body that are kept; a longer body is cut there and marked
/// [truncated](HttpResponse::body_truncated).
pub(crate) const MAX_RESPONSE_BODY: usize = 64 * 1024;

/// One HTTP response: its status, headers and at most [`MAX_RESPONSE_BODY`] bytes of body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HttpResponse {
    status: u16,
    /// The headers as received, moved out of the HTTP library's response (not copied).
    headers: HeaderMap,
    body: Vec<u8>,
    body_truncated: bool,
}

impl HttpResponse {
    /// A response whose body was read as `body` (see [`read_body`]): kept whole when it holds
    /// at most [`MAX_RESPONSE_BODY`] bytes, else cut to that and marked truncated.
    pub(crate) fn new(status: u16, headers: HeaderMap, mut body: Vec<u8>) -> HttpResponse {
        let body_truncated = body.len() > MAX_RESPONSE_BODY;
        body.truncate(MAX_RESPONSE_BODY);
        HttpResponse {
            status,
            headers,
            body,
            body_truncated,
        }
    }

    /// The status code.
    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    /// The body, at most [`MAX_RESPONSE_BODY`] bytes of it.
    pub(crate) fn body(&self) -> &[u8] {
        &self.body
    }

    /// True when the body was longer than [`MAX_RESPONSE_BODY`] and the rest was not kept.
    pub(crate) fn body_truncated(&self) -> bool {
        self.body_truncated
    }

    /// The first value of the header `name` (lowercase), when it is text (visible ASCII).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The length of the body as received: the `Content-Length` header's value when the
    /// response has one that is a number, else the bytes read (a chunked body).
    pub(crate) fn content_length(&self) -> u64 {
        self.header("content-length")
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(self.body.len() as u64)
    }

    /// The request id: `x-amzn-RequestId`, else `x-amz-request-id` (as aws-sdk-rust reads it).
    pub(crate) fn request_id(&self) -> Option<String> {
        request_id(&self.headers)
    }

    /// The headers, the rest of the response dropped.
    pub(crate) fn into_headers(self) -> HeaderMap {
        self.headers
    }
}

/// Reads a response body from `reader`: all of it, or [`MAX_RESPONSE_BODY`] bytes and one more
/// (which [`HttpResponse::new`] takes as "longer than the cap") without reading the rest.
pub(crate) fn read_body(reader: impl Read) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    reader
        .take(MAX_RESPONSE_BODY as u64 + 1)
        .read_to_end(&mut body)?;
    Ok(body)
}

/// The first value of the header `name` (lowercase) in `headers`, when it is text (visible
/// ASCII).
pub(crate) fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    debug_assert_eq!(
        name,
        name.to_ascii_lowercase(),
        "header names are lowercase"
    );
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The request id in `headers`: `x-amzn-RequestId`, else `x-amz-request-id`.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    header(headers, "x-amzn-requestid")
        .or_else(|| header(headers, "x-amz-request-id"))
        .map(str::to_owned)
}

/// Every header of `headers` as (lowercase name, value), in the order received; a value that
/// is not UTF-8 text has its bad bytes replaced by U+FFFD.
pub(crate) fn header_pairs(headers: &HeaderMap) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str(), String::from_utf8_lossy(value.as_bytes())))
}

/// A header map from (name, value) pairs, names in any case, in order; pairs HTTP cannot carry
/// (which no transport could hand over) are left out.
#[cfg(test)]
pub(crate) fn header_map<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        if let (Ok(name), Ok(value)) = (
            ureq::http::HeaderName::from_bytes(name.as_bytes()),
            ureq::http::HeaderValue::from_str(value),
        ) {
            map.append(name, value);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)], body: &str) -> HttpResponse {
        HttpResponse::new(200, header_map(headers.iter().copied()), body.into())
    }

    #[test]
    fn the_body_is_kept_up_to_the_cap_and_marked_when_cut() {
        assert_eq!(MAX_RESPONSE_BODY, 65536);
        let exactly = HttpResponse::new(200, HeaderMap::new(), vec![b' '; MAX_RESPONSE_BODY]);
        assert_eq!(
            (exactly.body().len(), exactly.body_truncated()),
            (MAX_RESPONSE_BODY, false)
        );
        let longer = HttpResponse::new(200, HeaderMap::new(), vec![b' '; MAX_RESPONSE_BODY + 1]);
        assert_eq!(
            (longer.body().len(), longer.body_truncated()),
            (MAX_RESPONSE_BODY, true)
        );
    }

    #[test]
    fn read_body_stops_one_byte_past_the_cap() {
        let huge = vec![b'x'; 3 * MAX_RESPONSE_BODY];
        assert_eq!(read_body(&huge[..]).unwrap().len(), MAX_RESPONSE_BODY + 1);
        assert_eq!(read_body(&b"{}"[..]).unwrap(), b"{}");
    }

    #[test]
    fn header_lookup_is_case_insensitive_and_takes_the_first() {
        let r = response(
            &[("X-Amzn-RequestId", "one"), ("x-amzn-requestid", "two")],
            "",
        );
        assert_eq!(r.header("x-amzn-requestid"), Some("one"));
        assert_eq!(r.header("x-amzn-errortype"), None);
        assert_eq!(r.request_id(), Some("one".to_owned()));
        let r = response(&[("x-amz-request-id", "rid-2")], "");
        assert_eq!(r.request_id(), Some("rid-2".to_owned()));
        assert_eq!(response(&[], "").request_id(), None);
    }

    #[test]
    fn content_length_is_the_header_else_the_bytes_read() {
        let r = response(&[("Content-Length", "2")], "{}");
        assert_eq!(r.content_length(), 2);
        // The header wins over the bytes read.
        let r = response(&[("content-length", " 70000 ")], "{}");
        assert_eq!(r.content_length(), 70000);
        // No header (a chunked body), or one that is not a number: the bytes read.
        let r = response(&[("Transfer-Encoding", "chunked")], r#"{"a":1}"#);
        assert_eq!(r.content_length(), 7);
        let r = response(&[("Content-Length", "two")], "{}");
        assert_eq!(r.content_length(), 2);
        let r = response(&[], "");
        assert_eq!(r.content_length(), 0);
    }
}
