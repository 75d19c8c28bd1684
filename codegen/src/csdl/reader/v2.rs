//! OData v1-v3 constructs as their v4 equivalents, once the whole document
//! is read, so that resolution and emission have one model whatever the
//! version:
//! - a navigation property names an association and two of its ends
//!   (`Relationship`, `FromRole`, `ToRole`); it gets the v4 `Type` (the
//!   entity type of the `ToRole` end, in a collection for `*`), `Nullable`
//!   (`0..1`) and `Partner` (the navigation property of the other type that
//!   names the same association the other way);
//! - a function import declares its operation in place; the operation
//!   joins the schema's operations under the import's name;
//! - `ConcurrencyMode="Fixed"` on a property makes changes to the entity
//!   sets of its type need an ETag (`Core.OptimisticConcurrency`).
//!
//! Only the document's own associations and types are used: OData v2
//! documents do not reference each other's.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::*;

/// The multiplicity of an association end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Multiplicity {
    ZeroOrOne,
    One,
    Many,
}

fn multiplicity(text: &str) -> Option<Multiplicity> {
    match text.trim() {
        "0..1" => Some(Multiplicity::ZeroOrOne),
        "1" => Some(Multiplicity::One),
        "*" => Some(Multiplicity::Many),
        _ => None,
    }
}

/// Both qualified names of `name` in a schema: by namespace, and by alias.
fn qualified_names(schema: &Schema, name: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(2);
    if let Some(ns) = &schema.namespace {
        out.push(format!("{}.{name}", ns.value));
    }
    if let Some(alias) = &schema.alias {
        out.push(format!("{}.{name}", alias.value));
    }
    out
}

/// Rewrites the OData v1-v3 parts of `doc` as v4 ones; problems go to
/// `errors` with the place they were written.
pub(super) fn lower(doc: &mut Document, errors: &mut Vec<Diagnostic>) {
    let associations = check_associations(doc, errors);
    navigation(doc, &associations, errors);
    function_imports(doc);
    concurrency(doc);
}

/// The well-formed associations by qualified name: two ends of distinct
/// roles, each of a known multiplicity. The others are reported.
fn check_associations(doc: &Document, errors: &mut Vec<Diagnostic>) -> HashMap<String, Association> {
    let mut out = HashMap::default();
    for schema in &doc.schemas {
        for assoc in &schema.associations {
            let mut ok = true;
            if assoc.ends.len() != 2 {
                errors.push(
                    Diagnostic::error(
                        codes::ASSOCIATION,
                        format!(
                            "association `{}` has {} `End` elements; an association has two",
                            assoc.name.value,
                            assoc.ends.len()
                        ),
                    )
                    .at(assoc.loc),
                );
                ok = false;
            }
            for end in &assoc.ends {
                if multiplicity(&end.multiplicity.value).is_none() {
                    errors.push(
                        Diagnostic::error(
                            codes::ASSOCIATION,
                            format!(
                                "end `{}` of association `{}` has `Multiplicity=\"{}\"`; expected `0..1`, `1` or `*`",
                                end.role.value, assoc.name.value, end.multiplicity.value
                            ),
                        )
                        .at(end.multiplicity.loc),
                    );
                    ok = false;
                }
            }
            if let [a, b] = assoc.ends.as_slice() {
                if a.role.value == b.role.value {
                    errors.push(
                        Diagnostic::error(
                            codes::ASSOCIATION,
                            format!(
                                "both ends of association `{}` have role `{}`; the roles of an association must differ",
                                assoc.name.value, a.role.value
                            ),
                        )
                        .at(b.role.loc),
                    );
                    ok = false;
                }
            }
            if ok {
                for name in qualified_names(schema, &assoc.name.value) {
                    out.entry(name).or_insert_with(|| assoc.clone());
                }
            }
        }
    }
    out
}

/// The end of `assoc` with role `role`.
fn end<'a>(assoc: &'a Association, role: &str) -> Option<&'a AssociationEnd> {
    assoc.ends.iter().find(|e| e.role.value == role)
}

fn navigation(doc: &mut Document, associations: &HashMap<String, Association>, errors: &mut Vec<Diagnostic>) {
    // Which (type, association, from role, to role) each navigation
    // property is, to find partners: the type by every qualified name.
    let mut by_relationship: HashMap<(String, String, String, String), String> = HashMap::default();
    let mut declared_associations: HashSet<String> = HashSet::default();
    for schema in &doc.schemas {
        for assoc in &schema.associations {
            declared_associations.extend(qualified_names(schema, &assoc.name.value));
        }
        for ty in &schema.structured_types {
            for nav in &ty.navigation_properties {
                let Some(r) = &nav.relationship else { continue };
                for type_name in qualified_names(schema, &ty.name.value) {
                    let key =
                        (type_name, r.association.value.clone(), r.from_role.value.clone(), r.to_role.value.clone());
                    by_relationship.entry(key).or_insert_with(|| nav.name.value.clone());
                }
            }
        }
    }
    for schema in &mut doc.schemas {
        for ty in &mut schema.structured_types {
            for nav in &mut ty.navigation_properties {
                let Some(r) = &nav.relationship else { continue };
                let Some(assoc) = associations.get(&r.association.value) else {
                    // A malformed association was reported already.
                    if !declared_associations.contains(&r.association.value) {
                        errors.push(
                            Diagnostic::error(
                                codes::ASSOCIATION,
                                format!(
                                    "navigation property `{}` names association `{}`, which the document does not declare",
                                    nav.name.value, r.association.value
                                ),
                            )
                            .at(r.association.loc),
                        );
                    }
                    continue;
                };
                let role_error = |role: &Spanned<String>, attr: &str| {
                    let roles: Vec<String> = assoc.ends.iter().map(|e| format!("`{}`", e.role.value)).collect();
                    Diagnostic::error(
                        codes::ASSOCIATION,
                        format!(
                            "`{attr}=\"{}\"` of navigation property `{}` is not an end of association `{}` (its roles are {})",
                            role.value,
                            nav.name.value,
                            assoc.name.value,
                            roles.join(" and ")
                        ),
                    )
                    .at(role.loc)
                };
                let (Some(_), Some(to)) = (end(assoc, &r.from_role.value), end(assoc, &r.to_role.value)) else {
                    if end(assoc, &r.from_role.value).is_none() {
                        errors.push(role_error(&r.from_role, "FromRole"));
                    }
                    if end(assoc, &r.to_role.value).is_none() {
                        errors.push(role_error(&r.to_role, "ToRole"));
                    }
                    continue;
                };
                if r.from_role.value == r.to_role.value {
                    errors.push(
                        Diagnostic::error(
                            codes::ASSOCIATION,
                            format!(
                                "navigation property `{}` goes from role `{}` to the same role; `ToRole` must be the other end",
                                nav.name.value, r.to_role.value
                            ),
                        )
                        .at(r.to_role.loc),
                    );
                    continue;
                }
                let Some(many) = multiplicity(&to.multiplicity.value) else { continue };
                let target = to.type_name.value.trim();
                nav.type_name = Spanned {
                    value: if many == Multiplicity::Many { format!("Collection({target})") } else { target.to_owned() },
                    loc: to.type_name.loc,
                };
                nav.nullable = match many {
                    Multiplicity::One => Some(Spanned { value: false, loc: to.multiplicity.loc }),
                    Multiplicity::ZeroOrOne | Multiplicity::Many => None,
                };
                let back = (
                    target.to_owned(),
                    r.association.value.clone(),
                    r.to_role.value.clone(),
                    r.from_role.value.clone(),
                );
                nav.partner = by_relationship.get(&back).cloned();
            }
            // One reported error per navigation property: those whose
            // association did not give a type are not resolved further.
            ty.navigation_properties.retain(|n| n.relationship.is_none() || !n.type_name.value.is_empty());
        }
    }
}

fn function_imports(doc: &mut Document) {
    for schema in &mut doc.schemas {
        let Some(namespace) = schema.namespace.as_ref().map(|n| n.value.clone()) else { continue };
        let mut operations = Vec::new();
        for container in &mut schema.containers {
            for import in &mut container.imports {
                let Some(op) = import.declared.take() else { continue };
                import.operation = Spanned { value: format!("{namespace}.{}", op.name.value), loc: op.name.loc };
                operations.push(*op);
            }
        }
        schema.operations.extend(operations);
    }
}

fn concurrency(doc: &mut Document) {
    // Types with a `ConcurrencyMode="Fixed"` property, by every qualified
    // name, and their base types, to find derived ones.
    let mut fixed: HashSet<String> = HashSet::default();
    let mut bases: Vec<(Vec<String>, String)> = Vec::new();
    for schema in &doc.schemas {
        for ty in &schema.structured_types {
            let names = qualified_names(schema, &ty.name.value);
            if ty.properties.iter().any(|p| p.concurrency_fixed) {
                fixed.extend(names.iter().cloned());
            }
            if let Some(base) = &ty.base_type {
                bases.push((names, base.value.clone()));
            }
        }
    }
    // A derived type inherits the ETag; the chain is walked until nothing
    // changes (at most one round per level; a cycle stops too).
    for _ in 0..=bases.len() {
        let before = fixed.len();
        for (names, base) in &bases {
            if fixed.contains(base) {
                fixed.extend(names.iter().cloned());
            }
        }
        if fixed.len() == before {
            break;
        }
    }
    if fixed.is_empty() {
        return;
    }
    for schema in &mut doc.schemas {
        for container in &mut schema.containers {
            for set in &mut container.entity_sets {
                if fixed.contains(set.entity_type.value.trim()) {
                    let term = Spanned { value: "Org.OData.Core.V1.OptimisticConcurrency".to_owned(), loc: set.loc };
                    let value = Expr::Collection(Vec::new());
                    set.annotations.push(Annotation { term, qualifier: None, value, loc: set.loc });
                }
            }
        }
    }
}
