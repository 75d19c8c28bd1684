//! The streaming reader: quick-xml events → [`raw`](super::raw) structures.
//!
//! One pass over the events with an explicit stack of frames, one per open
//! element; no recursion, so nesting depth cannot overflow the stack, and a
//! depth limit bounds the stack itself. Unknown elements are skipped with
//! their whole subtree.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::attrs::{Attrs, MAX_VALUE_BYTES};
use super::expr::{self, ElementKind};
use super::raw::*;
use crate::codes;
use crate::diag::{Diagnostic, FileId, Location, Severity};

mod grammar;
mod sap;
mod v2;

use grammar::{Frame, Ns, attach};

/// The deepest element nesting accepted. Real CSDL nests about ten deep
/// (annotation records in collections in records).
pub const MAX_DEPTH: usize = 256;

/// The EDMX namespace of OData v4.
pub const EDMX_NS: &str = "http://docs.oasis-open.org/odata/ns/edmx";
/// The CSDL namespace of OData v4.
pub const EDM_NS: &str = "http://docs.oasis-open.org/odata/ns/edm";
/// The EDMX namespace of OData v1-v3.
const EDMX_V3_NS: &str = "http://schemas.microsoft.com/ado/2007/06/edmx";
/// CSDL namespaces of OData v1-v3.
const EDM_V3_NS: &[&str] = &[
    "http://schemas.microsoft.com/ado/2006/04/edm",
    "http://schemas.microsoft.com/ado/2007/05/edm",
    "http://schemas.microsoft.com/ado/2008/01/edm",
    "http://schemas.microsoft.com/ado/2008/09/edm",
    "http://schemas.microsoft.com/ado/2009/11/edm",
];

/// Reads a CSDL document. Errors go to `errors`; `None` when the document
/// could not be read far enough to be worth resolving.
pub fn read(
    file: FileId,
    text: &str,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let mut reader = Reader {
        file,
        text,
        xml: NsReader::from_str(text),
        stack: Vec::new(),
        errors,
        warnings,
        document: None,
        legacy_ns: false,
        protocol: Protocol::V4,
    };
    let config = reader.xml.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    reader.run();
    let mut document = reader.document?;
    if document.protocol == Protocol::V2 {
        v2::lower(&mut document, errors);
    }
    Some(document)
}

struct Reader<'a, 'd> {
    file: FileId,
    text: &'a str,
    xml: NsReader<&'a [u8]>,
    stack: Vec<(Frame, Location)>,
    errors: &'d mut Vec<Diagnostic>,
    warnings: &'d mut Vec<Diagnostic>,
    document: Option<Document>,
    /// The document says `Version="4.0"` but uses the OData v3 namespaces
    /// (some SAP tools write this), or is an OData v1-v3 document; they are
    /// read as the v4 ones.
    legacy_ns: bool,
    /// What the root element says: an OData v1-v3 document is read with
    /// the grammar of OData v2 (associations, function imports).
    protocol: Protocol,
}

impl<'a> Reader<'a, '_> {
    fn at(&self, pos: u64, len: usize) -> Location {
        Location { file: self.file, pos: pos as u32, len: len as u32 }
    }

    fn run(&mut self) {
        let mut root_done = false;
        loop {
            let before = self.xml.buffer_position();
            let event = match self.xml.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let pos = self.xml.error_position();
                    let message = match &e {
                        quick_xml::Error::Escape(e) => {
                            self.errors.push(Diagnostic::error(codes::ENTITY, e.to_string()).at(self.at(pos, 0)));
                            return;
                        }
                        e => e.to_string(),
                    };
                    self.errors.push(Diagnostic::error(codes::XML_SYNTAX, message).at(self.at(pos, 0)));
                    return;
                }
            };
            match event {
                Event::Start(e) | Event::Empty(e) if root_done => {
                    let loc = self.at(before, e.name().0.len() + 1);
                    self.errors.push(Diagnostic::error(codes::XML_SYNTAX, "content after the root element").at(loc));
                    return;
                }
                Event::Start(e) => {
                    if !self.start(&e, before) {
                        return;
                    }
                }
                Event::Empty(e) => {
                    if !self.start(&e, before) {
                        return;
                    }
                    root_done = self.end();
                }
                Event::End(_) => root_done = self.end(),
                Event::Text(t) => {
                    let content = t.xml10_content();
                    self.text_content(&content, before);
                }
                Event::CData(t) => {
                    let content = t.xml10_content();
                    self.text_content(&content, before);
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned),
                        Err(e) => {
                            self.errors.push(Diagnostic::error(codes::ENTITY, e.to_string()).at(self.at(before, 0)));
                            return;
                        }
                    };
                    match resolved {
                        Some(s) => self.text_content(&s, before),
                        None => {
                            let name: &str = &r;
                            self.errors.push(
                                Diagnostic::error(codes::ENTITY, format!("entity `&{name};` is not defined"))
                                    .at(self.at(before, name.len() + 2))
                                    .with_help("only `&amp;`, `&lt;`, `&gt;`, `&apos;`, `&quot;` and character references are allowed"),
                            );
                            return;
                        }
                    }
                }
                Event::DocType(_) => {
                    self.errors.push(
                        Diagnostic::error(
                            codes::DTD,
                            "the document has a DOCTYPE declaration; CSDL documents must not",
                        )
                        .at(self.at(before, 9)),
                    );
                    return;
                }
                Event::Decl(decl) => {
                    if let Some(Ok(encoding)) = decl.encoding() {
                        let label: &str = &encoding;
                        let known = ["utf-8", "utf8", "us-ascii"].iter().any(|l| l.eq_ignore_ascii_case(label));
                        if !known && !super::input::is_latin1(label) {
                            self.errors.push(
                                Diagnostic::error(
                                    codes::ENCODING,
                                    format!(
                                        "the document declares encoding `{label}`; only UTF-8 and ISO-8859-1 are read"
                                    ),
                                )
                                .at(self.at(before, 0)),
                            );
                            return;
                        }
                    }
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    if let Some((_, loc)) = self.stack.last() {
                        let eof = self.at(self.text.len() as u64, 0);
                        let open = self.element_name_at(*loc);
                        self.errors.push(
                            Diagnostic::error(
                                codes::XML_SYNTAX,
                                format!("the document ends before `<{open}>` is closed"),
                            )
                            .at(eof),
                        );
                        return;
                    }
                    if self.document.is_none() && !root_done {
                        self.errors.push(
                            Diagnostic::error(codes::XML_SYNTAX, "the document has no root element").at(self.at(0, 0)),
                        );
                    }
                    return;
                }
            }
        }
    }

    /// The tag name written at `loc` (which points at a `<`).
    fn element_name_at(&self, loc: Location) -> String {
        let rest = self.text.get(loc.pos as usize + 1..).unwrap_or("");
        rest.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next().unwrap_or("").to_owned()
    }

    fn text_content(&mut self, content: &str, pos: u64) {
        let loc = self.at(pos, 0);
        if let Some((Frame::Text { text, .. } | Frame::DocText { text, .. }, _)) = self.stack.last_mut() {
            if text.len() + content.len() > MAX_VALUE_BYTES {
                self.errors.push(
                    Diagnostic::error(codes::LIMIT, format!("element text is longer than {MAX_VALUE_BYTES} bytes"))
                        .at(loc),
                );
                *text = String::new();
                return;
            }
            text.push_str(content);
        }
    }

    /// Opens an element. Returns false when reading must stop.
    fn start(&mut self, e: &BytesStart<'a>, pos: u64) -> bool {
        let name_len = e.name().0.len();
        let loc = self.at(pos, name_len + 1);
        if self.stack.len() >= MAX_DEPTH {
            self.errors.push(
                Diagnostic::error(codes::LIMIT, format!("elements are nested more than {MAX_DEPTH} deep")).at(loc),
            );
            return false;
        }
        let (resolved, local) = self.xml.resolver().resolve_element(e.name());
        let ns = match resolved {
            ResolveResult::Bound(ns) if ns.0 == EDMX_NS => Ns::Edmx,
            ResolveResult::Bound(ns) if ns.0 == EDM_NS => Ns::Edm,
            ResolveResult::Bound(ns) if self.legacy_ns && ns.0 == EDMX_V3_NS => Ns::Edmx,
            ResolveResult::Bound(ns) if self.legacy_ns && EDM_V3_NS.contains(&ns.0) => Ns::Edm,
            ResolveResult::Bound(ns) if self.stack.is_empty() && ns.0 == EDMX_V3_NS => {
                let mut errs = Vec::new();
                let attrs = Attrs::read(e, &self.xml, self.text, self.file, loc, &mut errs);
                let version = attrs.get("Version").map_or_else(|| "1.0".to_owned(), |v| v.value);
                if version == "4.0" || version == "4.01" {
                    self.legacy_ns = true;
                    self.warnings.push(
                        Diagnostic::warning(
                            codes::TOLERATED,
                            "this `Version=\"4.0\"` document uses the OData v3 namespaces; they are read as the v4 ones",
                        )
                        .at(loc),
                    );
                    Ns::Edmx
                } else {
                    // `root` checks the version.
                    self.legacy_ns = true;
                    self.protocol = Protocol::V2;
                    Ns::Edmx
                }
            }
            ResolveResult::Unknown(prefix) => {
                self.errors.push(
                    Diagnostic::error(codes::NS_PREFIX, format!("namespace prefix `{prefix}` is not declared")).at(loc),
                );
                return false;
            }
            _ => Ns::Foreign,
        };
        let local: &str = local.into_inner();
        let mut errs = Vec::new();
        let attrs = Attrs::read(e, &self.xml, self.text, self.file, loc, &mut errs);
        let frame = self.frame_for(ns, local, &attrs, loc, &mut errs);
        let fatal = frame.is_none();
        sort(errs, self.errors, self.warnings);
        match frame {
            Some(frame) => {
                self.stack.push((frame, loc));
                true
            }
            None => !fatal,
        }
    }

    /// Closes the current element and hands its content to its parent.
    /// Returns true when that was the root element.
    fn end(&mut self) -> bool {
        let Some((frame, loc)) = self.stack.pop() else { return false };
        use Frame as F;
        let Some((parent, _)) = self.stack.last_mut() else {
            if let F::Edmx { doc, data_services } = frame {
                if !data_services {
                    self.errors.push(
                        Diagnostic::error(codes::NO_DATA_SERVICES, "`edmx:Edmx` has no `edmx:DataServices` element")
                            .at(loc),
                    );
                }
                self.document = Some(doc);
            }
            return true;
        };
        let expr = match frame {
            F::DocText { term, text } => {
                let text = text.trim();
                if let (F::Documentation(docs), false) = (&mut *parent, text.is_empty()) {
                    let term = Spanned { value: term.to_owned(), loc };
                    docs.push(Annotation { term, qualifier: None, value: Expr::String(text.to_owned()), loc });
                }
                None
            }
            F::Text { element, text } => {
                let mut diags = Vec::new();
                let expr = expr::constant(element, Spanned { value: text, loc }, &format!("`<{element}>`"), &mut diags);
                sort(diags, self.errors, self.warnings);
                expr
            }
            F::Record(properties) => Some(Expr::Record(properties)),
            F::Collection(items) => Some(Expr::Collection(items)),
            F::OtherExpr(name) => Some(Expr::Other(name)),
            frame => {
                attach(parent, frame);
                None
            }
        };
        if let Some(expr) = expr {
            match parent {
                F::Annotation(a) => a.value = expr,
                F::PropertyValue(p) => p.value = expr,
                F::Collection(items) => items.push(expr),
                _ => {}
            }
        }
        false
    }
}

/// Files what an element produced as errors or warnings.
fn sort(diags: Vec<Diagnostic>, errors: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) {
    for d in diags {
        match d.severity {
            Severity::Error => errors.push(d),
            _ => warnings.push(d),
        }
    }
}
