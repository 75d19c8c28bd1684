//! Polymorphic enums: for each type with derived types, an enum with one
//! variant per type of its hierarchy, chosen by `@odata.type`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Ctx, Part, Std, ident, source_text};
use crate::model::TypeId;

/// The `any` module of namespace `ns`: the polymorphic enums of its types,
/// each followed by the table of its variants from which the runtime's
/// `polymorphic_impls!` writes its impls.
pub fn emit_module(ctx: &Ctx, ns: usize) -> Vec<Part> {
    let import = &ctx.std.rt_import;
    let mut parts = vec![Part::Tokens(quote! {
        //! Values of types that have derived types: each enum here holds the
        //! type of the same name or any type derived from it, chosen by the
        //! value's `@odata.type`.
        #import
    })];
    for &id in ctx.model.namespaces[ns].types.iter().filter(|&&id| ctx.model.is_polymorphic(id)) {
        let (declaration, table) = emit_enum(ctx, id);
        parts.push(Part::Tokens(declaration));
        parts.push(Part::Verbatim(table));
    }
    parts
}

/// The enum of `id`, and the invocation of `polymorphic_impls!` for it.
fn emit_enum(ctx: &Ctx, id: TypeId) -> (TokenStream, String) {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    let name = ident(&names.ident);
    let qualified = &model.ty(id).qualified;
    let members: Vec<TypeId> = std::iter::once(id).chain(model.descendants(id)).collect();
    let variants: Vec<_> = names.poly_variants.iter().map(|v| ident(v)).collect();
    // A variant for a type of another namespace exists only with that
    // namespace's feature (see `namespace_dependencies`).
    let own_ns = model.ty(id).namespace;
    let features: Vec<Option<&str>> = members
        .iter()
        .map(|&t| {
            let ns = model.ty(t).namespace;
            (ns != own_ns && ctx.namespace_features()).then(|| ctx.names.namespaces[ns.0 as usize].module.as_str())
        })
        .collect();
    let gates = features.iter().map(|f| f.map(|feature| quote!(#[cfg(feature = #feature)])));
    let Std { boxed, rt, .. } = &ctx.std;

    let declarations = members.iter().zip(&variants).zip(gates).enumerate().map(|(i, ((&t, v), gate))| {
        let path = ctx.type_path(t);
        let q = &model.ty(t).qualified;
        let doc = if i == 0 {
            format!(" `{q}` itself, or a derived type this crate does not know (its members are kept in `extra`).")
        } else {
            format!(" `{q}`.")
        };
        quote!(#gate #[doc = #doc] #v(#boxed<#path>),)
    });
    // The table the runtime's macro expands into the enum's impls. Each
    // derived type is matched by its namespace-qualified name and, when its
    // schema has one, its alias-qualified name.
    let mut table = format!("{}::polymorphic_impls! {{\n    {} {{\n", source_text(rt), names.ident);
    for (i, ((&t, v), feature)) in members.iter().zip(&variants).zip(&features).enumerate() {
        let ty = model.ty(t);
        if let Some(feature) = feature {
            table.push_str(&format!("        #[cfg(feature = {})]\n", Literal::string(feature)));
        }
        table.push_str(&format!(
            "        {v}({}) = {}",
            source_text(&ctx.type_path(t)),
            Literal::string(&ty.qualified)
        ));
        if let Some(alias) = model.namespace_of(t).alias.as_ref().filter(|_| i > 0) {
            table.push_str(&format!(" | {}", Literal::string(&format!("{alias}.{}", ty.name))));
        }
        table.push_str(";\n");
    }
    table.push_str("    }\n}\n");
    let doc = format!(" A `{qualified}` or a value of a type derived from it.");
    let declaration = quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#declarations)*
        }
    };
    (declaration, table)
}
