//! Any timeout length in milliseconds, given to the C setters, makes a client that works: up
//! to `UINT64_MAX` ms, never a panic from deadline arithmetic.

use std::ptr;

use proptest::prelude::*;

use super::c_api::*;
use super::common::always_ok;

/// Any count of milliseconds above zero, with the edges drawn often.
fn any_milliseconds() -> impl Strategy<Value = u64> {
    prop_oneof![Just(u64::MAX), Just(u64::MAX - 1), 1..=u64::MAX]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_timeout_in_milliseconds_makes_a_c_client_whose_calls_succeed(
        connect in any_milliseconds(),
        attempt in any_milliseconds(),
        total in any_milliseconds(),
    ) {
        let server = always_ok();
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
