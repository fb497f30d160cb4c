//! The emulator's world: user pools, users with their aliases, auth events with feedback tokens,
//! and scripted EventIds, read from a JSON fixture (format in the crate's README).

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::Path;

use serde::Deserialize;

use crate::validate::{self, EVENT_ID, FEEDBACK_TOKEN, USER_POOL_ID, USERNAME};

/// The built-in fixture, `fixtures/default.json`, that every test of the project shares.
pub const DEFAULT_FIXTURE_JSON: &str = include_str!("../fixtures/default.json");

/// The emulator's state at start: user pools and scripted answers.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// The user pools the emulator knows.
    pub user_pools: Vec<UserPool>,
    /// EventIds that get a fixed answer whatever the pool, user and token.
    #[serde(default)]
    pub scripted: BTreeMap<String, ScriptedAnswer>,
}

/// A user pool.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserPool {
    /// The pool id, such as `us-east-1_PlusPool1`.
    pub id: String,
    /// A description for people; not used by the emulator.
    #[serde(default)]
    pub name: String,
    /// The pool's feature plan; only `PLUS` has threat protection and so auth-event feedback.
    pub feature_plan: FeaturePlan,
    /// The pool's users.
    #[serde(default)]
    pub users: Vec<User>,
    /// The threat-protection notification emails, as Cognito's `NotifyConfiguration` (rendered by
    /// `POST /__emulator/notify`).
    #[serde(default)]
    pub notify_configuration: Option<NotifyConfiguration>,
}

/// Cognito's `NotifyConfigurationType`: who sends the threat-protection emails and their templates,
/// one per automated response. Field names as in Cognito's API (`SetRiskConfiguration`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct NotifyConfiguration {
    /// The sender's address.
    #[serde(default)]
    pub from: Option<String>,
    /// The reply-to address.
    #[serde(default)]
    pub reply_to: Option<String>,
    /// The SES identity allowed to send for `From` (kept for fidelity; the emulator sends nothing).
    #[serde(default)]
    pub source_arn: Option<String>,
    /// The email for a risky sign-in that was blocked.
    #[serde(default)]
    pub block_email: Option<NotifyEmail>,
    /// The email for a risky sign-in that was allowed.
    #[serde(default)]
    pub no_action_email: Option<NotifyEmail>,
    /// The email for a risky sign-in that was challenged with MFA.
    #[serde(default)]
    pub mfa_email: Option<NotifyEmail>,
}

/// Cognito's `NotifyEmailType`: one email template (placeholders such as `{username}`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct NotifyEmail {
    /// The subject.
    pub subject: String,
    /// The HTML body.
    #[serde(default)]
    pub html_body: Option<String>,
    /// The plain-text body.
    #[serde(default)]
    pub text_body: Option<String>,
}

/// Cognito's user pool feature plans (`UserPoolTierType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum FeaturePlan {
    /// Lite.
    Lite,
    /// Essentials, the default plan of new pools.
    Essentials,
    /// Plus: threat protection, auth events and their feedback.
    Plus,
}

/// A user of a pool, found by its username or either alias.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    /// The canonical username (what the emulator records).
    pub username: String,
    /// The user's `sub`, also accepted in place of the username.
    pub sub: String,
    /// The user's email alias, also accepted in place of the username.
    #[serde(default)]
    pub email: Option<String>,
    /// The user's auth events.
    #[serde(default)]
    pub events: Vec<AuthEvent>,
}

impl User {
    /// Whether `name` is this user's username, `sub` or email alias.
    pub fn answers_to(&self, name: &str) -> bool {
        self.username == name || self.sub == name || self.email.as_deref() == Some(name)
    }

    /// The names this user answers to.
    fn aliases(&self) -> impl Iterator<Item = &str> {
        [
            Some(self.username.as_str()),
            Some(self.sub.as_str()),
            self.email.as_deref(),
        ]
        .into_iter()
        .flatten()
    }
}

/// An auth event that threat protection recorded for a user.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthEvent {
    /// The EventId.
    pub event_id: String,
    /// The feedback token mailed to the user for this event.
    pub feedback_token: String,
    /// Set when the token is past its validity: feedback then fails with NotAuthorizedException.
    #[serde(default)]
    pub token_expired: bool,
    /// `SignIn`, `SignUp`, `ForgotPassword`, … (default `SignIn`).
    #[serde(default = "default_event_type")]
    pub event_type: String,
    /// When the event happened, in epoch seconds (default: when the emulator started).
    #[serde(default)]
    pub creation_date: Option<u64>,
    /// `Pass`, `Fail` or `InProgress` (default `Pass`).
    #[serde(default = "default_event_response")]
    pub event_response: String,
    /// `NoRisk`, `AccountTakeover` or `Block`, when known.
    #[serde(default)]
    pub risk_decision: Option<String>,
    /// `Low`, `Medium` or `High`, when known.
    #[serde(default)]
    pub risk_level: Option<String>,
    /// The client's IP address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// The client's device.
    #[serde(default)]
    pub device_name: Option<String>,
    /// The client's city.
    #[serde(default)]
    pub city: Option<String>,
    /// The client's country.
    #[serde(default)]
    pub country: Option<String>,
}

fn default_event_type() -> String {
    "SignIn".to_owned()
}

fn default_event_response() -> String {
    "Pass".to_owned()
}

/// The fixed answer for a scripted EventId.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawScripted")]
pub enum ScriptedAnswer {
    /// Never answer: hold the connection open until the client closes it or the emulator stops.
    Stall,
    /// Answer this error.
    Error {
        /// The HTTP status, 400–599.
        status: u16,
        /// The error code (body `__type`).
        code: String,
        /// The body's `message`, if any.
        message: Option<String>,
        /// The body's `reasonCode`, if any.
        reason_code: Option<String>,
    },
}

/// A scripted answer as written in the fixture.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScripted {
    #[serde(default)]
    stall: bool,
    status: Option<u16>,
    code: Option<String>,
    message: Option<String>,
    reason_code: Option<String>,
}

impl TryFrom<RawScripted> for ScriptedAnswer {
    type Error = String;

    fn try_from(raw: RawScripted) -> Result<Self, String> {
        match raw {
            RawScripted {
                stall: true,
                status: None,
                code: None,
                message: None,
                reason_code: None,
            } => Ok(Self::Stall),
            RawScripted { stall: true, .. } => {
                Err("a stalling answer takes no status, code, message or reason_code".into())
            }
            RawScripted {
                status: Some(status @ 400..=599),
                code: Some(code),
                message,
                reason_code,
                ..
            } => {
                if code.is_empty() {
                    Err("the error code must not be empty".into())
                } else {
                    Ok(Self::Error {
                        status,
                        code,
                        message,
                        reason_code,
                    })
                }
            }
            RawScripted {
                status: Some(status),
                code: Some(_),
                ..
            } => Err(format!("status {status} is not an error status (400-599)")),
            _ => Err(r#"give either "stall": true, or "status" and "code""#.into()),
        }
    }
}

impl Default for Fixture {
    /// The built-in fixture, [`DEFAULT_FIXTURE_JSON`].
    fn default() -> Self {
        Self::from_json(DEFAULT_FIXTURE_JSON)
            .expect("the built-in fixture is valid (checked by a unit test)")
    }
}

impl Fixture {
    /// Parses and checks a fixture; the error names what is wrong and where.
    pub fn from_json(text: &str) -> io::Result<Self> {
        let fixture: Self =
            serde_json::from_str(text).map_err(|e| invalid(format!("fixture: {e}")))?;
        fixture
            .check()
            .map_err(|e| invalid(format!("fixture: {e}")))?;
        Ok(fixture)
    }

    /// Reads, parses and checks a fixture file; the error names the file.
    pub fn from_file(path: &Path) -> io::Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot read fixture {}: {e}", path.display()),
            )
        })?;
        Self::from_json(&text).map_err(|e| invalid(format!("{}: {e}", path.display())))
    }

    /// The pool with this id.
    pub fn pool(&self, id: &str) -> Option<&UserPool> {
        self.user_pools.iter().find(|pool| pool.id == id)
    }

    /// Checks what serde cannot: ids that clients could send, and no ambiguous names.
    fn check(&self) -> Result<(), String> {
        let mut pool_ids = HashSet::new();
        for pool in &self.user_pools {
            let at = format!("user pool '{}'", pool.id);
            ensure(validate::is_valid(&USER_POOL_ID, &pool.id), || {
                format!("{at}: not a valid UserPoolId")
            })?;
            ensure(pool_ids.insert(pool.id.as_str()), || {
                format!("{at}: listed twice")
            })?;
            if let Some(notify) = &pool.notify_configuration {
                notify
                    .check()
                    .map_err(|e| format!("{at}, notify_configuration: {e}"))?;
            }
            let (mut names, mut event_ids) = (HashSet::new(), HashSet::new());
            for user in &pool.users {
                let at = format!("{at}, user '{}'", user.username);
                for alias in user.aliases() {
                    ensure(validate::is_valid(&USERNAME, alias), || {
                        format!("{at}: '{alias}' is not a valid Username")
                    })?;
                    ensure(names.insert(alias), || {
                        format!("{at}: the name '{alias}' belongs to two users")
                    })?;
                }
                for event in &user.events {
                    let at = format!("{at}, event '{}'", event.event_id);
                    ensure(validate::is_valid(&EVENT_ID, &event.event_id), || {
                        format!("{at}: not a valid EventId")
                    })?;
                    ensure(event_ids.insert(event.event_id.as_str()), || {
                        format!("{at}: EventId used twice in the pool")
                    })?;
                    ensure(
                        validate::is_valid(&FEEDBACK_TOKEN, &event.feedback_token),
                        || format!("{at}: the feedback token is not a valid FeedbackToken"),
                    )?;
                }
            }
        }
        for event_id in self.scripted.keys() {
            ensure(validate::is_valid(&EVENT_ID, event_id), || {
                format!("scripted '{event_id}': not a valid EventId")
            })?;
        }
        Ok(())
    }
}

impl NotifyConfiguration {
    /// Each template has a subject and at least one body.
    fn check(&self) -> Result<(), String> {
        let templates = [
            ("BlockEmail", &self.block_email),
            ("NoActionEmail", &self.no_action_email),
            ("MfaEmail", &self.mfa_email),
        ];
        for (name, template) in templates {
            let Some(template) = template else { continue };
            ensure(!template.subject.trim().is_empty(), || {
                format!("{name}: the Subject must not be empty")
            })?;
            ensure(
                template.html_body.is_some() || template.text_body.is_some(),
                || format!("{name}: give an HtmlBody, a TextBody or both"),
            )?;
        }
        Ok(())
    }
}

impl UserPool {
    /// The user that answers to `name` (username, `sub` or email).
    pub fn user(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|user| user.answers_to(name))
    }
}

fn ensure(condition: bool, error: impl FnOnce() -> String) -> Result<(), String> {
    if condition { Ok(()) } else { Err(error()) }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        Fixture::from_json(text)
            .expect_err("fixture should be refused")
            .to_string()
    }

    #[test]
    fn the_default_fixture_loads() {
        let fixture = Fixture::default();
        let plus = fixture.pool("us-east-1_PlusPool1").expect("plus pool");
        assert_eq!(plus.feature_plan, FeaturePlan::Plus);
        assert_eq!(
            fixture.pool("us-east-1_EssPool2").unwrap().feature_plan,
            FeaturePlan::Essentials
        );
        assert_eq!(fixture.scripted["evt-stall"], ScriptedAnswer::Stall);
        assert!(matches!(
            &fixture.scripted["evt-internal-error"],
            ScriptedAnswer::Error { status: 500, .. }
        ));
    }

    #[test]
    fn users_answer_to_username_sub_and_email() {
        let fixture = Fixture::default();
        let pool = fixture.pool("us-east-1_PlusPool1").unwrap();
        for name in [
            "alice",
            "0f6c2c1e-5b1a-4a4a-9b9b-00000000a11c",
            "alice@example.com",
        ] {
            assert_eq!(
                pool.user(name).map(|u| u.username.as_str()),
                Some("alice"),
                "{name}"
            );
        }
        assert!(pool.user("Alice").is_none());
    }

    #[test]
    fn unknown_fields_and_bad_values_are_named() {
        assert!(error_of(r#"{"user_pools": [], "extra": 1}"#).contains("unknown field `extra`"));
        assert!(
            error_of(r#"{"user_pools": [{"id": "a_b", "feature_plan": "GOLD"}]}"#).contains("GOLD")
        );
        assert!(
            error_of(r#"{"user_pools": [{"id": "nounderscore", "feature_plan": "PLUS"}]}"#)
                .contains("user pool 'nounderscore': not a valid UserPoolId")
        );
    }

    #[test]
    fn ambiguous_names_and_events_are_refused() {
        let twice = r#"{"user_pools": [{"id": "a_b", "feature_plan": "PLUS", "users": [
            {"username": "u1", "sub": "s1", "email": "x@e"}, {"username": "u2", "sub": "x@e"}]}]}"#;
        assert!(error_of(twice).contains("user 'u2': the name 'x@e' belongs to two users"));
        let events = r#"{"user_pools": [{"id": "a_b", "feature_plan": "PLUS", "users": [
            {"username": "u1", "sub": "s1", "events": [{"event_id": "e", "feedback_token": "t"}]},
            {"username": "u2", "sub": "s2", "events": [{"event_id": "e", "feedback_token": "t"}]}]}]}"#;
        assert!(error_of(events).contains("event 'e': EventId used twice in the pool"));
        let token = r#"{"user_pools": [{"id": "a_b", "feature_plan": "PLUS", "users": [
            {"username": "u1", "sub": "s1", "events": [{"event_id": "e", "feedback_token": "t t"}]}]}]}"#;
        assert!(error_of(token).contains("not a valid FeedbackToken"));
    }

    #[test]
    fn the_plus_pool_has_notification_templates() {
        let fixture = Fixture::default();
        let notify = fixture
            .pool("us-east-1_PlusPool1")
            .and_then(|pool| pool.notify_configuration.as_ref())
            .expect("a notify configuration");
        for template in [
            &notify.block_email,
            &notify.no_action_email,
            &notify.mfa_email,
        ] {
            let template = template.as_ref().expect("every template");
            for body in [&template.html_body, &template.text_body] {
                let body = body.as_deref().expect("both bodies");
                for placeholder in ["{username}", "{event-id}", "{feedback-token}"] {
                    assert!(body.contains(placeholder), "{placeholder} in {body}");
                }
            }
        }
    }

    #[test]
    fn notification_templates_are_checked() {
        let with = |notify: &str| {
            format!(
                r#"{{"user_pools": [{{"id": "a_b", "feature_plan": "PLUS", "notify_configuration": {notify}}}]}}"#
            )
        };
        assert!(
            error_of(&with(
                r#"{"MfaEmail": {"Subject": " ", "TextBody": "hello!"}}"#
            ))
            .contains(
                "user pool 'a_b', notify_configuration: MfaEmail: the Subject must not be empty"
            )
        );
        assert!(
            error_of(&with(r#"{"BlockEmail": {"Subject": "Hi"}}"#))
                .contains("BlockEmail: give an HtmlBody, a TextBody or both")
        );
        assert!(error_of(&with(r#"{"Bcc": "x"}"#)).contains("unknown field `Bcc`"));
        assert!(
            Fixture::from_json(&with(
                r#"{"NoActionEmail": {"Subject": "Hi", "TextBody": "hello"}}"#
            ))
            .is_ok()
        );
    }

    #[test]
    fn scripted_answers_are_checked() {
        let cases = [
            (
                r#"{"stall": true, "status": 500, "code": "X"}"#,
                "a stalling answer takes no status",
            ),
            (
                r#"{"status": 200, "code": "X"}"#,
                "status 200 is not an error status",
            ),
            (
                r#"{"status": 400}"#,
                r#"give either "stall": true, or "status" and "code""#,
            ),
            (
                r#"{"status": 400, "code": ""}"#,
                "the error code must not be empty",
            ),
        ];
        for (answer, expected) in cases {
            let text = format!(r#"{{"user_pools": [], "scripted": {{"e": {answer}}}}}"#);
            assert!(
                error_of(&text).contains(expected),
                "{answer}: {}",
                error_of(&text)
            );
        }
        let bad_key = r#"{"user_pools": [], "scripted": {"e.1": {"stall": true}}}"#;
        assert!(error_of(bad_key).contains("scripted 'e.1': not a valid EventId"));
    }
}
