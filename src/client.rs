//! One call: validate, resolve the endpoint, run the attempt loop (its retry decisions are the
//! [`RetryStrategy`]'s), and build the call's outcome once, when it ends.

use std::borrow::Cow;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

use ureq::http::HeaderMap;

use crate::cancel::CancelToken;
use crate::config::{Config, LogLevel, Logger, Settings};
use crate::endpoint::{self, EndpointParams};
use crate::error::{Answer, Error, ErrorKind, Failure, TimeoutPhase};
use crate::http::{self, HttpResponse};
use crate::model::UpdateAuthEventFeedbackRequest;
use crate::protocol;
use crate::retry::{CallRetries, Decision, Pace, RetryStrategy};
use crate::text::Escaped;
use crate::transport::Transport;

/// A Cognito client. Create it once and share it: it is `Send + Sync` and owns the
/// keep-alive connection pool, the retry quota and the adaptive rate limiter.
pub struct Client {
    endpoint: String,
    transport: Transport,
    user_agent: String,
    attempt_timeout: Duration,
    total_timeout: Option<Duration>,
    retry: RetryStrategy,
    log: Logger,
    max_concurrency: usize,
}

/// A successful UpdateAuthEventFeedback call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateAuthEventFeedbackOutput {
    pub(crate) request_id: Option<String>,
    pub(crate) http_status: u16,
    pub(crate) content_length: u64,
    pub(crate) attempts: u32,
    pub(crate) headers: HeaderMap,
}

impl UpdateAuthEventFeedbackOutput {
    /// The output of a call whose attempt number `attempts` got the successful `response`.
    fn new(response: HttpResponse, attempts: u32) -> UpdateAuthEventFeedbackOutput {
        UpdateAuthEventFeedbackOutput {
            request_id: response.request_id(),
            http_status: response.status(),
            content_length: response.content_length(),
            attempts,
            headers: response.into_headers(),
        }
    }

    /// The `x-amzn-RequestId` the service sent.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The HTTP status (200).
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
    /// The length of the response body as received (2 for Cognito's `{}`): the
    /// `Content-Length` header's value, or the bytes read when the body came without one.
    /// The AWS SDK for .NET reports it as `ContentLength`.
    pub fn content_length(&self) -> u64 {
        self.content_length
    }
    /// How many attempts the call made (1 when the first succeeded).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
    /// The response's headers, in the order received (lowercase names; bytes that are not
    /// UTF-8 replaced by U+FFFD), as botocore reports them in `HTTPHeaders`.
    pub fn headers(&self) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
        http::header_pairs(&self.headers)
    }
}

/// One call under way.
struct Call<'a> {
    /// The request body every attempt sends.
    body: Vec<u8>,
    /// The `amz-sdk-invocation-id` every attempt sends.
    invocation_id: String,
    cancel: Option<&'a CancelToken>,
    retries: CallRetries<'a>,
    /// The status and request id of the last response received.
    last_answer: Option<Answer>,
}

impl Call<'_> {
    /// `Err` (the call's cancellation) when the call's cancel token has been cancelled.
    fn check_cancelled(&self) -> Result<(), Failure> {
        if self.cancel.is_some_and(CancelToken::is_cancelled) {
            Err(Failure::cancelled())
        } else {
            Ok(())
        }
    }

    /// Sleeps, waking at once on cancel; `Err` (the call's cancellation) when cancelled.
    fn sleep(&self, duration: Duration) -> Result<(), Failure> {
        let completed = match self.cancel {
            Some(token) => token.sleep(duration),
            None => {
                std::thread::sleep(duration);
                true
            }
        };
        if completed {
            Ok(())
        } else {
            Err(Failure::cancelled())
        }
    }

    /// The call's error, the one place it is built: `failure` ended the call after the
    /// attempts made, and the last response received gives the status and request id of a
    /// failure about none.
    fn into_error(self, failure: Failure) -> Error {
        Error::after_attempts(failure, self.retries.attempts(), self.last_answer)
    }
}

/// When an attempt must end.
struct AttemptWindow {
    /// The attempt's own timeout from its start, cut to the call's total deadline.
    end: Instant,
    /// Whether the total deadline, not the attempt timeout, sets `end`.
    ends_call: bool,
}

impl Client {
    /// Builds a client: resolves settings (explicit > environment > config file profile >
    /// default) and the endpoint.
    /// Fails with a [`ErrorKind::Config`] error when they cannot work.
    pub fn new(config: Config) -> Result<Client, Error> {
        let settings = config.resolve()?;
        let endpoint = endpoint::resolve(&EndpointParams {
            region: settings.region.as_deref(),
            use_fips: settings.use_fips,
            use_dualstack: settings.use_dualstack,
            endpoint: settings.endpoint_url.as_deref(),
        })?;
        let user_agent = protocol::user_agent(settings.app_id.as_deref());
        let transport = Transport::new(&endpoint, &user_agent, &settings)?;
        log_settings(&settings, &endpoint);
        Ok(Client {
            endpoint,
            transport,
            user_agent,
            attempt_timeout: settings.attempt_timeout,
            total_timeout: settings.total_timeout,
            retry: RetryStrategy::new(settings.max_attempts, settings.retry_mode),
            log: settings.log,
            max_concurrency: settings.max_concurrency,
        })
    }

    /// How many completion-API calls may run at once (`Config::max_concurrency`).
    pub(crate) fn max_concurrency(&self) -> usize {
        self.max_concurrency
    }

    /// The endpoint URL calls go to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// A warning when the endpoint is a plain `http://` URL to a host that is not this
    /// machine (an endpoint override): the FeedbackToken then travels unencrypted. The client
    /// logged it once, at [`LogLevel::Warn`], when it was made.
    pub fn cleartext_warning(&self) -> Option<&str> {
        self.transport.cleartext_warning()
    }

    /// The most attempts a call makes, the first included (the setting, else its variable,
    /// else 3). A call that ends on this attempt is what botocore reports as
    /// `MaxAttemptsReached`.
    pub fn max_attempts(&self) -> u32 {
        self.retry.max_attempts()
    }

    /// Reports the user's feedback. Blocks until the call ends: success, a final error, the
    /// deadline, or `cancel`.
    pub fn update_auth_event_feedback(
        &self,
        request: &UpdateAuthEventFeedbackRequest,
        cancel: Option<&CancelToken>,
    ) -> Result<UpdateAuthEventFeedbackOutput, Error> {
        let started = Instant::now();
        let result = self.call(request, cancel, started);
        self.log_outcome(&result, started.elapsed().as_millis());
        result
    }

    /// Logs how a call that took `elapsed_ms` ended.
    fn log_outcome(&self, result: &Result<UpdateAuthEventFeedbackOutput, Error>, elapsed_ms: u128) {
        match result {
            Ok(output) => self.log.log(
                LogLevel::Info,
                format_args!(
                    "UpdateAuthEventFeedback succeeded: HTTP {}, request id {}, {} attempt(s), {elapsed_ms} ms",
                    output.http_status,
                    Escaped(output.request_id.as_deref().unwrap_or("-")),
                    output.attempts
                ),
            ),
            Err(error) => self.log.log(
                LogLevel::Info,
                format_args!(
                    "UpdateAuthEventFeedback failed: {} ({:?}), request id {}, {} attempt(s), {elapsed_ms} ms",
                    error,
                    error.kind(),
                    Escaped(error.request_id().unwrap_or("-")),
                    error.attempts()
                ),
            ),
        }
    }

    /// Validation, then the attempt loop; the error, if any, is built here once.
    fn call(
        &self,
        request: &UpdateAuthEventFeedbackRequest,
        cancel: Option<&CancelToken>,
        started: Instant,
    ) -> Result<UpdateAuthEventFeedbackOutput, Error> {
        request.validate()?;
        let mut call = Call {
            body: protocol::encode_request(request),
            invocation_id: invocation_id(),
            cancel,
            retries: self.retry.start(self.total_timeout.map(|t| started + t)),
            last_answer: None,
        };
        match self.attempts(&mut call) {
            Ok(output) => Ok(output),
            Err(failure) => Err(call.into_error(failure)),
        }
    }

    /// The attempt loop: the output of the attempt that succeeds, or the failure that ends
    /// the call.
    fn attempts(&self, call: &mut Call<'_>) -> Result<UpdateAuthEventFeedbackOutput, Failure> {
        loop {
            call.check_cancelled()?;
            self.wait_for_pace(call)?;
            let window = self.attempt_window(call)?;
            let attempt = call.retries.begin_attempt();
            match self.attempt(call, attempt, window.end) {
                Ok(output) => {
                    call.retries.succeeded(Instant::now());
                    return Ok(output);
                }
                Err(failure) => {
                    let delay = self.retry_delay(call, failure, &window)?;
                    call.sleep(delay)?;
                }
            }
        }
    }

    /// Adaptive mode: waits until the client-side rate limiter lets an attempt go; `Err` when
    /// the wait would pass the deadline, or the call is cancelled while waiting.
    fn wait_for_pace(&self, call: &Call<'_>) -> Result<(), Failure> {
        loop {
            match call.retries.pace(Instant::now()) {
                Pace::Now => return Ok(()),
                Pace::PastDeadline => return Err(self.deadline_failure()),
                Pace::After(wait) => {
                    self.log.log(
                        LogLevel::Debug,
                        format_args!(
                            "rate limiter: waiting {} ms before the next attempt",
                            wait.as_millis()
                        ),
                    );
                    call.sleep(wait)?;
                }
            }
        }
    }

    /// When the next attempt must end: its own timeout from now, cut to the call's total
    /// deadline. `Err` when the total deadline has passed.
    fn attempt_window(&self, call: &Call<'_>) -> Result<AttemptWindow, Failure> {
        let now = Instant::now();
        let own_end = now + self.attempt_timeout;
        match call.retries.deadline() {
            Some(deadline) if deadline <= now => Err(self.deadline_failure()),
            Some(deadline) => Ok(AttemptWindow {
                end: own_end.min(deadline),
                ends_call: deadline <= own_end,
            }),
            None => Ok(AttemptWindow {
                end: own_end,
                ends_call: false,
            }),
        }
    }

    /// Attempt number `attempt` of `call`: sends the request and reads the answer, giving up
    /// at `deadline`. The output on success, else what failed.
    fn attempt(
        &self,
        call: &Call<'_>,
        attempt: u32,
        deadline: Instant,
    ) -> Result<UpdateAuthEventFeedbackOutput, Failure> {
        let sdk_request = protocol::sdk_request_header(attempt, self.retry.max_attempts());
        let headers = [
            ("Content-Type", protocol::CONTENT_TYPE),
            ("X-Amz-Target", protocol::TARGET),
            ("User-Agent", self.user_agent.as_str()),
            ("X-Amz-User-Agent", self.user_agent.as_str()),
            ("amz-sdk-invocation-id", call.invocation_id.as_str()),
            ("amz-sdk-request", sdk_request.as_str()),
        ];
        self.log.log(
            LogLevel::Debug,
            format_args!(
                "attempt {attempt}/{}: POST {}",
                self.retry.max_attempts(),
                self.endpoint
            ),
        );
        let sent = Instant::now();
        let outcome = self
            .transport
            .send(&headers, &call.body, deadline, call.cancel)
            .and_then(protocol::parse_response);
        self.log_attempt(attempt, &outcome, sent.elapsed().as_millis());
        outcome.map(|response| UpdateAuthEventFeedbackOutput::new(response, attempt))
    }

    /// Logs, at debug level, how attempt number `attempt` ended after `took_ms`.
    fn log_attempt(&self, attempt: u32, outcome: &Result<HttpResponse, Failure>, took_ms: u128) {
        match outcome {
            Ok(response) => self.log.log(
                LogLevel::Debug,
                format_args!(
                    "attempt {attempt}: HTTP {} in {took_ms} ms",
                    response.status()
                ),
            ),
            Err(failure) => self.log.log(
                LogLevel::Debug,
                format_args!(
                    "attempt {attempt}: {failure} ({:?}) in {took_ms} ms",
                    failure.kind()
                ),
            ),
        }
    }

    /// After a failed attempt: how long to wait before the next, or the failure that ends the
    /// call (the failure itself, or the total timeout's when it cut the attempt short).
    fn retry_delay(
        &self,
        call: &mut Call<'_>,
        failure: Failure,
        window: &AttemptWindow,
    ) -> Result<Duration, Failure> {
        if let Some(answer) = failure.answer() {
            call.last_answer = Some(answer.without_headers());
        }
        if failure.kind() == ErrorKind::Timeout && window.ends_call && Instant::now() >= window.end
        {
            return Err(self.deadline_failure());
        }
        let attempt = call.retries.attempts();
        match call.retries.failed(&failure, Instant::now()) {
            Decision::RetryAfter(delay, class) => {
                self.log.log(
                    LogLevel::Info,
                    format_args!(
                        "attempt {attempt}/{} failed ({failure}); retrying in {} ms ({class:?})",
                        self.retry.max_attempts(),
                        delay.as_millis()
                    ),
                );
                Ok(delay)
            }
            Decision::GiveUp(why) => {
                if let Some(why) = why {
                    self.log.log(
                        LogLevel::Warn,
                        format_args!("not retrying after attempt {attempt}: {why}"),
                    );
                }
                Err(failure)
            }
        }
    }

    /// The failure of a call whose total timeout passed.
    fn deadline_failure(&self) -> Failure {
        let limit = self.total_timeout.unwrap_or_default().as_millis();
        Failure::timeout(
            TimeoutPhase::Total,
            format!("the call's total timeout of {limit} ms passed"),
        )
    }
}

/// Logs, at debug level, the settings a client was made with and what it will do.
fn log_settings(settings: &Settings, endpoint: &str) {
    settings.log.log(
        LogLevel::Debug,
        format_args!("settings: {}", settings.origins),
    );
    settings.log.log(
        LogLevel::Debug,
        format_args!(
            "client for {endpoint}: {} attempts at most, {:?} retry mode",
            settings.max_attempts, settings.retry_mode
        ),
    );
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("max_attempts", &self.retry.max_attempts())
            .field("adaptive", &self.retry.is_adaptive())
            .finish_non_exhaustive()
    }
}

/// A random (version 4) UUID for `amz-sdk-invocation-id`. It need not be secret, only
/// unique: std's randomly keyed hasher (fresh keys for each `RandomState`) gives the bits.
fn invocation_id() -> String {
    let keys = RandomState::new();
    let mut bytes = [0u8; 16];
    for (i, half) in bytes.chunks_mut(8).enumerate() {
        let mut hasher = keys.build_hasher();
        hasher.write_usize(i);
        half.copy_from_slice(&hasher.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut id = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        id.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
        id.push(char::from(HEX_DIGITS[usize::from(byte & 0x0f)]));
    }
    id
}

/// The lowercase hex digits, by value.
const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invocation_ids_are_version_4_uuids_and_differ() {
        let a = invocation_id();
        let b = invocation_id();
        assert_ne!(a, b);
        for id in [&a, &b] {
            let groups: Vec<&str> = id.split('-').collect();
            assert_eq!(
                groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12],
                "{id}"
            );
            assert!(
                id.chars()
                    .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            );
            assert!(groups[2].starts_with('4'), "{id}");
            assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{id}");
            assert_eq!(id.len(), 36, "{id}");
        }
    }

    #[test]
    fn invocation_ids_spell_out_all_sixteen_bytes() {
        // Every hex digit value turns up somewhere across a few hundred ids (each holds
        // 30 random digits), so no digit of the table is wrong or unused.
        let seen: std::collections::BTreeSet<char> = (0..200)
            .flat_map(|_| invocation_id().chars().collect::<Vec<_>>())
            .filter(|c| *c != '-')
            .collect();
        assert_eq!(seen.into_iter().collect::<String>(), "0123456789abcdef");
    }
}
