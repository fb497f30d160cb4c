//! The transport end to end with a lookup the tests control, against scripted servers
//! (`tests/common`): a host name is looked up once per new connection (never for a pooled one,
//! never for an IP address), and a lookup keeps the connect timeout, the attempt deadline and
//! cancel.

use std::net::SocketAddr;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::Transport;
use super::resolve::Lookups;
use crate::cancel::CancelToken;
use crate::config::Config;
use crate::error::{Failure, TimeoutPhase};
use crate::http::HttpResponse;
use crate::test_common::{
    FullBacklog, LATE, Reply, Server, assert_within, config_for, ok, wait_until,
};

/// The addresses a lookup was asked for (`host:port`), in order.
type Asked = Arc<Mutex<Vec<String>>>;

/// Lookups that record what they are asked for and answer `addr`, after `delay`.
fn answering(addr: SocketAddr, delay: Duration) -> (Lookups, Asked) {
    let asked = Asked::default();
    let record = asked.clone();
    let lookups = Lookups::with(Arc::new(move |address: &str| {
        record.lock().unwrap().push(address.to_owned());
        thread::sleep(delay);
        Ok(vec![addr])
    }));
    (lookups, asked)
}

/// Lookups that report each start on the returned receiver and answer only once the returned
/// sender is dropped (then with an error): a lookup that outlasts what a test waits for.
fn hanging() -> (Lookups, mpsc::Receiver<()>, mpsc::Sender<()>) {
    let (started_tx, started) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let (started_tx, released) = (Mutex::new(started_tx), Mutex::new(released));
    let lookups = Lookups::with(Arc::new(move |_: &str| {
        let _ = started_tx.lock().unwrap().send(());
        let _ = released
            .lock()
            .unwrap()
            .recv_timeout(Duration::from_secs(60));
        Err(std::io::Error::other("released"))
    }));
    (lookups, started, release)
}

/// A transport to `url` with `config`'s settings, looking names up with `lookups`.
fn transport(url: &str, config: Config, lookups: Lookups) -> Transport {
    let settings = config.resolve().unwrap();
    Transport::with_lookups(url, "lookup-tests", &settings, lookups).unwrap()
}

/// One attempt that must end by `within` from now.
fn post(
    transport: &Transport,
    within: Duration,
    cancel: Option<&CancelToken>,
) -> Result<HttpResponse, Failure> {
    transport.send(&[], b"{}", Instant::now() + within, cancel)
}

/// `http://cognito.test:<port of addr>`: a name only the tests' lookups know.
fn named(addr: SocketAddr) -> (String, String) {
    let authority = format!("cognito.test:{}", addr.port());
    (format!("http://{authority}"), authority)
}

#[test]
fn calls_over_a_pooled_connection_look_the_name_up_once() {
    let server = Server::start(|n, _| Reply::Send(ok(&format!("rid-{n}"))));
    let (lookups, asked) = answering(server.addr, Duration::ZERO);
    let (url, authority) = named(server.addr);
    let transport = transport(&url, config_for(&url), lookups);
    for _ in 0..3 {
        let response = post(&transport, Duration::from_secs(30), None).unwrap();
        assert_eq!(response.status(), 200);
    }
    assert_eq!(server.connections(), 1, "one pooled connection");
    assert_eq!(*asked.lock().unwrap(), [authority]);
}

#[test]
fn a_new_connection_looks_the_name_up_again() {
    // The first answer closes its connection: the second call needs a new one.
    let server = Server::start(|n, _| match n {
        0 => Reply::SendAndClose(ok("rid-0")),
        _ => Reply::Send(ok("rid-1")),
    });
    let (lookups, asked) = answering(server.addr, Duration::ZERO);
    let (url, authority) = named(server.addr);
    let transport = transport(&url, config_for(&url), lookups);
    post(&transport, Duration::from_secs(30), None).unwrap();
    wait_until("the server to close", || server.closed() == 1);
    post(&transport, Duration::from_secs(30), None).unwrap();
    assert_eq!(server.connections(), 2);
    assert_eq!(*asked.lock().unwrap(), [authority.clone(), authority]);
}

#[test]
fn an_ip_address_is_never_looked_up() {
    let server = Server::start(|n, _| match n {
        0 => Reply::SendAndClose(ok("rid-0")),
        _ => Reply::Send(ok("rid-1")),
    });
    let (lookups, asked) = answering(server.addr, Duration::ZERO);
    let transport = transport(&server.url(), config_for(&server.url()), lookups);
    post(&transport, Duration::from_secs(30), None).unwrap();
    wait_until("the server to close", || server.closed() == 1);
    post(&transport, Duration::from_secs(30), None).unwrap();
    assert_eq!(server.connections(), 2);
    assert!(asked.lock().unwrap().is_empty(), "{asked:?}");
}

#[test]
fn a_proxys_name_is_looked_up_when_connecting_to_it() {
    // The "proxy" refuses the tunnel; what matters is whose name was looked up.
    let refusal = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".to_vec();
    let proxy = Server::start(move |_, _| Reply::Send(refusal.clone()));
    let (lookups, asked) = answering(proxy.addr, Duration::ZERO);
    let proxy_url = format!("http://proxy.test:{}", proxy.addr.port());
    let url = "http://cognito.test:8080";
    let transport = transport(url, config_for(url).proxy(proxy_url), lookups);
    post(&transport, Duration::from_secs(30), None).unwrap_err();
    let expected = format!("proxy.test:{}", proxy.addr.port());
    assert_eq!(*asked.lock().unwrap(), [expected]);
    let requests = proxy.requests();
    assert!(
        requests[0]
            .head
            .starts_with("CONNECT cognito.test:8080 HTTP/1.1"),
        "{}",
        requests[0].head
    );
}

#[test]
fn a_lookup_that_outlasts_the_connect_timeout_is_a_connect_timeout() {
    let (lookups, _started, release) = hanging();
    let url = "http://cognito.test:8080";
    let connect_timeout = Duration::from_millis(300);
    let config = config_for(url).connect_timeout(connect_timeout);
    let transport = transport(url, config, lookups);
    let started = Instant::now();
    let failure = post(&transport, Duration::from_secs(30), None).unwrap_err();
    let took = started.elapsed();
    let message = "connecting to cognito.test:8080 timed out while looking up its address";
    assert_eq!(failure, Failure::timeout(TimeoutPhase::Connect, message));
    assert_within(took, connect_timeout, LATE);
    drop(release);
}

#[test]
fn an_attempt_deadline_before_the_connect_timeout_ends_the_lookup() {
    let (lookups, _started, release) = hanging();
    let url = "http://cognito.test:8080";
    let config = config_for(url).connect_timeout(Duration::from_secs(20));
    let transport = transport(url, config, lookups);
    let deadline = Instant::now() + Duration::from_millis(300);
    let failure = transport.send(&[], b"{}", deadline, None).unwrap_err();
    let ended = Instant::now();
    let expected = Failure::timeout(TimeoutPhase::Attempt, "the attempt timed out");
    assert_eq!(failure, expected);
    assert!(
        ended >= deadline && ended < deadline + LATE,
        "{:?} late",
        ended - deadline
    );
    drop(release);
}

#[test]
fn cancel_ends_a_call_waiting_for_a_lookup() {
    let (lookups, started, release) = hanging();
    let url = "http://cognito.test:8080";
    let transport = transport(url, config_for(url), lookups);
    let token = CancelToken::new();
    let canceller = {
        let token = token.clone();
        thread::spawn(move || {
            started.recv().unwrap();
            let at = Instant::now();
            token.cancel();
            at
        })
    };
    let failure = post(&transport, Duration::from_secs(30), Some(&token)).unwrap_err();
    let latency = canceller.join().unwrap().elapsed();
    assert_eq!(failure, Failure::cancelled());
    assert!(latency < Duration::from_millis(50) + LATE, "{latency:?}");
    drop(release);
}

#[test]
fn the_connect_after_a_lookup_gets_what_is_left_of_the_connect_timeout() {
    // The lookup takes 1.5 s of the 2 s; the connect (which never completes) gets the rest,
    // not 2 s of its own.
    let backlog = FullBacklog::open();
    let (lookups, _asked) = answering(backlog.addr, Duration::from_millis(1500));
    let url = "http://cognito.test:8080";
    let connect_timeout = Duration::from_secs(2);
    let config = config_for(url).connect_timeout(connect_timeout);
    let transport = transport(url, config, lookups);
    let started = Instant::now();
    let failure = post(&transport, Duration::from_secs(30), None).unwrap_err();
    let took = started.elapsed();
    let message = "connecting to cognito.test:8080 timed out";
    assert_eq!(failure, Failure::timeout(TimeoutPhase::Connect, message));
    assert_within(took, connect_timeout, LATE);
}
