//! Container modules: the entry points, one function per entity set and
//! singleton.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code_span, description};
use super::paths::{caps_note, caps_param, rules_value};
use super::{Ctx, ident};
use crate::model::Capabilities;

/// The module of container `index`.
pub fn emit(ctx: &Ctx, index: usize) -> TokenStream {
    let container = &ctx.model.containers[index];
    let names = &ctx.names.containers[index];
    let ns = &ctx.model.namespaces[container.namespace.0 as usize];
    let qualified = format!("{}.{}", ns.name, container.name);
    let header = format!(
        " Entry points of the `{qualified}` entity container: one function per entity set, singleton and operation import."
    );
    let (set_fns, singleton_fns) = names.functions.split_at(container.entity_sets.len());
    let sets = container.entity_sets.iter().zip(set_fns).map(|(set, f)| {
        let f = ident(f);
        let ty = ctx.type_path(set.entity_type);
        let json = &set.name;
        let root = ctx.root();
        let type_name = &ctx.model.ty(set.entity_type).qualified;
        let caps = ctx.model.path_caps(set.caps, set.entity_type);
        let note = caps_note(&caps, set.insertable, true);
        let rules = rules_value(ctx, &caps);
        let caps = caps_param(ctx, &caps, set.insertable);
        let mut paragraphs = description(&set.docs);
        paragraphs.push(format!(
            "The {} entity set ({}).{note}",
            code_span(json),
            code_span(&format!("Collection({type_name})"))
        ));
        let docs = Doc::new(&paragraphs, 1).tokens();
        quote! {
            #docs
            pub fn #f() -> #root::CollectionRef<#ty #caps> {
                #root::CollectionRef::restricted(::odata_runtime::request::Path::root(#json), #rules)
            }
        }
    });
    let singletons = container.singletons.iter().zip(singleton_fns).map(|(single, f)| {
        let f = ident(f);
        let ty = ctx.type_path(single.entity_type);
        let json = &single.name;
        let root = ctx.root();
        let type_name = &ctx.model.ty(single.entity_type).qualified;
        // A singleton cannot be deleted.
        let caps = Capabilities { deletable: Some(false), ..ctx.model.path_caps(single.caps, single.entity_type) };
        let rules = rules_value(ctx, &caps);
        let note = caps_note(&Capabilities { deletable: None, ..caps }, true, false);
        let caps = caps_param(ctx, &caps, true);
        let mut paragraphs = description(&single.docs);
        paragraphs.push(format!("The {} singleton ({}).{note}", code_span(json), code_span(type_name)));
        let docs = Doc::new(&paragraphs, 1).tokens();
        quote! {
            #docs
            pub fn #f() -> #root::EntityRef<#ty #caps> {
                #root::EntityRef::restricted(::odata_runtime::request::Path::root(#json), #rules)
            }
        }
    });
    let imports = super::operations::import_functions(ctx, index);
    quote! {
        #![doc = #header]
        #(#sets)*
        #(#singletons)*
        #imports
    }
}
