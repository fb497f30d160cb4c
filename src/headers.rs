//! HTTP headers as text, for the error and the response that carry them.

use std::borrow::Cow;

use ureq::http::HeaderMap;

/// Every header of `map` as (lowercase name, value), in the order received; a value that is not
/// UTF-8 text has its bad bytes replaced by U+FFFD.
pub(crate) fn header_pairs(map: &HeaderMap) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
    map.iter()
        .map(|(name, value)| (name.as_str(), String::from_utf8_lossy(value.as_bytes())))
}
