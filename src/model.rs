//! The request of UpdateAuthEventFeedback, its FeedbackValue, and validation against the model.

use std::fmt;
use std::str::FromStr;

use unicode_general_category::get_general_category;

use crate::error::Error;

/// The user's verdict on an authentication event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedbackValue {
    /// "This was me": the event came from the real user.
    Valid,
    /// "This wasn't me": the event was not from the user.
    Invalid,
}

impl FeedbackValue {
    /// The wire value: `Valid` or `Invalid`.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackValue::Valid => "Valid",
            FeedbackValue::Invalid => "Invalid",
        }
    }
}

impl FromStr for FeedbackValue {
    type Err = Error;

    /// Parses exactly `Valid` or `Invalid` (case-sensitive, as the service's enum).
    fn from_str(s: &str) -> Result<FeedbackValue, Error> {
        match s {
            "Valid" => Ok(FeedbackValue::Valid),
            "Invalid" => Ok(FeedbackValue::Invalid),
            _ => Err(Error::validation(
                "FeedbackValue",
                format!(
                    "FeedbackValue: must be one of {}, {} (got {})",
                    FeedbackValue::Valid.as_str(),
                    FeedbackValue::Invalid.as_str(),
                    quoted(s)
                ),
            )),
        }
    }
}

/// The five members of an UpdateAuthEventFeedback call.
///
/// `username` and `feedback_token` are secrets: `Debug` shows them redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct UpdateAuthEventFeedbackRequest {
    /// The user pool's ID, e.g. `us-east-1_AbCdEf123`.
    pub user_pool_id: String,
    /// The user's username, alias or `sub` (sensitive).
    pub username: String,
    /// The authentication event's ID, from the notification email.
    pub event_id: String,
    /// The feedback token from the notification email (sensitive).
    pub feedback_token: String,
    /// The user's verdict.
    pub feedback_value: FeedbackValue,
}

impl UpdateAuthEventFeedbackRequest {
    /// Checks every member against the model's constraints; the error names the member.
    ///
    /// Members are checked in the model's order (`UserPoolId`, `Username`, `EventId`,
    /// `FeedbackToken`) and the first failure is reported; `FeedbackValue` is always valid by
    /// its type. Messages never contain any part of `Username` or `FeedbackToken`.
    pub fn validate(&self) -> Result<(), Error> {
        USER_POOL_ID.check(&self.user_pool_id)?;
        USERNAME.check(&self.username)?;
        EVENT_ID.check(&self.event_id)?;
        FEEDBACK_TOKEN.check(&self.feedback_token)
    }
}

impl fmt::Debug for UpdateAuthEventFeedbackRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateAuthEventFeedbackRequest")
            .field("user_pool_id", &self.user_pool_id)
            .field("username", &"*** Sensitive Data Redacted ***")
            .field("event_id", &self.event_id)
            .field("feedback_token", &"*** Sensitive Data Redacted ***")
            .field("feedback_value", &self.feedback_value)
            .finish()
    }
}

/// One string member's constraints, as the model states them.
struct Member {
    /// The member's name in the model, reported as the error's field.
    name: &'static str,
    /// The maximum length in UTF-16 code units, when the model sets one (the minimum is 1 for
    /// every member: all are required).
    max_len: Option<usize>,
    /// The model's pattern, quoted in messages.
    pattern: &'static str,
    /// Whether `value` matches `pattern` whole, with Java's regex semantics.
    matches: fn(&str) -> bool,
    /// A secret member: its value never appears in a message.
    sensitive: bool,
}

/// UserPoolIdType: 1–55, `[\w-]+_[0-9a-zA-Z]+`.
const USER_POOL_ID: Member = Member {
    name: "UserPoolId",
    max_len: Some(55),
    pattern: r"[\w-]+_[0-9a-zA-Z]+",
    matches: is_user_pool_id,
    sensitive: false,
};

/// UsernameType: 1–128, letters, marks, symbols, numbers and punctuation; sensitive.
const USERNAME: Member = Member {
    name: "Username",
    max_len: Some(128),
    pattern: r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
    matches: is_username,
    sensitive: true,
};

/// EventIdType: 1–50, `[\w+-]+`.
const EVENT_ID: Member = Member {
    name: "EventId",
    max_len: Some(50),
    pattern: r"[\w+-]+",
    matches: is_event_id,
    sensitive: false,
};

/// TokenModelType: no length limit in the model, `[A-Za-z0-9-_=.]+`; sensitive.
const FEEDBACK_TOKEN: Member = Member {
    name: "FeedbackToken",
    max_len: None,
    pattern: "[A-Za-z0-9-_=.]+",
    matches: is_feedback_token,
    sensitive: true,
};

impl Member {
    /// Presence, then length, then pattern; the message depends only on the value's length for
    /// a sensitive member.
    fn check(&self, value: &str) -> Result<(), Error> {
        let name = self.name;
        if value.is_empty() {
            return Err(Error::validation(
                name,
                format!("{name}: is required and must not be empty (minimum length 1)"),
            ));
        }
        if let Some(max) = self.max_len {
            // The service counts Java `String` lengths: UTF-16 code units (an emoji is 2).
            let len = value.encode_utf16().count();
            if len > max {
                return Err(Error::validation(
                    name,
                    format!("{name}: length {len} exceeds the maximum of {max} UTF-16 code units"),
                ));
            }
        }
        if !(self.matches)(value) {
            let pattern = self.pattern;
            let message = if self.sensitive {
                format!("{name}: must match the pattern {pattern}")
            } else {
                format!(
                    "{name}: must match the pattern {pattern} (got {})",
                    quoted(value)
                )
            };
            return Err(Error::validation(name, message));
        }
        Ok(())
    }
}

/// Java's `\w` (without `UNICODE_CHARACTER_CLASS`): `[a-zA-Z_0-9]`, ASCII only.
fn is_java_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `[\w-]+_[0-9a-zA-Z]+`, whole. The tail after the separating `_` cannot contain `_`, so the
/// separator is necessarily the last `_` of the value.
fn is_user_pool_id(s: &str) -> bool {
    match s.rsplit_once('_') {
        Some((head, tail)) => {
            !head.is_empty()
                && head.chars().all(|c| is_java_word(c) || c == '-')
                && !tail.is_empty()
                && tail.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`, whole: every code point is a letter, mark, symbol, number or
/// punctuation. The first letter of a general category's abbreviation is its major class, so
/// separators (Z*), controls, format characters, surrogates, private-use and unassigned code
/// points (C*) are rejected.
fn is_username(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            matches!(
                get_general_category(c).abbreviation().as_bytes()[0],
                b'L' | b'M' | b'S' | b'N' | b'P'
            )
        })
}

/// `[\w+-]+`, whole (the `-` before `]` is a literal).
fn is_event_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| is_java_word(c) || c == '+' || c == '-')
}

/// `[A-Za-z0-9-_=.]+`, whole. In Java a `-` that directly follows a range (`0-9`) cannot start
/// another range, so it is a literal `-`: the class is letters, digits, `-`, `_`, `=` and `.`,
/// not a range `9-_` (which would also admit `:;<=>?@[\]^`).
fn is_feedback_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | '.'))
}

/// A non-secret value for a message: Debug-quoted (control characters escaped), cut after 64
/// characters.
fn quoted(s: &str) -> String {
    const MAX_CHARS: usize = 64;
    match s.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{:?}...", &s[..cut]),
        None => format!("{s:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use proptest::prelude::*;

    /// A valid request from the default emulator fixture.
    fn request() -> UpdateAuthEventFeedbackRequest {
        UpdateAuthEventFeedbackRequest {
            user_pool_id: "us-east-1_PlusPool1".into(),
            username: "alice".into(),
            event_id: "evt-alice-1".into(),
            feedback_token: "tok-alice-1.AbC=".into(),
            feedback_value: FeedbackValue::Valid,
        }
    }

    fn with_pool(v: &str) -> UpdateAuthEventFeedbackRequest {
        UpdateAuthEventFeedbackRequest {
            user_pool_id: v.into(),
            ..request()
        }
    }
    fn with_user(v: &str) -> UpdateAuthEventFeedbackRequest {
        UpdateAuthEventFeedbackRequest {
            username: v.into(),
            ..request()
        }
    }
    fn with_event(v: &str) -> UpdateAuthEventFeedbackRequest {
        UpdateAuthEventFeedbackRequest {
            event_id: v.into(),
            ..request()
        }
    }
    fn with_token(v: &str) -> UpdateAuthEventFeedbackRequest {
        UpdateAuthEventFeedbackRequest {
            feedback_token: v.into(),
            ..request()
        }
    }

    /// The validation error of `req`, checked to be a validation error about `field`.
    fn failure(req: &UpdateAuthEventFeedbackRequest, field: &str) -> String {
        let err = req.validate().expect_err("the request should be rejected");
        assert_eq!(err.kind(), ErrorKind::Validation);
        assert_eq!(err.field(), Some(field), "message: {}", err.message());
        assert_eq!(err.code(), None);
        assert_eq!(err.attempts(), 0);
        assert!(
            err.message().starts_with(&format!("{field}: ")),
            "{}",
            err.message()
        );
        err.message().to_owned()
    }

    #[test]
    fn fixture_requests_are_valid() {
        let cases = [
            ("alice", "evt-alice-1", "tok-alice-1.AbC="),
            ("Zoë", "evt-zoe-1", "tok-zoe-1.GhI="),
            ("山田太郎", "evt-taro-1", "tok-taro-1.JkL="),
            ("🦀crab", "evt-crab-1", "tok-crab-1.MnO="),
        ];
        for (username, event_id, token) in cases {
            let req = UpdateAuthEventFeedbackRequest {
                username: username.into(),
                event_id: event_id.into(),
                feedback_token: token.into(),
                feedback_value: FeedbackValue::Invalid,
                ..request()
            };
            assert_eq!(req.validate(), Ok(()), "{username}");
        }
    }

    #[test]
    fn feedback_value_parses_exactly_the_enum() {
        assert_eq!("Valid".parse::<FeedbackValue>(), Ok(FeedbackValue::Valid));
        assert_eq!(
            "Invalid".parse::<FeedbackValue>(),
            Ok(FeedbackValue::Invalid)
        );
        for v in [FeedbackValue::Valid, FeedbackValue::Invalid] {
            assert_eq!(v.as_str().parse::<FeedbackValue>(), Ok(v));
        }
        for bad in [
            "", "valid", "VALID", "invalid", " Valid", "Valid\n", "Maybe", "Valid\0",
        ] {
            let err = bad.parse::<FeedbackValue>().expect_err(bad);
            assert_eq!(err.kind(), ErrorKind::Validation);
            assert_eq!(err.field(), Some("FeedbackValue"));
            assert_eq!(
                err.message(),
                format!("FeedbackValue: must be one of Valid, Invalid (got {bad:?})")
            );
        }
    }

    #[test]
    fn feedback_value_error_quotes_at_most_64_characters() {
        let long = "é".repeat(1000);
        let err = long.parse::<FeedbackValue>().unwrap_err();
        let expected = format!(
            "FeedbackValue: must be one of Valid, Invalid (got {:?}...)",
            "é".repeat(64)
        );
        assert_eq!(err.message(), expected);
    }

    #[test]
    fn empty_members_are_reported_missing_by_name() {
        let cases = [
            (with_pool(""), "UserPoolId"),
            (with_user(""), "Username"),
            (with_event(""), "EventId"),
            (with_token(""), "FeedbackToken"),
        ];
        for (req, field) in cases {
            assert_eq!(
                failure(&req, field),
                format!("{field}: is required and must not be empty (minimum length 1)")
            );
        }
    }

    #[test]
    fn user_pool_id_length_boundaries_in_utf16_units() {
        assert_eq!(with_pool("a_b").validate(), Ok(()));
        let max = format!("us-east-1_{}", "A".repeat(45));
        assert_eq!(max.len(), 55);
        assert_eq!(with_pool(&max).validate(), Ok(()));
        assert_eq!(
            failure(&with_pool(&format!("{max}B")), "UserPoolId"),
            "UserPoolId: length 56 exceeds the maximum of 55 UTF-16 code units"
        );
        // 28 emoji are 28 characters but 56 UTF-16 code units: too long, before the pattern.
        assert_eq!(
            failure(&with_pool(&"😀".repeat(28)), "UserPoolId"),
            "UserPoolId: length 56 exceeds the maximum of 55 UTF-16 code units"
        );
        // 27 emoji (54 units) pass the length check and fail the pattern.
        assert!(failure(&with_pool(&"😀".repeat(27)), "UserPoolId").contains("pattern"));
    }

    #[test]
    fn username_length_boundaries_in_utf16_units() {
        assert_eq!(with_user("a").validate(), Ok(()));
        assert_eq!(with_user(&"a".repeat(128)).validate(), Ok(()));
        let too_long = "Username: length 129 exceeds the maximum of 128 UTF-16 code units";
        assert_eq!(failure(&with_user(&"a".repeat(129)), "Username"), too_long);
        // One emoji is one code point but two code units.
        assert_eq!(with_user("😀").validate(), Ok(()));
        assert_eq!(with_user(&"😀".repeat(64)).validate(), Ok(()));
        assert_eq!(
            failure(&with_user(&format!("{}a", "😀".repeat(64))), "Username"),
            too_long
        );
        assert_eq!(
            failure(&with_user(&"😀".repeat(65)), "Username"),
            "Username: length 130 exceeds the maximum of 128 UTF-16 code units"
        );
        // 128 'é' are 256 UTF-8 bytes but 128 code units.
        assert_eq!(with_user(&"é".repeat(128)).validate(), Ok(()));
    }

    #[test]
    fn event_id_length_boundaries_in_utf16_units() {
        assert_eq!(with_event("e").validate(), Ok(()));
        assert_eq!(with_event(&"e".repeat(50)).validate(), Ok(()));
        assert_eq!(
            failure(&with_event(&"e".repeat(51)), "EventId"),
            "EventId: length 51 exceeds the maximum of 50 UTF-16 code units"
        );
        assert_eq!(
            failure(&with_event(&"😀".repeat(26)), "EventId"),
            "EventId: length 52 exceeds the maximum of 50 UTF-16 code units"
        );
    }

    #[test]
    fn feedback_token_has_no_maximum_length() {
        assert_eq!(with_token("t").validate(), Ok(()));
        assert_eq!(with_token(&"Ab0-_=.".repeat(10_000)).validate(), Ok(()));
    }

    #[test]
    fn user_pool_id_pattern() {
        for ok in [
            "us-east-1_AbCdEf123",
            "a_b",
            "__b",
            "x__1",
            "a-b_c",
            "-_0",
            "A1_b2_C3",
        ] {
            assert!(is_user_pool_id(ok), "{ok:?}");
            assert_eq!(with_pool(ok).validate(), Ok(()), "{ok:?}");
        }
        let bad = [
            "us-east-1",        // no separating `_`
            "_abc",             // nothing before the `_`
            "abc_",             // nothing after the last `_`
            "a_b-c",            // `-` after the last `_`
            "a_b_",             // the last `_` ends the value
            "a b_c",            // space
            "a.b_c",            // `.` is not in [\w-]
            "us-east-1_é1",     // non-ASCII letter: Java's \w and [a-zA-Z] are ASCII
            "ü_abc",            // non-ASCII letter in the head
            "a_b\n",            // matched whole: no trailing newline
            "eu-west-1_ＡＢＣ", // fullwidth letters
            "eu-west-1_١٢٣",    // Arabic-Indic digits
        ];
        for value in bad {
            assert!(!is_user_pool_id(value), "{value:?}");
            assert_eq!(
                failure(&with_pool(value), "UserPoolId"),
                format!(r"UserPoolId: must match the pattern [\w-]+_[0-9a-zA-Z]+ (got {value:?})")
            );
        }
    }

    #[test]
    fn event_id_pattern() {
        for ok in [
            "evt-alice-1",
            "a",
            "+",
            "-",
            "_",
            "a+b-c_D9",
            "c2a5e5f4-example",
        ] {
            assert!(is_event_id(ok), "{ok:?}");
            assert_eq!(with_event(ok).validate(), Ok(()), "{ok:?}");
        }
        for value in [
            "a b",
            "a.b",
            "a/b",
            "a=b",
            "a\n",
            "é",
            "evt-١",
            "ｅｖｔ",
            "a\0",
        ] {
            assert!(!is_event_id(value), "{value:?}");
            assert_eq!(
                failure(&with_event(value), "EventId"),
                format!(r"EventId: must match the pattern [\w+-]+ (got {value:?})")
            );
        }
    }

    #[test]
    fn feedback_token_pattern() {
        for ok in [
            "tok-alice-1.AbC=",
            "-",
            "_",
            "=",
            ".",
            "-_=.",
            "eyJhbGciOi.Jz-_9==",
        ] {
            assert!(is_feedback_token(ok), "{ok:?}");
            assert_eq!(with_token(ok).validate(), Ok(()), "{ok:?}");
        }
        for value in ["a b", "a+b", "a/b", "é", "a\0", "a\n", "ＡＢ"] {
            assert!(!is_feedback_token(value), "{value:?}");
            assert_eq!(
                failure(&with_token(value), "FeedbackToken"),
                "FeedbackToken: must match the pattern [A-Za-z0-9-_=.]+"
            );
        }
    }

    #[test]
    fn feedback_token_dash_after_range_is_a_literal_as_in_java() {
        // Java reads `0-9-_` as the range 0-9, then a literal `-`, then `_`. Read as a range
        // `9-_` (U+0039..=U+005F), the class would also admit these characters:
        for c in [':', ';', '<', '>', '?', '@', '[', '\\', ']', '^'] {
            assert!(!is_feedback_token(&format!("tok{c}1")), "{c:?}");
        }
        assert!(is_feedback_token("tok-1"));
        assert!(is_feedback_token("tok_1"));
        // `=` is in the class in its own right.
        assert!(is_feedback_token("tok=1"));
    }

    #[test]
    fn username_accepts_letters_marks_symbols_numbers_punctuation() {
        let ok = [
            "alice",
            "Zoë",                                  // precomposed ë (Ll)
            "Zoe\u{0308}",                          // e + combining diaeresis (Mn)
            "山田太郎",                             // Lo
            "🦀crab",                               // So
            "😀",                                   // So, outside the BMP
            "alice@example.com",                    // Po
            "a-b_c.d+e",                            // Pd, Pc, Po, Sm
            "€$¥",                                  // Sc
            "¹²³",                                  // No
            "Ⅻ",                                    // Nl
            "a\u{20DD}",                            // enclosing circle (Me)
            "ह\u{093F}",                            // spacing mark (Mc)
            "0f6c2c1e-5b1a-4a4a-9b9b-00000000a11c", // a sub
        ];
        for value in ok {
            assert!(is_username(value), "{value:?}");
            assert_eq!(with_user(value).validate(), Ok(()), "{value:?}");
        }
    }

    #[test]
    fn username_rejects_separators_controls_and_unassigned() {
        let bad = [
            "a b",         // space (Zs)
            " alice",      // leading space
            "alice ",      // trailing space
            "\0",          // NUL (Cc)
            "a\tb",        // tab (Cc)
            "alice\n",     // newline (Cc)
            "a\u{7F}",     // DEL (Cc)
            "a\u{200B}b",  // zero-width space (Cf)
            "\u{FEFF}a",   // byte order mark (Cf)
            "a\u{00A0}b",  // no-break space (Zs)
            "a\u{3000}b",  // ideographic space (Zs)
            "a\u{2028}b",  // line separator (Zl)
            "a\u{2029}b",  // paragraph separator (Zp)
            "a\u{E000}",   // private use (Co)
            "a\u{F0000}",  // supplementary private use (Co)
            "a\u{0378}",   // unassigned (Cn)
            "a\u{10FFFF}", // noncharacter (Cn)
        ];
        for value in bad {
            assert!(!is_username(value), "{value:?}");
            assert_eq!(
                failure(&with_user(value), "Username"),
                r"Username: must match the pattern [\p{L}\p{M}\p{S}\p{N}\p{P}]+"
            );
        }
    }

    #[test]
    fn the_first_failure_in_model_order_is_reported() {
        let all_bad = UpdateAuthEventFeedbackRequest {
            user_pool_id: "bad pool".into(),
            username: "bad user".into(),
            event_id: "bad event".into(),
            feedback_token: "bad token".into(),
            feedback_value: FeedbackValue::Valid,
        };
        failure(&all_bad, "UserPoolId");
        let req = UpdateAuthEventFeedbackRequest {
            user_pool_id: request().user_pool_id,
            ..all_bad
        };
        failure(&req, "Username");
        let req = UpdateAuthEventFeedbackRequest {
            username: request().username,
            ..req
        };
        failure(&req, "EventId");
        let req = UpdateAuthEventFeedbackRequest {
            event_id: request().event_id,
            ..req
        };
        failure(&req, "FeedbackToken");
        let req = UpdateAuthEventFeedbackRequest {
            feedback_token: request().feedback_token,
            ..req
        };
        assert_eq!(req.validate(), Ok(()));
    }

    #[test]
    fn messages_never_contain_the_secrets() {
        let username = "alice smith\u{200B}";
        let token = "secret token+value";
        let msg = failure(&with_user(username), "Username");
        for part in ["alice", "smith"] {
            assert!(!msg.contains(part), "{msg}");
        }
        let msg = failure(&with_token(token), "FeedbackToken");
        for part in ["secret", "token ", "value"] {
            assert!(!msg.contains(part), "{msg}");
        }
        let msg = failure(&with_user(&"secretname".repeat(20)), "Username");
        assert!(!msg.contains("secret"), "{msg}");
    }

    #[test]
    fn debug_redacts_the_secrets() {
        let req = with_token("tok-secret-42.XyZ=");
        let req = UpdateAuthEventFeedbackRequest {
            username: "Zoë-secret".into(),
            ..req
        };
        let shown = format!("{req:?}");
        let pretty = format!("{req:#?}");
        for text in [&shown, &pretty] {
            assert!(!text.contains("Zo"), "{text}");
            assert!(!text.contains("tok-secret"), "{text}");
            assert!(text.contains("*** Sensitive Data Redacted ***"), "{text}");
            assert!(text.contains("us-east-1_PlusPool1"), "{text}");
            assert!(text.contains("evt-alice-1"), "{text}");
            assert!(text.contains("Valid"), "{text}");
        }
    }

    /// Strings that reach every branch: arbitrary Unicode, printable ASCII, and near-valid
    /// values long enough to cross the length limits.
    fn any_value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[ -~]{0,140}",
            "[a-zA-Z0-9._=+\\- \u{0}\u{200B}é😀]{0,140}",
        ]
    }

    /// `value` with every code unit replaced by NUL: the same UTF-16 length, never valid.
    fn same_length_invalid(value: &str) -> String {
        "\0".repeat(value.encode_utf16().count())
    }

    proptest! {
        #[test]
        fn validate_never_panics_and_names_a_member(
            user_pool_id in any_value(),
            username in any_value(),
            event_id in any_value(),
            feedback_token in any_value(),
        ) {
            let req = UpdateAuthEventFeedbackRequest {
                user_pool_id, username, event_id, feedback_token,
                feedback_value: FeedbackValue::Invalid,
            };
            if let Err(err) = req.validate() {
                prop_assert_eq!(err.kind(), ErrorKind::Validation);
                let field = err.field().unwrap();
                prop_assert!(["UserPoolId", "Username", "EventId", "FeedbackToken"].contains(&field));
                let prefix = format!("{field}: ");
                prop_assert!(err.message().starts_with(&prefix));
            }
        }

        /// A secret's failure message depends on nothing but the secret's length: it equals
        /// the message for a same-length string of NULs. And a non-trivial secret (8 characters
        /// or more; shorter ones may coincide with the message's fixed text) is never in it.
        #[test]
        fn messages_never_carry_the_secrets(username in any_value(), feedback_token in any_value()) {
            let req = UpdateAuthEventFeedbackRequest {
                username: username.clone(),
                feedback_token: feedback_token.clone(),
                ..request()
            };
            if let Err(err) = req.validate() {
                let msg = err.message();
                for secret in [&username, &feedback_token] {
                    if secret.chars().count() >= 8 {
                        prop_assert!(!msg.contains(secret.as_str()), "{}", msg);
                    }
                }
                let stand_in = match err.field() {
                    Some("Username") => with_user(&same_length_invalid(&username)),
                    Some("FeedbackToken") => UpdateAuthEventFeedbackRequest {
                        feedback_token: same_length_invalid(&feedback_token),
                        ..req.clone()
                    },
                    other => return Err(TestCaseError::fail(format!("unexpected field {other:?}"))),
                };
                let stand_in_err = stand_in.validate().unwrap_err();
                prop_assert_eq!(stand_in_err.message(), msg);
            }
        }

        #[test]
        fn feedback_value_parse_never_panics(s in any_value()) {
            match s.parse::<FeedbackValue>() {
                Ok(v) => prop_assert_eq!(v.as_str(), s.as_str()),
                Err(err) => prop_assert_eq!(err.field(), Some("FeedbackValue")),
            }
        }
    }
}
