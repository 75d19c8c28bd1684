//! Enums for enum types.

use proc_macro2::Literal;

use super::docs::{deprecated_text, description, doc_comment_text, doc_lines};
use super::{Ctx, Std, ident, source_text};
use crate::model::{TypeId, TypeKind};

/// The enum of enum type `id`: one variant per member and one that keeps
/// values the crate does not know, so a service adding members (Graph
/// adds them after `unknownFutureValue`) never breaks deserialization; and
/// the invocation of the runtime's `enum_impls!` that writes its impls.
pub fn emit(ctx: &Ctx, id: TypeId) -> (String, String) {
    let t = ctx.model.ty(id);
    let TypeKind::Enum(e) = &t.kind else { unreachable!("enums::emit is called for enum types") };
    let names = ctx.names.ty(id);
    let name = ident(&names.ident);
    let unrecognized = ident(&names.unrecognized);
    let qualified = &t.qualified;
    let Std { string, rt, .. } = &ctx.std;

    // The table from which the runtime's `enum_impls!` writes the impls.
    let mut table = format!(
        "{}::enum_impls! {{\n    {name}({unrecognized}) = {} {{\n",
        source_text(rt),
        Literal::string(qualified)
    );
    for (m, v) in e.members.iter().zip(&names.variants) {
        let v = ident(v);
        table.push_str(&format!("        {v} = {}, {};\n", Literal::string(&m.name), Literal::i64_unsuffixed(m.value)));
    }
    table.push_str("    }\n}\n");
    let flags_note = if e.is_flags {
        " Values of this flags type are `odata_runtime::Flags` of these members, written `\"a,b\"` in JSON."
    } else {
        " A value this crate does not know deserializes into the last variant and serializes back unchanged."
    };
    // Laid out as source text, as struct declarations are (see `structs::emit`).
    let mut declaration = ctx.std.rt_import_text();
    let mut lines = super::docs::type_doc_lines(ctx, id);
    lines.push(String::new());
    lines.push(flags_note.to_owned());
    doc_comment_text(&mut declaration, &lines, "");
    deprecated_text(&mut declaration, &t.docs, "");
    declaration
        .push_str(&format!("#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum {name} {{\n"));
    for (m, v) in e.members.iter().zip(&names.variants) {
        let mut paragraphs = description(&m.docs);
        paragraphs.push(format!("`{}` = {}.", m.name, m.value));
        doc_comment_text(&mut declaration, &doc_lines(&paragraphs, 1), "    ");
        deprecated_text(&mut declaration, &m.docs, "    ");
        declaration.push_str(&format!("    {},\n", ident(v)));
    }
    declaration.push_str(&format!(
        "    /// A value this crate does not know, kept as the service sent it.\n    {unrecognized}({}),\n}}\n",
        source_text(string)
    ));
    (declaration, table)
}
