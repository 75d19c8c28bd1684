//! Inheritance: cycles broken, derived types linked to their base, and
//! members that a derived type declares again.

use rustc_hash::FxHashMap as HashMap;

use super::{RawType, Resolver, structured_mut};
use crate::codes;
use crate::model::*;

impl Resolver<'_, '_> {
    /// Breaks inheritance cycles, links derived types, and checks that no
    /// type redeclares an inherited member.
    pub(super) fn inheritance(&mut self) {
        let n = self.model.types.len();
        // 0 = unvisited, 1 = on the current chain, 2 = done.
        let mut state = vec![0u8; n];
        for start in 0..n {
            let mut chain = Vec::new();
            let mut t = start;
            loop {
                if state[t] == 2 {
                    break;
                }
                if state[t] == 1 {
                    // `t` is on the chain: the chain from `t` on is a cycle.
                    let at = chain.iter().position(|&c| c == t).unwrap_or(0);
                    let names: Vec<String> =
                        chain[at..].iter().map(|&c: &usize| self.model.types[c].qualified.clone()).collect();
                    let last = *chain.last().unwrap_or(&t);
                    let loc = match self.raw[last].1 {
                        RawType::Structured(r) => r.base_type.as_ref().map_or(r.loc, |b| b.loc),
                        _ => self.model.types[last].loc,
                    };
                    self.error(codes::CYCLE, format!("inheritance cycle: {} -> {}", names.join(" -> "), names[0]), loc);
                    if let Some(s) = structured_mut(&mut self.model.types[last].kind) {
                        s.base = None;
                    }
                    break;
                }
                state[t] = 1;
                chain.push(t);
                match self.model.structured(TypeId(t as u32)).and_then(|s| s.base) {
                    Some(b) => t = b.0 as usize,
                    None => break,
                }
            }
            for c in chain {
                state[c] = 2;
            }
        }
        let mut derived: Vec<(TypeId, TypeId)> = Vec::new();
        for (i, t) in self.model.types.iter().enumerate() {
            if let TypeKind::Entity(s) | TypeKind::Complex(s) = &t.kind {
                if let Some(b) = s.base {
                    derived.push((b, TypeId(i as u32)));
                }
            }
        }
        derived.sort_by(|a, b| (a.0, &self.model.ty(a.1).qualified).cmp(&(b.0, &self.model.ty(b.1).qualified)));
        for (base, d) in derived {
            if let Some(s) = structured_mut(&mut self.model.types[base.0 as usize].kind) {
                s.derived.push(d);
            }
        }
        self.redeclared_members();
    }

    /// A member declared again below a base type that has it is an error,
    /// except where published documents do it and the value stays faithful:
    /// a structural property declared again with the same type (W0008), or
    /// with a type that narrows the inherited one (W0013; an SAP vocabulary
    /// narrows `Edm.Untyped` to `Edm.PrimitiveType`). Either way the
    /// inherited declaration is what the model keeps: every value of the
    /// narrower type is a value of the inherited one, so the derived type's
    /// values decode and encode unchanged.
    fn redeclared_members(&mut self) {
        let mut duplicates = Vec::new();
        for i in 0..self.model.types.len() {
            let id = TypeId(i as u32);
            let Some(s) = self.model.structured(id) else { continue };
            let Some(base) = s.base else { continue };
            let inherited: HashMap<&str, Option<TypeRef>> = self
                .model
                .all_properties(base)
                .into_iter()
                .map(|(_, p)| (p.name.as_str(), Some(p.ty)))
                .chain(self.model.all_navigation(base).into_iter().map(|(_, n)| (n.name.as_str(), None)))
                .collect();
            for p in &s.properties {
                if let Some(base_ty) = inherited.get(p.name.as_str()) {
                    let verdict = match base_ty {
                        Some(old) if *old == p.ty => Redeclared::Same,
                        Some(old) if self.narrows(p.ty, *old) => {
                            Redeclared::Narrowed { old: self.spell(*old), new: self.spell(p.ty) }
                        }
                        Some(old) => Redeclared::Other { old: Some(self.spell(*old)), new: Some(self.spell(p.ty)) },
                        None => Redeclared::Other { old: None, new: Some(self.spell(p.ty)) },
                    };
                    duplicates.push((i, p.name.clone(), p.loc, verdict));
                }
            }
            for nav in &s.navigation {
                if let Some(base_ty) = inherited.get(nav.name.as_str()) {
                    let old = base_ty.map(|t| self.spell(t));
                    duplicates.push((i, nav.name.clone(), nav.loc, Redeclared::Other { old, new: None }));
                }
            }
        }
        for (i, name, loc, verdict) in duplicates {
            let q = self.model.types[i].qualified.clone();
            match verdict {
                Redeclared::Same => {
                    let message =
                        format!("`{q}` declares `{name}` again, with the type it inherits; the inherited one is used");
                    self.warn(codes::TOLERATED, message, loc);
                }
                Redeclared::Narrowed { old, new } => {
                    let message = format!(
                        "`{q}` declares the inherited `{name}` again as `{new}`, which narrows the inherited `{old}`; \
                         the inherited declaration is used, and holds every `{new}` value"
                    );
                    self.warn(codes::NARROWED, message, loc);
                }
                Redeclared::Other { old, new } => {
                    let how = match (old, new) {
                        (Some(old), Some(new)) => format!("as `{new}`, which does not narrow the inherited `{old}`"),
                        (None, Some(_)) => "as a structural property; it inherits a navigation property".to_owned(),
                        (Some(_), None) => "as a navigation property; it inherits a structural property".to_owned(),
                        (None, None) => "as a navigation property".to_owned(),
                    };
                    self.error(codes::DUPLICATE, format!("`{q}` declares the inherited `{name}` again {how}"), loc);
                }
            }
            if let Some(s) = structured_mut(&mut self.model.types[i].kind) {
                s.properties.retain(|p| p.name != name);
                s.navigation.retain(|n| n.name != name);
            }
        }
    }

    /// Whether every value of `new` is a value of `old`: the same shape (a
    /// collection stays a collection, and a value that cannot be null stays
    /// so), and an item type that is the inherited one or below it:
    /// anything below `Edm.Untyped`, a primitive or type definition below
    /// `Edm.PrimitiveType`, a complex or entity type below `Edm.ComplexType`
    /// or `Edm.EntityType`, a derived type below its base.
    fn narrows(&self, new: TypeRef, old: TypeRef) -> bool {
        if old.target == Target::Primitive(Primitive::Untyped) && !old.collection {
            return old.nullable || !new.nullable;
        }
        if new.collection != old.collection || (new.nullable && !old.nullable) {
            return false;
        }
        match (old.target, new.target) {
            (a, b) if a == b => true,
            (Target::Primitive(Primitive::Untyped), _) => true,
            (Target::Primitive(Primitive::Abstract("PrimitiveType")), Target::Primitive(p)) => {
                !matches!(p, Primitive::Untyped | Primitive::Abstract(_) | Primitive::Stream)
            }
            (Target::Primitive(Primitive::Abstract(kind)), Target::Named(t)) => match &self.model.ty(t).kind {
                TypeKind::Definition(_) => kind == "PrimitiveType",
                TypeKind::Complex(_) => kind == "ComplexType",
                TypeKind::Entity(_) => kind == "EntityType",
                TypeKind::Enum(_) => false,
            },
            (Target::Named(base), Target::Named(t)) => t != base && self.model.self_and_ancestors(t).any(|a| a == base),
            _ => false,
        }
    }

    /// A type reference as CSDL writes it.
    fn spell(&self, t: TypeRef) -> String {
        let item = match t.target {
            Target::Primitive(p) => format!("Edm.{}", p.name()),
            Target::Named(id) => self.model.ty(id).qualified.clone(),
        };
        let item = if t.nullable { item } else { format!("{item} (not null)") };
        if t.collection { format!("Collection({item})") } else { item }
    }
}

/// What a member declared again below a base type that has it is.
enum Redeclared {
    /// A structural property with the inherited type.
    Same,
    /// A structural property with a type that narrows the inherited one.
    Narrowed { old: String, new: String },
    /// Anything else: another type, or a navigation property on either
    /// side (`None` spells a navigation property).
    Other { old: Option<String>, new: Option<String> },
}
