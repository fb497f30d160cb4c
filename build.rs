//! Build script: generates the C header from `src/ffi` with cbindgen (version pinned in
//! Cargo.toml) into `OUT_DIR/cognito_feedback.h`, and gives the shared library its SONAME on
//! Linux.
//!
//! It never writes into the source tree: `make header` copies the generated header over the
//! committed `include/cognito_feedback.h`, and `tests/header_drift.rs` fails while the two
//! differ, on any machine.

use std::path::{Path, PathBuf};
use std::{env, fs};

/// Where the committed header lives, relative to the crate root.
pub const HEADER_PATH: &str = "include/cognito_feedback.h";

/// The generated header's file name in `OUT_DIR`.
pub const GENERATED_HEADER: &str = "cognito_feedback.h";

fn main() {
    let crate_dir =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let version = env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    for input in ["src/ffi", "cbindgen.toml", "build.rs"] {
        println!("cargo:rerun-if-changed={input}");
    }

    let header = generate_header(&crate_dir, &version).unwrap_or_else(|error| panic!("{error}"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join(GENERATED_HEADER), &header).expect("writing OUT_DIR/cognito_feedback.h");

    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let soname = format!("libcognito_feedback.so.{}", so_version(&version));
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }
}

/// The header's text for this crate at `crate_dir`, with version macros for `version`.
pub fn generate_header(crate_dir: &Path, version: &str) -> Result<String, String> {
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .map_err(|error| format!("reading cbindgen.toml: {error}"))?;
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src/ffi/mod.rs"))
        .with_after_include(version_macros(version)?)
        .generate()
        .map_err(|error| format!("generating {HEADER_PATH}: {error}"))?;
    let mut text = Vec::new();
    bindings.write(&mut text);
    String::from_utf8(text).map_err(|error| format!("cbindgen wrote non-UTF-8: {error}"))
}

/// `#define`s of the version, numerically and as a string.
fn version_macros(version: &str) -> Result<String, String> {
    let core = version.split(['-', '+']).next().unwrap_or(version);
    let parts: Vec<&str> = core.split('.').collect();
    let [major, minor, patch] = parts[..] else {
        return Err(format!("version {version} is not MAJOR.MINOR.PATCH"));
    };
    Ok(format!(
        "\n/** The major version of this header (semantic versioning). */\n\
         #define COGNITO_FEEDBACK_VERSION_MAJOR {major}\n\
         /** The minor version of this header. */\n\
         #define COGNITO_FEEDBACK_VERSION_MINOR {minor}\n\
         /** The patch version of this header. */\n\
         #define COGNITO_FEEDBACK_VERSION_PATCH {patch}\n\
         /** This header's version as a string; compare with cognito_version() at run time. */\n\
         #define COGNITO_FEEDBACK_VERSION \"{version}\"\n"
    ))
}

/// The part of the version in the SONAME: `MAJOR` from 1.0 on, `0.MINOR` before (where a
/// minor release may break the ABI).
pub fn so_version(version: &str) -> String {
    let mut parts = version.split('.');
    let major = parts.next().unwrap_or("0");
    let minor = parts.next().unwrap_or("0");
    if major == "0" {
        format!("0.{minor}")
    } else {
        major.to_owned()
    }
}
