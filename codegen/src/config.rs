//! The configuration file, `codegen.toml`.
//!
//! Every key is documented in the README. Unknown keys are errors with a
//! location: a misspelt `inclde` must not silently generate everything.
//! Paths in the file are relative to the file's folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Location, SourceFile, Sources};
use crate::model::select::{Closure, Pattern, Selection};
use crate::{Config, Failure, Rename, RuntimeDependency};

/// The name the tools look for beside a schema.
pub const FILE_NAME: &str = "codegen.toml";

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<&String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(list) => list.iter().collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileConfig {
    input: Option<Spanned<OneOrMany>>,
    output: Option<Spanned<String>>,
    crate_name: Option<Spanned<String>>,
    service_root: Option<Spanned<String>>,
    strict: Option<bool>,
    standalone: Option<bool>,
    key_as_segment: Option<bool>,
    runtime: Option<Spanned<RuntimeConfig>>,
    select: Option<SelectConfig>,
    #[serde(default)]
    rename: BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuntimeConfig {
    path: Option<String>,
    version: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SelectConfig {
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    closure: Option<Spanned<OneOrMany>>,
}

/// A loaded configuration file.
#[derive(Debug)]
pub struct Loaded {
    /// The configuration (the generator's part).
    pub config: Config,
    /// `input`, resolved against the file's folder.
    pub inputs: Vec<PathBuf>,
    /// `output`, resolved against the file's folder.
    pub output: Option<PathBuf>,
    /// Whether the file sets `runtime` (else the caller picks a default).
    pub runtime_configured: bool,
}

/// Reads `path`. `config.source_name` and `config.crate_name` get defaults
/// from the first input's file name when the file does not set them.
pub fn load(path: &Path) -> Result<Loaded, Failure> {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            diags.push(Diagnostic::error(codes::IO, format!("cannot read `{}`: {e}", path.display())));
            return Err(Failure { diagnostics: diags, sources });
        }
    };
    // The configuration file is the first document of a generation, so the
    // locations of patterns and renames stay valid there.
    let file = sources.add(SourceFile::new(path.display().to_string(), text));
    debug_assert_eq!(file.0, 0);
    let at =
        |span: std::ops::Range<usize>| Location { file, pos: span.start as u32, len: (span.end - span.start) as u32 };
    let parsed: FileConfig = match toml::from_str(sources.get(file).text()) {
        Ok(parsed) => parsed,
        Err(e) => {
            let mut d = Diagnostic::error(codes::CONFIG, e.message().to_owned());
            if let Some(span) = e.span() {
                d = d.at(at(span));
            }
            diags.push(d);
            return Err(Failure { diagnostics: diags, sources });
        }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let join = |p: &str| normalize(&dir.join(p));
    let inputs: Vec<PathBuf> =
        parsed.input.as_ref().map(|i| i.get_ref().items().into_iter().map(|p| join(p)).collect()).unwrap_or_default();
    if inputs.is_empty() {
        let what = if parsed.input.is_some() { "`input` lists no document" } else { "`input` is missing" };
        diags.push(Diagnostic::error(codes::CONFIG_VALUE, what.to_owned()).at(Location { file, pos: 0, len: 0 }));
    }
    let mut config = Config::default();
    if let Some(first) = inputs.first() {
        config.source_name = source_name_of(first);
    }
    if let Some(runtime) = &parsed.runtime {
        match (&runtime.get_ref().path, &runtime.get_ref().version) {
            (Some(p), None) => config.runtime = RuntimeDependency::Path(p.clone()),
            (None, Some(v)) => config.runtime = RuntimeDependency::Version(v.clone()),
            _ => diags.push(
                Diagnostic::error(codes::CONFIG_VALUE, "`runtime` needs exactly one of `path` and `version`")
                    .at(at(runtime.span())),
            ),
        }
    }
    if let Some(name) = &parsed.crate_name {
        let valid = !name.get_ref().is_empty()
            && name.get_ref().chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && !name.get_ref().starts_with(|c: char| c.is_ascii_digit());
        if valid {
            config.crate_name = name.get_ref().clone();
        } else {
            diags.push(
                Diagnostic::error(codes::CONFIG_VALUE, format!("`{}` is not a valid crate name", name.get_ref()))
                    .at(at(name.span())),
            );
        }
    }
    if let Some(root) = &parsed.service_root {
        // The same check the generated crate's `service_root()` makes, so
        // that function cannot fail.
        match odata_runtime::request::ServiceRoot::new(root.get_ref()) {
            Ok(valid) => config.service_root = Some(valid.as_str().to_owned()),
            Err(e) => {
                diags.push(Diagnostic::error(codes::CONFIG_VALUE, format!("`service-root`: {e}")).at(at(root.span())))
            }
        }
    }
    if let Some(strict) = parsed.strict {
        config.strict = strict;
    }
    if let Some(k) = parsed.key_as_segment {
        config.key_as_segment = k;
    }
    if let Some(standalone) = parsed.standalone {
        config.standalone = standalone;
    }
    if let Some(select) = &parsed.select {
        let pattern = |p: &Spanned<String>| Pattern { text: p.get_ref().clone(), loc: Some(at(p.span())) };
        let mut closure = Closure::default();
        let (modes, span) = match &select.closure {
            None => (Vec::new(), 0..0),
            Some(c) => (c.get_ref().items(), c.span()),
        };
        for mode in modes {
            if !closure.add_mode(mode) {
                diags.push(
                    Diagnostic::error(codes::CONFIG_VALUE, format!("unknown closure mode `{mode}`"))
                        .at(at(span.clone()))
                        .with_help("the modes are `structural`, `navigation`, `derived` and `full`"),
                );
            }
        }
        config.selection = Some(Selection {
            include: select.include.iter().map(pattern).collect(),
            exclude: select.exclude.iter().map(pattern).collect(),
            closure,
        });
    }
    for (target, ident) in &parsed.rename {
        config.renames.push(Rename {
            target: target.clone(),
            ident: ident.get_ref().clone(),
            loc: Some(at(ident.span())),
        });
    }
    if config.crate_name.is_empty() {
        config.crate_name = crate_name_from(inputs.first().map(PathBuf::as_path));
    }
    if diags.has_errors() {
        return Err(Failure { diagnostics: diags, sources });
    }
    let output = parsed.output.map(|o| join(o.get_ref()));
    config.config_file = Some((sources.get(file).name().to_owned(), sources.get(file).text().to_owned()));
    Ok(Loaded { config, inputs, output, runtime_configured: parsed.runtime.is_some() })
}

/// `path` with `.` and `a/..` removed, without touching the disk. A
/// leading `..` stays.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The name a document is shown by in generated headers and docs: its
/// file name, so that the output does not depend on where it lies.
pub fn source_name_of(input: &Path) -> String {
    input.file_name().map_or_else(|| "metadata".into(), |n| n.to_string_lossy().into_owned())
}

/// A crate name from a file name: `TripPin.xml` → `trip-pin`.
pub fn crate_name_from(input: Option<&Path>) -> String {
    let stem = input.and_then(|p| p.file_stem()).and_then(|s| s.to_str()).unwrap_or("odata");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Loaded, Failure> {
        let dir = std::env::temp_dir().join(format!("odata-codegen-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{}.toml", text.len()));
        std::fs::write(&path, text).unwrap();
        load(&path)
    }

    fn error_of(text: &str) -> (String, String) {
        let failure = load_text(text).unwrap_err();
        let d = failure.diagnostics.errors().next().unwrap().clone();
        let at = d.position(&failure.sources).unwrap_or_default();
        (d.code.to_owned(), format!("{}@{}", d.message, at.rsplit_once(".toml:").map_or("", |(_, p)| p).to_owned()))
    }

    #[test]
    fn reads_every_key() {
        let loaded = load_text(
            "input = \"metadata.xml\"\noutput = \"../out\"\ncrate-name = \"my-client\"\nservice-root = \"https://x/v1/\"\nstrict = true\n\
             [runtime]\nversion = \"0.1\"\n[select]\ninclude = [\"a.b\", \"a.c.*\"]\nexclude = [\"a.c.d\"]\nclosure = [\"navigation\", \"derived\"]\n\
             [rename]\n\"a.b\" = \"Bee\"\n",
        )
        .unwrap();
        let c = &loaded.config;
        assert_eq!(c.crate_name, "my-client");
        assert_eq!(c.source_name, "metadata.xml");
        assert_eq!(c.service_root.as_deref(), Some("https://x/v1"));
        assert!(c.strict);
        assert_eq!(c.runtime, RuntimeDependency::Version("0.1".into()));
        let s = c.selection.as_ref().unwrap();
        assert_eq!(s.include.len(), 2);
        assert_eq!(s.closure, Closure { navigation: true, derived: true });
        assert_eq!(c.renames[0].ident, "Bee");
        let output = loaded.output.unwrap();
        assert!(output.ends_with("out") && !output.to_string_lossy().contains(".."), "{output:?}");
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            error_of("input = \"a.xml\"\n[select]\ninclde = [\"x\"]\n"),
            ("E0701".into(), "unknown field `inclde`, expected one of `include`, `exclude`, `closure`@3:1".into())
        );
        assert_eq!(error_of("inputs = \"a.xml\"\n").0, "E0701");
        assert_eq!(error_of("input = \"a.xml\"\nstrict = \"yes\"\n").0, "E0701");
        assert_eq!(error_of("input = [\n"), ("E0701".into(), error_of("input = [\n").1));
        assert_eq!(
            error_of("input = \"a.xml\"\n[select]\nclosure = \"deep\"\n"),
            ("E0702".into(), "unknown closure mode `deep`@3:11".into())
        );
        assert_eq!(error_of("input = 5\n").0, "E0701");
        assert_eq!(error_of("input = \"a.xml\"\n[runtime]\npath = \"a\"\nversion = \"1\"\n").0, "E0702");
        assert_eq!(error_of("crate-name = \"x\"\n").0, "E0702");
        assert_eq!(
            error_of("input = \"a.xml\"\ncrate-name = \"a b\"\n"),
            ("E0702".into(), "`a b` is not a valid crate name@2:14".into())
        );
    }
}
