//! Any timeout length on the Rust API makes a client that works: up to `Duration::MAX`, never a
//! panic from deadline arithmetic. A timeout of `Config::NO_LIMIT` or more means no limit. (The
//! C setters' milliseconds, up to `UINT64_MAX`, are checked in `src/ffi/tests/durations.rs`.)

mod common;

use std::time::Duration;

use cognito_feedback::{Client, Config};
use common::{Reply, alice_ok, always_ok, config_for};
use proptest::prelude::*;

/// Any duration, with the edges (the largest, "no limit" and just below it) drawn often.
fn any_duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        Just(Duration::MAX),
        Just(Config::NO_LIMIT),
        Just(Config::NO_LIMIT - Duration::from_nanos(1)),
        (1..=u64::MAX).prop_map(Duration::from_nanos),
        (any::<u64>(), 0..1_000_000_000u32)
            .prop_map(|(secs, nanos)| Duration::new(secs, nanos))
            .prop_filter("longer than zero", |d| !d.is_zero()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_timeout_makes_a_client_whose_calls_succeed(
        connect in any_duration(),
        attempt in any_duration(),
        total in any_duration(),
    ) {
        let server = always_ok();
        for config in [
            config_for(&server.url()).connect_timeout(connect),
            config_for(&server.url()).attempt_timeout(attempt),
            config_for(&server.url()).total_timeout(total),
            config_for(&server.url())
                .connect_timeout(connect)
                .attempt_timeout(attempt)
                .total_timeout(total),
        ] {
            let client = Client::new(config).unwrap();
            prop_assert_eq!(alice_ok(&client).attempts(), 1);
        }
    }
}

#[test]
fn a_total_timeout_of_no_limit_or_more_never_ends_a_call() {
    // A stalled first attempt ends at its own (short) timeout, not a "total timeout" error,
    // and a retry succeeds: the huge total timeout set no deadline.
    for total in [Config::NO_LIMIT, Duration::MAX] {
        let server = common::failing_then_ok(1, || Reply::Stall);
        let client = Client::new(
            config_for(&server.url())
                .attempt_timeout(Duration::from_secs(1))
                .total_timeout(total),
        )
        .unwrap();
        // (A loaded machine may make the second attempt time out too.)
        assert!(alice_ok(&client).attempts() >= 2);
    }
}
