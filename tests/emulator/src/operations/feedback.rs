//! `UpdateAuthEventFeedback`: record a user's feedback on one of their auth events.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use super::{Answer, World, add_on_not_enabled, error, pool_not_found, refused};
use crate::fixture::{AuthEvent, FeaturePlan, ScriptedAnswer, User, UserPool};
use crate::http::Response;
use crate::protocol;
use crate::record::RecordedFeedback;
use crate::validate::{self, EVENT_ID, FEEDBACK_TOKEN, FEEDBACK_VALUE, USER_POOL_ID, USERNAME};

/// Validates, answers a scripted EventId as scripted, else checks pool, plan, user, event and
/// token in that order, and records the feedback.
pub(crate) fn update_auth_event_feedback(input: &Map<String, Value>, world: &World) -> Answer {
    let members = [
        USER_POOL_ID,
        USERNAME,
        EVENT_ID,
        FEEDBACK_TOKEN,
        FEEDBACK_VALUE,
    ];
    let [pool_id, name, event_id, token, value] = match validate::validate(input, &members) {
        Ok(values) => values,
        Err(refusal) => return Answer::Respond(refused(refusal)),
    };
    if let Some(scripted) = world.fixture.scripted.get(event_id) {
        return scripted_answer(scripted);
    }
    let (pool, user, event) = match find_event(world, pool_id, name, event_id, token) {
        Ok(found) => found,
        Err(response) => return Answer::Respond(response),
    };
    let feedback = RecordedFeedback {
        user_pool_id: pool.id.clone(),
        username: user.username.clone(),
        event_id: event.event_id.clone(),
        feedback_value: value.to_owned(),
        provider: "COGNITO".to_owned(),
        feedback_date: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs()),
    };
    if let Err(e) = world.book.record(feedback) {
        // The feedback is recorded in memory; only the log file missed it. Always say so.
        eprintln!("cognito-feedback-emulator: cannot append to the feedback log: {e}");
    }
    Answer::Respond(protocol::success(&json!({})))
}

/// What the fixture scripted for an EventId: a stall or a given error.
fn scripted_answer(scripted: &ScriptedAnswer) -> Answer {
    match scripted {
        ScriptedAnswer::Stall => Answer::Stall,
        ScriptedAnswer::Error {
            status,
            code,
            message,
            reason_code,
        } => Answer::Respond(protocol::service_error(
            *status,
            code,
            message.as_deref(),
            reason_code.as_deref(),
        )),
    }
}

/// The pool, user and event the feedback is for, checked in Cognito's order (pool, plan, user,
/// event, token), or the service's error for the first check that fails.
fn find_event<'w>(
    world: &'w World,
    pool_id: &str,
    name: &str,
    event_id: &str,
    token: &str,
) -> Result<(&'w UserPool, &'w User, &'w AuthEvent), Response> {
    let pool = world
        .fixture
        .pool(pool_id)
        .ok_or_else(|| pool_not_found(pool_id))?;
    if pool.feature_plan != FeaturePlan::Plus {
        return Err(add_on_not_enabled(pool_id));
    }
    let user = pool
        .user(name)
        .ok_or_else(|| error("UserNotFoundException", "User does not exist."))?;
    let Some(event) = user.events.iter().find(|event| event.event_id == event_id) else {
        let message = format!("Auth event {event_id} does not exist for this user.");
        return Err(error("ResourceNotFoundException", &message));
    };
    if event.feedback_token != token {
        return Err(error("NotAuthorizedException", "Invalid feedback token."));
    }
    if event.token_expired {
        return Err(error(
            "NotAuthorizedException",
            "Feedback token has expired.",
        ));
    }
    Ok((pool, user, event))
}
