//! `AdminListUserAuthEvents`: a user's auth events, newest first, with the feedback recorded for
//! them, shaped as the service answers (one page; `MaxResults` and `NextToken` are ignored).

use serde_json::{Map, Value, json};

use super::{World, add_on_not_enabled, error, pool_not_found, refused};
use crate::fixture::{AuthEvent, FeaturePlan};
use crate::http::Response;
use crate::protocol;
use crate::validate::{self, USER_POOL_ID, USERNAME};

/// Validates, checks pool, plan and user, and lists the user's events.
pub(super) fn admin_list_user_auth_events(input: &Map<String, Value>, world: &World) -> Response {
    let [pool_id, name] = match validate::validate(input, &[USER_POOL_ID, USERNAME]) {
        Ok(values) => values,
        Err(refusal) => return refused(refusal),
    };
    let Some(pool) = world.fixture.pool(pool_id) else {
        return pool_not_found(pool_id);
    };
    if pool.feature_plan != FeaturePlan::Plus {
        return add_on_not_enabled(pool_id);
    }
    let Some(user) = pool.user(name) else {
        return error("UserNotFoundException", "User does not exist.");
    };
    let mut events: Vec<&AuthEvent> = user.events.iter().collect();
    events.sort_by_key(|event| std::cmp::Reverse(event.creation_date.unwrap_or(world.started)));
    let events: Vec<Value> = events
        .into_iter()
        .map(|event| describe(event, &pool.id, world))
        .collect();
    protocol::success(&json!({ "AuthEvents": events }))
}

/// One `AuthEventType`.
fn describe(event: &AuthEvent, pool_id: &str, world: &World) -> Value {
    let mut out = Map::new();
    out.insert("EventId".into(), event.event_id.clone().into());
    out.insert("EventType".into(), event.event_type.clone().into());
    out.insert(
        "CreationDate".into(),
        event.creation_date.unwrap_or(world.started).into(),
    );
    out.insert("EventResponse".into(), event.event_response.clone().into());
    let risk = present([
        ("RiskDecision", &event.risk_decision),
        ("RiskLevel", &event.risk_level),
    ]);
    if !risk.is_empty() {
        out.insert("EventRisk".into(), Value::Object(risk));
    }
    out.insert("ChallengeResponses".into(), json!([]));
    let context = present([
        ("IpAddress", &event.ip_address),
        ("DeviceName", &event.device_name),
        ("City", &event.city),
        ("Country", &event.country),
    ]);
    if !context.is_empty() {
        out.insert("EventContextData".into(), Value::Object(context));
    }
    if let Some(feedback) = world.book.get(pool_id, &event.event_id) {
        out.insert(
            "EventFeedback".into(),
            json!({
                "FeedbackValue": feedback.feedback_value,
                "Provider": feedback.provider,
                "FeedbackDate": feedback.feedback_date,
            }),
        );
    }
    Value::Object(out)
}

/// The members that have a value.
fn present<const N: usize>(fields: [(&str, &Option<String>); N]) -> Map<String, Value> {
    fields
        .into_iter()
        .filter_map(|(name, value)| {
            value
                .as_ref()
                .map(|value| (name.to_owned(), Value::from(value.as_str())))
        })
        .collect()
}
