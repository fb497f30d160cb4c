//! Proxies from the environment: an HTTP CONNECT proxy is used, NO_PROXY and loopback
//! endpoints bypass it; a proxy set explicitly is used for every endpoint. One test reads the
//! environment: it sets process environment variables, which no other test in this binary
//! may read at the same time (the explicit proxy's test reads none).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use cognito_feedback::Client;
use common::{Reply, Server, alice_err, alice_ok, config_for, ok};

/// A CONNECT proxy that accepts any tunnel and then plays the endpoint itself: it answers
/// Cognito's success to the request that comes through the tunnel. Records CONNECT lines.
fn fake_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            record.lock().unwrap().push(line.trim_end().to_owned());
            // Skip the CONNECT headers, open the tunnel, then read the tunnelled request.
            let mut length = 0;
            for phase in 0..2 {
                loop {
                    let mut header = String::new();
                    reader.read_line(&mut header).unwrap();
                    if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                    if header == "\r\n" {
                        break;
                    }
                }
                if phase == 0 {
                    stream
                        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                        .unwrap();
                }
            }
            let mut body = vec![0u8; length];
            std::io::Read::read_exact(&mut reader, &mut body).unwrap();
            stream.write_all(&ok("rid-via-proxy")).unwrap();
        }
    });
    (url, seen)
}

#[test]
fn an_explicit_proxy_is_used_even_for_a_loopback_endpoint() {
    let (proxy_url, connects) = fake_proxy();
    let server = Server::start(|_, _| Reply::Send(ok("rid-direct")));
    let client = Client::new(config_for(&server.url()).proxy(&proxy_url)).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.request_id(), Some("rid-via-proxy"));
    let authority = server.url().trim_start_matches("http://").to_owned();
    assert_eq!(
        *connects.lock().unwrap(),
        [format!("CONNECT {authority} HTTP/1.1")]
    );

    for bad in ["socks5://127.0.0.1:1080", "not a url"] {
        let error = Client::new(config_for(&server.url()).proxy(bad)).unwrap_err();
        assert_eq!(error.kind(), cognito_feedback::ErrorKind::Config, "{bad}");
        assert!(error.message().contains(bad), "names the proxy: {error}");
    }
}

#[test]
fn proxies_from_the_environment() {
    let (proxy_url, connects) = fake_proxy();
    // SAFETY: this is the only test of this binary, so no other thread reads the environment.
    unsafe {
        for name in [
            "ALL_PROXY",
            "all_proxy",
            "HTTPS_PROXY",
            "https_proxy",
            "http_proxy",
            "NO_PROXY",
            "no_proxy",
        ] {
            std::env::remove_var(name);
        }
        std::env::set_var("HTTP_PROXY", &proxy_url);
    }

    // A non-loopback endpoint goes through the proxy (which resolves the name).
    let client = Client::new(config_for("http://cognito.example.test:8080")).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.request_id(), Some("rid-via-proxy"));
    assert_eq!(
        *connects.lock().unwrap(),
        ["CONNECT cognito.example.test:8080 HTTP/1.1"]
    );

    // A loopback endpoint, such as a local emulator, never does.
    let server = Server::start(|_, _| Reply::Send(ok("rid-direct")));
    let client = Client::new(config_for(&server.url())).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.request_id(), Some("rid-direct"));
    assert_eq!(
        connects.lock().unwrap().len(),
        1,
        "the proxy saw no new tunnel"
    );

    // NO_PROXY names hosts that bypass the proxy.
    unsafe { std::env::set_var("NO_PROXY", "cognito.example.test") };
    // (The name does not resolve: the direct call fails, within its deadline.)
    let config = config_for("http://cognito.example.test:8080")
        .max_attempts(1)
        .total_timeout(Duration::from_secs(3));
    let client = Client::new(config).unwrap();
    alice_err(&client);
    assert_eq!(
        connects.lock().unwrap().len(),
        1,
        "the proxy saw no new tunnel"
    );
}
