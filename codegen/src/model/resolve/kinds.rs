//! Conversion per kind: entity and complex types, enum types, type definitions.

use super::*;

/// Marks the own properties of `s` that the `NonFilterableProperties` and
/// `NonSortableProperties` of `facts` name.
fn restrict(s: &mut Structured, facts: &Facts) {
    for p in &mut s.properties {
        p.restrictions.no_filter |= facts.non_filterable.contains(&p.name);
        p.restrictions.no_sort |= facts.non_sortable.contains(&p.name);
    }
}

impl<'d> Resolver<'_, 'd> {
    /// Resolves each type's own content.
    pub(super) fn fill_types(&mut self) {
        for i in 0..self.raw.len() {
            let (doc, raw) = self.raw[i];
            let qualified = self.model.types[i].qualified.clone();
            let kind = match raw {
                RawType::Structured(t) => {
                    let facts = self.facts(doc, &t.annotations, &qualified);
                    let mut s = self.structured(doc, t, &qualified);
                    s.caps = facts.caps;
                    restrict(&mut s, &facts);
                    self.model.types[i].docs = facts.docs;
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

    /// Marks the own properties of entity type `id` that the restrictions
    /// of an entity set of it (`facts`) name. A type in two sets is marked
    /// when either set says so: the docs are a warning, not a rule.
    pub(super) fn restrict_properties(&mut self, id: TypeId, facts: &Facts) {
        if facts.non_filterable.is_empty() && facts.non_sortable.is_empty() {
            return;
        }
        if let TypeKind::Entity(s) = &mut self.model.types[id.0 as usize].kind {
            restrict(s, facts);
        }
    }

    pub(super) fn structured(&mut self, doc: usize, t: &'d raw::StructuredType, qualified: &str) -> Structured {
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
        let mut names: HashSet<&str> = HashSet::default();
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
                restrictions: p.restrictions,
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
                    restrictions: Restrictions::default(),
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

    pub(super) fn enumeration(&mut self, doc: usize, e: &'d raw::EnumType, qualified: &str) -> Enum {
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
        let mut names: HashSet<&str> = HashSet::default();
        let mut values: HashMap<i64, String> = HashMap::default();
        let mut next: i64 = 0;
        for m in &e.members {
            if !self.usable_member_name(&m.name, Member::Enumerator) {
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

    pub(super) fn definition(&mut self, doc: usize, t: &'d raw::TypeDefinition) -> Definition {
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
}
