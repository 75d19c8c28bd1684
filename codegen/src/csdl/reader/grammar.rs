//! The element grammar: which element may appear in which, what each
//! becomes, and how a closed element joins its parent.

use super::*;

/// Which namespace an element is in, as far as the reader cares.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    Edmx,
    Edm,
    /// Any other namespace, or none: extensions, skipped without a warning.
    Foreign,
}

/// One open element.
pub(super) enum Frame {
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
    /// An OData v1-v3 `Association`.
    Association(Association),
    /// An OData v1-v3 `Documentation` element: its `Summary` and
    /// `LongDescription` become `Core` annotations of its parent.
    Documentation(Vec<Annotation>),
    /// `Summary` or `LongDescription` of a `Documentation`, with the term
    /// its text becomes.
    DocText {
        term: &'static str,
        text: String,
    },
    /// An element whose content does not matter here.
    Skip,
}

impl<'a> Reader<'a, '_> {
    /// The frame for a new element; `None` when reading must stop.
    pub(super) fn frame_for(
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
        let v2 = self.protocol == Protocol::V2;
        let frame = match (parent, local) {
            (F::Skip | F::OtherExpr(_) | F::Text { .. }, _) => F::Skip,
            _ if ns == Ns::Foreign => F::Skip,
            (F::Edmx { .. }, "Reference") if edmx => match a.required("Uri", "edmx:Reference", errs) {
                Some(uri) => F::Reference(Reference { uri, includes: Vec::new(), loc }),
                None => F::Skip,
            },
            (F::Edmx { .. }, "DataServices") if edmx => {
                if let Some((F::Edmx { doc, .. }, _)) = self.stack.last_mut() {
                    doc.data_service_version = a.get("m:DataServiceVersion");
                }
                F::DataServices(Vec::new())
            }
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
                        has_stream: a.flag("HasStream", errs) || a.flag("m:HasStream", errs),
                        key: None,
                        properties: Vec::new(),
                        navigation_properties: Vec::new(),
                        annotations: sap::annotations(a, sap::Element::Type),
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
                        http_method: None,
                        annotations: Vec::new(),
                        loc,
                    }),
                    None => F::Skip,
                }
            }
            (F::Schema(_), "Association") if edm && v2 => match a.required("Name", "Association", errs) {
                Some(name) => F::Association(Association { name, ends: Vec::new(), loc }),
                None => F::Skip,
            },
            (F::Association(_), "End") if edm => {
                let role = a.required("Role", "End", errs);
                let type_name = a.required("Type", "End", errs);
                let multiplicity = a.required("Multiplicity", "End", errs);
                if let (Some(role), Some(type_name), Some(multiplicity)) = (role, type_name, multiplicity) {
                    if let Some((F::Association(assoc), _)) = self.stack.last_mut() {
                        assoc.ends.push(AssociationEnd { role, type_name, multiplicity });
                    }
                }
                F::Skip
            }
            // The keys the ends are joined on: the generated crate does not
            // use them (as it does not use v4's `ReferentialConstraint`).
            (F::Association(_), "ReferentialConstraint") if edm => F::Skip,
            // Which entity sets an association joins: v4 says it with
            // `NavigationPropertyBinding`, which the generator does not need.
            (F::Container(_), "AssociationSet") if edm && v2 => F::Skip,
            (_, "Documentation") if edm && v2 => F::Documentation(Vec::new()),
            (F::Documentation(_), "Summary") if edm => {
                F::DocText { term: "Org.OData.Core.V1.Description", text: String::new() }
            }
            (F::Documentation(_), "LongDescription") if edm => {
                F::DocText { term: "Org.OData.Core.V1.LongDescription", text: String::new() }
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
                    concurrency_fixed: a.get("ConcurrencyMode").is_some_and(|m| m.value == "Fixed"),
                    restrictions: sap::restrictions(a),
                    annotations: sap::annotations(a, sap::Element::Property),
                    loc,
                })
            }
            // A v2 document may also declare navigation properties the v4
            // way, with `Type` (some tools write such mixed documents).
            (F::Structured(_), "NavigationProperty") if edm && v2 && a.get("Type").is_none() => {
                let name = a.required("Name", "NavigationProperty", errs);
                let association = a.required("Relationship", "NavigationProperty", errs);
                let from_role = a.required("FromRole", "NavigationProperty", errs);
                let to_role = a.required("ToRole", "NavigationProperty", errs);
                let (Some(name), Some(association), Some(from_role), Some(to_role)) =
                    (name, association, from_role, to_role)
                else {
                    return Some(F::Skip);
                };
                // The type is known once the association is: `v2::lower`.
                let type_name = Spanned { value: String::new(), loc: association.loc };
                F::Navigation(NavigationProperty {
                    name,
                    type_name,
                    nullable: None,
                    partner: None,
                    contains_target: false,
                    relationship: Some(Relationship { association, from_role, to_role }),
                    annotations: sap::annotations(a, sap::Element::Navigation),
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
                    relationship: None,
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
                F::EntitySet(EntitySet {
                    name,
                    entity_type,
                    annotations: sap::annotations(a, sap::Element::EntitySet),
                    loc,
                })
            }
            (F::Container(_), "Singleton") if edm => {
                let (Some(name), Some(type_name)) =
                    (a.required("Name", "Singleton", errs), a.required("Type", "Singleton", errs))
                else {
                    return Some(F::Skip);
                };
                F::Singleton(Singleton { name, type_name, annotations: Vec::new(), loc })
            }
            (F::Container(_), "FunctionImport") if edm && v2 => {
                let Some(name) = a.required("Name", local, errs) else { return Some(F::Skip) };
                // Whatever its method, a v2 function import is called as a
                // v4 function is, with its arguments in the URL (the query
                // string): a function with an HTTP method.
                let http_method = a.get("m:HttpMethod").or_else(|| Some(Spanned { value: "GET".to_owned(), loc }));
                let kind = OperationKind::Function;
                let declared = Operation {
                    kind,
                    name: name.clone(),
                    is_bound: false,
                    is_composable: false,
                    entity_set_path: None,
                    parameters: Vec::new(),
                    return_type: a.get("ReturnType").map(|type_name| ReturnType { type_name, nullable: None, loc }),
                    http_method,
                    annotations: Vec::new(),
                    loc,
                };
                F::Import(OperationImport {
                    kind,
                    operation: name.clone(),
                    name,
                    entity_set: a.get("EntitySet"),
                    declared: Some(Box::new(declared)),
                    annotations: sap::annotations(a, sap::Element::Import),
                    loc,
                })
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
                    declared: None,
                    annotations: Vec::new(),
                    loc,
                })
            }
            (F::EntitySet(_) | F::Singleton(_), "NavigationPropertyBinding") if edm => F::Skip,
            (F::Operation(_), "Parameter") | (F::Import(OperationImport { declared: Some(_), .. }), "Parameter")
                if edm =>
            {
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
        match expr::element_kind(local) {
            ElementKind::Record => Frame::Record(Vec::new()),
            ElementKind::Collection => Frame::Collection(Vec::new()),
            ElementKind::Constant(element) => Frame::Text { element, text: String::new() },
            ElementKind::Dynamic => Frame::OtherExpr(local.to_owned()),
            ElementKind::Unknown => {
                self.warnings.push(
                    Diagnostic::warning(
                        codes::UNKNOWN_ELEMENT,
                        format!("expression element `{local}` is not known; it is skipped"),
                    )
                    .at(loc),
                );
                Frame::OtherExpr(local.to_owned())
            }
        }
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
        let known = match self.protocol {
            Protocol::V4 => version.value == "4.0" || version.value == "4.01",
            Protocol::V2 => version.value == "1.0",
        };
        if !known {
            let (expected, help) = match self.protocol {
                Protocol::V4 => (
                    "`4.0` or `4.01` in the OData v4 namespace",
                    "an OData v1-v3 document (`Version=\"1.0\"`) uses the EDMX namespace `http://schemas.microsoft.com/ado/2007/06/edmx`",
                ),
                Protocol::V2 => (
                    "`1.0` in the EDMX namespace of OData v1-v3",
                    "an OData v4 document (`4.0`, `4.01`) uses the EDMX namespace `http://docs.oasis-open.org/odata/ns/edmx`",
                ),
            };
            errs.push(
                Diagnostic::error(
                    codes::VERSION,
                    format!("`edmx:Edmx` has `Version=\"{}\"`; expected {expected}", version.value),
                )
                .at(version.loc)
                .with_help(help),
            );
            return None;
        }
        let doc = Document {
            version,
            protocol: self.protocol,
            data_service_version: None,
            references: Vec::new(),
            schemas: Vec::new(),
            loc,
        };
        Some(Frame::Edmx { doc, data_services: false })
    }
}

/// Adds a closed element to its parent.
pub(super) fn attach(parent: &mut Frame, child: Frame) {
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
        (F::Import(OperationImport { declared: Some(o), .. }), F::Parameter(p)) => o.parameters.push(p),
        (F::Schema(s), F::Association(a)) => s.associations.push(a),
        (parent, F::Documentation(docs)) => {
            if let Some(list) = annotations_of(parent) {
                list.extend(docs);
            }
        }
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
