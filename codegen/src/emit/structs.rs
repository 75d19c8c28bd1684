//! Structs for entity and complex types.

use super::docs::{Doc, code_span, deprecation, description, type_doc};
use super::ir::{Attrs, Field, Impl, Item, Struct, StructuredRow, Table, TableBody};
use super::{Ctx, ident, source_text};
use crate::model::{Navigation, Property, Protocol, Target, TypeId, TypeRef};

fn property_docs(ctx: &Ctx, p: &Property) -> Doc {
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
    match (p.restrictions.no_filter, p.restrictions.no_sort) {
        (true, true) => facts.push_str("; the service refuses it in `$filter` and `$orderby`"),
        (true, false) => facts.push_str("; the service refuses it in `$filter`"),
        (false, true) => facts.push_str("; the service refuses it in `$orderby`"),
        (false, false) => {}
    }
    facts.push('.');
    paragraphs.push(facts);
    Doc::new(&paragraphs, 1)
}

fn navigation_docs(ctx: &Ctx, n: &Navigation) -> Doc {
    let mut paragraphs = description(&n.docs);
    let target = &ctx.model.ty(n.target).qualified;
    let shape = if n.collection { format!("Collection({target})") } else { target.clone() };
    let containment = if n.contains_target { ", contained" } else { "" };
    paragraphs.push(format!(
        "{}: navigation to {}{containment}; present when expanded (`$expand`).",
        code_span(&n.name),
        code_span(&shape)
    ));
    Doc::new(&paragraphs, 1)
}

/// The items of entity or complex type `id`: its struct; the table of
/// its fields from which the runtime's `structured_impls!` writes its
/// serde impls and property constants; and, for an entity type, its
/// `EntityType` impl.
pub fn items(ctx: &Ctx, id: TypeId) -> Vec<Item> {
    let model = ctx.model;
    let names = ctx.names.ty(id);
    let t = model.ty(id);
    let props = model.all_properties(id);
    let navs = model.all_navigation(id);
    let rt = source_text(&ctx.std.rt);
    let mut fields = Vec::with_capacity(props.len() + navs.len() + 1);
    let mut rows = Vec::with_capacity(props.len() + navs.len());
    let mut add = |json: &str, ty: TypeRef, read_only: bool, navigation: bool, attrs: Attrs| {
        let index = rows.len();
        let field = ident(&names.fields[index]).to_string();
        // OData v2's verbose JSON wraps collections in `{"results": …}` and
        // writes navigation properties not expanded as `{"__deferred": …}`.
        let kind = match (model.protocol, ty.collection, navigation) {
            (Protocol::V4, false, _) => "single",
            (Protocol::V4, true, _) => "collection",
            (Protocol::V2, false, false) => "single",
            (Protocol::V2, false, true) => "v2_single",
            (Protocol::V2, true, _) => "v2_collection",
        };
        rows.push(StructuredRow {
            index,
            field: field.clone(),
            kind,
            json: json.to_owned(),
            read_only,
            constant: names.prop_consts[index].clone(),
            value: source_text(&ctx.prop_value_type(&ty, navigation)),
        });
        fields.push(Field { attrs, name: field, ty: source_text(&ctx.field_type(&ty)) });
    };
    for (_, p) in &props {
        let attrs = Attrs { doc: property_docs(ctx, p), deprecated: deprecation(&p.docs), ..Attrs::default() };
        add(&p.name, p.ty, p.read_only, false, attrs);
    }
    for (_, n) in &navs {
        let ty = TypeRef { target: Target::Named(n.target), collection: n.collection, nullable: false };
        let attrs = Attrs { doc: navigation_docs(ctx, n), deprecated: deprecation(&n.docs), ..Attrs::default() };
        add(&n.name, ty, false, true, attrs);
    }
    fields.push(Field {
        attrs: Attrs {
            doc: Doc::generated(
                "JSON members this type does not declare (such as `@odata.type`\n\
                 and properties added to the service later), and which declared\n\
                 properties were sent as an explicit `null` or `[]`; kept so that\n\
                 serializing gives back the JSON that was read.",
            ),
            ..Attrs::default()
        },
        name: "extra".to_owned(),
        ty: format!("{rt}::Extra"),
    });
    let name = names.ident.clone();
    let mut items = Vec::with_capacity(3);
    items.push(Item::Struct(Struct {
        attrs: Attrs { doc: type_doc(ctx, id), deprecated: deprecation(&t.docs), ..Attrs::default() },
        derives: "Clone, Default, PartialEq",
        name: name.clone(),
        fields,
    }));
    items.push(Item::Table(Table {
        rt: rt.clone(),
        body: TableBody::Structured { ty: name.clone(), qualified: t.qualified.clone(), rows },
    }));
    if model.is_entity(id) {
        items.push(Item::Impl(Impl {
            trait_path: format!("{rt}::EntityType"),
            for_type: name,
            assoc_type: Some(("Value", source_text(&ctx.value_path(id)))),
        }));
    }
    items
}
