//! Golden fixtures: `tests/fixtures/<name>/input.xml` and what the generator
//! must produce for it, compared exactly.
//!
//! - `expected/`: the whole generated crate, when generation succeeds. The
//!   expected crates are members of the workspace, so they are compiled by
//!   every `cargo build --workspace` / `cargo test --workspace`: a golden
//!   file that is not valid Rust fails the build, not only a diff.
//! - `expected.err`: the rendered diagnostics, when generation fails.
//! - `expected.warnings`: the rendered warnings of a successful generation,
//!   when there are any.
//!
//! `UPDATE_GOLDEN=1 cargo test -p odata-codegen --test golden` rewrites the
//! expectations; review them with `git diff`.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use odata_codegen::write::{self, Problem};
use odata_codegen::{Config, RuntimeDependency, config};

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir("tests/fixtures")
        .expect("tests/fixtures exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("input.xml").is_file() || p.join(config::FILE_NAME).is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The fixture's configuration: its `codegen.toml` when it has one (a
/// subset of a corpus document, say), else defaults for `input.xml`. The
/// crate name and runtime path are the harness's, so the expected crates
/// are workspace members.
fn config(dir: &Path, name: &str) -> Result<(Vec<PathBuf>, Config), odata_codegen::Failure> {
    let (inputs, mut config) = if dir.join(config::FILE_NAME).is_file() {
        let loaded = config::load(&dir.join(config::FILE_NAME))?;
        (loaded.inputs, loaded.config)
    } else {
        (vec![dir.join("input.xml")], Config { source_name: "input.xml".into(), ..Config::default() })
    };
    config.crate_name = format!("golden-{name}");
    // expected/ is codegen/tests/fixtures/<name>/expected.
    config.runtime = RuntimeDependency::Path("../../../../../runtime".into());
    config.standalone = false;
    Ok((inputs, config))
}

fn compare_text(path: &Path, actual: &str, update: bool, failures: &mut Vec<String>) {
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return;
    }
    if update {
        fs::write(path, actual).unwrap();
    } else {
        failures.push(format!("{}:\n{}", path.display(), write::short_diff(&expected, actual, 20)));
    }
}

#[test]
fn golden_fixtures() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(all.len() >= 5, "fixtures are missing: {all:?}");
    for dir in all {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected_dir = dir.join("expected");
        let err_file = dir.join("expected.err");
        let warn_file = dir.join("expected.warnings");
        let generated = config(&dir, &name).and_then(|(inputs, config)| odata_codegen::generate_all(&inputs, &config));
        match generated {
            Ok(generation) => {
                if err_file.exists() {
                    if update {
                        fs::remove_file(&err_file).unwrap();
                    } else {
                        failures
                            .push(format!("{name}: expected a failure ({}), generation succeeded", err_file.display()));
                        continue;
                    }
                }
                let warnings = generation.diagnostics.render(&generation.sources);
                if warnings.is_empty() {
                    if warn_file.exists() {
                        if update {
                            fs::remove_file(&warn_file).unwrap();
                        } else {
                            failures.push(format!("{name}: expected warnings, got none"));
                        }
                    }
                } else {
                    compare_text(&warn_file, &warnings, update, &mut failures);
                }
                if update {
                    fs::create_dir_all(&expected_dir).unwrap();
                    write::write(&expected_dir, &generation.files).unwrap();
                } else {
                    let problems: Vec<Problem> = write::check(&expected_dir, &generation.files);
                    for p in problems {
                        failures.push(format!("{name}: {p}"));
                    }
                }
            }
            Err(failure) => {
                if expected_dir.exists() && !update {
                    failures.push(format!("{name}: generation failed but expected/ exists:\n{}", failure.render()));
                    continue;
                }
                if update && expected_dir.exists() {
                    fs::remove_dir_all(&expected_dir).unwrap();
                }
                compare_text(&err_file, &failure.render(), update, &mut failures);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (rerun with UPDATE_GOLDEN=1 to accept):\n\n{}",
        failures.join("\n\n")
    );
}

/// Each namespace of a generated crate is a cargo feature; a crate with
/// only one of them (and what it needs) on must compile too. Checked for
/// every expected crate with more than one namespace.
/// Runs cargo on an expected crate, in the nested target directory, with
/// warnings denied: `args` before the manifest path, `after` behind it.
fn cargo_on(manifest: &Path, args: &[&str], after: &[&str]) -> std::process::Output {
    support::nested_cargo().args(args).arg("--manifest-path").arg(manifest).args(after).output().unwrap()
}

#[test]
fn namespace_features_compile_alone() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in fixtures() {
        let manifest = dir.join("expected/Cargo.toml");
        let Ok(text) = fs::read_to_string(&manifest) else { continue };
        let features: Vec<String> = text
            .lines()
            .skip_while(|l| *l != "[features]")
            .skip(1)
            .take_while(|l| !l.starts_with('['))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
            .filter(|k| k != "default" && k != "client")
            .collect();
        if features.len() < 2 {
            continue;
        }
        for feature in &features {
            checked += 1;
            let output =
                cargo_on(&manifest, &["check", "--quiet", "--no-default-features", "--features", feature], &[]);
            if !output.status.success() {
                failures.push(format!(
                    "{}: feature `{feature}` alone:\n{}",
                    dir.display(),
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
        }
    }
    assert!(checked >= 4, "expected crates with several namespaces are missing");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The generated crates allow no lint crate-wide but `deprecated` (their
/// tables name what the service deprecated): clippy's default lints pass
/// on every expected crate, so its warnings show in a user's own clippy
/// run only when they are the user's.
#[test]
fn expected_crates_pass_clippy() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in fixtures() {
        let manifest = dir.join("expected/Cargo.toml");
        if !manifest.exists() {
            continue;
        }
        checked += 1;
        let output = cargo_on(&manifest, &["clippy", "--quiet", "--all-features"], &["--", "-D", "warnings"]);
        if !output.status.success() {
            failures.push(format!("{}:\n{}", dir.display(), String::from_utf8_lossy(&output.stderr)));
        }
    }
    assert!(checked >= 10, "expected crates are missing");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
