//! Polymorphic enums: for each type with derived types, an enum with one
//! variant per type of its hierarchy, chosen by `@odata.type`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, Std, ident};
use crate::model::TypeId;

/// The `any` module of namespace `ns`: the polymorphic enums of its types.
pub fn emit_module(ctx: &Ctx, ns: usize) -> TokenStream {
    let bases = ctx.model.namespaces[ns].types.iter().copied().filter(|&id| ctx.model.is_polymorphic(id));
    let enums = bases.map(|id| emit_enum(ctx, id));
    let import = &ctx.std.rt_import;
    quote! {
        //! Values of types that have derived types: each enum here holds the
        //! type of the same name or any type derived from it, chosen by the
        //! value's `@odata.type`.
        #import
        #(#enums)*
    }
}

fn emit_enum(ctx: &Ctx, id: TypeId) -> TokenStream {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    let name = ident(&names.ident);
    let qualified = &model.ty(id).qualified;
    let members: Vec<TypeId> = std::iter::once(id).chain(model.descendants(id)).collect();
    let variants: Vec<_> = names.poly_variants.iter().map(|v| ident(v)).collect();
    // A variant for a type of another namespace exists only with that
    // namespace's feature (see `namespace_dependencies`).
    let own_ns = model.ty(id).namespace;
    let gates: Vec<TokenStream> = members
        .iter()
        .map(|&t| {
            let ns = model.ty(t).namespace;
            if ns == own_ns {
                quote!()
            } else {
                let feature = &ctx.names.namespaces[ns.0 as usize].module;
                quote!(#[cfg(feature = #feature)])
            }
        })
        .collect();
    let base_variant = &variants[0];
    let Std { option, some, none, boxed, result, ok, rt, .. } = &ctx.std;

    let declarations = members.iter().zip(&variants).zip(&gates).enumerate().map(|(i, ((&t, v), gate))| {
        let path = ctx.type_path(t);
        let q = &model.ty(t).qualified;
        let doc = if i == 0 {
            format!(" `{q}` itself, or a derived type this crate does not know (its members are kept in `extra`).")
        } else {
            format!(" `{q}`.")
        };
        quote!(#gate #[doc = #doc] #v(#boxed<#path>),)
    });
    // Each type is matched by its namespace-qualified name and, when its
    // schema has one, its alias-qualified name.
    let dispatch_arms = members.iter().zip(&variants).zip(&gates).skip(1).map(|((&t, v), gate)| {
        let ty = model.ty(t);
        let ns = model.namespace_of(t);
        let mut patterns = vec![ty.qualified.clone()];
        if let Some(alias) = &ns.alias {
            patterns.push(format!("{alias}.{}", ty.name));
        }
        quote!(#gate #some(#(#patterns)|*) => Self::#v(#rt::de::boxed(deserializer)?),)
    });
    let serialize_arms = members.iter().zip(&variants).zip(&gates).enumerate().map(|(i, ((&t, v), gate))| {
        if i == 0 {
            quote!(Self::#v(value) => #rt::ser::structured(&**value, #none, mode, serializer),)
        } else {
            let type_name = format!("#{}", model.ty(t).qualified);
            quote!(#gate Self::#v(value) => #rt::ser::structured(&**value, #some(#type_name), mode, serializer),)
        }
    });
    let from_impls = members.iter().zip(&variants).zip(&gates).map(|((&t, v), gate)| {
        let path = ctx.type_path(t);
        quote! {
            #gate
            impl ::core::convert::From<#path> for #name {
                fn from(value: #path) -> Self {
                    Self::#v(#boxed::new(value))
                }
            }
        }
    });
    let odata_type_arms = members.iter().zip(&variants).zip(&gates).map(|((&t, v), gate)| {
        let q = &model.ty(t).qualified;
        quote!(#gate Self::#v(_) => #q,)
    });
    let doc = format!(" A `{qualified}` or a value of a type derived from it.");

    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#declarations)*
        }

        impl #name {
            /// The qualified name of the type this value is held as. For the
            /// base variant that is the base type, even when the value's
            /// `@odata.type` names a type this crate does not know.
            pub fn type_name(&self) -> &'static str {
                match self {
                    #(#odata_type_arms)*
                }
            }
        }

        #(#from_impls)*

        impl #rt::Polymorphic for #name {
            fn dispatch<'de, D: #rt::serde::Deserializer<'de>>(
                odata_type: #option<&str>,
                deserializer: D,
            ) -> #result<Self, D::Error> {
                #ok(match odata_type {
                    #(#dispatch_arms)*
                    _ => Self::#base_variant(#rt::de::boxed(deserializer)?),
                })
            }
        }

        #rt::polymorphic_impls!(#name);

        impl #rt::Payload for #name {
            fn serialize_as<S: #rt::serde::Serializer>(
                &self,
                serializer: S,
                mode: #rt::WriteMode,
            ) -> #result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                }
            }
        }
    }
}
