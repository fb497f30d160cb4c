//! This library's version, for the User-Agent and the C ABI.

/// This library's version, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
