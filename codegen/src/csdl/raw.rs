//! The raw CSDL structures the reader produces: what the document says,
//! with every name still as written (alias-qualified, unresolved) and a
//! location kept for each piece a diagnostic may point at.

use crate::diag::Location;

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub loc: Location,
}

/// What a service refuses to do with a property in queries: SAP's
/// `sap:filterable="false"` and `sap:sortable="false"` (OData v2), and the
/// `NonFilterableProperties` and `NonSortableProperties` of the
/// `FilterRestrictions` and `SortRestrictions` an entity or complex type,
/// or an entity set of the type, is annotated with (Microsoft Graph
/// annotates types so), for the type's own properties. The generated docs
/// of the property say so.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Restrictions {
    /// Not usable in `$filter`.
    pub no_filter: bool,
    /// Not usable in `$orderby`.
    pub no_sort: bool,
}

/// The protocol a document describes, which decides the wire format of
/// the generated crate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Protocol {
    /// OData v4 (`edmx:Edmx Version="4.0"` or `"4.01"`): JSON with
    /// `@odata.` control information.
    #[default]
    V4,
    /// OData v1-v3 (`edmx:Edmx Version="1.0"`): verbose JSON (`{"d": ...}`,
    /// `__metadata`), associations, function imports with their parameters
    /// in the query string.
    V2,
}

/// An `edmx:Edmx` document.
#[derive(Clone, Debug)]
pub struct Document {
    /// `Version`.
    pub version: Spanned<String>,
    /// What `Version` says about the wire format.
    pub protocol: Protocol,
    /// `m:DataServiceVersion` of `edmx:DataServices` (OData v1-v3 only).
    pub data_service_version: Option<Spanned<String>>,
    /// `edmx:Reference` elements.
    pub references: Vec<Reference>,
    /// `Schema` elements.
    pub schemas: Vec<Schema>,
    /// The root element.
    pub loc: Location,
}

/// An `edmx:Reference`: another document, and the namespaces it provides.
#[derive(Clone, Debug)]
pub struct Reference {
    /// `Uri`.
    pub uri: Spanned<String>,
    /// `edmx:Include` elements.
    pub includes: Vec<Include>,
    /// The element.
    pub loc: Location,
}

/// An `edmx:Include`.
#[derive(Clone, Debug)]
pub struct Include {
    /// `Namespace`.
    pub namespace: Spanned<String>,
    /// `Alias`.
    pub alias: Option<Spanned<String>>,
}

/// A `Schema`.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    /// `Namespace`.
    pub namespace: Option<Spanned<String>>,
    /// `Alias`.
    pub alias: Option<Spanned<String>>,
    /// `EntityType` and `ComplexType` elements.
    pub structured_types: Vec<StructuredType>,
    /// `EnumType` elements.
    pub enum_types: Vec<EnumType>,
    /// `TypeDefinition` elements.
    pub type_definitions: Vec<TypeDefinition>,
    /// `EntityContainer` elements.
    pub containers: Vec<EntityContainer>,
    /// `Annotations` elements (annotations applied to a target from outside).
    pub annotation_blocks: Vec<Annotations>,
    /// `Term` elements.
    pub terms: Vec<Term>,
    /// `Action` and `Function` elements.
    pub operations: Vec<Operation>,
    /// Annotations of the schema itself.
    pub annotations: Vec<Annotation>,
    /// `Association` elements (OData v1-v3), which the navigation
    /// properties name; the reader turns them into v4 navigation types.
    pub associations: Vec<Association>,
    /// The element.
    pub loc: Option<Location>,
}

/// An OData v1-v3 `Association`: the two ends of a relationship.
#[derive(Clone, Debug)]
pub struct Association {
    /// `Name`.
    pub name: Spanned<String>,
    /// `End` elements.
    pub ends: Vec<AssociationEnd>,
    /// The element.
    pub loc: Location,
}

/// An `End` of an association.
#[derive(Clone, Debug)]
pub struct AssociationEnd {
    /// `Role`.
    pub role: Spanned<String>,
    /// `Type`: the entity type at this end.
    pub type_name: Spanned<String>,
    /// `Multiplicity`: `0..1`, `1` or `*`.
    pub multiplicity: Spanned<String>,
}

/// What an OData v1-v3 `NavigationProperty` says instead of `Type`.
#[derive(Clone, Debug)]
pub struct Relationship {
    /// `Relationship`: the qualified name of the association.
    pub association: Spanned<String>,
    /// `FromRole`: the end of the declaring type.
    pub from_role: Spanned<String>,
    /// `ToRole`: the end navigated to.
    pub to_role: Spanned<String>,
}

/// Entity or complex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StructuredKind {
    /// `EntityType`.
    Entity,
    /// `ComplexType`.
    Complex,
}

/// An `EntityType` or `ComplexType`.
#[derive(Clone, Debug)]
pub struct StructuredType {
    /// Which of the two.
    pub kind: StructuredKind,
    /// `Name`.
    pub name: Spanned<String>,
    /// `BaseType`.
    pub base_type: Option<Spanned<String>>,
    /// `Abstract`.
    pub is_abstract: bool,
    /// `OpenType`.
    pub open_type: bool,
    /// `HasStream`.
    pub has_stream: bool,
    /// `Key`.
    pub key: Option<Key>,
    /// `Property` elements.
    pub properties: Vec<Property>,
    /// `NavigationProperty` elements.
    pub navigation_properties: Vec<NavigationProperty>,
    /// Annotations of the type.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// A `Key`.
#[derive(Clone, Debug)]
pub struct Key {
    /// `PropertyRef` elements.
    pub property_refs: Vec<PropertyRef>,
    /// The element.
    pub loc: Location,
}

/// A `PropertyRef`.
#[derive(Clone, Debug)]
pub struct PropertyRef {
    /// `Name`: a property path.
    pub name: Spanned<String>,
    /// `Alias`.
    pub alias: Option<Spanned<String>>,
}

/// A `Property`.
#[derive(Clone, Debug)]
pub struct Property {
    /// `Name`.
    pub name: Spanned<String>,
    /// `Type`.
    pub type_name: Spanned<String>,
    /// `Nullable`; absent means true.
    pub nullable: Option<Spanned<bool>>,
    /// `MaxLength`.
    pub max_length: Option<String>,
    /// `Precision`.
    pub precision: Option<String>,
    /// `Scale`.
    pub scale: Option<String>,
    /// `DefaultValue`.
    pub default_value: Option<Spanned<String>>,
    /// `ConcurrencyMode="Fixed"` (OData v1-v3): the property is part of
    /// the ETag, so changes need one.
    pub concurrency_fixed: bool,
    /// `sap:filterable="false"` and `sap:sortable="false"` (SAP's OData v2
    /// attributes): the service refuses the property in `$filter`, in
    /// `$orderby`.
    pub restrictions: Restrictions,
    /// Annotations of the property.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// A `NavigationProperty`.
#[derive(Clone, Debug)]
pub struct NavigationProperty {
    /// `Name`.
    pub name: Spanned<String>,
    /// `Type`.
    pub type_name: Spanned<String>,
    /// `Nullable`; absent means true.
    pub nullable: Option<Spanned<bool>>,
    /// `Partner`.
    pub partner: Option<String>,
    /// `ContainsTarget`.
    pub contains_target: bool,
    /// The association of an OData v1-v3 navigation property; `type_name`,
    /// `nullable` and `partner` are filled from it once the document is read.
    pub relationship: Option<Relationship>,
    /// Annotations of the navigation property.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// An `EnumType`.
#[derive(Clone, Debug)]
pub struct EnumType {
    /// `Name`.
    pub name: Spanned<String>,
    /// `UnderlyingType`; absent means `Edm.Int32`.
    pub underlying_type: Option<Spanned<String>>,
    /// `IsFlags`.
    pub is_flags: bool,
    /// `Member` elements.
    pub members: Vec<Member>,
    /// Annotations of the enum type.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// A `Member` of an enum type.
#[derive(Clone, Debug)]
pub struct Member {
    /// `Name`.
    pub name: Spanned<String>,
    /// `Value`.
    pub value: Option<Spanned<String>>,
    /// Annotations of the member.
    pub annotations: Vec<Annotation>,
}

/// A `TypeDefinition`.
#[derive(Clone, Debug)]
pub struct TypeDefinition {
    /// `Name`.
    pub name: Spanned<String>,
    /// `UnderlyingType`.
    pub underlying_type: Option<Spanned<String>>,
    /// Annotations of the type definition.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// An `EntityContainer`.
#[derive(Clone, Debug)]
pub struct EntityContainer {
    /// `Name`.
    pub name: Spanned<String>,
    /// `EntitySet` elements.
    pub entity_sets: Vec<EntitySet>,
    /// `Singleton` elements.
    pub singletons: Vec<Singleton>,
    /// `ActionImport` and `FunctionImport` elements.
    pub imports: Vec<OperationImport>,
    /// Annotations of the container.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// An `EntitySet`.
#[derive(Clone, Debug)]
pub struct EntitySet {
    /// `Name`.
    pub name: Spanned<String>,
    /// `EntityType`.
    pub entity_type: Spanned<String>,
    /// Annotations of the entity set.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// A `Singleton`.
#[derive(Clone, Debug)]
pub struct Singleton {
    /// `Name`.
    pub name: Spanned<String>,
    /// `Type`.
    pub type_name: Spanned<String>,
    /// Annotations of the singleton.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// An `Annotations` element: annotations applied to `Target` from outside.
#[derive(Clone, Debug)]
pub struct Annotations {
    /// `Target`: a path such as `ns.Type/property`.
    pub target: Spanned<String>,
    /// `Qualifier`.
    pub qualifier: Option<String>,
    /// The annotations.
    pub annotations: Vec<Annotation>,
}

/// An `Annotation`.
#[derive(Clone, Debug)]
pub struct Annotation {
    /// `Term`: a qualified term name, such as `Core.Description`.
    pub term: Spanned<String>,
    /// `Qualifier`.
    pub qualifier: Option<String>,
    /// The value, from an attribute or a child expression.
    pub value: Expr,
    /// The element.
    pub loc: Location,
}

/// An annotation value expression, as far as this generator reads them.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// No value: for a `Bool` term, this means `true`.
    Absent,
    /// `String`.
    String(String),
    /// `Bool`.
    Bool(bool),
    /// `Int`, as written.
    Int(String),
    /// `Float` or `Decimal`, as written.
    Number(String),
    /// `EnumMember`: one or more `Namespace.Type/Member` paths.
    EnumMember(String),
    /// `Path`, `PropertyPath`, `NavigationPropertyPath`, `AnnotationPath`, ...
    Path(String),
    /// `Record`.
    Record(Vec<PropertyValue>),
    /// `Collection`.
    Collection(Vec<Expr>),
    /// Any other expression (`Apply`, `If`, `Null`, dates, ...), by element name.
    Other(String),
}

/// A `PropertyValue` of a record.
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyValue {
    /// `Property`.
    pub property: String,
    /// The value.
    pub value: Expr,
}

/// A `Term` (vocabulary documents declare them).
#[derive(Clone, Debug)]
pub struct Term {
    /// `Name`.
    pub name: Spanned<String>,
    /// `Type`.
    pub type_name: Option<Spanned<String>>,
}

/// `Action` or `Function`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperationKind {
    /// `Action`.
    Action,
    /// `Function`.
    Function,
}

/// An `Action` or `Function`.
#[derive(Clone, Debug)]
pub struct Operation {
    /// Which of the two.
    pub kind: OperationKind,
    /// `Name`.
    pub name: Spanned<String>,
    /// `IsBound`.
    pub is_bound: bool,
    /// `IsComposable` (functions).
    pub is_composable: bool,
    /// `EntitySetPath`.
    pub entity_set_path: Option<Spanned<String>>,
    /// `Parameter` elements, the binding parameter first when bound.
    pub parameters: Vec<Parameter>,
    /// `ReturnType`.
    pub return_type: Option<ReturnType>,
    /// `m:HttpMethod` of an OData v1-v3 function import, which the reader
    /// turns into an operation and its import: the method of the request,
    /// whose parameters go in the query string.
    pub http_method: Option<Spanned<String>>,
    /// Annotations of the operation.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// A `Parameter` of an operation.
#[derive(Clone, Debug)]
pub struct Parameter {
    /// `Name`.
    pub name: Spanned<String>,
    /// `Type`.
    pub type_name: Spanned<String>,
    /// `Nullable`; absent means true.
    pub nullable: Option<Spanned<bool>>,
    /// Annotations of the parameter (`Core.OptionalParameter`, ...).
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}

/// The `ReturnType` of an operation.
#[derive(Clone, Debug)]
pub struct ReturnType {
    /// `Type`.
    pub type_name: Spanned<String>,
    /// `Nullable`; absent means true.
    pub nullable: Option<Spanned<bool>>,
    /// The element.
    pub loc: Location,
}

/// An `ActionImport` or `FunctionImport` of a container.
#[derive(Clone, Debug)]
pub struct OperationImport {
    /// Which of the two.
    pub kind: OperationKind,
    /// `Name`.
    pub name: Spanned<String>,
    /// `Action` or `Function`: the qualified name of the operation.
    pub operation: Spanned<String>,
    /// `EntitySet`.
    pub entity_set: Option<Spanned<String>>,
    /// An OData v1-v3 function import declares its operation in place
    /// (parameters, return type, HTTP method); once the document is read
    /// it joins the schema's operations and `operation` names it.
    pub declared: Option<Box<Operation>>,
    /// Annotations of the import.
    pub annotations: Vec<Annotation>,
    /// The element.
    pub loc: Location,
}
