//! The shared AWS config file (`~/.aws/config`): where it is, how it is parsed, which profile
//! is active.
//!
//! Parsing follows the AWS SDKs' shared rules (the rules behind the SDKs' common test suite,
//! `tests/data/profiles/`): `[default]`, `[profile NAME]`, `[sso-session NAME]` and
//! `[services NAME]` sections; `#` and `;` comments; continuation lines; sub-properties;
//! case-insensitive property names; duplicate sections merged, later properties winning;
//! invalid section and property names ignored. The rules are small and exact, and no
//! maintained crate implements them outside the AWS SDK's own `aws-config` (which brings an
//! async runtime), so they are written out here.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest config file read: far above any real one (SSO-generated files with hundreds of
/// profiles are tens of kilobytes), small enough that a wrong path cannot exhaust memory.
pub const MAX_FILE_SIZE: u64 = 4 * 1024 * 1024;

/// The profile used when none is chosen.
pub const DEFAULT_PROFILE: &str = "default";

/// Which of the two shared files a text comes from: they name profiles differently
/// (`[profile foo]` in the config file, `[foo]` in the credentials file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The config file (`~/.aws/config`): `[default]`, `[profile NAME]`, `[sso-session NAME]`,
    /// `[services NAME]`.
    Config,
    /// The credentials file (`~/.aws/credentials`): `[NAME]` only. This client's call is
    /// unsigned and never reads it; the kind exists so the parser follows the shared rules
    /// whole, as the shared test suite (`profile/shared_suite.rs`) checks.
    #[cfg(test)]
    Credentials,
}

/// The operating system conventions used to find the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Linux, macOS and other Unix systems: home from `HOME`, `/` separators.
    Unix,
    /// Windows: home from `HOME`, else `USERPROFILE`, else `HOMEDRIVE` + `HOMEPATH`;
    /// `\` separators.
    Windows,
}

impl Platform {
    /// The platform this library was built for.
    pub const CURRENT: Platform = if cfg!(windows) {
        Platform::Windows
    } else {
        Platform::Unix
    };
}

/// Where the SDKs look for the shared files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLocations {
    /// `AWS_CONFIG_FILE`, else `<home>/.aws/config`; `None` when neither is known.
    pub config: Option<PathBuf>,
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `<home>/.aws/credentials`; `None` when neither is
    /// known. Reported for completeness: this client never reads it.
    pub credentials: Option<PathBuf>,
}

/// The files' locations as the SDKs find them, reading variables through `env` (unset and
/// empty are the same). A leading `~` in an `AWS_*_FILE` variable is the home directory.
pub fn locations(env: &dyn Fn(&str) -> Option<String>, platform: Platform) -> FileLocations {
    let var = |name: &str| env(name).filter(|v| !v.is_empty());
    let home = match platform {
        Platform::Unix => var("HOME"),
        Platform::Windows => var("HOME").or_else(|| var("USERPROFILE")).or_else(|| {
            var("HOMEDRIVE")
                .zip(var("HOMEPATH"))
                .map(|(drive, path)| drive + &path)
        }),
    };
    let separator = match platform {
        Platform::Unix => "/",
        Platform::Windows => "\\",
    };
    let locate = |variable: &str, file: &str| -> Option<PathBuf> {
        let path = match var(variable) {
            Some(path) => match (path.strip_prefix('~'), &home) {
                (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
                    format!("{home}{rest}")
                }
                _ => path,
            },
            None => format!("{}{separator}.aws{separator}{file}", home.as_ref()?),
        };
        Some(PathBuf::from(path))
    };
    FileLocations {
        config: locate("AWS_CONFIG_FILE", "config"),
        credentials: locate("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
    }
}

/// The profile named by `AWS_PROFILE` (read through `env`), else `default`.
pub fn active_profile_name(env: &dyn Fn(&str) -> Option<String>) -> String {
    env("AWS_PROFILE")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned())
}

/// A file that could not be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFileError {
    /// The file, as given to [`ProfileSet::add`] or [`read_file`].
    pub file: String,
    /// The 1-based line at fault, for a malformed file.
    pub line: Option<usize>,
    /// What is wrong, e.g. `Expected an '=' sign defining a property`.
    pub reason: String,
}

impl fmt::Display for ProfileFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} line {line}: {}", self.file, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl std::error::Error for ProfileFileError {}

/// Reads a shared file's text: `Ok(None)` when it does not exist; an error when it cannot be
/// read, is larger than [`MAX_FILE_SIZE`], or is not UTF-8.
pub fn read_file(path: &Path) -> Result<Option<String>, ProfileFileError> {
    let failure = |reason: String| ProfileFileError {
        file: path.display().to_string(),
        line: None,
        reason,
    };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(failure(format!("cannot be read: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| failure(format!("cannot be read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(failure(format!(
            "is larger than {MAX_FILE_SIZE} bytes, the most a config file may be"
        )));
    }
    String::from_utf8(bytes).map(Some).map_err(|e| {
        failure(format!(
            "is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// One section's properties: names lower-cased, values trimmed; a property with
/// sub-properties holds them as text (`"\nname = value"`), read with
/// [`Section::sub_property`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    properties: BTreeMap<String, String>,
}

impl Section {
    /// A property's value (`name` in any case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.properties
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// A sub-property's value: `sub` in the block under `property` (both in any case).
    pub fn sub_property(&self, property: &str, sub: &str) -> Option<&str> {
        self.get(property)?.lines().rev().find_map(|line| {
            let (name, value) = line.split_once('=')?;
            name.trim().eq_ignore_ascii_case(sub).then(|| value.trim())
        })
    }

    /// Every property, by lower-cased name (for the shared test suite).
    #[cfg(test)]
    pub fn properties(&self) -> &BTreeMap<String, String> {
        &self.properties
    }
}

/// The sections of one or more parsed files, later files' properties winning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Section>,
    sso_sessions: BTreeMap<String, Section>,
    services: BTreeMap<String, Section>,
}

/// What a section header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    Profile,
    SsoSession,
    Services,
}

/// A section header as found in one file.
struct Header {
    kind: SectionKind,
    name: String,
    /// `[default]` in a config file: ignored when the file also has `[profile default]`.
    bare_default: bool,
}

/// The property whose continuation lines are being read.
struct OpenProperty {
    name: String,
    /// Defined with an empty value: its continuations are `name = value` sub-properties.
    has_sub_properties: bool,
}

/// Where a line may be read into.
enum Place {
    /// Before the first section header.
    Nowhere,
    /// Inside a section with an invalid name: its lines are skipped.
    Ignored,
    /// Inside `sections[index]`.
    In(usize),
}

impl ProfileSet {
    /// An empty set.
    pub fn new() -> ProfileSet {
        ProfileSet::default()
    }

    /// Parses `text` (a file of `kind`, named `file` in errors) into the set: its properties
    /// are added to the sections it names, replacing those already there.
    pub fn add(&mut self, kind: FileKind, file: &str, text: &str) -> Result<(), ProfileFileError> {
        let sections = parse(kind, text).map_err(|(line, reason)| ProfileFileError {
            file: file.to_owned(),
            line: Some(line),
            reason: reason.to_owned(),
        })?;
        let prefixed_default = sections.iter().any(|(h, _)| {
            h.kind == SectionKind::Profile && h.name == DEFAULT_PROFILE && !h.bare_default
        });
        for (header, properties) in sections {
            if header.bare_default && prefixed_default {
                continue;
            }
            let map = match header.kind {
                SectionKind::Profile => &mut self.profiles,
                SectionKind::SsoSession => &mut self.sso_sessions,
                SectionKind::Services => &mut self.services,
            };
            map.entry(header.name)
                .or_default()
                .properties
                .extend(properties);
        }
        Ok(())
    }

    /// The profile `name`, if any file defines it.
    pub fn profile(&self, name: &str) -> Option<&Section> {
        self.profiles.get(name)
    }

    /// Every profile, by name (for the shared test suite).
    #[cfg(test)]
    pub fn profiles(&self) -> &BTreeMap<String, Section> {
        &self.profiles
    }

    /// Every `[sso-session NAME]` section, by name (for the shared test suite).
    #[cfg(test)]
    pub fn sso_sessions(&self) -> &BTreeMap<String, Section> {
        &self.sso_sessions
    }

    /// The `[services NAME]` section `name`, if any file defines it.
    pub fn services(&self, name: &str) -> Option<&Section> {
        self.services.get(name)
    }
}

/// A profile, session or services name, or a property name: ASCII letters, digits and
/// `- / . % @ _ : +`.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-/.%@_:+".contains(c))
}

/// `text` cut at the first of `markers`.
fn before_comment<'a>(text: &'a str, markers: &[&str]) -> &'a str {
    let end = markers
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    &text[..end]
}

/// `name` without `prefix` and the whitespace after it; `None` when `name` does not start
/// with `prefix` followed by whitespace.
fn after_prefix<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = name.strip_prefix(prefix)?;
    rest.starts_with([' ', '\t']).then(|| rest.trim())
}

/// A section header line (`[...]` with an optional comment after it): the section it names,
/// or `None` when the name is not valid (the section is then ignored).
fn header(kind: FileKind, line: &str) -> Result<Option<Header>, &'static str> {
    let line = before_comment(line, &["#", ";"]).trim();
    let Some(inner) = line.strip_suffix(']') else {
        return Err("Profile definition must end with ']'");
    };
    let inner = inner[1..].trim();
    let (kind, name, bare_default) = match kind {
        #[cfg(test)]
        FileKind::Credentials
            if inner.starts_with("profile ") || inner.starts_with("profile\t") =>
        {
            return Ok(None);
        }
        #[cfg(test)]
        FileKind::Credentials => (SectionKind::Profile, inner, false),
        FileKind::Config if inner == DEFAULT_PROFILE => (SectionKind::Profile, inner, true),
        FileKind::Config => {
            let prefixes = [
                ("profile", SectionKind::Profile),
                ("sso-session", SectionKind::SsoSession),
                ("services", SectionKind::Services),
            ];
            match prefixes
                .iter()
                .find_map(|(prefix, kind)| Some((*kind, after_prefix(inner, prefix)?)))
            {
                Some((kind, name)) => (kind, name, false),
                None => return Ok(None),
            }
        }
    };
    Ok(valid_name(name).then(|| Header {
        kind,
        name: name.to_owned(),
        bare_default,
    }))
}

/// One section of a file as parsed: its header and its properties.
type ParsedSection = (Header, BTreeMap<String, String>);

/// Parses one file into its sections in order, each with its properties; or the 1-based line
/// at fault and why.
fn parse(kind: FileKind, text: &str) -> Result<Vec<ParsedSection>, (usize, &'static str)> {
    let mut parser = Parser {
        kind,
        sections: Vec::new(),
        place: Place::Nowhere,
        open: None,
    };
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        parser.line(line).map_err(|reason| (index + 1, reason))?;
    }
    Ok(parser.sections)
}

/// What parsing one file has found so far, and where it is.
struct Parser {
    kind: FileKind,
    sections: Vec<ParsedSection>,
    place: Place,
    /// The property the next continuation line belongs to.
    open: Option<OpenProperty>,
}

impl Parser {
    /// Reads one line (without its line break): blank or a comment, a section header, a
    /// continuation line or a property.
    fn line(&mut self, line: &str) -> Result<(), &'static str> {
        if line.trim().is_empty() || line.starts_with(['#', ';']) {
            return Ok(());
        }
        if line.starts_with('[') {
            return self.section_header(line);
        }
        let properties = match self.place {
            Place::Nowhere => return Err("Expected a profile definition"),
            Place::Ignored => return Ok(()),
            Place::In(i) => &mut self.sections[i].1,
        };
        if line.starts_with([' ', '\t']) {
            continuation(properties, self.open.as_ref(), line.trim())
        } else {
            self.open = Some(property(properties, line)?);
            Ok(())
        }
    }

    /// A `[...]` line: the lines after it go to the section it names (or are skipped when the
    /// name is not valid).
    fn section_header(&mut self, line: &str) -> Result<(), &'static str> {
        self.open = None;
        self.place = match header(self.kind, line)? {
            Some(header) => {
                self.sections.push((header, BTreeMap::new()));
                Place::In(self.sections.len() - 1)
            }
            None => Place::Ignored,
        };
        Ok(())
    }
}

/// A continuation line (`trimmed`) of the `open` property, appended to its value on a line of
/// its own; under a property with sub-properties it must be `name = value`.
fn continuation(
    properties: &mut BTreeMap<String, String>,
    open: Option<&OpenProperty>,
    trimmed: &str,
) -> Result<(), &'static str> {
    let Some(property) = open else {
        return Err("Expected a property definition, found continuation");
    };
    if property.has_sub_properties {
        match trimmed.split_once('=') {
            None => return Err("Expected an '=' sign defining a sub-property"),
            Some((name, _)) if name.trim().is_empty() => {
                return Err("Sub-property did not have a name");
            }
            Some(_) => {}
        }
    }
    if let Some(value) = properties.get_mut(&property.name) {
        value.push('\n');
        value.push_str(trimmed);
    }
    Ok(())
}

/// A `name = value` line, stored when the name is valid; the property continuation lines
/// after it belong to.
fn property(
    properties: &mut BTreeMap<String, String>,
    line: &str,
) -> Result<OpenProperty, &'static str> {
    let Some((name, value)) = line.split_once('=') else {
        return Err("Expected an '=' sign defining a property");
    };
    let name = name.trim().to_ascii_lowercase();
    if name.is_empty() {
        return Err("Property did not have a name");
    }
    let value = before_comment(value, &[" #", " ;", "\t#", "\t;"]).trim();
    if valid_name(&name) {
        properties.insert(name.clone(), value.to_owned());
    }
    Ok(OpenProperty {
        name,
        has_sub_properties: value.is_empty(),
    })
}

#[cfg(test)]
mod shared_suite;

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> ProfileSet {
        let mut set = ProfileSet::new();
        set.add(FileKind::Config, "config", text).unwrap();
        set
    }

    #[test]
    fn services_sections_and_sub_properties() {
        let set = config(
            "[profile prod]\nservices = local\n[services local]\n\
             cognito_identity_provider =\n  endpoint_url = http://127.0.0.1:1\n  Other = x\n",
        );
        let services = set.services("local").unwrap();
        assert_eq!(
            services.sub_property("COGNITO_IDENTITY_PROVIDER", "Endpoint_URL"),
            Some("http://127.0.0.1:1")
        );
        assert_eq!(
            services.sub_property("cognito_identity_provider", "other"),
            Some("x")
        );
        assert_eq!(
            services.sub_property("cognito_identity_provider", "nope"),
            None
        );
        assert_eq!(set.profile("prod").unwrap().get("Services"), Some("local"));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let mut set = ProfileSet::new();
        let error = set
            .add(
                FileKind::Config,
                "/home/u/.aws/config",
                "[default]\nregion = x\nbroken\n",
            )
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "/home/u/.aws/config line 3: Expected an '=' sign defining a property"
        );
    }

    #[test]
    fn home_tilde_is_expanded_in_variables() {
        let env = |name: &str| match name {
            "HOME" => Some("/home/u".to_owned()),
            "AWS_CONFIG_FILE" => Some("~/cfg".to_owned()),
            _ => None,
        };
        let found = locations(&env, Platform::Unix);
        assert_eq!(found.config, Some(PathBuf::from("/home/u/cfg")));
        let nothing = locations(&|_: &str| None, Platform::Unix);
        assert_eq!(nothing.config, None);
    }

    #[test]
    fn read_file_missing_huge_and_binary() {
        let dir = std::env::temp_dir().join(format!("cf-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(read_file(&dir.join("absent")).unwrap(), None);
        let huge = dir.join("huge");
        std::fs::write(&huge, vec![b'#'; MAX_FILE_SIZE as usize + 1]).unwrap();
        assert!(read_file(&huge).unwrap_err().reason.contains("larger than"));
        let binary = dir.join("binary");
        std::fs::write(&binary, b"[default]\nregion = \xff\n").unwrap();
        assert!(read_file(&binary).unwrap_err().reason.contains("not UTF-8"));
        let error = read_file(&dir).unwrap_err();
        assert!(error.reason.contains("cannot be read"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
