//! The HTTP transport: one ureq agent per client, with its keep-alive pool, timeouts, TLS
//! roots and proxy, and a TCP layer that lets a [`CancelToken`] end a call's I/O at once.
//! Each attempt gives the [`HttpResponse`] it read, or the [`Failure`] that ended it (timeouts
//! and broken connections marked worth another attempt).
//!
//! ureq runs a request on the caller's thread, so [`Transport::send`] marks the thread with
//! the current call (its cancel token and attempt deadline; `call`). The TCP layer (`tcp`)
//! reads that mark on every name lookup, connect, write and read, including on a pooled
//! connection a later call reuses: it registers the socket with the call's token (so
//! `cancel()` shuts it down) and cuts every timeout to the attempt deadline. A host name is
//! looked up (`resolve`) only when a new connection is made, never for a pooled one.

mod call;
mod host;
mod proxy;
mod resolve;
mod status;
// Raw file descriptors, poll(2) and send/recv flags: Unix only (lib.rs refuses other targets).
#[cfg(unix)]
mod tcp;
#[cfg(test)]
mod tests;

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Instant, SystemTime};

use ureq::http::Uri;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};
use ureq::unversioned::transport::{ConnectProxyConnector, Connector, RustlsConnector};
use ureq::{Agent, Timeout};

use self::call::CallMark;
use self::host::is_loopback;
use self::resolve::{DeferringResolver, Lookups};
use self::status::{StatusConnector, StatusWatch};
use self::tcp::CancellableTcpConnector;
use crate::cancel::CancelToken;
use crate::config::{LogLevel, Settings};
use crate::error::{Answer, Error, ErrorKind, Failure, TimeoutPhase};
use crate::http::{self, HttpResponse};

/// Sends requests to one endpoint over a shared keep-alive pool.
pub(crate) struct Transport {
    agent: Agent,
    uri: Uri,
    /// `host[:port]` of the endpoint, for error messages.
    authority: String,
    /// The warning of an endpoint reached in clear text, when it is one.
    cleartext_warning: Option<String>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("uri", &self.uri)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// An agent for `endpoint` with the settings' timeouts and TLS roots, and the proxy the
    /// environment names (never for a loopback endpoint). Reads the CA bundle, if any.
    pub(crate) fn new(
        endpoint: &str,
        user_agent: &str,
        settings: &Settings,
    ) -> Result<Transport, Error> {
        Transport::with_lookups(endpoint, user_agent, settings, Lookups::system())
    }

    /// [`Transport::new`], looking host names up with `lookups`.
    fn with_lookups(
        endpoint: &str,
        user_agent: &str,
        settings: &Settings,
        lookups: Lookups,
    ) -> Result<Transport, Error> {
        let (uri, authority) = endpoint_uri(endpoint)?;
        let cleartext_warning = cleartext_warning(endpoint, &uri);
        let tls = tls_config(settings, &authority)?;
        let agent = agent(
            &uri,
            agent_config(&uri, user_agent, settings, tls)?,
            lookups,
        );
        if let Some(warning) = &cleartext_warning {
            settings.log.log(LogLevel::Warn, format_args!("{warning}"));
        }
        Ok(Transport {
            agent,
            uri,
            authority,
            cleartext_warning,
        })
    }

    /// The warning of an endpoint reached in clear text (an `http://` URL to a host that is
    /// not this machine), logged once when the transport was made.
    pub(crate) fn cleartext_warning(&self) -> Option<&str> {
        self.cleartext_warning.as_deref()
    }

    /// One attempt: POSTs `body` with `headers` and reads the response, its body capped at
    /// [`MAX_RESPONSE_BODY`](http::MAX_RESPONSE_BODY). Gives up at `deadline`; `cancel` ends
    /// it at once.
    pub(crate) fn send(
        &self,
        headers: &[(&str, &str)],
        body: &[u8],
        deadline: Instant,
        cancel: Option<&CancelToken>,
    ) -> Result<HttpResponse, Failure> {
        let _call = CallMark::enter(cancel, deadline);
        let watch = StatusWatch::start();
        match self.exchange(headers, body, &watch) {
            // A shut-down socket looks like a closed connection: the token tells the truth.
            // (A response read in full before the cancel stands.)
            Err(_) if cancel.is_some_and(CancelToken::is_cancelled) => Err(Failure::cancelled()),
            result => result,
        }
    }

    /// Sends the request and reads the response's head and body on this thread.
    fn exchange(
        &self,
        headers: &[(&str, &str)],
        body: &[u8],
        watch: &StatusWatch,
    ) -> Result<HttpResponse, Failure> {
        let mut request = self.agent.post(self.uri.clone());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request.send(body).map_err(|e| {
            let failure = self.failure(e);
            match watch.success_status() {
                // The head was cut short after a 2xx status line.
                Some(status) => self.cut_short(Answer::new(status, None), "response", &failure),
                None => failure,
            }
        })?;
        let status = response.status().as_u16();
        // Moved, not copied: copying every header cost a dozen allocations per call.
        let headers = std::mem::take(response.headers_mut());
        match http::read_body(response.body_mut().as_reader()) {
            Ok(body) => Ok(HttpResponse::new(status, headers, body)),
            Err(e) => {
                let cause = self.failure(ureq::Error::from(e));
                let answer = Answer::new(status, http::request_id(&headers));
                Err(if (200..300).contains(&status) {
                    self.cut_short(answer, "body", &cause)
                } else {
                    Failure::while_reading(cause, answer)
                })
            }
        }
    }

    /// The failure of a 2xx response (`answer`) whose `part` ("response" or "body") was cut
    /// short (`cause` says how): the service has most likely recorded the feedback, so it is
    /// never retried (a retry could meet a used token and report a failure for feedback that
    /// was recorded).
    fn cut_short(&self, answer: Answer, part: &str, cause: &Failure) -> Failure {
        let status = answer.status();
        let shown_id = answer.request_id().unwrap_or("-");
        let message = format!(
            "HTTP {status} from {} (request id {shown_id}), but the {part} was cut short; the \
             feedback was probably recorded ({cause})",
            self.authority
        );
        Failure::response(message, answer)
    }

    /// A ureq failure as this crate's: timeouts and broken connections are transient (worth
    /// another attempt), certificate and protocol failures are not.
    fn failure(&self, error: ureq::Error) -> Failure {
        let host = &self.authority;
        match error {
            ureq::Error::Timeout(Timeout::Connect) => Failure::timeout(
                TimeoutPhase::Connect,
                format!("connecting to {host} timed out"),
            ),
            ureq::Error::Timeout(Timeout::Resolve) => Failure::timeout(
                TimeoutPhase::Connect,
                format!("connecting to {host} timed out while looking up its address"),
            ),
            ureq::Error::Timeout(_) => {
                Failure::timeout(TimeoutPhase::Attempt, "the attempt timed out")
            }
            ureq::Error::Io(e) => self.io_failure(e),
            ureq::Error::HostNotFound => {
                Failure::transient_connection(format!("host {host} not found"))
            }
            ureq::Error::Rustls(e) => tls_failure(host, &e),
            ureq::Error::Protocol(e) => Failure::new(
                ErrorKind::Response,
                format!("the response from {host} is not valid HTTP/1.1: {e}"),
            ),
            ureq::Error::LargeResponseHeader(size, limit) => Failure::new(
                ErrorKind::Response,
                format!("the response headers from {host} are too large ({size} > {limit} bytes)"),
            ),
            ureq::Error::BodyStalled => Failure::transient_connection(format!(
                "the connection to {host} stalled while reading the response"
            )),
            other => Failure::new(
                ErrorKind::Connection,
                format!("request to {host} failed: {other}"),
            ),
        }
    }

    /// An I/O failure as this crate's: a TLS failure inside it as such, timeouts and most
    /// broken connections worth another attempt, bad data not.
    fn io_failure(&self, e: io::Error) -> Failure {
        let host = &self.authority;
        if let Some(tls) = e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return tls_failure(host, tls);
        }
        match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                Failure::timeout(TimeoutPhase::Attempt, format!("I/O with {host} timed out"))
            }
            io::ErrorKind::UnexpectedEof => Failure::transient_connection(format!(
                "{host} closed the connection before the response was complete"
            )),
            io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput => Failure::new(
                ErrorKind::Connection,
                format!("connection to {host} failed: {e}"),
            ),
            _ => Failure::transient_connection(format!("connection to {host} failed: {e}")),
        }
    }
}

/// A TLS failure: never transient; a certificate failure names the setting at fault.
fn tls_failure(host: &str, e: &rustls::Error) -> Failure {
    match e {
        rustls::Error::InvalidCertificate(_) => Failure::untrusted_certificate(format!(
            "TLS certificate verification failed for host {host}: {e}"
        )),
        _ => Failure::new(
            ErrorKind::Connection,
            format!("TLS handshake with {host} failed: {e}"),
        ),
    }
}

/// The endpoint's URL and its `host[:port]`; a config error unless it is an absolute
/// `http://` or `https://` URL.
fn endpoint_uri(endpoint: &str) -> Result<(Uri, String), Error> {
    let uri: Uri = endpoint
        .parse()
        .map_err(|e| Error::config(format!("endpoint URL {endpoint:?} is not a valid URL: {e}")))?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let Some(authority) = uri.authority().filter(|_| scheme_ok) else {
        return Err(Error::config(format!(
            "endpoint URL {endpoint:?} must be an absolute http:// or https:// URL"
        )));
    };
    let authority = authority.as_str().to_owned();
    Ok((uri, authority))
}

/// The warning of an endpoint reached in clear text: an `http://` URL to a host that is not
/// this machine.
fn cleartext_warning(endpoint: &str, uri: &Uri) -> Option<String> {
    (uri.scheme_str() == Some("http") && !uri.host().is_some_and(is_loopback)).then(|| {
        format!(
            "the endpoint {endpoint} is plain http:// to a host that is not this machine: the \
             FeedbackToken is sent unencrypted"
        )
    })
}

/// The TLS settings: the CA bundle's roots when one is set, and no verification (logged as a
/// warning about `authority`) when it is turned off.
fn tls_config(settings: &Settings, authority: &str) -> Result<TlsConfig, Error> {
    let mut tls = TlsConfig::builder();
    if let Some(path) = &settings.ca_bundle_path {
        tls = tls.root_certs(RootCerts::Specific(ca_roots(path)?));
    }
    if !settings.verify_tls {
        settings.log.log(
            LogLevel::Warn,
            format_args!(
                "TLS certificate verification is off: any server can answer for {authority}"
            ),
        );
        tls = tls.disable_verification(true);
    }
    Ok(tls.build())
}

/// The agent's configuration: no redirects, statuses as answers, the SDK's User-Agent, the
/// proxy for `uri`, the connect timeout, and a pool sized by the settings.
fn agent_config(
    uri: &Uri,
    user_agent: &str,
    settings: &Settings,
    tls: TlsConfig,
) -> Result<ureq::config::Config, Error> {
    let proxy = match &settings.proxy {
        Some(url) => Some(proxy::explicit(url)?),
        None => proxy::proxy_for(uri, &settings.proxy_variables)?,
    };
    Ok(Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(user_agent)
        .accept("")
        .proxy(proxy)
        .timeout_connect(Some(settings.connect_timeout))
        // A client talks to one host, so every pooled connection is for it.
        .max_idle_connections(settings.max_pool_connections)
        .max_idle_connections_per_host(settings.max_pool_connections)
        .tls_config(tls)
        .build())
}

/// The agent for `uri`: through a proxy's `CONNECT` if one is set, over cancellable TCP, TLS
/// and the status watch. A host name (the endpoint's, or the proxy's) is looked up with
/// `lookups` by the TCP connector, within the connect timeout, only when it connects.
fn agent(uri: &Uri, config: ureq::config::Config, lookups: Lookups) -> Agent {
    let connector =
        ().chain(ConnectProxyConnector::default())
            .chain(CancellableTcpConnector::new(lookups))
            .chain(RustlsConnector::default())
            .chain(StatusConnector {
                endpoint: uri.clone(),
            });
    Agent::with_parts(config, connector, DeferringResolver)
}

/// CA certificates, shared by the clients that use the same bundle.
type Roots = Arc<Vec<Certificate<'static>>>;

/// The largest CA bundle read: real ones are about 200 KiB (the system's, some 150
/// certificates); anything far larger is not a CA bundle.
const MAX_CA_BUNDLE: u64 = 4 * 1024 * 1024;

/// The last CA bundle read: its path, size, modification time and certificates. Clients
/// made one after another with the same bundle (AWS_CA_BUNDLE often names the system's,
/// some 150 certificates that take a quarter of a millisecond to parse) parse it once.
/// Held only to look up and to store, never while a file is read.
static LAST_BUNDLE: Mutex<Option<(PathBuf, u64, SystemTime, Roots)>> = Mutex::new(None);

/// The CA certificates of a PEM file, from [`LAST_BUNDLE`] when the file has not changed.
fn ca_roots(path: &Path) -> Result<Roots, Error> {
    let (file, metadata) = open_ca_bundle(path)?;
    let key = metadata.modified().ok().map(|m| (metadata.len(), m));
    let last = || LAST_BUNDLE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((len, modified)) = key {
        if let Some((p, l, m, roots)) = last().as_ref() {
            if p == path && *l == len && *m == modified {
                return Ok(roots.clone());
            }
        }
    }
    let roots = Arc::new(read_ca_bundle(path, file)?);
    if let Some((len, modified)) = key {
        *last() = Some((path.to_owned(), len, modified, roots.clone()));
    }
    Ok(roots)
}

/// Opens a CA bundle that is a regular file of at most [`MAX_CA_BUNDLE`] bytes; anything
/// else (a device such as /dev/zero, a FIFO, a directory, a huge file) is a config error.
/// The open does not block: a FIFO with no writer would block it forever.
fn open_ca_bundle(path: &Path) -> Result<(File, Metadata), Error> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| unreadable_bundle(path, e))?;
    // The opened file's own metadata: the path may have changed since it was opened.
    let metadata = file.metadata().map_err(|e| unreadable_bundle(path, e))?;
    let shown = path.display();
    if !metadata.is_file() {
        return Err(Error::config(format!(
            "the CA bundle {shown} is not a regular file"
        )));
    }
    if metadata.len() > MAX_CA_BUNDLE {
        return Err(too_large_bundle(path));
    }
    Ok((file, metadata))
}

/// The CA certificates of an opened PEM file; one that grew past [`MAX_CA_BUNDLE`], cannot
/// be read, or holds no certificate is a config error.
fn read_ca_bundle(path: &Path, file: File) -> Result<Vec<Certificate<'static>>, Error> {
    let shown = path.display();
    let mut pem = Vec::new();
    file.take(MAX_CA_BUNDLE + 1)
        .read_to_end(&mut pem)
        .map_err(|e| unreadable_bundle(path, e))?;
    if pem.len() as u64 > MAX_CA_BUNDLE {
        return Err(too_large_bundle(path));
    }
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(c)) => certificates.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(Error::config(format!(
                    "the CA bundle {shown} is not valid PEM: {e}"
                )));
            }
        }
    }
    if certificates.is_empty() {
        return Err(Error::config(format!(
            "the CA bundle {shown} holds no PEM certificate"
        )));
    }
    Ok(certificates)
}

/// The config error of a CA bundle that cannot be read.
fn unreadable_bundle(path: &Path, e: io::Error) -> Error {
    Error::config(format!("cannot read the CA bundle {}: {e}", path.display()))
}

/// The config error of a CA bundle larger than [`MAX_CA_BUNDLE`].
fn too_large_bundle(path: &Path) -> Error {
    Error::config(format!(
        "the CA bundle {} is larger than {} MiB: not a CA bundle",
        path.display(),
        MAX_CA_BUNDLE / (1024 * 1024)
    ))
}
