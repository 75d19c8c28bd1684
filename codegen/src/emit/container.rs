//! Container modules: the entry points, one function per entity set and
//! singleton.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{description, doc_attrs_keep_code};
use super::{Ctx, ident};

/// The module of container `index`.
pub fn emit(ctx: &Ctx, index: usize) -> TokenStream {
    let container = &ctx.model.containers[index];
    let names = &ctx.names.containers[index];
    let ns = &ctx.model.namespaces[container.namespace.0 as usize];
    let qualified = format!("{}.{}", ns.name, container.name);
    let header =
        format!(" Entry points of the `{qualified}` entity container: one function per entity set and singleton.");
    let (set_fns, singleton_fns) = names.functions.split_at(container.entity_sets.len());
    let sets = container.entity_sets.iter().zip(set_fns).map(|(set, f)| {
        let f = ident(f);
        let ty = ctx.type_path(set.entity_type);
        let json = &set.name;
        let type_name = &ctx.model.ty(set.entity_type).qualified;
        let (marker, note) = if set.insertable {
            (quote!(crate::Insertable), String::new())
        } else {
            (quote!(crate::ReadOnly), " The metadata does not allow creating entities in it.".to_owned())
        };
        let mut paragraphs = description(&set.docs);
        paragraphs.push(format!("The `{json}` entity set (`Collection({type_name})`).{note}"));
        let docs = doc_attrs_keep_code(&paragraphs, 1);
        quote! {
            #docs
            pub fn #f() -> crate::CollectionRef<#ty, #marker> {
                crate::CollectionRef::new(::odata_runtime::request::Path::root(#json))
            }
        }
    });
    let singletons = container.singletons.iter().zip(singleton_fns).map(|(single, f)| {
        let f = ident(f);
        let ty = ctx.type_path(single.entity_type);
        let json = &single.name;
        let type_name = &ctx.model.ty(single.entity_type).qualified;
        let mut paragraphs = description(&single.docs);
        paragraphs.push(format!("The `{json}` singleton (`{type_name}`)."));
        let docs = doc_attrs_keep_code(&paragraphs, 1);
        quote! {
            #docs
            pub fn #f() -> crate::EntityRef<#ty> {
                crate::EntityRef::new(::odata_runtime::request::Path::root(#json))
            }
        }
    });
    quote! {
        #![doc = #header]
        #(#sets)*
        #(#singletons)*
    }
}
