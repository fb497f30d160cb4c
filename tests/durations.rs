//! Any timeout length, on the Rust API and the C setters, makes a client that works: up to
//! `Duration::MAX` / `UINT64_MAX` ms, never a panic from deadline arithmetic. A timeout of
//! `Config::NO_LIMIT` or more means no limit.

mod common;

use std::ptr;
use std::time::Duration;

use cognito_feedback::ffi::*;
use cognito_feedback::{Client, Config};
use common::{Reply, Server, alice_ok, config_for, ok};
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

/// Any count of milliseconds above zero, with the edges drawn often.
fn any_milliseconds() -> impl Strategy<Value = u64> {
    prop_oneof![Just(u64::MAX), Just(u64::MAX - 1), 1..=u64::MAX]
}

/// A server answering every request with Cognito's success.
fn answering() -> Server {
    Server::start(|n, _| Reply::Send(ok(&format!("rid-{n}"))))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_timeout_makes_a_client_whose_calls_succeed(
        connect in any_duration(),
        attempt in any_duration(),
        total in any_duration(),
    ) {
        let server = answering();
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

    #[test]
    fn any_timeout_in_milliseconds_makes_a_c_client_whose_calls_succeed(
        connect in any_milliseconds(),
        attempt in any_milliseconds(),
        total in any_milliseconds(),
    ) {
        let server = answering();
        let url = std::ffi::CString::new(server.url()).unwrap();
        let mut config = ptr::null_mut();
        let mut client = ptr::null_mut();
        let mut error = ptr::null_mut();
        let mut response = ptr::null_mut();
        unsafe {
            prop_assert_eq!(cognito_config_new(&mut config), CognitoStatus::COGNITO_OK);
            for status in [
                cognito_config_set_endpoint_url(config, url.as_ptr()),
                cognito_config_set_ignore_environment(config, true),
                cognito_config_set_connect_timeout_ms(config, connect),
                cognito_config_set_attempt_timeout_ms(config, attempt),
                cognito_config_set_total_timeout_ms(config, total),
            ] {
                prop_assert_eq!(status, CognitoStatus::COGNITO_OK);
            }
            let status = cognito_client_new(config, &mut client, &mut error);
            cognito_config_free(config);
            prop_assert_eq!(status, CognitoStatus::COGNITO_OK);
            let request = CognitoFeedbackRequest {
                user_pool_id: c"us-east-1_PlusPool1".as_ptr(),
                username: c"alice".as_ptr(),
                event_id: c"evt-alice-1".as_ptr(),
                feedback_token: c"tok-alice-1.AbC=".as_ptr(),
                feedback_value: CognitoFeedbackValue::COGNITO_FEEDBACK_VALID as u32,
            };
            let status = cognito_update_auth_event_feedback(
                client,
                &request,
                ptr::null(),
                &mut response,
                &mut error,
            );
            cognito_response_free(response);
            cognito_error_free(error);
            cognito_client_free(client);
            prop_assert_eq!(status, CognitoStatus::COGNITO_OK);
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
