//! Warnings about the model as it will be generated (after a subset was
//! taken, so they speak of what the crate contains).

use rustc_hash::FxHashSet as HashSet;

use super::{Model, TypeId, TypeKind};
use crate::codes;
use crate::diag::Diagnostic;

/// Entity types no create request can reach: no entity set and no
/// collection-valued navigation property that allows inserts has the type
/// or one of its base types as element type. Abstract types are not
/// reported (they cannot be created).
pub fn no_collection(model: &Model) -> Vec<Diagnostic> {
    let mut accepted: HashSet<TypeId> = HashSet::default();
    for c in &model.containers {
        accepted.extend(c.entity_sets.iter().filter(|s| s.insertable).map(|s| s.entity_type));
    }
    for t in &model.types {
        if let TypeKind::Entity(s) = &t.kind {
            accepted.extend(s.navigation.iter().filter(|n| n.collection && n.insertable).map(|n| n.target));
        }
    }
    let mut out = Vec::new();
    for (i, t) in model.types.iter().enumerate() {
        let TypeKind::Entity(s) = &t.kind else { continue };
        if s.is_abstract || s.is_stub || model.self_and_ancestors(TypeId(i as u32)).any(|a| accepted.contains(&a)) {
            continue;
        }
        let message = format!(
            "entity type `{}` has no collection that accepts it; no create function was emitted for it",
            t.qualified
        );
        out.push(Diagnostic::warning(codes::NO_COLLECTION, message).at(t.loc));
    }
    out
}
