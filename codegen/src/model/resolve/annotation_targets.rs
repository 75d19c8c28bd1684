//! External annotations: which targets they name, and the ones that name nothing.

use super::*;

impl<'d> Resolver<'_, 'd> {
    pub(super) fn external_annotations(&mut self) {
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
    pub(super) fn facts(&mut self, doc: usize, annotations: &[raw::Annotation], target: &str) -> Facts {
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

    pub(super) fn unused_annotation_targets(&mut self) {
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
