//! Structs for entity and complex types.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{deprecated, description, doc_attrs_keep_code};
use super::{ident, Ctx};
use crate::model::{Navigation, Property, TypeId, TypeRef, Target};

/// One field of a generated struct, from a property or navigation property.
struct Field<'a> {
    json: &'a str,
    ident: &'a str,
    ty: TypeRef,
    read_only: bool,
    docs: TokenStream,
}

fn property_docs(ctx: &Ctx, p: &Property) -> TokenStream {
    let mut paragraphs = description(&p.docs);
    let mut facts = format!("`{}`: `{}`", p.name, ctx.edm_name(&p.ty));
    if p.ty.collection {
        if !p.ty.nullable {
            facts.push_str(", items not null");
        }
    } else if !p.ty.nullable {
        facts.push_str(", never null");
    }
    if let Some(max) = &p.max_length {
        facts.push_str(&format!(", max length {max}"));
    }
    if let Some(default) = &p.default_value {
        // The default is written by the service: in code spans only its
        // backticks could matter, and they are replaced.
        facts.push_str(&format!(", service default `{}`", default.replace('`', "'")));
    }
    if p.read_only {
        facts.push_str("; read-only, not sent by create");
    }
    facts.push('.');
    paragraphs.push(facts);
    let attrs = doc_attrs_keep_code(&paragraphs, 1);
    let deprecated = deprecated(&p.docs);
    quote!(#attrs #deprecated)
}

fn navigation_docs(ctx: &Ctx, n: &Navigation) -> TokenStream {
    let mut paragraphs = description(&n.docs);
    let target = &ctx.model.ty(n.target).qualified;
    let shape = if n.collection { format!("Collection({target})") } else { target.clone() };
    let containment = if n.contains_target { ", contained" } else { "" };
    paragraphs.push(format!("`{}`: navigation to `{shape}`{containment}; present when expanded (`$expand`).", n.name));
    let attrs = doc_attrs_keep_code(&paragraphs, 1);
    let deprecated = deprecated(&n.docs);
    quote!(#attrs #deprecated)
}

/// The struct of entity or complex type `id`, with its serde impls.
pub fn emit(ctx: &Ctx, id: TypeId) -> TokenStream {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    let t = model.ty(id);
    let name = ident(&names.ident);
    let props = model.all_properties(id);
    let navs = model.all_navigation(id);
    let mut fields: Vec<Field> = Vec::with_capacity(props.len() + navs.len());
    for (i, (_, p)) in props.iter().enumerate() {
        fields.push(Field { json: &p.name, ident: &names.fields[i], ty: p.ty, read_only: p.read_only, docs: property_docs(ctx, p) });
    }
    for (j, (_, n)) in navs.iter().enumerate() {
        let ty = TypeRef { target: Target::Named(n.target), collection: n.collection, nullable: false };
        fields.push(Field { json: &n.name, ident: &names.fields[props.len() + j], ty, read_only: false, docs: navigation_docs(ctx, n) });
    }
    let docs = super::docs::type_docs(ctx, id);
    let qualified = &t.qualified;

    let declarations = fields.iter().map(|f| {
        let field = ident(f.ident);
        let ty = ctx.field_type(&f.ty);
        let docs = &f.docs;
        quote!(#docs pub #field: #ty,)
    });
    let lookup_arms = fields.iter().enumerate().map(|(i, f)| {
        let json = f.json;
        let index = Literal::u16_unsuffixed(i as u16);
        quote!(#json => #index,)
    });
    let read_arms = fields.iter().enumerate().map(|(i, f)| {
        let field = ident(f.ident);
        let index = Literal::u16_unsuffixed(i as u16);
        let reader = if f.ty.collection { quote!(collection) } else { quote!(single) };
        quote!(#index => ::odata_runtime::de::#reader(map, &mut self.#field),)
    });
    let writes = fields.iter().enumerate().map(|(i, f)| {
        let field = ident(f.ident);
        let json = f.json;
        let index = Literal::u16_unsuffixed(i as u16);
        let writer = if f.ty.collection { quote!(collection) } else { quote!(single) };
        let write = quote!(::odata_runtime::ser::#writer(map, #json, &self.#field, extra, #index)?;);
        if f.read_only {
            quote!(if mode == ::odata_runtime::WriteMode::Full { #write })
        } else {
            write
        }
    });
    let unused = if fields.is_empty() { quote!(let _ = extra;) } else { quote!() };
    let uses_mode = fields.iter().any(|f| f.read_only);
    let mode = if uses_mode { quote!(mode) } else { quote!(_mode) };
    let entity_impl = if model.is_entity(id) {
        let value = ctx.value_path(id);
        quote! {
            impl ::odata_runtime::EntityType for #name {
                type Value = #value;
            }
        }
    } else {
        quote!()
    };

    quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #name {
            #(#declarations)*
            /// JSON members this type does not declare (such as `@odata.type`
            /// and properties added to the service later), and which declared
            /// properties were sent as an explicit `null` or `[]`; kept so that
            /// serializing gives back the JSON that was read.
            pub extra: ::odata_runtime::Extra,
        }

        #[allow(deprecated)]
        impl ::odata_runtime::Structured for #name {
            const QUALIFIED_NAME: &'static str = #qualified;

            fn field_index(name: &str) -> ::core::option::Option<u16> {
                ::core::option::Option::Some(match name {
                    #(#lookup_arms)*
                    _ => return ::core::option::Option::None,
                })
            }

            fn read_field<'de, A: ::odata_runtime::serde::de::MapAccess<'de>>(
                &mut self,
                index: u16,
                map: &mut A,
            ) -> ::core::result::Result<::odata_runtime::de::Presence, A::Error> {
                match index {
                    #(#read_arms)*
                    _ => map
                        .next_value::<::odata_runtime::serde::de::IgnoredAny>()
                        .map(|_| ::odata_runtime::de::Presence::Value),
                }
            }

            fn write_fields<M: ::odata_runtime::serde::ser::SerializeMap>(
                &self,
                map: &mut M,
                #mode: ::odata_runtime::WriteMode,
            ) -> ::core::result::Result<(), M::Error> {
                let extra = &self.extra;
                #(#writes)*
                #unused
                ::core::result::Result::Ok(())
            }

            fn extra(&self) -> &::odata_runtime::Extra {
                &self.extra
            }

            fn extra_mut(&mut self) -> &mut ::odata_runtime::Extra {
                &mut self.extra
            }
        }

        impl ::odata_runtime::serde::Serialize for #name {
            fn serialize<S: ::odata_runtime::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                ::odata_runtime::ser::structured(self, ::core::option::Option::None, ::odata_runtime::WriteMode::Full, serializer)
            }
        }

        impl<'de> ::odata_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::odata_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::odata_runtime::de::structured(deserializer)
            }
        }

        impl ::odata_runtime::Payload for #name {
            fn serialize_as<S: ::odata_runtime::serde::Serializer>(
                &self,
                serializer: S,
                mode: ::odata_runtime::WriteMode,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::odata_runtime::ser::structured(self, ::core::option::Option::None, mode, serializer)
            }
        }

        #entity_impl
    }
}
