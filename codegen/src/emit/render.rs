//! The renderer of the item IR ([`super::ir`]): items → source text, one
//! function per item kind, one blank line between items.
//!
//! Items are laid out here rather than formatted from tokens: they are
//! flat lists of documented fields and table lines, and formatting them
//! was most of the time spent on a crate like Graph's. Everything that
//! varies with the metadata arrives decided (names, paths, doc lines);
//! string literals are escaped here, by `Literal::string`, and nothing
//! else from the metadata is written. Lines are not wrapped: a field or a
//! table line stays on one line whatever its length.

use std::fmt::Write as _;

use proc_macro2::Literal;

use super::ir::{Attrs, Enum, Impl, Item, Struct, Table, TableBody};

/// The source text of `items`, with one blank line between them.
pub fn items(items: &[Item]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match item {
            Item::InnerDoc(doc) => {
                for line in doc.lines() {
                    out.push_str("//!");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Item::UseRuntime(alias) => writeln!(out, "use ::odata_runtime as {alias};").unwrap(),
            Item::Struct(s) => struct_item(&mut out, s),
            Item::Enum(e) => enum_item(&mut out, e),
            Item::Alias { attrs, name, target } => {
                write_attrs(&mut out, attrs, "");
                writeln!(out, "pub type {name} = {target};").unwrap();
            }
            Item::Impl(imp) => impl_item(&mut out, imp),
            Item::Table(table) => table_item(&mut out, table),
        }
    }
    out
}

fn write_attrs(out: &mut String, attrs: &Attrs, indent: &str) {
    if let Some(feature) = &attrs.feature {
        writeln!(out, "{indent}#[cfg(feature = {})]", Literal::string(feature)).unwrap();
    }
    attrs.doc.write(out, indent);
    if let Some(d) = &attrs.deprecated {
        d.write(out, indent);
    }
}

fn struct_item(out: &mut String, s: &Struct) {
    write_attrs(out, &s.attrs, "");
    writeln!(out, "#[derive({})]\npub struct {} {{", s.derives, s.name).unwrap();
    for f in &s.fields {
        write_attrs(out, &f.attrs, "    ");
        writeln!(out, "    pub {}: {},", f.name, f.ty).unwrap();
    }
    out.push_str("}\n");
}

fn enum_item(out: &mut String, e: &Enum) {
    write_attrs(out, &e.attrs, "");
    writeln!(out, "#[derive({})]\npub enum {} {{", e.derives, e.name).unwrap();
    for v in &e.variants {
        write_attrs(out, &v.attrs, "    ");
        match &v.payload {
            Some(ty) => writeln!(out, "    {}({ty}),", v.name).unwrap(),
            None => writeln!(out, "    {},", v.name).unwrap(),
        }
    }
    out.push_str("}\n");
}

fn impl_item(out: &mut String, imp: &Impl) {
    match &imp.assoc_type {
        Some((name, ty)) => {
            writeln!(out, "impl {} for {} {{\n    type {name} = {ty};\n}}", imp.trait_path, imp.for_type).unwrap()
        }
        None => writeln!(out, "impl {} for {} {{}}", imp.trait_path, imp.for_type).unwrap(),
    }
}

fn table_item(out: &mut String, table: &Table) {
    let rt = &table.rt;
    match &table.body {
        TableBody::Structured { ty, qualified, rows } => {
            writeln!(out, "{rt}::structured_impls! {{\n    {ty} = {} {{", Literal::string(qualified)).unwrap();
            for r in rows {
                let kind = if r.collection { "collection" } else { "single" };
                let read_only = if r.read_only { " read_only" } else { "" };
                writeln!(
                    out,
                    "        {} {}: {kind} {}{read_only} => {}: {};",
                    r.index,
                    r.field,
                    Literal::string(&r.json),
                    r.constant,
                    r.value
                )
                .unwrap();
            }
        }
        TableBody::Enum { ty, unrecognized, qualified, rows } => {
            writeln!(out, "{rt}::enum_impls! {{\n    {ty}({unrecognized}) = {} {{", Literal::string(qualified))
                .unwrap();
            for r in rows {
                writeln!(
                    out,
                    "        {} = {}, {};",
                    r.variant,
                    Literal::string(&r.json),
                    Literal::i64_unsuffixed(r.value)
                )
                .unwrap();
            }
        }
        TableBody::Polymorphic { ty, rows } => {
            writeln!(out, "{rt}::polymorphic_impls! {{\n    {ty} {{").unwrap();
            for r in rows {
                if let Some(feature) = &r.feature {
                    writeln!(out, "        #[cfg(feature = {})]", Literal::string(feature)).unwrap();
                }
                let names: Vec<String> = r.names.iter().map(|n| Literal::string(n).to_string()).collect();
                writeln!(out, "        {}({}) = {};", r.variant, r.path, names.join(" | ")).unwrap();
            }
        }
        TableBody::Params { ty, rows } => {
            writeln!(out, "{rt}::params_impls! {{\n    {ty} {{").unwrap();
            for r in rows {
                let mode = if r.required { "required" } else { "optional" };
                writeln!(out, "        {}: {mode} {};", r.field, Literal::string(&r.json)).unwrap();
            }
        }
    }
    out.push_str("    }\n}\n");
}
