//! Structs for entity and complex types.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{code_span, deprecated_text, description, doc_comment_text, doc_lines};
use super::{Ctx, Std, ident, source_text};
use crate::model::{Docs, Navigation, Property, Target, TypeId, TypeRef};

/// One field of a generated struct, from a property or navigation property.
struct Field<'a> {
    json: &'a str,
    ident: &'a str,
    ty: TypeRef,
    read_only: bool,
    /// From a navigation property.
    navigation: bool,
    /// The lines of its doc comment.
    doc_lines: Vec<String>,
    /// Its annotations, for `#[deprecated]`.
    docs: &'a Docs,
}

fn property_docs(ctx: &Ctx, p: &Property) -> Vec<String> {
    let mut paragraphs = description(&p.docs);
    let mut facts = format!("{}: {}", code_span(&p.name), code_span(&ctx.edm_name(&p.ty)));
    if p.ty.collection {
        if !p.ty.nullable {
            facts.push_str(", items not null");
        }
    } else if !p.ty.nullable {
        facts.push_str(", never null");
    }
    if let Some(max) = &p.max_length {
        facts.push_str(&format!(", max length {}", code_span(max)));
    }
    if let Some(default) = &p.default_value {
        facts.push_str(&format!(", service default {}", code_span(default)));
    }
    if p.read_only {
        facts.push_str("; read-only, not sent by create");
    }
    facts.push('.');
    paragraphs.push(facts);
    doc_lines(&paragraphs, 1)
}

fn navigation_docs(ctx: &Ctx, n: &Navigation) -> Vec<String> {
    let mut paragraphs = description(&n.docs);
    let target = &ctx.model.ty(n.target).qualified;
    let shape = if n.collection { format!("Collection({target})") } else { target.clone() };
    let containment = if n.contains_target { ", contained" } else { "" };
    paragraphs.push(format!(
        "{}: navigation to {}{containment}; present when expanded (`$expand`).",
        code_span(&n.name),
        code_span(&shape)
    ));
    doc_lines(&paragraphs, 1)
}

/// The struct of entity or complex type `id`; the invocation of the
/// runtime's `structured_impls!` that writes its serde impls; and, for an
/// entity type, its `EntityType` impl.
///
/// The struct and the table are laid out here as source text rather than
/// formatted from tokens: they are a flat list of documented fields, and
/// formatting them was most of the time spent on a crate like Graph's.
/// They are made only of names from [`crate::names`], Rust paths of them,
/// escaped string literals and sanitized doc lines (see [`doc_lines`]).
pub fn emit(ctx: &Ctx, id: TypeId) -> (String, String, TokenStream) {
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
            navigation: false,
            doc_lines: property_docs(ctx, p),
            docs: &p.docs,
        });
    }
    for (j, (_, n)) in navs.iter().enumerate() {
        let ty = TypeRef { target: Target::Named(n.target), collection: n.collection, nullable: false };
        fields.push(Field {
            json: &n.name,
            ident: &names.fields[props.len() + j],
            ty,
            read_only: false,
            navigation: true,
            doc_lines: navigation_docs(ctx, n),
            docs: &n.docs,
        });
    }
    let qualified = &t.qualified;
    let Std { rt, .. } = &ctx.std;
    let rt_text = source_text(rt);

    let mut declaration = ctx.std.rt_import_text();
    doc_comment_text(&mut declaration, &super::docs::type_doc_lines(ctx, id), "");
    deprecated_text(&mut declaration, &t.docs, "");
    declaration.push_str(&format!("#[derive(Clone, Debug, Default, PartialEq)]\npub struct {name} {{\n"));
    for f in &fields {
        doc_comment_text(&mut declaration, &f.doc_lines, "    ");
        deprecated_text(&mut declaration, f.docs, "    ");
        declaration.push_str(&format!("    pub {}: {},\n", ident(f.ident), source_text(&ctx.field_type(&f.ty))));
    }
    declaration.push_str(&format!(
        "    /// JSON members this type does not declare (such as `@odata.type`\n    \
         /// and properties added to the service later), and which declared\n    \
         /// properties were sent as an explicit `null` or `[]`; kept so that\n    \
         /// serializing gives back the JSON that was read.\n    \
         pub extra: {rt_text}::Extra,\n}}\n"
    ));
    // The table from which the runtime's `structured_impls!` writes the
    // impls: one line per field.
    let mut table =
        format!("{}::structured_impls! {{\n    {} = {} {{\n", source_text(rt), names.ident, Literal::string(qualified));
    for (i, f) in fields.iter().enumerate() {
        let kind = if f.ty.collection { "collection" } else { "single" };
        let read_only = if f.read_only { " read_only" } else { "" };
        let value = source_text(&ctx.prop_value_type(&f.ty, f.navigation));
        table.push_str(&format!(
            "        {i} {}: {kind} {}{read_only} => {}: {value};\n",
            ident(f.ident),
            Literal::string(f.json),
            names.prop_consts[i]
        ));
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

    (declaration, table, entity_impl)
}
