//! A raw HTTP/1.1 client over TcpStream, independent of the library under development, so the
//! tests see exactly the bytes the emulator sends.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use cognito_feedback_emulator::{Emulator, EmulatorOptions, Faults, RecordedFeedback};
use serde_json::{Value, json};

/// How long a test waits for an answer it expects before failing instead of hanging.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// The Plus pool of the default fixture.
pub const PLUS_POOL: &str = "us-east-1_PlusPool1";

/// An emulator with the default fixture on a free port.
pub fn start() -> Emulator {
    Emulator::start(EmulatorOptions::default()).expect("emulator starts")
}

/// [`start`], then `faults` set through [`Emulator::set_faults`].
pub fn start_with(faults: Faults) -> Emulator {
    let emulator = start();
    emulator.set_faults(faults).expect("the faults are valid");
    emulator
}

/// The feedback recorded for `event_id` in [`PLUS_POOL`]; fails the test when there is none.
#[track_caller]
pub fn recorded(emulator: &Emulator, event_id: &str) -> RecordedFeedback {
    emulator
        .feedback(PLUS_POOL, event_id)
        .expect("feedback recorded")
}

/// One client connection.
pub struct Conn {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
}

/// One response as received.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The head exactly as received, status line included.
    pub head: String,
    /// The headers in the order received, values trimmed.
    pub headers: Vec<(String, String)>,
    /// The body, as long as its Content-Length said.
    pub body: Vec<u8>,
}

impl Reply {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", self.text()))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts a Cognito error: status, body `__type`, body `message`, and `x-amzn-ErrorType`.
    pub fn assert_error(&self, status: u16, code: &str, message: &str) {
        assert_eq!(self.status, status, "{self:?}");
        let body = self.json();
        assert_eq!(body["__type"], code, "{body}");
        assert_eq!(body["message"], message, "{body}");
        assert_eq!(
            self.header("x-amzn-ErrorType"),
            Some(format!("{code}:").as_str())
        );
    }
}

impl Conn {
    /// Connects to an emulator's URL (`http://127.0.0.1:PORT`).
    pub fn open(url: &str) -> Self {
        let address = url.strip_prefix("http://").expect("an http URL");
        let stream = TcpStream::connect(address).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let reader = BufReader::new(stream.try_clone().unwrap());
        Self { stream, reader }
    }

    /// A second handle on the connection, to send from another thread.
    pub fn writer(&self) -> TcpStream {
        self.stream.try_clone().expect("clone the connection")
    }

    /// Sends raw bytes.
    pub fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).expect("send");
    }

    /// Sends an API request and reads its response.
    pub fn call(&mut self, operation: &str, body: &Value) -> Reply {
        self.send(&api_request(operation, &body.to_string()));
        self.read_reply().expect("a response")
    }

    /// Sends alice's first event with the verdict `value` (see [`alice_feedback`]) and reads
    /// the response.
    pub fn call_alice(&mut self, value: &str) -> Reply {
        self.call("UpdateAuthEventFeedback", &alice_feedback(value))
    }

    /// Reads one response; a connection closed early is an error.
    pub fn read_reply(&mut self) -> io::Result<Reply> {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap();
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status code");
        let headers: Vec<(String, String)> = lines
            .filter(|line| !line.is_empty())
            .map(|line| {
                let (name, value) = line.split_once(':').expect("a header line");
                (name.to_owned(), value.trim().to_owned())
            })
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0);
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok(Reply {
            status,
            head,
            headers,
            body,
        })
    }

    /// Everything the emulator sends until it closes the connection.
    pub fn read_to_end(&mut self) -> Vec<u8> {
        let mut received = Vec::new();
        self.reader
            .read_to_end(&mut received)
            .expect("the emulator closes the connection");
        received
    }

    /// Whether the emulator closed the connection: a read sees end of file within `wait`.
    /// Gives false if the read times out with the connection still open.
    pub fn closed_within(&mut self, wait: Duration) -> bool {
        self.stream.set_read_timeout(Some(wait)).unwrap();
        let mut byte = [0; 1];
        let closed = match self.reader.read(&mut byte) {
            Ok(0) => true,
            Ok(_) => panic!("unexpected byte {:?} from the emulator", byte[0] as char),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                false
            }
            Err(_) => true, // reset by the peer
        };
        self.stream.set_read_timeout(Some(PATIENCE)).unwrap();
        closed
    }
}

/// Sends one request to an admin endpoint (`endpoint` after `/__emulator/`, query included) on a
/// new connection and reads its answer.
pub fn admin(url: &str, method: &str, endpoint: &str, body: &str) -> Reply {
    let mut conn = Conn::open(url);
    conn.send(
        format!(
            "{method} /__emulator/{endpoint} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    conn.read_reply().expect("an admin answer")
}

/// The bytes of an API request as an AWS SDK sends it.
pub fn api_request(operation: &str, body: &str) -> Vec<u8> {
    format!(
        "POST / HTTP/1.1\r\nHost: cognito-idp.us-east-1.amazonaws.com\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: AWSCognitoIdentityProviderService.{operation}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// An UpdateAuthEventFeedback body.
pub fn feedback(pool: &str, username: &str, event_id: &str, token: &str, value: &str) -> Value {
    json!({"UserPoolId": pool, "Username": username, "EventId": event_id, "FeedbackToken": token, "FeedbackValue": value})
}

/// Alice's first event, with its right token.
pub fn alice_feedback(value: &str) -> Value {
    feedback(PLUS_POOL, "alice", "evt-alice-1", "tok-alice-1.AbC=", value)
}
