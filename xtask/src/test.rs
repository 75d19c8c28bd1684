//! `test`: every test, as CI runs it.

use std::process::{Command, ExitCode};

use crate::generate::root;

/// The compiler flags tests run with: warnings are errors, in the project's
/// code and in every generated crate the tests compile.
pub const RUSTFLAGS: &str = "-D warnings";

/// Runs the workspace tests.
pub fn run(extra: &[String]) -> Result<(), ExitCode> {
    let rustflags = match std::env::var("RUSTFLAGS") {
        Ok(flags) if flags.contains(RUSTFLAGS) => flags,
        Ok(flags) if !flags.trim().is_empty() => format!("{flags} {RUSTFLAGS}"),
        _ => RUSTFLAGS.to_owned(),
    };
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root())
        .env("RUSTFLAGS", rustflags)
        .args(["test", "--workspace", "--locked"])
        .args(extra)
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(_) => Err(ExitCode::FAILURE),
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}
