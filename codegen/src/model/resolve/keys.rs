//! Entity keys: the `PropertyRef`s of each entity type, through complex properties and aliases.

use super::*;

impl<'d> Resolver<'_, 'd> {
    pub(super) fn keys(&mut self) {
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
    pub(super) fn key_part(&mut self, id: TypeId, r: &raw::PropertyRef) -> Option<KeyPart> {
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
}
