//! What changes for a Rust user when a service's metadata changes.
//!
//! Two resolved models are compared by qualified name. A change is
//! *breaking* when code written against the old generated crate may stop
//! compiling or behave differently: something it could name is gone, a
//! field's Rust type changed, a `create` or `key` method changed or went
//! away. Additions are reported too; they break nothing.
//!
//! Single-valued properties are `Option<T>` whatever their `Nullable`, so
//! nullability of a single value is not breaking; nullability of collection
//! items is (`Vec<Option<T>>` against `Vec<T>`). A type that gains or loses
//! derived types changes how fields of that type are held (`T` against
//! `any::T`), which is breaking too.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diag::{Location, Sources};
use crate::model::{Model, Target, TypeId, TypeKind, TypeRef};

/// Breaking or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Code using the old crate may break.
    Breaking,
    /// Something new.
    Addition,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Breaking or not.
    pub impact: Impact,
    /// The qualified name of what changed (`ns.type`, `ns.type/member`,
    /// `ns.Container/set`).
    pub name: String,
    /// What happened, in a few words.
    pub what: String,
    /// Where it is in the old document.
    pub old: Option<Location>,
    /// Where it is in the new document.
    pub new: Option<Location>,
}

/// How a reference to a type looks to Rust: the item type, collection or
/// not, nullable items or not.
fn shape(model: &Model, ty: &TypeRef) -> String {
    let item = match ty.target {
        Target::Primitive(p) => format!("Edm.{}", p.name()),
        Target::Named(t) => model.ty(t).qualified.clone(),
    };
    match (ty.collection, ty.nullable) {
        (true, true) => format!("Collection({item}), nullable items"),
        (true, false) => format!("Collection({item})"),
        (false, _) => item,
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity(_) => "entity type",
        TypeKind::Complex(_) => "complex type",
        TypeKind::Enum(_) => "enum type",
        TypeKind::Definition(_) => "type definition",
    }
}

fn by_name(model: &Model) -> BTreeMap<&str, TypeId> {
    model.types.iter().enumerate().map(|(i, t)| (t.qualified.as_str(), TypeId(i as u32))).collect()
}

struct Diff<'a> {
    old: &'a Model,
    new: &'a Model,
    changes: Vec<Change>,
}

impl Diff<'_> {
    fn push(
        &mut self,
        impact: Impact,
        name: String,
        what: impl Into<String>,
        old: Option<Location>,
        new: Option<Location>,
    ) {
        self.changes.push(Change { impact, name, what: what.into(), old, new });
    }

    fn types(&mut self) {
        let (old, new) = (by_name(self.old), by_name(self.new));
        for (name, &o) in &old {
            match new.get(name) {
                None => self.push(
                    Impact::Breaking,
                    name.to_string(),
                    format!("{} removed", kind_name(&self.old.ty(o).kind)),
                    Some(self.old.ty(o).loc),
                    None,
                ),
                Some(&n) => self.changed_type(name, o, n),
            }
        }
        for (name, &n) in &new {
            if !old.contains_key(name) {
                let t = self.new.ty(n);
                self.push(
                    Impact::Addition,
                    name.to_string(),
                    format!("{} added", kind_name(&t.kind)),
                    None,
                    Some(t.loc),
                );
            }
        }
    }

    fn changed_type(&mut self, name: &str, o: TypeId, n: TypeId) {
        let (ot, nt) = (self.old.ty(o), self.new.ty(n));
        let (ol, nl) = (Some(ot.loc), Some(nt.loc));
        match (&ot.kind, &nt.kind) {
            (TypeKind::Entity(os), TypeKind::Entity(ns)) | (TypeKind::Complex(os), TypeKind::Complex(ns)) => {
                let base = |m: &Model, b: Option<TypeId>| b.map(|b| m.ty(b).qualified.clone());
                let (ob, nb) = (base(self.old, os.base), base(self.new, ns.base));
                if ob != nb {
                    let what = format!(
                        "base type changed from {} to {}",
                        ob.as_deref().unwrap_or("none"),
                        nb.as_deref().unwrap_or("none")
                    );
                    self.push(Impact::Breaking, name.to_owned(), what, ol, nl);
                }
                let (op, np) = (self.old.is_polymorphic(o), self.new.is_polymorphic(n));
                if op != np {
                    let what = if np {
                        "now has derived types: its values are read as its `any::` enum"
                    } else {
                        "no longer has derived types: its values are read as the struct, not its `any::` enum"
                    };
                    self.push(Impact::Breaking, name.to_owned(), what, ol, nl);
                }
                self.members(name, os, ns);
                if matches!(ot.kind, TypeKind::Entity(_)) {
                    let key = |m: &Model, t: TypeId| -> Vec<String> {
                        m.key(t).iter().map(|k| format!("{}: {}", k.name, shape(m, &m.key_property(k).ty))).collect()
                    };
                    let (ok, nk) = (key(self.old, o), key(self.new, n));
                    if ok != nk {
                        let what = format!("key changed from ({}) to ({})", ok.join(", "), nk.join(", "));
                        self.push(Impact::Breaking, name.to_owned(), what, ol, nl);
                    }
                }
            }
            (TypeKind::Enum(oe), TypeKind::Enum(ne)) => {
                if oe.is_flags != ne.is_flags {
                    let what = if ne.is_flags { "became a flags enum" } else { "is no longer a flags enum" };
                    self.push(Impact::Breaking, name.to_owned(), what, ol, nl);
                }
                for m in &oe.members {
                    let member = format!("{name}/{}", m.name);
                    match ne.members.iter().find(|x| x.name == m.name) {
                        None => self.push(Impact::Breaking, member, "enum member removed", Some(m.loc), None),
                        Some(x) if x.value != m.value => {
                            let what = format!("enum member value changed from {} to {}", m.value, x.value);
                            self.push(Impact::Breaking, member, what, Some(m.loc), Some(x.loc));
                        }
                        Some(_) => {}
                    }
                }
                for m in ne.members.iter().filter(|m| !oe.members.iter().any(|x| x.name == m.name)) {
                    self.push(Impact::Addition, format!("{name}/{}", m.name), "enum member added", None, Some(m.loc));
                }
            }
            (TypeKind::Definition(od), TypeKind::Definition(nd)) => {
                if od.underlying != nd.underlying {
                    let what = format!(
                        "underlying type changed from Edm.{} to Edm.{}",
                        od.underlying.name(),
                        nd.underlying.name()
                    );
                    self.push(Impact::Breaking, name.to_owned(), what, ol, nl);
                }
            }
            (a, b) => {
                let what = format!("changed from {} to {}", kind_name(a), kind_name(b));
                self.push(Impact::Breaking, name.to_owned(), what, ol, nl);
            }
        }
    }

    /// Properties and navigation properties declared on the type itself
    /// (inherited ones are compared where they are declared).
    fn members(&mut self, name: &str, os: &crate::model::Structured, ns: &crate::model::Structured) {
        for p in &os.properties {
            let member = format!("{name}/{}", p.name);
            match ns.properties.iter().find(|x| x.name == p.name) {
                None => self.push(Impact::Breaking, member, "property removed", Some(p.loc), None),
                Some(x) => {
                    let (a, b) = (shape(self.old, &p.ty), shape(self.new, &x.ty));
                    if a != b {
                        self.push(
                            Impact::Breaking,
                            member.clone(),
                            format!("type changed from {a} to {b}"),
                            Some(p.loc),
                            Some(x.loc),
                        );
                    }
                    if !p.read_only && x.read_only {
                        self.push(
                            Impact::Breaking,
                            member,
                            "became read-only: create requests no longer send it",
                            Some(p.loc),
                            Some(x.loc),
                        );
                    }
                }
            }
        }
        for x in ns.properties.iter().filter(|x| !os.properties.iter().any(|p| p.name == x.name)) {
            self.push(Impact::Addition, format!("{name}/{}", x.name), "property added", None, Some(x.loc));
        }
        for n in &os.navigation {
            let member = format!("{name}/{}", n.name);
            match ns.navigation.iter().find(|x| x.name == n.name) {
                None => self.push(Impact::Breaking, member, "navigation property removed", Some(n.loc), None),
                Some(x) => {
                    let (a, b) = (self.old.ty(n.target).qualified.as_str(), self.new.ty(x.target).qualified.as_str());
                    if a != b || n.collection != x.collection {
                        let shape = |c: bool, t: &str| if c { format!("Collection({t})") } else { t.to_owned() };
                        let what = format!(
                            "navigation type changed from {} to {}",
                            shape(n.collection, a),
                            shape(x.collection, b)
                        );
                        self.push(Impact::Breaking, member, what, Some(n.loc), Some(x.loc));
                    } else if n.collection && n.insertable && !x.insertable {
                        self.push(
                            Impact::Breaking,
                            member,
                            "create target removed (no longer insertable)",
                            Some(n.loc),
                            Some(x.loc),
                        );
                    } else if n.collection && !n.insertable && x.insertable {
                        self.push(
                            Impact::Addition,
                            member,
                            "create target added (now insertable)",
                            Some(n.loc),
                            Some(x.loc),
                        );
                    }
                }
            }
        }
        for x in ns.navigation.iter().filter(|x| !os.navigation.iter().any(|n| n.name == x.name)) {
            self.push(Impact::Addition, format!("{name}/{}", x.name), "navigation property added", None, Some(x.loc));
        }
    }

    fn containers(&mut self) {
        type Members = BTreeMap<String, (String, Option<bool>, Location)>;
        let collect = |m: &Model| -> Members {
            let mut out = BTreeMap::new();
            for c in &m.containers {
                let prefix = format!("{}.{}", m.namespaces[c.namespace.0 as usize].name, c.name);
                for s in &c.entity_sets {
                    out.insert(
                        format!("{prefix}/{}", s.name),
                        (m.ty(s.entity_type).qualified.clone(), Some(s.insertable), s.loc),
                    );
                }
                for s in &c.singletons {
                    out.insert(format!("{prefix}/{}", s.name), (m.ty(s.entity_type).qualified.clone(), None, s.loc));
                }
            }
            out
        };
        let (old, new) = (collect(self.old), collect(self.new));
        for (name, (ty, insertable, loc)) in &old {
            let what = if insertable.is_some() { "entity set" } else { "singleton" };
            match new.get(name) {
                None => self.push(Impact::Breaking, name.clone(), format!("{what} removed"), Some(*loc), None),
                Some((nty, ninsertable, nloc)) => {
                    if ty != nty || insertable.is_some() != ninsertable.is_some() {
                        self.push(
                            Impact::Breaking,
                            name.clone(),
                            format!("{what} changed from {ty} to {nty}"),
                            Some(*loc),
                            Some(*nloc),
                        );
                    } else if *insertable == Some(true) && *ninsertable == Some(false) {
                        self.push(
                            Impact::Breaking,
                            name.clone(),
                            "create target removed (no longer insertable)",
                            Some(*loc),
                            Some(*nloc),
                        );
                    } else if *insertable == Some(false) && *ninsertable == Some(true) {
                        self.push(
                            Impact::Addition,
                            name.clone(),
                            "create target added (now insertable)",
                            Some(*loc),
                            Some(*nloc),
                        );
                    }
                }
            }
        }
        for (name, (_, insertable, loc)) in &new {
            if !old.contains_key(name) {
                let what = if insertable.is_some() { "entity set added" } else { "singleton added" };
                self.push(Impact::Addition, name.clone(), what, None, Some(*loc));
            }
        }
    }
}

/// Every change from `old` to `new`, breaking ones first, then by name.
pub fn diff(old: &Model, new: &Model) -> Vec<Change> {
    let mut d = Diff { old, new, changes: Vec::new() };
    d.types();
    d.containers();
    d.changes.sort_by(|a, b| (a.impact, &a.name, &a.what).cmp(&(b.impact, &b.name, &b.what)));
    d.changes
}

/// The changes as text: one line each, with `file:line:col` of both sides.
pub fn render(changes: &[Change], old: &Sources, new: &Sources) -> String {
    let at = |sources: &Sources, loc: Location| {
        let file = sources.get(loc.file);
        let (line, col) = file.line_col(loc.pos);
        format!("{}:{line}:{col}", file.name())
    };
    let mut out = String::new();
    for c in changes {
        let label = match c.impact {
            Impact::Breaking => "breaking",
            Impact::Addition => "added",
        };
        let _ = writeln!(out, "{label}: `{}`: {}", c.name, c.what);
        if let Some(loc) = c.old {
            let _ = writeln!(out, "    old: {}", at(old, loc));
        }
        if let Some(loc) = c.new {
            let _ = writeln!(out, "    new: {}", at(new, loc));
        }
    }
    let breaking = changes.iter().filter(|c| c.impact == Impact::Breaking).count();
    let _ = writeln!(out, "{breaking} breaking change(s), {} addition(s)", changes.len() - breaking);
    out
}
