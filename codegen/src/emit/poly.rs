//! Polymorphic enums: for each type with derived types, an enum with one
//! variant per type of its hierarchy, chosen by `@odata.type`.

use super::docs::{Doc, code_span};
use super::ir::{Attrs, Enum, Item, PolymorphicRow, Table, TableBody, Variant};
use super::{Ctx, ident, source_text};
use crate::model::TypeId;

/// The items of the `any` module of namespace `ns`: the polymorphic enums
/// of its types, each followed by the table of its variants from which the
/// runtime's `polymorphic_impls!` writes its impls.
pub fn module_items(ctx: &Ctx, ns: usize) -> Vec<Item> {
    let mut items = vec![Item::InnerDoc(Doc::generated(
        "Values of types that have derived types: each enum here holds the\n\
         type of the same name or any type derived from it, chosen by the\n\
         value's `@odata.type`.",
    ))];
    for &id in ctx.model.namespaces[ns].types.iter().filter(|&&id| ctx.model.is_polymorphic(id)) {
        enum_items(ctx, id, &mut items);
    }
    items
}

/// The enum of `id`, and the table of `polymorphic_impls!` for it.
fn enum_items(ctx: &Ctx, id: TypeId, items: &mut Vec<Item>) {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    let name = ident(&names.ident).to_string();
    let boxed = source_text(&ctx.std.boxed);
    // A variant for a type of another namespace exists only with that
    // namespace's feature (see `namespace_dependencies`).
    let own_ns = model.ty(id).namespace;
    let members = std::iter::once(id).chain(model.descendants(id));
    let mut variants = Vec::new();
    let mut rows = Vec::new();
    for (i, (t, v)) in members.zip(&names.poly_variants).enumerate() {
        let ty = model.ty(t);
        let feature = (ty.namespace != own_ns && ctx.namespace_features())
            .then(|| ctx.names.namespaces[ty.namespace.0 as usize].module.clone());
        let q = code_span(&ty.qualified);
        let doc = if i == 0 {
            format!("{q} itself, or a derived type this crate does not know (its members are kept in `extra`).")
        } else {
            format!("{q}.")
        };
        let path = source_text(&ctx.type_path(t));
        let v = ident(v).to_string();
        variants.push(Variant {
            attrs: Attrs { doc: Doc::generated(&doc), deprecated: None, feature: feature.clone(), allow: None },
            name: v.clone(),
            payload: Some(format!("{boxed}<{path}>")),
        });
        // Each derived type is matched by its namespace-qualified name and,
        // when its schema has one, its alias-qualified name.
        let mut type_names = vec![ty.qualified.clone()];
        if let Some(alias) = model.namespace_of(t).alias.as_ref().filter(|_| i > 0) {
            type_names.push(format!("{alias}.{}", ty.name));
        }
        rows.push(PolymorphicRow { feature, variant: v, path, names: type_names });
    }
    let doc = format!("A {} or a value of a type derived from it.", code_span(&model.ty(id).qualified));
    items.push(Item::Enum(Enum {
        attrs: Attrs { doc: Doc::generated(&doc), ..Attrs::default() },
        derives: "Clone, Debug, PartialEq",
        name: name.clone(),
        variants,
    }));
    items.push(Item::Table(Table { rt: source_text(&ctx.std.rt), body: TableBody::Polymorphic { ty: name, rows } }));
}
