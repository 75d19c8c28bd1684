//! The Edm primitive types.

/// An Edm primitive type (including the abstract ones that only
/// vocabularies use).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    Binary,
    Boolean,
    Byte,
    Date,
    /// OData v2's `Edm.DateTime`: a date and time without an offset.
    DateTime,
    DateTimeOffset,
    Decimal,
    Double,
    Duration,
    Guid,
    Int16,
    Int32,
    Int64,
    SByte,
    Single,
    Stream,
    String,
    /// OData v2's `Edm.Time`: a time of day, written as a duration (`PT13H20M`).
    Time,
    TimeOfDay,
    /// Any `Edm.Geography*` or `Edm.Geometry*` type; the name is kept.
    Spatial(&'static str),
    /// `Edm.Untyped`: any JSON value.
    Untyped,
    /// `Edm.PrimitiveType`, `Edm.ComplexType`, `Edm.EntityType`: abstract
    /// types that any value of that kind can stand for.
    Abstract(&'static str),
    /// `Edm.AnnotationPath`, `Edm.PropertyPath`, ...: a path, as a string.
    PathType(&'static str),
}

const SPATIAL: &[&str] = &[
    "Geography",
    "GeographyPoint",
    "GeographyLineString",
    "GeographyPolygon",
    "GeographyMultiPoint",
    "GeographyMultiLineString",
    "GeographyMultiPolygon",
    "GeographyCollection",
    "Geometry",
    "GeometryPoint",
    "GeometryLineString",
    "GeometryPolygon",
    "GeometryMultiPoint",
    "GeometryMultiLineString",
    "GeometryMultiPolygon",
    "GeometryCollection",
];

const ABSTRACT: &[&str] = &["PrimitiveType", "ComplexType", "EntityType"];

const PATHS: &[&str] =
    &["AnnotationPath", "PropertyPath", "NavigationPropertyPath", "AnyPropertyPath", "ModelElementPath"];

const SIMPLE: &[(&str, Primitive)] = &[
    ("Binary", Primitive::Binary),
    ("Boolean", Primitive::Boolean),
    ("Byte", Primitive::Byte),
    ("Date", Primitive::Date),
    ("DateTime", Primitive::DateTime),
    ("DateTimeOffset", Primitive::DateTimeOffset),
    ("Decimal", Primitive::Decimal),
    ("Double", Primitive::Double),
    ("Duration", Primitive::Duration),
    ("Guid", Primitive::Guid),
    ("Int16", Primitive::Int16),
    ("Int32", Primitive::Int32),
    ("Int64", Primitive::Int64),
    ("SByte", Primitive::SByte),
    ("Single", Primitive::Single),
    ("Stream", Primitive::Stream),
    ("String", Primitive::String),
    ("Time", Primitive::Time),
    ("TimeOfDay", Primitive::TimeOfDay),
    ("Untyped", Primitive::Untyped),
];

impl Primitive {
    /// The primitive named `Edm.<name>`.
    pub fn from_name(name: &str) -> Option<Primitive> {
        if let Some((_, p)) = SIMPLE.iter().find(|(n, _)| *n == name) {
            return Some(*p);
        }
        if let Some(n) = SPATIAL.iter().find(|n| **n == name) {
            return Some(Primitive::Spatial(n));
        }
        if let Some(n) = ABSTRACT.iter().find(|n| **n == name) {
            return Some(Primitive::Abstract(n));
        }
        PATHS.iter().find(|n| **n == name).map(|n| Primitive::PathType(n))
    }

    /// Every Edm type name, without the `Edm.` prefix (for suggestions).
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        SIMPLE
            .iter()
            .map(|(n, _)| *n)
            .chain(SPATIAL.iter().copied())
            .chain(ABSTRACT.iter().copied())
            .chain(PATHS.iter().copied())
    }

    /// The name without `Edm.`.
    pub fn name(self) -> &'static str {
        match self {
            Primitive::Spatial(n) | Primitive::Abstract(n) | Primitive::PathType(n) => n,
            p => SIMPLE.iter().find(|(_, q)| *q == p).map_or("?", |(n, _)| *n),
        }
    }

    /// Whether the type exists only in OData v1-v3 (`Edm.DateTime`,
    /// `Edm.Time`), which v4 documents must not use.
    pub fn is_v2_only(self) -> bool {
        matches!(self, Primitive::DateTime | Primitive::Time)
    }

    /// Whether enum types may use it as `UnderlyingType`, and its range.
    pub fn integer_range(self) -> Option<(i64, i64)> {
        Some(match self {
            Primitive::Byte => (0, 255),
            Primitive::SByte => (-128, 127),
            Primitive::Int16 => (i64::from(i16::MIN), i64::from(i16::MAX)),
            Primitive::Int32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
            Primitive::Int64 => (i64::MIN, i64::MAX),
            _ => return None,
        })
    }

    /// Whether values of this type are a plain Rust type (`String`,
    /// `bool`, an integer), not a runtime type.
    pub fn is_plain_rust(self) -> bool {
        matches!(
            self,
            Primitive::String
                | Primitive::PathType(_)
                | Primitive::Boolean
                | Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
        )
    }

    /// Whether a key property may have this type.
    pub fn can_be_key(self) -> bool {
        matches!(
            self,
            Primitive::Boolean
                | Primitive::Byte
                | Primitive::Date
                | Primitive::DateTime
                | Primitive::Time
                | Primitive::DateTimeOffset
                | Primitive::Decimal
                | Primitive::Duration
                | Primitive::Guid
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::SByte
                | Primitive::String
                | Primitive::TimeOfDay
                | Primitive::Binary
        )
    }
}
