//! The emulator's own endpoints, for tests in other languages that run it as a subprocess:
//!
//! - `GET /__emulator/faults`: the faults in force, as JSON (see [`Faults`]).
//! - `POST /__emulator/faults`: replace them with the JSON body (missing fields: no fault);
//!   answers the faults now in force, or 400 `{"error": "..."}` naming what is wrong.
//! - `POST /__emulator/reset`: forget recorded feedback and requests, clear every fault.
//!
//! Admin requests are never faulted and never recorded.

use serde_json::{Value, json};

use crate::faults::Faults;
use crate::http::{Request, Response};
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
        (_, "faults") => error(405, "use GET or POST").with_header("Allow", "GET, POST"),
        (_, "reset") => error(405, "use POST").with_header("Allow", "POST"),
        _ => error(404, &format!("no admin endpoint {}", request.path())),
    }
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
