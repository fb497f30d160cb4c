//! One call: validate, resolve the endpoint, run the attempt loop, report the outcome.

use std::borrow::Cow;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

use ureq::http::HeaderMap;

use crate::cancel::CancelToken;
use crate::config::{Config, LogLevel, Logger, RetryMode};
use crate::endpoint::{self, EndpointParams};
use crate::error::{Error, ErrorKind, TimeoutPhase};
use crate::model::UpdateAuthEventFeedbackRequest;
use crate::protocol;
use crate::retry::{self, AdaptiveRateLimiter, RetryClass, RetryQuota};
use crate::text::Escaped;
use crate::transport::Transport;

/// A Cognito client. Create it once and share it: it is `Send + Sync` and owns the
/// keep-alive connection pool, the retry quota and the adaptive rate limiter.
pub struct Client {
    endpoint: String,
    transport: Transport,
    user_agent: String,
    max_attempts: u32,
    attempt_timeout: Duration,
    total_timeout: Option<Duration>,
    quota: RetryQuota,
    /// Present in adaptive retry mode only.
    limiter: Option<AdaptiveRateLimiter>,
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
        crate::http::header_pairs(&self.headers)
    }
}

/// The state of one call across its attempts.
struct CallState<'a> {
    cancel: Option<&'a CancelToken>,
    /// When the whole call must end, if it has a total timeout.
    deadline: Option<Instant>,
    /// Attempts sent so far.
    attempts: u32,
    /// Retry quota tokens this call's retries took.
    acquired: u32,
    /// HTTP status and request id of the last response received.
    last_response: Option<(u16, Option<String>)>,
}

impl CallState<'_> {
    /// `error` as the call's final error: with the attempts made, and the last response's
    /// status and request id when it has none of its own.
    fn finish(&self, mut error: Error) -> Error {
        if error.http_status.is_none() {
            if let Some((status, request_id)) = &self.last_response {
                error.http_status = Some(*status);
                error.request_id = request_id.clone();
            }
        }
        error.with_attempts(self.attempts)
    }

    /// Whether the call's cancel token (if it has one) has been cancelled.
    fn cancelled(&self) -> bool {
        self.cancel.is_some_and(CancelToken::is_cancelled)
    }

    /// Sleeps, waking at once on cancel; `Err` (the final error) when cancelled.
    fn sleep(&self, duration: Duration) -> Result<(), Error> {
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
            Err(self.finish(Error::cancelled()))
        }
    }
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
        Ok(Client {
            endpoint,
            transport,
            user_agent,
            max_attempts: settings.max_attempts,
            attempt_timeout: settings.attempt_timeout,
            total_timeout: settings.total_timeout,
            quota: RetryQuota::new(),
            limiter: (settings.retry_mode == RetryMode::Adaptive).then(AdaptiveRateLimiter::new),
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
        self.max_attempts
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
        let elapsed_ms = started.elapsed().as_millis();
        match &result {
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
                    error.kind,
                    Escaped(error.request_id.as_deref().unwrap_or("-")),
                    error.attempts
                ),
            ),
        }
        result
    }

    /// Validation, then the attempt loop.
    fn call(
        &self,
        request: &UpdateAuthEventFeedbackRequest,
        cancel: Option<&CancelToken>,
        started: Instant,
    ) -> Result<UpdateAuthEventFeedbackOutput, Error> {
        request.validate()?;
        let body = protocol::encode_request(request);
        let invocation_id = invocation_id();
        let mut call = CallState {
            cancel,
            deadline: self.total_timeout.map(|t| started + t),
            attempts: 0,
            acquired: 0,
            last_response: None,
        };
        loop {
            if call.cancelled() {
                return Err(call.finish(Error::cancelled()));
            }
            if let Some(limiter) = &self.limiter {
                self.wait_for_rate_limiter(limiter, &call)?;
            }
            let (attempt_deadline, cut_to_total) = self.attempt_deadline(&call)?;
            call.attempts += 1;
            let attempt = self.attempt(
                call.attempts,
                &body,
                &invocation_id,
                attempt_deadline,
                cancel,
            );
            let (error, retry_after) = match attempt {
                Ok(output) => {
                    if let Some(limiter) = &self.limiter {
                        limiter.record_response(Instant::now(), false);
                    }
                    self.quota.on_success(call.acquired);
                    return Ok(output);
                }
                Err(failure) => failure,
            };
            if error.kind == ErrorKind::Cancelled {
                return Err(call.finish(error));
            }
            if let Some(status) = error.http_status {
                call.last_response = Some((status, error.request_id.clone()));
            }
            if error.kind == ErrorKind::Timeout
                && cut_to_total
                && Instant::now() >= attempt_deadline
            {
                return Err(call.finish(self.deadline_error()));
            }
            let class = retry::classify(&error);
            if let Some(limiter) = &self.limiter {
                limiter.record_response(Instant::now(), class == Some(RetryClass::Throttling));
            }
            let (delay, cost) = self.retry_delay(&call, &error, class, retry_after.as_deref())?;
            call.acquired += cost;
            call.sleep(delay)?;
        }
    }

    /// When the next attempt must end: its own timeout from now, cut to the call's total
    /// deadline, and whether that cut applies (the total deadline, not the attempt timeout,
    /// ends it). `Err` (the final error) when the total deadline has passed.
    fn attempt_deadline(&self, call: &CallState<'_>) -> Result<(Instant, bool), Error> {
        let now = Instant::now();
        let attempt_deadline = now + self.attempt_timeout;
        match call.deadline {
            Some(deadline) if deadline <= now => Err(call.finish(self.deadline_error())),
            Some(deadline) => Ok((attempt_deadline.min(deadline), deadline <= attempt_deadline)),
            None => Ok((attempt_deadline, false)),
        }
    }

    /// Attempt number `attempt`: sends the request and reads the answer, giving up at
    /// `deadline`. The output on success; else the error, with the response's
    /// `x-amz-retry-after` when there was one.
    fn attempt(
        &self,
        attempt: u32,
        body: &[u8],
        invocation_id: &str,
        deadline: Instant,
        cancel: Option<&CancelToken>,
    ) -> Result<UpdateAuthEventFeedbackOutput, (Error, Option<String>)> {
        let sdk_request = protocol::sdk_request_header(attempt, self.max_attempts);
        let headers = [
            ("Content-Type", protocol::CONTENT_TYPE),
            ("X-Amz-Target", protocol::TARGET),
            ("User-Agent", self.user_agent.as_str()),
            ("X-Amz-User-Agent", self.user_agent.as_str()),
            ("amz-sdk-invocation-id", invocation_id),
            ("amz-sdk-request", sdk_request.as_str()),
        ];
        self.log.log(
            LogLevel::Debug,
            format_args!(
                "attempt {attempt}/{}: POST {}",
                self.max_attempts, self.endpoint
            ),
        );
        let sent = Instant::now();
        let (outcome, retry_after) = match self.transport.send(&headers, body, deadline, cancel) {
            Ok(response) => {
                let retry_after = response.header("x-amz-retry-after").map(str::to_owned);
                let outcome = match protocol::parse_response(&response) {
                    Ok(id) => Ok((
                        id,
                        response.status(),
                        response.content_length(),
                        response.into_headers(),
                    )),
                    Err(mut error) => {
                        error.headers = Some(Box::new(response.into_headers()));
                        Err(error)
                    }
                };
                (outcome, retry_after)
            }
            Err(error) => (Err(error), None),
        };
        let took_ms = sent.elapsed().as_millis();
        match outcome {
            Ok((request_id, status, content_length, headers)) => {
                self.log.log(
                    LogLevel::Debug,
                    format_args!("attempt {attempt}: HTTP {status} in {took_ms} ms"),
                );
                Ok(UpdateAuthEventFeedbackOutput {
                    request_id,
                    http_status: status,
                    content_length,
                    attempts: attempt,
                    headers,
                })
            }
            Err(error) => {
                self.log.log(
                    LogLevel::Debug,
                    format_args!(
                        "attempt {attempt}: {error} ({:?}) in {took_ms} ms",
                        error.kind
                    ),
                );
                Err((error, retry_after))
            }
        }
    }

    /// How long to wait before retrying `error`, and the quota tokens the retry took; `Err`
    /// (the final error) when it must not be retried: not retryable, attempts used up, the
    /// backoff would pass the deadline, or the retry quota is empty.
    fn retry_delay(
        &self,
        call: &CallState<'_>,
        error: &Error,
        class: Option<RetryClass>,
        retry_after: Option<&str>,
    ) -> Result<(Duration, u32), Error> {
        let attempt = call.attempts;
        let give_up = |why: fmt::Arguments<'_>| {
            self.log.log(
                LogLevel::Warn,
                format_args!("not retrying after attempt {attempt}: {why}"),
            );
            call.finish(error.clone())
        };
        let Some(class) = class else {
            return Err(call.finish(error.clone()));
        };
        if attempt >= self.max_attempts {
            return Err(give_up(format_args!(
                "all {} attempts made",
                self.max_attempts
            )));
        }
        let backoff = retry::backoff(class, attempt, retry::jitter());
        let delay = retry::delay_with_retry_after(backoff, retry_after);
        if call.deadline.is_some_and(|d| Instant::now() + delay >= d) {
            return Err(give_up(format_args!(
                "the {} ms backoff would pass the total timeout",
                delay.as_millis()
            )));
        }
        let Some(cost) = self.quota.try_acquire(class) else {
            return Err(give_up(format_args!(
                "the retry quota is exhausted ({} tokens left)",
                self.quota.available()
            )));
        };
        self.log.log(
            LogLevel::Info,
            format_args!(
                "attempt {attempt}/{} failed ({error}); retrying in {} ms ({class:?})",
                self.max_attempts,
                delay.as_millis()
            ),
        );
        Ok((delay, cost))
    }

    /// Adaptive mode: waits until the client-side rate limiter lets an attempt go.
    fn wait_for_rate_limiter(
        &self,
        limiter: &AdaptiveRateLimiter,
        call: &CallState<'_>,
    ) -> Result<(), Error> {
        loop {
            let wait = limiter.acquire(Instant::now());
            if wait.is_zero() {
                return Ok(());
            }
            if call.deadline.is_some_and(|d| Instant::now() + wait >= d) {
                return Err(call.finish(self.deadline_error()));
            }
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

    /// The error of a call whose total timeout passed.
    fn deadline_error(&self) -> Error {
        let limit = self.total_timeout.unwrap_or_default().as_millis();
        Error::timeout(
            TimeoutPhase::Total,
            format!("the call's total timeout of {limit} ms passed"),
        )
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.endpoint)
            .field("max_attempts", &self.max_attempts)
            .field("adaptive", &self.limiter.is_some())
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
