//! Settings from the AWS_* environment, read through `Config::environment` (so no test
//! touches the process environment): what they change on the wire, and their errors.

mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use cognito_feedback::{Client, Config, ErrorKind};
use common::{Reply, Server, alice_err, alice_ok, ok, service_error};

/// A config whose environment is exactly `vars`.
fn with_env(vars: &[(&str, &str)]) -> Config {
    let table: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::new().environment(move |name| table.get(name).cloned())
}

#[test]
fn the_endpoint_and_app_id_come_from_the_environment() {
    let server = Server::start(|_, _| Reply::Send(ok("rid")));
    let url = server.url();
    let client = Client::new(with_env(&[
        ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", &url),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"),
        ("AWS_SDK_UA_APP_ID", "env-app"),
    ]))
    .unwrap();
    assert_eq!(client.endpoint(), url);
    alice_ok(&client);
    let user_agent = server.requests()[0]
        .header("user-agent")
        .unwrap()
        .to_owned();
    assert!(user_agent.ends_with(" app/env-app"), "{user_agent}");
}

#[test]
fn max_attempts_comes_from_the_environment() {
    let server =
        Server::start(|_, _| Reply::Send(service_error(500, "InternalErrorException", "boom")));
    let client = Client::new(with_env(&[
        ("AWS_ENDPOINT_URL", &server.url()),
        ("AWS_MAX_ATTEMPTS", "2"),
    ]))
    .unwrap();
    let error = alice_err(&client);
    assert_eq!(error.attempts(), 2);
    assert_eq!(
        server.requests()[1].header("amz-sdk-request"),
        Some("attempt=2; max=2")
    );
}

#[test]
fn the_region_comes_from_the_environment() {
    let client = Client::new(with_env(&[
        ("AWS_REGION", "eu-west-1"),
        ("AWS_DEFAULT_REGION", "us-west-2"),
    ]))
    .unwrap();
    assert_eq!(
        client.endpoint(),
        "https://cognito-idp.eu-west-1.amazonaws.com"
    );
    let client = Client::new(with_env(&[("AWS_DEFAULT_REGION", "us-west-2")])).unwrap();
    assert_eq!(
        client.endpoint(),
        "https://cognito-idp.us-west-2.amazonaws.com"
    );
    let client =
        Client::new(with_env(&[("AWS_REGION", "eu-west-1")]).region("ap-south-1")).unwrap();
    assert_eq!(
        client.endpoint(),
        "https://cognito-idp.ap-south-1.amazonaws.com"
    );
}

#[test]
fn configured_endpoints_can_be_switched_off() {
    let client = Client::new(with_env(&[
        ("AWS_REGION", "eu-west-1"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
    ]))
    .unwrap();
    assert_eq!(
        client.endpoint(),
        "https://cognito-idp.eu-west-1.amazonaws.com"
    );
}

#[test]
fn ignore_environment_never_reads_it() {
    let reads = Arc::new(AtomicUsize::new(0));
    let counter = reads.clone();
    let config = Config::new()
        .ignore_environment(true)
        .endpoint_url("http://127.0.0.1:1")
        .environment(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            Some("garbage".into())
        });
    Client::new(config).unwrap();
    assert_eq!(reads.load(Ordering::SeqCst), 0);
}

#[test]
fn bad_environment_values_are_config_errors_naming_the_variable() {
    for (name, value) in [
        ("AWS_USE_FIPS_ENDPOINT", "maybe"),
        ("AWS_USE_DUALSTACK_ENDPOINT", "2"),
        ("AWS_MAX_ATTEMPTS", "0"),
        ("AWS_RETRY_MODE", "turbo"),
        ("AWS_CA_BUNDLE", "/nonexistent/bundle.pem"),
    ] {
        let error =
            Client::new(with_env(&[("AWS_REGION", "eu-west-1"), (name, value)])).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config, "{name}");
        assert!(
            error.message().contains(name) || error.message().contains(value),
            "{name}: {error}"
        );
    }
}

#[test]
fn fips_from_the_environment_with_an_endpoint_override_is_a_config_error() {
    let error = Client::new(with_env(&[
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:1"),
        ("AWS_USE_FIPS_ENDPOINT", "true"),
    ]))
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
}

#[test]
fn an_invalid_endpoint_url_is_a_config_error() {
    for url in ["ftp://127.0.0.1/", "not a url", "/relative"] {
        let error =
            Client::new(Config::new().ignore_environment(true).endpoint_url(url)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config, "{url}");
        assert!(error.message().contains(url), "{url}: {error}");
    }
}
