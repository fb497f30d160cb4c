//! The emulator's own endpoints, for tests in other languages that run it as a subprocess:
//!
//! - `GET /__emulator/faults`: the faults in force, as JSON (see [`Faults`]).
//! - `POST /__emulator/faults`: replace them with the JSON body (missing fields: no fault);
//!   answers the faults now in force, or 400 `{"error": "..."}` naming what is wrong.
//! - `POST /__emulator/reset`: forget recorded feedback and requests, clear every fault.
//! - `GET /__emulator/requests`: the API requests received so far (as [`RecordedRequest`]s),
//!   each body's FeedbackToken redacted unless the query says `reveal=FeedbackToken`.
//! - `POST /__emulator/notify`: the threat-protection email for an event (see [`crate::notify`]).
//! - `GET /__emulator/one-click?…`: the target of Cognito's one-click links in those emails.
//!
//! Admin requests are never faulted and never recorded, and are answered only when their `Host`
//! names a loopback address (`127.0.0.1`, `localhost`, `[::1]`, any port): a web page that
//! reaches the emulator through a rebound DNS name gets 403, not the request log.
//!
//! [`RecordedRequest`]: crate::RecordedRequest

use serde_json::{Value, json};

use crate::faults::Faults;
use crate::http::{Request, Response};
use crate::notify;
use crate::server::Shared;

/// Where the admin endpoints live.
pub(crate) const PREFIX: &str = "/__emulator/";

/// What a redacted FeedbackToken reads in the request log.
const REDACTED: &str = "*** redacted: add ?reveal=FeedbackToken ***";

/// Answers one admin request.
pub(crate) fn handle(request: &Request, shared: &Shared) -> Response {
    if !request.header("host").is_some_and(is_loopback_host) {
        return error(
            403,
            "admin endpoints answer only requests whose Host is 127.0.0.1, localhost or [::1]",
        );
    }
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
        ("GET", "requests") => requests_response(shared, reveals_token(&request.target)),
        ("POST", "notify") => notify::notify(&request.body, &shared.world(), &shared.url),
        ("GET", notify::ONE_CLICK) => notify::one_click(&request.target, &shared.world()),
        (_, "faults") => error(405, "use GET or POST").with_header("Allow", "GET, POST"),
        (_, "reset" | "notify") => error(405, "use POST").with_header("Allow", "POST"),
        (_, "requests" | notify::ONE_CLICK) => error(405, "use GET").with_header("Allow", "GET"),
        _ => error(404, &format!("no admin endpoint {}", request.path())),
    }
}

/// Whether a `Host` header value names a loopback address, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

/// Whether the request log's query asks for the FeedbackToken (`reveal=FeedbackToken`).
fn reveals_token(target: &str) -> bool {
    target.split_once('?').is_some_and(|(_, query)| {
        form_urlencoded::parse(query.as_bytes())
            .any(|(name, value)| name == "reveal" && value == "FeedbackToken")
    })
}

/// Every recorded API request: method, target (`path`, query included), headers in order as
/// `[name, value]` pairs, the body as text (invalid UTF-8 replaced; its FeedbackToken redacted
/// unless `reveal`), and the body's full length.
fn requests_response(shared: &Shared, reveal: bool) -> Response {
    let requests: Vec<Value> = shared
        .requests()
        .into_iter()
        .map(|request| {
            let body = String::from_utf8_lossy(&request.body);
            json!({
                "method": request.method,
                "path": request.path,
                "headers": request.headers,
                "body": if reveal { body.into_owned() } else { redact_token(&body) },
                "body_len": request.body_len,
            })
        })
        .collect();
    reply(200, &Value::Array(requests))
}

/// `body` with the value of its `FeedbackToken` member replaced by [`REDACTED`]: in place when
/// the value appears as serde_json writes it, else by re-serializing the JSON object. A body
/// that is not a JSON object with a string FeedbackToken is returned as it is.
fn redact_token(body: &str) -> String {
    let Ok(Value::Object(mut members)) = serde_json::from_str::<Value>(body) else {
        return body.to_owned();
    };
    let Some(Value::String(token)) = members.get("FeedbackToken") else {
        return body.to_owned();
    };
    let written = Value::String(token.clone()).to_string();
    let redacted = Value::String(REDACTED.to_owned()).to_string();
    if body.contains(&written) {
        return body.replace(&written, &redacted);
    }
    members.insert(
        "FeedbackToken".to_owned(),
        Value::String(REDACTED.to_owned()),
    );
    Value::Object(members).to_string()
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
