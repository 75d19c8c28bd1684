//! SAP's annotations in attribute form (`sap:creatable="false"`, ...), as
//! SAP Gateway publishes them in OData v2 metadata, read as the v4
//! annotations that say the same, so the model has one source of these
//! facts whatever the version.

use super::*;

const CORE: &str = "Org.OData.Core.V1";
const CAPABILITIES: &str = "Org.OData.Capabilities.V1";

/// The element the attributes are on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Element {
    Type,
    Property,
    Navigation,
    EntitySet,
    Import,
}

/// What `sap:filterable="false"` and `sap:sortable="false"` on a property
/// say: the service refuses it in `$filter`, in `$orderby`. (OData v4
/// says so per entity set, with the `NonFilterableProperties` and
/// `NonSortableProperties` of `Capabilities.FilterRestrictions` and
/// `SortRestrictions`; SAP says it of the property, wherever it is used.)
pub(super) fn restrictions(a: &Attrs<'_>) -> Restrictions {
    let refused = |name: &str| a.get(name).is_some_and(|v| v.value == "false");
    Restrictions { no_filter: refused("sap:filterable"), no_sort: refused("sap:sortable") }
}

/// The annotations the `sap:` attributes of an element stand for:
/// - `sap:label` is the description (`Core.Description`), and a property's
///   `sap:quickinfo` its long description when it says more;
/// - a property neither `sap:creatable` nor `sap:updatable` is
///   `Core.Computed` (the service sets it);
/// - on an entity set, `sap:creatable`, `sap:updatable`, `sap:deletable`
///   `="false"` are the insert, update and delete restrictions,
///   `sap:pageable="false"` forbids `$top` and `$skip`, and
///   `sap:countable="false"` `$count`.
///
/// Attribute values other than `true` and `false` are ignored, as SAP's
/// own clients do.
pub(super) fn annotations(a: &Attrs<'_>, element: Element) -> Vec<Annotation> {
    let mut out = Vec::new();
    let flag = |name: &str| {
        a.get(name).and_then(|v| match v.value.as_str() {
            "true" => Some((true, v.loc)),
            "false" => Some((false, v.loc)),
            _ => None,
        })
    };
    let label = a.get("sap:label").filter(|l| !l.value.trim().is_empty());
    if let Some(label) = &label {
        out.push(annotation(CORE, "Description", Expr::String(label.value.clone()), label.loc));
    }
    match element {
        Element::Property => {
            if let Some(info) = a.get("sap:quickinfo") {
                if label.as_ref().is_none_or(|l| l.value != info.value) && !info.value.trim().is_empty() {
                    out.push(annotation(CORE, "LongDescription", Expr::String(info.value), info.loc));
                }
            }
            if let (Some((false, loc)), Some((false, _))) = (flag("sap:creatable"), flag("sap:updatable")) {
                out.push(annotation(CORE, "Computed", Expr::Bool(true), loc));
            }
        }
        Element::EntitySet => {
            let restrictions = [
                ("sap:creatable", "InsertRestrictions", "Insertable"),
                ("sap:updatable", "UpdateRestrictions", "Updatable"),
                ("sap:deletable", "DeleteRestrictions", "Deletable"),
                ("sap:countable", "CountRestrictions", "Countable"),
            ];
            for (attr, term, property) in restrictions {
                if let Some((false, loc)) = flag(attr) {
                    let record =
                        Expr::Record(vec![PropertyValue { property: property.to_owned(), value: Expr::Bool(false) }]);
                    out.push(annotation(CAPABILITIES, term, record, loc));
                }
            }
            if let Some((false, loc)) = flag("sap:pageable") {
                out.push(annotation(CAPABILITIES, "TopSupported", Expr::Bool(false), loc));
                out.push(annotation(CAPABILITIES, "SkipSupported", Expr::Bool(false), loc));
            }
        }
        Element::Type | Element::Navigation | Element::Import => {}
    }
    out
}

fn annotation(namespace: &str, term: &str, value: Expr, loc: Location) -> Annotation {
    Annotation { term: Spanned { value: format!("{namespace}.{term}"), loc }, qualifier: None, value, loc }
}
