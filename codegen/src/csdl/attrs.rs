//! Reading the attributes of one element.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::BytesStart;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::expr;
use super::raw::{Expr, Spanned};
use crate::codes;
use crate::diag::{Diagnostic, FileId, Location};

/// The longest attribute value or text accepted. The longest descriptions in
/// real metadata are a few kilobytes.
pub const MAX_VALUE_BYTES: usize = 1 << 20;

/// The namespace of the OData v1-v3 metadata attributes
/// (`m:HttpMethod`, `m:HasStream`, `m:DataServiceVersion`, ...).
pub const METADATA_NS: &str = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
/// The namespace of SAP's annotations in attribute form (`sap:creatable`, ...).
pub const SAP_NS: &str = "http://www.sap.com/Protocols/SAPData";

/// The unprefixed attributes of an element, unescaped, with locations,
/// and those of the OData v1-v3 metadata and SAP namespaces, named
/// `m:local` and `sap:local` whatever prefix the document binds to them.
pub struct Attrs<'a> {
    items: Vec<(Cow<'a, str>, Cow<'a, str>, Location)>,
    element: Location,
}

impl<'a> Attrs<'a> {
    /// Reads the attributes of `start`. `text` is the whole document (the
    /// event borrows from it, which gives each value's offset).
    pub fn read<'i>(
        start: &'a BytesStart<'i>,
        reader: &NsReader<&'i [u8]>,
        text: &str,
        file: FileId,
        element: Location,
        errors: &mut Vec<Diagnostic>,
    ) -> Attrs<'a> {
        let mut items = Vec::new();
        for attr in start.attributes() {
            let attr = match attr {
                Ok(attr) => attr,
                Err(e) => {
                    errors.push(Diagnostic::error(codes::XML_SYNTAX, format!("malformed attribute: {e}")).at(element));
                    continue;
                }
            };
            let raw = attr.value.clone();
            let loc = match &raw {
                Cow::Borrowed(s) => {
                    let offset = (s.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
                    if offset <= text.len() {
                        Location { file, pos: offset as u32, len: s.len() as u32 }
                    } else {
                        element
                    }
                }
                Cow::Owned(_) => element,
            };
            let key = attr.key;
            if key.0 == "xmlns" || key.0.starts_with("xmlns:") {
                continue;
            }
            let name: Cow<'a, str> = if key.prefix().is_some() {
                let (resolved, local) = reader.resolver().resolve_attribute(key);
                let local: &str = local.into_inner();
                match resolved {
                    ResolveResult::Unknown(prefix) => {
                        errors.push(
                            Diagnostic::error(codes::NS_PREFIX, format!("namespace prefix `{prefix}` is not declared"))
                                .at(element),
                        );
                        continue;
                    }
                    ResolveResult::Bound(ns) if ns.0 == METADATA_NS => Cow::Owned(format!("m:{local}")),
                    ResolveResult::Bound(ns) if ns.0 == SAP_NS => Cow::Owned(format!("sap:{local}")),
                    _ => continue,
                }
            } else {
                Cow::Borrowed(key.0)
            };
            if raw.len() > MAX_VALUE_BYTES {
                errors.push(
                    Diagnostic::error(
                        codes::LIMIT,
                        format!("attribute value is {} bytes; the limit is {MAX_VALUE_BYTES}", raw.len()),
                    )
                    .at(Location { len: 0, ..loc }),
                );
                continue;
            }
            let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(Diagnostic::error(codes::ENTITY, format!("in attribute value: {e}")).at(loc));
                    continue;
                }
            };
            items.push((name, value, loc));
        }
        Attrs { items, element }
    }

    /// The value of attribute `name`.
    pub fn get(&self, name: &str) -> Option<Spanned<String>> {
        self.items
            .iter()
            .find(|(key, _, _)| key == name)
            .map(|(_, value, loc)| Spanned { value: value.to_string(), loc: *loc })
    }

    /// The value of required attribute `name`; an error when it is absent.
    pub fn required(&self, name: &str, element_name: &str, errors: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        let value = self.get(name);
        if value.is_none() {
            errors.push(
                Diagnostic::error(codes::MISSING_ATTRIBUTE, format!("`{element_name}` has no `{name}` attribute"))
                    .at(self.element),
            );
        }
        value
    }

    /// A boolean attribute (see [`expr::boolean`]).
    pub fn bool(&self, name: &str, diags: &mut Vec<Diagnostic>) -> Option<Spanned<bool>> {
        let value = self.get(name)?;
        let b = expr::boolean(&value.value, &format!("`{name}`"), value.loc, diags)?;
        Some(Spanned { value: b, loc: value.loc })
    }

    /// A boolean attribute that defaults to `false`.
    pub fn flag(&self, name: &str, errors: &mut Vec<Diagnostic>) -> bool {
        self.bool(name, errors).is_some_and(|b| b.value)
    }

    /// The constant expression given in attribute form (`String="..."`,
    /// `Bool="true"`, ...), as on `Annotation` and `PropertyValue`.
    pub fn expression(&self, diags: &mut Vec<Diagnostic>) -> Expr {
        for (key, value, loc) in &self.items {
            let text = Spanned { value: value.to_string(), loc: *loc };
            if let Some(expr) = expr::constant(key, text, &format!("`{key}`"), diags) {
                return expr;
            }
        }
        Expr::Absent
    }
}
