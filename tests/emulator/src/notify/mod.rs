//! The threat-protection notification email: `POST /__emulator/notify` renders, for one auth event,
//! the email Cognito would send the user from the pool's `NotifyConfiguration`, and answers it as
//! JSON (nothing is mailed). The template is chosen as Cognito chooses it, by what happened to the
//! sign-in: blocked (`EventResponse` `Fail`) → `BlockEmail`, challenged with MFA (`InProgress`) →
//! `MfaEmail`, allowed (`Pass`) → `NoActionEmail`. Events without risk get no email.
//!
//! Request: `{"UserPoolId", "Username" (username, sub or email), "EventId", "AppBaseUrl"?}`.
//! `AppBaseUrl` fills the emulator's own placeholder `{app-base-url}`, so tests can point the
//! application's "this was me" links at an application on any port.

mod one_click;
mod template;

use std::time::{Duration, UNIX_EPOCH};

use serde::Deserialize;
use serde_json::{Map, Value as Json};

use crate::fixture::{AuthEvent, FeaturePlan, NotifyConfiguration, NotifyEmail, User, UserPool};
use crate::http::Response;
use crate::operations::World;
pub(crate) use one_click::{ENDPOINT as ONE_CLICK, one_click};
use template::{Format, Value};

/// The base URL `{app-base-url}` renders when the request gives none.
const DEFAULT_APP_BASE_URL: &str = "https://app.example.com";

/// A request to render the notification for one event.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct NotifyRequest {
    user_pool_id: String,
    username: String,
    event_id: String,
    #[serde(default)]
    app_base_url: Option<String>,
}

/// Why no email comes out.
struct Refused {
    status: u16,
    message: String,
}

impl Refused {
    fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }
}

/// Answers `POST /__emulator/notify`: 200 with the rendered email, or `{"error": …}` with 400 (bad
/// request), 404 (no such pool, user or event) or 422 (the event gets no email).
pub(crate) fn notify(body: &[u8], world: &World, emulator_url: &str) -> Response {
    let outcome = serde_json::from_slice::<NotifyRequest>(body)
        .map_err(|e| Refused::new(400, format!("bad notify request: {e}")))
        .and_then(|request| render_email(&request, world, emulator_url));
    match outcome {
        Ok(email) => json_response(200, &Json::Object(email)),
        Err(refused) => json_response(
            refused.status,
            &serde_json::json!({ "error": refused.message }),
        ),
    }
}

/// Finds the event and renders its email.
fn render_email(
    request: &NotifyRequest,
    world: &World,
    emulator_url: &str,
) -> Result<Map<String, Json>, Refused> {
    let app_base_url = app_base_url(request.app_base_url.as_deref())?;
    let (pool, user, event) = find_event(request, world)?;
    let (config, name, template) = email_template(pool, event)?;
    let Some(to) = &user.email else {
        return Err(Refused::new(422, "the user has no email address"));
    };
    let values = placeholders(pool, user, event, world, emulator_url, &app_base_url);
    let mut email = Map::new();
    email.insert("Template".into(), name.into());
    email.insert("To".into(), to.as_str().into());
    for (field, value) in [("From", &config.from), ("ReplyTo", &config.reply_to)] {
        if let Some(value) = value {
            email.insert(field.into(), value.as_str().into());
        }
    }
    fill(&mut email, template, &values);
    Ok(email)
}

/// The pool, user and event the request names, or a 404 naming what does not exist.
fn find_event<'w>(
    request: &NotifyRequest,
    world: &'w World,
) -> Result<(&'w UserPool, &'w User, &'w AuthEvent), Refused> {
    let pool = world.fixture.pool(&request.user_pool_id).ok_or_else(|| {
        Refused::new(
            404,
            format!("user pool {} does not exist", request.user_pool_id),
        )
    })?;
    let user = pool
        .user(&request.username)
        .ok_or_else(|| Refused::new(404, "no such user in the pool"))?;
    let event = user
        .events
        .iter()
        .find(|event| event.event_id == request.event_id)
        .ok_or_else(|| {
            Refused::new(
                404,
                format!("the user has no auth event {}", request.event_id),
            )
        })?;
    Ok((pool, user, event))
}

/// The pool's notify configuration, and the name and template of the email Cognito sends for
/// `event`; a 422 saying why Cognito would send none.
fn email_template<'w>(
    pool: &'w UserPool,
    event: &AuthEvent,
) -> Result<(&'w NotifyConfiguration, &'static str, &'w NotifyEmail), Refused> {
    let unsent = |why: String| Refused::new(422, why);
    if pool.feature_plan != FeaturePlan::Plus {
        return Err(unsent(format!(
            "user pool {} is not on the Plus plan: no threat protection, no email",
            pool.id
        )));
    }
    let Some(config) = &pool.notify_configuration else {
        return Err(unsent(format!(
            "user pool {} has no notify_configuration",
            pool.id
        )));
    };
    if matches!(event.risk_decision.as_deref(), None | Some("NoRisk")) {
        return Err(unsent(format!(
            "auth event {} has no risk: Cognito sends no email",
            event.event_id
        )));
    }
    let (name, template) = match event.event_response.as_str() {
        "Fail" => ("BlockEmail", &config.block_email),
        "InProgress" => ("MfaEmail", &config.mfa_email),
        _ => ("NoActionEmail", &config.no_action_email),
    };
    match template {
        Some(template) => Ok((config, name, template)),
        None => Err(unsent(format!(
            "user pool {} has no {name} template",
            pool.id
        ))),
    }
}

/// Renders the subject and the bodies the template has.
fn fill(email: &mut Map<String, Json>, template: &NotifyEmail, values: &[(&str, Value)]) {
    email.insert(
        "Subject".into(),
        template::render(&template.subject, values, Format::Text).into(),
    );
    if let Some(html) = &template.html_body {
        email.insert(
            "HtmlBody".into(),
            template::render(html, values, Format::Html).into(),
        );
    }
    if let Some(text) = &template.text_body {
        email.insert(
            "TextBody".into(),
            template::render(text, values, Format::Text).into(),
        );
    }
}

/// Every placeholder Cognito offers in these emails, plus the emulator's `{app-base-url}`.
fn placeholders(
    pool: &UserPool,
    user: &User,
    event: &AuthEvent,
    world: &World,
    emulator_url: &str,
    app_base_url: &str,
) -> Vec<(&'static str, Value)> {
    let known =
        |field: &Option<String>| Value::Data(field.clone().unwrap_or_else(|| "unknown".into()));
    let login = event.creation_date.unwrap_or(world.started);
    let one_click = |value: &str| {
        Value::Url(one_click::link(
            emulator_url,
            &pool.id,
            &user.username,
            event,
            value,
        ))
    };
    vec![
        ("username", Value::Data(user.username.clone())),
        ("event-id", Value::Data(event.event_id.clone())),
        ("feedback-token", Value::Data(event.feedback_token.clone())),
        ("ip-address", known(&event.ip_address)),
        ("city", known(&event.city)),
        ("country", known(&event.country)),
        ("device-name", known(&event.device_name)),
        ("login-time", Value::Data(login_time(login))),
        ("one-click-link-valid", one_click("Valid")),
        ("one-click-link-invalid", one_click("Invalid")),
        ("app-base-url", Value::Url(app_base_url.to_owned())),
    ]
}

/// `2025-11-28 13:00:00 UTC`.
fn login_time(epoch_seconds: u64) -> String {
    let when = UNIX_EPOCH + Duration::from_secs(epoch_seconds);
    let rfc3339 = humantime::format_rfc3339_seconds(when).to_string();
    format!(
        "{} UTC",
        rfc3339.trim_end_matches('Z').replacen('T', " ", 1)
    )
}

/// The request's `AppBaseUrl` without a trailing `/`, checked to be an http(s) URL that stays one
/// URL inside a template (no whitespace, quotes or angle brackets).
fn app_base_url(given: Option<&str>) -> Result<String, Refused> {
    let url = given.unwrap_or(DEFAULT_APP_BASE_URL).trim_end_matches('/');
    let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
    let chars_ok = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>'));
    if scheme_ok && chars_ok {
        Ok(url.to_owned())
    } else {
        Err(Refused::new(
            400,
            format!(
                "AppBaseUrl must be an http:// or https:// URL without spaces or quotes, not '{url}'"
            ),
        ))
    }
}

fn json_response(status: u16, body: &Json) -> Response {
    Response::new(status, "application/json", body.to_string().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_time_is_utc_in_words_a_person_reads() {
        assert_eq!(login_time(1_764_334_800), "2025-11-28 13:00:00 UTC");
        assert_eq!(login_time(0), "1970-01-01 00:00:00 UTC");
    }

    #[test]
    fn the_app_base_url_must_be_one_http_url() {
        assert_eq!(
            app_base_url(Some("http://127.0.0.1:8080/")).ok().as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            app_base_url(None).ok().as_deref(),
            Some(DEFAULT_APP_BASE_URL)
        );
        for bad in [
            "ftp://x",
            "http://a b",
            "http://x\"",
            "127.0.0.1:80",
            "http://",
        ] {
            let refused = app_base_url(Some(bad)).expect_err(bad);
            assert_eq!(refused.status, 400, "{bad}");
            assert!(refused.message.contains("AppBaseUrl"), "{bad}");
        }
    }
}
