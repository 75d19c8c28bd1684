//! Doc comments from the metadata's descriptions.
//!
//! Description text is untrusted: it goes into `#[doc = "..."]` string
//! literals (so it cannot end a comment or add an item), one attribute per
//! line, and is made inert as Markdown: lines are trimmed (no indented code
//! blocks, so rustdoc never runs a description as a doctest), backticks,
//! brackets and angle brackets are escaped (no code fences, no broken
//! intra-doc links, no HTML), bare URLs become autolinks, and control and
//! bidirectional-override characters are dropped.

use std::borrow::Cow;

use super::Ctx;
use crate::model::{Docs, TypeId, TypeKind};

/// Characters dropped from descriptions: controls, the bidirectional
/// overrides rustc refuses in comments, and the Unicode line and paragraph
/// separators (which some tools show as line breaks).
fn dropped(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}'
        )
}

/// `text` without the [`dropped`] characters, tabs as spaces, and
/// backticks as `tick`. Nearly every text is printable ASCII (without a
/// backtick, where one is replaced), and is returned as it is.
fn cleaned(text: &str, tick: char) -> Cow<'_, str> {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b) && (b != b'`' || tick == '`')) {
        return Cow::Borrowed(text);
    }
    let map = |c| match c {
        '\t' => ' ',
        '`' => tick,
        c => c,
    };
    Cow::Owned(text.chars().filter(|c| !dropped(*c)).map(map).collect())
}

/// One line of description text made inert as Markdown.
pub fn sanitize_line(line: &str) -> String {
    let cleaned = cleaned(line, '`');
    let line = cleaned.trim();
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"].iter().filter_map(|p| rest.find(p)).min();
        let (text, tail) = match url_at {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        escape_into(&mut out, text);
        if tail.is_empty() {
            break;
        }
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']' | '\\'))
            .unwrap_or(tail.len());
        let mut url = &tail[..end];
        while url.ends_with(['.', ',', ';', ':', ')', '!', '?', '\'']) {
            url = &url[..url.len() - 1];
        }
        if url.len() <= "https://".len() {
            escape_into(&mut out, url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &tail[url.len()..];
    }
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '~' | '[' | ']' | '<' | '>' | '*' | '_' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// The lines of a doc comment for paragraphs of description text (each
/// may span lines), sanitized; an empty line separates paragraphs. Each
/// line is the text of one `#[doc]` attribute: a space, then the text.
fn description_lines(paragraphs: &[String], lines: &mut Vec<String>) {
    for paragraph in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        for line in paragraph.lines() {
            let line = sanitize_line(line);
            if !line.is_empty() {
                lines.push(format!(" {line}"));
            }
        }
    }
}

/// Metadata text (a name, a default value, a type) shown as code in the
/// generator's own doc text: line breaks, controls and bidirectional
/// overrides removed, so it cannot start a new line (no indented code
/// block, no fence, no doctest), and backticks replaced, so it cannot end
/// the code span. Every piece of metadata text in a generated paragraph
/// goes through here or through [`sanitize_line`].
pub fn code_span(text: &str) -> String {
    let cleaned = cleaned(text, '\'');
    let cleaned = cleaned.trim();
    let mut out = String::with_capacity(cleaned.len() + 2);
    out.push('`');
    out.push_str(cleaned);
    out.push('`');
    out
}

/// Text that the generator writes itself (type names, facets): only
/// backticks are meaningful in it.
pub fn plain(text: &str) -> String {
    text.to_owned()
}

/// The description paragraphs of `docs`.
pub fn description(docs: &Docs) -> Vec<String> {
    docs.description.iter().chain(docs.long_description.iter()).cloned().collect()
}

/// The doc comment of a type.
pub fn type_doc(ctx: &Ctx, id: TypeId) -> Doc {
    let model = ctx.model;
    let t = model.ty(id);
    let mut paragraphs = description(&t.docs);
    let what = match &t.kind {
        TypeKind::Entity(s) | TypeKind::Complex(s) => {
            let kind = if model.is_entity(id) { "entity type" } else { "complex type" };
            let mut line = format!("`{}`: {}{kind}", t.qualified, if s.is_abstract { "abstract " } else { "" });
            if let Some(base) = s.base {
                line.push_str(&format!(" derived from `{}`", model.ty(base).qualified));
            }
            if s.open_type {
                line.push_str("; open (dynamic properties are kept in `extra`)");
            }
            if s.has_stream {
                line.push_str("; media entity (has a stream)");
            }
            if model.is_entity(id) {
                let key: Vec<&str> = model.key(id).iter().map(|k| k.name.as_str()).collect();
                if key.is_empty() {
                    line.push_str("; no key");
                } else {
                    line.push_str(&format!("; key `{}`", key.join("`, `")));
                }
            }
            line.push('.');
            line
        }
        TypeKind::Enum(e) => {
            let flags = if e.is_flags { "flags " } else { "" };
            format!("`{}`: {flags}enum type over `Edm.{}`.", t.qualified, e.underlying.name())
        }
        TypeKind::Definition(d) => format!("`{}`: type definition over `Edm.{}`.", t.qualified, d.underlying.name()),
    };
    paragraphs.push(plain(&what));
    Doc::new(&paragraphs, 1)
}

/// A doc comment: lines that went through this module, the only way
/// emitted code gets docs, so that no metadata text reaches them unmade
/// inert. Each line is the text of one `#[doc]` attribute (a space, then
/// the text, or nothing) and holds no line break or other control
/// character.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// Paragraphs of description text (each may span lines), sanitized;
    /// the last `generated` paragraphs are the generator's own text, which
    /// carries metadata text only through [`code_span`], and keep their
    /// backticks.
    pub fn new(paragraphs: &[String], generated: usize) -> Doc {
        let split = paragraphs.len().saturating_sub(generated);
        let mut doc = Doc::default();
        description_lines(&paragraphs[..split], &mut doc.lines);
        for p in &paragraphs[split..] {
            doc.push_generated(p);
        }
        doc
    }

    /// One paragraph of the generator's own text.
    pub fn generated(text: &str) -> Doc {
        let mut doc = Doc::default();
        doc.push_generated(text);
        doc
    }

    /// Appends a paragraph of the generator's own text.
    pub fn push_generated(&mut self, text: &str) {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        for line in text.lines() {
            self.lines.push(inert_start(line));
        }
    }

    /// The text of each `#[doc]` attribute.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// As source text, each line indented by `indent`: `///` line comments,
    /// which rustc reads as the same `#[doc]` attributes. A line comment
    /// ends only at a line break, and there is none in the text (a line that
    /// had a control character anyway would be written as an attribute with
    /// an escaped string literal instead).
    pub fn write(&self, out: &mut String, indent: &str) {
        for line in &self.lines {
            out.push_str(indent);
            // ASCII lines (nearly all) are checked byte by byte.
            let control = if line.is_ascii() {
                line.bytes().any(|b| b.is_ascii_control())
            } else {
                line.chars().any(char::is_control)
            };
            if control {
                out.push_str(&format!("#[doc = {}]\n", proc_macro2::Literal::string(line)));
            } else {
                out.push_str("///");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
}

/// The note of `#[deprecated]`, controls dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct Deprecation(String);

/// The deprecation of an element, when the service deprecated it.
pub fn deprecation(docs: &Docs) -> Option<Deprecation> {
    docs.deprecated.as_ref().map(|note| Deprecation(note.chars().filter(|c| !dropped(*c)).collect()))
}

impl Deprecation {
    /// `#[deprecated]` as source text.
    pub fn write(&self, out: &mut String, indent: &str) {
        out.push_str(&format!("{indent}#[deprecated(note = {})]\n", proc_macro2::Literal::string(&self.0)));
    }
}

/// A line of the generator's own text, which carries metadata text only
/// through [`code_span`]: controls dropped, and, whatever the line holds,
/// it cannot start a code block (no leading whitespace, a leading fence
/// escaped). The text of its `#[doc]` attribute: a space, then the line.
fn inert_start(line: &str) -> String {
    let line = cleaned(line, '`');
    let line = line.trim_start();
    let fence = line.starts_with("```") || line.starts_with("~~~");
    let mut out = String::with_capacity(line.len() + 2);
    out.push_str(if fence { " \\" } else { " " });
    out.push_str(line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_inert() {
        assert_eq!(sanitize_line("    indented code"), "indented code");
        assert_eq!(sanitize_line("```rust"), "\\`\\`\\`rust");
        assert_eq!(sanitize_line("see [user] and <br>"), "see \\[user\\] and \\<br\\>");
        assert_eq!(sanitize_line("Docs: https://aka.ms/x."), "Docs: <https://aka.ms/x>.");
        assert_eq!(sanitize_line("a\u{202E}b\u{0}c"), "abc");
        assert_eq!(sanitize_line("*/ fn x() {}"), "\\*/ fn x() {}");
        assert_eq!(sanitize_line("odata_type #1 | a"), "odata\\_type \\#1 \\| a");
        assert_eq!(code_span("x\n    let a = 1;\u{2028}```"), "`x    let a = 1;'''`");
    }

    /// Written as `///` comments, hostile text stays inside the comments:
    /// the source lexes to doc attributes and nothing else.
    #[test]
    fn doc_comments_hold_only_docs() {
        let hostile = [
            "line one\nfn injected() {}".to_owned(),
            "cr\r}} fn x() {} //".to_owned(),
            "nel\u{85}fn y() {}\u{2028}sep */ /*".to_owned(),
            "\"quoted\" \\ and #[attr]".to_owned(),
        ];
        let doc = Doc::new(&hostile, 1);
        let lines = doc.lines();
        assert!(lines.iter().all(|l| !l.contains(['\n', '\r'])), "{lines:?}");
        let mut text = String::new();
        doc.write(&mut text, "    ");
        let mut unusual = Doc { lines: vec![" with\u{7}bell".to_owned()] };
        unusual.lines.extend(lines.iter().cloned());
        unusual.write(&mut text, "");
        let tokens: proc_macro2::TokenStream = text.parse().expect("doc comments lex");
        let mut iter = tokens.into_iter();
        let mut attrs = 0;
        while let Some(t) = iter.next() {
            match (t, iter.next()) {
                (proc_macro2::TokenTree::Punct(p), Some(proc_macro2::TokenTree::Group(g))) if p.as_char() == '#' => {
                    let inner: Vec<String> = g.stream().into_iter().map(|t| t.to_string()).collect();
                    assert_eq!(inner.first().map(String::as_str), Some("doc"), "{inner:?}");
                    assert_eq!(inner.len(), 3, "doc = \"...\": {inner:?}");
                    attrs += 1;
                }
                other => panic!("not a doc attribute: {other:?}"),
            }
        }
        assert_eq!(attrs, lines.len() * 2 + 1);
    }
}
