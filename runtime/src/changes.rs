//! The body of a `PATCH`, property by property.

use std::fmt;

use serde::Serialize;

use crate::query::{Many, Prop};
use crate::request::RequestError;

/// A `PATCH` body, property by property: each property is left alone,
/// set to a value, or set to `null`, and the compiler checks names and
/// value types (the property constants of `T`). A generated crate's
/// `users().key(id).update(&changes)` sends it; here the `PATCH` is built
/// by hand, for a `User` struct declared as in the crate docs (hidden here):
///
/// ```
/// # use odata_runtime as rt;
/// # #[derive(Clone, Default, PartialEq)]
/// # pub struct User {
/// #     pub id: Option<String>,
/// #     pub display_name: Option<String>,
/// #     pub job_title: Option<String>,
/// #     pub office_location: Option<String>,
/// #     pub business_phones: Vec<String>,
/// #     pub manager: Option<Box<User>>,
/// #     pub extra: rt::Extra,
/// # }
/// # rt::structured_impls! {
/// #     User = "microsoft.graph.user" {
/// #         0 id: single "id" read_only => ID: String;
/// #         1 display_name: single "displayName" => DISPLAY_NAME: String;
/// #         2 job_title: single "jobTitle" => JOB_TITLE: String;
/// #         3 office_location: single "officeLocation" => OFFICE_LOCATION: String;
/// #         4 business_phones: collection "businessPhones" => BUSINESS_PHONES: rt::query::Many<String>;
/// #         5 manager: single "manager" => MANAGER: User;
/// #     }
/// # }
/// # impl rt::EntityType for User {
/// #     type Value = User;
/// # }
/// use odata_runtime::expect::Updated;
/// use odata_runtime::http::{self, Method};
/// use odata_runtime::request::{Changes, Path, Request, ServiceRoot};
/// use odata_runtime::serde_json::{self, json};
///
/// let root = ServiceRoot::new("https://graph.microsoft.com/v1.0")?;
/// let changes = Changes::new()
///     .set(User::JOB_TITLE, "Engineer")
///     .null(User::OFFICE_LOCATION)
///     .set(User::BUSINESS_PHONES, vec!["+1 555 0100".to_owned()])
///     .bind(User::MANAGER, root.url(&Path::root("users").key(&"ada")));
/// let body: serde_json::Value = serde_json::from_slice(&changes.to_json()?)?;
/// assert_eq!(
///     body,
///     json!({
///         "jobTitle": "Engineer",
///         "officeLocation": null,
///         "businessPhones": ["+1 555 0100"],
///         "manager@odata.bind": "https://graph.microsoft.com/v1.0/users('ada')",
///     })
/// );
///
/// // The user as read earlier, with its ETag:
/// let read: User = serde_json::from_str(r#"{"@odata.etag":"W/\"5\"","id":"42","jobTitle":"Intern"}"#)?;
/// let update = Request::new(Method::PATCH, Path::root("users").key(&"42"), Updated::<User>::default())
///     .with_changes(&changes)
///     .if_match_of(&read);
/// let request = update.to_request(&root)?;
/// assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/users('42')");
/// assert_eq!(request.headers()["if-match"], "W/\"5\"");
/// assert_eq!(request.body(), &changes.to_json()?);
///
/// // `204 No Content`: nothing to read back.
/// assert_eq!(update.parse_response(&http::Response::builder().status(204).body("")?)?, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
