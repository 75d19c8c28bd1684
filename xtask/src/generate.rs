//! `regenerate`, `check` and `generate`.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use odata_codegen::write::{self, Problem};
use odata_codegen::{Config, Generation, RuntimeDependency};

use crate::args::{Args, usage};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_path_buf()
}

/// The configuration of the committed crate, `generated/`.
pub fn seed_config() -> Config {
    Config {
        crate_name: "graph-seed".into(),
        source_name: "seed.xml".into(),
        runtime: RuntimeDependency::Path("../runtime".into()),
        standalone: false,
        strict: true,
    }
}

/// How diagnostics are printed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc style, at most ten warnings of each code.
    Human,
    /// rustc style, everything.
    Verbose,
    /// One line each.
    Short,
}

fn print_diagnostics(g: &odata_codegen::diag::Diagnostics, sources: &odata_codegen::diag::Sources, format: Format) {
    match format {
        Format::Human => eprint!("{}", g.render_limited(sources, 10)),
        Format::Verbose => eprint!("{}", g.render(sources)),
        Format::Short => {
            for d in g.items() {
                eprintln!("{}", d.render_short(sources));
            }
        }
    }
}

/// Runs the generator, printing diagnostics; `None` when it failed.
pub fn run_generator(input: &Path, config: &Config, format: Format) -> Option<Generation> {
    match odata_codegen::generate(input, config) {
        Ok(g) => {
            print_diagnostics(&g.diagnostics, &g.sources, format);
            Some(g)
        }
        Err(failure) => {
            print_diagnostics(&failure.diagnostics, &failure.sources, format);
            None
        }
    }
}

/// The committed crate's input and folder.
fn seed_paths() -> (PathBuf, PathBuf) {
    let root = root();
    (root.join("schemas/seed.xml"), root.join("generated"))
}

/// What `check` finds: the differences between `generated/` and what the
/// generator writes now. `Err` when generation itself fails.
pub fn stale_problems() -> Result<Vec<Problem>, String> {
    let (input, out) = seed_paths();
    match odata_codegen::generate(&input, &seed_config()) {
        Ok(generation) => Ok(write::check(&out, &generation.files)),
        Err(failure) => Err(failure.render()),
    }
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
            eprintln!("generated/ is up to date");
            return Ok(());
        }
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!("error: generated/ is stale ({} problem(s)); run `cargo xtask regenerate`", problems.len());
        return Err(ExitCode::FAILURE);
    }
    let (input, out) = seed_paths();
    let started = Instant::now();
    let Some(generation) = run_generator(&input, &seed_config(), Format::Human) else {
        return Err(ExitCode::FAILURE);
    };
    write_out(&out, &generation, started, false)
}

fn write_out(out: &Path, generation: &Generation, started: Instant, verbose: bool) -> Result<(), ExitCode> {
    let write_start = Instant::now();
    match write::write(out, &generation.files) {
        Ok(report) => {
            if verbose {
                let t = &generation.timings;
                eprintln!(
                    "stages: read {:.1?}, resolve {:.1?}, emit {:.1?}, format {:.1?}, write {:.1?}",
                    t.read,
                    t.resolve,
                    t.emit,
                    t.format,
                    write_start.elapsed()
                );
            }
            let s = &generation.stats;
            let types = s.entity_types + s.complex_types + s.enum_types + s.type_definitions;
            let warnings = generation.diagnostics.warnings().count();
            eprintln!(
                "generated {types} types into {}: {} files written, {} unchanged, {} deleted, {warnings} warning(s), {:.0?}",
                out.display(),
                report.written.len(),
                report.unchanged,
                report.deleted.len(),
                started.elapsed()
            );
            Ok(())
        }
        Err(e) => {
            eprintln!("error[{}]: cannot write {}: {e}", odata_codegen::codes::OUTPUT, out.display());
            Err(ExitCode::FAILURE)
        }
    }
}

/// The path from `from` to `to`, both absolute and normalized.
fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect();
    }
    let mut rel = PathBuf::new();
    for _ in common..from.len() {
        rel.push("..");
    }
    for c in &to[common..] {
        rel.push(c);
    }
    rel
}

/// Makes `path` absolute and removes `.`/`..` without touching the disk
/// (the output folder may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// A crate name from a file name: `TripPin.xml` → `trip-pin`.
fn crate_name_from(input: &Path) -> String {
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("odata");
    let mut name = String::new();
    let mut prev_lower = false;
    for c in stem.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            name.push('-');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches('-').to_owned();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) { format!("odata-{name}") } else { name }
}

/// `generate <CSDL> --out <DIR>`.
pub fn generate(args: &[String]) -> Result<(), ExitCode> {
    let args = Args::parse(
        args,
        &["out", "crate-name", "runtime-path", "runtime-version", "message-format"],
        &["strict", "verbose"],
    )?;
    let [input] = args.positional.as_slice() else {
        return Err(usage("`generate` takes one CSDL file".into()));
    };
    let input = PathBuf::from(input);
    let out = args.value("out").ok_or_else(|| usage("`generate` needs `--out <DIR>`".into()))?;
    let out = absolute(Path::new(out));
    let format = match args.value("message-format") {
        None | Some("human") if args.has("verbose") => Format::Verbose,
        None | Some("human") => Format::Human,
        Some("short") => Format::Short,
        Some(other) => return Err(usage(format!("unknown message format `{other}`"))),
    };
    let runtime = match (args.value("runtime-path"), args.value("runtime-version")) {
        (Some(_), Some(_)) => return Err(usage("give `--runtime-path` or `--runtime-version`, not both".into())),
        (Some(p), None) => RuntimeDependency::Path(p.to_owned()),
        (None, Some(v)) => RuntimeDependency::Version(v.to_owned()),
        (None, None) => {
            let rel = relative_path(&out, &absolute(&root().join("runtime")));
            RuntimeDependency::Path(rel.to_string_lossy().replace('\\', "/"))
        }
    };
    let config = Config {
        crate_name: args.value("crate-name").map_or_else(|| crate_name_from(&input), str::to_owned),
        source_name: input.file_name().map_or_else(|| "metadata".into(), |n| n.to_string_lossy().into_owned()),
        runtime,
        standalone: true,
        strict: args.has("strict"),
    };
    let started = Instant::now();
    let Some(generation) = run_generator(&input, &config, format) else {
        return Err(ExitCode::FAILURE);
    };
    write_out(&out, &generation, started, format == Format::Verbose)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same check as `cargo xtask check`: `cargo test` fails when
    /// `generated/` is stale.
    #[test]
    fn generated_is_fresh() {
        let problems = stale_problems().expect("the seed schema generates");
        let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(problems.is_empty(), "generated/ is stale; run `cargo xtask regenerate`:\n{}", listed.join("\n"));
    }

    #[test]
    fn crate_names() {
        assert_eq!(crate_name_from(Path::new("TripPin.xml")), "trip-pin");
        assert_eq!(crate_name_from(Path::new("msgraph-v1.0-cleanMetadata.xml")), "msgraph-v1-0-clean-metadata");
        assert_eq!(crate_name_from(Path::new("2x.xml")), "odata-2x");
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path(Path::new("/a/b/out"), Path::new("/a/runtime")), PathBuf::from("../../runtime"));
        assert_eq!(
            relative_path(Path::new("/tmp/x"), Path::new("/work/main/runtime")),
            PathBuf::from("../../work/main/runtime")
        );
    }
}
