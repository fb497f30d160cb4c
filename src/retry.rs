//! The AWS SDKs' retry rules without any I/O. A client's [`RetryStrategy`] holds what its calls
//! share (the attempt limit, standard mode's [`RetryQuota`], adaptive mode's
//! [`AdaptiveRateLimiter`]); each call asks its [`CallRetries`] when an attempt may go
//! ([`Pace`]) and, after a failed one, whether to retry and after how long ([`Decision`]), from
//! the failure's class ([`classify`]), the backoff ([`backoff`], [`delay_with_retry_after`],
//! [`jitter`]), the deadline and the quota.
//!
//! The attempt loop in `client.rs` drives these. Nothing here sleeps; the only clock read is
//! [`AdaptiveRateLimiter::new`] taking its start instant, and every other time comes in as an
//! argument, so the tests are exact.

use std::cell::Cell;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::config::RetryMode;
use crate::error::{ErrorKind, Failure, RetryClass, classify};

/// How a client retries: at most `max_attempts` attempts a call, the retry quota its calls
/// share, and in adaptive mode the client-side rate limiter. Shared by every call.
#[derive(Debug)]
pub(crate) struct RetryStrategy {
    max_attempts: u32,
    quota: RetryQuota,
    /// Present in adaptive retry mode only.
    limiter: Option<AdaptiveRateLimiter>,
}

impl RetryStrategy {
    /// A strategy allowing `max_attempts` attempts a call, with a full quota; `mode` says
    /// whether a rate limiter paces the attempts.
    pub(crate) fn new(max_attempts: u32, mode: RetryMode) -> RetryStrategy {
        RetryStrategy {
            max_attempts,
            quota: RetryQuota::new(),
            limiter: (mode == RetryMode::Adaptive).then(AdaptiveRateLimiter::new),
        }
    }

    /// The most attempts a call makes, the first included.
    pub(crate) fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Whether this is adaptive mode (a rate limiter paces the attempts).
    pub(crate) fn is_adaptive(&self) -> bool {
        self.limiter.is_some()
    }

    /// The retries of one call, which must end by `deadline` when it has one.
    pub(crate) fn start(&self, deadline: Option<Instant>) -> CallRetries<'_> {
        CallRetries {
            strategy: self,
            deadline,
            attempts: 0,
            acquired: 0,
        }
    }
}

/// One call's retries: the attempts made, the quota tokens its retries took, its deadline.
#[derive(Debug)]
pub(crate) struct CallRetries<'a> {
    strategy: &'a RetryStrategy,
    deadline: Option<Instant>,
    attempts: u32,
    acquired: u32,
}

/// When the next attempt may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pace {
    /// Now.
    Now,
    /// After this wait (adaptive mode's rate limiter); then ask again.
    After(Duration),
    /// Not before the call's deadline: the call has run out of time.
    PastDeadline,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Retry after this delay; the class says why the failure is worth it.
    RetryAfter(Duration, RetryClass),
    /// Give up: the failure is the call's. The reason is there when the failure was worth
    /// another attempt but none is allowed.
    GiveUp(Option<GiveUp>),
}

/// Why a failure worth another attempt is not retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GiveUp {
    /// The call made all the attempts it may.
    AttemptsUsed(u32),
    /// The backoff (this long) would end past the call's deadline.
    PastDeadline(Duration),
    /// The retry quota holds too few tokens (this many) for the retry.
    QuotaExhausted(u32),
}

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GiveUp::AttemptsUsed(max) => write!(f, "all {max} attempts made"),
            GiveUp::PastDeadline(delay) => write!(
                f,
                "the {} ms backoff would pass the total timeout",
                delay.as_millis()
            ),
            GiveUp::QuotaExhausted(left) => {
                write!(f, "the retry quota is exhausted ({left} tokens left)")
            }
        }
    }
}

impl CallRetries<'_> {
    /// When the call must end, if it has a total timeout.
    pub(crate) fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// The attempts made so far.
    pub(crate) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether the next attempt may go at `now`; in adaptive mode, this takes the rate
    /// limiter's token when it says [`Pace::Now`].
    pub(crate) fn pace(&self, now: Instant) -> Pace {
        let Some(limiter) = &self.strategy.limiter else {
            return Pace::Now;
        };
        let wait = limiter.acquire(now);
        if wait.is_zero() {
            Pace::Now
        } else if self.deadline.is_some_and(|d| now + wait >= d) {
            Pace::PastDeadline
        } else {
            Pace::After(wait)
        }
    }

    /// Counts an attempt about to be sent; returns its number (from 1).
    pub(crate) fn begin_attempt(&mut self) -> u32 {
        self.attempts += 1;
        self.attempts
    }

    /// Records that the last attempt succeeded at `now`: the rate limiter counts the response,
    /// the quota gets back what this call's retries took (or a token for a first-try success).
    pub(crate) fn succeeded(&self, now: Instant) {
        if let Some(limiter) = &self.strategy.limiter {
            limiter.record_response(now, false);
        }
        self.strategy.quota.on_success(self.acquired);
    }

    /// After the last attempt failed with `failure` at `now`: retry after a delay (its
    /// backoff, honouring the response's `x-amz-retry-after`; the retry's cost taken from the
    /// quota), or give up: a cancelled call, a failure not worth another attempt, the
    /// attempts used up, a backoff past the deadline, or a quota too low. The rate limiter
    /// counts every response but a cancelled attempt's.
    pub(crate) fn failed(&mut self, failure: &Failure, now: Instant) -> Decision {
        if failure.kind() == ErrorKind::Cancelled {
            return Decision::GiveUp(None);
        }
        let class = classify(failure);
        if let Some(limiter) = &self.strategy.limiter {
            limiter.record_response(now, class == Some(RetryClass::Throttling));
        }
        let Some(class) = class else {
            return Decision::GiveUp(None);
        };
        match self.retry(class, failure.header("x-amz-retry-after"), now) {
            Ok(delay) => Decision::RetryAfter(delay, class),
            Err(why) => Decision::GiveUp(Some(why)),
        }
    }

    /// The delay before retrying a failure of `class`, taking the retry's cost from the quota;
    /// or why it is not retried.
    fn retry(
        &mut self,
        class: RetryClass,
        retry_after: Option<&str>,
        now: Instant,
    ) -> Result<Duration, GiveUp> {
        let max_attempts = self.strategy.max_attempts;
        if self.attempts >= max_attempts {
            return Err(GiveUp::AttemptsUsed(max_attempts));
        }
        let delay = delay_with_retry_after(backoff(class, self.attempts, jitter()), retry_after);
        if self.deadline.is_some_and(|d| now + delay >= d) {
            return Err(GiveUp::PastDeadline(delay));
        }
        let quota = &self.strategy.quota;
        let cost = quota
            .try_acquire(class)
            .ok_or_else(|| GiveUp::QuotaExhausted(quota.available()))?;
        self.acquired += cost;
        Ok(delay)
    }
}

/// Backoff base for throttling errors.
const THROTTLING_BACKOFF_BASE: Duration = Duration::from_secs(1);
/// Backoff base for transient errors.
const TRANSIENT_BACKOFF_BASE: Duration = Duration::from_millis(50);
/// No backoff ceiling grows past this.
const MAX_BACKOFF: Duration = Duration::from_secs(20);
/// The exponent stops here: every base is far past [`MAX_BACKOFF`] long before (50 ms × 2^9 >
/// 20 s), and the shift stays in range for any attempt number.
const MAX_DOUBLINGS: u32 = 16;

/// Standard mode's backoff before attempt `failed_attempt + 1` (`failed_attempt` counts from 1;
/// 0 is taken as 1): `random01 × min(base × 2^(failed_attempt − 1), 20 s)`, with a base of 1 s
/// for [`RetryClass::Throttling`] and 50 ms for [`RetryClass::Transient`].
///
/// `random01` should come from [`jitter`], in [0, 1); values outside are clamped into [0, 1] and
/// NaN counts as 0, so the result is always within [0, 20 s].
fn backoff(class: RetryClass, failed_attempt: u32, random01: f64) -> Duration {
    let base = match class {
        RetryClass::Throttling => THROTTLING_BACKOFF_BASE,
        RetryClass::Transient => TRANSIENT_BACKOFF_BASE,
    };
    let doublings = failed_attempt.saturating_sub(1).min(MAX_DOUBLINGS);
    let ceiling = base.saturating_mul(1 << doublings).min(MAX_BACKOFF);
    let factor = if random01.is_nan() {
        0.0
    } else {
        random01.clamp(0.0, 1.0)
    };
    ceiling.mul_f64(factor)
}

/// How much longer than the backoff an `x-amz-retry-after` header may make the client wait.
const RETRY_AFTER_MAX_EXTRA: Duration = Duration::from_secs(5);

/// The delay before the next attempt, honouring the service's `x-amz-retry-after` header
/// (a whole number of milliseconds): its value clamped to `[backoff, backoff + 5 s]`.
/// Without the header, or when it is not a non-negative integer, the delay is `backoff`.
fn delay_with_retry_after(backoff: Duration, retry_after: Option<&str>) -> Duration {
    match retry_after.and_then(parse_retry_after) {
        Some(wanted) => wanted.clamp(backoff, backoff.saturating_add(RETRY_AFTER_MAX_EXTRA)),
        None => backoff,
    }
}

/// An `x-amz-retry-after` value: ASCII digits, optionally surrounded by whitespace. A number too
/// large for `u64` is still a valid (very long) wait, which the caller's clamp shortens.
fn parse_retry_after(header: &str) -> Option<Duration> {
    let digits = header.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Duration::from_millis(digits.parse().unwrap_or(u64::MAX)))
}

/// The retry quota's size, and its level when a client starts.
const QUOTA_CAPACITY: u32 = 500;
/// What a retry after a transient error costs.
const TRANSIENT_RETRY_COST: u32 = 14;
/// What a retry after a throttling error costs.
const THROTTLING_RETRY_COST: u32 = 5;
/// What a call that succeeds on its first attempt gives back.
const FIRST_TRY_REFUND: u32 = 1;

/// Standard mode's per-client retry quota: 500 tokens; a retry costs 14 (5 after throttling);
/// with too few tokens left, the call is not retried. Calls that succeed give tokens back.
/// Shared by every thread using the client; lock-free.
#[derive(Debug)]
struct RetryQuota {
    /// Tokens left. Only read-modify-write updates of this one counter, so `Relaxed` suffices.
    available: AtomicU32,
}

impl RetryQuota {
    /// A full quota (500 tokens).
    fn new() -> Self {
        RetryQuota {
            available: AtomicU32::new(QUOTA_CAPACITY),
        }
    }

    /// Takes the cost of one retry after an error of `class` (14, or 5 for throttling) and
    /// returns it, or `None` (taking nothing) when fewer tokens are left: then do not retry.
    fn try_acquire(&self, class: RetryClass) -> Option<u32> {
        let cost = match class {
            RetryClass::Throttling => THROTTLING_RETRY_COST,
            RetryClass::Transient => TRANSIENT_RETRY_COST,
        };
        self.available
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(cost)
            })
            .ok()
            .map(|_| cost)
    }

    /// Records a successful call. `acquired` is what this call's retries took with
    /// [`try_acquire`](Self::try_acquire) (0 when the first attempt succeeded); that much is
    /// given back, or 1 token for a first-try success, never filling past 500.
    fn on_success(&self, acquired: u32) {
        let refund = if acquired == 0 {
            FIRST_TRY_REFUND
        } else {
            acquired
        };
        // The closure always returns Some, so the update cannot fail.
        let _ = self
            .available
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                Some(left.saturating_add(refund).min(QUOTA_CAPACITY))
            });
    }

    /// Tokens left.
    fn available(&self) -> u32 {
        self.available.load(Ordering::Relaxed)
    }
}

/// Adaptive mode's client-side rate limiter, as in the AWS SDKs: a token bucket (one token per
/// request) that stays off until the first throttling response, and whose fill rate then
/// follows CUBIC: cut to 70% of the measured send rate on each throttle, then growing back
/// along a cubic curve with each success, never above twice the measured send rate.
///
/// Shared by every thread using the client (one short lock per call).
#[derive(Debug)]
struct AdaptiveRateLimiter {
    /// Time zero of the limiter's clock; instants before it count as zero.
    start: Instant,
    state: Mutex<LimiterState>,
}

/// Everything the limiter's calls read and update together.
#[derive(Debug)]
struct LimiterState {
    /// Whether a throttling response has been seen (the bucket is only used from then on).
    enabled: bool,
    bucket: TokenBucket,
    cubic: Cubic,
    send_rate: SendRateMeter,
}

/// The measured send rate caps the fill rate at this multiple of it.
const MAX_RATE_OVER_MEASURED: f64 = 2.0;

impl AdaptiveRateLimiter {
    /// A limiter whose clock starts now; it lets every request through until a throttle.
    fn new() -> Self {
        AdaptiveRateLimiter::starting_at(Instant::now())
    }

    /// A limiter whose clock starts at `start`.
    fn starting_at(start: Instant) -> Self {
        AdaptiveRateLimiter {
            start,
            state: Mutex::new(LimiterState {
                enabled: false,
                bucket: TokenBucket::new(),
                cubic: Cubic::new(0.0, 0.0),
                send_rate: SendRateMeter::new(),
            }),
        }
    }

    /// Asks to send a request at `now`. `Duration::ZERO` means go (a token was taken);
    /// otherwise wait that long (cancellably) and ask again.
    fn acquire(&self, now: Instant) -> Duration {
        let t = self.seconds(now);
        let mut state = self.lock();
        if state.enabled {
            state.bucket.take(t)
        } else {
            Duration::ZERO
        }
    }

    /// Records the end of an attempt at `now`, whatever its outcome; `throttled` when the error
    /// was of [`RetryClass::Throttling`]. Adjusts the send rate.
    fn record_response(&self, now: Instant, throttled: bool) {
        let t = self.seconds(now);
        let mut state = self.lock();
        let measured = state.send_rate.record(t);
        let new_rate = if throttled {
            let rate_at_throttle = if state.enabled {
                measured.min(state.bucket.fill_rate)
            } else {
                measured
            };
            state.enabled = true;
            state.cubic.on_throttle(rate_at_throttle, t)
        } else {
            state.cubic.on_success(t)
        };
        state
            .bucket
            .set_rate(t, new_rate.min(MAX_RATE_OVER_MEASURED * measured));
    }

    /// `now` on the limiter's clock, in seconds.
    fn seconds(&self, now: Instant) -> f64 {
        now.saturating_duration_since(self.start).as_secs_f64()
    }

    /// The state; a panic elsewhere cannot leave it inconsistent (every update is plain
    /// arithmetic), so a poisoned lock is used as is.
    fn lock(&self) -> std::sync::MutexGuard<'_, LimiterState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The bucket's fill rate never drops below this many tokens per second.
const MIN_FILL_RATE: f64 = 0.5;
/// The bucket always holds at least one token's room.
const MIN_BUCKET_CAPACITY: f64 = 1.0;

/// Tokens (requests) refilling continuously at `fill_rate` per second, up to `max_capacity`.
/// Times are seconds on the limiter's clock.
#[derive(Debug)]
struct TokenBucket {
    fill_rate: f64,
    max_capacity: f64,
    capacity: f64,
    last_refill: f64,
}

impl TokenBucket {
    /// An empty bucket filling at one token per second, as the SDKs start it.
    fn new() -> Self {
        TokenBucket {
            fill_rate: 1.0,
            max_capacity: 1.0,
            capacity: 0.0,
            last_refill: 0.0,
        }
    }

    /// Adds what flowed in since the last refill (a clock going backwards adds nothing).
    fn refill(&mut self, t: f64) {
        if t > self.last_refill {
            let filled = self.capacity + (t - self.last_refill) * self.fill_rate;
            self.capacity = filled.min(self.max_capacity);
            self.last_refill = t;
        }
    }

    /// Sets a new rate from `t` on: the fill rate is at least 0.5/s, the capacity equals the
    /// rate (at least 1), and tokens above the new capacity are dropped.
    fn set_rate(&mut self, t: f64, rate: f64) {
        self.refill(t);
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.max_capacity = rate.max(MIN_BUCKET_CAPACITY);
        self.capacity = self.capacity.min(self.max_capacity);
    }

    /// Takes one token (`Duration::ZERO`), or says how long until one will be there, rounded
    /// up past the microsecond so the next ask after that wait finds it.
    fn take(&mut self, t: f64) -> Duration {
        self.refill(t);
        if self.capacity >= 1.0 {
            self.capacity -= 1.0;
            Duration::ZERO
        } else {
            let seconds = (1.0 - self.capacity) / self.fill_rate;
            Duration::from_micros((seconds * 1e6) as u64 + 1)
        }
    }
}

/// How strongly CUBIC's rate grows back after a throttle.
const CUBIC_SCALE: f64 = 0.4;
/// What CUBIC keeps of the send rate on a throttle.
const CUBIC_BETA: f64 = 0.7;

/// CUBIC congestion control's window curve, applied to the send rate: after a throttle at
/// rate `w_max` and time `last_throttle`, the rate is `0.4 × (t − last_throttle − k)³ + w_max`,
/// where `k` puts the curve's start at 70% of `w_max`.
#[derive(Debug)]
struct Cubic {
    w_max: f64,
    k: f64,
    last_throttle: f64,
}

impl Cubic {
    /// The curve as if a throttle at `rate` happened at time `t`.
    fn new(rate: f64, t: f64) -> Self {
        Cubic {
            w_max: rate,
            k: Cubic::zero_point(rate),
            last_throttle: t,
        }
    }

    /// Seconds after a throttle at `w_max` until the rate is back at `w_max`.
    fn zero_point(w_max: f64) -> f64 {
        (w_max * (1.0 - CUBIC_BETA) / CUBIC_SCALE).cbrt()
    }

    /// The rate after a success at `t`.
    fn on_success(&self, t: f64) -> f64 {
        CUBIC_SCALE * (t - self.last_throttle - self.k).powi(3) + self.w_max
    }

    /// Restarts the curve for a throttle at `t` while sending at `rate`; returns the new rate.
    fn on_throttle(&mut self, rate: f64, t: f64) -> f64 {
        *self = Cubic::new(rate, t);
        rate * CUBIC_BETA
    }
}

/// Weight of the newest half-second in the measured send rate.
const SEND_RATE_SMOOTHING: f64 = 0.8;
/// Buckets per second of the send rate measurement (half-second buckets).
const SEND_RATE_BUCKETS_PER_SECOND: f64 = 2.0;

/// The client's send rate (responses per second), counted in half-second buckets and smoothed
/// exponentially each time a new bucket starts.
#[derive(Debug)]
struct SendRateMeter {
    rate: f64,
    count: f64,
    /// Start of the bucket the current count began in.
    last_bucket: f64,
}

impl SendRateMeter {
    fn new() -> Self {
        SendRateMeter {
            rate: 0.0,
            count: 0.0,
            last_bucket: 0.0,
        }
    }

    /// Counts one response at `t`; returns the measured rate.
    fn record(&mut self, t: f64) -> f64 {
        let bucket = (t * SEND_RATE_BUCKETS_PER_SECOND).floor() / SEND_RATE_BUCKETS_PER_SECOND;
        self.count += 1.0;
        if bucket > self.last_bucket {
            let current = self.count / (bucket - self.last_bucket);
            self.rate = current * SEND_RATE_SMOOTHING + self.rate * (1.0 - SEND_RATE_SMOOTHING);
            self.count = 0.0;
            self.last_bucket = bucket;
        }
        self.rate
    }
}

/// A uniformly distributed number in [0, 1) for backoff jitter: a per-thread xorshift64*
/// generator seeded from std's randomly keyed hasher. Not for anything secret.
fn jitter() -> f64 {
    thread_local! {
        static STATE: Cell<u64> = Cell::new(RandomState::new().build_hasher().finish() | 1);
    }
    STATE.with(|state| {
        let mut x = state.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        state.set(x);
        // The top 53 bits of the scrambled state, as a fraction of 2^53.
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Answer;
    use crate::http::{HttpResponse, header_map};
    use proptest::prelude::*;
    use std::sync::Arc;

    /// A 503 answer without an error code, with these headers: worth another attempt.
    fn unavailable(headers: &[(&str, &str)]) -> Failure {
        let response = HttpResponse::new(503, header_map(headers.iter().copied()), Vec::new());
        Failure::response("HTTP 503", Answer::whole(response))
    }

    /// The service's throttling answer.
    fn throttled() -> Failure {
        let response = HttpResponse::new(400, header_map([]), Vec::new());
        Failure::service(
            "ThrottlingException".into(),
            "slow down".into(),
            None,
            response,
        )
    }

    /// The service's answer that no retry can change.
    fn not_authorized() -> Failure {
        let response = HttpResponse::new(400, header_map([]), Vec::new());
        Failure::service("NotAuthorizedException".into(), "no".into(), None, response)
    }

    #[test]
    fn failures_worth_another_attempt_are_retried_until_the_attempts_run_out() {
        let strategy = RetryStrategy::new(3, RetryMode::Standard);
        let mut retries = strategy.start(None);
        let now = Instant::now();
        for attempt in 1..=2 {
            assert_eq!(retries.begin_attempt(), attempt);
            let decision = retries.failed(&unavailable(&[]), now);
            assert!(
                matches!(decision, Decision::RetryAfter(delay, RetryClass::Transient)
                    if delay <= backoff(RetryClass::Transient, attempt, 1.0)),
                "{decision:?}"
            );
        }
        retries.begin_attempt();
        assert_eq!(
            retries.failed(&unavailable(&[]), now),
            Decision::GiveUp(Some(GiveUp::AttemptsUsed(3)))
        );
        assert_eq!(strategy.quota.available(), 500 - 2 * 14);
    }

    #[test]
    fn failures_not_worth_another_attempt_and_cancellations_end_the_call_at_once() {
        let strategy = RetryStrategy::new(3, RetryMode::Adaptive);
        let mut retries = strategy.start(None);
        retries.begin_attempt();
        let now = Instant::now();
        assert_eq!(
            retries.failed(&not_authorized(), now),
            Decision::GiveUp(None)
        );
        let counted = strategy.limiter.as_ref().unwrap().lock().send_rate.count;
        assert_eq!(counted, 1.0, "the limiter counts every answer");
        assert_eq!(
            retries.failed(&Failure::cancelled(), now),
            Decision::GiveUp(None)
        );
        let counted = strategy.limiter.as_ref().unwrap().lock().send_rate.count;
        assert_eq!(
            counted, 1.0,
            "a cancelled attempt tells nothing about the service"
        );
        assert_eq!(strategy.quota.available(), 500);
    }

    #[test]
    fn the_service_retry_after_sets_the_delay_unless_it_passes_the_deadline() {
        let strategy = RetryStrategy::new(3, RetryMode::Standard);
        let now = Instant::now();
        let mut retries = strategy.start(Some(now + Duration::from_secs(2)));
        retries.begin_attempt();
        let asks_1200_ms = unavailable(&[("x-amz-retry-after", "1200")]);
        assert_eq!(
            retries.failed(&asks_1200_ms, now),
            Decision::RetryAfter(Duration::from_millis(1200), RetryClass::Transient)
        );
        retries.begin_attempt();
        let asks_2500_ms = unavailable(&[("x-amz-retry-after", "2500")]);
        assert_eq!(
            retries.failed(&asks_2500_ms, now),
            Decision::GiveUp(Some(GiveUp::PastDeadline(Duration::from_millis(2500))))
        );
        assert_eq!(
            GiveUp::PastDeadline(Duration::from_millis(2500)).to_string(),
            "the 2500 ms backoff would pass the total timeout"
        );
    }

    #[test]
    fn an_empty_quota_stops_retries_and_a_success_gives_back_what_the_call_took() {
        let strategy = RetryStrategy::new(u32::MAX, RetryMode::Standard);
        let mut retries = strategy.start(None);
        let now = Instant::now();
        for _ in 0..35 {
            retries.begin_attempt();
            let decision = retries.failed(&unavailable(&[]), now);
            assert!(matches!(decision, Decision::RetryAfter(..)), "{decision:?}");
        }
        retries.begin_attempt();
        assert_eq!(
            retries.failed(&unavailable(&[]), now),
            Decision::GiveUp(Some(GiveUp::QuotaExhausted(10)))
        );
        assert_eq!(
            GiveUp::QuotaExhausted(10).to_string(),
            "the retry quota is exhausted (10 tokens left)"
        );
        retries.succeeded(now);
        assert_eq!(strategy.quota.available(), 500);
    }

    #[test]
    fn adaptive_mode_paces_attempts_after_a_throttle_within_the_deadline() {
        let standard = RetryStrategy::new(3, RetryMode::Standard);
        assert_eq!(standard.start(None).pace(Instant::now()), Pace::Now);
        let strategy = RetryStrategy::new(3, RetryMode::Adaptive);
        let now = Instant::now();
        let mut retries = strategy.start(None);
        assert_eq!(retries.pace(now), Pace::Now, "no limit before a throttle");
        retries.begin_attempt();
        let decision = retries.failed(&throttled(), now);
        assert!(
            matches!(decision, Decision::RetryAfter(_, RetryClass::Throttling)),
            "{decision:?}"
        );
        let Pace::After(wait) = retries.pace(now) else {
            panic!("the limiter holds the next attempt back");
        };
        assert!(wait > Duration::ZERO);
        let hurried = strategy.start(Some(now + wait / 2));
        assert_eq!(hurried.pace(now), Pace::PastDeadline);
    }

    #[test]
    fn backoff_doubles_from_its_base_up_to_the_cap() {
        let ms = Duration::from_millis;
        let transient: Vec<_> = (1..=11)
            .map(|n| backoff(RetryClass::Transient, n, 1.0))
            .collect();
        assert_eq!(
            transient,
            [
                50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 20000, 20000
            ]
            .map(ms)
        );
        let throttling: Vec<_> = (1..=7)
            .map(|n| backoff(RetryClass::Throttling, n, 1.0))
            .collect();
        assert_eq!(
            throttling,
            [1000, 2000, 4000, 8000, 16000, 20000, 20000].map(ms)
        );
    }

    #[test]
    fn backoff_scales_by_the_random_factor() {
        assert_eq!(backoff(RetryClass::Transient, 1, 0.0), Duration::ZERO);
        assert_eq!(
            backoff(RetryClass::Transient, 1, 0.5),
            Duration::from_millis(25)
        );
        assert_eq!(
            backoff(RetryClass::Throttling, 2, 0.25),
            Duration::from_millis(500)
        );
        assert_eq!(
            backoff(RetryClass::Throttling, 100, 0.5),
            Duration::from_secs(10)
        );
    }

    #[test]
    fn backoff_survives_extreme_inputs() {
        for class in [RetryClass::Throttling, RetryClass::Transient] {
            assert_eq!(
                backoff(class, 1000, 0.999_999),
                MAX_BACKOFF.mul_f64(0.999_999)
            );
            assert_eq!(backoff(class, u32::MAX, 1.0), MAX_BACKOFF);
            assert_eq!(backoff(class, 0, 1.0), backoff(class, 1, 1.0));
            assert_eq!(backoff(class, 5, f64::NAN), Duration::ZERO);
            assert_eq!(backoff(class, 5, -3.0), Duration::ZERO);
            assert_eq!(backoff(class, 30, f64::INFINITY), MAX_BACKOFF);
        }
    }

    #[test]
    fn retry_after_is_clamped_to_five_seconds_past_the_backoff() {
        let ms = Duration::from_millis;
        let backoff = ms(300);
        assert_eq!(delay_with_retry_after(backoff, Some("1500")), ms(1500));
        assert_eq!(delay_with_retry_after(backoff, Some("100")), ms(300));
        assert_eq!(delay_with_retry_after(backoff, Some("0")), ms(300));
        assert_eq!(delay_with_retry_after(backoff, Some("5300")), ms(5300));
        assert_eq!(delay_with_retry_after(backoff, Some("5301")), ms(5300));
        assert_eq!(delay_with_retry_after(backoff, Some(" 2000\t")), ms(2000));
        assert_eq!(
            delay_with_retry_after(backoff, Some("999999999999")),
            ms(5300)
        );
        assert_eq!(
            delay_with_retry_after(backoff, Some("99999999999999999999999999999")),
            ms(5300)
        );
        assert_eq!(
            delay_with_retry_after(Duration::MAX, Some("7")),
            Duration::MAX
        );
    }

    #[test]
    fn unusable_retry_after_leaves_the_backoff() {
        let backoff = Duration::from_millis(300);
        for header in [
            "",
            " ",
            "-5",
            "-0",
            "1.5",
            "1e3",
            "2s",
            "+1000",
            "١٢٣",
            "Wed, 21 Oct 2015",
        ] {
            assert_eq!(
                delay_with_retry_after(backoff, Some(header)),
                backoff,
                "{header:?}"
            );
        }
        assert_eq!(delay_with_retry_after(backoff, None), backoff);
    }

    #[test]
    fn quota_allows_35_transient_retries_then_only_cheaper_ones() {
        let quota = RetryQuota::new();
        assert_eq!(quota.available(), 500);
        for _ in 0..35 {
            assert_eq!(quota.try_acquire(RetryClass::Transient), Some(14));
        }
        assert_eq!(quota.available(), 10);
        assert_eq!(quota.try_acquire(RetryClass::Transient), None);
        assert_eq!(quota.available(), 10, "a refused retry takes nothing");
        assert_eq!(quota.try_acquire(RetryClass::Throttling), Some(5));
        assert_eq!(quota.try_acquire(RetryClass::Throttling), Some(5));
        assert_eq!(quota.try_acquire(RetryClass::Throttling), None);
        assert_eq!(quota.available(), 0);
    }

    #[test]
    fn successes_refund_the_retries_or_one_token_up_to_the_cap() {
        let quota = RetryQuota::new();
        quota.on_success(0);
        assert_eq!(quota.available(), 500, "never above 500");
        let first = quota.try_acquire(RetryClass::Transient).unwrap();
        let second = quota.try_acquire(RetryClass::Throttling).unwrap();
        assert_eq!(quota.available(), 481);
        quota.on_success(0);
        assert_eq!(quota.available(), 482);
        quota.on_success(first + second);
        assert_eq!(quota.available(), 500, "refund capped at 500");
        quota.try_acquire(RetryClass::Transient).unwrap();
        quota.try_acquire(RetryClass::Transient).unwrap();
        quota.on_success(14);
        assert_eq!(quota.available(), 486);
        quota.on_success(u32::MAX);
        assert_eq!(quota.available(), 500);
    }

    #[test]
    fn quota_is_exact_under_concurrent_use() {
        let quota = Arc::new(RetryQuota::new());
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let quota = Arc::clone(&quota);
                std::thread::spawn(move || {
                    let mut granted = 0u32;
                    for _ in 0..100 {
                        if quota.try_acquire(RetryClass::Transient).is_some() {
                            granted += 1;
                        }
                    }
                    granted
                })
            })
            .collect();
        let granted: u32 = threads.into_iter().map(|t| t.join().unwrap()).sum();
        assert_eq!(granted, 35);
        assert_eq!(quota.available(), 10);

        let threads: Vec<_> = (0..8)
            .map(|_| {
                let quota = Arc::clone(&quota);
                std::thread::spawn(move || (0..10).for_each(|_| quota.on_success(0)))
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
        assert_eq!(quota.available(), 90);
    }

    fn assert_near(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-6, "{actual} != {expected}");
    }

    #[test]
    fn cubic_curve_matches_hand_computed_values() {
        // Throttled at 10/s at t = 5: k = ∛(10 × 0.3 / 0.4) = ∛7.5.
        let mut cubic = Cubic::new(10.0, 5.0);
        assert_near(cubic.k, 1.957_433_820_584_431_7);
        // At the throttle the curve starts at 70%: 0.4 × (−∛7.5)³ + 10 = 10 − 3 = 7.
        assert_near(cubic.on_success(5.0), 7.0);
        // 0.4 × (1 − 1.9574338)³ + 10.
        assert_near(cubic.on_success(6.0), 9.648_936_009_66);
        // Back at w_max after k seconds, then above it.
        assert_near(cubic.on_success(5.0 + cubic.k), 10.0);
        assert_near(cubic.on_success(7.0), 10.000_030_849_917_364);
        assert_near(cubic.on_success(11.0), 36.425_998_516_920_465);
        // A throttle keeps 70% of the rate and restarts the curve there.
        assert_near(cubic.on_throttle(9.648_936_009_66, 7.0), 6.754_255_206_762);
        assert_near(
            cubic.on_throttle(6.754_255_206_762, 8.0),
            4.727_978_644_733_4,
        );
        assert_near(cubic.k, (6.754_255_206_762_f64 * 0.75).cbrt());
        assert_near(cubic.on_success(9.0), 6.606_547_753_887_045);
        assert_near(cubic.on_success(12.0), 11.511_232_804_773_524);
    }

    #[test]
    fn send_rate_meter_smooths_half_second_buckets() {
        let mut meter = SendRateMeter::new();
        assert_near(meter.record(0.2), 0.0);
        assert_near(meter.record(0.4), 0.0);
        // Bucket 0.5 starts: 3 responses in 0.5 s = 6/s, weighted 0.8.
        assert_near(meter.record(0.6), 4.8);
        assert_near(meter.record(0.8), 4.8);
        // 2 responses in 0.5 s = 4/s: 0.8 × 4 + 0.2 × 4.8.
        assert_near(meter.record(1.0), 4.16);
        // A quiet second: 1 response over 2 s = 0.5/s.
        assert_near(meter.record(3.0), 0.8 * 0.5 + 0.2 * 4.16);
    }

    fn at(start: Instant, seconds: f64) -> Instant {
        start + Duration::from_secs_f64(seconds)
    }

    #[test]
    fn limiter_follows_the_sdk_end_to_end_vector() {
        let start = Instant::now();
        let limiter = AdaptiveRateLimiter::starting_at(start);
        // (time, throttled, measured send rate, fill rate) after each response.
        let steps = [
            (0.2, false, 0.0, 0.5),
            (0.4, false, 0.0, 0.5),
            (0.6, false, 4.8, 0.5),
            (0.8, false, 4.8, 0.5),
            (1.0, false, 4.16, 0.5),
            (1.2, false, 4.16, 0.6912),
            (1.4, false, 4.16, 1.0976),
            (1.6, false, 5.632, 1.6384),
            (1.8, false, 5.632, 2.3328),
            (2.0, true, 4.3264, 3.02848),
            (2.2, false, 4.3264, 3.486_639),
        ];
        for (t, throttled, measured, fill_rate) in steps {
            limiter.record_response(at(start, t), throttled);
            let state = limiter.lock();
            assert!(
                (state.send_rate.rate - measured).abs() < 1e-3,
                "t={t} measured"
            );
            assert!(
                (state.bucket.fill_rate - fill_rate).abs() < 1e-3,
                "t={t} fill rate"
            );
            assert_eq!(state.enabled, t >= 2.0, "t={t}");
        }
    }

    #[test]
    fn limiter_lets_everything_through_until_a_throttle() {
        let limiter = AdaptiveRateLimiter::new();
        let start = Instant::now();
        for i in 0..1000 {
            let now = at(start, f64::from(i) * 0.001);
            assert_eq!(limiter.acquire(now), Duration::ZERO);
            limiter.record_response(now, false);
        }
    }

    /// Sends as fast as the limiter allows from `from` to `to` seconds, every response
    /// throttled when `throttled` says so; returns how many requests went out.
    fn send_greedily(
        limiter: &AdaptiveRateLimiter,
        start: Instant,
        from: f64,
        to: f64,
        throttled: impl Fn(f64) -> bool,
    ) -> u32 {
        let mut now = at(start, from);
        let end = at(start, to);
        let mut sent = 0;
        while now < end {
            let wait = limiter.acquire(now);
            if wait.is_zero() {
                sent += 1;
                let t = now.duration_since(start).as_secs_f64();
                limiter.record_response(now, throttled(t));
                now += Duration::from_millis(10);
            } else {
                assert!(
                    wait <= Duration::from_secs(2),
                    "at most 1 token at 0.5/s: {wait:?}"
                );
                now += wait;
            }
        }
        sent
    }

    #[test]
    fn limiter_slows_down_after_throttles_and_recovers() {
        let start = Instant::now();
        let limiter = AdaptiveRateLimiter::starting_at(start);
        // Unlimited: one request per 10 ms, 100/s.
        assert_eq!(send_greedily(&limiter, start, 0.0, 5.0, |_| false), 500);
        // The service throttles for a second: each throttle keeps 70% of the rate, so the
        // limiter soon holds the client near the 0.5/s floor.
        let during = send_greedily(&limiter, start, 5.0, 6.0, |_| true);
        assert!(during < 20, "throttled second still sent {during}");
        assert!(limiter.lock().bucket.fill_rate < 1.0);
        // Successes grow the rate back along the cubic curve, at most to twice the measured
        // send rate, so it climbs second by second until the client's own 100/s.
        let per_second: Vec<u32> = (6..16)
            .map(|s| send_greedily(&limiter, start, f64::from(s), f64::from(s + 1), |_| false))
            .collect();
        assert!(
            per_second[..2].iter().all(|&sent| sent < 5),
            "{per_second:?}"
        );
        assert!(
            per_second[1..8].windows(2).all(|w| w[0] < w[1]),
            "{per_second:?}"
        );
        assert_eq!(per_second[7..], [100, 100, 100], "{per_second:?}");
        assert!(limiter.lock().bucket.fill_rate > 190.0);
    }

    fn assert_duration_near(actual: Duration, expected_seconds: f64) {
        let error = actual.as_secs_f64() - expected_seconds;
        assert!(
            (0.0..=2e-6).contains(&error),
            "{actual:?} != {expected_seconds} s"
        );
    }

    #[test]
    fn limiter_wait_is_enough_for_the_next_ask() {
        let start = Instant::now();
        let limiter = AdaptiveRateLimiter::starting_at(start);
        // Before the throttle the bucket filled at its initial 1/s for 0.1 s: 0.1 token. No
        // measured rate yet, so the fill rate drops to the 0.5/s floor.
        let first = at(start, 0.1);
        limiter.record_response(first, true);
        let wait = limiter.acquire(first);
        assert_duration_near(wait, 0.9 / 0.5);
        assert_eq!(limiter.acquire(first + wait), Duration::ZERO);
        // The token is gone; a second later half a token is back, so one more second to go.
        let wait = limiter.acquire(first + wait + Duration::from_secs(1));
        assert_duration_near(wait, 1.0);
    }

    #[test]
    fn limiter_ignores_instants_before_its_start_and_going_backwards() {
        let start = Instant::now() + Duration::from_secs(10);
        let limiter = AdaptiveRateLimiter::starting_at(start);
        limiter.record_response(start - Duration::from_secs(5), true);
        let later = at(start, 4.0);
        assert_eq!(limiter.acquire(later), Duration::ZERO);
        // An earlier instant (another thread's) adds no tokens and takes none by itself.
        assert!(!limiter.acquire(at(start, 1.0)).is_zero());
        assert!(!limiter.acquire(later).is_zero());
    }

    #[test]
    fn limiter_is_shared_across_threads() {
        let start = Instant::now();
        let limiter = Arc::new(AdaptiveRateLimiter::starting_at(start));
        limiter.record_response(at(start, 0.0), true);
        // The bucket holds one token and fills at 0.5/s: by 3.96 s exactly one request goes
        // through, whichever thread asks and in whatever order the asks arrive.
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let limiter = Arc::clone(&limiter);
                std::thread::spawn(move || {
                    (0..100)
                        .filter(|i| limiter.acquire(at(start, f64::from(*i) * 0.04)).is_zero())
                        .count()
                })
            })
            .collect();
        let granted: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
        assert_eq!(granted, 1);
    }

    #[test]
    fn jitter_is_uniform_in_the_unit_interval() {
        let draws: Vec<f64> = (0..10_000).map(|_| jitter()).collect();
        assert!(draws.iter().all(|x| (0.0..1.0).contains(x)));
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        assert!((0.45..0.55).contains(&mean), "mean {mean}");
        let low = draws.iter().filter(|&&x| x < 0.1).count();
        assert!((700..1300).contains(&low), "{low} draws below 0.1");
    }

    #[test]
    fn jitter_differs_between_threads() {
        let here: Vec<f64> = (0..4).map(|_| jitter()).collect();
        let there = std::thread::spawn(|| (0..4).map(|_| jitter()).collect::<Vec<f64>>())
            .join()
            .unwrap();
        assert_ne!(here, there);
    }

    proptest! {
        #[test]
        fn backoff_is_within_its_ceiling(
            throttling in any::<bool>(),
            attempt in any::<u32>(),
            random01 in any::<f64>(),
        ) {
            let class = if throttling { RetryClass::Throttling } else { RetryClass::Transient };
            let delay = backoff(class, attempt, random01);
            prop_assert!(delay <= MAX_BACKOFF);
            prop_assert!(delay <= backoff(class, attempt, 1.0));
            prop_assert!(backoff(class, attempt, 1.0) <= backoff(class, attempt.saturating_add(1), 1.0));
        }

        #[test]
        fn retry_after_delay_stays_within_its_window(
            backoff_ms in 0u64..=20_000,
            header in proptest::option::of(".{0,30}|[0-9]{1,25}"),
        ) {
            let backoff = Duration::from_millis(backoff_ms);
            let delay = delay_with_retry_after(backoff, header.as_deref());
            prop_assert!(delay >= backoff);
            prop_assert!(delay <= backoff + RETRY_AFTER_MAX_EXTRA);
        }
    }
}
