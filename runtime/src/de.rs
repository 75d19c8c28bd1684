//! Deserialization helpers called by generated `Deserialize` impls.
//!
//! A generated struct does not derive `Deserialize`: `#[serde(flatten)]`,
//! the usual way to keep unknown members, buffers every object into an
//! intermediate tree first, which halves throughput. Instead each struct
//! implements [`Structured`] (a name → field-index table and one `match` that
//! reads a field), and the loop here fills the struct in a single pass,
//! keeping the members it does not declare in its [`crate::Extra`].

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor, value::StringDeserializer};
use serde_json::Value;

use crate::{EnumMember, Polymorphic, Structured};

/// How a declared property was present in the JSON that was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// With a value.
    Value,
    /// As `null`.
    Null,
    /// As `[]` (collections only).
    Empty,
    /// As OData v2's `{"results": […]}`, with items or none (collections
    /// of v2 types only): written back in the same form.
    Wrapped,
}

/// Deserializes a generated struct from a JSON object.
pub fn structured<'de, T: Structured, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let mut value = T::default();
    deserializer.deserialize_map(Fill(&mut value))?;
    Ok(value)
}

/// Fills a default value in place. Generated structs can be large (Graph's
/// `user` is 2.7 KB); filling them where they will live, rather than
/// returning them through each layer of serde, saves copying them.
struct Fill<'a, T>(&'a mut T);

impl<'de, T: Structured> Visitor<'de> for Fill<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object of type {}", T::QUALIFIED_NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let value = self.0;
        while let Some(key) = map.next_key_seed(KeySeed::<T>(PhantomData))? {
            match key {
                Key::Field(index) => match value.read_field(index, &mut map)? {
                    Presence::Value => value.extra_mut().clear_present(index),
                    Presence::Null => value.extra_mut().mark_present(index, true),
                    Presence::Empty => value.extra_mut().mark_present(index, false),
                    Presence::Wrapped => value.extra_mut().mark_wrapped(index),
                },
                Key::Other(name) => {
                    let member: Value = map.next_value()?;
                    value.extra_mut().members_mut().insert(name, member);
                }
            }
        }
        Ok(())
    }
}

enum Key {
    Field(u16),
    Other(String),
}

/// Reads a member name and looks it up without allocating when it is a
/// declared property.
struct KeySeed<T>(PhantomData<fn() -> T>);

impl<'de, T: Structured> DeserializeSeed<'de> for KeySeed<T> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, T: Structured> Visitor<'de> for KeySeed<T> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(match T::field_index(v) {
            Some(index) => Key::Field(index),
            None => Key::Other(v.to_owned()),
        })
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
        Ok(match T::field_index(&v) {
            Some(index) => Key::Field(index),
            None => Key::Other(v),
        })
    }
}

/// What the type of a generated struct's field must be, beside readable:
/// `Send`, `Sync`, `Unpin` and unwind-safe. `structured_impls!` declares
/// these auto traits for the struct instead of letting the compiler infer
/// them (see there), and proves the declaration by reading every field
/// through the functions here, which ask for this trait.
pub trait Field: Send + Sync + Unpin + std::panic::UnwindSafe + std::panic::RefUnwindSafe {}

impl<T: Send + Sync + Unpin + std::panic::UnwindSafe + std::panic::RefUnwindSafe + ?Sized> Field for T {}

/// Reads a single-valued property into `slot`; `null` leaves it `None`.
pub fn single<'de, A: MapAccess<'de>, T: Deserialize<'de> + Field>(
    map: &mut A,
    slot: &mut Option<T>,
    _: &mut crate::Extra,
    _: &'static str,
) -> Result<Presence, A::Error> {
    *slot = map.next_value()?;
    Ok(if slot.is_some() { Presence::Value } else { Presence::Null })
}

/// Reads a collection-valued property into `slot`. A `null` collection
/// (which the metadata does not allow, but services send) reads as empty and
/// is written back as `null`.
pub fn collection<'de, A: MapAccess<'de>, T: Deserialize<'de> + Field>(
    map: &mut A,
    slot: &mut Vec<T>,
    _: &mut crate::Extra,
    _: &'static str,
) -> Result<Presence, A::Error> {
    match map.next_value::<Option<Vec<T>>>()? {
        None => {
            slot.clear();
            Ok(Presence::Null)
        }
        Some(items) => {
            *slot = items;
            Ok(if slot.is_empty() { Presence::Empty } else { Presence::Value })
        }
    }
}

/// A navigation property of an OData v2 type: the entity when expanded;
/// when not, `{"__deferred": {"uri": …}}`, which is kept among the members
/// the struct does not declare (so it is written back as read) and leaves
/// the field `None`.
pub fn v2_single<'de, A: MapAccess<'de>, T: serde::de::DeserializeOwned + Field>(
    map: &mut A,
    slot: &mut Option<T>,
    extra: &mut crate::Extra,
    name: &'static str,
) -> Result<Presence, A::Error> {
    let value: Value = map.next_value()?;
    if crate::v2::is_control(name, &value) {
        extra.members_mut().insert(name.to_owned(), value);
        *slot = None;
        return Ok(Presence::Value);
    }
    *slot = Option::<T>::deserialize(value).map_err(de::Error::custom)?;
    Ok(if slot.is_some() { Presence::Value } else { Presence::Null })
}

/// A collection of an OData v2 type: an array, or verbose JSON's
/// `{"results": […]}` (an expanded navigation property, an OData v3
/// collection property); a navigation property not expanded is kept as
/// [`v2_single`] keeps it.
pub fn v2_collection<'de, A: MapAccess<'de>, T: serde::de::DeserializeOwned + Field>(
    map: &mut A,
    slot: &mut Vec<T>,
    extra: &mut crate::Extra,
    name: &'static str,
) -> Result<Presence, A::Error> {
    let value: Value = map.next_value()?;
    let (items, wrapped) = match value {
        Value::Null => {
            slot.clear();
            return Ok(Presence::Null);
        }
        Value::Object(mut object) => {
            if object.len() == 1 && object.contains_key("__deferred") {
                extra.members_mut().insert(name.to_owned(), Value::Object(object));
                slot.clear();
                return Ok(Presence::Value);
            }
            // Written back as `{"results": […]}`. The `__count` and
            // `__next` an expanded collection's wrapper may also hold (a
            // count or a next page of the expansion) are not kept.
            match object.remove("results") {
                Some(results) => (results, true),
                None => {
                    return Err(de::Error::custom(format!("`{name}`: an object without `results`, not a collection")));
                }
            }
        }
        other => (other, false),
    };
    *slot = Vec::<T>::deserialize(items).map_err(de::Error::custom)?;
    Ok(match (wrapped, slot.is_empty()) {
        (true, _) => Presence::Wrapped,
        (false, true) => Presence::Empty,
        (false, false) => Presence::Value,
    })
}

/// Deserializes the polymorphic enum `P` from a JSON object, choosing the
/// variant by `@odata.type`.
///
/// OData JSON puts control information, `@odata.type` among it, before the
/// properties of an object. The leading `@` members are read and kept until
/// `@odata.type` (or `@type`, its OData 4.01 short form) or the first property
/// appears; then the chosen type reads the whole object, the kept members
/// replayed first. Nothing is buffered beyond those few members, so a
/// polymorphic value costs about what a plain one does.
pub fn polymorphic<'de, P: Polymorphic, D: Deserializer<'de>>(deserializer: D) -> Result<P, D::Error> {
    deserializer.deserialize_map(PolyVisitor::<P>(PhantomData))
}

struct PolyVisitor<P>(PhantomData<fn() -> P>);

impl<'de, P: Polymorphic> Visitor<'de> for PolyVisitor<P> {
    type Value = P;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<P, A::Error> {
        let mut prefix = Vec::new();
        loop {
            let Some(key) = map.next_key::<String>()? else {
                return P::dispatch(None, Replay::new(prefix, None, map, true));
            };
            if !key.starts_with('@') {
                return P::dispatch(None, Replay::new(prefix, Some(key), map, false));
            }
            let member: Value = map.next_value()?;
            let is_type = key == "@odata.type" || key == "@type";
            let type_name = match (&member, is_type) {
                (Value::String(t), true) => Some(t.strip_prefix('#').unwrap_or(t).to_owned()),
                _ => None,
            };
            prefix.push((key, member));
            if let Some(type_name) = type_name {
                return P::dispatch(Some(&type_name), Replay::new(prefix, None, map, false));
            }
        }
    }
}

/// A map that yields some members already read, then the rest of another
/// map. It is also a `Deserializer`, so the chosen type reads it as it would
/// read the original object.
struct Replay<A> {
    prefix: std::vec::IntoIter<(String, Value)>,
    value: Option<Value>,
    pending: Option<String>,
    map: A,
    finished: bool,
}

impl<A> Replay<A> {
    fn new(prefix: Vec<(String, Value)>, pending: Option<String>, map: A, finished: bool) -> Self {
        Replay { prefix: prefix.into_iter(), value: None, pending, map, finished }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.prefix.next() {
            self.value = Some(value);
            let key: StringDeserializer<A::Error> = key.into_deserializer();
            return seed.deserialize(key).map(Some);
        }
        if let Some(key) = self.pending.take() {
            let key: StringDeserializer<A::Error> = key.into_deserializer();
            return seed.deserialize(key).map(Some);
        }
        if self.finished {
            return Ok(None);
        }
        let key = self.map.next_key_seed(seed)?;
        self.finished = key.is_none();
        Ok(key)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value).map_err(de::Error::custom),
            None => self.map.next_value_seed(seed),
        }
    }
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Replay<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Deserializes a generated enum from its JSON string. A string that is not
/// a member name gives the enum's unrecognized variant, keeping the string.
pub fn enum_member<'de, E: EnumMember, D: Deserializer<'de>>(deserializer: D) -> Result<E, D::Error> {
    deserializer.deserialize_str(EnumVisitor::<E>(PhantomData))
}

struct EnumVisitor<E>(PhantomData<fn() -> E>);

impl<'de, E: EnumMember> Visitor<'de> for EnumVisitor<E> {
    type Value = E;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a member name of {}", E::QUALIFIED_NAME)
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
        Ok(E::from_member(v).unwrap_or_else(|| E::unrecognized(v.to_owned())))
    }

    fn visit_string<Er: de::Error>(self, v: String) -> Result<E, Er> {
        Ok(match E::from_member(&v) {
            Some(member) => member,
            None => E::unrecognized(v),
        })
    }
}

/// Deserializes a boxed value (the variants of polymorphic enums are boxed).
pub fn boxed<'de, T: Structured, D: Deserializer<'de>>(deserializer: D) -> Result<Box<T>, D::Error> {
    let mut value = Box::<T>::default();
    deserializer.deserialize_map(Fill(&mut *value))?;
    Ok(value)
}

/// Skips a member's value; for field indexes a generated type does not
/// know, which its own `field_index` never returns.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Presence, A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| Presence::Value)
}
