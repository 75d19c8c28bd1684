//! Every naming decision, in one place.
//!
//! Names in the metadata are untrusted: they become Rust identifiers and
//! file names only through this module, which guarantees that what it
//! returns is a valid identifier (or file stem) and that no two things in
//! one scope get the same one. The rules:
//!
//! - types and enum members: `UpperCamelCase`; fields, functions, methods
//!   and modules: `snake_case` (by `heck`);
//! - characters outside ASCII become `_uXXXX` (so no identifier trips the
//!   `uncommon_codepoints` or confusable lints), a leading digit gets a
//!   `_` in front;
//! - keywords become raw identifiers (`r#type`); the few that cannot
//!   (`self`, `Self`, `super`, `crate`) get a trailing `_`;
//! - when two names in a scope convert to the same identifier, the first
//!   in a fixed order (document order for members, name order for types;
//!   names with spaces, which CSDL does not allow, after the others)
//!   keeps it and the others get `_2`, `_3`, ... (`2`, `3` after an
//!   `UpperCamelCase` name). Adding a name can only rename names that
//!   collide with it;
//! - file stems are lowercase ASCII, never a name Windows reserves
//!   (`con`, `nul`, ...) or one the crate layout uses (`mod`, `lib`).

// Sets and maps of names are hashed with rustc-hash: the names are the
// service's, tens of thousands of them for Graph, and SipHash cost a
// quarter of the naming time; nothing here iterates them unordered.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::Rename;
use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::emit::paths::{COLLECTION_REF_METHODS, ENTITY_REF_METHODS};
use crate::model::{BoundIndex, Model, OpId, TypeId, TypeKind};

/// Rust keywords of every edition, strict and reserved.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// File stems that Windows reserves, or that the crate layout uses (`mod.rs`
/// in every folder; `lib.rs`, `paths.rs` and the `runtime` re-export at the
/// crate root; `any.rs` in namespace folders), or that rustc refuses as a
/// module (`main`), or that are features of every generated crate
/// (`client`, `default`; namespace modules are features too).
const RESERVED_STEMS: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "mod", "lib", "main", "paths", "any", "runtime", "client",
    "default",
];

/// The field every generated struct has for what it does not declare.
pub const EXTRA_FIELD: &str = "extra";

/// Names of the fallback variant of an evolvable enum, in order of
/// preference.
const UNRECOGNIZED: &str = "Unrecognized";

/// `s` with each character that cannot be in an ASCII identifier written
/// as its code point: `_u00e9` in a `snake_case` name, `U00e9` in an
/// `UpperCamelCase` one (where a `_` would break the case).
fn escape_non_ascii(s: &str, camel: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '_' && (camel || out.ends_with('_')) {
            // Word separators the case conversion left (next to a character
            // it does not case): dropped in `UpperCamelCase`, as it drops
            // the others, and never doubled in `snake_case`.
        } else if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if c.is_ascii() {
            // Not reachable for validated CSDL names; kept so the result is
            // an identifier whatever the input.
            if !camel && !out.ends_with('_') {
                out.push('_');
            }
        } else if camel {
            out.push_str(&format!("U{:04x}", c as u32));
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            out.push_str(&format!("u{:04x}", c as u32));
        }
    }
    out
}

/// Makes `converted` (the case-converted name) a valid identifier.
fn finish(converted: String, original: &str, camel: bool) -> String {
    let source = if converted.is_empty() { original } else { &converted };
    let mut s = escape_non_ascii(source, camel);
    if s.is_empty() || s == "_" {
        s = "__".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if NOT_RAW.contains(&s.as_str()) {
        // `Self` → `SelfTy` (a type name other names are appended to,
        // as in `SelfTyDeleteParams`, must not end in `_`); `self` → `self_`.
        s.push_str(if s.starts_with(char::is_uppercase) { "Ty" } else { "_" });
    } else if KEYWORDS.contains(&s.as_str()) {
        s.insert_str(0, "r#");
    }
    debug_assert!(is_valid_ident(&s), "{original} -> {s}");
    s
}

/// The `UpperCamelCase` identifier for a type or enum member name.
pub fn type_ident(name: &str) -> String {
    let converted = if simple_camel(name) {
        let mut out = name.to_owned();
        out[..1].make_ascii_uppercase();
        out
    } else {
        name.to_upper_camel_case()
    };
    finish(converted, name, true)
}

/// The `snake_case` identifier for a field, function, method or module.
pub fn value_ident(name: &str) -> String {
    finish(snake(name), name, false)
}

/// `name` in `snake_case`, as heck writes it.
fn snake(name: &str) -> String {
    if !simple_camel(name) {
        return name.to_snake_case();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Whether `name` is plain camel case (`displayName`, `DisplayName`):
/// lowercase ASCII words, each starting with one uppercase letter, the
/// first word perhaps not. Most OData names are, and so are the type
/// identifiers made from them; for them heck's conversions are a capital
/// first letter, or `_` before each capital but the first and lowercase,
/// done here without its word splitting (which cost most of the naming
/// time on Graph). The tests compare the two on every such name.
fn simple_camel(name: &str) -> bool {
    let bytes = name.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut previous_upper = false;
    for &b in bytes {
        match b {
            b'a'..=b'z' => previous_upper = false,
            b'A'..=b'Z' if !previous_upper => previous_upper = true,
            _ => return false,
        }
    }
    !previous_upper
}

/// The case conversions [`assign`] needs, each made once: a property that
/// a thousand types inherit (Graph's `id`) is converted once, not a
/// thousand times.
#[derive(Default)]
struct Memo<'m> {
    value: HashMap<&'m str, String>,
    ty: HashMap<&'m str, String>,
}

impl<'m> Memo<'m> {
    fn value(&mut self, name: &'m str) -> String {
        self.value.entry(name).or_insert_with(|| value_ident(name)).clone()
    }

    fn ty(&mut self, name: &'m str) -> String {
        self.ty.entry(name).or_insert_with(|| type_ident(name)).clone()
    }
}

/// One name of a naming scope: the key a rename names it by, in parts
/// (`owner`, `sep`, `name`, joined only when there are renames to look up),
/// and the identifier it gets by default.
struct Item<'a> {
    owner: &'a str,
    sep: &'static str,
    name: &'a str,
    default: String,
}

impl<'a> Item<'a> {
    /// A member `owner/name` (property, navigation property, enum member,
    /// entity set or singleton).
    fn member(owner: &'a str, name: &'a str, default: String) -> Self {
        Item { owner, sep: "/", name, default }
    }

    /// A type, by its qualified name.
    fn qualified(qualified: &'a str, default: String) -> Self {
        Item { owner: qualified, sep: "", name: "", default }
    }
}

/// Whether `s` is a Rust identifier (raw identifiers included) made of
/// ASCII, which is all this module produces.
pub fn is_valid_ident(s: &str) -> bool {
    let bare = s.strip_prefix("r#").unwrap_or(s);
    let raw = bare.len() != s.len();
    let mut chars = bare.chars();
    let Some(first) = chars.next() else { return false };
    let shape = (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && bare != "_";
    // No keyword is longer than eight letters.
    let keyword = bare.len() <= 8 && KEYWORDS.contains(&bare);
    shape && (raw == keyword) && !(raw && NOT_RAW.contains(&bare))
}

/// `base`, or `base_2`, `base_3`, ... : the first not in `used`, which it
/// is then added to. An `UpperCamelCase` base takes the digits without the
/// `_` (`Alert2`), which would break the case its lint checks.
fn unique(base: String, used: &mut HashSet<String>) -> String {
    if used.insert(base.clone()) {
        return base;
    }
    // `r#type` collides as `type_2`: the suffix makes it a plain identifier.
    let prefix = base.strip_prefix("r#").map_or_else(|| base.clone(), str::to_owned);
    // `Alert`, `_0a` (from `0a`): one word, which a `_2` would break.
    let word = prefix.trim_start_matches('_');
    let camel = word.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) && !word.contains('_');
    let separator = if camel || prefix.ends_with('_') { "" } else { "_" };
    (2..)
        .map(|n| format!("{prefix}{separator}{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .expect("an unused suffix exists")
}

/// The module (and directory) name of a namespace: its segments in
/// `snake_case` joined by `_`, never a keyword or a reserved file name.
fn module_ident(namespace: &str, used: &mut HashSet<String>) -> String {
    let joined = namespace.split('.').map(|s| s.to_snake_case()).collect::<Vec<_>>().join("_");
    let ident = finish(joined, namespace, false);
    file_stem(&ident, used)
}

/// A lowercase ASCII file stem for an identifier, never reserved.
fn file_stem(ident: &str, used: &mut HashSet<String>) -> String {
    let mut stem = snake(ident.strip_prefix("r#").unwrap_or(ident));
    if stem.is_empty() {
        stem.push('t');
    }
    // `snake_case` drops a leading `_`, so `_3` would become `3`; the stem
    // is also the module's name and must stay an identifier.
    if stem.starts_with(|c: char| c.is_ascii_digit()) {
        stem.insert(0, '_');
    }
    if stem.len() > 100 {
        // Long paths break on some systems; keep it short but unique.
        let hash = stem.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        stem = format!("{}_{hash:016x}", &stem[..80]);
    }
    if RESERVED_STEMS.contains(&stem.as_str()) || KEYWORDS.contains(&stem.as_str()) || NOT_RAW.contains(&stem.as_str())
    {
        stem.push_str("_ty");
    }
    unique(stem, used)
}

/// The identifiers of names that share one scope: each converted with
/// `convert` ([`type_ident`] or [`value_ident`]), made distinct in order.
/// What [`assign`] does for every scope (without renames).
pub fn scope_idents<'a>(names: impl IntoIterator<Item = &'a str>, convert: fn(&str) -> String) -> Vec<String> {
    let mut used = HashSet::default();
    names.into_iter().map(|n| unique(convert(n), &mut used)).collect()
}

/// The file stems of identifiers that share one folder, made distinct.
pub fn scope_file_stems<'a>(idents: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut used = RESERVED_STEMS.iter().map(|s| s.to_string()).collect();
    idents.into_iter().map(|i| file_stem(i, &mut used)).collect()
}

/// Names for one namespace.
#[derive(Debug, Clone)]
pub struct NamespaceNames {
    /// The module, at the crate root: `microsoft_graph`.
    pub module: String,
}

/// Names for one type.
#[derive(Debug, Clone, Default)]
pub struct TypeNames {
    /// The type's identifier within its namespace module: `User`.
    pub ident: String,
    /// The file (and private module) holding it: `user`.
    pub file: String,
    /// Struct fields: all properties (inherited first), then all
    /// navigation properties, as [`Model::all_properties`] and
    /// [`Model::all_navigation`] order them.
    pub fields: Vec<String>,
    /// Navigation methods of `EntityRef<T>`, one per navigation property.
    pub navigation_methods: Vec<String>,
    /// The property constants, one per field: `DISPLAY_NAME`.
    pub prop_consts: Vec<String>,
    /// The `media` method of `EntityRef<T>` for a media entity type.
    pub media_method: Option<String>,
    /// Methods of `EntityRef<T>` for its `Edm.Stream` properties, as
    /// [`Model::stream_properties`] orders them.
    pub stream_methods: Vec<String>,
    /// Methods of `EntityRef<T>` for the operations bound to `T`
    /// ([`Model::bound_operations`], not collection-bound).
    pub entity_op_methods: Vec<(OpId, String)>,
    /// Methods of `CollectionRef<T>` for the operations bound to
    /// collections of `T`.
    pub collection_op_methods: Vec<(OpId, String)>,
    /// Parameters of the key method, one per key property.
    pub key_params: Vec<String>,
    /// Enum variants, one per member.
    pub variants: Vec<String>,
    /// The enum variant for values the crate does not know.
    pub unrecognized: String,
    /// For a type with derived types: the variants of its polymorphic
    /// enum, for the type itself and then for each of
    /// [`Model::descendants`].
    pub poly_variants: Vec<String>,
}

/// Names for one entity container.
#[derive(Debug, Clone)]
pub struct ContainerNames {
    /// The module inside its namespace module: `graph_service`.
    pub module: String,
    /// Functions: entity sets, then singletons.
    pub functions: Vec<String>,
    /// Functions of the operation imports: per import, one per overload.
    pub imports: Vec<Vec<String>>,
}

/// Names for one operation.
#[derive(Debug, Clone, Default)]
pub struct OperationNames {
    /// The parameters struct of an action with parameters, in its
    /// namespace module: `UserSendMailParams`.
    pub params_struct: Option<String>,
    /// The file (and private module) holding it.
    pub params_file: Option<String>,
    /// The parameters: fields of the struct (actions) or arguments of the
    /// method (functions).
    pub params: Vec<String>,
}

/// Every name the emitter uses.
#[derive(Debug, Clone)]
pub struct Names {
    /// By namespace id.
    pub namespaces: Vec<NamespaceNames>,
    /// By type id.
    pub types: Vec<TypeNames>,
    /// By container index.
    pub containers: Vec<ContainerNames>,
    /// By operation id.
    pub operations: Vec<OperationNames>,
}

impl Names {
    /// The names of type `id`.
    pub fn ty(&self, id: TypeId) -> &TypeNames {
        &self.types[id.0 as usize]
    }

    /// The names of operation `id`.
    pub fn op(&self, id: OpId) -> &OperationNames {
        &self.operations[id.0 as usize]
    }
}

/// The constant name of a field: `display_name` → `DISPLAY_NAME`. Field
/// names are distinct snake_case identifiers, so their upper-case forms
/// are distinct too (renames aside, which `unique` settles).
fn const_ident(field: &str, used: &mut HashSet<String>) -> String {
    let upper = field.strip_prefix("r#").unwrap_or(field).to_ascii_uppercase();
    unique(finish(upper.clone(), &upper, false), used)
}

/// The method names of operations sharing one scope (after the names in
/// `used`): an operation's name in `snake_case`; where several overloads
/// share a name, the one with the fewest parameters keeps it and the
/// others add their parameter names (`range_with_address`), so adding an
/// overload with more parameters renames nothing.
fn operation_methods(model: &Model, ops: &[OpId], used: &mut HashSet<String>) -> Vec<(OpId, String)> {
    named_overloads(model, ops, used, |op| &model.op(op).name)
}

/// [`operation_methods`], with the name of each overload given by `name`
/// (an import's name for the overloads it exposes).
fn named_overloads<'m>(
    model: &'m Model,
    ops: &[OpId],
    used: &mut HashSet<String>,
    name: impl Fn(OpId) -> &'m str,
) -> Vec<(OpId, String)> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
    for &op in ops {
        by_name.entry(name(op)).or_default().push(model.op(op).parameters.len());
    }
    ops.iter()
        .map(|&id| {
            let op = model.op(id);
            let op_name = name(id);
            let counts = &by_name[op_name];
            let fewest = *counts.iter().min().unwrap_or(&0);
            let plain = counts.len() == 1
                || (op.parameters.len() == fewest && counts.iter().filter(|&&c| c == fewest).count() == 1);
            let base = if plain {
                value_ident(op_name)
            } else {
                let params: Vec<String> = op.parameters.iter().map(|p| p.name.to_snake_case()).collect();
                value_ident(&format!("{}_with_{}", op_name.to_snake_case(), params.join("_and_")))
            };
            (id, unique(base, used))
        })
        .collect()
}

/// Names everything in `model`.
pub fn assign(model: &Model, renames: &[Rename], diags: &mut Diagnostics) -> Names {
    let mut chosen = Chosen::new(renames);
    let bound = model.bound_index();
    let mut root_used: HashSet<String> = RESERVED_STEMS.iter().map(|s| s.to_string()).collect();
    let namespaces: Vec<NamespaceNames> =
        model.namespaces.iter().map(|ns| NamespaceNames { module: module_ident(&ns.name, &mut root_used) }).collect();
    let mut types = vec![TypeNames::default(); model.types.len()];
    let mut containers: Vec<Option<ContainerNames>> = vec![None; model.containers.len()];
    let mut operations = vec![OperationNames::default(); model.operations.len()];
    for (ns_index, ns) in model.namespaces.iter().enumerate() {
        let mut type_used: HashSet<String> = HashSet::default();
        let items: Vec<Item> = ns
            .types
            .iter()
            .map(|&id| Item::qualified(&model.ty(id).qualified, type_ident(&model.ty(id).name)))
            .collect();
        for (&id, ident) in ns.types.iter().zip(chosen.scope(&items, &mut type_used, diags)) {
            types[id.0 as usize].ident = ident;
        }
        let ns_id = crate::model::NsId(ns_index as u32);
        for (i, op) in model.operations.iter().enumerate().filter(|(_, o)| o.namespace == ns_id) {
            let names = &mut operations[i];
            let mut used = HashSet::default();
            names.params = op.parameters.iter().map(|p| unique(value_ident(&p.name), &mut used)).collect();
            if op.has_params_struct() {
                let binding = match op.binding {
                    Some(b) if b.collection => format!("{}Collection", type_ident(&model.ty(b.ty).name)),
                    Some(b) => type_ident(&model.ty(b.ty).name),
                    None => String::new(),
                };
                let ident = format!("{binding}{}Params", type_ident(&op.name));
                names.params_struct = Some(unique(finish(ident.clone(), &ident, true), &mut type_used));
            }
        }
        // Snake-case items of the namespace module: container modules, the
        // `any` module, and the private modules of the type files.
        let mut module_used: HashSet<String> = RESERVED_STEMS.iter().map(|s| s.to_string()).collect();
        for &c in &ns.containers {
            let container = &model.containers[c];
            let module = unique(value_ident(&container.name), &mut module_used);
            let mut fn_used = HashSet::default();
            let qualified = format!("{}.{}", ns.name, container.name);
            let items: Vec<Item> = container
                .entity_sets
                .iter()
                .map(|s| &s.name)
                .chain(container.singletons.iter().map(|s| &s.name))
                .map(|n| Item::member(&qualified, n, value_ident(n)))
                .collect();
            let functions = chosen.scope(&items, &mut fn_used, diags);
            let imports = container
                .imports
                .iter()
                .map(|imp| {
                    let named = named_overloads(model, &imp.operations, &mut fn_used, |_| imp.name.as_str());
                    named.into_iter().map(|(_, name)| name).collect()
                })
                .collect();
            containers[c] = Some(ContainerNames { module, functions, imports });
        }
        for &id in &ns.types {
            let names = &mut types[id.0 as usize];
            names.file = file_stem(&names.ident, &mut module_used);
        }
        for (i, _) in model.operations.iter().enumerate().filter(|(_, o)| o.namespace == ns_id) {
            if let Some(ident) = &operations[i].params_struct {
                operations[i].params_file = Some(file_stem(ident, &mut module_used));
            }
        }
    }
    // The members of each type are named on their own (a scope per type),
    // on all cores: contiguous runs of types, each with its own memo, its
    // own record of the renames it used and its own diagnostics, merged
    // in type order, so the result is the same as naming them in turn.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let per_thread = model.types.len().div_ceil(threads).max(1);
    let parts: Vec<(Chosen, Diagnostics)> = std::thread::scope(|scope| {
        let handles: Vec<_> = types
            .chunks_mut(per_thread)
            .enumerate()
            .map(|(n, chunk)| {
                let (mut chosen, bound) = (chosen.clone(), &bound);
                scope.spawn(move || {
                    let mut memo = Memo::default();
                    let mut diags = Diagnostics::default();
                    for (i, names) in chunk.iter_mut().enumerate() {
                        let id = TypeId((n * per_thread + i) as u32);
                        members(model, id, names, &mut chosen, &mut memo, bound, &mut diags);
                    }
                    (chosen, diags)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    for (part, part_diags) in parts {
        chosen.merge(&part);
        diags.extend(part_diags);
    }
    // Polymorphic enum variants are named after the types they hold; two
    // types of the same name from different namespaces fall back to their
    // qualified names.
    for i in 0..model.types.len() {
        let id = TypeId(i as u32);
        if !model.is_polymorphic(id) {
            continue;
        }
        let mut used = HashSet::default();
        let variants = std::iter::once(id)
            .chain(model.descendants(id))
            .map(|v| {
                let plain = types[v.0 as usize].ident.clone();
                if used.contains(&plain) {
                    unique(type_ident(&model.ty(v).qualified.replace('.', "_")), &mut used)
                } else {
                    unique(plain, &mut used)
                }
            })
            .collect();
        types[i].poly_variants = variants;
    }
    chosen.report_unused(diags);
    Names {
        namespaces,
        types,
        containers: containers.into_iter().map(|c| c.expect("every container is in a namespace")).collect(),
        operations,
    }
}

/// The member names of type `id` (fields, property constants, navigation
/// and operation methods, key parameters, enum variants) into `names`.
fn members<'m>(
    model: &'m Model,
    id: TypeId,
    names: &mut TypeNames,
    chosen: &mut Chosen,
    memo: &mut Memo<'m>,
    bound: &BoundIndex,
    diags: &mut Diagnostics,
) {
    let t = model.ty(id);
    match &t.kind {
        TypeKind::Entity(_) | TypeKind::Complex(_) => {
            let mut used: HashSet<String> = HashSet::from_iter([EXTRA_FIELD.to_owned()]);
            let props = model.all_properties(id);
            let navs = model.all_navigation(id);
            // A rename is keyed by the declaring type, so derived types
            // use it too.
            let members = props.iter().map(|(o, p)| (*o, &p.name)).chain(navs.iter().map(|(o, n)| (*o, &n.name)));
            let items: Vec<Item> =
                members.map(|(o, name)| Item::member(&model.ty(o).qualified, name, memo.value(name))).collect();
            names.fields = chosen.scope(&items, &mut used, diags);
            let mut used: HashSet<String> = HashSet::default();
            names.prop_consts = names.fields.iter().map(|f| const_ident(f, &mut used)).collect();
            let mut used: HashSet<String> = ENTITY_REF_METHODS.iter().map(|s| s.to_string()).collect();
            let items: Vec<Item> =
                navs.iter().map(|(o, n)| Item::member(&model.ty(*o).qualified, &n.name, memo.value(&n.name))).collect();
            names.navigation_methods = chosen.scope(&items, &mut used, diags);
            if model.is_entity(id) {
                if model.has_stream(id) {
                    names.media_method = Some(unique("media".to_owned(), &mut used));
                }
                names.stream_methods =
                    model.stream_properties(id).iter().map(|p| unique(value_ident(&p.name), &mut used)).collect();
                names.entity_op_methods =
                    operation_methods(model, &model.bound_operations(bound, id, false), &mut used);
                let mut used: HashSet<String> = COLLECTION_REF_METHODS.iter().map(|s| s.to_string()).collect();
                used.insert("key".to_owned());
                names.collection_op_methods =
                    operation_methods(model, &model.bound_operations(bound, id, true), &mut used);
            }
            let mut used = HashSet::default();
            names.key_params = model.key(id).iter().map(|k| unique(value_ident(&k.name), &mut used)).collect();
        }
        TypeKind::Enum(e) => {
            let mut used = HashSet::default();
            let items: Vec<Item> =
                e.members.iter().map(|m| Item::member(&t.qualified, &m.name, memo.ty(&m.name))).collect();
            names.variants = chosen.scope(&items, &mut used, diags);
            names.unrecognized = unique(UNRECOGNIZED.to_owned(), &mut used);
        }
        TypeKind::Definition(_) => {}
    }
}

/// The first identifier or file stem in `names` that is not valid, if
/// any. [`assign`] only produces valid ones; the generator checks anyway
/// before emitting, so a mistake here is an error, not a panic.
pub fn first_invalid(names: &Names) -> Option<String> {
    let idents = names
        .namespaces
        .iter()
        .map(|n| &n.module)
        .chain(
            names
                .containers
                .iter()
                .flat_map(|c| std::iter::once(&c.module).chain(&c.functions).chain(c.imports.iter().flatten())),
        )
        .chain(names.operations.iter().flat_map(|o| o.params_struct.iter().chain(&o.params_file).chain(&o.params)))
        .chain(names.types.iter().flat_map(|t| {
            std::iter::once(&t.ident)
                .chain(std::iter::once(&t.file))
                .chain(&t.fields)
                .chain(&t.navigation_methods)
                .chain(&t.key_params)
                .chain(&t.variants)
                .chain(&t.poly_variants)
                .chain(&t.prop_consts)
                .chain(&t.media_method)
                .chain(&t.stream_methods)
                .chain(t.entity_op_methods.iter().chain(&t.collection_op_methods).map(|(_, m)| m))
        }));
    idents.filter(|s| !s.is_empty()).find(|s| !is_valid_ident(s)).cloned()
}

/// The user's renames, as they are used.
#[derive(Clone)]
struct Chosen<'r> {
    renames: HashMap<&'r str, (&'r Rename, bool)>,
}

impl<'r> Chosen<'r> {
    fn new(renames: &'r [Rename]) -> Self {
        Chosen { renames: renames.iter().map(|r| (r.target.as_str(), (r, false))).collect() }
    }

    /// The identifiers of the renamed items of one scope (claimed first),
    /// `None` for the others. Without renames no key is built.
    fn renamed(&mut self, items: &[Item], used: &mut HashSet<String>, diags: &mut Diagnostics) -> Vec<Option<String>> {
        let mut out: Vec<Option<String>> = vec![None; items.len()];
        if self.renames.is_empty() {
            return out;
        }
        for (i, item) in items.iter().enumerate() {
            let key = format!("{}{}{}", item.owner, item.sep, item.name);
            let Some((rename, seen)) = self.renames.get_mut(key.as_str()) else { continue };
            *seen = true;
            if is_valid_ident(&rename.ident) && !rename.ident.starts_with("r#") {
                out[i] = Some(unique(rename.ident.clone(), used));
            } else {
                let mut d = Diagnostic::error(
                    codes::CONFIG_VALUE,
                    format!("the rename of `{key}` to `{}` is not a Rust identifier", rename.ident),
                );
                if let Some(loc) = rename.loc {
                    d = d.at(loc);
                }
                diags.push(d);
            }
        }
        out
    }

    /// Names the items of one scope: renamed items claim their identifiers
    /// first, the others get their default ones (with suffixes where
    /// taken) in order.
    fn scope(&mut self, items: &[Item], used: &mut HashSet<String>, diags: &mut Diagnostics) -> Vec<String> {
        let mut out = self.renamed(items, used, diags);
        // Names as CSDL writes them first, then those with spaces (W0012):
        // `Open` keeps `Open` when the document also has `Open `.
        for spaced in [false, true] {
            for (i, item) in items.iter().enumerate() {
                if out[i].is_none() && (item.owner.contains(' ') || item.name.contains(' ')) == spaced {
                    out[i] = Some(unique(item.default.clone(), used));
                }
            }
        }
        out.into_iter().map(|chosen| chosen.expect("every item is named")).collect()
    }

    /// Takes in which renames `other`, a copy of this one, used.
    fn merge(&mut self, other: &Chosen<'r>) {
        for (key, (_, seen)) in &other.renames {
            if *seen && let Some((_, mine)) = self.renames.get_mut(key) {
                *mine = true;
            }
        }
    }

    fn report_unused(&self, diags: &mut Diagnostics) {
        let mut unused: Vec<&Rename> = self.renames.values().filter(|(_, seen)| !seen).map(|(r, _)| *r).collect();
        unused.sort_by(|a, b| a.target.cmp(&b.target));
        for r in unused {
            let message = format!("the rename of `{}` matches nothing in the model", r.target);
            let mut d = Diagnostic::warning(codes::UNUSED_PATTERN, message);
            if let Some(loc) = r.loc {
                d = d.at(loc);
            }
            diags.push(d);
        }
    }
}

#[cfg(test)]
mod tests;
