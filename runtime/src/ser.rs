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

/// A navigation property of an OData v2 type: as [`single`] (a deferred
/// one is among the kept members).
pub fn v2_single<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    field: &Option<T>,
    extra: &Extra,
    index: u16,
) -> Result<(), M::Error> {
    single(map, name, field, extra, index)
}

/// A collection of an OData v2 type: as [`collection`]. Verbose JSON
/// wraps collections in `{"results": […]}`; request bodies may send the
/// array itself, which v2 services read too.
pub fn v2_collection<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    field: &Vec<T>,
    extra: &Extra,
    index: u16,
) -> Result<(), M::Error> {
    collection(map, name, field, extra, index)
}

/// Writes a single-valued property: its value, or `null` when it was read
/// as `null` (or asked for with [`Extra::write_empty`]), or nothing.
pub fn single<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    field: &Option<T>,
    extra: &Extra,
    index: u16,
) -> Result<(), M::Error> {
    match field {
        Some(value) => map.serialize_entry(name, value),
        None if extra.explicit(index).is_some() => map.serialize_entry(name, &()),
        None => Ok(()),
    }
}

/// Writes a collection-valued property: its items, or `[]`/`null` as it was
/// read when it is empty, or nothing.
pub fn collection<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    field: &Vec<T>,
    extra: &Extra,
    index: u16,
) -> Result<(), M::Error> {
    if !field.is_empty() {
        return map.serialize_entry(name, field);
    }
    match extra.explicit(index) {
        Some(true) => map.serialize_entry(name, &()),
        Some(false) => map.serialize_entry(name, field),
        None => Ok(()),
    }
}

/// Serializes a generated enum as its member name (or kept raw string).
pub fn enum_member<E: EnumMember, S: Serializer>(value: &E, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.member_name())
}
