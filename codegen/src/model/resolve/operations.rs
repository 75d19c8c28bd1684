//! Resolving actions, functions and operation imports, and applying the
//! capabilities annotated on entity types to the paths of those types.

use rustc_hash::FxHashSet as HashSet;

use super::{Lookup, Resolver, is_simple_identifier, split_type_expression, structured_mut};
use crate::codes;
use crate::csdl::raw;
use crate::model::*;

impl<'d> Resolver<'_, 'd> {
    /// Resolves every action and function that can be generated; the
    /// others get a warning that says why.
    pub(super) fn operations(&mut self) {
        for (d, s, schema) in self.schemas() {
            let Some(&ns) = self.schema_ns.get(&(d, s)) else { continue };
            let ns_name = self.model.namespaces[ns.0 as usize].name.clone();
            for op in &schema.operations {
                match self.operation(d, ns, &ns_name, op) {
                    Ok(resolved) => self.model.operations.push(resolved),
                    Err(why) => {
                        let what = match op.kind {
                            raw::OperationKind::Action => "action",
                            raw::OperationKind::Function => "function",
                        };
                        let message = format!("{what} `{ns_name}.{}` is not generated: {why}", op.name.value);
                        self.warn(codes::OPERATION_SKIPPED, message, op.name.loc);
                    }
                }
            }
        }
    }

    /// A type of an operation's parameter or return, or why it cannot be
    /// used. Unlike properties, nothing here is an error: an operation that
    /// cannot be generated is left out with a warning.
    fn operation_type(
        &self,
        doc: usize,
        expr: &raw::Spanned<String>,
        nullable: Option<&raw::Spanned<bool>>,
    ) -> Result<TypeRef, String> {
        let (inner, collection) = split_type_expression(&expr.value)?;
        let target = match self.lookup(doc, inner) {
            Lookup::Type(id) => Target::Named(id),
            Lookup::Primitive(p) => Target::Primitive(p),
            Lookup::Unavailable { .. } => Target::Primitive(Primitive::Untyped),
            Lookup::UnknownPrimitive | Lookup::Unknown => return Err(format!("type `{inner}` does not resolve")),
        };
        Ok(TypeRef { target, collection, nullable: nullable.is_none_or(|n| n.value) })
    }

    fn operation(&mut self, doc: usize, ns: NsId, ns_name: &str, op: &'d raw::Operation) -> Result<Operation, String> {
        if !is_simple_identifier(&op.name.value) {
            return Err("its name is not a simple identifier".into());
        }
        let qualified = format!("{ns_name}.{}", op.name.value);
        let mut params = op.parameters.iter();
        let binding = if op.is_bound {
            let Some(first) = params.next() else { return Err("it is bound but has no binding parameter".into()) };
            let ty = self.operation_type(doc, &first.type_name, None)?;
            match ty.target {
                Target::Named(t) if self.model.is_entity(t) => Some(Binding { ty: t, collection: ty.collection }),
                _ => {
                    return Err(format!(
                        "it is bound to `{}`, which is not an entity type or a collection of one",
                        first.type_name.value
                    ));
                }
            }
        } else {
            None
        };
        let mut parameters = Vec::new();
        let mut seen: HashSet<&str> = HashSet::default();
        for p in params {
            if !is_simple_identifier(&p.name.value) {
                return Err(format!("parameter name `{}` is not a simple identifier", p.name.value));
            }
            if !seen.insert(&p.name.value) {
                return Err(format!("parameter `{}` is declared twice", p.name.value));
            }
            let ty = self
                .operation_type(doc, &p.type_name, p.nullable.as_ref())
                .map_err(|e| format!("parameter `{}`: {e}", p.name.value))?;
            let facts = self.facts(doc, &p.annotations, &format!("{qualified}/{}", p.name.value));
            parameters.push(Parameter {
                name: p.name.value.clone(),
                ty,
                optional: facts.optional_parameter,
                docs: facts.docs,
                loc: p.loc,
            });
        }
        let returns = match &op.return_type {
            Some(r) => Some(
                self.operation_type(doc, &r.type_name, r.nullable.as_ref()).map_err(|e| format!("return type: {e}"))?,
            ),
            None => None,
        };
        let http_method = match &op.http_method {
            None => None,
            Some(m) => Some(
                ["GET", "POST", "PUT", "MERGE", "PATCH", "DELETE"]
                    .into_iter()
                    .find(|known| *known == m.value)
                    .ok_or_else(|| format!("`m:HttpMethod=\"{}\"` is not an HTTP method OData v2 knows", m.value))?,
            ),
        };
        if http_method.is_some() {
            let structured = |p: &Parameter| match p.ty.target {
                Target::Named(id) => self.model.structured(id).is_some(),
                Target::Primitive(_) => false,
            };
            if let Some(p) = parameters.iter().find(|p| p.ty.collection || structured(p)) {
                return Err(format!(
                    "parameter `{}` is not of a primitive type, which an OData v2 function import cannot take",
                    p.name
                ));
            }
        }
        let facts = self.facts(doc, &op.annotations, &qualified);
        Ok(Operation {
            name: op.name.value.clone(),
            namespace: ns,
            qualified,
            kind: match op.kind {
                raw::OperationKind::Action => OperationKind::Action,
                raw::OperationKind::Function => OperationKind::Function,
            },
            binding,
            parameters,
            returns,
            composable: op.is_composable,
            entity_set_path: op.entity_set_path.as_ref().map(|p| p.value.clone()),
            http_method,
            docs: facts.docs,
            loc: op.loc,
        })
    }

    /// The action and function imports of every container.
    pub(super) fn imports(&mut self) {
        let mut c = 0;
        for (d, _, schema) in self.schemas() {
            for raw_container in &schema.containers {
                // Containers that failed to resolve were not added.
                let Some(index) =
                    (c..self.model.containers.len()).find(|&i| self.model.containers[i].loc == raw_container.loc)
                else {
                    continue;
                };
                c = index + 1;
                let ns_name = self.model.namespaces[self.model.containers[index].namespace.0 as usize].name.clone();
                let qualified_container = format!("{ns_name}.{}", self.model.containers[index].name);
                let mut names: HashSet<String> = self.model.containers[index]
                    .entity_sets
                    .iter()
                    .map(|s| s.name.clone())
                    .chain(self.model.containers[index].singletons.iter().map(|s| s.name.clone()))
                    .collect();
                for imp in &raw_container.imports {
                    let kind = match imp.kind {
                        raw::OperationKind::Action => OperationKind::Action,
                        raw::OperationKind::Function => OperationKind::Function,
                    };
                    let what = if kind == OperationKind::Action { "action import" } else { "function import" };
                    let skip = |r: &mut Self, why: String| {
                        r.warn(
                            codes::OPERATION_SKIPPED,
                            format!("{what} `{}` is not generated: {why}", imp.name.value),
                            imp.name.loc,
                        );
                    };
                    if !is_simple_identifier(&imp.name.value) {
                        skip(self, "its name is not a simple identifier".into());
                        continue;
                    }
                    if !names.insert(imp.name.value.clone()) {
                        skip(self, "another child of the container has its name".into());
                        continue;
                    }
                    let target = self.canonical_target(d, imp.operation.value.trim());
                    let operations: Vec<OpId> = self
                        .model
                        .operations
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| o.qualified == target && o.binding.is_none() && o.kind == kind)
                        .map(|(i, _)| OpId(i as u32))
                        .collect();
                    if operations.is_empty() {
                        skip(
                            self,
                            format!(
                                "`{}` is not an unbound {} this crate generates",
                                imp.operation.value,
                                if kind == OperationKind::Action { "action" } else { "function" }
                            ),
                        );
                        continue;
                    }
                    let facts = self.facts(d, &imp.annotations, &format!("{qualified_container}/{}", imp.name.value));
                    self.model.containers[index].imports.push(Import {
                        name: imp.name.value.clone(),
                        kind,
                        operations,
                        docs: facts.docs,
                        loc: imp.loc,
                    });
                }
            }
        }
    }

    /// Capabilities annotated on entity types (as Microsoft Graph does)
    /// apply to the collections of those types that do not say otherwise.
    pub(super) fn type_capabilities(&mut self) {
        let type_caps: Vec<Capabilities> = self
            .model
            .types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Entity(s) => s.caps,
                _ => Capabilities::default(),
            })
            .collect();
        for t in &mut self.model.types {
            if let Some(s) = structured_mut(&mut t.kind) {
                for n in &mut s.navigation {
                    n.insertable = n.caps.insertable.or(type_caps[n.target.0 as usize].insertable).unwrap_or(true);
                }
            }
        }
        for c in &mut self.model.containers {
            for set in &mut c.entity_sets {
                set.insertable =
                    set.caps.insertable.or(type_caps[set.entity_type.0 as usize].insertable).unwrap_or(true);
            }
        }
    }
}
