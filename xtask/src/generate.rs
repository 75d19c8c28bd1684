//! `regenerate` and `check` of the committed crates; `generate`, `why`,
//! `diff` and `check` with arguments are the `odata-codegen` command's
//! (`odata_codegen_cli`), with this checkout's runtime as the default.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use odata_codegen::config::{self, Loaded};
use odata_codegen::write::{self, Problem};
use odata_codegen_cli::Defaults;
use odata_codegen_cli::commands::{Format, run_generator, write_out};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_path_buf()
}

/// The configurations of the committed crates: `generated/` (the main
/// job, from the seed schema), and the client of the test service.
pub const COMMITTED: &[&str] =
    &["schemas/codegen.toml", "tests/odata-server/codegen.toml", "tests/odata-server/v2/codegen.toml"];

/// Loads the configuration of a committed crate.
fn committed(config_path: &str) -> Result<Loaded, String> {
    let loaded = config::load(&root().join(config_path)).map_err(|f| f.render())?;
    if loaded.output.is_none() {
        return Err(format!("error: {config_path} has no `output`\n"));
    }
    Ok(loaded)
}

/// What `check` finds: the differences between each committed crate and
/// what the generator writes now. `Err` when generation itself fails.
pub fn stale_problems() -> Result<Vec<(String, Problem)>, String> {
    let mut problems = Vec::new();
    for config_path in COMMITTED {
        let loaded = committed(config_path)?;
        let out = loaded.output.clone().expect("checked by committed()");
        let generation = odata_codegen::generate_all(&loaded.inputs, &loaded.config).map_err(|f| f.render())?;
        let name = out.strip_prefix(root()).unwrap_or(&out).display().to_string();
        problems.extend(write::check(&out, &generation.files).into_iter().map(|p| (name.clone(), p)));
    }
    Ok(problems)
}

/// `regenerate` (or `check` when `check`).
pub fn regenerate(check: bool) -> Result<(), ExitCode> {
    if check {
        let problems = match stale_problems() {
            Ok(problems) => problems,
            Err(rendered) => {
                eprint!("{rendered}");
                return Err(ExitCode::FAILURE);
            }
        };
        if problems.is_empty() {
            eprintln!("the committed crates are up to date");
            return Ok(());
        }
        for (dir, p) in &problems {
            eprintln!("{dir}: {p}");
        }
        eprintln!("error: committed crates are stale ({} problem(s)); run `cargo xtask regenerate`", problems.len());
        return Err(ExitCode::FAILURE);
    }
    for config_path in COMMITTED {
        let loaded = committed(config_path).map_err(|rendered| {
            eprint!("{rendered}");
            ExitCode::FAILURE
        })?;
        let started = Instant::now();
        let Some(generation) = run_generator(&loaded, Format::Human) else {
            return Err(ExitCode::FAILURE);
        };
        write_out(loaded.output.as_deref().expect("checked by committed()"), &generation, started, false)?;
    }
    Ok(())
}

/// How the commands of `odata-codegen` run here: a crate generated from
/// this checkout depends on this checkout's runtime, by path.
pub fn defaults() -> Defaults {
    Defaults { runtime_path: Some(root().join("runtime")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same check as `cargo xtask check`: `cargo test` fails when a
    /// committed crate is stale.
    #[test]
    fn committed_crates_are_fresh() {
        let problems = stale_problems().expect("the committed configurations generate");
        let listed: Vec<String> = problems.iter().map(|(d, p)| format!("{d}: {p}")).collect();
        assert!(problems.is_empty(), "stale; run `cargo xtask regenerate`:\n{}", listed.join("\n"));
    }
}
