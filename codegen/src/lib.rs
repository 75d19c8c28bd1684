//! `odata-codegen` reads OData v4 CSDL metadata (what a service publishes at
//! `$metadata`) and emits a typed Rust crate: serde models for entity,
//! complex and enum types, and request builders such as `create`.
//!
//! The pipeline has separate stages with their own types:
//!
//! 1. [`csdl`] reads XML into raw structures that keep source locations;
//! 2. [`model`] resolves names, inheritance and annotations into a model;
//! 3. [`names`] decides every Rust identifier and file name;
//! 4. [`emit`] describes each file as items of an item IR and renders
//!    them to source;
//! 5. [`write`](mod@write) writes only what changed, atomically.
//!
//! [`generate`] runs stages 1-4; writing is separate so a caller can
//! check instead of write.

pub mod build;
pub mod codes;
pub mod config;
pub mod csdl;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod load;
pub mod model;
pub mod names;
mod suggest;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diag::{Diagnostics, Location, SourceFile, Sources};
pub use load::{Fetch, Fetched, Input};
use write::RenderedFile;

/// How the generated crate depends on `odata-runtime`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path dependency, relative to the generated crate.
    Path(String),
    /// A version requirement on the published crate.
    Version(String),
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Config {
    /// The package name of the generated crate.
    pub crate_name: String,
    /// The input's name as shown in headers and docs (its file name, so
    /// the output does not depend on where the input lies).
    pub source_name: String,
    /// How the crate depends on the runtime.
    pub runtime: RuntimeDependency,
    /// Give the crate an empty `[workspace]` so it builds on its own even
    /// inside another workspace's folder.
    pub standalone: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Generate only part of the model.
    pub selection: Option<model::select::Selection>,
    /// Names chosen by the user.
    pub renames: Vec<Rename>,
    /// The service root, written into the crate as `SERVICE_ROOT`.
    pub service_root: Option<String>,
    /// Address entities by key as a path segment (`users/42`, which
    /// Microsoft Graph and other services accept) instead of in
    /// parentheses (`users(42)`), for single-property keys.
    pub key_as_segment: bool,
    /// The configuration file this came from (name and text), so that
    /// diagnostics can point into it. It becomes document 0.
    pub config_file: Option<(String, String)>,
    /// A crate, or files to include into one.
    pub layout: Layout,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            crate_name: String::new(),
            source_name: "metadata".into(),
            runtime: RuntimeDependency::Version("0.1".into()),
            standalone: true,
            strict: false,
            selection: None,
            renames: Vec::new(),
            service_root: None,
            key_as_segment: false,
            config_file: None,
            layout: Layout::Crate,
        }
    }
}

impl Config {
    /// Adds roots and exclusions to the selection (creating it), and sets
    /// its closure when one is given; nothing when all three are empty.
    /// The command line and the build-script API add theirs to what a
    /// configuration file says this way.
    pub fn extend_selection(
        &mut self,
        include: impl IntoIterator<Item = String>,
        exclude: impl IntoIterator<Item = String>,
        closure: Option<model::select::Closure>,
    ) {
        let include: Vec<model::select::Pattern> = include.into_iter().map(model::select::Pattern::new).collect();
        let exclude: Vec<model::select::Pattern> = exclude.into_iter().map(model::select::Pattern::new).collect();
        if include.is_empty() && exclude.is_empty() && closure.is_none() {
            return;
        }
        let selection = self.selection.get_or_insert_with(model::select::Selection::default);
        selection.include.extend(include);
        selection.exclude.extend(exclude);
        if let Some(closure) = closure {
            selection.closure = closure;
        }
    }
}

/// Where the generated code lives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A crate of its own, with its `Cargo.toml` and a cargo feature per
    /// namespace (what the command-line tool writes).
    #[default]
    Crate,
    /// Files to `include!` into a module of another crate (what a build
    /// script writes, see [`build`]): no manifest, no features, module
    /// files named by `#[path]`, and every path in the code spelled from
    /// the module the files are included in.
    Module {
        /// The path of that module below the crate root (`["graph"]` for
        /// `mod graph { include!(...); }`; empty for the crate root).
        path: Vec<String>,
    },
}

/// A name the user chose for something in the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    /// What: a qualified type name (`microsoft.graph.user`), or a member
    /// of one (`microsoft.graph.user/displayName`, an enum member, or an
    /// entity set or singleton of a container).
    pub target: String,
    /// The Rust identifier to use.
    pub ident: String,
    /// Where the rename was written.
    pub loc: Option<Location>,
}

/// How long each stage took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Reading files and parsing XML.
    pub read: Duration,
    /// Resolving the model.
    pub resolve: Duration,
    /// Naming, and building each file's item IR.
    pub emit: Duration,
    /// Rendering the item IR to source text and lexing it.
    pub format: Duration,
}

/// Counts of what was generated.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Entity types.
    pub entity_types: usize,
    /// Complex types.
    pub complex_types: usize,
    /// Enum types.
    pub enum_types: usize,
    /// Type definitions.
    pub type_definitions: usize,
    /// Entity sets and singletons.
    pub entry_points: usize,
    /// Actions and functions generated.
    pub operations: usize,
    /// Actions and functions the documents declare (the others have a
    /// `W0011` warning saying why they are not generated, or were left out
    /// of a subset).
    pub operations_declared: usize,
    /// Input bytes, over all documents.
    pub input_bytes: usize,
}

/// A successful generation.
pub struct Generation {
    /// The files of the crate, formatted.
    pub files: Vec<RenderedFile>,
    /// Warnings.
    pub diagnostics: Diagnostics,
    /// The documents read, for rendering diagnostics.
    pub sources: Sources,
    /// Stage timings.
    pub timings: Timings,
    /// Counts.
    pub stats: Stats,
    /// Why each type is in the crate, when a subset was generated.
    pub provenance: Option<model::select::Provenance>,
    /// The documents read through a [`Fetch`], to be saved beside the crate.
    pub fetched: Vec<Fetched>,
}

/// A failed generation: the diagnostics, and the documents they point into.
pub struct Failure {
    /// Errors (and the warnings found before them).
    pub diagnostics: Diagnostics,
    /// The documents read.
    pub sources: Sources,
}

impl Failure {
    /// The diagnostics, rendered.
    pub fn render(&self) -> String {
        self.diagnostics.render(&self.sources)
    }
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

/// Generates the crate for the CSDL document at `input` (and the documents
/// its `edmx:Reference`s name next to it).
pub fn generate(input: &Path, config: &Config) -> Result<Generation, Failure> {
    generate_all(&[input.to_path_buf()], config)
}

/// Generates one crate for several CSDL documents (and what they reference).
pub fn generate_all(inputs: &[PathBuf], config: &Config) -> Result<Generation, Failure> {
    let inputs: Vec<Input> = inputs.iter().map(|p| Input::File(p.clone())).collect();
    generate_inputs(&inputs, config)
}

/// Generates the crate for a document held in memory (references are not
/// loaded). Nothing touches the file system: the fuzz targets use this.
pub fn generate_bytes(name: &str, bytes: Vec<u8>, config: &Config) -> Result<Generation, Failure> {
    generate_inputs(&[Input::Memory { name: name.to_owned(), bytes }], config)
}

/// A resolved model (the whole service, no subset), with the documents it
/// came from: what `diff` compares.
pub struct Resolved {
    /// The model.
    pub model: model::Model,
    /// The documents read.
    pub sources: Sources,
    /// Warnings.
    pub diagnostics: Diagnostics,
}

/// Reads and resolves `inputs` (stages 1 and 2).
pub fn resolve_inputs(inputs: &[Input]) -> Result<Resolved, Failure> {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let loaded = load::documents(inputs, None, &mut sources, &mut diags);
    if loaded.unreadable {
        diags.sort();
        return Err(Failure { diagnostics: diags, sources });
    }
    let resolve_inputs: Vec<model::resolve::Input> =
        loaded.documents.iter().map(|(file, document)| model::resolve::Input { file: *file, document }).collect();
    let model = model::resolve(&resolve_inputs, &loaded.unloaded, &mut diags);
    if diags.has_errors() {
        return Err(Failure { diagnostics: diags, sources });
    }
    Ok(Resolved { model, sources, diagnostics: diags })
}

/// Generates one crate for `inputs`.
pub fn generate_inputs(inputs: &[Input], config: &Config) -> Result<Generation, Failure> {
    generate_fetching(inputs, None, config)
}

/// Generates one crate for `inputs`, reading the ones named by URL (and
/// what they reference by relative URL) through `fetch`. What was fetched
/// is in [`Generation::fetched`], for the caller to save.
pub fn generate_fetching(inputs: &[Input], fetch: Option<&dyn Fetch>, config: &Config) -> Result<Generation, Failure> {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    if let Some((name, text)) = &config.config_file {
        sources.add(SourceFile::new(name.clone(), text.clone()));
    }
    let start = Instant::now();
    let loaded = load::documents(inputs, fetch, &mut sources, &mut diags);
    let read_time = start.elapsed();
    if loaded.unreadable {
        diags.sort();
        return Err(Failure { diagnostics: diags, sources });
    }

    let start = Instant::now();
    let resolve_inputs: Vec<model::resolve::Input> =
        loaded.documents.iter().map(|(file, document)| model::resolve::Input { file: *file, document }).collect();
    let model = model::resolve(&resolve_inputs, &loaded.unloaded, &mut diags);
    let (model, provenance) = match &config.selection {
        Some(selection) if !diags.has_errors() => {
            let (subset, provenance) = model::select::apply(&model, selection, &mut diags);
            (subset, Some(provenance))
        }
        _ => (model, None),
    };
    for warning in model::warnings::no_collection(&model) {
        diags.push(warning);
    }
    diags.sort();
    let resolve_time = start.elapsed();
    if config.strict {
        diags.deny_warnings();
    }
    if diags.has_errors() {
        return Err(Failure { diagnostics: diags, sources });
    }

    let start = Instant::now();
    let names = names::assign(&model, &config.renames, &mut diags);
    if let Some(bad) = names::first_invalid(&names) {
        let message = format!("internal error: the naming module produced `{bad}`, which is not a Rust identifier");
        diags.push(diag::Diagnostic::error(codes::OUTPUT, message));
    }
    if config.strict {
        diags.deny_warnings();
    }
    if diags.has_errors() {
        return Err(Failure { diagnostics: diags, sources });
    }
    let jobs = emit::plan(&model);
    let rendered = write::render(jobs, |job| emit::run(&model, &names, config, job), &config.source_name);
    let (files, times) = match rendered {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return Err(Failure { diagnostics: diags, sources });
        }
    };
    // Emitting and formatting run together on all cores; the wall time is
    // split between them in proportion to the time threads spent in each.
    let wall = start.elapsed();
    let busy = (times.emit + times.format).as_secs_f64().max(f64::EPSILON);
    let emit_time = wall.mul_f64(times.emit.as_secs_f64() / busy);
    let format_time = wall.saturating_sub(emit_time);

    let mut stats = Stats { input_bytes: loaded.input_bytes, ..Stats::default() };
    for t in &model.types {
        match t.kind {
            model::TypeKind::Entity(_) => stats.entity_types += 1,
            model::TypeKind::Complex(_) => stats.complex_types += 1,
            model::TypeKind::Enum(_) => stats.enum_types += 1,
            model::TypeKind::Definition(_) => stats.type_definitions += 1,
        }
    }
    stats.entry_points = model.containers.iter().map(|c| c.entity_sets.len() + c.singletons.len()).sum();
    stats.operations = model.operations.len();
    stats.operations_declared = model.operation_count;
    Ok(Generation {
        files,
        diagnostics: diags,
        sources,
        timings: Timings { read: read_time, resolve: resolve_time, emit: emit_time, format: format_time },
        stats,
        provenance,
        fetched: loaded.fetched,
    })
}
