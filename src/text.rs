//! Text that came from the network, made safe to write: the one definition every surface (log
//! messages, the CLI, the Python and C# exception messages through `cognito_escape_text`) uses.
//!
//! Getters keep the service's raw values; only what is *written as text* goes through here.

use std::fmt;

/// The most bytes of one server-supplied field that are written; the rest is counted, not shown.
pub const FIELD_LIMIT: usize = 1024;

/// `text` for a log line, a terminal or an exception message: control characters (C0, DEL,
/// C1), line and paragraph separators and bidirectional controls are written as escapes (`\n`,
/// `\r`, `\t`, `\u{1b}`, ...), so a hostile server can neither forge a line nor drive a
/// terminal; and only its first [`FIELD_LIMIT`] bytes are written, followed by
/// `…[+N bytes]` when there were more.
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut cut = text.len().min(FIELD_LIMIT);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let (shown, rest) = text.split_at(cut);
        let mut plain_from = 0;
        for (at, c) in shown.char_indices() {
            if needs_escape(c) {
                f.write_str(&shown[plain_from..at])?;
                write!(f, "{}", c.escape_default())?;
                plain_from = at + c.len_utf8();
            }
        }
        f.write_str(&shown[plain_from..])?;
        if !rest.is_empty() {
            write!(f, "…[+{} bytes]", rest.len())?;
        }
        Ok(())
    }
}

/// [`Escaped`] as an owned string.
pub fn escape(text: &str) -> String {
    Escaped(text).to_string()
}

/// Whether `c` could end a line, move the cursor or reorder what a reader sees: the characters
/// [`Escaped`] writes as escapes, for any other writer (the CLI's JSON output) to escape the
/// same ones its own way.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'
                ..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn control_characters_and_terminal_escapes_are_written_as_escapes() {
        assert_eq!(
            escape("ok\r\n2026-01-01 ERROR forged\x1b[2J\x1b]0;title\x07\u{9b}\u{7f}\t"),
            "ok\\r\\n2026-01-01 ERROR forged\\u{1b}[2J\\u{1b}]0;title\\u{7}\\u{9b}\\u{7f}\\t"
        );
        assert_eq!(
            escape("a\u{2028}b\u{202e}c\u{2066}d"),
            "a\\u{2028}b\\u{202e}c\\u{2066}d"
        );
    }

    #[test]
    fn plain_text_is_unchanged() {
        for text in ["User does not exist.", "Zoë 🦀 \"quoted\" back\\slash", ""] {
            assert_eq!(escape(text), text);
        }
    }

    #[test]
    fn a_long_field_is_cut_to_the_limit_with_a_count_of_the_rest() {
        let long = "x".repeat(64 * 1024);
        assert_eq!(
            escape(&long),
            format!(
                "{}…[+{} bytes]",
                "x".repeat(FIELD_LIMIT),
                64 * 1024 - FIELD_LIMIT
            )
        );
        // The cut falls on a character boundary.
        let wide = "é".repeat(FIELD_LIMIT);
        let escaped = escape(&wide);
        assert!(escaped.starts_with(&"é".repeat(FIELD_LIMIT / 2)));
        assert!(escaped.ends_with(&format!("…[+{} bytes]", FIELD_LIMIT)));
    }

    proptest! {
        #[test]
        fn escaped_text_has_no_control_characters_and_is_bounded(text in ".{0,3000}") {
            let escaped = escape(&text);
            prop_assert!(!escaped.chars().any(needs_escape), "{escaped:?}");
            // Each kept byte grows to at most 8 (`\u{2069}` from 3 bytes, `\u{9f}` from 2,
            // `\u{1b}` from 1), plus the marker.
            prop_assert!(escaped.len() <= FIELD_LIMIT * 6 + 32);
        }
    }
}
