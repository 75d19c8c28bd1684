//! Subsets: generating only the types a user needs, and what they need.
//!
//! The roots are the types (and entity sets and singletons) that the
//! `include` patterns name. The closure adds what must come along:
//!
//! - always: base types, and the complex, enum and type-definition types of
//!   properties (structural closure), transitively;
//! - with `navigation`: the entity types navigation properties lead to;
//! - with `derived`: the types derived from the included types (those
//!   included for their own sake: not the base types pulled in above them).
//!
//! A navigation property to an entity type left out keeps compiling: the
//! type becomes a *stub*, a struct with only its key properties whose
//! `extra` keeps everything else the service sends. A derived type left out
//! has no variant in its base's polymorphic enum, so its values land in the
//! base variant with their raw JSON kept. A property whose complex or enum
//! type is excluded by an `exclude` pattern becomes untyped JSON.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::*;
use crate::codes;
use crate::diag::{Diagnostic, Diagnostics};

/// A name pattern: a qualified name where `*` matches any run of
/// characters (dots included) and `?` one character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written.
    pub text: String,
    /// Where it was written (in the configuration file), if anywhere.
    pub loc: Option<Location>,
}

impl Pattern {
    /// A pattern written nowhere in particular (a command-line flag).
    pub fn new(text: impl Into<String>) -> Self {
        Pattern { text: text.into(), loc: None }
    }

    /// Whether `name` matches.
    pub fn matches(&self, name: &str) -> bool {
        glob(self.text.as_bytes(), name.as_bytes())
    }
}

/// Glob matching with `*` and `?`, iterative (no recursion on `*`).
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                backtrack = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match backtrack {
                Some((bp, bt)) => {
                    p = bp + 1;
                    t = bt + 1;
                    backtrack = Some((bp, bt + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// What comes along with the roots, besides the structural closure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Closure {
    /// Navigation targets.
    pub navigation: bool,
    /// Derived types.
    pub derived: bool,
}

impl Closure {
    /// Adds the mode named `mode` (`structural`, `navigation`, `derived`,
    /// `full`), as the configuration file and the command line spell them;
    /// `false` for a name that is not a mode.
    pub fn add_mode(&mut self, mode: &str) -> bool {
        match mode {
            "structural" => {}
            "navigation" => self.navigation = true,
            "derived" => self.derived = true,
            "full" => *self = Closure { navigation: true, derived: true },
            _ => return false,
        }
        true
    }
}

/// Which part of the model to generate.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Roots: types, entity sets and singletons (`Namespace.Container/name`).
    /// Empty means everything.
    pub include: Vec<Pattern>,
    /// Never generated, even when something needs them.
    pub exclude: Vec<Pattern>,
    /// The closure mode.
    pub closure: Closure,
}

/// Why a type is in the subset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// An `include` pattern names it (or an entity set or singleton of it).
    Root(String),
    /// It is the base type of `from`.
    Base,
    /// It is the type of property `.0` of `from`.
    Property(String),
    /// It is the target of navigation property `.0` of `from`.
    Navigation(String),
    /// It derives from `from`.
    Derived,
    /// Navigation property `.0` of `from` leads to it and it is not
    /// included, so it is generated as a stub (its key only).
    Stub(String),
    /// Its key property needs it (the key of a stub).
    Key,
}

/// How each type of a subset got there: for `cargo xtask why`.
#[derive(Clone, Debug, Default)]
pub struct Provenance {
    /// By qualified name: the reason, and the type it is a reason of
    /// (`None` for roots).
    pub reasons: BTreeMap<String, (Reason, Option<String>)>,
}

impl Provenance {
    /// The chain of reasons that brought `name` in, from the type to a root.
    pub fn chain(&self, name: &str) -> Option<Vec<(String, Reason)>> {
        let mut chain = Vec::new();
        let mut current = name.to_owned();
        let mut seen = BTreeSet::new();
        loop {
            let (reason, from) = self.reasons.get(&current)?;
            chain.push((current.clone(), reason.clone()));
            match from {
                Some(parent) if seen.insert(parent.clone()) => current = parent.clone(),
                _ => return Some(chain),
            }
        }
    }
}

/// The subset of `model` that `selection` describes, and why each of its
/// types is in it.
pub fn apply(model: &Model, selection: &Selection, diags: &mut Diagnostics) -> (Model, Provenance) {
    let excluded = |name: &str| selection.exclude.iter().any(|p| p.matches(name));
    let mut reasons: BTreeMap<TypeId, (Reason, Option<TypeId>)> = BTreeMap::new();
    let mut queue: VecDeque<TypeId> = VecDeque::new();

    // Roots.
    let mut used = vec![false; selection.include.len()];
    let add_root = |id: TypeId,
                    pattern: usize,
                    reasons: &mut BTreeMap<TypeId, (Reason, Option<TypeId>)>,
                    queue: &mut VecDeque<TypeId>| {
        if let std::collections::btree_map::Entry::Vacant(slot) = reasons.entry(id) {
            slot.insert((Reason::Root(selection.include[pattern].text.clone()), None));
            queue.push_back(id);
        }
    };
    for (i, t) in model.types.iter().enumerate() {
        let id = TypeId(i as u32);
        if excluded(&t.qualified) {
            continue;
        }
        for (p, pattern) in selection.include.iter().enumerate() {
            if pattern.matches(&t.qualified) {
                used[p] = true;
                add_root(id, p, &mut reasons, &mut queue);
            }
        }
    }
    for c in &model.containers {
        let container = format!("{}.{}", model.namespaces[c.namespace.0 as usize].name, c.name);
        let members = c
            .entity_sets
            .iter()
            .map(|s| (&s.name, s.entity_type))
            .chain(c.singletons.iter().map(|s| (&s.name, s.entity_type)));
        for (name, ty) in members {
            let qualified = format!("{container}/{name}");
            if excluded(&qualified) || excluded(&model.ty(ty).qualified) {
                continue;
            }
            for (p, pattern) in selection.include.iter().enumerate() {
                if pattern.matches(&qualified) {
                    used[p] = true;
                    add_root(ty, p, &mut reasons, &mut queue);
                }
            }
        }
    }
    for (p, pattern) in selection.include.iter().enumerate() {
        if !used[p] {
            let mut d = Diagnostic::warning(
                codes::UNUSED_PATTERN,
                format!("`include` pattern `{}` matches nothing", pattern.text),
            );
            if let Some(loc) = pattern.loc {
                d = d.at(loc);
            }
            diags.push(d);
        }
    }

    // Closure.
    let mut stubs: BTreeMap<TypeId, (Reason, TypeId)> = BTreeMap::new();
    while let Some(id) = queue.pop_front() {
        let add = |target: TypeId,
                   reason: Reason,
                   reasons: &mut BTreeMap<TypeId, (Reason, Option<TypeId>)>,
                   queue: &mut VecDeque<TypeId>| {
            if !reasons.contains_key(&target) && !excluded(&model.ty(target).qualified) {
                reasons.insert(target, (reason, Some(id)));
                queue.push_back(target);
            }
        };
        let Some(s) = model.structured(id) else { continue };
        if let Some(base) = s.base {
            add(base, Reason::Base, &mut reasons, &mut queue);
        }
        for p in &s.properties {
            if let Target::Named(t) = p.ty.target {
                add(t, Reason::Property(p.name.clone()), &mut reasons, &mut queue);
            }
        }
        for n in &s.navigation {
            if selection.closure.navigation {
                add(n.target, Reason::Navigation(n.name.clone()), &mut reasons, &mut queue);
            }
        }
        // Derived types of a type that is only here as a base type are its
        // siblings' business, not the subset's: `entity` is the base of
        // every Graph type.
        let only_base = matches!(reasons.get(&id), Some((Reason::Base, _)));
        if selection.closure.derived && !only_base {
            for &d in &s.derived {
                add(d, Reason::Derived, &mut reasons, &mut queue);
            }
        }
    }
    // Navigation targets left out become stubs; their key types come along.
    for &id in reasons.keys() {
        if let Some(s) = model.structured(id) {
            for n in &s.navigation {
                if !reasons.contains_key(&n.target) {
                    stubs.entry(n.target).or_insert((Reason::Stub(n.name.clone()), id));
                }
            }
        }
    }
    let mut key_types = Vec::new();
    for &stub in stubs.keys() {
        for part in model.key(stub) {
            if let Target::Named(t) = model.key_property(part).ty.target {
                if !reasons.contains_key(&t) {
                    key_types.push((t, stub));
                }
            }
            if !model.derives_from(stub, part.owner) && !reasons.contains_key(&part.owner) {
                // A key inside a complex property: its complex type.
                key_types.push((part.owner, stub));
            }
        }
    }
    for (t, stub) in key_types {
        reasons.entry(t).or_insert((Reason::Key, Some(stub)));
    }

    let mut provenance = Provenance::default();
    for (&id, (reason, from)) in &reasons {
        provenance
            .reasons
            .insert(model.ty(id).qualified.clone(), (reason.clone(), from.map(|f| model.ty(f).qualified.clone())));
    }
    for (&id, (reason, from)) in &stubs {
        provenance
            .reasons
            .insert(model.ty(id).qualified.clone(), (reason.clone(), Some(model.ty(*from).qualified.clone())));
    }
    let included: BTreeSet<TypeId> = reasons.keys().copied().collect();
    let subset = rebuild(model, &included, &stubs.keys().copied().collect());
    (subset, provenance)
}

/// A new model of the `included` types and the `stubs`, with every id
/// renumbered. Entity sets and singletons of included types are kept (so
/// that their paths and `create` are there); those of other types are not.
fn rebuild(model: &Model, included: &BTreeSet<TypeId>, stubs: &BTreeSet<TypeId>) -> Model {
    let kept: Vec<TypeId> =
        (0..model.types.len() as u32).map(TypeId).filter(|t| included.contains(t) || stubs.contains(t)).collect();
    let new_id: BTreeMap<TypeId, TypeId> = kept.iter().enumerate().map(|(i, &t)| (t, TypeId(i as u32))).collect();
    let map = |t: TypeId| new_id.get(&t).copied();
    let retarget = |ty: TypeRef| match ty.target {
        Target::Named(t) => match map(t) {
            Some(n) => TypeRef { target: Target::Named(n), ..ty },
            None => TypeRef { target: Target::Primitive(Primitive::Untyped), ..ty },
        },
        Target::Primitive(_) => ty,
    };

    // Namespaces that keep something.
    let container_kept = |c: &Container| {
        c.entity_sets.iter().any(|s| included.contains(&s.entity_type))
            || c.singletons.iter().any(|s| included.contains(&s.entity_type))
    };
    let mut ns_used: BTreeSet<NsId> = kept.iter().map(|&t| model.ty(t).namespace).collect();
    for c in model.containers.iter().filter(|c| container_kept(c)) {
        ns_used.insert(c.namespace);
    }
    let ns_ids: Vec<NsId> = (0..model.namespaces.len() as u32).map(NsId).filter(|n| ns_used.contains(n)).collect();
    let new_ns: BTreeMap<NsId, NsId> = ns_ids.iter().enumerate().map(|(i, &n)| (n, NsId(i as u32))).collect();

    let mut out = Model { operation_count: model.operation_count, protocol: model.protocol, ..Model::default() };
    for &n in &ns_ids {
        let ns = &model.namespaces[n.0 as usize];
        out.namespaces.push(Namespace {
            name: ns.name.clone(),
            alias: ns.alias.clone(),
            types: Vec::new(),
            containers: Vec::new(),
            loc: ns.loc,
        });
    }
    for &old in &kept {
        let t = model.ty(old);
        let kind = if stubs.contains(&old) {
            stub_kind(model, old, &map, &retarget)
        } else {
            match &t.kind {
                TypeKind::Entity(s) | TypeKind::Complex(s) => {
                    let s = Structured {
                        base: s.base.and_then(map),
                        is_abstract: s.is_abstract,
                        open_type: s.open_type,
                        has_stream: s.has_stream,
                        key: s.key.iter().filter_map(|k| Some(KeyPart { owner: map(k.owner)?, ..k.clone() })).collect(),
                        properties: s.properties.iter().map(|p| Property { ty: retarget(p.ty), ..p.clone() }).collect(),
                        navigation: s
                            .navigation
                            .iter()
                            .filter_map(|n| Some(Navigation { target: map(n.target)?, ..n.clone() }))
                            .collect(),
                        derived: s.derived.iter().filter(|d| included.contains(d)).filter_map(|&d| map(d)).collect(),
                        is_stub: false,
                        caps: s.caps,
                    };
                    if matches!(t.kind, TypeKind::Entity(_)) { TypeKind::Entity(s) } else { TypeKind::Complex(s) }
                }
                TypeKind::Enum(e) => TypeKind::Enum(Enum {
                    underlying: e.underlying,
                    is_flags: e.is_flags,
                    members: e
                        .members
                        .iter()
                        .map(|m| EnumMember { name: m.name.clone(), value: m.value, docs: m.docs.clone(), loc: m.loc })
                        .collect(),
                }),
                TypeKind::Definition(d) => TypeKind::Definition(Definition { underlying: d.underlying }),
            }
        };
        let mut docs = t.docs.clone();
        if stubs.contains(&old) {
            let note = "Not generated in this subset: only its key is typed; `extra` keeps every other member the service sends.";
            docs.long_description = Some(match docs.long_description {
                Some(d) => format!("{d}\n\n{note}"),
                None => note.to_owned(),
            });
        }
        let namespace = new_ns[&t.namespace];
        out.types.push(TypeDef {
            name: t.name.clone(),
            namespace,
            qualified: t.qualified.clone(),
            kind,
            docs,
            loc: t.loc,
        });
    }
    for (i, t) in out.types.iter().enumerate() {
        out.namespaces[t.namespace.0 as usize].types.push(TypeId(i as u32));
    }
    for ns in &mut out.namespaces {
        let types = &out.types;
        ns.types.sort_by(|a, b| types[a.0 as usize].name.cmp(&types[b.0 as usize].name));
    }
    // Operations whose binding type is generated (not a stub) and whose
    // parameter and return types all are in the subset.
    let mut new_op: BTreeMap<OpId, OpId> = BTreeMap::new();
    for (i, op) in model.operations.iter().enumerate() {
        let binding = match op.binding {
            Some(b) if !included.contains(&b.ty) => continue,
            Some(b) => Some(Binding { ty: new_id[&b.ty], ..b }),
            None => None,
        };
        let retype = |ty: TypeRef| match ty.target {
            Target::Named(t) => map(t).map(|n| TypeRef { target: Target::Named(n), ..ty }),
            Target::Primitive(_) => Some(ty),
        };
        let parameters: Option<Vec<Parameter>> =
            op.parameters.iter().map(|p| Some(Parameter { ty: retype(p.ty)?, ..p.clone() })).collect();
        let returns = match op.returns {
            Some(r) => match retype(r) {
                Some(r) => Some(r),
                None => continue,
            },
            None => None,
        };
        let (Some(parameters), Some(&namespace)) = (parameters, new_ns.get(&op.namespace)) else { continue };
        new_op.insert(OpId(i as u32), OpId(out.operations.len() as u32));
        out.operations.push(Operation { namespace, binding, parameters, returns, ..op.clone() });
    }
    for c in model.containers.iter().filter(|c| container_kept(c)) {
        let keep = |_: &str, ty: TypeId| included.contains(&ty);
        let container = Container {
            name: c.name.clone(),
            namespace: new_ns[&c.namespace],
            entity_sets: c
                .entity_sets
                .iter()
                .filter(|s| keep(&s.name, s.entity_type))
                .map(|s| EntitySet {
                    name: s.name.clone(),
                    entity_type: new_id[&s.entity_type],
                    insertable: s.insertable,
                    caps: s.caps,
                    docs: s.docs.clone(),
                    loc: s.loc,
                })
                .collect(),
            singletons: c
                .singletons
                .iter()
                .filter(|s| keep(&s.name, s.entity_type))
                .map(|s| Singleton {
                    name: s.name.clone(),
                    entity_type: new_id[&s.entity_type],
                    caps: s.caps,
                    docs: s.docs.clone(),
                    loc: s.loc,
                })
                .collect(),
            imports: c
                .imports
                .iter()
                .filter_map(|i| {
                    let operations: Vec<OpId> = i.operations.iter().filter_map(|o| new_op.get(o).copied()).collect();
                    (!operations.is_empty()).then(|| Import { operations, ..i.clone() })
                })
                .collect(),
            docs: c.docs.clone(),
            loc: c.loc,
        };
        let index = out.containers.len();
        out.namespaces[container.namespace.0 as usize].containers.push(index);
        out.containers.push(container);
    }
    out
}

/// The kind of a stub: an entity type with only its key properties, no
/// base type, no navigation, no derived types.
fn stub_kind(
    model: &Model,
    old: TypeId,
    map: &impl Fn(TypeId) -> Option<TypeId>,
    retarget: &impl Fn(TypeRef) -> TypeRef,
) -> TypeKind {
    let mut properties: Vec<Property> = Vec::new();
    let mut key = Vec::new();
    let this = map(old).expect("stubs are kept");
    for part in model.key(old) {
        let p = model.key_property(part);
        if model.derives_from(old, part.owner) {
            // A key property of the type or a base type: copied into the stub.
            key.push(KeyPart { property: properties.len(), owner: this, name: part.name.clone() });
            properties.push(Property { ty: retarget(p.ty), ..p.clone() });
        } else if let Some(owner) = map(part.owner) {
            // A key inside a complex property: the stub cannot hold the
            // path, but the key method still takes the value.
            key.push(KeyPart { owner, ..part.clone() });
        }
    }
    TypeKind::Entity(Structured { key, properties, is_stub: true, ..Structured::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let p = Pattern::new("microsoft.graph.security.*");
        assert!(p.matches("microsoft.graph.security.alert"));
        assert!(p.matches("microsoft.graph.security.a.b"));
        assert!(!p.matches("microsoft.graph.securityX"));
        assert!(Pattern::new("*.user").matches("microsoft.graph.user"));
        assert!(Pattern::new("a?c").matches("abc") && !Pattern::new("a?c").matches("ac"));
        assert!(Pattern::new("*").matches(""));
        assert!(Pattern::new("a*b*c").matches("aXbYbZc"));
        assert!(!Pattern::new("a*b*c").matches("aXbYbZ"));
        assert!(Pattern::new("x.user").matches("x.user") && !Pattern::new("x.user").matches("x.users"));
    }
}
