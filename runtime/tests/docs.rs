//! The runtime's documentation builds without a warning: `cargo doc` of
//! the crate, every feature on, with rustdoc's lints denied (broken and
//! private intra-doc links, invalid code blocks, bare URLs, unescaped
//! backticks, redundant explicit links) and `missing_docs` with them
//! (`#![warn(missing_docs)]` in lib.rs, denied by `-D warnings`).
//!
//! The doc examples themselves are doctests, run by the ordinary
//! `cargo test` of the workspace.

use std::path::Path;
use std::process::Command;

/// The flags the documentation is checked with.
const RUSTDOCFLAGS: &str = "-D warnings \
    -D rustdoc::broken_intra_doc_links \
    -D rustdoc::private_intra_doc_links \
    -D rustdoc::invalid_codeblock_attributes \
    -D rustdoc::invalid_rust_codeblocks \
    -D rustdoc::bare_urls \
    -D rustdoc::unescaped_backticks \
    -D rustdoc::redundant_explicit_links";

#[test]
fn docs_build_with_rustdoc_lints_denied() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the runtime is in the workspace");
    // The target directory the nested checks of generated crates use
    // (codegen/tests/support): the cargo running this test holds the lock
    // of the usual one, and the registry crates are the ones the generated
    // crates build, with the same RUSTFLAGS and incremental compilation
    // off as they are.
    let output = Command::new(env!("CARGO"))
        .current_dir(workspace)
        .args(["doc", "-p", "odata-runtime", "--no-deps", "--all-features", "--locked"])
        .env("RUSTDOCFLAGS", RUSTDOCFLAGS)
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS")
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TARGET_DIR", workspace.join("target").join("nested"))
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo doc -p odata-runtime --no-deps --all-features` with RUSTDOCFLAGS=\"{RUSTDOCFLAGS}\" failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}
