//! What the tests that run a nested `cargo` share.

use std::path::PathBuf;

/// The target directory of every nested `cargo check` and `cargo doc` of
/// generated crates (the corpus, the namespace features of the golden
/// crates; the runtime's doc check uses it too). The generated crates all
/// depend on the same runtime and registry crates, with the same features,
/// profile and `RUSTFLAGS`, so those build once for all of them. Nested,
/// because the cargo running the tests holds the lock of `target/` itself.
pub fn nested_target() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/nested")
}

/// The `RUSTFLAGS` of every nested build: warnings in generated code are
/// errors. The same for all, or the shared dependencies would be built
/// again for each value.
pub const RUSTFLAGS: &str = "-D warnings";
