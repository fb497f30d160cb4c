//! One call: validate, resolve the endpoint, run the attempt loop, report the outcome.

use crate::cancel::CancelToken;
use crate::config::Config;
use crate::error::Error;
use crate::model::UpdateAuthEventFeedbackRequest;

/// A Cognito client. Create it once and share it: it is `Send + Sync` and owns the
/// keep-alive connection pool, the retry quota and the adaptive rate limiter.
pub struct Client {}

/// A successful UpdateAuthEventFeedback call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateAuthEventFeedbackOutput {
    pub(crate) request_id: Option<String>,
    pub(crate) http_status: u16,
    pub(crate) attempts: u32,
}

impl UpdateAuthEventFeedbackOutput {
    /// The `x-amzn-RequestId` the service sent.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The HTTP status (200).
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
    /// How many attempts the call made (1 when the first succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl Client {
    /// Builds a client: resolves settings (explicit > environment > default) and the endpoint.
    /// Fails with a [`ErrorKind::Config`](crate::ErrorKind::Config) error when they cannot work.
    pub fn new(config: Config) -> Result<Client, Error> {
        todo!("{config:?}")
    }

    /// The endpoint URL calls go to.
    pub fn endpoint(&self) -> &str {
        todo!()
    }

    /// Reports the user's feedback. Blocks until the call ends: success, a final error, the
    /// deadline, or `cancel`.
    pub fn update_auth_event_feedback(
        &self,
        request: &UpdateAuthEventFeedbackRequest,
        cancel: Option<&CancelToken>,
    ) -> Result<UpdateAuthEventFeedbackOutput, Error> {
        todo!("{request:?} {cancel:?}")
    }
}
