//! Stage 2, resolve: the raw CSDL of all documents → one resolved model.
//!
//! Every type gets a [`TypeId`] before anything refers to it, so forward
//! references and cycles resolve without recursion. After resolution, no
//! name is a string to look up: types point at each other by id, base-type
//! chains are known to be acyclic, and annotations have been interpreted
//! into the few facts the emitter needs (descriptions, deprecations,
//! computed properties, capabilities, optional parameters).

mod annotations;
mod edm;
pub mod resolve;
pub mod select;
mod types;
pub use types::BoundIndex;
pub mod warnings;

pub use crate::csdl::raw::{Protocol, Restrictions};
pub use edm::Primitive;
pub use resolve::resolve;

use crate::diag::Location;

/// Index of a type in [`Model::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// Index of a namespace in [`Model::namespaces`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NsId(pub u32);

/// The resolved model of a service.
#[derive(Debug, Default)]
pub struct Model {
    /// Namespaces, sorted by name.
    pub namespaces: Vec<Namespace>,
    /// All types; a namespace lists its own in name order.
    pub types: Vec<TypeDef>,
    /// Entity containers, in document order.
    pub containers: Vec<Container>,
    /// Actions and functions that can be generated, namespace by
    /// namespace in document order.
    pub operations: Vec<Operation>,
    /// How many actions and functions the documents declare.
    pub operation_count: usize,
    /// The protocol of the main document, which the generated crate speaks.
    pub protocol: Protocol,
}

/// Index of an operation in [`Model::operations`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpId(pub u32);

/// Action or function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OperationKind {
    /// Called with `POST`, parameters in a JSON body; may change things.
    Action,
    /// Called with `GET`, parameters in the URL; no side effects.
    Function,
}

/// An action or function overload.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The simple name, `sendMail`.
    pub name: String,
    /// The namespace it is declared in.
    pub namespace: NsId,
    /// `microsoft.graph.sendMail`.
    pub qualified: String,
    /// Action or function.
    pub kind: OperationKind,
    /// What it is bound to, if bound.
    pub binding: Option<Binding>,
    /// The parameters after the binding parameter.
    pub parameters: Vec<Parameter>,
    /// The return type (`None`: nothing).
    pub returns: Option<TypeRef>,
    /// `IsComposable`: the result can be addressed further.
    pub composable: bool,
    /// `EntitySetPath`, as written.
    pub entity_set_path: Option<String>,
    /// The HTTP method of an OData v2 function import (`GET`, `POST`,
    /// `PUT`, `MERGE`, `PATCH`, `DELETE`), whose arguments are written in
    /// the query string; `None` for OData v4 operations.
    pub http_method: Option<&'static str>,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// The binding parameter of a bound operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The entity type it is bound to.
    pub ty: TypeId,
    /// Bound to a collection of it.
    pub collection: bool,
}

/// A (non-binding) parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// The name, as the body or URL uses it.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// `Core.OptionalParameter`: may be left out.
    pub optional: bool,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// An `ActionImport` or `FunctionImport`: unbound operations reachable
/// from the service root under the import's name.
#[derive(Debug, Clone)]
pub struct Import {
    /// The name, which is also its URL segment.
    pub name: String,
    /// Action or function.
    pub kind: OperationKind,
    /// The overloads it exposes.
    pub operations: Vec<OpId>,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// What Capabilities (and `Core.OptimisticConcurrency`) annotations say
/// about a collection, singleton or entity type; `None` where they are
/// silent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// `InsertRestrictions/Insertable`.
    pub insertable: Option<bool>,
    /// `UpdateRestrictions/Updatable`.
    pub updatable: Option<bool>,
    /// `DeleteRestrictions/Deletable`.
    pub deletable: Option<bool>,
    /// `FilterRestrictions/Filterable`.
    pub filterable: Option<bool>,
    /// `SortRestrictions/Sortable`.
    pub sortable: Option<bool>,
    /// `SelectSupport/Supported`.
    pub selectable: Option<bool>,
    /// `ExpandRestrictions/Expandable`.
    pub expandable: Option<bool>,
    /// `CountRestrictions/Countable`.
    pub countable: Option<bool>,
    /// `TopSupported`.
    pub top: Option<bool>,
    /// `SkipSupported`.
    pub skip: Option<bool>,
    /// `SearchRestrictions/Searchable`.
    pub searchable: Option<bool>,
    /// `Core.OptimisticConcurrency` with properties: changes need an ETag.
    pub etag_required: Option<bool>,
}

impl Capabilities {
    /// These facts, with `fallback`'s where these are silent.
    pub fn or(self, fallback: Capabilities) -> Capabilities {
        Capabilities {
            insertable: self.insertable.or(fallback.insertable),
            updatable: self.updatable.or(fallback.updatable),
            deletable: self.deletable.or(fallback.deletable),
            filterable: self.filterable.or(fallback.filterable),
            sortable: self.sortable.or(fallback.sortable),
            selectable: self.selectable.or(fallback.selectable),
            expandable: self.expandable.or(fallback.expandable),
            countable: self.countable.or(fallback.countable),
            top: self.top.or(fallback.top),
            skip: self.skip.or(fallback.skip),
            searchable: self.searchable.or(fallback.searchable),
            etag_required: self.etag_required.or(fallback.etag_required),
        }
    }
}

/// A namespace (one `Schema`).
#[derive(Debug)]
pub struct Namespace {
    /// `microsoft.graph`.
    pub name: String,
    /// The schema's alias, if any.
    pub alias: Option<String>,
    /// Its types, sorted by name.
    pub types: Vec<TypeId>,
    /// Its containers (indexes into [`Model::containers`]).
    pub containers: Vec<usize>,
    /// Where the schema is declared.
    pub loc: Location,
}

/// A named type.
#[derive(Debug)]
pub struct TypeDef {
    /// The simple name, `user`.
    pub name: String,
    /// The namespace.
    pub namespace: NsId,
    /// The namespace-qualified name, `microsoft.graph.user`.
    pub qualified: String,
    /// What kind of type it is.
    pub kind: TypeKind,
    /// Documentation from annotations.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// The kinds of named types.
#[derive(Debug)]
pub enum TypeKind {
    /// An `EntityType`.
    Entity(Structured),
    /// A `ComplexType`.
    Complex(Structured),
    /// An `EnumType`.
    Enum(Enum),
    /// A `TypeDefinition`.
    Definition(Definition),
}

/// An entity or complex type.
#[derive(Debug, Default)]
pub struct Structured {
    /// The base type (same kind), after cycles were removed.
    pub base: Option<TypeId>,
    /// `Abstract`.
    pub is_abstract: bool,
    /// `OpenType`: members beyond the declared ones are expected.
    pub open_type: bool,
    /// `HasStream`: the entity is a media entity.
    pub has_stream: bool,
    /// The key declared on this type (empty when it inherits or has none).
    pub key: Vec<KeyPart>,
    /// Structural properties declared on this type.
    pub properties: Vec<Property>,
    /// Navigation properties declared on this type.
    pub navigation: Vec<Navigation>,
    /// Direct derived types, sorted by qualified name.
    pub derived: Vec<TypeId>,
    /// A stand-in for an entity type a subset left out: only its key.
    pub is_stub: bool,
    /// Capabilities annotated on the type itself (Microsoft Graph does
    /// this): the defaults of every collection of it.
    pub caps: Capabilities,
}

/// One property of a key.
#[derive(Debug, Clone)]
pub struct KeyPart {
    /// Index into `owner`'s [`Structured::properties`].
    pub property: usize,
    /// The type that declares the key property (a complex type for a key
    /// inside a complex property).
    pub owner: TypeId,
    /// The name the key segment of a URL uses: the property name, or the
    /// `Alias` of a key property inside a complex property.
    pub name: String,
}

/// A structural property.
#[derive(Debug, Clone)]
pub struct Property {
    /// The JSON name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// The service computes it (`Core.Computed`) or clients cannot set it
    /// (`Core.Permissions` = `Read`): left out of create bodies.
    pub read_only: bool,
    /// `DefaultValue`, as written.
    pub default_value: Option<String>,
    /// `MaxLength`, as written.
    pub max_length: Option<String>,
    /// What the service refuses to do with it in queries.
    pub restrictions: Restrictions,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// A navigation property.
#[derive(Debug, Clone)]
pub struct Navigation {
    /// The JSON name.
    pub name: String,
    /// The target entity type.
    pub target: TypeId,
    /// Collection-valued.
    pub collection: bool,
    /// `Nullable` (single-valued only).
    pub nullable: bool,
    /// `ContainsTarget`.
    pub contains_target: bool,
    /// Whether entities can be created by `POST` to it (collections only):
    /// false when `Capabilities.InsertRestrictions/Insertable` is false.
    pub insertable: bool,
    /// Its Capabilities annotations (those of the target type apply where
    /// these are silent).
    pub caps: Capabilities,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// A reference to a type, as a property or parameter uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TypeRef {
    /// The item type.
    pub target: Target,
    /// `Collection(...)`.
    pub collection: bool,
    /// `Nullable`: of the value, or of the items of a collection.
    pub nullable: bool,
}

/// What a [`TypeRef`] points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// An Edm primitive type.
    Primitive(Primitive),
    /// A named type.
    Named(TypeId),
}

/// An enum type.
#[derive(Debug)]
pub struct Enum {
    /// The integer type of the values.
    pub underlying: Primitive,
    /// `IsFlags`.
    pub is_flags: bool,
    /// Members in document order.
    pub members: Vec<EnumMember>,
}

/// A member of an enum type.
#[derive(Debug)]
pub struct EnumMember {
    /// The name.
    pub name: String,
    /// The value, explicit or implied.
    pub value: i64,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// A type definition: a named primitive type.
#[derive(Debug)]
pub struct Definition {
    /// The underlying primitive type.
    pub underlying: Primitive,
}

/// An entity container.
#[derive(Debug)]
pub struct Container {
    /// The simple name.
    pub name: String,
    /// The namespace it is declared in.
    pub namespace: NsId,
    /// Entity sets, in document order.
    pub entity_sets: Vec<EntitySet>,
    /// Singletons, in document order.
    pub singletons: Vec<Singleton>,
    /// Action and function imports, in document order.
    pub imports: Vec<Import>,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// An entity set.
#[derive(Debug)]
pub struct EntitySet {
    /// The name, which is also its URL segment.
    pub name: String,
    /// The entity type of its members.
    pub entity_type: TypeId,
    /// Whether entities can be created in it.
    pub insertable: bool,
    /// Its Capabilities annotations.
    pub caps: Capabilities,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// A singleton.
#[derive(Debug)]
pub struct Singleton {
    /// The name, which is also its URL segment.
    pub name: String,
    /// Its entity type.
    pub entity_type: TypeId,
    /// Its Capabilities annotations.
    pub caps: Capabilities,
    /// Documentation.
    pub docs: Docs,
    /// Where it is declared.
    pub loc: Location,
}

/// What annotations say about an element, for doc comments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    /// `Core.Description`.
    pub description: Option<String>,
    /// `Core.LongDescription`.
    pub long_description: Option<String>,
    /// `Core.Revisions` with `Kind` = `Deprecated`: its description.
    pub deprecated: Option<String>,
}
