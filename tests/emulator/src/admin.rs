//! The emulator's own endpoints, for tests in other languages that run it as a subprocess:
//!
//! - `GET /__emulator/faults`: the faults in force, as JSON (see [`Faults`]).
//! - `POST /__emulator/faults`: replace them with the JSON body (missing fields: no fault);
//!   answers the faults now in force, or 400 `{"error": "..."}` naming what is wrong.
//! - `POST /__emulator/reset`: forget recorded feedback and requests, clear every fault.
//! - `GET /__emulator/requests`: the API requests received so far (as [`RecordedRequest`]s).
//! - `POST /__emulator/notify`: the threat-protection email for an event (see [`crate::notify`]).
//! - `GET /__emulator/one-click?…`: the target of Cognito's one-click links in those emails.
//!
//! Admin requests are never faulted and never recorded.
//!
//! [`RecordedRequest`]: crate::RecordedRequest

use serde_json::{Value, json};

use crate::faults::Faults;
use crate::http::{Request, Response};
use crate::notify;
use crate::server::Shared;

/// Where the admin endpoints live.
pub(crate) const PREFIX: &str = "/__emulator/";

/// Answers one admin request.
pub(crate) fn handle(request: &Request, shared: &Shared) -> Response {
    let endpoint = &request.path()[PREFIX.len()..];
    match (request.method.as_str(), endpoint) {
        ("GET", "faults") => faults_response(shared),
        ("POST", "faults") => match serde_json::from_slice::<Faults>(&request.body) {
            Ok(faults) => match shared.set_faults(faults) {
                Ok(()) => faults_response(shared),
                Err(e) => error(400, &e),
            },
            Err(e) => error(400, &format!("bad faults JSON: {e}")),
        },
        ("POST", "reset") => {
            shared.reset();
            reply(200, &json!({}))
        }
        ("GET", "requests") => requests_response(shared),
        ("POST", "notify") => notify::notify(&request.body, &shared.world(), &shared.url),
        ("GET", notify::ONE_CLICK) => notify::one_click(&request.target, &shared.world()),
        (_, "faults") => error(405, "use GET or POST").with_header("Allow", "GET, POST"),
        (_, "reset" | "notify") => error(405, "use POST").with_header("Allow", "POST"),
        (_, "requests" | notify::ONE_CLICK) => error(405, "use GET").with_header("Allow", "GET"),
        _ => error(404, &format!("no admin endpoint {}", request.path())),
    }
}

/// Every recorded API request: method, target (`path`, query included), headers in order as
/// `[name, value]` pairs, and the body as text (invalid UTF-8 replaced).
fn requests_response(shared: &Shared) -> Response {
    let requests: Vec<Value> = shared
        .requests()
        .into_iter()
        .map(|request| {
            json!({
                "method": request.method,
                "path": request.path,
                "headers": request.headers,
                "body": String::from_utf8_lossy(&request.body),
            })
        })
        .collect();
    reply(200, &Value::Array(requests))
}

fn faults_response(shared: &Shared) -> Response {
    reply(200, &json!(shared.faults()))
}

fn error(status: u16, message: &str) -> Response {
    reply(status, &json!({ "error": message }))
}

fn reply(status: u16, body: &Value) -> Response {
    Response::new(status, "application/json", body.to_string().into_bytes())
}
