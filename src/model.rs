//! The request of UpdateAuthEventFeedback, its FeedbackValue, and validation against the model.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// The user's verdict on an authentication event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedbackValue {
    /// "This was me": the event came from the real user.
    Valid,
    /// "This wasn't me": the event was not from the user.
    Invalid,
}

impl FeedbackValue {
    /// The wire value: `Valid` or `Invalid`.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackValue::Valid => "Valid",
            FeedbackValue::Invalid => "Invalid",
        }
    }
}

impl FromStr for FeedbackValue {
    type Err = Error;

    /// Parses exactly `Valid` or `Invalid` (case-sensitive, as the service's enum).
    fn from_str(s: &str) -> Result<FeedbackValue, Error> {
        todo!("{s}")
    }
}

/// The five members of an UpdateAuthEventFeedback call.
///
/// `username` and `feedback_token` are secrets: `Debug` shows them redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct UpdateAuthEventFeedbackRequest {
    /// The user pool's ID, e.g. `us-east-1_AbCdEf123`.
    pub user_pool_id: String,
    /// The user's username, alias or `sub` (sensitive).
    pub username: String,
    /// The authentication event's ID, from the notification email.
    pub event_id: String,
    /// The feedback token from the notification email (sensitive).
    pub feedback_token: String,
    /// The user's verdict.
    pub feedback_value: FeedbackValue,
}

impl UpdateAuthEventFeedbackRequest {
    /// Checks every member against the model's constraints; the error names the member.
    pub fn validate(&self) -> Result<(), Error> {
        todo!()
    }
}

impl fmt::Debug for UpdateAuthEventFeedbackRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateAuthEventFeedbackRequest")
            .field("user_pool_id", &self.user_pool_id)
            .field("username", &"*** Sensitive Data Redacted ***")
            .field("event_id", &self.event_id)
            .field("feedback_token", &"*** Sensitive Data Redacted ***")
            .field("feedback_value", &self.feedback_value)
            .finish()
    }
}
