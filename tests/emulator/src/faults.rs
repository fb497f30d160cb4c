//! Faults the emulator injects on purpose, to test retries, deadlines and stale connections.
//!
//! Faults apply to API calls only: every request except the `/__emulator/` admin endpoints and
//! `AdminListUserAuthEvents` (the read-back). At most one counted fault hits a call, in this
//! order: throttle, server error, drop mid-response; its counter then goes down by one.

use serde::{Deserialize, Serialize};

use crate::http::Response;
use crate::protocol;

/// The fault settings; the JSON form (field names as here) is what `POST /__emulator/faults` takes
/// and `GET /__emulator/faults` returns. Missing fields take their default (no fault).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Answer the next N calls with 400 `TooManyRequestsException`.
    pub throttle: u32,
    /// Send `x-amz-retry-after: <ms>` with every throttling answer (faulted or scripted).
    pub retry_after_ms: Option<u64>,
    /// Answer the next N calls with a server error of status `server_error_status`.
    pub server_error: u32,
    /// The status of server errors, 500–599 (default 500).
    pub server_error_status: u16,
    /// The body of server errors: JSON `InternalErrorException` or an HTML page.
    pub server_error_body: ServerErrorBody,
    /// Delay every response to an API call by this many milliseconds.
    pub delay_ms: u64,
    /// For the next N calls, handle the call, send the headers and half the body, then close.
    pub drop_mid_response: u32,
    /// Close a connection that waits this many milliseconds for its next request.
    pub idle_timeout_ms: Option<u64>,
    /// Close the connection after each API call's response, without saying `Connection: close`,
    /// so a client that pools it finds it dead on its next use.
    pub close_after_response: bool,
}

impl Default for Faults {
    /// No fault at all.
    fn default() -> Self {
        Self {
            throttle: 0,
            retry_after_ms: None,
            server_error: 0,
            server_error_status: 500,
            server_error_body: ServerErrorBody::Json,
            delay_ms: 0,
            drop_mid_response: 0,
            idle_timeout_ms: None,
            close_after_response: false,
        }
    }
}

/// The body of an injected server error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServerErrorBody {
    /// `{"__type":"InternalErrorException","message":"Internal server error."}` (awsJson1_1).
    #[default]
    Json,
    /// An HTML page with `Content-Type: text/html`, as a load balancer sends.
    Html,
}

/// The counted fault that hits one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Injected {
    /// Answer 400 TooManyRequestsException.
    Throttle,
    /// Answer a server error.
    ServerError { status: u16, body: ServerErrorBody },
    /// Handle the call, then cut its response.
    DropMidResponse,
}

impl Faults {
    /// Checks the settings; the error names the one that is wrong.
    pub fn check(&self) -> Result<(), String> {
        if !(500..=599).contains(&self.server_error_status) {
            return Err(format!(
                "server_error_status must be 500-599, not {}",
                self.server_error_status
            ));
        }
        if self.idle_timeout_ms == Some(0) {
            return Err("idle_timeout_ms must be at least 1".into());
        }
        Ok(())
    }

    /// The counted fault for the next call, if any, taking one from its counter.
    pub(crate) fn take(&mut self) -> Option<Injected> {
        if let Some(left) = self.throttle.checked_sub(1) {
            self.throttle = left;
            Some(Injected::Throttle)
        } else if let Some(left) = self.server_error.checked_sub(1) {
            self.server_error = left;
            Some(Injected::ServerError {
                status: self.server_error_status,
                body: self.server_error_body,
            })
        } else if let Some(left) = self.drop_mid_response.checked_sub(1) {
            self.drop_mid_response = left;
            Some(Injected::DropMidResponse)
        } else {
            None
        }
    }
}

/// The answer to a throttled call.
pub(crate) fn throttle_response() -> Response {
    protocol::service_error(400, "TooManyRequestsException", Some("Rate exceeded"), None)
}

/// The answer to a call hit by a server error.
pub(crate) fn server_error_response(status: u16, body: ServerErrorBody) -> Response {
    match body {
        ServerErrorBody::Json => protocol::service_error(
            status,
            "InternalErrorException",
            Some("Internal server error."),
            None,
        ),
        ServerErrorBody::Html => {
            let title = match status {
                502 => "502 Bad Gateway".to_owned(),
                503 => "503 Service Temporarily Unavailable".to_owned(),
                504 => "504 Gateway Time-out".to_owned(),
                other => format!("{other} Internal Server Error"),
            };
            let page = format!(
                "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n</body>\r\n</html>\r\n"
            );
            Response::new(status, "text/html", page.into_bytes())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_faults_take_in_order_and_count_down() {
        let mut faults = Faults {
            throttle: 1,
            server_error: 2,
            server_error_status: 503,
            drop_mid_response: 1,
            ..Faults::default()
        };
        assert_eq!(faults.take(), Some(Injected::Throttle));
        let server_error = Some(Injected::ServerError {
            status: 503,
            body: ServerErrorBody::Json,
        });
        assert_eq!(faults.take(), server_error);
        assert_eq!(faults.take(), server_error);
        assert_eq!(faults.take(), Some(Injected::DropMidResponse));
        assert_eq!(faults.take(), None);
        assert_eq!(
            faults,
            Faults {
                server_error_status: 503,
                ..Faults::default()
            }
        );
    }

    #[test]
    fn the_json_form_round_trips_and_defaults_missing_fields() {
        let faults: Faults =
            serde_json::from_str(r#"{"throttle": 2, "server_error_body": "html"}"#).unwrap();
        assert_eq!(
            faults,
            Faults {
                throttle: 2,
                server_error_body: ServerErrorBody::Html,
                ..Faults::default()
            }
        );
        let back: Faults = serde_json::from_value(serde_json::to_value(&faults).unwrap()).unwrap();
        assert_eq!(back, faults);
        assert!(
            serde_json::from_str::<Faults>(r#"{"throtle": 2}"#)
                .unwrap_err()
                .to_string()
                .contains("throtle")
        );
    }

    #[test]
    fn check_names_the_bad_setting() {
        assert_eq!(
            Faults {
                server_error_status: 404,
                ..Faults::default()
            }
            .check(),
            Err("server_error_status must be 500-599, not 404".into())
        );
        assert_eq!(
            Faults {
                idle_timeout_ms: Some(0),
                ..Faults::default()
            }
            .check(),
            Err("idle_timeout_ms must be at least 1".into())
        );
        assert_eq!(Faults::default().check(), Ok(()));
    }

    #[test]
    fn html_server_errors_are_html() {
        let response = server_error_response(503, ServerErrorBody::Html);
        assert_eq!(
            (response.status, response.header("content-type")),
            (503, Some("text/html"))
        );
        assert!(
            String::from_utf8(response.body)
                .unwrap()
                .contains("<title>503 Service Temporarily Unavailable</title>")
        );
        let json = server_error_response(500, ServerErrorBody::Json);
        assert_eq!(
            json.header("x-amzn-errortype"),
            Some("InternalErrorException:")
        );
    }
}
