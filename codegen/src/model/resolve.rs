//! The resolution pass.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::codes;
use crate::csdl::raw::{self, Document, Schema, StructuredKind};
use crate::diag::{Diagnostic, Diagnostics, FileId, Location};
use crate::suggest::closest;

use super::annotations::{Facts, Terms};
use super::*;

mod inheritance;
mod operations;

/// A document to resolve, and the namespaces its `edmx:Reference`s name
/// that were not loaded (namespace → reference URI).
pub struct Input<'a> {
    pub file: FileId,
    pub document: &'a Document,
}

/// Resolves `documents` (the main document first) into one model. Problems
/// go to `diags`; the model is complete only when no error was added.
pub fn resolve(documents: &[Input<'_>], unloaded: &BTreeMap<String, String>, diags: &mut Diagnostics) -> Model {
    let mut r = Resolver {
        docs: documents,
        unloaded,
        diags,
        aliases: Vec::new(),
        ns_index: HashMap::new(),
        schema_ns: HashMap::new(),
        by_name: HashMap::new(),
        raw: Vec::new(),
        external: HashMap::new(),
        operations: HashSet::new(),
        model: Model::default(),
    };
    r.namespaces();
    r.register_types();
    r.external_annotations();
    r.fill_types();
    r.inheritance();
    r.keys();
    r.containers();
    r.operations();
    r.imports();
    r.type_capabilities();
    r.unused_annotation_targets();
    r.diags.sort();
    r.model
}

/// Where a type was declared.
#[derive(Clone, Copy)]
enum RawType<'d> {
    Structured(&'d raw::StructuredType),
    Enum(&'d raw::EnumType),
    Definition(&'d raw::TypeDefinition),
}

/// External annotations for one target.
struct External<'d> {
    annotations: Vec<(usize, &'d raw::Annotation)>,
    loc: Location,
    used: bool,
}

struct Resolver<'a, 'd> {
    docs: &'a [Input<'d>],
    unloaded: &'a BTreeMap<String, String>,
    diags: &'a mut Diagnostics,
    /// Per document: alias → namespace.
    aliases: Vec<HashMap<String, String>>,
    ns_index: HashMap<String, NsId>,
    /// (document, schema index) → namespace.
    schema_ns: HashMap<(usize, usize), NsId>,
    by_name: HashMap<String, TypeId>,
    /// Per type: the document it is declared in, and its element.
    raw: Vec<(usize, RawType<'d>)>,
    external: HashMap<String, External<'d>>,
    operations: HashSet<String>,
    model: Model,
}

/// Whether `name` is a CSDL simple identifier.
pub fn is_simple_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else { return false };
    (first == '_' || first.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric() || unicode_ident::is_xid_continue(c))
        && name.chars().count() <= 128
}

/// Whether a member name that is not a simple identifier is still usable:
/// letters, digits, `_` and `-`, starting with a letter or `_`. Services
/// publish such names (Microsoft Graph's `request-id`); the JSON name is kept
/// exactly and the Rust name is derived from it.
pub fn is_lenient_member_name(name: &str) -> bool {
    let rest = name.strip_prefix('@').unwrap_or(name);
    let mut chars = rest.chars();
    let Some(first) = chars.next() else { return false };
    (first == '_' || first.is_alphabetic())
        && chars.all(|c| matches!(c, '_' | '-' | '.') || c.is_alphanumeric() || unicode_ident::is_xid_continue(c))
        && name.chars().count() <= 128
}

/// The kinds of members whose names [`Resolver::usable_member_name`]
/// checks; the label is how messages name them.
#[derive(Clone, Copy)]
enum Member {
    Property,
    Navigation,
    EnumMember,
    EntitySet,
    Singleton,
}

impl Member {
    fn label(self) -> &'static str {
        match self {
            Member::Property => "property",
            Member::Navigation => "navigation property",
            Member::EnumMember => "member",
            Member::EntitySet => "entity set",
            Member::Singleton => "singleton",
        }
    }

    /// Whether JSON payloads carry the name (as a member name or an enum
    /// value), where published documents use names with spaces.
    fn in_json(self) -> bool {
        matches!(self, Member::Property | Member::Navigation | Member::EnumMember)
    }
}

/// Whether `name` is a lenient member name once its spaces (U+0020 only)
/// are taken out: `"Open "`, `"Sales Order"`. Spaces can reach nothing but
/// JSON names (string literals) and docs, and the Rust name is made from
/// the words; other whitespace, quotes and punctuation stay refused.
pub fn is_spaced_member_name(name: &str) -> bool {
    name.contains(' ') && is_lenient_member_name(&name.replace(' ', "")) && name.chars().count() <= 128
}

/// Whether `name` is a namespace that published documents use though CSDL
/// does not allow it: dot-separated segments of letters, digits and `_`
/// where a segment after the first starts with a digit (`Loopy.1.VM1`,
/// from a Teiid server). Namespaces reach Rust only through the naming
/// module, which makes identifiers and file stems of them.
pub fn is_lenient_namespace(name: &str) -> bool {
    let mut segments = name.split('.');
    name.len() <= 511
        && segments.next().is_some_and(is_simple_identifier)
        && segments.all(|s| !s.is_empty() && s.chars().all(|c| c == '_' || unicode_ident::is_xid_continue(c)))
}

/// Whether `name` is a CSDL namespace: dot-separated simple identifiers.
pub fn is_namespace(name: &str) -> bool {
    name.len() <= 511 && name.split('.').all(is_simple_identifier)
}

/// The item type name of a type expression and whether it is a
/// collection (`Collection(ns.t)` → `ns.t`, true), or what is wrong with it.
fn split_type_expression(text: &str) -> Result<(&str, bool), String> {
    let text = text.trim();
    let (inner, collection) = match text.strip_prefix("Collection(") {
        Some(rest) => match rest.strip_suffix(')') {
            Some(inner) => (inner.trim(), true),
            None => return Err(format!("`{text}` is missing its closing `)`")),
        },
        None => (text, false),
    };
    if inner.starts_with("Collection(") {
        return Err(format!("`{text}`: a collection of collections is not a CSDL type"));
    }
    if inner.contains(['(', ')']) || inner.is_empty() {
        return Err(format!("`{text}` is not a type name"));
    }
    Ok((inner, collection))
}

/// What a qualified name refers to.
enum Lookup {
    Type(TypeId),
    Primitive(Primitive),
    UnknownPrimitive,
    Unavailable { namespace: String, uri: String },
    Unknown,
}

impl<'a, 'd> Resolver<'a, 'd> {
    fn error(&mut self, code: &'static str, message: String, loc: Location) {
        self.diags.push(Diagnostic::error(code, message).at(loc));
    }

    fn warn(&mut self, code: &'static str, message: String, loc: Location) {
        self.diags.push(Diagnostic::warning(code, message).at(loc));
    }

    fn schemas(&self) -> impl Iterator<Item = (usize, usize, &'d Schema)> + 'd {
        let docs: Vec<&'d Document> = self.docs.iter().map(|d| d.document).collect();
        docs.into_iter()
            .enumerate()
            .flat_map(|(d, doc)| doc.schemas.iter().enumerate().map(move |(s, schema)| (d, s, schema)))
    }

    /// Namespaces and aliases.
    fn namespaces(&mut self) {
        let mut found: Vec<(String, Option<String>, Location, usize, usize)> = Vec::new();
        let mut seen: HashMap<String, Location> = HashMap::new();
        for (d, s, schema) in self.schemas() {
            let Some(ns) = &schema.namespace else { continue };
            if !is_namespace(&ns.value) {
                if !is_lenient_namespace(&ns.value) {
                    self.error(codes::NAMESPACE, format!("`{}` is not a valid namespace", ns.value), ns.loc);
                    continue;
                }
                let message = format!(
                    "namespace `{}` has a segment that starts with a digit, which CSDL does not allow; \
                     it is used as written, and its module name is made an identifier",
                    ns.value
                );
                self.warn(codes::NAMESPACE_TOLERATED, message, ns.loc);
            }
            // `Edm` would shadow the primitive types and `odata` names
            // control information; `System` and `Transient` are only kept
            // free for future use, and .NET services publish `System`.
            if matches!(ns.value.as_str(), "Edm" | "odata") {
                self.error(codes::NAMESPACE, format!("namespace `{}` is reserved", ns.value), ns.loc);
                continue;
            }
            if matches!(ns.value.as_str(), "System" | "Transient") {
                let message = format!("namespace `{}` is reserved by CSDL; it is used as written", ns.value);
                self.warn(codes::NAMESPACE_TOLERATED, message, ns.loc);
            }
            if seen.contains_key(&ns.value) {
                self.error(codes::DUPLICATE, format!("namespace `{}` is declared twice", ns.value), ns.loc);
                continue;
            }
            seen.insert(ns.value.clone(), ns.loc);
            if let Some(alias) = &schema.alias {
                if is_lenient_member_name(&alias.value) && !alias.value.starts_with('@') {
                    if !is_simple_identifier(&alias.value) {
                        let message = format!(
                            "alias `{}` is not a simple identifier; it is used as written to resolve qualified names",
                            alias.value
                        );
                        self.warn(codes::NAMESPACE_TOLERATED, message, alias.loc);
                    }
                } else {
                    self.error(codes::NAME, format!("alias `{}` is not a simple identifier", alias.value), alias.loc);
                }
            }
            found.push((ns.value.clone(), schema.alias.as_ref().map(|a| a.value.clone()), ns.loc, d, s));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (i, (name, alias, loc, d, s)) in found.into_iter().enumerate() {
            let id = NsId(i as u32);
            self.ns_index.insert(name.clone(), id);
            self.schema_ns.insert((d, s), id);
            self.model.namespaces.push(Namespace { name, alias, types: Vec::new(), containers: Vec::new(), loc });
        }
        // Aliases are scoped to the document that declares them.
        for input in self.docs {
            let mut map = HashMap::new();
            for reference in &input.document.references {
                for include in &reference.includes {
                    if let Some(alias) = &include.alias {
                        map.insert(alias.value.clone(), include.namespace.value.clone());
                    }
                }
            }
            for schema in &input.document.schemas {
                if let (Some(ns), Some(alias)) = (&schema.namespace, &schema.alias) {
                    map.insert(alias.value.clone(), ns.value.clone());
                }
            }
            self.aliases.push(map);
        }
    }

    /// Gives every type an id before any is resolved.
    fn register_types(&mut self) {
        let mut first: HashMap<String, Location> = HashMap::new();
        for (d, s, schema) in self.schemas() {
            let Some(&ns) = self.schema_ns.get(&(d, s)) else { continue };
            let ns_name = self.model.namespaces[ns.0 as usize].name.clone();
            let elements = schema
                .structured_types
                .iter()
                .map(|t| (&t.name, t.loc, RawType::Structured(t)))
                .chain(schema.enum_types.iter().map(|t| (&t.name, t.loc, RawType::Enum(t))))
                .chain(schema.type_definitions.iter().map(|t| (&t.name, t.loc, RawType::Definition(t))));
            for (name, loc, raw) in elements {
                if !is_simple_identifier(&name.value) {
                    self.error(codes::NAME, format!("type name `{}` is not a simple identifier", name.value), name.loc);
                    continue;
                }
                let qualified = format!("{ns_name}.{}", name.value);
                if first.contains_key(&qualified) {
                    self.error(codes::DUPLICATE, format!("type `{qualified}` is declared twice"), name.loc);
                    continue;
                }
                first.insert(qualified.clone(), name.loc);
                let id = TypeId(self.model.types.len() as u32);
                self.by_name.insert(qualified.clone(), id);
                let placeholder = TypeKind::Definition(Definition { underlying: Primitive::String });
                self.model.types.push(TypeDef {
                    name: name.value.clone(),
                    namespace: ns,
                    qualified,
                    kind: placeholder,
                    docs: Docs::default(),
                    loc,
                });
                self.raw.push((d, raw));
            }
            for op in &schema.operations {
                self.operations.insert(format!("{ns_name}.{}", op.name.value));
                self.model.operation_count += 1;
            }
        }
        for ns in &mut self.model.namespaces {
            ns.types.clear();
        }
        let mut by_ns: Vec<(NsId, String, TypeId)> =
            self.model.types.iter().enumerate().map(|(i, t)| (t.namespace, t.name.clone(), TypeId(i as u32))).collect();
        by_ns.sort();
        for (ns, _, id) in by_ns {
            self.model.namespaces[ns.0 as usize].types.push(id);
        }
    }

    /// Replaces the alias of the first segment of a target path.
    fn canonical_target(&self, doc: usize, target: &str) -> String {
        // The head is the qualified name before a member path (`/`) or an
        // operation overload's parameter list (`(`).
        let (head, rest) = match target.find(['/', '(']) {
            Some(i) => (&target[..i], &target[i..]),
            None => (target, ""),
        };
        let head = match head.rsplit_once('.') {
            Some((prefix, local)) => match self.aliases[doc].get(prefix) {
                Some(ns) => format!("{ns}.{local}"),
                None => head.to_owned(),
            },
            None => head.to_owned(),
        };
        format!("{head}{rest}")
    }

    fn external_annotations(&mut self) {
        for (d, _, schema) in self.schemas() {
            for block in &schema.annotation_blocks {
                if block.qualifier.is_some() {
                    continue;
                }
                let key = self.canonical_target(d, &block.target.value);
                let entry = self.external.entry(key).or_insert(External {
                    annotations: Vec::new(),
                    loc: block.target.loc,
                    used: false,
                });
                entry.annotations.extend(block.annotations.iter().map(|a| (d, a)));
            }
        }
    }

    /// The facts from inline `annotations` (in document `doc`) and from
    /// `Annotations` blocks targeting `target`.
    fn facts(&mut self, doc: usize, annotations: &[raw::Annotation], target: &str) -> Facts {
        let mut facts = Facts::default();
        let mut warnings = Vec::new();
        Terms { aliases: &self.aliases[doc] }.apply(annotations, &mut facts, &mut warnings);
        if let Some(external) = self.external.get_mut(target) {
            external.used = true;
            let list: Vec<(usize, &raw::Annotation)> = external.annotations.clone();
            for (d, a) in list {
                Terms { aliases: &self.aliases[d] }.apply(std::slice::from_ref(a), &mut facts, &mut warnings);
            }
        }
        for w in warnings {
            self.diags.push(w);
        }
        facts
    }

    fn lookup(&self, doc: usize, name: &str) -> Lookup {
        let Some((prefix, local)) = name.rsplit_once('.') else { return Lookup::Unknown };
        if prefix == "Edm" {
            return match Primitive::from_name(local) {
                Some(p) => Lookup::Primitive(p),
                None => Lookup::UnknownPrimitive,
            };
        }
        let namespace = self.aliases[doc].get(prefix).map_or(prefix, String::as_str);
        if let Some(id) = self.by_name.get(&format!("{namespace}.{local}")) {
            return Lookup::Type(*id);
        }
        if let Some(uri) = self.unloaded.get(namespace) {
            return Lookup::Unavailable { namespace: namespace.to_owned(), uri: uri.clone() };
        }
        Lookup::Unknown
    }

    /// Resolves a type expression such as `Collection(graph.alert)`. Only
    /// structural properties (`untyped_ok`) may fall back to untyped JSON
    /// for a type whose document was not loaded.
    fn type_ref(
        &mut self,
        doc: usize,
        expr: &raw::Spanned<String>,
        nullable: Option<&raw::Spanned<bool>>,
        untyped_ok: bool,
    ) -> Option<TypeRef> {
        let (inner, collection) = match split_type_expression(&expr.value) {
            Ok(split) => split,
            Err(message) => {
                self.error(codes::TYPE_EXPRESSION, message, expr.loc);
                return None;
            }
        };
        let target = self.target_or_untyped(doc, inner, expr.loc, untyped_ok)?;
        Some(TypeRef { target, collection, nullable: nullable.is_none_or(|n| n.value) })
    }

    /// Resolves a qualified type name, reporting what is wrong with it.
    fn target(&mut self, doc: usize, name: &str, loc: Location) -> Option<Target> {
        self.target_or_untyped(doc, name, loc, false)
    }

    /// Like [`Self::target`]; with `untyped_ok`, a type of a namespace whose
    /// document was not loaded is `Edm.Untyped`, with a warning.
    fn target_or_untyped(&mut self, doc: usize, name: &str, loc: Location, untyped_ok: bool) -> Option<Target> {
        match self.lookup(doc, name) {
            Lookup::Unavailable { namespace, uri } if untyped_ok => {
                self.diags.push(
                    Diagnostic::warning(
                        codes::UNAVAILABLE_TYPE,
                        format!("type `{name}` is in namespace `{namespace}`, whose document was not loaded; its values are kept as untyped JSON"),
                    )
                    .at(loc)
                    .with_help(format!("to get a Rust type, put a copy of `{uri}` next to the main document")),
                );
                Some(Target::Primitive(Primitive::Untyped))
            }
            Lookup::Type(id) => Some(Target::Named(id)),
            Lookup::Primitive(p) => Some(Target::Primitive(p)),
            Lookup::UnknownPrimitive => {
                let local = &name[name.rfind('.').map_or(0, |i| i + 1)..];
                let mut d = Diagnostic::error(codes::UNKNOWN_PRIMITIVE, format!("`{name}` is not an Edm type")).at(loc);
                if let Some(best) = closest(local, Primitive::all_names()) {
                    d = d.with_help(format!("did you mean `Edm.{best}`?"));
                }
                self.diags.push(d);
                None
            }
            Lookup::Unavailable { namespace, uri } => {
                self.diags.push(
                    Diagnostic::error(codes::UNKNOWN_TYPE, format!("type `{name}` is in namespace `{namespace}`, whose document was not loaded"))
                        .at(loc)
                        .with_help(format!("the document comes from `{uri}`; put a copy next to the main document and refer to it by a relative `Uri`")),
                );
                None
            }
            Lookup::Unknown => {
                let mut d = Diagnostic::error(codes::UNKNOWN_TYPE, format!("unknown type `{name}`")).at(loc);
                let namespace = name.rsplit_once('.').map(|(p, _)| self.aliases[doc].get(p).map_or(p, String::as_str));
                let full = match (namespace, name.rsplit_once('.')) {
                    (Some(ns), Some((_, local))) => format!("{ns}.{local}"),
                    _ => name.to_owned(),
                };
                if let Some(best) = closest(&full, self.by_name.keys().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                }
                self.diags.push(d);
                None
            }
        }
    }

    /// Resolves each type's own content.
    fn fill_types(&mut self) {
        for i in 0..self.raw.len() {
            let (doc, raw) = self.raw[i];
            let qualified = self.model.types[i].qualified.clone();
            let kind = match raw {
                RawType::Structured(t) => {
                    let facts = self.facts(doc, &t.annotations, &qualified);
                    self.model.types[i].docs = facts.docs;
                    let mut s = self.structured(doc, t, &qualified);
                    s.caps = facts.caps;
                    match t.kind {
                        StructuredKind::Entity => TypeKind::Entity(s),
                        StructuredKind::Complex => TypeKind::Complex(s),
                    }
                }
                RawType::Enum(e) => {
                    let facts = self.facts(doc, &e.annotations, &qualified);
                    self.model.types[i].docs = facts.docs;
                    TypeKind::Enum(self.enumeration(doc, e, &qualified))
                }
                RawType::Definition(t) => {
                    let facts = self.facts(doc, &t.annotations, &qualified);
                    self.model.types[i].docs = facts.docs;
                    TypeKind::Definition(self.definition(doc, t))
                }
            };
            self.model.types[i].kind = kind;
        }
    }

    fn structured(&mut self, doc: usize, t: &'d raw::StructuredType, qualified: &str) -> Structured {
        let mut s = Structured {
            is_abstract: t.is_abstract,
            open_type: t.open_type,
            has_stream: t.has_stream,
            ..Structured::default()
        };
        if let Some(base) = &t.base_type {
            if let Some(target) = self.target(doc, &base.value, base.loc) {
                match target {
                    Target::Named(b) => {
                        let same_kind = matches!(
                            (&self.raw[b.0 as usize].1, t.kind),
                            (RawType::Structured(bt), k) if bt.kind == k
                        );
                        if same_kind {
                            s.base = Some(b);
                        } else {
                            let what =
                                if t.kind == StructuredKind::Entity { "an entity type" } else { "a complex type" };
                            self.error(
                                codes::BASE_KIND,
                                format!("`{}` is not {what}, so `{}` cannot derive from it", base.value, t.name.value),
                                base.loc,
                            );
                        }
                    }
                    Target::Primitive(_) => {
                        self.error(
                            codes::BASE_KIND,
                            format!("`{}` is a primitive type and cannot be a base type", base.value),
                            base.loc,
                        );
                    }
                }
            }
        }
        let mut names: HashSet<&str> = HashSet::new();
        for p in &t.properties {
            if !self.member_name(&p.name, Member::Property, &mut names) {
                continue;
            }
            let Some(ty) = self.type_ref(doc, &p.type_name, p.nullable.as_ref(), true) else { continue };
            if let Target::Named(target) = ty.target {
                if matches!(self.raw[target.0 as usize].1, RawType::Structured(x) if x.kind == StructuredKind::Entity) {
                    self.error(
                        codes::TYPE_KIND,
                        format!(
                            "property `{}` has entity type `{}`; entity-typed members must be navigation properties",
                            p.name.value, p.type_name.value
                        ),
                        p.type_name.loc,
                    );
                    continue;
                }
            }
            let facts = self.facts(doc, &p.annotations, &format!("{qualified}/{}", p.name.value));
            s.properties.push(Property {
                name: p.name.value.clone(),
                ty,
                read_only: facts.read_only,
                default_value: p.default_value.as_ref().map(|v| v.value.clone()),
                max_length: p.max_length.clone(),
                docs: facts.docs,
                loc: p.loc,
            });
        }
        for n in &t.navigation_properties {
            if !self.member_name(&n.name, Member::Navigation, &mut names) {
                continue;
            }
            let Some(ty) = self.type_ref(doc, &n.type_name, n.nullable.as_ref(), false) else { continue };
            if ty.target == Target::Primitive(Primitive::Abstract("EntityType")) {
                // Navigation to "any entity" (vocabularies use it): there is
                // no path to follow, so it is kept as untyped JSON.
                let facts = self.facts(doc, &n.annotations, &format!("{qualified}/{}", n.name.value));
                s.properties.push(Property {
                    name: n.name.value.clone(),
                    ty: TypeRef { target: Target::Primitive(Primitive::Untyped), ..ty },
                    read_only: facts.read_only,
                    default_value: None,
                    max_length: None,
                    docs: facts.docs,
                    loc: n.loc,
                });
                continue;
            }
            let target = match ty.target {
                Target::Named(target) if matches!(self.raw[target.0 as usize].1, RawType::Structured(x) if x.kind == StructuredKind::Entity) => {
                    target
                }
                _ => {
                    self.error(
                        codes::TYPE_KIND,
                        format!(
                            "navigation property `{}` has type `{}`, which is not an entity type",
                            n.name.value, n.type_name.value
                        ),
                        n.type_name.loc,
                    );
                    continue;
                }
            };
            let facts = self.facts(doc, &n.annotations, &format!("{qualified}/{}", n.name.value));
            s.navigation.push(Navigation {
                name: n.name.value.clone(),
                target,
                collection: ty.collection,
                nullable: ty.nullable,
                contains_target: n.contains_target,
                insertable: facts.insertable.unwrap_or(true),
                caps: facts.caps,
                docs: facts.docs,
                loc: n.loc,
            });
        }
        s
    }

    /// Checks a member name (valid, not yet used in `names`).
    fn member_name<'n>(&mut self, name: &'n raw::Spanned<String>, what: Member, names: &mut HashSet<&'n str>) -> bool {
        if !self.usable_member_name(name, what) {
            return false;
        }
        if !names.insert(&name.value) {
            self.error(codes::DUPLICATE, format!("`{}` is declared twice in the same type", name.value), name.loc);
            return false;
        }
        true
    }

    /// A member name is usable when it is a simple identifier, or (with a
    /// warning) a name of letters, digits, `_`, `-` and `.` (W0008), or
    /// such a name with spaces (W0012) for the members whose names JSON
    /// carries: properties, navigation properties, enum members. Entity
    /// sets and singletons are named only in URLs, where no published
    /// document is known to use spaces; they stay refused.
    fn usable_member_name(&mut self, name: &raw::Spanned<String>, member: Member) -> bool {
        let what = member.label();
        if is_simple_identifier(&name.value) {
            return true;
        }
        if is_lenient_member_name(&name.value) {
            self.warn(
                codes::TOLERATED,
                format!("{what} name `{}` is not a CSDL simple identifier; it is used as written in JSON", name.value),
                name.loc,
            );
            return true;
        }
        if member.in_json() && is_spaced_member_name(&name.value) {
            self.warn(
                codes::SPACED_NAME,
                format!(
                    "{what} name `{}` has spaces, which CSDL does not allow; JSON uses it as written, with the spaces",
                    name.value
                ),
                name.loc,
            );
            return true;
        }
        self.error(codes::NAME, format!("{what} name `{}` is not a simple identifier", name.value), name.loc);
        false
    }

    fn enumeration(&mut self, doc: usize, e: &'d raw::EnumType, qualified: &str) -> Enum {
        let underlying = match &e.underlying_type {
            None => Primitive::Int32,
            Some(u) => match self.target(doc, &u.value, u.loc) {
                Some(Target::Primitive(p)) if p.integer_range().is_some() => p,
                Some(_) => {
                    self.error(codes::ENUM_VALUE, format!("`{}` cannot be the underlying type of an enum; use Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64", u.value), u.loc);
                    Primitive::Int32
                }
                None => Primitive::Int32,
            },
        };
        let (min, max) = underlying.integer_range().unwrap_or((i64::MIN, i64::MAX));
        let mut members = Vec::new();
        let mut names: HashSet<&str> = HashSet::new();
        let mut values: HashMap<i64, String> = HashMap::new();
        let mut next: i64 = 0;
        for m in &e.members {
            if !self.usable_member_name(&m.name, Member::EnumMember) {
                continue;
            }
            if !names.insert(&m.name.value) {
                self.error(
                    codes::DUPLICATE,
                    format!("member `{}` is declared twice in `{qualified}`", m.name.value),
                    m.name.loc,
                );
                continue;
            }
            let value = match &m.value {
                None => next,
                Some(v) => match v.value.trim().parse::<i64>() {
                    Ok(n) if (min..=max).contains(&n) => n,
                    Ok(n) => {
                        self.error(
                            codes::ENUM_VALUE,
                            format!("value {n} of member `{}` is out of range for {}", m.name.value, underlying.name()),
                            v.loc,
                        );
                        continue;
                    }
                    Err(_) => {
                        self.error(
                            codes::ENUM_VALUE,
                            format!("value `{}` of member `{}` is not an integer", v.value, m.name.value),
                            v.loc,
                        );
                        continue;
                    }
                },
            };
            next = value.saturating_add(1);
            if let Some(other) = values.get(&value) {
                let loc = m.value.as_ref().map_or(m.name.loc, |v| v.loc);
                self.warn(
                    codes::DUPLICATE_ENUM_VALUE,
                    format!("members `{other}` and `{}` of `{qualified}` have the same value {value}", m.name.value),
                    loc,
                );
            } else {
                values.insert(value, m.name.value.clone());
            }
            let facts = self.facts(doc, &m.annotations, &format!("{qualified}/{}", m.name.value));
            members.push(EnumMember { name: m.name.value.clone(), value, docs: facts.docs, loc: m.name.loc });
        }
        Enum { underlying, is_flags: e.is_flags, members }
    }

    fn definition(&mut self, doc: usize, t: &'d raw::TypeDefinition) -> Definition {
        let underlying = match &t.underlying_type {
            None => Primitive::String,
            Some(u) => match self.target(doc, &u.value, u.loc) {
                Some(Target::Primitive(p)) => p,
                Some(Target::Named(_)) => {
                    self.error(
                        codes::TYPE_DEFINITION,
                        format!(
                            "the underlying type of `{}` is `{}`; it must be an Edm primitive type",
                            t.name.value, u.value
                        ),
                        u.loc,
                    );
                    Primitive::String
                }
                None => Primitive::String,
            },
        };
        Definition { underlying }
    }

    fn keys(&mut self) {
        for i in 0..self.raw.len() {
            let RawType::Structured(t) = self.raw[i].1 else { continue };
            let Some(key) = &t.key else { continue };
            let id = TypeId(i as u32);
            let parts = key.property_refs.iter().filter_map(|r| self.key_part(id, r)).collect();
            if let Some(s) = structured_mut(&mut self.model.types[i].kind) {
                s.key = parts;
            }
        }
    }

    /// Resolves one `PropertyRef` of entity type `id`: a property of the
    /// type, or a path through single-valued complex properties (which then
    /// needs an `Alias`, the name the URL uses).
    fn key_part(&mut self, id: TypeId, r: &raw::PropertyRef) -> Option<KeyPart> {
        let path = &r.name.value;
        let segments: Vec<&str> = path.split('/').collect();
        let alias = r.alias.as_ref().map(|a| a.value.clone());
        if segments.len() > 1 && alias.is_none() {
            self.error(codes::KEY_PROPERTY, format!("key property path `{path}` needs an `Alias`"), r.name.loc);
            return None;
        }
        let mut current = id;
        let mut found = None;
        for (n, segment) in segments.iter().enumerate() {
            let hit = self.model.self_and_ancestors(current).find_map(|owner| {
                let s = self.model.structured(owner)?;
                s.properties.iter().position(|p| p.name == *segment).map(|index| (owner, index))
            });
            let Some((owner, index)) = hit else {
                let candidates: Vec<String> =
                    self.model.all_properties(current).into_iter().map(|(_, p)| p.name.clone()).collect();
                let mut d = Diagnostic::error(
                    codes::KEY_MISSING,
                    format!("key property `{segment}` is not a property of `{}`", self.model.ty(current).qualified),
                )
                .at(r.name.loc);
                if let Some(best) = closest(segment, candidates.iter().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                }
                self.diags.push(d);
                return None;
            };
            if n + 1 < segments.len() {
                let p = &self.model.structured(owner).expect("structured").properties[index];
                match p.ty.target {
                    Target::Named(t) if !p.ty.collection && matches!(self.model.ty(t).kind, TypeKind::Complex(_)) => {
                        current = t;
                    }
                    _ => {
                        self.error(
                            codes::KEY_PROPERTY,
                            format!("`{segment}` in key path `{path}` is not a single-valued complex property"),
                            r.name.loc,
                        );
                        return None;
                    }
                }
            } else {
                found = Some((owner, index));
            }
        }
        let (owner, index) = found?;
        let name = segments[segments.len() - 1];
        let p = &self.model.structured(owner).expect("structured").properties[index];
        let (ty, loc) = (p.ty, p.loc);
        let key_type = match ty.target {
            Target::Primitive(prim) => Some(prim),
            Target::Named(t) => match &self.model.ty(t).kind {
                TypeKind::Enum(_) => Some(Primitive::Int32),
                TypeKind::Definition(d) => Some(d.underlying),
                _ => None,
            },
        };
        if ty.collection {
            self.error(codes::KEY_PROPERTY, format!("key property `{path}` is a collection"), r.name.loc);
            return None;
        }
        match key_type {
            Some(p) if p.can_be_key() => {}
            Some(p @ (Primitive::Single | Primitive::Double)) => self.warn(
                codes::TOLERATED,
                format!("key property `{path}` is `Edm.{}`, which CSDL does not allow for keys", p.name()),
                r.name.loc,
            ),
            _ => {
                self.error(
                    codes::KEY_PROPERTY,
                    format!("key property `{path}` must have a primitive, enum or type-definition type"),
                    r.name.loc,
                );
                return None;
            }
        }
        let raw_nullable = match self.raw[owner.0 as usize].1 {
            RawType::Structured(rt) => {
                rt.properties.iter().find(|rp| rp.name.value == name).and_then(|rp| rp.nullable.clone())
            }
            _ => None,
        };
        match raw_nullable {
            Some(n) if n.value => {
                self.error(
                    codes::KEY_PROPERTY,
                    format!("key property `{path}` is declared `Nullable=\"true\"`; keys cannot be null"),
                    n.loc,
                );
                return None;
            }
            None => self.warn(
                codes::IMPLICIT_NULLABLE_KEY,
                format!("key property `{path}` does not say `Nullable=\"false\"`; it is treated as non-nullable"),
                loc,
            ),
            Some(_) => {}
        }
        Some(KeyPart { property: index, owner, name: alias.unwrap_or_else(|| name.to_owned()) })
    }

    fn containers(&mut self) {
        let mut seen: HashSet<String> = HashSet::new();
        for (d, s, schema) in self.schemas() {
            let Some(&ns) = self.schema_ns.get(&(d, s)) else { continue };
            let ns_name = self.model.namespaces[ns.0 as usize].name.clone();
            for c in &schema.containers {
                if !is_simple_identifier(&c.name.value) {
                    self.error(
                        codes::NAME,
                        format!("container name `{}` is not a simple identifier", c.name.value),
                        c.name.loc,
                    );
                    continue;
                }
                let qualified = format!("{ns_name}.{}", c.name.value);
                if self.by_name.contains_key(&qualified) || !seen.insert(qualified.clone()) {
                    self.error(codes::DUPLICATE, format!("`{qualified}` is declared twice"), c.name.loc);
                    continue;
                }
                let facts = self.facts(d, &c.annotations, &qualified);
                let mut container = Container {
                    name: c.name.value.clone(),
                    namespace: ns,
                    entity_sets: Vec::new(),
                    singletons: Vec::new(),
                    imports: Vec::new(),
                    docs: facts.docs,
                    loc: c.loc,
                };
                let mut names: HashSet<&str> = HashSet::new();
                for set in &c.entity_sets {
                    if !self.member_name(&set.name, Member::EntitySet, &mut names) {
                        continue;
                    }
                    let Some(entity_type) = self.entity_target(d, &set.entity_type) else { continue };
                    let facts = self.facts(d, &set.annotations, &format!("{qualified}/{}", set.name.value));
                    container.entity_sets.push(EntitySet {
                        name: set.name.value.clone(),
                        entity_type,
                        insertable: facts.insertable.unwrap_or(true),
                        caps: facts.caps,
                        docs: facts.docs,
                        loc: set.loc,
                    });
                }
                for single in &c.singletons {
                    if !self.member_name(&single.name, Member::Singleton, &mut names) {
                        continue;
                    }
                    let Some(entity_type) = self.entity_target(d, &single.type_name) else { continue };
                    let facts = self.facts(d, &single.annotations, &format!("{qualified}/{}", single.name.value));
                    container.singletons.push(Singleton {
                        name: single.name.value.clone(),
                        entity_type,
                        caps: facts.caps,
                        docs: facts.docs,
                        loc: single.loc,
                    });
                }
                let index = self.model.containers.len();
                self.model.namespaces[ns.0 as usize].containers.push(index);
                self.model.containers.push(container);
            }
        }
    }

    fn entity_target(&mut self, doc: usize, name: &raw::Spanned<String>) -> Option<TypeId> {
        match self.target(doc, &name.value, name.loc)? {
            Target::Named(t) if self.model.is_entity(t) => Some(t),
            _ => {
                self.error(codes::TYPE_KIND, format!("`{}` is not an entity type", name.value), name.loc);
                None
            }
        }
    }

    fn unused_annotation_targets(&mut self) {
        let mut unused: Vec<(Location, String)> = Vec::new();
        for (target, ext) in &self.external {
            if ext.used {
                continue;
            }
            // Targets of operations, their parameters and return types are
            // valid; this generator does not use them.
            let head = target.split(['/', '(']).next().unwrap_or("");
            if self.operations.contains(head) {
                continue;
            }
            // Members of types and containers this generator does not
            // model one by one (such as action imports) still resolve.
            if let Some((owner, member)) = target.split_once('/') {
                if self.by_name.contains_key(owner) && !member.contains('/') {
                    // A member the type does not have.
                    unused.push((ext.loc, target.clone()));
                    continue;
                }
                if self
                    .model
                    .containers
                    .iter()
                    .any(|c| format!("{}.{}", self.model.namespaces[c.namespace.0 as usize].name, c.name) == owner)
                {
                    continue;
                }
            }
            unused.push((ext.loc, target.clone()));
        }
        unused.sort();
        for (loc, target) in unused {
            self.warn(
                codes::ANNOTATION_TARGET,
                format!("annotation target `{target}` does not resolve to anything in the model"),
                loc,
            );
        }
    }
}

fn structured_mut(kind: &mut TypeKind) -> Option<&mut Structured> {
    match kind {
        TypeKind::Entity(s) | TypeKind::Complex(s) => Some(s),
        _ => None,
    }
}
