//! The status code of an attempt's response, noted as its first bytes arrive (above TLS,
//! where the bytes are the HTTP/1.1 response), so that a failure later in the response is
//! known to have come after a 2xx status line: the service has then most likely done what
//! was asked, and the attempt must not be repeated.

use std::cell::RefCell;

use ureq::http::Uri;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, Either, NextTimeout, Transport as UreqTransport,
};

/// How many bytes of a response spell its status code: `HTTP/1.1 200`.
const STATUS_PREFIX: usize = 12;

thread_local! {
    /// The first bytes of the response to the attempt running on this thread.
    static RESPONSE_START: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Watches one attempt's response on this thread until dropped.
pub(super) struct StatusWatch(());

impl StatusWatch {
    /// Starts watching for the response of the attempt about to run on this thread.
    pub(super) fn start() -> StatusWatch {
        RESPONSE_START.with(|s| s.borrow_mut().clear());
        StatusWatch(())
    }

    /// The 2xx status code of the response, once its status line has begun with one.
    pub(super) fn success_status(&self) -> Option<u16> {
        RESPONSE_START.with(|s| success_status(&s.borrow()))
    }
}

impl Drop for StatusWatch {
    fn drop(&mut self) {
        RESPONSE_START.with(|s| s.borrow_mut().clear());
    }
}

/// The status code of `HTTP/1.x 2dd` at the start of `bytes`, if that is how they begin.
fn success_status(bytes: &[u8]) -> Option<u16> {
    let rest = bytes.strip_prefix(b"HTTP/1.")?;
    match rest {
        [_, b' ', code @ ..] if code.len() >= 3 && code[0] == b'2' => {
            let digits = std::str::from_utf8(&code[..3]).ok()?;
            digits
                .parse()
                .ok()
                .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))
        }
        _ => None,
    }
}

/// A connector that wraps the transport ureq reads the endpoint's responses from (above
/// TLS) in a [`Watched`] one. A connection to a proxy (whose `CONNECT` answer is no
/// response to an attempt) is left as it is.
#[derive(Debug)]
pub(super) struct StatusConnector {
    /// The endpoint's URL.
    pub(super) endpoint: Uri,
}

impl<In: UreqTransport> Connector<In> for StatusConnector {
    type Out = Either<In, Watched<In>>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        Ok(chained.map(|transport| {
            if *details.uri == self.endpoint {
                Either::B(Watched(transport))
            } else {
                Either::A(transport)
            }
        }))
    }
}

/// A transport that notes the first bytes of each response for the attempt's
/// [`StatusWatch`]; otherwise the transport it wraps.
#[derive(Debug)]
pub(super) struct Watched<T>(T);

impl<T: UreqTransport> UreqTransport for Watched<T> {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.0.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.0.transmit_output(amount, timeout)
    }

    /// Waits for input, then notes the response's first bytes: ureq consumes none of them
    /// before the whole head has arrived, so the unread input starts with the response.
    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let more = self.0.await_input(timeout)?;
        RESPONSE_START.with(|s| {
            let mut start = s.borrow_mut();
            if start.len() < STATUS_PREFIX {
                let input = self.0.buffers().input();
                start.clear();
                start.extend_from_slice(&input[..input.len().min(STATUS_PREFIX)]);
            }
        });
        Ok(more)
    }

    fn is_open(&mut self) -> bool {
        self.0.is_open()
    }

    fn is_tls(&self) -> bool {
        self.0.is_tls()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_2xx_status_line_is_recognised_from_its_first_twelve_bytes() {
        assert_eq!(success_status(b"HTTP/1.1 200 OK\r\n"), Some(200));
        assert_eq!(success_status(b"HTTP/1.0 204"), Some(204));
        assert_eq!(
            success_status(b"HTTP/1.1 20"),
            None,
            "not yet the whole code"
        );
        assert_eq!(success_status(b"HTTP/1.1 500 Oops"), None);
        assert_eq!(success_status(b"HTTP/1.1 2x0"), None);
        assert_eq!(success_status(b"SSH-2.0-OpenSSH"), None);
        assert_eq!(success_status(b""), None);
    }
}
