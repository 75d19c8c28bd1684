//! The renderer of the item IR ([`super::ir`]): items → source text, one
//! function per item kind, one blank line between items and between
//! methods.
//!
//! Items are laid out here rather than formatted from tokens: they are
//! flat lists of documented fields and table lines, and formatting them
//! was most of the time spent on a crate like Graph's. Everything that
//! varies with the metadata arrives decided (names, paths, doc lines);
//! string literals are escaped here, by `Literal::string` ([`Str`]), and
//! nothing else from the metadata is written. A field or a table line
//! stays on one line whatever its length; a function's signature and body
//! are broken over lines past 120 columns, as rustfmt would.

use std::fmt::Write as _;

use proc_macro2::Literal;

use super::ir::{Attrs, Enum, Expr, Fn, Impl, Item, Struct, Table, TableBody};

/// A string literal: what `Literal::string` writes. Most strings written
/// are JSON names made of letters, digits and a few marks, which need no
/// escape and are written as they are, without making a `Literal`.
struct Str<'a>(&'a str);

impl Str<'_> {
    fn plain(&self) -> bool {
        self.0.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'.' | b'_' | b'-' | b'@' | b'/' | b'#'))
    }

    /// Appends the literal to `out`.
    fn push_to(&self, out: &mut String) {
        if self.plain() {
            out.push('"');
            out.push_str(self.0);
            out.push('"');
        } else {
            out.push_str(&Literal::string(self.0).to_string());
        }
    }
}

impl std::fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.plain() { write!(f, "\"{}\"", self.0) } else { write!(f, "{}", Literal::string(self.0)) }
    }
}

/// The source text of `items`, with one blank line between them.
pub fn items(items: &[Item]) -> String {
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        item(&mut out, it);
    }
    out
}

fn item(out: &mut String, it: &Item) {
    match it {
        Item::InnerDoc(doc) => {
            for line in doc.lines() {
                out.push_str("//!");
                out.push_str(line);
                out.push('\n');
            }
        }
        Item::InnerAllow(lint) => writeln!(out, "#![allow({lint})]").unwrap(),
        Item::Struct(s) => struct_item(out, s),
        Item::Enum(e) => enum_item(out, e),
        Item::Alias { attrs, name, target } => {
            write_attrs(out, attrs, "");
            writeln!(out, "pub type {name} = {target};").unwrap();
        }
        Item::Impl(imp) => impl_item(out, imp),
        Item::Table(table) => table_item(out, table),
        Item::Mod { attrs, public, path, name } => {
            write_attrs(out, attrs, "");
            if let Some(path) = path {
                writeln!(out, "#[path = {}]", Str(path)).unwrap();
            }
            writeln!(out, "{}mod {name};", vis(*public)).unwrap();
        }
        Item::Use { attrs, public, path } => {
            write_attrs(out, attrs, "");
            writeln!(out, "{}use {path};", vis(*public)).unwrap();
        }
        Item::Const { attrs, name, ty, value } => {
            write_attrs(out, attrs, "");
            write!(out, "pub const {name}: {ty} = ").unwrap();
            expr(out, value);
            out.push_str(";\n");
        }
        // Free functions are not generic; `#[inline]` leaves them to be
        // compiled by the crates that call them, so building the generated
        // crate compiles none of its thousands of entry points.
        Item::Fn(f) => fn_item(out, f, "", true),
        Item::Methods { generics, self_ty, fns } => {
            writeln!(out, "impl{generics} {self_ty} {{").unwrap();
            for (i, f) in fns.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                fn_item(out, f, "    ", false);
            }
            out.push_str("}\n");
        }
        Item::Group(items) => {
            for it in items {
                item(out, it);
            }
        }
    }
}

fn vis(public: bool) -> &'static str {
    if public { "pub " } else { "" }
}

/// The width past which a signature or a body is broken over lines, as
/// rustfmt does with this workspace's `max_width`.
const WIDTH: usize = 120;

fn width(indent: &str, text: &str) -> usize {
    indent.len() + text.chars().count()
}

/// `pub fn <name>(<params>) -> <ret> { <body> }`: the signature on one
/// line when it fits, else one parameter per line; the body likewise.
fn fn_item(out: &mut String, f: &Fn, indent: &str, inline: bool) {
    write_attrs(out, &f.attrs, indent);
    if inline {
        writeln!(out, "{indent}#[inline]").unwrap();
    }
    let mut params = Vec::with_capacity(f.params.len() + 1);
    if f.receiver {
        params.push("&self".to_owned());
    }
    params.extend(f.params.iter().map(|(name, ty)| format!("{name}: {ty}")));
    let line = format!("pub fn {}({}) -> {} {{", f.name, params.join(", "), f.ret);
    if width(indent, &line) <= WIDTH || params.is_empty() {
        writeln!(out, "{indent}{line}").unwrap();
    } else {
        writeln!(out, "{indent}pub fn {}(", f.name).unwrap();
        for p in &params {
            writeln!(out, "{indent}    {p},").unwrap();
        }
        writeln!(out, "{indent}) -> {} {{", f.ret).unwrap();
    }
    body(out, &f.body, &format!("{indent}    "));
    writeln!(out, "{indent}}}").unwrap();
}

/// The one expression of a body, as lines: on one line when it fits;
/// else a chain of method calls one call per line, or a call's arguments
/// one per line.
fn body(out: &mut String, e: &Expr, indent: &str) {
    let flat = flat(e);
    if width(indent, &flat) <= WIDTH {
        writeln!(out, "{indent}{flat}").unwrap();
        return;
    }
    let mut links = Vec::new();
    let mut root = e;
    while let Expr::Method(receiver, method, args) = root {
        links.push((method, args));
        root = receiver;
    }
    links.reverse();
    if links.len() >= 2 {
        writeln!(out, "{indent}{}", self::flat(root)).unwrap();
        for (method, args) in links {
            write!(out, "{indent}    .{method}").unwrap();
            list(out, "(", args, ")");
            out.push('\n');
        }
        return;
    }
    let (head, args) = match e {
        Expr::Call(callee, args) => (callee.clone(), args),
        Expr::Method(receiver, method, args) => (format!("{}.{method}", self::flat(receiver)), args),
        _ => return writeln!(out, "{indent}{flat}").unwrap(),
    };
    writeln!(out, "{indent}{head}(").unwrap();
    for arg in args {
        writeln!(out, "{indent}    {},", self::flat(arg)).unwrap();
    }
    writeln!(out, "{indent})").unwrap();
}

fn flat(e: &Expr) -> String {
    let mut out = String::new();
    expr(&mut out, e);
    out
}

fn expr(out: &mut String, e: &Expr) {
    match e {
        Expr::Path(text) => out.push_str(text),
        Expr::Str(s) => write!(out, "{}", Str(s)).unwrap(),
        Expr::Ref(inner) => {
            out.push('&');
            expr(out, inner);
        }
        Expr::Call(callee, args) => {
            out.push_str(callee);
            list(out, "(", args, ")");
        }
        Expr::Method(receiver, method, args) => {
            expr(out, receiver);
            out.push('.');
            out.push_str(method);
            list(out, "(", args, ")");
        }
        Expr::Tuple(items) => list(out, "(", items, ")"),
        Expr::Array(items) => list(out, "[", items, "]"),
        Expr::As(inner, ty) => {
            expr(out, inner);
            write!(out, " as {ty}").unwrap();
        }
    }
}

fn list(out: &mut String, open: &str, items: &[Expr], close: &str) {
    out.push_str(open);
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, e);
    }
    out.push_str(close);
}

fn write_attrs(out: &mut String, attrs: &Attrs, indent: &str) {
    if let Some(feature) = &attrs.feature {
        writeln!(out, "{indent}#[cfg(feature = {})]", Str(feature)).unwrap();
    }
    attrs.doc.write(out, indent);
    if let Some(d) = &attrs.deprecated {
        d.write(out, indent);
    }
    if let Some(lint) = attrs.allow {
        writeln!(out, "{indent}#[allow({lint})]").unwrap();
    }
}

fn struct_item(out: &mut String, s: &Struct) {
    write_attrs(out, &s.attrs, "");
    writeln!(out, "#[derive({})]\npub struct {} {{", s.derives, s.name).unwrap();
    // The lines written most (Graph has 17,000 fields and 34,000 enum
    // members) are pushed piece by piece rather than formatted.
    for f in &s.fields {
        write_attrs(out, &f.attrs, "    ");
        for piece in ["    pub ", &f.name, ": ", &f.ty, ",\n"] {
            out.push_str(piece);
        }
    }
    out.push_str("}\n");
}

fn enum_item(out: &mut String, e: &Enum) {
    write_attrs(out, &e.attrs, "");
    writeln!(out, "#[derive({})]\npub enum {} {{", e.derives, e.name).unwrap();
    for v in &e.variants {
        write_attrs(out, &v.attrs, "    ");
        out.push_str("    ");
        out.push_str(&v.name);
        if let Some(ty) = &v.payload {
            out.push('(');
            out.push_str(ty);
            out.push(')');
        }
        out.push_str(",\n");
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
            writeln!(out, "{rt}::structured_impls! {{\n    {ty} = {} {{", Str(qualified)).unwrap();
            for r in rows {
                write!(out, "        {} ", r.index).unwrap();
                for piece in [&r.field, ": ", r.kind, " "] {
                    out.push_str(piece);
                }
                Str(&r.json).push_to(out);
                if r.read_only {
                    out.push_str(" read_only");
                }
                for piece in [" => ", &r.constant, ": ", &r.value, ";\n"] {
                    out.push_str(piece);
                }
            }
        }
        TableBody::Enum { ty, unrecognized, qualified, rows } => {
            writeln!(out, "{rt}::enum_impls! {{\n    {ty}({unrecognized}) = {} {{", Str(qualified)).unwrap();
            for r in rows {
                write!(out, "        {} ", r.index).unwrap();
                out.push_str(&r.variant);
                out.push_str(" = ");
                Str(&r.json).push_to(out);
                writeln!(out, ", {};", Literal::i64_unsuffixed(r.value)).unwrap();
            }
        }
        TableBody::Polymorphic { ty, rows } => {
            writeln!(out, "{rt}::polymorphic_impls! {{\n    {ty} {{").unwrap();
            for r in rows {
                if let Some(feature) = &r.feature {
                    writeln!(out, "        #[cfg(feature = {})]", Str(feature)).unwrap();
                }
                let names: Vec<String> = r.names.iter().map(|n| Str(n).to_string()).collect();
                writeln!(out, "        {}({}) = {};", r.variant, r.path, names.join(" | ")).unwrap();
            }
        }
        TableBody::Params { ty, rows } => {
            writeln!(out, "{rt}::params_impls! {{\n    {ty} {{").unwrap();
            for r in rows {
                let mode = if r.required { "required" } else { "optional" };
                writeln!(out, "        {}: {mode} {};", r.field, Str(&r.json)).unwrap();
            }
        }
    }
    out.push_str("    }\n}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Str`] writes what `Literal::string` does, for the names of the
    /// Graph v1.0 document and for strings that need escapes.
    #[test]
    fn string_literals_as_proc_macro2_writes_them() {
        let graph = include_str!("../../../tests/corpus/graph/msgraph-v1.0-cleanMetadata.xml");
        let names = graph.split("Name=\"").skip(1).filter_map(|rest| rest.split('"').next());
        let hostile = ["a\"b", "back\\slash", "tab\t", "new\nline", "é", "\u{202e}", "'", "{}", ""];
        for s in names.chain(hostile) {
            assert_eq!(Str(s).to_string(), Literal::string(s).to_string(), "{s:?}");
        }
    }
}
