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

/// A `cargo` command for a nested build: the cargo that runs the tests,
/// [`RUSTFLAGS`] (and the same for rustdoc), the [`nested_target`], and
/// incremental compilation off. These checks build each crate once per
/// change: incremental state would only be written, and for the corpus
/// (Graph three times over) it took 8 GB of disk and a quarter more time.
pub fn nested_cargo() -> std::process::Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = std::process::Command::new(cargo);
    command
        .env("RUSTFLAGS", RUSTFLAGS)
        .env("RUSTDOCFLAGS", RUSTFLAGS)
        .env("CARGO_TARGET_DIR", nested_target())
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// Writes generated crates into a workspace of their own under the nested
/// target directory (`target/nested/<workspace>/crates/<name>`, with the
/// project's `Cargo.lock`), replacing what an earlier run left there, and
/// runs `cargo <args>` in it. The crates must depend on the runtime by the
/// path [`RUNTIME_FROM_CRATE`].
#[allow(dead_code)] // Not every test that includes this module uses it.
pub fn run_in_workspace(
    workspace: &str,
    crates: &[(String, &[odata_codegen::write::RenderedFile])],
    args: &[&str],
) -> std::process::Output {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = nested_target().join(workspace);
    let _ = std::fs::remove_dir_all(out.join("crates"));
    for (name, files) in crates {
        let dir = out.join("crates").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        odata_codegen::write::write(&dir, files).unwrap();
    }
    std::fs::write(out.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"crates/*\"]\n").unwrap();
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    nested_cargo().current_dir(&out).args(args).output().expect("cargo runs")
}

/// The runtime's path as seen from a crate written by [`run_in_workspace`].
#[allow(dead_code)]
pub const RUNTIME_FROM_CRATE: &str = "../../../../../runtime";
