//! HTTPS: certificates are verified; a CA bundle replaces the bundled roots; a certificate
//! failure says so and is not retried. The test CA and server certificate come from
//! scripts/gen-test-certs.sh (tests/data/tls/).

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use cognito_feedback::{Client, ErrorKind};
use common::{alice_err, alice_ok, config_for, ok};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

fn tls_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tls")
        .join(name)
}

/// An HTTPS server on `ip` (a loopback address) answering every request with Cognito's
/// success (or a reply of the test's); counts TCP connections accepted.
struct TlsServer {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
}

impl TlsServer {
    fn start(ip: &str) -> TlsServer {
        TlsServer::replying(ip, ok("rid-tls"), false)
    }

    /// A server that answers every request with `reply`, and then closes the connection
    /// when `close` says so.
    fn replying(ip: &str, reply: Vec<u8>, close: bool) -> TlsServer {
        let reply = Arc::new(reply);
        let chain = vec![CertificateDer::from_pem_file(tls_file("server.pem")).unwrap()];
        let key = PrivateKeyDer::from_pem_file(tls_file("server.key")).unwrap();
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
        let config = Arc::new(config);
        let listener = TcpListener::bind((ip, 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                counter.fetch_add(1, Ordering::SeqCst);
                let (config, reply) = (config.clone(), reply.clone());
                thread::spawn(move || {
                    let connection = rustls::ServerConnection::new(config).unwrap();
                    let mut tls = rustls::StreamOwned::new(connection, stream);
                    let mut request = Vec::new();
                    let mut chunk = [0u8; 4096];
                    // Read the head and the (small) body, then answer; errors end the connection.
                    while let Ok(n) = tls.read(&mut chunk) {
                        if n == 0 {
                            return;
                        }
                        request.extend_from_slice(&chunk[..n]);
                        if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head =
                                String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
                            let length: usize = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length:"))
                                .map_or(0, |v| v.trim().parse().unwrap());
                            if request.len() >= end + 4 + length {
                                request.drain(..end + 4 + length);
                                if tls.write_all(&reply).is_err() || close {
                                    return;
                                }
                            }
                        }
                    }
                });
            }
        });
        TlsServer { addr, connections }
    }

    fn url(&self) -> String {
        format!("https://{}", self.addr)
    }
}

#[test]
fn an_untrusted_certificate_is_a_certificate_error_and_not_retried() {
    let server = TlsServer::start("127.0.0.1");
    let client = Client::new(config_for(&server.url())).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Connection, "{error}");
    assert!(
        error.message().contains("certificate verification failed"),
        "{error}"
    );
    assert!(
        error.message().contains(&server.addr.to_string()),
        "names the host: {error}"
    );
    assert_eq!(error.attempts(), 1, "a certificate failure is not retried");
    assert_eq!(
        error.field(),
        Some("ca_bundle"),
        "marked as a certificate failure"
    );
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
}

#[test]
fn verification_off_accepts_an_untrusted_certificate() {
    let server = TlsServer::start("127.0.0.1");
    let client = Client::new(config_for(&server.url()).verify_tls(false)).unwrap();
    let output = alice_ok(&client);
    assert_eq!(output.request_id(), Some("rid-tls"));
}

#[test]
fn a_ca_bundle_makes_the_server_trusted() {
    let server = TlsServer::start("127.0.0.1");
    let client = Client::new(config_for(&server.url()).ca_bundle_path(tls_file("ca.pem"))).unwrap();
    for _ in 0..2 {
        let output = alice_ok(&client);
        assert_eq!(output.request_id(), Some("rid-tls"));
    }
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        1,
        "the TLS connection is pooled"
    );
}

#[test]
fn the_ca_bundle_can_come_from_aws_ca_bundle() {
    let server = TlsServer::start("127.0.0.1");
    let bundle = tls_file("ca.pem").to_string_lossy().into_owned();
    let config = cognito_feedback::Config::new()
        .endpoint_url(server.url())
        .environment(move |name| (name == "AWS_CA_BUNDLE").then(|| bundle.clone()));
    let client = Client::new(config).unwrap();
    alice_ok(&client);
}

#[test]
fn a_certificate_for_another_name_is_rejected_even_from_a_trusted_ca() {
    // The certificate names localhost and 127.0.0.1, not 127.0.0.2.
    let server = TlsServer::start("127.0.0.2");
    let client = Client::new(config_for(&server.url()).ca_bundle_path(tls_file("ca.pem"))).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Connection, "{error}");
    assert!(
        error
            .message()
            .contains("certificate verification failed for host 127.0.0.2"),
        "{error}"
    );
    assert_eq!(error.attempts(), 1);
}

#[test]
fn an_unusable_ca_bundle_is_a_config_error() {
    let missing = tls_file("no-such-bundle.pem");
    let error =
        Client::new(config_for("https://127.0.0.1:1").ca_bundle_path(&missing)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(
        error.message().contains("cannot read the CA bundle"),
        "{error}"
    );
    assert!(error.message().contains("no-such-bundle.pem"), "{error}");

    // A PEM file with a key and no certificate.
    let error =
        Client::new(config_for("https://127.0.0.1:1").ca_bundle_path(tls_file("server.key")))
            .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(
        error.message().contains("holds no PEM certificate"),
        "{error}"
    );

    let empty =
        std::env::temp_dir().join(format!("cognito-feedback-empty-{}.pem", std::process::id()));
    std::fs::write(&empty, b"").unwrap();
    let error = Client::new(config_for("https://127.0.0.1:1").ca_bundle_path(&empty)).unwrap_err();
    std::fs::remove_file(&empty).unwrap();
    assert_eq!(error.kind(), ErrorKind::Config);
}

#[test]
fn a_changed_ca_bundle_is_read_again() {
    let server = TlsServer::start("127.0.0.1");
    let bundle = std::env::temp_dir().join(format!(
        "cognito-feedback-bundle-{}.pem",
        std::process::id()
    ));
    std::fs::copy(tls_file("ca.pem"), &bundle).unwrap();
    let config = || config_for(&server.url()).ca_bundle_path(&bundle);
    for _ in 0..2 {
        let client = Client::new(config()).unwrap();
        alice_ok(&client);
    }
    std::fs::copy(tls_file("server.key"), &bundle).unwrap();
    let error = Client::new(config()).unwrap_err();
    std::fs::remove_file(&bundle).unwrap();
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(
        error.message().contains("holds no PEM certificate"),
        "{error}"
    );
}

/// `Client::new` with `path` as the CA bundle, run on a thread and waited for at most 5 s
/// (a bundle that blocks or never ends must not hang the test): the config error it gave.
fn ca_bundle_error(path: &std::path::Path) -> cognito_feedback::Error {
    let (done, outcome) = std::sync::mpsc::channel();
    let config = config_for("https://127.0.0.1:1").ca_bundle_path(path);
    thread::spawn(move || drop(done.send(Client::new(config).map(drop))));
    let error = outcome
        .recv_timeout(std::time::Duration::from_secs(5))
        .expect("client creation returned")
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Config, "{error}");
    assert!(
        error.message().contains(&path.display().to_string()),
        "names the file: {error}"
    );
    error
}

#[test]
fn a_device_as_the_ca_bundle_is_refused_at_once() {
    let error = ca_bundle_error("/dev/zero".as_ref());
    assert!(error.message().contains("not a regular file"), "{error}");
}

#[test]
fn a_fifo_as_the_ca_bundle_is_refused_without_blocking() {
    let fifo = std::env::temp_dir().join(format!("cognito-feedback-fifo-{}", std::process::id()));
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let error = ca_bundle_error(&fifo);
    std::fs::remove_file(&fifo).unwrap();
    assert!(error.message().contains("not a regular file"), "{error}");
    // Another client's creation is not held up by the first (no global lock is held
    // while a bundle is read): a valid bundle still works.
    Client::new(config_for("https://127.0.0.1:1").ca_bundle_path(tls_file("ca.pem"))).unwrap();
}

#[test]
fn an_oversized_ca_bundle_is_refused() {
    let big = std::env::temp_dir().join(format!("cognito-feedback-big-{}.pem", std::process::id()));
    // A real certificate, padded past the cap with blank lines.
    let mut content = std::fs::read(tls_file("ca.pem")).unwrap();
    content.resize(5 * 1024 * 1024, b'\n');
    std::fs::write(&big, &content).unwrap();
    let error = ca_bundle_error(&big);
    std::fs::remove_file(&big).unwrap();
    assert!(error.message().contains("larger than 4 MiB"), "{error}");
}

#[test]
fn a_2xx_cut_short_over_tls_is_not_retried() {
    let reply =
        b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nx-amzn-RequestId: rid-tls-cut\r\n\r\n{\"p"
            .to_vec();
    let server = TlsServer::replying("127.0.0.1", reply, true);
    let client = Client::new(config_for(&server.url()).ca_bundle_path(tls_file("ca.pem"))).unwrap();
    let error = alice_err(&client);
    assert_eq!(error.kind(), ErrorKind::Response, "{error}");
    assert_eq!(error.http_status(), Some(200));
    assert_eq!(error.request_id(), Some("rid-tls-cut"));
    assert!(error.message().contains("probably recorded"), "{error}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
}
