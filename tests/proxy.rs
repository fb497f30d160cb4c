//! Proxies from the environment, by curl's rules: which variable applies to which endpoint,
//! NO_PROXY, SOCKS, `ignore_environment`, and the warning for an endpoint reached in clear
//! text, and a proxy set explicitly (used for every endpoint). The proxies are loopback
//! servers of the tests' own. Every test but one passes its
//! variables through `Config::environment`; `the_process_environment_is_read_unless_ignored`
//! is the only one that sets (and reads) process environment variables.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use cognito_feedback::{Client, Config, ErrorKind, LogLevel};
use common::{Reply, Server, alice_ok, capture_log, config_for, ok};

/// A proxy on 127.0.0.1 that records the first line of every request it gets.
struct Proxy {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    /// A CONNECT proxy that opens any tunnel and then plays the endpoint itself: it answers
    /// Cognito's success to the (plain HTTP) request that comes through the tunnel.
    fn tunnelling() -> Proxy {
        Proxy::answering(ok("rid-via-proxy"))
    }

    /// A CONNECT proxy that opens any tunnel, reads the (plain HTTP) request that comes
    /// through it, sends `answer` and closes.
    fn answering(answer: Vec<u8>) -> Proxy {
        Proxy::start(move |stream, reader| {
            skip_head(reader);
            stream
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .unwrap();
            let length = skip_head(reader);
            let mut body = vec![0u8; length];
            std::io::Read::read_exact(reader, &mut body).unwrap();
            stream.write_all(&answer).unwrap();
        })
    }

    /// A proxy that refuses every tunnel (403): enough to see who was asked.
    fn refusing() -> Proxy {
        Proxy::start(|stream, reader| {
            skip_head(reader);
            let _ = stream.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        })
    }

    fn start(
        serve: impl Fn(&mut std::net::TcpStream, &mut BufReader<std::net::TcpStream>)
        + Send
        + Sync
        + 'static,
    ) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let record = requests.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { return };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                record.lock().unwrap().push(line.trim_end().to_owned());
                serve(&mut stream, &mut reader);
            }
        });
        Proxy { url, requests }
    }

    /// The first lines of the requests it got.
    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Reads header lines up to the blank one; the Content-Length, if any.
fn skip_head(reader: &mut BufReader<std::net::TcpStream>) -> usize {
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            return length;
        }
        if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap();
        }
        if header == "\r\n" {
            return length;
        }
    }
}

/// A config for `endpoint` that sees exactly `variables` as its environment, and gives up
/// soon (one attempt, a short connect timeout) where it connects directly to a host that
/// does not exist here.
fn config(endpoint: &str, variables: &[(&str, &str)]) -> Config {
    let table: Vec<(String, String)> = variables
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    Config::new()
        .environment(move |name| {
            table
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        })
        .endpoint_url(endpoint)
        .max_attempts(1)
        .connect_timeout(Duration::from_millis(500))
}

/// Makes one call with `config` (its outcome is not the point) and returns which of
/// `proxies` were asked, by index.
fn asked(config: Config, proxies: &[&Proxy]) -> Vec<usize> {
    let before: Vec<usize> = proxies.iter().map(|p| p.requests().len()).collect();
    let client = Client::new(config).unwrap();
    let _ = client.update_auth_event_feedback(&common::alice(), None);
    (0..proxies.len())
        .filter(|&i| proxies[i].requests().len() > before[i])
        .collect()
}

/// An environment, and which proxies (by index) a call with it must ask.
type Case<'a> = (&'a [(&'a str, &'a str)], Vec<usize>);

const HTTPS_ENDPOINT: &str = "https://cognito-idp.us-east-1.amazonaws.com";
const HTTP_ENDPOINT: &str = "http://cognito.example.test:8080";

#[test]
fn an_https_endpoint_uses_https_proxy_then_all_proxy() {
    let (a, b) = (Proxy::refusing(), Proxy::refusing());
    let both = [&a, &b];
    let cases: [Case; 6] = [
        (&[("HTTPS_PROXY", &a.url), ("ALL_PROXY", &b.url)], vec![0]),
        (&[("https_proxy", &a.url), ("HTTPS_PROXY", &b.url)], vec![0]),
        (&[("ALL_PROXY", &b.url)], vec![1]),
        (&[("all_proxy", &a.url), ("ALL_PROXY", &b.url)], vec![0]),
        (&[("http_proxy", &a.url), ("HTTP_PROXY", &b.url)], vec![]),
        (&[("https_proxy", &a.url[7..])], vec![0]), // no scheme: http://
    ];
    for (variables, expected) in cases {
        assert_eq!(
            asked(config(HTTPS_ENDPOINT, variables), &both),
            expected,
            "{variables:?}"
        );
    }
    assert_eq!(
        a.requests()[0],
        "CONNECT cognito-idp.us-east-1.amazonaws.com:443 HTTP/1.1"
    );
}

#[test]
fn a_plain_http_endpoint_uses_lowercase_http_proxy_only_then_all_proxy() {
    let (a, b) = (Proxy::refusing(), Proxy::refusing());
    let both = [&a, &b];
    let cases: [Case; 4] = [
        (&[("HTTP_PROXY", &a.url)], vec![]),
        (&[("http_proxy", &a.url)], vec![0]),
        (&[("HTTP_PROXY", &a.url), ("ALL_PROXY", &b.url)], vec![1]),
        (&[("HTTPS_PROXY", &a.url)], vec![]),
    ];
    for (variables, expected) in cases {
        assert_eq!(
            asked(config(HTTP_ENDPOINT, variables), &both),
            expected,
            "{variables:?}"
        );
    }
}

#[test]
fn a_proxied_call_goes_through_the_tunnel() {
    let proxy = Proxy::tunnelling();
    let client = Client::new(config(HTTP_ENDPOINT, &[("http_proxy", &proxy.url)])).unwrap();
    assert_eq!(alice_ok(&client).request_id(), Some("rid-via-proxy"));
    assert_eq!(
        proxy.requests(),
        ["CONNECT cognito.example.test:8080 HTTP/1.1"]
    );
}

#[test]
fn no_proxy_entries_are_trimmed_and_a_domain_covers_its_subdomains() {
    let proxy = Proxy::refusing();
    let cases: [(&str, bool); 8] = [
        ("localhost, .amazonaws.com", false),
        ("localhost,amazonaws.com ", false),
        ("  *  ", false),
        ("us-east-1.amazonaws.com", false),
        ("example.com", true),
        ("zonaws.com", true),
        ("", true),
        (" , ", true),
    ];
    for (no_proxy, proxied) in cases {
        let variables = [("HTTPS_PROXY", proxy.url.as_str()), ("NO_PROXY", no_proxy)];
        let asked = asked(config(HTTPS_ENDPOINT, &variables), &[&proxy]);
        assert_eq!(asked == [0], proxied, "NO_PROXY={no_proxy:?}");
    }
    // The lowercase list wins.
    let variables = [
        ("HTTPS_PROXY", proxy.url.as_str()),
        ("no_proxy", "amazonaws.com"),
        ("NO_PROXY", "example.com"),
    ];
    assert_eq!(
        asked(config(HTTPS_ENDPOINT, &variables), &[&proxy]),
        [] as [usize; 0]
    );
}

#[test]
fn no_proxy_matches_ip_addresses_and_networks() {
    let proxy = Proxy::refusing();
    // TEST-NET-1: nothing answers there, so a direct connect fails within the timeout.
    let endpoint = "https://192.0.2.10";
    for (no_proxy, proxied) in [
        ("192.0.2.10", false),
        ("192.0.2.0/24", false),
        ("10.0.0.0/8, 192.0.2.0/28", false),
        ("192.0.2.11", true),
        ("192.0.3.0/24", true),
    ] {
        let variables = [("HTTPS_PROXY", proxy.url.as_str()), ("NO_PROXY", no_proxy)];
        let asked = asked(config(endpoint, &variables), &[&proxy]);
        assert_eq!(asked == [0], proxied, "NO_PROXY={no_proxy:?}");
    }
}

#[test]
fn a_socks_proxy_is_a_config_error_naming_its_variable_and_drops_no_other_proxy() {
    let variables = [("ALL_PROXY", "socks5h://127.0.0.1:1080")];
    let error = Client::new(config(HTTPS_ENDPOINT, &variables)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config, "{error}");
    assert!(
        error.message().contains("ALL_PROXY") && error.message().contains("SOCKS"),
        "{error}"
    );
    // A SOCKS entry in a variable that does not apply leaves the one that does.
    let proxy = Proxy::refusing();
    let variables = [
        ("ALL_PROXY", "socks5://127.0.0.1:1080"),
        ("HTTPS_PROXY", proxy.url.as_str()),
    ];
    assert_eq!(asked(config(HTTPS_ENDPOINT, &variables), &[&proxy]), [0]);
    // An unknown scheme is named too, and a password in the URL is not shown.
    let variables = [("https_proxy", "ftp://user:secret@proxy.example:21")];
    let error = Client::new(config(HTTPS_ENDPOINT, &variables)).unwrap_err();
    assert!(error.message().contains("https_proxy"), "{error}");
    assert!(!error.message().contains("secret"), "{error}");
}

#[test]
fn a_loopback_endpoint_never_uses_a_proxy() {
    let proxy = Proxy::refusing();
    let server = Server::start(|_, _| Reply::Send(ok("rid-direct")));
    let variables = [
        ("http_proxy", proxy.url.as_str()),
        ("ALL_PROXY", proxy.url.as_str()),
    ];
    let client = Client::new(config(&server.url(), &variables)).unwrap();
    assert_eq!(alice_ok(&client).request_id(), Some("rid-direct"));
    assert!(proxy.requests().is_empty());
}

#[test]
fn an_http_endpoint_to_another_host_warns_once_per_client() {
    let proxy = Proxy::tunnelling();
    let (log, sink) = capture_log();
    // (The proxy closes each tunnel after one answer: the second call may meet the closed
    // connection, and retries.)
    let proxied = config(HTTP_ENDPOINT, &[("http_proxy", &proxy.url)]).max_attempts(3);
    let client = Client::new(proxied.log(sink)).unwrap();
    alice_ok(&client);
    alice_ok(&client);
    let warnings: Vec<String> = log
        .lock()
        .unwrap()
        .iter()
        .filter(|(level, _)| *level == LogLevel::Warn)
        .map(|(_, message)| message.clone())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains(HTTP_ENDPOINT) && warnings[0].contains("unencrypted"),
        "{warnings:?}"
    );
    assert_eq!(client.cleartext_warning(), Some(warnings[0].as_str()));

    // Neither HTTPS nor a loopback endpoint warns.
    for endpoint in [
        HTTPS_ENDPOINT,
        "http://127.0.0.1:9",
        "http://localhost:9",
        "http://[::1]:9",
    ] {
        let (log, sink) = capture_log();
        let client = Client::new(config(endpoint, &[]).log(sink)).unwrap();
        assert_eq!(client.cleartext_warning(), None, "{endpoint}");
        assert!(
            !log.lock()
                .unwrap()
                .iter()
                .any(|(l, _)| *l == LogLevel::Warn),
            "{endpoint}"
        );
    }
}

#[test]
fn the_process_environment_is_read_unless_ignored() {
    let proxy = Proxy::refusing();
    // SAFETY: the only test of this binary that touches the process environment; the others
    // read theirs through `Config::environment` and never read the process's.
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
        std::env::set_var("HTTPS_PROXY", &proxy.url);
    }
    let direct = |config: Config| {
        config
            .max_attempts(1)
            .connect_timeout(Duration::from_millis(500))
    };
    let read = direct(Config::new().endpoint_url(HTTPS_ENDPOINT));
    assert_eq!(asked(read, &[&proxy]), [0]);
    let ignored = direct(config_for(HTTPS_ENDPOINT));
    assert_eq!(asked(ignored, &[&proxy]), [] as [usize; 0]);
}

#[test]
fn through_a_proxy_only_the_endpoints_2xx_counts_not_the_tunnels() {
    // The tunnel opens ("200 Connection established"), then the endpoint's answer is cut
    // before its status line: retried, as nothing says the service handled it.
    let proxy = Proxy::answering(b"HTTP/1.1 5".to_vec());
    let client =
        Client::new(config(HTTP_ENDPOINT, &[("http_proxy", &proxy.url)]).max_attempts(2)).unwrap();
    let error = common::alice_err(&client);
    assert_eq!(error.attempts(), 2, "{error}");
    assert!(!error.message().contains("probably recorded"), "{error}");

    // The endpoint's 200 cut short is not retried.
    let proxy = Proxy::answering(
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\nx-amzn-RequestId: rid-cut\r\n\r\n{".to_vec(),
    );
    let client =
        Client::new(config(HTTP_ENDPOINT, &[("http_proxy", &proxy.url)]).max_attempts(2)).unwrap();
    let error = common::alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.attempts(), 1, "{error}");
    assert_eq!(error.request_id(), Some("rid-cut"));
    assert!(error.message().contains("probably recorded"), "{error}");
    assert_eq!(proxy.requests().len(), 1);
}

#[test]
fn an_explicit_proxy_is_used_even_for_a_loopback_endpoint() {
    let proxy = Proxy::tunnelling();
    let server = Server::start(|_, _| Reply::Send(ok("rid-direct")));
    let client = Client::new(config_for(&server.url()).proxy(&proxy.url)).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.request_id(), Some("rid-via-proxy"));
    let authority = server.url().trim_start_matches("http://").to_owned();
    assert_eq!(proxy.requests(), [format!("CONNECT {authority} HTTP/1.1")]);

    for bad in ["socks5://127.0.0.1:1080", "not a url"] {
        let error = Client::new(config_for(&server.url()).proxy(bad)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Config, "{bad}");
        assert!(error.message().contains(bad), "names the proxy: {error}");
    }
}
