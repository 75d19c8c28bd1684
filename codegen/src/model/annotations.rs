//! Interpreting the annotations this generator uses.

use rustc_hash::FxHashMap as HashMap;

use crate::codes;
use crate::csdl::raw::{Annotation, Expr};
use crate::diag::Diagnostic;

use super::Docs;

const CORE: &str = "Org.OData.Core.V1";
const CAPABILITIES: &str = "Org.OData.Capabilities.V1";

/// What annotations say about one element.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub docs: Docs,
    /// `Core.Computed` or `Core.Permissions` = `Read`.
    pub read_only: bool,
    /// `Capabilities.InsertRestrictions/Insertable`, when given.
    pub insertable: Option<bool>,
    /// The other Capabilities facts.
    pub caps: super::Capabilities,
    /// `Core.OptionalParameter`.
    pub optional_parameter: bool,
    /// The properties named in `Capabilities.FilterRestrictions/
    /// NonFilterableProperties` (plain property names; longer paths are
    /// passed over).
    pub non_filterable: Vec<String>,
    /// The same of `Capabilities.SortRestrictions/NonSortableProperties`.
    pub non_sortable: Vec<String>,
}

/// Resolves term names through the document's aliases.
pub struct Terms<'a> {
    pub aliases: &'a HashMap<String, String>,
}

impl Terms<'_> {
    /// The namespace-qualified form of `name` (`Core.Description` →
    /// `Org.OData.Core.V1.Description`).
    fn canonical(&self, name: &str) -> String {
        match name.rsplit_once('.') {
            Some((prefix, local)) => match self.aliases.get(prefix) {
                Some(ns) => format!("{ns}.{local}"),
                None => name.to_owned(),
            },
            None => name.to_owned(),
        }
    }

    /// Whether an enum member path such as `Core.Permission/Read` names
    /// member `member` of `namespace.enum_type`.
    fn is_member(&self, path: &str, namespace: &str, enum_type: &str, member: &str) -> bool {
        match path.trim().split_once('/') {
            Some((ty, m)) => m == member && self.canonical(ty) == format!("{namespace}.{enum_type}"),
            None => false,
        }
    }

    /// Adds what `annotations` say to `facts`. Qualified annotations (for a
    /// language, a device, ...) are skipped: the unqualified one is the
    /// general statement.
    pub fn apply(&self, annotations: &[Annotation], facts: &mut Facts, warnings: &mut Vec<Diagnostic>) {
        for a in annotations.iter().filter(|a| a.qualifier.is_none()) {
            let term = self.canonical(&a.term.value);
            let Some((ns, local)) = term.rsplit_once('.') else { continue };
            let mut wrong_shape = || {
                warnings.push(
                    Diagnostic::warning(
                        codes::ANNOTATION_VALUE,
                        format!("`{}` has a value of an unexpected shape; it is ignored", a.term.value),
                    )
                    .at(a.term.loc),
                );
            };
            match (ns, local) {
                (CORE, "Description") => match &a.value {
                    Expr::String(s) => facts.docs.description = Some(s.clone()),
                    _ => wrong_shape(),
                },
                (CORE, "LongDescription") => match &a.value {
                    Expr::String(s) => facts.docs.long_description = Some(s.clone()),
                    _ => wrong_shape(),
                },
                (CORE, "Computed") => match &a.value {
                    Expr::Absent | Expr::Bool(true) => facts.read_only = true,
                    Expr::Bool(false) => {}
                    _ => wrong_shape(),
                },
                (CORE, "Permissions") => match &a.value {
                    Expr::EnumMember(paths) => {
                        let members: Vec<&str> = paths.split_whitespace().collect();
                        let read = members.iter().any(|p| self.is_member(p, CORE, "Permission", "Read"));
                        let write = members.iter().any(|p| {
                            self.is_member(p, CORE, "Permission", "Write")
                                || self.is_member(p, CORE, "Permission", "ReadWrite")
                        });
                        if read && !write {
                            facts.read_only = true;
                        }
                    }
                    _ => wrong_shape(),
                },
                (CORE, "Revisions") => match &a.value {
                    Expr::Collection(items) => {
                        for item in items {
                            let Expr::Record(props) = item else { continue };
                            let field = |name: &str| props.iter().find(|p| p.property == name).map(|p| &p.value);
                            let deprecated = matches!(field("Kind"), Some(Expr::EnumMember(k)) if self.is_member(k, CORE, "RevisionKind", "Deprecated"));
                            if deprecated {
                                let note = match field("Description") {
                                    Some(Expr::String(s)) => s.clone(),
                                    _ => String::from("deprecated by the service"),
                                };
                                facts.docs.deprecated = Some(note);
                            }
                        }
                    }
                    _ => wrong_shape(),
                },
                (CAPABILITIES, "InsertRestrictions") => {
                    facts.insertable = record_bool(&a.value, "Insertable", &mut wrong_shape).or(facts.insertable);
                    facts.caps.insertable = facts.insertable;
                }
                (CAPABILITIES, "UpdateRestrictions") => {
                    let v = record_bool(&a.value, "Updatable", &mut wrong_shape);
                    facts.caps.updatable = v.or(facts.caps.updatable);
                }
                (CAPABILITIES, "DeleteRestrictions") => {
                    let v = record_bool(&a.value, "Deletable", &mut wrong_shape);
                    facts.caps.deletable = v.or(facts.caps.deletable);
                }
                (CAPABILITIES, "FilterRestrictions") => {
                    let v = record_bool(&a.value, "Filterable", &mut wrong_shape);
                    facts.caps.filterable = v.or(facts.caps.filterable);
                    facts.non_filterable.extend(record_names(&a.value, "NonFilterableProperties", &mut wrong_shape));
                }
                (CAPABILITIES, "SortRestrictions") => {
                    let v = record_bool(&a.value, "Sortable", &mut wrong_shape);
                    facts.caps.sortable = v.or(facts.caps.sortable);
                    facts.non_sortable.extend(record_names(&a.value, "NonSortableProperties", &mut wrong_shape));
                }
                (CAPABILITIES, "SelectSupport") => {
                    let v = record_bool(&a.value, "Supported", &mut wrong_shape);
                    facts.caps.selectable = v.or(facts.caps.selectable);
                }
                (CAPABILITIES, "ExpandRestrictions") => {
                    let v = record_bool(&a.value, "Expandable", &mut wrong_shape);
                    facts.caps.expandable = v.or(facts.caps.expandable);
                }
                (CAPABILITIES, "CountRestrictions") => {
                    let v = record_bool(&a.value, "Countable", &mut wrong_shape);
                    facts.caps.countable = v.or(facts.caps.countable);
                }
                (CAPABILITIES, "SearchRestrictions") => {
                    let v = record_bool(&a.value, "Searchable", &mut wrong_shape);
                    facts.caps.searchable = v.or(facts.caps.searchable);
                }
                (CAPABILITIES, "TopSupported") => match &a.value {
                    Expr::Absent | Expr::Bool(true) => facts.caps.top = Some(true),
                    Expr::Bool(false) => facts.caps.top = Some(false),
                    _ => wrong_shape(),
                },
                (CAPABILITIES, "SkipSupported") => match &a.value {
                    Expr::Absent | Expr::Bool(true) => facts.caps.skip = Some(true),
                    Expr::Bool(false) => facts.caps.skip = Some(false),
                    _ => wrong_shape(),
                },
                // The term says changes need an ETag; its collection (which
                // may be empty) only names the properties the ETag is
                // computed from.
                (CORE, "OptimisticConcurrency") => match &a.value {
                    Expr::Collection(_) | Expr::Absent => facts.caps.etag_required = Some(true),
                    _ => wrong_shape(),
                },
                (CORE, "OptionalParameter") => match &a.value {
                    Expr::Absent | Expr::Record(_) => facts.optional_parameter = true,
                    _ => wrong_shape(),
                },
                _ => {}
            }
        }
    }
}

/// The boolean property `name` of a record value; `None` when the record
/// does not have it. A value that is not a record, or a property that is
/// not a boolean, is reported through `wrong_shape`.
fn record_bool(value: &Expr, name: &str, wrong_shape: &mut dyn FnMut()) -> Option<bool> {
    match value {
        Expr::Record(props) => match props.iter().find(|p| p.property == name).map(|p| &p.value) {
            Some(Expr::Bool(b)) => Some(*b),
            Some(_) => {
                wrong_shape();
                None
            }
            None => None,
        },
        _ => {
            wrong_shape();
            None
        }
    }
}

/// The plain property names among the paths of collection `name` of a
/// record (`NonFilterableProperties`); a path through another property
/// (`address/city`) is passed over. A value that is not a record is
/// reported by [`record_bool`], which reads the same value first.
fn record_names(value: &Expr, name: &str, wrong_shape: &mut dyn FnMut()) -> Vec<String> {
    let Expr::Record(props) = value else { return Vec::new() };
    match props.iter().find(|p| p.property == name).map(|p| &p.value) {
        Some(Expr::Collection(items)) => items
            .iter()
            .filter_map(|item| match item {
                Expr::Path(path) if !path.contains('/') => Some(path.clone()),
                _ => None,
            })
            .collect(),
        Some(_) => {
            wrong_shape();
            Vec::new()
        }
        None => Vec::new(),
    }
}
