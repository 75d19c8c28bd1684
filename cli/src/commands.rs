//! `generate`, `check`, `why` and `diff`.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use odata_codegen::config::{self, Loaded};
use odata_codegen::model::select::Closure;
use odata_codegen::write::{self, Problem};
use odata_codegen::{Fetch, Generation, Input, RuntimeDependency, codes};

use crate::Defaults;
use crate::args::{Args, usage};

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

/// Prints diagnostics to stderr, coloured when it is a terminal.
pub fn print_diagnostics(g: &odata_codegen::diag::Diagnostics, sources: &odata_codegen::diag::Sources, format: Format) {
    let paint = |text: String| if crate::colour::enabled() { crate::colour::paint(&text) } else { text };
    match format {
        Format::Human => eprint!("{}", paint(g.render_limited(sources, 10))),
        Format::Verbose => eprint!("{}", paint(g.render(sources))),
        Format::Short => {
            for d in g.items() {
                eprintln!("{}", d.render_short(sources));
            }
        }
    }
}

/// Loads a configuration file, printing its errors.
pub fn load(path: &Path, format: Format) -> Result<Loaded, ExitCode> {
    config::load(path).map_err(|failure| {
        print_diagnostics(&failure.diagnostics, &failure.sources, format);
        ExitCode::FAILURE
    })
}

/// Runs the generator, printing diagnostics; `None` when it failed.
pub fn run_generator(loaded: &Loaded, format: Format) -> Option<Generation> {
    let inputs: Vec<Input> = loaded.inputs.iter().cloned().map(Input::File).collect();
    generate_printing(&inputs, None, &loaded.config, format)
}

/// Runs the generator on `inputs` (reading URLs through `fetch`),
/// printing diagnostics; `None` when it failed.
pub fn generate_printing(
    inputs: &[Input],
    fetch: Option<&dyn Fetch>,
    config: &odata_codegen::Config,
    format: Format,
) -> Option<Generation> {
    match odata_codegen::generate_fetching(inputs, fetch, config) {
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

/// Writes a generated crate into `out` and prints the summary line.
pub fn write_out(out: &Path, generation: &Generation, started: Instant, verbose: bool) -> Result<(), ExitCode> {
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
                "generated {types} types and {} of {} operations into {}: {} files written, {} unchanged, {} deleted, {warnings} warning(s), {:.0?}",
                s.operations,
                s.operations_declared,
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
pub fn relative_path(from: &Path, to: &Path) -> PathBuf {
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
pub fn absolute(path: &Path) -> PathBuf {
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

/// The options `generate` and `why` share.
const VALUE_FLAGS: &[&str] = &[
    "out",
    "config",
    "crate-name",
    "runtime-path",
    "runtime-version",
    "message-format",
    "include",
    "exclude",
    "closure",
    "url",
    "header",
    "save-to",
    "timeout",
    "max-size",
];
const SWITCHES: &[&str] = &["strict", "verbose"];

/// The version requirement on `odata-runtime` a generated crate gets when
/// no runtime is configured: the runtime released with this generator.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The configuration for `generate`/`why`: the `--config` file, or the
/// `codegen.toml` beside the CSDL file when its `input` is that file, or
/// defaults; then the command-line flags on top.
pub fn configure(args: &Args, format: Format, defaults: &Defaults) -> Result<Loaded, ExitCode> {
    if args.value("url").is_some() && args.positional.is_empty() {
        // Only `generate` fetches; the others read the saved copy.
        return Err(usage("`--url` is for `generate`; give the saved document (DIR/metadata.xml) instead".into()));
    }
    let csdl = match args.positional.as_slice() {
        [] => None,
        [one] => Some(PathBuf::from(one)),
        _ => return Err(usage("give one CSDL file".into())),
    };
    let beside = csdl.as_ref().and_then(|c| {
        let candidate = c.parent().unwrap_or(Path::new(".")).join(config::FILE_NAME);
        let loaded = config::load(&candidate).ok()?;
        let same = loaded.inputs.len() == 1 && absolute(&loaded.inputs[0]) == absolute(c);
        same.then_some(loaded)
    });
    let mut loaded = match (args.value("config"), beside) {
        (Some(path), _) => load(Path::new(path), format)?,
        (None, Some(loaded)) => loaded,
        (None, None) => {
            let Some(csdl) = &csdl else { return Err(usage("give a CSDL file or `--config <FILE>`".into())) };
            let mut config =
                odata_codegen::Config { crate_name: config::crate_name_from(Some(csdl)), ..Default::default() };
            config.source_name = config::source_name_of(csdl);
            Loaded { config, inputs: vec![csdl.clone()], output: None, runtime_configured: false }
        }
    };
    if let Some(csdl) = csdl {
        loaded.config.source_name = config::source_name_of(&csdl);
        loaded.inputs = vec![csdl];
    }
    if let Some(out) = args.value("out") {
        loaded.output = Some(PathBuf::from(out));
    }
    if let Some(name) = args.value("crate-name") {
        loaded.config.crate_name = name.to_owned();
    }
    if args.has("strict") {
        loaded.config.strict = true;
    }
    match (args.value("runtime-path"), args.value("runtime-version")) {
        (Some(_), Some(_)) => return Err(usage("give `--runtime-path` or `--runtime-version`, not both".into())),
        (Some(p), None) => loaded.config.runtime = RuntimeDependency::Path(p.to_owned()),
        (None, Some(v)) => loaded.config.runtime = RuntimeDependency::Version(v.to_owned()),
        (None, None) if !loaded.runtime_configured => match (&defaults.runtime_path, &loaded.output) {
            // A checkout's runtime, by a path relative to the output.
            (Some(runtime), Some(out)) => {
                let rel = relative_path(&absolute(out), &absolute(runtime));
                loaded.config.runtime = RuntimeDependency::Path(rel.to_string_lossy().replace('\\', "/"));
            }
            // The published runtime this generator was released with.
            _ => loaded.config.runtime = RuntimeDependency::Version(RUNTIME_VERSION.to_owned()),
        },
        (None, None) => {}
    }
    let closure = match args.value("closure") {
        None => None,
        Some(modes) => {
            let mut closure = Closure::default();
            if let Some(bad) = modes.split(',').map(str::trim).find(|mode| !closure.add_mode(mode)) {
                return Err(usage(format!("unknown closure mode `{bad}`")));
            }
            Some(closure)
        }
    };
    loaded.config.extend_selection(args.values("include"), args.values("exclude"), closure);
    Ok(loaded)
}

pub fn format_of(args: &Args) -> Result<Format, ExitCode> {
    match args.value("message-format") {
        None | Some("human") if args.has("verbose") => Ok(Format::Verbose),
        None | Some("human") => Ok(Format::Human),
        Some("short") => Ok(Format::Short),
        Some(other) => Err(usage(format!("unknown message format `{other}`"))),
    }
}

/// `generate [<CSDL>] [--config <FILE>] [--url <URL>] --out <DIR> ...`.
pub fn generate(args: &[String], defaults: &Defaults) -> Result<(), ExitCode> {
    let args = Args::parse(args, VALUE_FLAGS, SWITCHES)?;
    let format = format_of(&args)?;
    if args.value("url").is_some() {
        return crate::fetch::generate_from_url(&args, format, defaults);
    }
    let loaded = configure(&args, format, defaults)?;
    let Some(out) = loaded.output.clone() else {
        return Err(usage("`generate` needs `--out <DIR>` (or `output` in the configuration file)".into()));
    };
    let started = Instant::now();
    let Some(generation) = run_generator(&loaded, format) else {
        return Err(ExitCode::FAILURE);
    };
    write_out(&out, &generation, started, format == Format::Verbose)
}

/// `check [<CSDL>] [--config <FILE>] --out <DIR> ...`: fails, listing each
/// stale, missing or extra file, when the crate in `DIR` is not what
/// `generate` with the same arguments would write. Nothing is written.
pub fn check(args: &[String], defaults: &Defaults) -> Result<(), ExitCode> {
    let args = Args::parse(args, VALUE_FLAGS, SWITCHES)?;
    let format = format_of(&args)?;
    let loaded = configure(&args, format, defaults)?;
    let Some(out) = loaded.output.clone() else {
        return Err(usage("`check` needs `--out <DIR>` (or `output` in the configuration file)".into()));
    };
    let Some(generation) = run_generator(&loaded, format) else {
        return Err(ExitCode::FAILURE);
    };
    report_problems(&out.display().to_string(), &write::check(&out, &generation.files))
}

/// Prints what [`write::check`] found; `Err` when it found anything.
pub fn report_problems(crate_dir: &str, problems: &[Problem]) -> Result<(), ExitCode> {
    if problems.is_empty() {
        eprintln!("{crate_dir} is up to date");
        return Ok(());
    }
    for p in problems {
        eprintln!("{crate_dir}: {p}");
    }
    eprintln!("error: {crate_dir} is stale ({} problem(s)); generate it again", problems.len());
    Err(ExitCode::FAILURE)
}

/// `why <qualified name> [<CSDL>] [--config <FILE>] ...`: the chain of
/// references that brought a type into a subset.
pub fn why(args: &[String], defaults: &Defaults) -> Result<(), ExitCode> {
    let mut args = Args::parse(args, VALUE_FLAGS, SWITCHES)?;
    if args.positional.is_empty() {
        return Err(usage("`why` needs a qualified type name".into()));
    }
    let name = args.positional.remove(0);
    let format = format_of(&args)?;
    let loaded = configure(&args, format, defaults)?;
    let inputs: Vec<Input> = loaded.inputs.iter().cloned().map(Input::File).collect();
    let generation = match odata_codegen::generate_fetching(&inputs, None, &loaded.config) {
        Ok(generation) => generation,
        Err(failure) => {
            print_diagnostics(&failure.diagnostics, &failure.sources, format);
            return Err(ExitCode::FAILURE);
        }
    };
    print_diagnostics(&concerning_selection(&generation.diagnostics), &generation.sources, Format::Short);
    let Some(provenance) = &generation.provenance else {
        println!("`{name}`: no subset is configured, so every type is generated");
        return Ok(());
    };
    match provenance.chain(&name) {
        None => {
            println!("`{name}` is not in the generated subset");
            Err(ExitCode::FAILURE)
        }
        Some(chain) => {
            let _ = std::io::Write::write_all(&mut std::io::stdout(), describe_chain(&chain).as_bytes());
            Ok(())
        }
    }
}

/// The warnings that bear on which types a subset holds: a pattern or
/// rename that matches nothing, and a referenced document that was not
/// found (its types cannot be in any subset). The document's other
/// warnings do not change the answer of `why`, so they are not printed.
fn concerning_selection(all: &odata_codegen::diag::Diagnostics) -> odata_codegen::diag::Diagnostics {
    let mut kept = odata_codegen::diag::Diagnostics::default();
    for d in all.items() {
        if matches!(d.code, codes::UNUSED_PATTERN | codes::UNRESOLVED_REFERENCE) {
            kept.push(d.clone());
        }
    }
    kept
}

/// `diff <old CSDL> <new CSDL>`: what a user of the generated crate would
/// feel; exits 1 when something breaks.
pub fn diff(args: &[String]) -> Result<(), ExitCode> {
    let args = Args::parse(args, &[], &[])?;
    let [old, new] = args.positional.as_slice() else {
        return Err(usage("`diff` takes the old and the new CSDL file".into()));
    };
    let resolve = |path: &String| {
        odata_codegen::resolve_inputs(&[odata_codegen::Input::File(PathBuf::from(path))]).map_err(|failure| {
            print_diagnostics(&failure.diagnostics, &failure.sources, Format::Human);
            ExitCode::FAILURE
        })
    };
    let (old, new) = (resolve(old)?, resolve(new)?);
    let changes = odata_codegen::diff::diff(&old.model, &new.model);
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::Write::write_all(
        &mut std::io::stdout(),
        odata_codegen::diff::render(&changes, &old.sources, &new.sources).as_bytes(),
    );
    if changes.iter().any(|c| c.impact == odata_codegen::diff::Impact::Breaking) {
        Err(ExitCode::FAILURE)
    } else {
        Ok(())
    }
}

/// A chain of reasons, one line each, from the type to its root.
fn describe_chain(chain: &[(String, odata_codegen::model::select::Reason)]) -> String {
    use odata_codegen::model::select::Reason;
    let mut out = String::new();
    for (i, (name, reason)) in chain.iter().enumerate() {
        let next = chain.get(i + 1).map_or("", |(n, _)| n.as_str());
        let line = match reason {
            Reason::Root(pattern) => format!("{name} is included by `{pattern}`"),
            Reason::Base => format!("{name} is the base type of {next}"),
            Reason::Property(p) => format!("{name} is the type of property `{p}` of {next}"),
            Reason::Navigation(n) => format!("{name} is the target of navigation property `{n}` of {next}"),
            Reason::Derived => format!("{name} derives from {next}"),
            Reason::Stub(n) => {
                format!("{name} is a stub (its key only): navigation property `{n}` of {next} leads to it")
            }
            Reason::Key => format!("{name} is needed by the key of {next}"),
        };
        out.push_str(&"  ".repeat(i));
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path(Path::new("/a/b/out"), Path::new("/a/runtime")), PathBuf::from("../../runtime"));
        assert_eq!(
            relative_path(Path::new("/tmp/x"), Path::new("/work/main/runtime")),
            PathBuf::from("../../work/main/runtime")
        );
    }
}
