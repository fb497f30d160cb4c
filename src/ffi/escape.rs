//! `cognito_escape_text`: the library's escaping of server-supplied text, for what C and the
//! wrappers write as text themselves (log lines, exception messages).

use std::ffi::{CStr, c_char};

use super::boundary::ffi_boundary;
use crate::text::escape;

/// Writes `text` as the library writes server-supplied text into its own log messages: control
/// characters (C0, DEL, C1), line separators and bidirectional controls escaped (`\n`,
/// `\u{1b}`, ...), and only its first 1024 bytes, followed by `…[+N bytes]` when there were
/// more. Use it on a service's message, code, reason code or request id before printing or
/// logging them; the error getters return the raw values.
///
/// Writes at most `buffer_size - 1` bytes and a NUL into `buffer` (cut on a UTF-8 character
/// boundary), nothing when `buffer_size` is 0 (then `buffer` may be NULL). Returns the length
/// of the whole escaped text in bytes, without the NUL: when it is not below `buffer_size`, the
/// text was cut; call again with a buffer of the returned length + 1. A NULL `text` is the empty
/// text; bytes that are not UTF-8 become U+FFFD. Thread-safe.
///
/// # Safety
///
/// `text` must be NULL or a NUL-terminated string; `buffer` must be valid for writes of
/// `buffer_size` bytes (it may be NULL when `buffer_size` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cognito_escape_text(
    text: *const c_char,
    buffer: *mut c_char,
    buffer_size: usize,
) -> usize {
    ffi_boundary!({
        let raw = if text.is_null() {
            Default::default()
        } else {
            // SAFETY: a non-NULL `text` is NUL-terminated, by this function's contract.
            unsafe { CStr::from_ptr(text) }.to_string_lossy()
        };
        let escaped = escape(&raw);
        if buffer_size > 0 && !buffer.is_null() {
            let mut fits = escaped.len().min(buffer_size - 1);
            while !escaped.is_char_boundary(fits) {
                fits -= 1;
            }
            // SAFETY: `buffer` holds `buffer_size` bytes and `fits + 1 <= buffer_size`.
            unsafe {
                std::ptr::copy_nonoverlapping(escaped.as_ptr(), buffer.cast::<u8>(), fits);
                *buffer.add(fits) = 0;
            }
        }
        escaped.len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CString;

    fn escaped_into(text: &str, size: usize) -> (usize, String) {
        let text = CString::new(text).unwrap();
        let mut buffer = vec![b'#' as c_char; size.max(1)];
        let length = unsafe { cognito_escape_text(text.as_ptr(), buffer.as_mut_ptr(), size) };
        let written = if size == 0 {
            String::new()
        } else {
            unsafe { CStr::from_ptr(buffer.as_ptr()) }
                .to_str()
                .unwrap()
                .to_owned()
        };
        (length, written)
    }

    #[test]
    fn text_is_escaped_into_the_buffer() {
        assert_eq!(
            escaped_into("line\r\n\x1b[31mred", 64),
            (21, "line\\r\\n\\u{1b}[31mred".to_owned())
        );
    }

    #[test]
    fn a_small_buffer_gets_a_cut_on_a_character_boundary_and_the_full_length() {
        assert_eq!(escaped_into("aéb", 3), (4, "a".to_owned()));
        assert_eq!(escaped_into("abc", 0), (3, String::new()));
        assert_eq!(
            unsafe { cognito_escape_text(std::ptr::null(), std::ptr::null_mut(), 0) },
            0
        );
    }
}
