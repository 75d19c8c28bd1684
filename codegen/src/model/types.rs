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

impl Operation {
    /// Whether the operation has a generated parameters struct: an action
    /// with parameters (a function's parameters are arguments).
    pub fn has_params_struct(&self) -> bool {
        self.kind == OperationKind::Action && !self.parameters.is_empty()
    }
}

impl Model {
    /// The operation `id`.
    pub fn op(&self, id: OpId) -> &Operation {
        &self.operations[id.0 as usize]
    }

    /// The operations bound to each type (to it or to a collection of it),
    /// for [`Model::bound_operations`]: made once, rather than each call
    /// going through every operation of the service.
    pub fn bound_index(&self) -> BoundIndex {
        let mut index = vec![Vec::new(); self.types.len()];
        for (i, op) in self.operations.iter().enumerate() {
            if let Some(b) = op.binding {
                index[b.ty.0 as usize].push(OpId(i as u32));
            }
        }
        BoundIndex(index)
    }

    /// The operations a path to entity type `id` (`collection`: to a
    /// collection of it) can call: those bound to it or to a base type.
    /// An overload bound to a derived type hides one of its base types
    /// with the same name (and, for functions, the same parameter names),
    /// as OData's overload resolution does. Sorted by name, then by
    /// parameter count and names, so the order does not depend on the
    /// document's.
    pub fn bound_operations(&self, bound: &BoundIndex, id: TypeId, collection: bool) -> Vec<OpId> {
        let mut found: Vec<(usize, OpId)> = Vec::new();
        for (depth, t) in self.self_and_ancestors(id).enumerate() {
            let ops = bound.0.get(t.0 as usize).map_or(&[][..], Vec::as_slice);
            for &op in ops {
                if self.op(op).binding.is_some_and(|b| b.collection == collection) {
                    found.push((depth, op));
                }
            }
        }
        // Nearest binding first, so it wins the signature.
        found.sort_by_key(|(depth, id)| (*depth, *id));
        let mut seen = rustc_hash::FxHashSet::default();
        let mut out: Vec<OpId> =
            found.into_iter().filter(|(_, id)| seen.insert(self.signature(*id))).map(|(_, id)| id).collect();
        out.sort_by_cached_key(|id| self.overload_order(*id));
        out
    }

    /// What tells overloads apart: the qualified name, and for functions
    /// the parameter names.
    fn signature(&self, id: OpId) -> (String, Vec<String>) {
        let op = self.op(id);
        let mut params: Vec<String> = match op.kind {
            OperationKind::Function => op.parameters.iter().map(|p| p.name.clone()).collect(),
            OperationKind::Action => Vec::new(),
        };
        params.sort();
        (op.qualified.clone(), params)
    }

    /// Name, parameter count, parameter names: the order of overloads.
    pub fn overload_order(&self, id: OpId) -> (String, usize, Vec<String>, String) {
        let op = self.op(id);
        (
            op.name.clone(),
            op.parameters.len(),
            op.parameters.iter().map(|p| p.name.clone()).collect(),
            op.qualified.clone(),
        )
    }

    /// Whether entity type `id` (or a base type) is a media entity
    /// (`HasStream`).
    pub fn has_stream(&self, id: TypeId) -> bool {
        self.self_and_ancestors(id).any(|t| self.structured(t).is_some_and(|s| s.has_stream))
    }

    /// The single-valued `Edm.Stream` properties of `id`, inherited ones
    /// first.
    pub fn stream_properties(&self, id: TypeId) -> Vec<&Property> {
        self.all_properties(id)
            .into_iter()
            .map(|(_, p)| p)
            .filter(|p| !p.ty.collection && p.ty.target == Target::Primitive(Primitive::Stream))
            .collect()
    }

    /// The Capabilities of a path to entity type `target` whose own
    /// annotations are `own`: the type's where the path's are silent.
    pub fn path_caps(&self, own: Capabilities, target: TypeId) -> Capabilities {
        let of_type = self.structured(target).map(|s| s.caps).unwrap_or_default();
        own.or(of_type)
    }
}

/// The operations bound to each type, by type index ([`Model::bound_index`]).
pub struct BoundIndex(Vec<Vec<OpId>>);
