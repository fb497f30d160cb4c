//! `cognito-feedback-man DIR` writes the man pages from the parser's own definition: one page
//! for the command and one per operation, each naming the version and every option the parser
//! takes.

use std::path::Path;
use std::process::Command;

const MAN: &str = env!("CARGO_BIN_EXE_cognito-feedback-man");
const CLI: &str = env!("CARGO_BIN_EXE_cognito-feedback");

fn pages(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The long options `cognito-feedback ARGS --help` lists.
fn help_options(args: &[&str]) -> Vec<String> {
    let help = Command::new(CLI).args(args).arg("--help").output().unwrap();
    assert!(help.status.success());
    let mut options: Vec<String> = String::from_utf8(help.stdout)
        .unwrap()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']')
        .filter(|word| word.starts_with("--") && word.len() > 2)
        .map(str::to_owned)
        .collect();
    options.sort();
    options.dedup();
    options
}

#[test]
fn the_pages_cover_every_option_and_name_the_version() {
    let directory =
        std::env::temp_dir().join(format!("cognito-feedback-man-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let done = Command::new(MAN).arg(&directory).output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_eq!(
        pages(&directory),
        [
            "cognito-feedback-update-auth-event-feedback.1",
            "cognito-feedback.1"
        ]
    );
    for (page, args) in [
        ("cognito-feedback.1", &[][..]),
        (
            "cognito-feedback-update-auth-event-feedback.1",
            &["update-auth-event-feedback"][..],
        ),
    ] {
        let text = std::fs::read_to_string(directory.join(page)).unwrap();
        let title = text.lines().find(|line| line.starts_with(".TH ")).unwrap();
        // .TH NAME 1 DATE "NAME VERSION", the date left empty by clap_mangen
        let version = format!(" {}\"", env!("CARGO_PKG_VERSION"));
        assert!(title.trim_end().ends_with(&version), "{page}: {title}");
        // roff escapes each '-' as '\-'.
        let unescaped = text.replace("\\-", "-");
        for option in help_options(args) {
            assert!(unescaped.contains(&option), "{page} lacks {option}");
        }
    }
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn a_missing_directory_argument_is_a_usage_error() {
    let done = Command::new(MAN).output().unwrap();
    assert_eq!(done.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&done.stderr),
        "usage: cognito-feedback-man DIR\n"
    );
}
