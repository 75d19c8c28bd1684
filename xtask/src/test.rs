//! `test`: every test, as CI runs it.

use std::process::{Command, ExitCode};

use crate::generate::root;

/// Runs the workspace tests.
pub fn run(extra: &[String]) -> Result<(), ExitCode> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root())
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
