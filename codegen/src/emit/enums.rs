//! Enums for enum types.

use super::docs::{Doc, code_span, deprecation, description, type_doc};
use super::ir::{Attrs, Enum, EnumRow, Item, Table, TableBody, Variant};
use super::{Ctx, ident, source_text};
use crate::model::{TypeId, TypeKind};

/// The items of enum type `id`: its enum, with one variant per member and
/// one that keeps values the crate does not know, so a service adding
/// members (Graph adds them after `unknownFutureValue`) never breaks
/// deserialization; and the table of its members from which the runtime's
/// `enum_impls!` writes its impls.
pub fn items(ctx: &Ctx, id: TypeId) -> Vec<Item> {
    let t = ctx.model.ty(id);
    let TypeKind::Enum(e) = &t.kind else { unreachable!("enums::items is called for enum types") };
    let names = ctx.names.ty(id);
    let name = ident(&names.ident).to_string();
    let unrecognized = ident(&names.unrecognized).to_string();
    let rt = source_text(&ctx.std.rt);

    let mut doc = type_doc(ctx, id);
    doc.push_generated(if e.is_flags {
        "Values of this flags type are `odata_runtime::Flags` of these members, written `\"a,b\"` in JSON."
    } else {
        "A value this crate does not know deserializes into the last variant and serializes back unchanged."
    });
    let mut variants = Vec::with_capacity(e.members.len() + 1);
    let mut rows = Vec::with_capacity(e.members.len());
    for (m, v) in e.members.iter().zip(&names.variants) {
        let v = ident(v).to_string();
        let mut paragraphs = description(&m.docs);
        paragraphs.push(format!("{} = {}.", code_span(&m.name), m.value));
        let attrs = Attrs { doc: Doc::new(&paragraphs, 1), deprecated: deprecation(&m.docs), ..Attrs::default() };
        variants.push(Variant { attrs, name: v.clone(), payload: None });
        rows.push(EnumRow { index: rows.len(), variant: v, json: m.name.clone(), value: m.value });
    }
    variants.push(Variant {
        attrs: Attrs {
            doc: Doc::generated("A value this crate does not know, kept as the service sent it."),
            ..Attrs::default()
        },
        name: unrecognized.clone(),
        payload: Some(source_text(&ctx.std.string)),
    });

    vec![
        Item::Enum(Enum {
            attrs: Attrs { doc, deprecated: deprecation(&t.docs), ..Attrs::default() },
            // `Clone` and `Debug` come from `enum_impls!`, from the table.
            derives: "PartialEq, Eq, Hash, PartialOrd, Ord",
            name: name.clone(),
            variants,
        }),
        Item::Table(Table {
            rt,
            body: TableBody::Enum { ty: name, unrecognized, qualified: t.qualified.clone(), rows },
        }),
    ]
}
