//! Type references: a property's or parameter's `Type` to a [`TypeRef`].

use super::*;

/// The item type name of a type expression and whether it is a
/// collection (`Collection(ns.t)` → `ns.t`, true), or what is wrong with it.
pub(super) fn split_type_expression(text: &str) -> Result<(&str, bool), String> {
    let text = text.trim();
    let (inner, collection) = match text.strip_prefix("Collection(") {
        Some(rest) => match rest.strip_suffix(')') {
            Some(inner) => (inner.trim(), true),
            None => return Err(format!("`{text}` is missing its closing `)`")),
        },
        None => (text, false),
    };
    if inner.starts_with("Collection(") {
        return Err(format!("`{text}`: a collection of collections is not a CSDL type"));
    }
    if inner.contains(['(', ')']) || inner.is_empty() {
        return Err(format!("`{text}` is not a type name"));
    }
    Ok((inner, collection))
}

impl<'d> Resolver<'_, 'd> {
    /// Resolves a type expression such as `Collection(graph.alert)`. Only
    /// structural properties (`untyped_ok`) may fall back to untyped JSON
    /// for a type whose document was not loaded.
    pub(super) fn type_ref(
        &mut self,
        doc: usize,
        expr: &raw::Spanned<String>,
        nullable: Option<&raw::Spanned<bool>>,
        untyped_ok: bool,
    ) -> Option<TypeRef> {
        let (inner, collection) = match split_type_expression(&expr.value) {
            Ok(split) => split,
            Err(message) => {
                self.error(codes::TYPE_EXPRESSION, message, expr.loc);
                return None;
            }
        };
        let target = self.target_or_untyped(doc, inner, expr.loc, untyped_ok)?;
        Some(TypeRef { target, collection, nullable: nullable.is_none_or(|n| n.value) })
    }

    /// Resolves a qualified type name, reporting what is wrong with it.
    pub(super) fn target(&mut self, doc: usize, name: &str, loc: Location) -> Option<Target> {
        self.target_or_untyped(doc, name, loc, false)
    }

    /// Like [`Self::target`]; with `untyped_ok`, a type of a namespace whose
    /// document was not loaded is `Edm.Untyped`, with a warning.
    pub(super) fn target_or_untyped(
        &mut self,
        doc: usize,
        name: &str,
        loc: Location,
        untyped_ok: bool,
    ) -> Option<Target> {
        match self.lookup(doc, name) {
            Lookup::Unavailable { namespace, uri } if untyped_ok => {
                self.diags.push(
                    Diagnostic::warning(
                        codes::UNAVAILABLE_TYPE,
                        format!("type `{name}` is in namespace `{namespace}`, whose document was not loaded; its values are kept as untyped JSON"),
                    )
                    .at(loc)
                    .with_help(format!("to get a Rust type, put a copy of `{uri}` next to the main document")),
                );
                Some(Target::Primitive(Primitive::Untyped))
            }
            Lookup::Type(id) => Some(Target::Named(id)),
            Lookup::Primitive(p) => Some(Target::Primitive(p)),
            Lookup::UnknownPrimitive => {
                let local = &name[name.rfind('.').map_or(0, |i| i + 1)..];
                let mut d = Diagnostic::error(codes::UNKNOWN_PRIMITIVE, format!("`{name}` is not an Edm type")).at(loc);
                if let Some(best) = closest(local, Primitive::all_names()) {
                    d = d.with_help(format!("did you mean `Edm.{best}`?"));
                }
                self.diags.push(d);
                None
            }
            Lookup::Unavailable { namespace, uri } => {
                self.diags.push(
                    Diagnostic::error(codes::UNKNOWN_TYPE, format!("type `{name}` is in namespace `{namespace}`, whose document was not loaded"))
                        .at(loc)
                        .with_help(format!("the document comes from `{uri}`; put a copy next to the main document and refer to it by a relative `Uri`")),
                );
                None
            }
            Lookup::Unknown => {
                let mut d = Diagnostic::error(codes::UNKNOWN_TYPE, format!("unknown type `{name}`")).at(loc);
                let namespace = name.rsplit_once('.').map(|(p, _)| self.aliases[doc].get(p).map_or(p, String::as_str));
                let full = match (namespace, name.rsplit_once('.')) {
                    (Some(ns), Some((_, local))) => format!("{ns}.{local}"),
                    _ => name.to_owned(),
                };
                if let Some(best) = closest(&full, self.by_name.keys().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                }
                self.diags.push(d);
                None
            }
        }
    }
}
