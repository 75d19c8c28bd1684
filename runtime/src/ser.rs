//! Serialization helpers called by generated `Serialize` impls.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::{EnumMember, Extra, Structured, WriteMode};

/// Serializes a generated struct as a JSON object: kept control information
/// (`@...` members) first, as OData JSON requires, then the declared
/// properties, then the other kept members.
///
/// `odata_type` is written as `@odata.type` when the value does not already
/// carry one; the polymorphic enums pass it for derived types, so that a
/// derived value sent where its base type is expected says what it is.
pub fn structured<T: Structured, S: Serializer>(
    value: &T,
    odata_type: Option<&str>,
    mode: WriteMode,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let extra = value.extra();
    let mut map = serializer.serialize_map(None)?;
    if let Some(odata_type) = odata_type {
        let members = extra.members();
        if !members.contains_key("@odata.type") && !members.contains_key("@type") {
            map.serialize_entry("@odata.type", odata_type)?;
        }
    }
    for (key, member) in extra.members().iter().filter(|(key, _)| key.starts_with('@')) {
        if mode.writes_member(key) {
            map.serialize_entry(key, member)?;
        }
    }
    value.write_fields(&mut map, mode)?;
    for (key, member) in extra.members().iter().filter(|(key, _)| !key.starts_with('@')) {
        if mode == WriteMode::Full || !crate::v2::is_control(key, member) {
            map.serialize_entry(key, member)?;
        }
    }
    map.end()
}

/// Writes the declared fields of a generated struct into a JSON object, in
/// table order. `structured_impls!` calls one method per field, with no
/// `?` between them: the first error is kept and the later calls do
/// nothing, and [`Fields::end`] returns it. One plain call per field keeps
/// the generated `write_fields` cheap to compile (a `?` per field is a
/// match and a conversion for the compiler to check, 17,000 times over in
/// Microsoft Graph's crate).
pub struct Fields<'a, M: SerializeMap> {
    map: &'a mut M,
    extra: &'a Extra,
    mode: WriteMode,
    error: Option<M::Error>,
}

/// The flags of a [`structured_impls!`](crate::structured_impls) table
/// line, as the values the table's writer is called with.
#[doc(hidden)]
pub mod flag {
    /// A field that only a full write sends, not a create or update
    /// request.
    #[allow(non_upper_case_globals)]
    pub const read_only: bool = true;
}

impl<'a, M: SerializeMap> Fields<'a, M> {
    /// Starts writing the fields of a value whose kept members are `extra`.
    pub fn new(map: &'a mut M, mode: WriteMode, extra: &'a Extra) -> Self {
        Fields { map, extra, mode, error: None }
    }

    fn skips(&self, read_only: bool) -> bool {
        self.error.is_some() || (read_only && self.mode != WriteMode::Full)
    }

    fn entry<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if let Err(e) = self.map.serialize_entry(name, value) {
            self.error = Some(e);
        }
    }

    /// A single-valued property: its value, or `null` when it was read as
    /// `null` (or asked for with [`Extra::write_empty`]), or nothing.
    ///
    /// A type declares many more properties than a value has (Graph's
    /// `user` 196, a response 20), so the absent case comes first and
    /// costs two tests.
    #[inline]
    pub fn single<T: Serialize>(&mut self, name: &'static str, field: &Option<T>, index: u16, read_only: bool) {
        match field {
            None if self.extra.explicit(index).is_none() => {}
            _ if self.skips(read_only) => {}
            Some(value) => self.entry(name, value),
            None => self.entry(name, &()),
        }
    }

    /// A collection-valued property: its items, or `[]`/`null` as it was
    /// read when it is empty, or nothing.
    #[inline]
    pub fn collection<T: Serialize>(&mut self, name: &'static str, field: &Vec<T>, index: u16, read_only: bool) {
        let explicit = if field.is_empty() {
            match self.extra.explicit(index) {
                None => return,
                some => some,
            }
        } else {
            None
        };
        if self.skips(read_only) {
            return;
        }
        match explicit {
            Some(true) => self.entry(name, &()),
            _ => self.entry(name, field),
        }
    }

    /// A navigation property of an OData v2 type: as [`Fields::single`] (a
    /// deferred one is among the kept members).
    pub fn v2_single<T: Serialize>(&mut self, name: &'static str, field: &Option<T>, index: u16, read_only: bool) {
        self.single(name, field, index, read_only)
    }

    /// A collection of an OData v2 type: as [`Fields::collection`], and in
    /// `{"results": […]}` when it was read so. Verbose JSON wraps
    /// collections so; a collection made in code is written as the array
    /// itself, which v2 services read too.
    pub fn v2_collection<T: Serialize>(&mut self, name: &'static str, field: &Vec<T>, index: u16, read_only: bool) {
        if !self.extra.wrapped(index) {
            return self.collection(name, field, index, read_only);
        }
        if !self.skips(read_only) {
            self.entry(name, &Results(field));
        }
    }

    /// The first error of the fields written, if any.
    pub fn end(self) -> Result<(), M::Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// A collection as OData v2's verbose JSON wraps it: `{"results": […]}`.
struct Results<'a, T>(&'a Vec<T>);

impl<T: Serialize> Serialize for Results<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("results", self.0)?;
        map.end()
    }
}

/// Serializes a generated enum as its member name (or kept raw string).
pub fn enum_member<E: EnumMember, S: Serializer>(value: &E, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.member_name())
}
