//! Queries over the resolved model that the later stages share.

use super::*;

impl Model {
    /// The type `id`.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    /// The structured part of an entity or complex type.
    pub fn structured(&self, id: TypeId) -> Option<&Structured> {
        match &self.ty(id).kind {
            TypeKind::Entity(s) | TypeKind::Complex(s) => Some(s),
            _ => None,
        }
    }

    /// Whether `id` is an entity type.
    pub fn is_entity(&self, id: TypeId) -> bool {
        matches!(self.ty(id).kind, TypeKind::Entity(_))
    }

    /// `id` and its base types, nearest first. Base chains are acyclic
    /// after resolution.
    pub fn self_and_ancestors(&self, id: TypeId) -> impl Iterator<Item = TypeId> + '_ {
        std::iter::successors(Some(id), move |t| self.structured(*t).and_then(|s| s.base))
    }

    /// The root of `id`'s inheritance chain.
    pub fn root_of(&self, id: TypeId) -> TypeId {
        self.self_and_ancestors(id).last().unwrap_or(id)
    }

    /// Whether `id` is `ancestor` or derives from it.
    pub fn derives_from(&self, id: TypeId, ancestor: TypeId) -> bool {
        self.self_and_ancestors(id).any(|t| t == ancestor)
    }

    /// Every type derived from `id`, directly or not, in breadth-first
    /// order with each level sorted by qualified name.
    pub fn descendants(&self, id: TypeId) -> Vec<TypeId> {
        let mut out = Vec::new();
        let mut next = 0;
        if let Some(s) = self.structured(id) {
            out.extend(s.derived.iter().copied());
        }
        while next < out.len() {
            let t = out[next];
            next += 1;
            if let Some(s) = self.structured(t) {
                out.extend(s.derived.iter().copied());
            }
        }
        out
    }

    /// Whether `id` has derived types, so values of it may be of a derived
    /// type and are read through its polymorphic enum.
    pub fn is_polymorphic(&self, id: TypeId) -> bool {
        self.structured(id).is_some_and(|s| !s.derived.is_empty())
    }

    /// The structural properties of `id`, inherited ones first (root type
    /// first), each with the type that declares it.
    pub fn all_properties(&self, id: TypeId) -> Vec<(TypeId, &Property)> {
        let chain: Vec<TypeId> = self.self_and_ancestors(id).collect();
        chain
            .iter()
            .rev()
            .flat_map(|t| self.structured(*t).into_iter().flat_map(move |s| s.properties.iter().map(move |p| (*t, p))))
            .collect()
    }

    /// The navigation properties of `id`, inherited ones first.
    pub fn all_navigation(&self, id: TypeId) -> Vec<(TypeId, &Navigation)> {
        let chain: Vec<TypeId> = self.self_and_ancestors(id).collect();
        chain
            .iter()
            .rev()
            .flat_map(|t| self.structured(*t).into_iter().flat_map(move |s| s.navigation.iter().map(move |n| (*t, n))))
            .collect()
    }

    /// The key of entity type `id`: the nearest key declared on it or a base
    /// type. Empty when no type in the chain declares one.
    pub fn key(&self, id: TypeId) -> &[KeyPart] {
        self.self_and_ancestors(id)
            .filter_map(|t| self.structured(t))
            .find(|s| !s.key.is_empty())
            .map_or(&[], |s| &s.key)
    }

    /// The property a key part refers to.
    pub fn key_property(&self, part: &KeyPart) -> &Property {
        &self.structured(part.owner).expect("key owner is structured").properties[part.property]
    }

    /// The namespace of type `id`.
    pub fn namespace_of(&self, id: TypeId) -> &Namespace {
        &self.namespaces[self.ty(id).namespace.0 as usize]
    }
}
