//! Namespaces, aliases and the types they declare: the scopes qualified names are looked up in.

use super::*;
use crate::csdl::raw::Protocol;

/// What a qualified name refers to.
pub(super) enum Lookup {
    Type(TypeId),
    Primitive(Primitive),
    UnknownPrimitive,
    Unavailable { namespace: String, uri: String },
    Unknown,
}

impl<'d> Resolver<'_, 'd> {
    /// Namespaces and aliases.
    pub(super) fn namespaces(&mut self) {
        let mut found: Vec<(String, Option<String>, Location, usize, usize)> = Vec::new();
        let mut seen: HashMap<String, Location> = HashMap::default();
        for (d, s, schema) in self.schemas() {
            let Some(ns) = &schema.namespace else { continue };
            if !is_namespace(&ns.value) {
                if !is_lenient_namespace(&ns.value) {
                    self.error(codes::NAMESPACE, format!("`{}` is not a valid namespace", ns.value), ns.loc);
                    continue;
                }
                let message = format!(
                    "namespace `{}` has a segment that starts with a digit, which CSDL does not allow; \
                     it is used as written, and its module name is made an identifier",
                    ns.value
                );
                self.warn(codes::NAMESPACE_TOLERATED, message, ns.loc);
            }
            // `Edm` would shadow the primitive types and `odata` names
            // control information; `System` and `Transient` are only kept
            // free for future use, and .NET services publish `System`.
            if matches!(ns.value.as_str(), "Edm" | "odata") {
                self.error(codes::NAMESPACE, format!("namespace `{}` is reserved", ns.value), ns.loc);
                continue;
            }
            if matches!(ns.value.as_str(), "System" | "Transient") {
                let message = format!("namespace `{}` is reserved by CSDL; it is used as written", ns.value);
                self.warn(codes::NAMESPACE_TOLERATED, message, ns.loc);
            }
            if seen.contains_key(&ns.value) {
                self.error(codes::DUPLICATE, format!("namespace `{}` is declared twice", ns.value), ns.loc);
                continue;
            }
            seen.insert(ns.value.clone(), ns.loc);
            if let Some(alias) = &schema.alias {
                if is_lenient_member_name(&alias.value) && !alias.value.starts_with('@') {
                    if !is_simple_identifier(&alias.value) {
                        let message = format!(
                            "alias `{}` is not a simple identifier; it is used as written to resolve qualified names",
                            alias.value
                        );
                        self.warn(codes::NAMESPACE_TOLERATED, message, alias.loc);
                    }
                } else {
                    self.error(codes::NAME, format!("alias `{}` is not a simple identifier", alias.value), alias.loc);
                }
            }
            found.push((ns.value.clone(), schema.alias.as_ref().map(|a| a.value.clone()), ns.loc, d, s));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (i, (name, alias, loc, d, s)) in found.into_iter().enumerate() {
            let id = NsId(i as u32);
            self.ns_index.insert(name.clone(), id);
            self.schema_ns.insert((d, s), id);
            self.model.namespaces.push(Namespace { name, alias, types: Vec::new(), containers: Vec::new(), loc });
        }
        // Aliases are scoped to the document that declares them.
        for input in self.docs {
            let mut map = HashMap::default();
            for reference in &input.document.references {
                for include in &reference.includes {
                    if let Some(alias) = &include.alias {
                        map.insert(alias.value.clone(), include.namespace.value.clone());
                    }
                }
            }
            for schema in &input.document.schemas {
                if let (Some(ns), Some(alias)) = (&schema.namespace, &schema.alias) {
                    map.insert(alias.value.clone(), ns.value.clone());
                }
            }
            self.aliases.push(map);
        }
    }

    /// Gives every type an id before any is resolved.
    pub(super) fn register_types(&mut self) {
        let mut first: HashMap<String, Location> = HashMap::default();
        for (d, s, schema) in self.schemas() {
            let Some(&ns) = self.schema_ns.get(&(d, s)) else { continue };
            let ns_name = self.model.namespaces[ns.0 as usize].name.clone();
            let elements = schema
                .structured_types
                .iter()
                .map(|t| (&t.name, t.loc, RawType::Structured(t)))
                .chain(schema.enum_types.iter().map(|t| (&t.name, t.loc, RawType::Enum(t))))
                .chain(schema.type_definitions.iter().map(|t| (&t.name, t.loc, RawType::Definition(t))));
            for (name, loc, raw) in elements {
                if !is_simple_identifier(&name.value) {
                    self.error(codes::NAME, format!("type name `{}` is not a simple identifier", name.value), name.loc);
                    continue;
                }
                let qualified = format!("{ns_name}.{}", name.value);
                if first.contains_key(&qualified) {
                    self.error(codes::DUPLICATE, format!("type `{qualified}` is declared twice"), name.loc);
                    continue;
                }
                first.insert(qualified.clone(), name.loc);
                let id = TypeId(self.model.types.len() as u32);
                self.by_name.insert(qualified.clone(), id);
                let placeholder = TypeKind::Definition(Definition { underlying: Primitive::String });
                self.model.types.push(TypeDef {
                    name: name.value.clone(),
                    namespace: ns,
                    qualified,
                    kind: placeholder,
                    docs: Docs::default(),
                    loc,
                });
                self.raw.push((d, raw));
            }
            for op in &schema.operations {
                self.operations.insert(format!("{ns_name}.{}", op.name.value));
                self.model.operation_count += 1;
            }
        }
        for ns in &mut self.model.namespaces {
            ns.types.clear();
        }
        let mut by_ns: Vec<(NsId, String, TypeId)> =
            self.model.types.iter().enumerate().map(|(i, t)| (t.namespace, t.name.clone(), TypeId(i as u32))).collect();
        by_ns.sort();
        for (ns, _, id) in by_ns {
            self.model.namespaces[ns.0 as usize].types.push(id);
        }
    }

    /// Replaces the alias of the first segment of a target path.
    pub(super) fn canonical_target(&self, doc: usize, target: &str) -> String {
        // The head is the qualified name before a member path (`/`) or an
        // operation overload's parameter list (`(`).
        let (head, rest) = match target.find(['/', '(']) {
            Some(i) => (&target[..i], &target[i..]),
            None => (target, ""),
        };
        let head = match head.rsplit_once('.') {
            Some((prefix, local)) => match self.aliases[doc].get(prefix) {
                Some(ns) => format!("{ns}.{local}"),
                None => head.to_owned(),
            },
            None => head.to_owned(),
        };
        format!("{head}{rest}")
    }

    pub(super) fn lookup(&self, doc: usize, name: &str) -> Lookup {
        let Some((prefix, local)) = name.rsplit_once('.') else { return Lookup::Unknown };
        if prefix == "Edm" {
            return match Primitive::from_name(local) {
                Some(p) if p.is_v2_only() && self.docs[doc].document.protocol == Protocol::V4 => {
                    Lookup::UnknownPrimitive
                }
                Some(p) => Lookup::Primitive(p),
                None => Lookup::UnknownPrimitive,
            };
        }
        let namespace = self.aliases[doc].get(prefix).map_or(prefix, String::as_str);
        if let Some(id) = self.by_name.get(&format!("{namespace}.{local}")) {
            return Lookup::Type(*id);
        }
        if let Some(uri) = self.unloaded.get(namespace) {
            return Lookup::Unavailable { namespace: namespace.to_owned(), uri: uri.clone() };
        }
        Lookup::Unknown
    }
}
