//! The string functions of the rules engine's standard library.

/// `isValidHostLabel`: an RFC 1123 label of 1 to 63 ASCII letters, digits and hyphens that
/// neither begins nor ends with a hyphen; with `allow_subdomains`, dot-separated labels.
pub(super) fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        return value
            .split('.')
            .all(|label| is_valid_host_label(label, false));
    }
    let bytes = value.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// `substring`: characters `start..stop` of an ASCII string, counted from the end when
/// `reverse`; unset (`None`) when the range is empty, out of bounds or the string is not ASCII.
pub(super) fn substring(value: &str, start: i64, stop: i64, reverse: bool) -> Option<&str> {
    let len = value.len();
    let start = usize::try_from(start).ok()?;
    let stop = usize::try_from(stop).ok()?;
    if start >= stop || stop > len || !value.is_ascii() {
        return None;
    }
    Some(if reverse {
        &value[len - stop..len - start]
    } else {
        &value[start..stop]
    })
}

/// `uriEncode`: percent-encodes every byte except the RFC 3986 unreserved characters.
pub(super) fn uri_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels_follow_rfc_1123() {
        for ok in [
            "us-east-1",
            "a",
            "US-EAST-1",
            "12345",
            "a-b",
            &"a".repeat(63),
        ] {
            assert!(is_valid_host_label(ok, false), "{ok:?} was refused");
        }
        let too_long = "a".repeat(64);
        for bad in [
            "", "-a", "a-", "a.b", "a_b", "a b", "é", "a/b", "a@b", &too_long,
        ] {
            assert!(!is_valid_host_label(bad, false), "{bad:?} was accepted");
        }
    }

    #[test]
    fn subdomains_are_checked_label_by_label() {
        assert!(is_valid_host_label("a.b-c.d", true));
        assert!(!is_valid_host_label("a..b", true));
        assert!(!is_valid_host_label("a.-b", true));
        assert!(!is_valid_host_label(".a", true));
    }

    #[test]
    fn substring_counts_from_either_end() {
        assert_eq!(substring("abcdef", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdef", 1, 3, false), Some("bc"));
        assert_eq!(substring("abcdef", 0, 4, true), Some("cdef"));
        assert_eq!(substring("abcdef", 1, 3, true), Some("de"));
        assert_eq!(substring("abcdef", 0, 6, false), Some("abcdef"));
        assert_eq!(substring("abcdef", 0, 7, false), None);
        assert_eq!(substring("abcdef", 3, 3, false), None);
        assert_eq!(substring("abcdef", -1, 3, false), None);
        assert_eq!(substring("äbcdef", 0, 2, false), None);
    }

    #[test]
    fn uri_encode_escapes_all_but_unreserved() {
        assert_eq!(uri_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(uri_encode("a b/c?d=e&é"), "a%20b%2Fc%3Fd%3De%26%C3%A9");
    }
}
