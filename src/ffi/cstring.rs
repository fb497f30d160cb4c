//! Owned NUL-terminated copies of Rust strings, for the strings C borrows from our objects.

use std::borrow::Cow;
use std::ffi::{CString, c_char};
use std::ptr;

/// A NUL-terminated copy of `text`. A NUL inside `text` (possible in a service's message) is
/// replaced by U+FFFD so the C string is not cut short.
pub(crate) fn owned(text: &str) -> CString {
    let bytes = if text.contains('\0') {
        text.replace('\0', "\u{FFFD}").into_bytes()
    } else {
        text.as_bytes().to_vec()
    };
    // Cannot fail: no NUL is left in `bytes`.
    CString::new(bytes).unwrap_or_default()
}

/// [`owned`] for an optional string.
pub(crate) fn owned_opt(text: Option<&str>) -> Option<CString> {
    text.map(owned)
}

/// HTTP headers as one C string: a `name: value` line for each, `\n`-terminated, in the order
/// received (empty when there are none).
pub(crate) fn header_lines<'a>(headers: impl Iterator<Item = (&'a str, Cow<'a, str>)>) -> CString {
    let mut text = String::new();
    for (name, value) in headers {
        text.push_str(name);
        text.push_str(": ");
        text.push_str(&value);
        text.push('\n');
    }
    owned(&text)
}

/// The pointer C sees for an optional string: NULL when absent.
pub(crate) fn ptr_or_null(text: Option<&CString>) -> *const c_char {
    text.map_or(ptr::null(), |text| text.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_copied_unchanged() {
        assert_eq!(owned("Zoë 山田").to_str().unwrap(), "Zoë 山田");
    }

    #[test]
    fn interior_nul_is_replaced_not_truncated() {
        assert_eq!(owned("a\0b").to_str().unwrap(), "a\u{FFFD}b");
    }

    #[test]
    fn absent_text_is_null() {
        assert!(ptr_or_null(None).is_null());
        let text = owned("x");
        assert_eq!(ptr_or_null(Some(&text)), text.as_ptr());
        assert!(owned_opt(None).is_none());
    }
}
