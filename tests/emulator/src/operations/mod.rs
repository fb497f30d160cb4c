//! The Cognito API the emulator serves: `POST /` with `X-Amz-Target`, awsJson1_1 bodies.
//!
//! Checks in the order the service makes them: the target names a known operation
//! (else UnknownOperationException), the content type is awsJson1_1 and the body a JSON object
//! (else SerializationException), then the operation validates its members and runs.

mod auth_events;
mod feedback;

pub(crate) use feedback::update_auth_event_feedback;

use serde_json::{Map, Value};

use crate::fixture::Fixture;
use crate::http::{Request, Response};
use crate::protocol::{self, CONTENT_TYPE};
use crate::record::FeedbackBook;
use crate::validate::Refusal;

/// The prefix of every `X-Amz-Target` of the service.
const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";

/// The operations the emulator implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operation {
    /// The operation under test.
    UpdateAuthEventFeedback,
    /// The read-back: a user's auth events with the feedback recorded for them.
    AdminListUserAuthEvents,
}

impl Operation {
    /// The operation a request's `X-Amz-Target` names, if the emulator knows it.
    pub(crate) fn of(request: &Request) -> Option<Self> {
        match request
            .header("x-amz-target")?
            .strip_prefix(TARGET_PREFIX)?
        {
            "UpdateAuthEventFeedback" => Some(Self::UpdateAuthEventFeedback),
            "AdminListUserAuthEvents" => Some(Self::AdminListUserAuthEvents),
            _ => None,
        }
    }
}

/// What an API call gets.
#[derive(Debug)]
pub(crate) enum Answer {
    /// This response.
    Respond(Response),
    /// Nothing, ever: the connection is held open.
    Stall,
}

/// What the operations read and write.
pub(crate) struct World<'a> {
    /// The pools, users, events and scripted answers.
    pub(crate) fixture: &'a Fixture,
    /// The feedback accepted so far, and the feedback log.
    pub(crate) book: &'a FeedbackBook,
    /// When the emulator started, in epoch seconds (creation date of events that have none).
    pub(crate) started: u64,
}

/// Answers one API call.
pub(crate) fn handle(request: &Request, world: &World) -> Answer {
    if request.method != "POST" || request.path() != "/" {
        let message = format!(
            "{} {} is not an operation of this service: send POST /",
            request.method,
            request.path()
        );
        return Answer::Respond(protocol::framework_error(
            "UnknownOperationException",
            &message,
        ));
    }
    let Some(operation) = Operation::of(request) else {
        let message = match request.header("x-amz-target") {
            Some(target) => format!("Unknown operation {target}"),
            None => "Missing X-Amz-Target header".to_owned(),
        };
        return Answer::Respond(protocol::framework_error(
            "UnknownOperationException",
            &message,
        ));
    };
    let input = match parse_body(request) {
        Ok(input) => input,
        Err(message) => {
            return Answer::Respond(protocol::framework_error(
                "SerializationException",
                &message,
            ));
        }
    };
    match operation {
        Operation::UpdateAuthEventFeedback => feedback::update_auth_event_feedback(&input, world),
        Operation::AdminListUserAuthEvents => {
            Answer::Respond(auth_events::admin_list_user_auth_events(&input, world))
        }
    }
}

/// The body as a JSON object, after checking the content type.
fn parse_body(request: &Request) -> Result<Map<String, Value>, String> {
    let content_type = request.header("content-type").unwrap_or_default();
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    if !media_type.eq_ignore_ascii_case(CONTENT_TYPE) {
        return Err(format!(
            "Content-Type must be {CONTENT_TYPE}, not '{content_type}'"
        ));
    }
    match serde_json::from_slice(&request.body) {
        Ok(Value::Object(input)) => Ok(input),
        Ok(_) => Err("The request body must be a JSON object".to_owned()),
        Err(e) => Err(format!("The request body is not valid JSON: {e}")),
    }
}

/// The response to input refused by validation.
fn refused(refusal: Refusal) -> Response {
    match refusal {
        Refusal::Serialization(message) => {
            protocol::framework_error("SerializationException", &message)
        }
        Refusal::Constraints(message) => {
            protocol::service_error(400, "InvalidParameterException", Some(&message), None)
        }
    }
}

/// A 400 error of the service with a message.
fn error(code: &str, message: &str) -> Response {
    protocol::service_error(400, code, Some(message), None)
}

/// ResourceNotFoundException for a pool the fixture does not have.
fn pool_not_found(pool_id: &str) -> Response {
    error(
        "ResourceNotFoundException",
        &format!("User pool {pool_id} does not exist."),
    )
}

/// UserPoolAddOnNotEnabledException for a pool that is not on the Plus plan.
fn add_on_not_enabled(pool_id: &str) -> Response {
    let message = format!(
        "Threat protection is not enabled for user pool {pool_id}: it needs the Plus feature plan."
    );
    error("UserPoolAddOnNotEnabledException", &message)
}
