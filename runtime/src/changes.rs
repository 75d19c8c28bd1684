//! The body of a `PATCH`, property by property.

use std::fmt;

use serde::Serialize;

use crate::query::{Many, Prop};
use crate::request::RequestError;

/// A `PATCH` body, property by property: each property is left alone,
/// set to a value, or set to `null`, and the compiler checks names and
/// value types (the property constants of `T`):
///
/// ```text
/// users().key(id).update(
///     Changes::new().set(User::JOB_TITLE, "Engineer").null(User::OFFICE_LOCATION),
/// )
/// ```
pub struct Changes<T> {
    members: serde_json::Map<String, serde_json::Value>,
    error: Option<String>,
    _type: std::marker::PhantomData<fn() -> T>,
}

impl<T> Default for Changes<T> {
    fn default() -> Self {
        Changes { members: serde_json::Map::new(), error: None, _type: std::marker::PhantomData }
    }
}

impl<T> Clone for Changes<T> {
    fn clone(&self) -> Self {
        Changes { members: self.members.clone(), error: self.error.clone(), _type: std::marker::PhantomData }
    }
}

impl<T> fmt::Debug for Changes<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_tuple("Changes").field(&self.members).finish()
    }
}

/// A property value [`Changes::set`] can send: the value type of a
/// property constant, or `Vec` of the items of a collection.
pub trait Settable {
    /// What `set` takes.
    type Input: Serialize;
}

impl<V: Serialize> Settable for V {
    type Input = V;
}

impl<V: Serialize> Settable for Many<V> {
    type Input = Vec<V>;
}

impl<T> Changes<T> {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `property` to `value`.
    pub fn set<V: Settable>(mut self, property: Prop<T, V>, value: impl Into<V::Input>) -> Self {
        match serde_json::to_value(value.into()) {
            Ok(v) => {
                self.members.insert(property.name().to_owned(), v);
            }
            Err(e) => self.error = Some(format!("`{}`: {e}", property.name())),
        }
        self
    }

    /// Sets `property` to `null`.
    pub fn null<V>(mut self, property: Prop<T, V>) -> Self {
        self.members.insert(property.name().to_owned(), serde_json::Value::Null);
        self
    }

    /// Binds single-valued navigation property `nav` to the entity at
    /// `url` (`root.url(entity.path())`): `"nav@odata.bind": "<url>"`.
    pub fn bind<U: crate::EntityType>(mut self, nav: Prop<T, U>, url: impl Into<String>) -> Self {
        self.members.insert(format!("{}@odata.bind", nav.name()), serde_json::Value::String(url.into()));
        self
    }

    /// Adds the entities at `urls` to collection-valued navigation
    /// property `nav`: `"nav@odata.bind": ["<url>", ...]`.
    pub fn bind_all<U: crate::EntityType, I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        nav: Prop<T, Many<U>>,
        urls: I,
    ) -> Self {
        let urls = urls.into_iter().map(|u| serde_json::Value::String(u.into())).collect();
        self.members.insert(format!("{}@odata.bind", nav.name()), serde_json::Value::Array(urls));
        self
    }

    /// Any other member: a dynamic property of an open type, or an
    /// instance annotation.
    pub fn member(mut self, name: &str, value: serde_json::Value) -> Self {
        self.members.insert(name.to_owned(), value);
        self
    }

    /// Whether nothing is changed.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The body, as JSON.
    pub fn to_json(&self) -> Result<Vec<u8>, RequestError> {
        if let Some(e) = &self.error {
            return Err(RequestError::Body(e.clone()));
        }
        serde_json::to_vec(&self.members).map_err(|e| RequestError::Body(e.to_string()))
    }
}
