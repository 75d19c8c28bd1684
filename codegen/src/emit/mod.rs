//! Stage 3, emit: the resolved model → the item IR (`ir`) of each
//! output file, rendered to source by `render`.
//!
//! The emitter never looks at XML. Every identifier comes from
//! [`crate::names`]; every path in emitted code is spelled so that no
//! schema name can shadow what it means (`super::User`, `crate::other::T`,
//! standard names in full where a type of the file is named like them,
//! see `Std`); metadata text reaches the code only as string literals
//! and as doc lines built by `docs`.

mod container;
mod crate_files;
mod docs;
mod enums;
mod imports;
mod ir;
mod operations;
pub mod paths;
mod poly;
mod render;
mod rust_type;
mod structs;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::Config;
use crate::model::{Model, NsId, OpId, TypeId, TypeKind};
use crate::names::Names;

/// One file of the generated crate, before rendering.
pub enum FileContent {
    /// Rust source: items of the item IR (`ir`), laid out by `render`.
    Rust(Vec<ir::Item>),
    /// Rust source that is the same for every service, written as is.
    Template(&'static str),
    /// Any other text (the manifest), written as is.
    Text(String),
}

/// A path or type as source text, for the item IR, spaced as rustfmt
/// would: a space between two words (`dyn Trait`, `&'a str`) and after a
/// comma, none elsewhere.
pub(crate) fn source_text(tokens: &TokenStream) -> String {
    let mut out = String::new();
    write_tokens(&mut out, tokens.clone());
    out
}

fn write_tokens(out: &mut String, tokens: TokenStream) {
    use proc_macro2::{Delimiter, TokenTree};
    let mut after_word = false;
    for tree in tokens {
        let word = matches!(tree, TokenTree::Ident(_) | TokenTree::Literal(_));
        if word && after_word {
            out.push(' ');
        }
        match tree {
            TokenTree::Ident(i) => out.push_str(&i.to_string()),
            TokenTree::Literal(l) => out.push_str(&l.to_string()),
            TokenTree::Punct(p) => {
                out.push(p.as_char());
                if p.as_char() == ',' {
                    out.push(' ');
                }
            }
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write_tokens(out, g.stream());
                out.push_str(close);
            }
        }
        after_word = word;
    }
}

/// The source text of IR items, with one blank line between them.
pub fn render_items(items: &[ir::Item]) -> String {
    render::items(items)
}

/// A file of the generated crate: its path relative to the crate root,
/// always `/`-separated and made only of names from [`crate::names`].
pub struct OutputFile {
    /// `src/microsoft_graph/user.rs`.
    pub path: String,
    /// The content.
    pub content: FileContent,
}

/// What the emitters share.
pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    pub names: &'a Names,
    pub config: &'a Config,
    /// How the file being emitted spells standard names.
    pub std: Std,
    /// The namespace whose module holds the file being emitted (type,
    /// `any`, parameters and container files), if any: its types are
    /// written `super::Name` there.
    pub here: Option<NsId>,
    /// The imports of the file, for the files that import the types of
    /// other namespaces they name.
    pub imports: Option<imports::Imports>,
}

/// The standard names emitted code uses, spelled short (`Option`) when no
/// item of the file shadows them and in full (`::core::option::Option`)
/// otherwise. Short names keep the files readable and a third smaller;
/// the full spelling is what keeps a schema type called `Option` from
/// changing what the code means.
#[derive(Clone)]
pub(crate) struct Std {
    pub option: TokenStream,
    pub vec: TokenStream,
    pub boxed: TokenStream,
    pub string: TokenStream,
    /// The path of `Default::default`, which request methods call.
    pub default_fn: &'static str,
    /// The runtime crate: `rt` (imported at the top of the file, see
    /// [`run`]) or `::odata_runtime`.
    pub rt: TokenStream,
    /// Whether `rt` is the alias of a `use` at the top of the file.
    pub rt_imported: bool,
}

/// Standard type names a generated item could shadow.
pub(crate) const PRELUDE_TYPES: &[&str] = &["Option", "Vec", "Box", "String", "Result", "Default"];

impl Std {
    /// The spelling for a file whose own items are `idents`.
    pub fn for_file<'a>(idents: impl IntoIterator<Item = &'a str>, import_rt: bool) -> Std {
        let short = !idents.into_iter().any(|i| PRELUDE_TYPES.contains(&i));
        let rt = if import_rt { quote!(rt) } else { quote!(::odata_runtime) };
        if short {
            Std {
                option: quote!(Option),
                vec: quote!(Vec),
                boxed: quote!(Box),
                string: quote!(String),
                default_fn: "Default::default",
                rt,
                rt_imported: import_rt,
            }
        } else {
            Std {
                option: quote!(::core::option::Option),
                vec: quote!(::std::vec::Vec),
                boxed: quote!(::std::boxed::Box),
                string: quote!(::std::string::String),
                default_fn: "::core::default::Default::default",
                rt,
                rt_imported: import_rt,
            }
        }
    }
}

/// An identifier from a name [`crate::names`] produced (`r#` prefixes
/// become raw identifiers).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

impl Ctx<'_> {
    /// The path of the generated code's root module: `crate`, or, for
    /// files included into a module of another crate, `crate::<its path>`.
    pub fn root(&self) -> TokenStream {
        match &self.config.layout {
            crate::Layout::Crate => quote!(crate),
            crate::Layout::Module { path } => {
                let segments = path.iter().map(|s| ident(s));
                quote!(crate #(::#segments)*)
            }
        }
    }

    /// Whether each namespace is a cargo feature of the crate (not when
    /// the files are included into another crate, which has no such
    /// features).
    pub fn namespace_features(&self) -> bool {
        self.config.layout == crate::Layout::Crate
    }

    /// `crate::<namespace module>`, or `super` from a file of that
    /// namespace's module (a keyword, so no name in the file can shadow it).
    pub fn module_path(&self, id: TypeId) -> TokenStream {
        let ns = self.model.ty(id).namespace;
        if self.here == Some(ns) {
            return quote!(super);
        }
        let module = ident(&self.names.namespaces[ns.0 as usize].module);
        let root = self.root();
        quote!(#root::#module)
    }

    /// The path of the type's struct, enum or alias: imported (only its
    /// name) when the file imports it, see [`imports`].
    pub fn type_path(&self, id: TypeId) -> TokenStream {
        let module = self.module_path(id);
        let name = ident(&self.names.ty(id).ident);
        if let Some(imports) = &self.imports
            && self.here != Some(self.model.ty(id).namespace)
            && imports.short(&source_text(&module), &name.to_string())
        {
            return quote!(#name);
        }
        quote!(#module::#name)
    }

    /// The path of the type's polymorphic enum.
    pub fn poly_path(&self, id: TypeId) -> TokenStream {
        let module = self.module_path(id);
        let name = ident(&self.names.ty(id).ident);
        quote!(#module::any::#name)
    }

    /// What values of entity or complex type `id` are held as: the
    /// polymorphic enum when it has derived types, else the struct.
    pub fn value_path(&self, id: TypeId) -> TokenStream {
        if self.model.is_polymorphic(id) { self.poly_path(id) } else { self.type_path(id) }
    }
}

/// One file to emit. The plan is a list of these, and each rendering
/// thread emits the files it renders, so a file's IR never outlives the
/// thread that renders it.
#[derive(Clone, Copy, Debug)]
pub enum Job {
    /// `Cargo.toml`.
    Manifest,
    /// `src/lib.rs`.
    Lib,
    /// `src/paths.rs`.
    Paths,
    /// A namespace's `mod.rs`.
    NamespaceModule(usize),
    /// A namespace's `any.rs`.
    AnyModule(usize),
    /// A type's file.
    Type(TypeId),
    /// A container's module.
    Container(usize),
    /// The parameters struct of an action.
    Params(OpId),
}

/// The files of the crate, largest first.
///
/// Formatting threads take the next job from a shared queue; starting with
/// the largest files (Graph's `any.rs` is 2.4 MB, most type files a few KB)
/// keeps one thread from being left with a big file at the end while the
/// others are idle. The order of the output does not depend on this: files
/// are sorted by path once rendered.
pub fn plan(model: &Model) -> Vec<Job> {
    let mut jobs = files(model);
    // Stable, so jobs of equal weight keep the file order; each weight
    // computed once (it walks base types).
    jobs.sort_by_cached_key(|job| std::cmp::Reverse(weight(model, *job)));
    jobs
}

/// An estimate of the size of a job's file in bytes, from what Graph's
/// files measure: about 340 bytes per field of a struct, 250 per enum
/// member, 1.1 KB per variant of a polymorphic enum.
fn weight(model: &Model, job: Job) -> usize {
    match job {
        Job::Manifest | Job::Lib | Job::Paths => 2_000,
        Job::NamespaceModule(n) => 120 * model.namespaces[n].types.len(),
        Job::AnyModule(n) => {
            let variants: usize = model.namespaces[n]
                .types
                .iter()
                .filter(|&&id| model.is_polymorphic(id))
                .map(|&id| 1 + model.descendants(id).len())
                .sum();
            1_100 * variants
        }
        Job::Type(id) => match &model.ty(id).kind {
            TypeKind::Entity(_) | TypeKind::Complex(_) => {
                3_000 + 400 * (model.all_properties(id).len() + model.all_navigation(id).len())
            }
            TypeKind::Enum(e) => 1_000 + 250 * e.members.len(),
            TypeKind::Definition(_) => 1_000,
        },
        Job::Container(c) => {
            let c = &model.containers[c];
            1_000 + 600 * (c.entity_sets.len() + c.singletons.len() + c.imports.len())
        }
        Job::Params(op) => 800 + 300 * model.op(op).parameters.len(),
    }
}

/// The files of the crate, in file order.
fn files(model: &Model) -> Vec<Job> {
    let mut jobs = vec![Job::Manifest, Job::Lib, Job::Paths];
    for (n, ns) in model.namespaces.iter().enumerate() {
        jobs.push(Job::NamespaceModule(n));
        if ns.types.iter().any(|&id| model.is_polymorphic(id)) {
            jobs.push(Job::AnyModule(n));
        }
        jobs.extend(ns.types.iter().map(|&id| Job::Type(id)));
        jobs.extend(ns.containers.iter().map(|&c| Job::Container(c)));
        jobs.extend(params_structs(model, n).into_iter().map(Job::Params));
    }
    jobs
}

/// The actions of namespace `n` that have a parameters struct.
pub(crate) fn params_structs(model: &Model, n: usize) -> Vec<OpId> {
    (0..model.operations.len() as u32)
        .map(OpId)
        .filter(|&id| {
            let op = model.op(id);
            op.namespace.0 as usize == n && op.has_params_struct()
        })
        .collect()
}

/// Emits one file.
pub fn run(model: &Model, names: &Names, config: &Config, job: Job) -> OutputFile {
    // Modules whose items are snake_case functions and modules (lib.rs,
    // mod.rs, containers) keep the runtime's full path: an item there
    // could be named `rt`. Type files and `any` modules hold only
    // UpperCamelCase items.
    let std = match job {
        Job::Type(id) => {
            // A type definition over a plain Rust type does not use the runtime.
            let uses_rt = match &model.ty(id).kind {
                TypeKind::Definition(d) => !d.underlying.is_plain_rust(),
                _ => true,
            };
            Std::for_file([names.ty(id).ident.as_str()], uses_rt)
        }
        Job::Params(op) => Std::for_file(names.op(op).params_struct.as_deref(), true),
        Job::AnyModule(n) => Std::for_file(
            model.namespaces[n]
                .types
                .iter()
                .filter(|&&id| model.is_polymorphic(id))
                .map(|&id| names.ty(id).ident.as_str()),
            true,
        ),
        _ => Std::for_file([], false),
    };
    let here = match job {
        Job::Type(id) => Some(model.ty(id).namespace),
        Job::Params(op) => Some(model.op(op).namespace),
        Job::AnyModule(n) => Some(NsId(n as u32)),
        Job::Container(c) => Some(model.containers[c].namespace),
        _ => None,
    };
    // Type, parameters and container files import the types of other
    // namespaces they name. `any` modules do not: a variant for a type of
    // another namespace exists only with that namespace's feature, and an
    // import would not.
    let imports = match job {
        Job::Type(id) => Some(imports::Imports::new([names.ty(id).ident.as_str()])),
        Job::Params(op) => Some(imports::Imports::new(names.op(op).params_struct.as_deref())),
        Job::Container(_) => Some(imports::Imports::new([])),
        _ => None,
    };
    let ctx = Ctx { model, names, config, std, here, imports };
    let mut file = emit_file(&ctx, job);
    if let FileContent::Rust(items) = &mut file.content {
        let mut uses = Vec::new();
        if ctx.std.rt_imported {
            uses.push(ir::Item::Use {
                attrs: ir::Attrs::default(),
                public: false,
                path: format!("::odata_runtime as {}", source_text(&ctx.std.rt)),
            });
        }
        if let Some(imports) = &ctx.imports {
            uses.extend(imports.items());
        }
        imports::insert(items, uses);
    }
    file
}

/// Emits the file of `job`.
fn emit_file(ctx: &Ctx, job: Job) -> OutputFile {
    let (model, names) = (ctx.model, ctx.names);
    let dir = |n: usize| format!("src/{}", names.namespaces[n].module);
    match job {
        Job::Manifest => crate_files::manifest(ctx),
        Job::Lib => crate_files::lib(ctx),
        Job::Paths => OutputFile { path: "src/paths.rs".into(), content: FileContent::Template(paths::RUNTIME_TYPES) },
        Job::NamespaceModule(n) => crate_files::namespace_module(ctx, n),
        Job::AnyModule(n) => {
            OutputFile { path: format!("{}/any.rs", dir(n)), content: FileContent::Rust(poly::module_items(ctx, n)) }
        }
        Job::Params(op) => {
            let n = model.op(op).namespace.0 as usize;
            let file = names.op(op).params_file.as_deref().expect("an action with parameters has a file");
            operations::params_file(ctx, op, format!("{}/{file}.rs", dir(n)))
        }
        Job::Container(c) => {
            let n = model.containers[c].namespace.0 as usize;
            OutputFile {
                path: format!("{}/{}.rs", dir(n), names.containers[c].module),
                content: FileContent::Rust(container::items(ctx, c)),
            }
        }
        Job::Type(id) => {
            let t = model.ty(id);
            let path = format!("{}/{}.rs", dir(t.namespace.0 as usize), names.ty(id).file);
            let items = match &t.kind {
                TypeKind::Entity(_) | TypeKind::Complex(_) => {
                    let mut items = structs::items(ctx, id);
                    if model.is_entity(id) {
                        items.extend(paths::entity_impls(ctx, id));
                        items.extend(paths::derived_from_impls(ctx, id));
                    }
                    items
                }
                TypeKind::Enum(_) => enums::items(ctx, id),
                TypeKind::Definition(d) => {
                    vec![ir::Item::Alias {
                        attrs: ir::Attrs {
                            doc: docs::type_doc(ctx, id),
                            deprecated: docs::deprecation(&t.docs),
                            ..ir::Attrs::default()
                        },
                        name: ident(&names.ty(id).ident).to_string(),
                        target: source_text(&ctx.primitive(d.underlying)),
                    }]
                }
            };
            OutputFile { path, content: FileContent::Rust(items) }
        }
    }
}

/// For each namespace, the other namespaces its items refer to, so that
/// its cargo feature can require theirs. A polymorphic enum's variants for
/// derived types of other namespaces do not count: they are compiled only
/// with their namespace's feature, so a base namespace does not pull in
/// every namespace that derives from it.
pub(crate) fn namespace_dependencies(model: &Model) -> Vec<std::collections::BTreeSet<usize>> {
    use crate::model::Target;
    let ns_of = |t: TypeId| model.ty(t).namespace.0 as usize;
    let mut deps = vec![std::collections::BTreeSet::new(); model.namespaces.len()];
    for (i, t) in model.types.iter().enumerate() {
        let id = TypeId(i as u32);
        let own = t.namespace.0 as usize;
        if model.structured(id).is_none() {
            continue;
        }
        for (_, p) in model.all_properties(id) {
            if let Target::Named(target) = p.ty.target {
                deps[own].insert(ns_of(target));
            }
        }
        for (_, n) in model.all_navigation(id) {
            deps[own].insert(ns_of(n.target));
        }
        // `DerivedFrom` impls name every base type.
        for base in model.self_and_ancestors(id) {
            deps[own].insert(ns_of(base));
        }
    }
    // A bound operation is a method in its binding type's file, which
    // names the parameters struct (in the operation's namespace) and the
    // parameter and return types; an import's function is in its
    // container's module.
    let op_deps = |deps: &mut Vec<std::collections::BTreeSet<usize>>, own: usize, op: &crate::model::Operation| {
        deps[own].insert(op.namespace.0 as usize);
        for ty in op.parameters.iter().map(|p| p.ty).chain(op.returns) {
            if let Target::Named(t) = ty.target {
                deps[own].insert(ns_of(t));
            }
        }
    };
    for op in &model.operations {
        if let Some(b) = op.binding {
            op_deps(&mut deps, ns_of(b.ty), op);
        }
        // The parameters struct names the parameter types.
        for p in &op.parameters {
            if let Target::Named(t) = p.ty.target {
                deps[op.namespace.0 as usize].insert(ns_of(t));
            }
        }
    }
    for c in &model.containers {
        for imp in &c.imports {
            for &op in &imp.operations {
                op_deps(&mut deps, c.namespace.0 as usize, model.op(op));
            }
        }
    }
    for c in &model.containers {
        let own = c.namespace.0 as usize;
        for t in c.entity_sets.iter().map(|s| s.entity_type).chain(c.singletons.iter().map(|s| s.entity_type)) {
            deps[own].insert(ns_of(t));
        }
    }
    for (i, d) in deps.iter_mut().enumerate() {
        d.remove(&i);
    }
    deps
}
