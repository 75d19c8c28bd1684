//! Structs for entity and complex types.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{deprecated, description, doc_attrs_keep_code};
use super::{Ctx, Std, ident, source_text};
use crate::model::{Navigation, Property, Target, TypeId, TypeRef};

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

/// The struct of entity or complex type `id`; the invocation of the
/// runtime's `structured_impls!` that writes its serde impls; and, for an
/// entity type, its `EntityType` impl.
pub fn emit(ctx: &Ctx, id: TypeId) -> (TokenStream, String, TokenStream) {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    let t = model.ty(id);
    let name = ident(&names.ident);
    let props = model.all_properties(id);
    let navs = model.all_navigation(id);
    let mut fields: Vec<Field> = Vec::with_capacity(props.len() + navs.len());
    for (i, (_, p)) in props.iter().enumerate() {
        fields.push(Field {
            json: &p.name,
            ident: &names.fields[i],
            ty: p.ty,
            read_only: p.read_only,
            docs: property_docs(ctx, p),
        });
    }
    for (j, (_, n)) in navs.iter().enumerate() {
        let ty = TypeRef { target: Target::Named(n.target), collection: n.collection, nullable: false };
        fields.push(Field {
            json: &n.name,
            ident: &names.fields[props.len() + j],
            ty,
            read_only: false,
            docs: navigation_docs(ctx, n),
        });
    }
    let docs = super::docs::type_docs(ctx, id);
    let qualified = &t.qualified;
    let Std { rt, rt_import, .. } = &ctx.std;

    let declarations = fields.iter().map(|f| {
        let field = ident(f.ident);
        let ty = ctx.field_type(&f.ty);
        let docs = &f.docs;
        quote!(#docs pub #field: #ty,)
    });
    // The table from which the runtime's `structured_impls!` writes the
    // impls: one line per field.
    let mut table =
        format!("{}::structured_impls! {{\n    {} = {} {{\n", source_text(rt), names.ident, Literal::string(qualified));
    for (i, f) in fields.iter().enumerate() {
        let kind = if f.ty.collection { "collection" } else { "single" };
        let read_only = if f.read_only { " read_only" } else { "" };
        table.push_str(&format!("        {i} {}: {kind} {}{read_only};\n", ident(f.ident), Literal::string(f.json)));
    }
    table.push_str("    }\n}\n");
    let entity_impl = if model.is_entity(id) {
        let value = ctx.value_path(id);
        quote! {
            impl #rt::EntityType for #name {
                type Value = #value;
            }
        }
    } else {
        quote!()
    };

    let declaration = quote! {
        #rt_import

        #docs
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #name {
            #(#declarations)*
            /// JSON members this type does not declare (such as `@odata.type`
            /// and properties added to the service later), and which declared
            /// properties were sent as an explicit `null` or `[]`; kept so that
            /// serializing gives back the JSON that was read.
            pub extra: #rt::Extra,
        }
    };
    (declaration, table, entity_impl)
}
