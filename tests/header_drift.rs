//! The committed C header is exactly what build.rs generated from src/ffi with the pinned
//! cbindgen (into OUT_DIR; build.rs never touches the committed copy, so drift fails here on
//! any machine), and its version macros and the SONAME follow Cargo.toml.

use std::fs;
use std::path::Path;

// The build script's generator, so this test produces the header the same way build.rs does.
#[allow(dead_code)]
#[path = "../build.rs"]
mod build_script;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed_header() -> String {
    let path = crate_dir().join(build_script::HEADER_PATH);
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("reading {}: {error}", path.display()))
}

#[test]
fn the_committed_header_is_what_cbindgen_generates() {
    let generated_path = Path::new(env!("OUT_DIR")).join(build_script::GENERATED_HEADER);
    let generated = fs::read_to_string(&generated_path)
        .unwrap_or_else(|error| panic!("reading {}: {error}", generated_path.display()));
    let committed = committed_header();
    if generated != committed {
        let (line, (want, have)) = generated
            .lines()
            .zip(committed.lines())
            .enumerate()
            .find(|(_, (want, have))| want != have)
            .unwrap_or((
                generated.lines().count().min(committed.lines().count()),
                ("<end>", "<end>"),
            ));
        panic!(
            "{} is out of date (update it with `make header` and commit it); \
             first difference at line {}:\n  generated: {want}\n  committed: {have}",
            build_script::HEADER_PATH,
            line + 1
        );
    }
}

/// The value of `#define NAME value` in the header.
fn define(header: &str, name: &str) -> String {
    header
        .lines()
        .find_map(|line| line.strip_prefix(&format!("#define {name} ")))
        .unwrap_or_else(|| panic!("#define {name} missing"))
        .trim()
        .to_owned()
}

#[test]
fn the_version_macros_are_the_cargo_toml_version() {
    let header = committed_header();
    assert_eq!(
        define(&header, "COGNITO_FEEDBACK_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MAJOR")
    );
    assert_eq!(
        define(&header, "COGNITO_FEEDBACK_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_MINOR")
    );
    assert_eq!(
        define(&header, "COGNITO_FEEDBACK_VERSION_PATCH"),
        env!("CARGO_PKG_VERSION_PATCH")
    );
    assert_eq!(
        define(&header, "COGNITO_FEEDBACK_VERSION"),
        format!("\"{}\"", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_header_has_a_guard_and_cxx_linkage() {
    let header = committed_header();
    assert!(header.contains("#ifndef COGNITO_FEEDBACK_H\n#define COGNITO_FEEDBACK_H\n"));
    assert!(header.contains("#ifdef __cplusplus\nextern \"C\" {"));
    assert!(
        header
            .trim_end()
            .ends_with("#endif  /* COGNITO_FEEDBACK_H */")
    );
}

#[test]
fn the_soname_carries_major_and_minor_before_1_0() {
    assert_eq!(build_script::so_version("0.1.0"), "0.1");
    assert_eq!(build_script::so_version("0.12.3"), "0.12");
    assert_eq!(build_script::so_version("1.4.2"), "1");
    assert_eq!(build_script::so_version("2.0.0-rc.1"), "2");
}
