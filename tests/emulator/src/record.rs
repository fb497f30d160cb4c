//! What the emulator remembers: the feedback it accepted (optionally also appended to a JSON-lines
//! file) and the requests it received.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::{Deserialize, Serialize};

/// A feedback the emulator accepted; also the JSON form of one line of the feedback log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedFeedback {
    /// The user pool.
    pub user_pool_id: String,
    /// The user's canonical username (also when the call named the user by `sub` or email).
    pub username: String,
    /// The auth event.
    pub event_id: String,
    /// `Valid` or `Invalid`.
    pub feedback_value: String,
    /// Who gave the feedback: always `COGNITO` for this operation.
    pub provider: String,
    /// When, in epoch seconds.
    pub feedback_date: u64,
}

/// One request as the emulator received it, for tests that check the bytes a client sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method, such as `POST`.
    pub method: String,
    /// The request target as sent (path and query), such as `/`.
    pub path: String,
    /// Every header field in the order received, names spelled as sent.
    pub headers: Vec<(String, String)>,
    /// The body's raw bytes, its first [`RECORDED_BODY_BYTES`](crate::RECORDED_BODY_BYTES) at most.
    pub body: Vec<u8>,
    /// The body's whole length, as received.
    pub body_len: usize,
}

impl RecordedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The accepted feedback, by user pool and EventId, and the feedback log file.
pub(crate) struct FeedbackBook {
    records: Mutex<BTreeMap<(String, String), RecordedFeedback>>,
    log: Option<File>,
}

impl FeedbackBook {
    /// An empty book that also appends to `log` (created if missing) when given.
    pub(crate) fn open(log: Option<&Path>) -> io::Result<Self> {
        let log = log
            .map(|path| {
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(|e| {
                        io::Error::new(
                            e.kind(),
                            format!("cannot open feedback log {}: {e}", path.display()),
                        )
                    })
            })
            .transpose()?;
        Ok(Self {
            records: Mutex::new(BTreeMap::new()),
            log,
        })
    }

    /// Records a feedback, replacing an earlier one for the same event, and appends it to the log.
    pub(crate) fn record(&self, feedback: RecordedFeedback) -> io::Result<()> {
        let mut records = self.records();
        let key = (feedback.user_pool_id.clone(), feedback.event_id.clone());
        let line = self
            .log
            .as_ref()
            .map(|file| (file, serde_json::to_string(&feedback)));
        records.insert(key, feedback);
        match line {
            Some((mut file, Ok(mut text))) => {
                text.push('\n');
                file.write_all(text.as_bytes())
            }
            Some((_, Err(e))) => Err(io::Error::other(e)),
            None => Ok(()),
        }
    }

    /// The feedback recorded for an event of a pool.
    pub(crate) fn get(&self, user_pool_id: &str, event_id: &str) -> Option<RecordedFeedback> {
        self.records()
            .get(&(user_pool_id.to_owned(), event_id.to_owned()))
            .cloned()
    }

    /// Forgets every feedback (the log file keeps its lines).
    pub(crate) fn clear(&self) {
        self.records().clear();
    }

    fn records(&self) -> MutexGuard<'_, BTreeMap<(String, String), RecordedFeedback>> {
        self.records.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feedback(value: &str) -> RecordedFeedback {
        RecordedFeedback {
            user_pool_id: "p_1".into(),
            username: "u".into(),
            event_id: "e".into(),
            feedback_value: value.into(),
            provider: "COGNITO".into(),
            feedback_date: 7,
        }
    }

    #[test]
    fn records_replace_and_append_json_lines() {
        let path = std::env::temp_dir().join(format!("emulator-book-{}.jsonl", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let book = FeedbackBook::open(Some(&path)).unwrap();
        book.record(feedback("Valid")).unwrap();
        book.record(feedback("Invalid")).unwrap();
        assert_eq!(book.get("p_1", "e"), Some(feedback("Invalid")));
        assert_eq!(book.get("p_1", "other"), None);
        let lines: Vec<RecordedFeedback> = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines, [feedback("Valid"), feedback("Invalid")]);
        book.clear();
        assert_eq!(book.get("p_1", "e"), None);
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn an_unopenable_log_is_named() {
        let error = FeedbackBook::open(Some(Path::new("/nonexistent-dir/x.jsonl")))
            .err()
            .unwrap();
        assert!(
            error
                .to_string()
                .contains("cannot open feedback log /nonexistent-dir/x.jsonl"),
            "{error}"
        );
    }
}
