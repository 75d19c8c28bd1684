//! What a request expects back, and how its answer is read.
//!
//! Every request is a [`crate::request::Request<K>`]; `K` says what the
//! answer is (an entity, a page of them, a count, nothing, bytes, ...) and
//! reads it: the success statuses it accepts, the body it decodes, and a
//! typed error for anything else. The kinds are plain values so a batch
//! can keep them with its members and read each answer the same way.
//!
//! ```
//! use odata_runtime::expect::{Conditional, Count, Expect, IfModified, NoContent, Optional, Primitive, Values};
//! use odata_runtime::http::{HeaderMap, StatusCode};
//! use odata_runtime::response::ResponseError;
//!
//! let headers = HeaderMap::new();
//! assert_eq!(Count::<()>::default().parse(StatusCode::OK, &headers, b"42")?, 42);
//!
//! let total: Primitive<i64> = Primitive::default();
//! assert_eq!(total.parse(StatusCode::OK, &headers, br#"{"@odata.context":"$metadata#Edm.Int64","value":7}"#)?, 7);
//! let maybe: Optional<Primitive<i64>> = Optional::default();
//! assert_eq!(maybe.parse(StatusCode::NO_CONTENT, &headers, b"")?, None);
//!
//! let names: Values<String> = Values::default();
//! assert_eq!(names.parse(StatusCode::OK, &headers, br#"{"value":["a","b"]}"#)?.value, ["a", "b"]);
//!
//! let cached = IfModified(NoContent);
//! assert_eq!(cached.parse(StatusCode::NOT_MODIFIED, &headers, b"")?, Conditional::NotModified);
//!
//! // Not what the kind expects, and not an OData error: status and body are kept.
//! match total.parse(StatusCode::BAD_GATEWAY, &headers, b"<html>") {
//!     Err(ResponseError::Undecodable { status, body, .. }) => {
//!         assert_eq!(status, 502);
//!         assert_eq!(body, b"<html>");
//!     }
//!     other => panic!("expected Undecodable, got {other:?}"),
//! }
//! # Ok::<(), ResponseError>(())
//! ```

use std::marker::PhantomData;

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::page::Page;
use crate::response::{self, Created as CreatedValue, ResponseError};
use crate::traits::EntityType;

/// How the answer of a request is read.
pub trait Expect {
    /// The typed result.
    type Output;

    /// The `Accept` header the request sends.
    fn accept(&self) -> &'static str {
        "application/json"
    }

    /// Reads the answer.
    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Output, ResponseError>;
}

fn undecodable(status: StatusCode, body: &[u8], reason: String) -> ResponseError {
    ResponseError::Undecodable { status, body: body.to_vec(), reason }
}

/// A JSON body decoded as `T` on a success status; an error otherwise.
fn json<T: DeserializeOwned>(status: StatusCode, body: &[u8], what: &str) -> Result<T, ResponseError> {
    if !status.is_success() {
        return Err(response::error_from(status, body));
    }
    if status == StatusCode::NO_CONTENT {
        return Err(undecodable(status, body, format!("{what} was expected, the service answered 204 No Content")));
    }
    serde_json::from_slice(body).map_err(|e| undecodable(status, body, e.to_string()))
}

macro_rules! kind {
    ($(#[$doc:meta])* $name:ident<$t:ident>) => {
        $(#[$doc])*
        pub struct $name<$t>(PhantomData<fn() -> $t>);

        impl<$t> Default for $name<$t> {
            fn default() -> Self {
                $name(PhantomData)
            }
        }

        impl<$t> Clone for $name<$t> {
            fn clone(&self) -> Self {
                $name(PhantomData)
            }
        }

        impl<$t> std::fmt::Debug for $name<$t> {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(stringify!($name))
            }
        }
    };
}

kind! {
    /// One entity of type `T`: `GET` of an entity path, or an operation
    /// returning an entity. Reads `T::Value` (the polymorphic enum where
    /// `T` has derived types).
    Entity<T>
}

impl<T: EntityType> Expect for Entity<T> {
    type Output = T::Value;
    fn parse(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<T::Value, ResponseError> {
        json(status, body, "an entity")
    }
}

kind! {
    /// A page of entities of type `T`: `GET` of a collection, or an
    /// operation returning entities. Query options apply.
    Entities<T>
}

impl<T: EntityType> Expect for Entities<T> {
    type Output = Page<T::Value>;
    fn parse(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<Page<T::Value>, ResponseError> {
        json(status, body, "a collection")
    }
}

kind! {
    /// A complex value, as an operation returns it: the JSON object itself.
    Complex<V>
}

impl<V: DeserializeOwned> Expect for Complex<V> {
    type Output = V;
    fn parse(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<V, ResponseError> {
        json(status, body, "a value")
    }
}

kind! {
    /// A primitive or enum value, as an operation returns it:
    /// `{"value": ...}`. `V` is `Option<_>` where the result may be `null`.
    Primitive<V>
}

impl<V: DeserializeOwned> Expect for Primitive<V> {
    type Output = V;
    fn parse(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<V, ResponseError> {
        json::<ValueMember<V>>(status, body, "a value").map(|v| v.0)
    }
}

/// The `value` member of an object, read straight from the JSON (not
/// through `serde_json::Value`, which would lose the digits of an
/// `Edm.Decimal`); other members (`@odata.context`) are skipped.
struct ValueMember<V>(V);

impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for ValueMember<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<V>(PhantomData<fn() -> V>);
        impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = ValueMember<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object with a `value` member")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<ValueMember<V>, A::Error> {
                let mut value = None;
                while let Some(key) = map.next_key::<String>()? {
                    // OData v2 names the member after the function
                    // (`{"d": {"greeting": "hi"}}`): the one member that
                    // is not control information.
                    let member = key == "value" || !(key.starts_with('@') || key.starts_with("__"));
                    if member && value.is_none() {
                        value = Some(map.next_value()?);
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                value.map(ValueMember).ok_or_else(|| serde::de::Error::missing_field("value"))
            }
        }
        deserializer.deserialize_map(Visit(PhantomData))
    }
}

kind! {
    /// A collection of primitive, enum or complex values, as an operation
    /// returns it: a page whose items are `V`.
    Values<V>
}

impl<V: DeserializeOwned> Expect for Values<V> {
    type Output = Page<V>;
    fn parse(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<Page<V>, ResponseError> {
        json(status, body, "a collection")
    }
}

kind! {
    /// The answer to a create request (see [`CreatedValue`]).
    Created<V>
}

impl<V: DeserializeOwned> Expect for Created<V> {
    type Output = CreatedValue<V>;
    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<CreatedValue<V>, ResponseError> {
        response::parse_created(status, headers, body)
    }
}

kind! {
    /// The answer to an update or replace: `204 No Content` (`None`), or
    /// `200` with the entity as stored, when the service sends it (ask with
    /// `prefer_representation`).
    Updated<V>
}

impl<V: DeserializeOwned> Expect for Updated<V> {
    type Output = Option<V>;
    fn parse(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<Option<V>, ResponseError> {
        match status {
            StatusCode::NO_CONTENT => Ok(None),
            StatusCode::OK if body.iter().all(u8::is_ascii_whitespace) => Ok(None),
            _ => json(status, body, "the updated entity").map(Some),
        }
    }
}

kind! {
    /// A result that may be absent: `204 No Content` (or `404`-free empty
    /// answer) reads as `None`, anything else as `K` reads it. For
    /// operations whose return type is nullable.
    Optional<K>
}

impl<K: Expect + Default> Expect for Optional<K> {
    type Output = Option<K::Output>;
    fn accept(&self) -> &'static str {
        K::default().accept()
    }
    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Option<K::Output>, ResponseError> {
        if status == StatusCode::NO_CONTENT {
            return Ok(None);
        }
        K::default().parse(status, headers, body).map(Some)
    }
}

/// No result: `DELETE`, reference changes, actions that return nothing.
/// Any success status is accepted and its body ignored.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoContent;

impl Expect for NoContent {
    type Output = ();
    fn parse(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<(), ResponseError> {
        if status.is_success() { Ok(()) } else { Err(response::error_from(status, body)) }
    }
}

kind! {
    /// The number of a `/$count` request on a collection of `T`: a
    /// plain-text integer. `$filter` and `$search` apply.
    Count<T>
}

impl<T> Expect for Count<T> {
    type Output = u64;
    fn accept(&self) -> &'static str {
        "text/plain"
    }
    fn parse(&self, status: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<u64, ResponseError> {
        if !status.is_success() {
            return Err(response::error_from(status, body));
        }
        let text = std::str::from_utf8(body).unwrap_or("");
        let text = text.trim_start_matches('\u{feff}').trim();
        text.parse().map_err(|_| undecodable(status, body, "a /$count answer is not a non-negative integer".into()))
    }
}

/// Requests whose answer is shaped by `$select` and `$expand` over the
/// properties of `Item`.
pub trait Shaped {
    /// The entity type whose properties are selected.
    type Item;
}

/// Requests `$filter` and `$search` apply to.
pub trait Filtered {
    /// The entity type filtered.
    type Item;
}

/// Requests of collections: `$orderby`, `$top`, `$skip`, `$count=true`.
pub trait Paged {
    /// The entity type ordered.
    type Item;
}

impl<T> Shaped for Entity<T> {
    type Item = T;
}
impl<T> Shaped for Entities<T> {
    type Item = T;
}
impl<K: Shaped> Shaped for IfModified<K> {
    type Item = K::Item;
}
impl<K: Shaped> Shaped for Optional<K> {
    type Item = K::Item;
}
impl<T> Filtered for Entities<T> {
    type Item = T;
}
impl<T> Filtered for Count<T> {
    type Item = T;
}
impl<T> Paged for Entities<T> {
    type Item = T;
}

/// Bytes with a content type: the value of a stream property or a media
/// entity (`$value`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Media {
    /// The `Content-Type` the service sent.
    pub content_type: Option<String>,
    /// The `ETag` of the stream, when the service sent one.
    pub etag: Option<String>,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Reads [`Media`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Bytes;

impl Expect for Bytes {
    type Output = Media;
    fn accept(&self) -> &'static str {
        "*/*"
    }
    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Media, ResponseError> {
        if !status.is_success() {
            return Err(response::error_from(status, body));
        }
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Media { content_type: header("content-type"), etag: header("etag"), bytes: body.to_vec() })
    }
}

/// The answer to a conditional read (`If-None-Match`).
#[derive(Clone, Debug, PartialEq)]
pub enum Conditional<T> {
    /// The resource changed: here it is.
    Modified(T),
    /// `304 Not Modified`: the copy the caller has is current.
    NotModified,
}

/// `K` read with `If-None-Match`: `304` is [`Conditional::NotModified`].
#[derive(Clone, Debug, Default)]
pub struct IfModified<K>(pub K);

impl<K: Expect> Expect for IfModified<K> {
    type Output = Conditional<K::Output>;
    fn accept(&self) -> &'static str {
        self.0.accept()
    }
    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Output, ResponseError> {
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Conditional::NotModified);
        }
        self.0.parse(status, headers, body).map(Conditional::Modified)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_values() {
        let h = HeaderMap::new();
        let count: Count<()> = Count::default();
        assert_eq!(count.parse(StatusCode::OK, &h, b"\xEF\xBB\xBF42\n").unwrap(), 42);
        assert!(matches!(count.parse(StatusCode::OK, &h, b"-1"), Err(ResponseError::Undecodable { .. })));
        let v: Primitive<Option<String>> = Primitive::default();
        assert_eq!(v.parse(StatusCode::OK, &h, br#"{"@odata.context":"x","value":null}"#).unwrap(), None);
        let v: Primitive<i32> = Primitive::default();
        assert!(v.parse(StatusCode::OK, &h, br#"{"value":"x"}"#).is_err());
        let u: Updated<serde_json::Value> = Updated::default();
        assert_eq!(u.parse(StatusCode::NO_CONTENT, &h, b"").unwrap(), None);
        let c: IfModified<NoContent> = IfModified(NoContent);
        assert_eq!(c.parse(StatusCode::NOT_MODIFIED, &h, b"").unwrap(), Conditional::NotModified);
        match NoContent.parse(StatusCode::PRECONDITION_FAILED, &h, br#"{"error":{"code":"412","message":"etag"}}"#) {
            Err(ResponseError::Precondition { status, error }) => {
                assert_eq!(status, 412);
                assert_eq!(error.unwrap().message, "etag");
            }
            other => panic!("{other:?}"),
        }
    }
}
