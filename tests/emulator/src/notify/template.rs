//! Fills a notification template's placeholders (`{username}`, `{feedback-token}`, …), each value
//! written as the spot it lands in needs:
//!
//! - inside a URL: percent-encoded (RFC 3986: everything but `A-Z a-z 0-9 - . _ ~` becomes `%XX`
//!   of its UTF-8 bytes), so a username such as `Zoë` or a token ending in `=` survives the trip
//!   through the user's browser into the application's query string;
//! - elsewhere in an HTML body: HTML-escaped (`& < > " '`);
//! - elsewhere in a plain-text body or subject: as it is.
//!
//! A URL starts at `http://`, `https://` or a placeholder that is itself a URL (the application's
//! base URL, a one-click link), and runs to the next whitespace, quote, `<` or `>`. So both
//! `href="{app-base-url}/feedback?token={feedback-token}"` in HTML and a bare link in text are
//! recognised. URL placeholders are never percent-encoded themselves (only HTML-escaped in HTML).
//! Braces that do not name a known placeholder are left as written.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What RFC 3986 calls unreserved stays; everything else is percent-encoded.
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How a body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// Plain text (TextBody, Subject).
    Text,
    /// HTML (HtmlBody).
    Html,
}

/// One placeholder's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Data, such as a username: percent-encoded inside a URL.
    Data(String),
    /// A URL, such as a one-click link: starts a URL, never percent-encoded.
    Url(String),
}

/// Renders `template`, replacing each `{name}` found in `values` (by name, without braces).
pub(crate) fn render(template: &str, values: &[(&str, Value)], format: Format) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_url = false;
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if let Some((name, value)) = placeholder_at(rest, values) {
            match value {
                Value::Url(url) => {
                    in_url = true;
                    push_escaped(&mut out, url, format);
                }
                Value::Data(data) if in_url => {
                    out.extend(utf8_percent_encode(data, NOT_UNRESERVED));
                }
                Value::Data(data) => push_escaped(&mut out, data, format),
            }
            rest = &rest[name.len() + 2..];
            continue;
        }
        if ends_url(c) {
            in_url = false;
        } else if rest.starts_with("http://") || rest.starts_with("https://") {
            in_url = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The known placeholder `{name}` that `text` starts with, if any.
fn placeholder_at<'v>(text: &str, values: &'v [(&str, Value)]) -> Option<(&'v str, &'v Value)> {
    let inner = text.strip_prefix('{')?;
    values.iter().find_map(|(name, value)| {
        inner
            .strip_prefix(name)
            .filter(|after| after.starts_with('}'))
            .map(|_| (*name, value))
    })
}

/// Whether `c` ends a URL (whitespace, quotes and angle brackets cannot appear in one unencoded).
fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>')
}

fn push_escaped(out: &mut String, text: &str, format: Format) {
    match format {
        Format::Text => out.push_str(text),
        Format::Html => out.push_str(&escape_html(text)),
    }
}

/// `text` with `& < > " '` written as HTML character references.
pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Vec<(&'static str, Value)> {
        vec![
            ("username", Value::Data("Zoë & <Co>".to_owned())),
            ("feedback-token", Value::Data("tok-1.AbC=".to_owned())),
            ("event-id", Value::Data("evt-1".to_owned())),
            (
                "app-base-url",
                Value::Url("http://127.0.0.1:8080/a&b".to_owned()),
            ),
        ]
    }

    #[test]
    fn data_inside_a_url_is_percent_encoded_and_outside_left_alone_in_text() {
        let text = render(
            "Hi {username}: {app-base-url}/f?u={username}&t={feedback-token}&e={event-id} ({username})",
            &values(),
            Format::Text,
        );
        assert_eq!(
            text,
            "Hi Zoë & <Co>: http://127.0.0.1:8080/a&b/f?u=Zo%C3%AB%20%26%20%3CCo%3E&t=tok-1.AbC%3D&e=evt-1 (Zoë & <Co>)"
        );
    }

    #[test]
    fn html_escapes_outside_urls_and_encodes_inside_href() {
        let html = render(
            r#"<p>{username}</p><a href="{app-base-url}/f?u={username}&amp;t={feedback-token}">{username}</a>"#,
            &values(),
            Format::Html,
        );
        assert_eq!(
            html,
            r#"<p>Zoë &amp; &lt;Co&gt;</p><a href="http://127.0.0.1:8080/a&amp;b/f?u=Zo%C3%AB%20%26%20%3CCo%3E&amp;t=tok-1.AbC%3D">Zoë &amp; &lt;Co&gt;</a>"#
        );
    }

    #[test]
    fn a_literal_scheme_starts_a_url_and_whitespace_or_quotes_end_it() {
        let text = render(
            "https://app.example.com/f?t={feedback-token} then {feedback-token}",
            &values(),
            Format::Text,
        );
        assert_eq!(
            text,
            "https://app.example.com/f?t=tok-1.AbC%3D then tok-1.AbC="
        );
        let html = render(
            "<a href='http://x/?e={event-id}&amp;u={username}'>{username}</a>",
            &values(),
            Format::Html,
        );
        assert_eq!(
            html,
            "<a href='http://x/?e=evt-1&amp;u=Zo%C3%AB%20%26%20%3CCo%3E'>Zoë &amp; &lt;Co&gt;</a>"
        );
    }

    #[test]
    fn every_non_unreserved_byte_is_encoded() {
        let values = [(
            "username",
            Value::Data("🦀a-._~/?#[]@!$&'()*+,;=% ".to_owned()),
        )];
        assert_eq!(
            render("http://x/?u={username}", &values, Format::Text),
            "http://x/?u=%F0%9F%A6%80a-._~%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25%20"
        );
    }

    #[test]
    fn unknown_and_unclosed_braces_are_left_as_written() {
        assert_eq!(
            render("{nope} {username {event-id}} {} {", &values(), Format::Text),
            "{nope} {username evt-1} {} {"
        );
    }
}
