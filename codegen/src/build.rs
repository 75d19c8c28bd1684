//! Generating from a build script, in the style of `prost-build`: the code
//! goes into `OUT_DIR` and the crate `include!`s it.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     odata_codegen::build::Builder::new()
//!         .input("metadata/trippin.xml")
//!         .module_path("trippin")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```text
//! // src/lib.rs
//! pub mod trippin {
//!     include!(concat!(env!("OUT_DIR"), "/odata/lib.rs"));
//! }
//! ```
//!
//! The crate needs `odata-runtime` among its `[dependencies]` (the
//! generated code names it as `::odata_runtime`). The files are those the
//! command-line tool writes under `src/` for the same input, except the
//! root file: `lib.rs` here has no inner attributes (an included file
//! cannot have them), no cargo feature per namespace, and names its module
//! files by `#[path]`. Every path in the code is spelled from the module
//! given to [`Builder::module_path`], which must be where the file is
//! included.
//!
//! Cargo is told to run the build script again when any document read
//! changes (`cargo:rerun-if-changed` for each, referenced documents and the
//! configuration file included), and warnings are shown as cargo warnings.
//! A failed generation fails the build with the same located diagnostics
//! (`file:line:col`) as the command-line tool, and leaves the previous
//! output as it was. Build scripts do not read metadata from the network:
//! save the service's `$metadata` in the crate (the command-line tool's
//! `generate --url` does that).

use std::fmt;
use std::path::PathBuf;

use crate::model::select::Closure;
use crate::{Config, Failure, Layout, Rename, codes, config, diag};

/// What a build script asks for; see the [module docs](self).
#[derive(Clone, Debug, Default)]
#[must_use = "a Builder does nothing until `generate` is called"]
pub struct Builder {
    inputs: Vec<PathBuf>,
    config_file: Option<PathBuf>,
    include: Vec<String>,
    exclude: Vec<String>,
    closure: Option<Closure>,
    renames: Vec<(String, String)>,
    service_root: Option<String>,
    key_as_segment: Option<bool>,
    strict: Option<bool>,
    module_path: Vec<String>,
    out_dir: Option<PathBuf>,
    folder: Option<String>,
    cargo_output: Option<bool>,
}

/// Why a build-script generation failed. Its `Display` (and `Debug`, which
/// a build script's `main` returning `Result` prints) is the rendered
/// diagnostics, with locations.
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // `main` returning `Err` prints the Debug form: keep it readable.
        write!(f, "odata-codegen could not generate the code:\n{}", self.0)
    }
}

impl std::error::Error for Error {}

impl From<Failure> for Error {
    fn from(failure: Failure) -> Self {
        Error(failure.render())
    }
}

/// The folder below `OUT_DIR` the files go to unless told otherwise.
pub const DEFAULT_FOLDER: &str = "odata";

impl Builder {
    /// A builder with nothing set.
    pub fn new() -> Self {
        Builder::default()
    }

    /// A CSDL document to generate from (repeatable: several documents
    /// make one model). Relative paths are relative to the package root,
    /// where cargo runs build scripts. Documents it references by relative
    /// `Uri` are read from beside it.
    pub fn input(mut self, path: impl Into<PathBuf>) -> Self {
        self.inputs.push(path.into());
        self
    }

    /// A `codegen.toml` to read: its `input`, `select`, `rename`,
    /// `service-root`, `key-as-segment` and `strict` apply (its `output`,
    /// `crate-name`, `runtime` and `standalone` are for the command-line
    /// tool and are not used here). Settings of the builder are added to
    /// it; inputs given with [`Builder::input`] replace the file's.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config_file = Some(path.into());
        self
    }

    /// Generate only what `pattern` names and what it needs (a qualified
    /// name; `*` matches anything, `?` one character). Repeatable.
    pub fn include(mut self, pattern: impl Into<String>) -> Self {
        self.include.push(pattern.into());
        self
    }

    /// Never generate what `pattern` names. Repeatable.
    pub fn exclude(mut self, pattern: impl Into<String>) -> Self {
        self.exclude.push(pattern.into());
        self
    }

    /// What comes along with included types (default: structural).
    pub fn closure(mut self, closure: Closure) -> Self {
        self.closure = Some(closure);
        self
    }

    /// Use `ident` as the Rust name of `target` (a qualified type name, or
    /// `Type/member`, or `Namespace.Container/name`).
    pub fn rename(mut self, target: impl Into<String>, ident: impl Into<String>) -> Self {
        self.renames.push((target.into(), ident.into()));
        self
    }

    /// The service root, generated as `SERVICE_ROOT` and `service_root()`.
    pub fn service_root(mut self, url: impl Into<String>) -> Self {
        self.service_root = Some(url.into());
        self
    }

    /// Address entities by key as a path segment (`users/42`).
    pub fn key_as_segment(mut self, yes: bool) -> Self {
        self.key_as_segment = Some(yes);
        self
    }

    /// Treat warnings as errors.
    pub fn strict(mut self, yes: bool) -> Self {
        self.strict = Some(yes);
        self
    }

    /// The module the generated file is included in, below the crate root:
    /// `"graph"` for `mod graph { include!(...); }`, `"api::graph"` for a
    /// module inside another; `""` (the default) for the crate root.
    pub fn module_path(mut self, path: &str) -> Self {
        self.module_path = path.split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
        self
    }

    /// Where the files go (default: `$OUT_DIR`).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The folder below the output directory (default `odata`), for a
    /// build script that generates more than one service.
    pub fn folder(mut self, name: impl Into<String>) -> Self {
        self.folder = Some(name.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines
    /// (default: when run by cargo as a build script, that is when
    /// `OUT_DIR` is set).
    pub fn cargo_output(mut self, yes: bool) -> Self {
        self.cargo_output = Some(yes);
        self
    }

    /// Generates, and returns the path of the file to `include!`
    /// (`$OUT_DIR/odata/lib.rs`). Files are written only when their content
    /// changed, so an unchanged document does not make cargo recompile the
    /// crate.
    pub fn generate(self) -> Result<PathBuf, Error> {
        let cargo = self.cargo_output.unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some());
        let out_dir = match self.out_dir.clone().or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from)) {
            Some(dir) => dir,
            None => return Err(Error("no output directory: `OUT_DIR` is not set and `out_dir` was not given".into())),
        };
        let folder = self.folder.clone().unwrap_or_else(|| DEFAULT_FOLDER.to_owned());
        if crate::load::local_reference(&folder).is_none_or(|f| f.contains(['/', '\\'])) {
            return Err(Error(format!("`{folder}` is not a plain folder name")));
        }
        for segment in &self.module_path {
            if !crate::names::is_valid_ident(segment) {
                return Err(Error(format!("`{segment}` in the module path is not a Rust identifier")));
            }
        }
        let (config, inputs) = self.configure()?;
        let generation = match crate::generate_all(&inputs, &config) {
            Ok(g) => g,
            Err(failure) => {
                if cargo {
                    rerun_if_changed(&failure.sources, &inputs);
                }
                return Err(failure.into());
            }
        };
        if cargo {
            rerun_if_changed(&generation.sources, &inputs);
            for d in generation.diagnostics.items() {
                println!("cargo:warning={}", d.render_short(&generation.sources));
            }
        }
        // The crate's `src/` tree, without the manifest.
        let files: Vec<_> = generation
            .files
            .into_iter()
            .filter_map(|mut f| {
                f.path = f.path.strip_prefix("src/")?.to_owned();
                Some(f)
            })
            .collect();
        let target = out_dir.join(&folder);
        crate::write::write(&target, &files)
            .map_err(|e| Error(format!("error[{}]: cannot write {}: {e}", codes::OUTPUT, target.display())))?;
        Ok(target.join("lib.rs"))
    }

    /// The generator's configuration and inputs.
    fn configure(&self) -> Result<(Config, Vec<PathBuf>), Error> {
        let (mut config, mut inputs) = match &self.config_file {
            Some(path) => {
                let loaded = config::load(path)?;
                (loaded.config, loaded.inputs)
            }
            None => (Config::default(), Vec::new()),
        };
        if !self.inputs.is_empty() {
            inputs.clone_from(&self.inputs);
        }
        let Some(first) = inputs.first() else {
            return Err(Error("no input: give `input(...)` or a configuration file with `input`".into()));
        };
        config.source_name = config::source_name_of(first);
        if config.crate_name.is_empty() {
            config.crate_name = config::crate_name_from(Some(first));
        }
        config.layout = Layout::Module { path: self.module_path.clone() };
        config.extend_selection(self.include.iter().cloned(), self.exclude.iter().cloned(), self.closure);
        config.renames.extend(self.renames.iter().map(|(target, ident)| Rename {
            target: target.clone(),
            ident: ident.clone(),
            loc: None,
        }));
        if let Some(root) = &self.service_root {
            // The check the generated `service_root()` makes, so that it cannot fail.
            let valid = odata_runtime::request::ServiceRoot::new(root)
                .map_err(|e| Error(format!("service root `{root}`: {e}")))?;
            config.service_root = Some(valid.as_str().to_owned());
        }
        if let Some(yes) = self.key_as_segment {
            config.key_as_segment = yes;
        }
        if let Some(yes) = self.strict {
            config.strict = yes;
        }
        Ok((config, inputs))
    }
}

/// `cargo:rerun-if-changed` for every document read (the configuration
/// file is one of them, as document 0), and for the inputs also when they
/// could not be read, so that creating one reruns.
fn rerun_if_changed(sources: &diag::Sources, inputs: &[PathBuf]) {
    let read = (0..sources.len()).map(|i| PathBuf::from(sources.get(diag::FileId(i as u32)).name()));
    // Sources that are not files (a document in memory) are left out.
    let paths: std::collections::BTreeSet<PathBuf> =
        read.filter(|p| p.exists()).chain(inputs.iter().cloned()).collect();
    for path in paths {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
