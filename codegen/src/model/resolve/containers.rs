//! Entity containers: entity sets, singletons and their navigation bindings.

use super::*;

impl<'d> Resolver<'_, 'd> {
    pub(super) fn containers(&mut self) {
        let mut seen: HashSet<String> = HashSet::default();
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
                let mut names: HashSet<&str> = HashSet::default();
                for set in &c.entity_sets {
                    if !self.member_name(&set.name, Member::EntitySet, &mut names) {
                        continue;
                    }
                    let Some(entity_type) = self.entity_target(d, &set.entity_type) else { continue };
                    let facts = self.facts(d, &set.annotations, &format!("{qualified}/{}", set.name.value));
                    self.restrict_properties(entity_type, &facts);
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

    pub(super) fn entity_target(&mut self, doc: usize, name: &raw::Spanned<String>) -> Option<TypeId> {
        match self.target(doc, &name.value, name.loc)? {
            Target::Named(t) if self.model.is_entity(t) => Some(t),
            _ => {
                self.error(codes::TYPE_KIND, format!("`{}` is not an entity type", name.value), name.loc);
                None
            }
        }
    }
}
