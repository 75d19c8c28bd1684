//! The stable diagnostic codes.
//!
//! A code keeps its meaning forever; a new kind of problem gets a new code.
//! Errors start with `E`, warnings with `W`. [`CATALOG`] describes each one
//! (the README prints the same table).

macro_rules! codes {
    ($($name:ident = $code:literal: $what:literal;)*) => {
        $(#[doc = $what] pub const $name: &str = $code;)*
        /// Every code with what it means.
        pub const CATALOG: &[(&str, &str)] = &[$(($code, $what)),*];
    };
}

codes! {
    IO = "E0001": "An input document or the output folder cannot be read or written.";
    ENCODING = "E0002": "The document is not UTF-8 text (UTF-16, invalid UTF-8, or a declared encoding other than UTF-8).";
    XML_SYNTAX = "E0003": "The document is not well-formed XML (truncated, mismatched tags, bad syntax).";
    DTD = "E0004": "The document has a DOCTYPE. CSDL has no use for DTDs, and entity declarations can expand without bound, so they are refused.";
    ENTITY = "E0005": "An entity reference other than the five predefined ones and character references.";
    NS_PREFIX = "E0006": "An element or attribute uses a namespace prefix that is not declared.";
    LIMIT = "E0007": "A resource limit was exceeded: document size, nesting depth, attribute or text length.";
    ROOT = "E0101": "The root element is not `edmx:Edmx` in the OData v4 EDMX namespace.";
    VERSION = "E0102": "The `edmx:Edmx` version is not one this generator reads: `4.0` or `4.01` in the OData v4 namespace, `1.0` (OData v1-v3) in the EDMX namespace of 2007/06.";
    NO_DATA_SERVICES = "E0103": "`edmx:Edmx` has no `edmx:DataServices` element.";
    MISSING_ATTRIBUTE = "E0104": "A required attribute is missing, such as `Namespace` on `Schema` or `Name` on a type.";
    BAD_ATTRIBUTE = "E0105": "An attribute value is malformed, such as a `Nullable` that is not `true` or `false`.";
    NAME = "E0201": "A name is not a CSDL simple identifier (letters, digits and `_`, not starting with a digit, at most 128 characters).";
    NAMESPACE = "E0202": "A namespace is not a dot-separated sequence of simple identifiers, or is reserved (`Edm`, `odata`, `System`, `Transient`).";
    DUPLICATE = "E0203": "Two elements have the same name where names must be unique (types in a namespace, properties of a type, enum members, container children).";
    UNKNOWN_TYPE = "E0301": "A type name that resolves to no type in the document or the documents it references.";
    UNKNOWN_PRIMITIVE = "E0302": "A name in the `Edm` namespace that is not an Edm type, such as `Edm.Strin`.";
    TYPE_EXPRESSION = "E0303": "A malformed type expression, such as `Collection(Collection(T))` or an unclosed `Collection(`.";
    CYCLE = "E0304": "A type is its own base type, directly or through others.";
    BASE_KIND = "E0305": "A `BaseType` of the wrong kind: an entity type deriving from a complex type or the other way round.";
    TYPE_KIND = "E0306": "A type of the wrong kind where it is used: an entity set of a complex type, a navigation property to a complex type, a structural property of an entity type.";
    ASSOCIATION = "E0308": "An OData v2 navigation property whose `Relationship` names no association, whose `FromRole` or `ToRole` is not an end of it (or both are the same end), or an association whose ends are not two, or whose `Multiplicity` is not `0..1`, `1` or `*`.";
    TYPE_DEFINITION = "E0307": "A `TypeDefinition` whose `UnderlyingType` is not an Edm primitive type.";
    KEY_MISSING = "E0401": "A `PropertyRef` names a property the entity type does not have.";
    KEY_PROPERTY = "E0402": "A key property that is explicitly nullable, a collection, or not of a primitive, enum or type-definition type.";
    ENUM_VALUE = "E0501": "An enum member `Value` that is not an integer in the range of the `UnderlyingType`, or an `UnderlyingType` that is not an integer type.";
    CONFIG = "E0701": "The configuration file is not valid TOML, or has a key this generator does not know (a typo is an error, not silence).";
    CONFIG_VALUE = "E0702": "A configuration value is wrong: a rename that is not a Rust identifier, an unknown closure mode, a missing input, conflicting runtime settings.";
    OUTPUT = "E0601": "The output folder cannot be written as a whole; nothing in it was changed.";
    NO_COLLECTION = "W0001": "An entity type has no collection (entity set or collection-valued navigation property) that accepts it, so no create function reaches it.";
    ANNOTATION_TARGET = "W0002": "An `Annotations` target that resolves to nothing in the document.";
    UNKNOWN_ELEMENT = "W0003": "An element in the CSDL or EDMX namespace that this generator does not know; it is skipped.";
    ANNOTATION_VALUE = "W0004": "An annotation this generator reads has a value of the wrong shape, such as `Insertable` that is not a boolean; it is ignored.";
    DUPLICATE_ENUM_VALUE = "W0006": "Two members of an enum type have the same value (CSDL allows it; the first one is what a numeric value maps back to).";
    IMPLICIT_NULLABLE_KEY = "W0007": "A key property does not say `Nullable=\"false\"`; key properties cannot be null, so it is treated as non-nullable.";
    TOLERATED = "W0008": "Something CSDL does not allow but real services publish, accepted as written: a member name with `-`, `.` or a leading `@`; a boolean written `True`; a key of type `Edm.Single` or `Edm.Double`; a derived type declaring an inherited property again with the same type; OData v3 namespaces in a `Version=\"4.0\"` document.";
    UNAVAILABLE_TYPE = "W0009": "A property whose type is in a namespace whose document was not loaded (such as a vocabulary referenced by URL); its values are kept as untyped JSON.";
    UNUSED_PATTERN = "W0010": "An `include` pattern or a rename of the configuration matches nothing in the model.";
    OPERATION_SKIPPED = "W0011": "An action, function or operation import that cannot be generated, and why: bound to something other than an entity type or a collection of one, a parameter or return type that does not resolve, a parameter name that is not an identifier, an import of an operation that does not exist. The rest of the crate is generated.";
    SPACED_NAME = "W0012": "A member name (property, navigation property, enum member) with spaces, which CSDL does not allow but some services publish (an enum member with a trailing space); JSON uses it as written, the Rust name leaves the spaces out.";
    NARROWED = "W0013": "A derived type declares an inherited property again with a type that narrows the inherited one (`Edm.PrimitiveType` for `Edm.Untyped`, a derived type for its base, not null for nullable); the inherited declaration is used, which holds every value of the narrower type.";
    NAMESPACE_TOLERATED = "W0014": "A namespace or alias CSDL does not allow but published documents use, accepted as written: the namespaces `System` and `Transient` (reserved by CSDL; .NET services publish `System`), a namespace segment after the first that starts with a digit, an alias with `-` or `.`. `Edm` and `odata` stay refused.";
    UNRESOLVED_REFERENCE = "W0005": "An `edmx:Reference` whose document was not found next to the main document; its namespaces are treated as unavailable.";
}
