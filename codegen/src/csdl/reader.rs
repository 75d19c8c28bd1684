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
use super::raw::*;
use crate::codes;
use crate::diag::{Diagnostic, FileId, Location};

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

/// Which namespace an element is in, as far as the reader cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    Edmx,
    Edm,
    /// Any other namespace, or none: extensions, skipped without a warning.
    Foreign,
}

/// One open element.
enum Frame {
    Edmx {
        doc: Document,
        data_services: bool,
    },
    Reference(Reference),
    DataServices(Vec<Schema>),
    Schema(Schema),
    Structured(StructuredType),
    Key(Key),
    Property(Property),
    Navigation(NavigationProperty),
    Enum(EnumType),
    Member(Member),
    TypeDefinition(TypeDefinition),
    Container(EntityContainer),
    EntitySet(EntitySet),
    Singleton(Singleton),
    Annotations(Annotations),
    Annotation(Annotation),
    Record(Vec<PropertyValue>),
    PropertyValue(PropertyValue),
    Collection(Vec<Expr>),
    /// An expression written as element text: `<String>...</String>`.
    Text {
        element: &'static str,
        text: String,
    },
    /// An expression this reader does not interpret; its content is skipped.
    OtherExpr(String),
    Term(Term),
    Operation(Operation),
    Parameter(Parameter),
    Import(OperationImport),
    /// An element whose content does not matter here.
    Skip,
}

/// Expression element names read as text, and how.
const TEXT_EXPRESSIONS: &[&str] = &[
    "String",
    "Bool",
    "Int",
    "Float",
    "Decimal",
    "EnumMember",
    "Path",
    "PropertyPath",
    "NavigationPropertyPath",
    "AnnotationPath",
    "ModelElementPath",
    "Date",
    "DateTimeOffset",
    "Duration",
    "Guid",
    "TimeOfDay",
    "Binary",
];

/// Other expression element names (dynamic expressions and `Null`).
const OTHER_EXPRESSIONS: &[&str] = &[
    "Null",
    "Apply",
    "Cast",
    "If",
    "IsOf",
    "LabeledElement",
    "LabeledElementReference",
    "UrlRef",
    "Not",
    "And",
    "Or",
    "Eq",
    "Ne",
    "Gt",
    "Ge",
    "Lt",
    "Le",
    "Has",
    "In",
    "Add",
    "Sub",
    "Neg",
    "Mul",
    "Div",
    "DivBy",
    "Mod",
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
    };
    let config = reader.xml.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    reader.run();
    reader.document
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
    /// (some SAP tools write this); they are read as the v4 ones.
    legacy_ns: bool,
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
        if let Some((Frame::Text { text, .. }, _)) = self.stack.last_mut() {
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
                    self.errors.push(
                        Diagnostic::error(
                            codes::VERSION,
                            format!("this is OData v2/v3 metadata (EDMX {version}); only OData v4 is supported"),
                        )
                        .at(loc)
                        .with_help("ask the service for its OData v4 `$metadata`, or convert the document to CSDL 4.0"),
                    );
                    return false;
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
        self.errors.append(&mut errs);
        match frame {
            Some(frame) => {
                self.stack.push((frame, loc));
                true
            }
            None => !fatal,
        }
    }

    /// The frame for a new element; `None` when reading must stop.
    fn frame_for(
        &mut self,
        ns: Ns,
        local: &str,
        a: &Attrs<'_>,
        loc: Location,
        errs: &mut Vec<Diagnostic>,
    ) -> Option<Frame> {
        use Frame as F;
        let Some((parent, _)) = self.stack.last() else {
            return self.root(ns, local, a, loc, errs);
        };
        let edm = ns == Ns::Edm;
        let edmx = ns == Ns::Edmx;
        let frame = match (parent, local) {
            (F::Skip | F::OtherExpr(_) | F::Text { .. }, _) => F::Skip,
            _ if ns == Ns::Foreign => F::Skip,
            (F::Edmx { .. }, "Reference") if edmx => match a.required("Uri", "edmx:Reference", errs) {
                Some(uri) => F::Reference(Reference { uri, includes: Vec::new(), loc }),
                None => F::Skip,
            },
            (F::Edmx { .. }, "DataServices") if edmx => F::DataServices(Vec::new()),
            (F::Reference(_), "Include") if edmx => {
                if let Some(namespace) = a.required("Namespace", "edmx:Include", errs) {
                    let include = Include { namespace, alias: a.get("Alias") };
                    if let Some((F::Reference(r), _)) = self.stack.last_mut() {
                        r.includes.push(include);
                    }
                }
                F::Skip
            }
            (F::Reference(_), "IncludeAnnotations") if edmx => F::Skip,
            (F::Reference(_), "Annotation") if edm => F::Skip,
            (F::DataServices(_), "Schema") if edm => {
                let namespace = a.required("Namespace", "Schema", errs);
                F::Schema(Schema { namespace, alias: a.get("Alias"), loc: Some(loc), ..Schema::default() })
            }
            (F::Schema(_), "EntityType" | "ComplexType") if edm => {
                let kind = if local == "EntityType" { StructuredKind::Entity } else { StructuredKind::Complex };
                match a.required("Name", local, errs) {
                    Some(name) => F::Structured(StructuredType {
                        kind,
                        name,
                        base_type: a.get("BaseType"),
                        is_abstract: a.flag("Abstract", errs),
                        open_type: a.flag("OpenType", errs),
                        has_stream: a.flag("HasStream", errs),
                        key: None,
                        properties: Vec::new(),
                        navigation_properties: Vec::new(),
                        annotations: Vec::new(),
                        loc,
                    }),
                    None => F::Skip,
                }
            }
            (F::Schema(_), "EnumType") if edm => match a.required("Name", "EnumType", errs) {
                Some(name) => F::Enum(EnumType {
                    name,
                    underlying_type: a.get("UnderlyingType"),
                    is_flags: a.flag("IsFlags", errs),
                    members: Vec::new(),
                    annotations: Vec::new(),
                    loc,
                }),
                None => F::Skip,
            },
            (F::Schema(_), "TypeDefinition") if edm => match a.required("Name", "TypeDefinition", errs) {
                Some(name) => F::TypeDefinition(TypeDefinition {
                    name,
                    underlying_type: a.required("UnderlyingType", "TypeDefinition", errs),
                    annotations: Vec::new(),
                    loc,
                }),
                None => F::Skip,
            },
            (F::Schema(_), "EntityContainer") if edm => match a.required("Name", "EntityContainer", errs) {
                Some(name) => F::Container(EntityContainer {
                    name,
                    entity_sets: Vec::new(),
                    singletons: Vec::new(),
                    imports: Vec::new(),
                    annotations: Vec::new(),
                    loc,
                }),
                None => F::Skip,
            },
            (F::Schema(_), "Annotations") if edm => match a.required("Target", "Annotations", errs) {
                Some(target) => F::Annotations(Annotations {
                    target,
                    qualifier: a.get("Qualifier").map(|q| q.value),
                    annotations: Vec::new(),
                }),
                None => F::Skip,
            },
            (F::Schema(_), "Term") if edm => match a.required("Name", "Term", errs) {
                Some(name) => F::Term(Term { name, type_name: a.get("Type") }),
                None => F::Skip,
            },
            (F::Schema(_), "Action" | "Function") if edm => {
                let kind = if local == "Action" { OperationKind::Action } else { OperationKind::Function };
                match a.required("Name", local, errs) {
                    Some(name) => F::Operation(Operation {
                        kind,
                        name,
                        is_bound: a.flag("IsBound", errs),
                        is_composable: a.flag("IsComposable", errs),
                        entity_set_path: a.get("EntitySetPath"),
                        parameters: Vec::new(),
                        return_type: None,
                        annotations: Vec::new(),
                        loc,
                    }),
                    None => F::Skip,
                }
            }
            (F::Structured(_), "Key") if edm => F::Key(Key { property_refs: Vec::new(), loc }),
            (F::Key(_), "PropertyRef") if edm => {
                if let Some(name) = a.required("Name", "PropertyRef", errs) {
                    let r = PropertyRef { name, alias: a.get("Alias") };
                    if let Some((F::Key(key), _)) = self.stack.last_mut() {
                        key.property_refs.push(r);
                    }
                }
                F::Skip
            }
            (F::Structured(_), "Property") if edm => {
                let (Some(name), Some(type_name)) =
                    (a.required("Name", "Property", errs), a.required("Type", "Property", errs))
                else {
                    return Some(F::Skip);
                };
                F::Property(Property {
                    name,
                    type_name,
                    nullable: a.bool("Nullable", errs),
                    max_length: a.get("MaxLength").map(|v| v.value),
                    precision: a.get("Precision").map(|v| v.value),
                    scale: a.get("Scale").map(|v| v.value),
                    default_value: a.get("DefaultValue"),
                    annotations: Vec::new(),
                    loc,
                })
            }
            (F::Structured(_), "NavigationProperty") if edm => {
                let (Some(name), Some(type_name)) =
                    (a.required("Name", "NavigationProperty", errs), a.required("Type", "NavigationProperty", errs))
                else {
                    return Some(F::Skip);
                };
                F::Navigation(NavigationProperty {
                    name,
                    type_name,
                    nullable: a.bool("Nullable", errs),
                    partner: a.get("Partner").map(|v| v.value),
                    contains_target: a.flag("ContainsTarget", errs),
                    annotations: Vec::new(),
                    loc,
                })
            }
            (F::Property(_) | F::Navigation(_), "ReferentialConstraint" | "OnDelete") if edm => F::Skip,
            (F::Enum(_), "Member") if edm => match a.required("Name", "Member", errs) {
                Some(name) => F::Member(Member { name, value: a.get("Value"), annotations: Vec::new() }),
                None => F::Skip,
            },
            (F::Container(_), "EntitySet") if edm => {
                let (Some(name), Some(entity_type)) =
                    (a.required("Name", "EntitySet", errs), a.required("EntityType", "EntitySet", errs))
                else {
                    return Some(F::Skip);
                };
                F::EntitySet(EntitySet { name, entity_type, annotations: Vec::new(), loc })
            }
            (F::Container(_), "Singleton") if edm => {
                let (Some(name), Some(type_name)) =
                    (a.required("Name", "Singleton", errs), a.required("Type", "Singleton", errs))
                else {
                    return Some(F::Skip);
                };
                F::Singleton(Singleton { name, type_name, annotations: Vec::new(), loc })
            }
            (F::Container(_), "ActionImport" | "FunctionImport") if edm => {
                let (kind, attr) = if local == "ActionImport" {
                    (OperationKind::Action, "Action")
                } else {
                    (OperationKind::Function, "Function")
                };
                let (Some(name), Some(operation)) = (a.required("Name", local, errs), a.required(attr, local, errs))
                else {
                    return Some(F::Skip);
                };
                F::Import(OperationImport {
                    kind,
                    name,
                    operation,
                    entity_set: a.get("EntitySet"),
                    annotations: Vec::new(),
                    loc,
                })
            }
            (F::EntitySet(_) | F::Singleton(_), "NavigationPropertyBinding") if edm => F::Skip,
            (F::Operation(_), "Parameter") if edm => {
                let (Some(name), Some(type_name)) =
                    (a.required("Name", "Parameter", errs), a.required("Type", "Parameter", errs))
                else {
                    return Some(F::Skip);
                };
                F::Parameter(Parameter {
                    name,
                    type_name,
                    nullable: a.bool("Nullable", errs),
                    annotations: Vec::new(),
                    loc,
                })
            }
            (F::Operation(_), "ReturnType") if edm => {
                if let Some(type_name) = a.required("Type", "ReturnType", errs) {
                    let r = ReturnType { type_name, nullable: a.bool("Nullable", errs), loc };
                    if let Some((F::Operation(op), _)) = self.stack.last_mut() {
                        op.return_type = Some(r);
                    }
                }
                F::Skip
            }
            (F::Term(_), "Annotation") if edm => F::Skip,
            (
                F::Schema(_)
                | F::Structured(_)
                | F::Property(_)
                | F::Navigation(_)
                | F::Enum(_)
                | F::Member(_)
                | F::TypeDefinition(_)
                | F::Container(_)
                | F::EntitySet(_)
                | F::Singleton(_)
                | F::Operation(_)
                | F::Parameter(_)
                | F::Import(_)
                | F::Annotations(_),
                "Annotation",
            ) if edm => match a.required("Term", "Annotation", errs) {
                Some(term) => F::Annotation(Annotation {
                    term,
                    qualifier: a.get("Qualifier").map(|q| q.value),
                    value: a.expression(errs),
                    loc,
                }),
                None => F::Skip,
            },
            // Annotations of annotations and records.
            (F::Annotation(_) | F::Record(_) | F::PropertyValue(_) | F::Collection(_), "Annotation") if edm => F::Skip,
            (F::Record(_), "PropertyValue") if edm => match a.required("Property", "PropertyValue", errs) {
                Some(property) => {
                    F::PropertyValue(PropertyValue { property: property.value, value: a.expression(errs) })
                }
                None => F::Skip,
            },
            (F::Annotation(_) | F::PropertyValue(_) | F::Collection(_), _) if edm => self.expression(local, loc),
            _ if edm || edmx => {
                let prefix = if edmx { "edmx:" } else { "" };
                self.warnings.push(
                    Diagnostic::warning(
                        codes::UNKNOWN_ELEMENT,
                        format!("element `{prefix}{local}` is not known here; it is skipped"),
                    )
                    .at(loc),
                );
                F::Skip
            }
            _ => F::Skip,
        };
        Some(frame)
    }

    /// The frame of an expression element.
    fn expression(&mut self, local: &str, loc: Location) -> Frame {
        if local == "Record" {
            return Frame::Record(Vec::new());
        }
        if local == "Collection" {
            return Frame::Collection(Vec::new());
        }
        if let Some(element) = TEXT_EXPRESSIONS.iter().find(|e| **e == local) {
            return Frame::Text { element, text: String::new() };
        }
        if !OTHER_EXPRESSIONS.contains(&local) {
            self.warnings.push(
                Diagnostic::warning(
                    codes::UNKNOWN_ELEMENT,
                    format!("expression element `{local}` is not known; it is skipped"),
                )
                .at(loc),
            );
        }
        Frame::OtherExpr(local.to_owned())
    }

    fn root(&mut self, ns: Ns, local: &str, a: &Attrs<'_>, loc: Location, errs: &mut Vec<Diagnostic>) -> Option<Frame> {
        if ns != Ns::Edmx || local != "Edmx" {
            let found = if ns == Ns::Edm { format!("`{local}` in the CSDL namespace") } else { format!("`{local}`") };
            let mut d =
                Diagnostic::error(codes::ROOT, format!("the root element is {found}; expected `edmx:Edmx`")).at(loc);
            if ns == Ns::Edm && local == "Schema" {
                d = d.with_help(format!(
                    "wrap the schema in `<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"{EDMX_NS}\"><edmx:DataServices>`"
                ));
            }
            errs.push(d);
            return None;
        }
        let version = a.required("Version", "edmx:Edmx", errs)?;
        if version.value != "4.0" && version.value != "4.01" {
            errs.push(
                Diagnostic::error(
                    codes::VERSION,
                    format!(
                        "`edmx:Edmx` has `Version=\"{}\"`; only OData v4 (`4.0`, `4.01`) is supported",
                        version.value
                    ),
                )
                .at(version.loc),
            );
            return None;
        }
        let doc = Document { version, references: Vec::new(), schemas: Vec::new(), loc };
        Some(Frame::Edmx { doc, data_services: false })
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
            F::Text { element, text } => Some(text_expression(element, text, loc, self.errors)),
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

/// The expression of a text element such as `<Bool>true</Bool>`.
fn text_expression(element: &'static str, text: String, loc: Location, errors: &mut Vec<Diagnostic>) -> Expr {
    match element {
        "String" => Expr::String(text),
        "Bool" => match text.trim() {
            "true" => Expr::Bool(true),
            "false" => Expr::Bool(false),
            other => {
                errors.push(
                    Diagnostic::error(
                        codes::BAD_ATTRIBUTE,
                        format!("`<Bool>` holds `{other}`; expected `true` or `false`"),
                    )
                    .at(loc),
                );
                Expr::Absent
            }
        },
        "Int" => Expr::Int(text.trim().to_owned()),
        "Float" | "Decimal" => Expr::Number(text.trim().to_owned()),
        "EnumMember" => Expr::EnumMember(text.trim().to_owned()),
        "Path" | "PropertyPath" | "NavigationPropertyPath" | "AnnotationPath" | "ModelElementPath" => {
            Expr::Path(text.trim().to_owned())
        }
        other => Expr::Other(other.to_owned()),
    }
}

/// Adds a closed element to its parent.
fn attach(parent: &mut Frame, child: Frame) {
    use Frame as F;
    match (parent, child) {
        (F::Edmx { doc, .. }, F::Reference(r)) => doc.references.push(r),
        (F::Edmx { doc, data_services }, F::DataServices(schemas)) => {
            *data_services = true;
            doc.schemas.extend(schemas);
        }
        (F::DataServices(schemas), F::Schema(s)) => schemas.push(s),
        (F::Schema(s), F::Structured(t)) => s.structured_types.push(t),
        (F::Schema(s), F::Enum(t)) => s.enum_types.push(t),
        (F::Schema(s), F::TypeDefinition(t)) => s.type_definitions.push(t),
        (F::Schema(s), F::Container(c)) => s.containers.push(c),
        (F::Schema(s), F::Annotations(a)) => s.annotation_blocks.push(a),
        (F::Schema(s), F::Term(t)) => s.terms.push(t),
        (F::Schema(s), F::Operation(o)) => s.operations.push(o),
        (F::Structured(t), F::Key(k)) => {
            // A second `Key` adds to the first; resolution reports nothing
            // special, the properties must exist either way.
            match &mut t.key {
                Some(existing) => existing.property_refs.extend(k.property_refs),
                None => t.key = Some(k),
            }
        }
        (F::Structured(t), F::Property(p)) => t.properties.push(p),
        (F::Structured(t), F::Navigation(n)) => t.navigation_properties.push(n),
        (F::Enum(e), F::Member(m)) => e.members.push(m),
        (F::Container(c), F::EntitySet(s)) => c.entity_sets.push(s),
        (F::Container(c), F::Singleton(s)) => c.singletons.push(s),
        (F::Container(c), F::Import(i)) => c.imports.push(i),
        (F::Operation(o), F::Parameter(p)) => o.parameters.push(p),
        (F::Record(properties), F::PropertyValue(p)) => properties.push(p),
        (parent, F::Annotation(a)) => {
            if let Some(list) = annotations_of(parent) {
                list.push(a);
            }
        }
        _ => {}
    }
}

/// The annotation list of an element that can be annotated.
fn annotations_of(frame: &mut Frame) -> Option<&mut Vec<Annotation>> {
    use Frame as F;
    Some(match frame {
        F::Schema(s) => &mut s.annotations,
        F::Structured(t) => &mut t.annotations,
        F::Property(p) => &mut p.annotations,
        F::Navigation(n) => &mut n.annotations,
        F::Enum(e) => &mut e.annotations,
        F::Member(m) => &mut m.annotations,
        F::TypeDefinition(t) => &mut t.annotations,
        F::Container(c) => &mut c.annotations,
        F::EntitySet(s) => &mut s.annotations,
        F::Singleton(s) => &mut s.annotations,
        F::Annotations(a) => &mut a.annotations,
        F::Operation(o) => &mut o.annotations,
        F::Parameter(p) => &mut p.annotations,
        F::Import(i) => &mut i.annotations,
        _ => return None,
    })
}
