//! HTTP/1.1 framing: read one request from a connection, serialize one response.
//!
//! Written by hand because the faults need byte-level control of what is sent and when the
//! connection closes. Bodies must be framed by `Content-Length`; chunked request bodies are
//! refused with 411 (the emulator cannot find their end otherwise, and no AWS SDK sends them for
//! this operation).

use std::io::{self, BufRead, Read, Write};

/// The longest request head (request line and headers) accepted.
pub(crate) const MAX_HEAD: usize = 64 * 1024;
/// The largest request body accepted.
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// One request as received.
#[derive(Debug)]
pub(crate) struct Request {
    /// The method, as sent.
    pub(crate) method: String,
    /// The request target as sent, query included.
    pub(crate) target: String,
    /// Whether the request line said `HTTP/1.0` (otherwise `HTTP/1.1`).
    pub(crate) http10: bool,
    /// Header fields in the order received, names as sent.
    pub(crate) headers: Vec<(String, String)>,
    /// The body, as long as its Content-Length said.
    pub(crate) body: Vec<u8>,
}

impl Request {
    /// The first value of a header, by case-insensitive name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The target's path, without the query.
    pub(crate) fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// Whether the client lets the connection stay open after the response.
    pub(crate) fn keep_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or_default();
        let says = |word: &str| {
            connection
                .split(',')
                .any(|token| token.trim().eq_ignore_ascii_case(word))
        };
        if self.http10 {
            says("keep-alive")
        } else {
            !says("close")
        }
    }
}

/// Why no request came out of the connection.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The peer closed the connection or the socket failed: nothing to answer.
    Gone,
    /// The bytes are not a request the emulator accepts: answer this, then close.
    Refuse(Response),
}

impl From<io::Error> for ReadError {
    /// A read that timed out (the request deadline passed mid-request) is answered 408; any
    /// other failure means the peer is gone.
    fn from(error: io::Error) -> Self {
        match error.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => refuse(
                408,
                "the rest of the request did not arrive within the request timeout",
            ),
            _ => Self::Gone,
        }
    }
}

/// Reads one request. Sends `100 Continue` on `interim` when the client expects it.
pub(crate) fn read_request(
    reader: &mut impl BufRead,
    interim: &mut impl Write,
) -> Result<Request, ReadError> {
    let mut budget = MAX_HEAD;
    let mut line = read_line(reader, &mut budget)?;
    while line.is_empty() {
        // RFC 9112 §2.2: ignore empty lines before the request line.
        line = read_line(reader, &mut budget)?;
    }
    let (method, target, http10) = parse_request_line(&line)?;
    let headers = read_headers(reader, &mut budget)?;
    let length = body_length(&method, &headers)?;
    let expects_continue = find_header(&headers, "expect")
        .is_some_and(|value| value.eq_ignore_ascii_case("100-continue"));
    if expects_continue && !http10 && length > 0 {
        interim.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        interim.flush()?;
    }
    // The buffer grows with what arrives: a Content-Length alone allocates nothing.
    let mut body = Vec::new();
    reader
        .take(u64::try_from(length).unwrap_or(u64::MAX))
        .read_to_end(&mut body)?;
    if body.len() < length {
        return Err(ReadError::Gone);
    }
    Ok(Request {
        method,
        target,
        http10,
        headers,
        body,
    })
}

/// Reads the header lines up to the empty line that ends the head.
fn read_headers(
    reader: &mut impl BufRead,
    budget: &mut usize,
) -> Result<Vec<(String, String)>, ReadError> {
    let mut headers = Vec::new();
    loop {
        let line = read_line(reader, budget)?;
        if line.is_empty() {
            return Ok(headers);
        }
        headers.push(parse_header(&line)?);
    }
}

/// How long the body is: its Content-Length (none: 0, except that a POST needs one), within
/// [`MAX_BODY`]; a chunked body is refused.
fn body_length(method: &str, headers: &[(String, String)]) -> Result<usize, ReadError> {
    if find_header(headers, "transfer-encoding").is_some() {
        return Err(refuse(
            411,
            "Transfer-Encoding is not supported: send the body with a Content-Length",
        ));
    }
    let length = match content_length(headers)? {
        Some(length) => length,
        None if method == "POST" => {
            return Err(refuse(411, "a POST request needs a Content-Length header"));
        }
        None => 0,
    };
    if length > MAX_BODY {
        return Err(refuse(
            413,
            &format!("the body is larger than {MAX_BODY} bytes"),
        ));
    }
    Ok(length)
}

/// Reads one line (without its CRLF or LF) within the head's byte budget.
fn read_line(reader: &mut impl BufRead, budget: &mut usize) -> Result<Vec<u8>, ReadError> {
    let mut line = Vec::new();
    let limit = u64::try_from(*budget).unwrap_or(u64::MAX);
    *budget -= reader.take(limit).read_until(b'\n', &mut line)?;
    if line.last() != Some(&b'\n') {
        // Either the budget ran out inside a line, or the peer closed before the line ended.
        return Err(if *budget == 0 {
            refuse(
                431,
                &format!("the request head is larger than {MAX_HEAD} bytes"),
            )
        } else {
            ReadError::Gone
        });
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(line)
}

/// `METHOD SP request-target SP HTTP/1.x`.
fn parse_request_line(line: &[u8]) -> Result<(String, String, bool), ReadError> {
    let text =
        std::str::from_utf8(line).map_err(|_| refuse(400, "the request line is not ASCII"))?;
    let mut parts = text.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(refuse(400, "malformed request line"));
    };
    if method.is_empty() || !method.bytes().all(is_token_byte) || target.is_empty() {
        return Err(refuse(400, "malformed request line"));
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return Err(refuse(505, "only HTTP/1.1 and HTTP/1.0 are served")),
    };
    Ok((method.to_owned(), target.to_owned(), http10))
}

/// `name: value`, the value without surrounding blanks.
fn parse_header(line: &[u8]) -> Result<(String, String), ReadError> {
    if line.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
        return Err(refuse(400, "obsolete header line folding is not accepted"));
    }
    let colon = line
        .iter()
        .position(|b| *b == b':')
        .ok_or_else(|| refuse(400, "a header line has no colon"))?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    if name.is_empty() || !name.iter().copied().all(is_token_byte) {
        return Err(refuse(400, "malformed header name"));
    }
    let value = String::from_utf8_lossy(value);
    Ok((
        String::from_utf8_lossy(name).into_owned(),
        value.trim_matches([' ', '\t']).to_owned(),
    ))
}

/// The body length; several Content-Length fields must agree.
fn content_length(headers: &[(String, String)]) -> Result<Option<usize>, ReadError> {
    let mut length = None;
    for (_, value) in headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("content-length"))
    {
        let parsed = (!value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()))
            .then(|| value.parse::<usize>().ok())
            .flatten();
        match (parsed, length) {
            (None, _) => return Err(refuse(400, "Content-Length is not a number")),
            (Some(new), Some(old)) if new != old => {
                return Err(refuse(400, "conflicting Content-Length headers"));
            }
            (Some(new), _) => length = Some(new),
        }
    }
    Ok(length)
}

/// RFC 9110 token characters.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn refuse(status: u16, message: &str) -> ReadError {
    ReadError::Refuse(Response::new(
        status,
        "text/plain; charset=utf-8",
        format!("{message}\n").into_bytes(),
    ))
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// One response: status, headers (Content-Length and Connection are added when serialized), body.
#[derive(Clone, Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// A response with a Content-Type header.
    pub(crate) fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body,
        }
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// The first value of a header, by case-insensitive name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Status line and headers with `Content-Length`, and `Connection: close` when `close`.
    pub(crate) fn head(&self, close: bool) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        if close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        head.into_bytes()
    }
}

/// The reason phrase for a status.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        411 => "Length Required",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        401..=499 => "Client Error",
        _ => "Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Cursor};

    fn read(bytes: &[u8]) -> (Result<Request, ReadError>, Vec<u8>) {
        let mut interim = Vec::new();
        let result = read_request(
            &mut BufReader::new(Cursor::new(bytes.to_vec())),
            &mut interim,
        );
        (result, interim)
    }

    fn refused_status(bytes: &[u8]) -> u16 {
        match read(bytes).0 {
            Err(ReadError::Refuse(response)) => response.status,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn reads_a_request_with_headers_in_order_and_an_exact_body() {
        let (request, interim) = read(
            b"\r\nPOST /?a=1 HTTP/1.1\r\nHost: x\r\nX-B:  two \r\ncontent-length: 2\r\n\r\n{}extra",
        );
        let request = request.unwrap();
        assert_eq!(
            (
                request.method.as_str(),
                request.target.as_str(),
                request.path()
            ),
            ("POST", "/?a=1", "/")
        );
        assert_eq!(
            request.headers,
            [
                ("Host".into(), "x".into()),
                ("X-B".into(), "two".into()),
                ("content-length".into(), "2".into())
            ]
        );
        assert_eq!(request.body, b"{}");
        assert!(request.keep_alive() && !request.http10 && interim.is_empty());
    }

    #[test]
    fn bare_lf_line_ends_are_accepted() {
        let request = read(b"GET /x HTTP/1.0\nConnection: keep-alive\n\n")
            .0
            .unwrap();
        assert!(request.http10 && request.keep_alive() && request.body.is_empty());
    }

    #[test]
    fn connection_close_and_http10_end_keep_alive() {
        assert!(
            !read(b"GET / HTTP/1.1\r\nConnection: foo, Close\r\n\r\n")
                .0
                .unwrap()
                .keep_alive()
        );
        assert!(!read(b"GET / HTTP/1.0\r\n\r\n").0.unwrap().keep_alive());
    }

    #[test]
    fn expect_continue_gets_an_interim_response() {
        let (request, interim) =
            read(b"POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx");
        assert_eq!(request.unwrap().body, b"x");
        assert_eq!(interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    }

    #[test]
    fn framing_problems_are_refused_with_their_status() {
        assert_eq!(
            refused_status(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            411
        );
        assert_eq!(refused_status(b"POST / HTTP/1.1\r\n\r\n"), 411);
        assert_eq!(
            refused_status(b"POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n"),
            400
        );
        assert_eq!(
            refused_status(b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"),
            400
        );
        assert_eq!(
            refused_status(
                format!(
                    "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
                    MAX_BODY + 1
                )
                .as_bytes()
            ),
            413
        );
        assert_eq!(refused_status(b"POST / HTTP/2.0\r\n\r\n"), 505);
        assert_eq!(refused_status(b"POST  / HTTP/1.1\r\n\r\n"), 400);
        assert_eq!(
            refused_status(b"GET / HTTP/1.1\r\nNo colon here\r\n\r\n"),
            400
        );
        assert_eq!(
            refused_status(b"GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n"),
            400
        );
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(refused_status(huge.as_bytes()), 431);
    }

    #[test]
    fn a_connection_closed_early_is_gone() {
        assert!(matches!(read(b"").0, Err(ReadError::Gone)));
        assert!(matches!(
            read(b"POST / HTTP/1.1\r\nContent-Le").0,
            Err(ReadError::Gone)
        ));
        assert!(matches!(
            read(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n{}").0,
            Err(ReadError::Gone)
        ));
    }

    #[test]
    fn response_head_has_length_and_optional_close() {
        let response =
            Response::new(503, "text/html", b"<html></html>".to_vec()).with_header("X-A", "1");
        assert_eq!(
            String::from_utf8(response.head(true)).unwrap(),
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nX-A: 1\r\nContent-Length: 13\r\nConnection: close\r\n\r\n"
        );
        assert!(
            !String::from_utf8(response.head(false))
                .unwrap()
                .contains("Connection")
        );
        assert_eq!(reason(599), "Server Error");
    }
}
