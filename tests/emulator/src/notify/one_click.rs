//! Cognito's one-click links, `{one-click-link-valid}` and `{one-click-link-invalid}`: links to the
//! emulator's own `GET /__emulator/one-click?pool=…&username=…&event=…&token=…&value=Valid|Invalid`,
//! which records the feedback as `UpdateAuthEventFeedback` would (same checks, same errors) and
//! answers the user with a small HTML page, as Cognito's hosted page does for a pool with a domain.

use serde_json::{Map, Value};

use super::template::escape_html;
use crate::fixture::AuthEvent;
use crate::http::Response;
use crate::operations::{self, Answer, World};

/// The endpoint, after the admin prefix.
pub(crate) const ENDPOINT: &str = "one-click";

/// The one-click link for `value` (`Valid` or `Invalid`) on `event`.
pub(super) fn link(
    emulator_url: &str,
    pool_id: &str,
    username: &str,
    event: &AuthEvent,
    value: &str,
) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("pool", pool_id)
        .append_pair("username", username)
        .append_pair("event", &event.event_id)
        .append_pair("token", &event.feedback_token)
        .append_pair("value", value)
        .finish();
    format!("{emulator_url}/__emulator/{ENDPOINT}?{query}")
}

/// Answers a click on a one-click link: 200 and a thank-you page when the feedback is recorded,
/// else the service's status and a page naming its error code and message.
pub(crate) fn one_click(target: &str, world: &World) -> Response {
    let query = target.split_once('?').map_or("", |(_, query)| query);
    let mut input = Map::new();
    for (name, member) in [
        ("pool", "UserPoolId"),
        ("username", "Username"),
        ("event", "EventId"),
        ("token", "FeedbackToken"),
        ("value", "FeedbackValue"),
    ] {
        let given = form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == name);
        if let Some((_, value)) = given {
            input.insert(member.into(), Value::String(value.into_owned()));
        }
    }
    match operations::update_auth_event_feedback(&input, world) {
        Answer::Respond(response) if response.status == 200 => {
            let value = input
                .get("FeedbackValue")
                .and_then(Value::as_str)
                .unwrap_or_default();
            page(
                200,
                "Thank you",
                &format!("Your feedback ({value}) was recorded."),
            )
        }
        Answer::Respond(response) => refusal_page(&response),
        Answer::Stall => page(
            504,
            "Feedback not recorded",
            "This EventId is scripted to stall.",
        ),
    }
}

/// The page for a feedback the service refused: its status, error code and message.
fn refusal_page(response: &Response) -> Response {
    let body: Value = serde_json::from_slice(&response.body).unwrap_or_default();
    let code = response
        .header("x-amzn-ErrorType")
        .unwrap_or_default()
        .trim_end_matches(':');
    let message = body
        .get("message")
        .or_else(|| body.get("Message"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    page(
        response.status,
        "Feedback not recorded",
        &format!("{code}: {message}"),
    )
}

/// A minimal HTML page.
fn page(status: u16, title: &str, text: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><h1>{title}</h1><p>{}</p></body></html>",
        escape_html(text)
    );
    Response::new(status, "text/html; charset=utf-8", html.into_bytes())
}
