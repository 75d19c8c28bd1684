//! Typed query options: `$select`, `$expand`, `$orderby` and the pieces
//! `$filter` expressions are built from.
//!
//! Every generated struct has one associated constant per property, such
//! as `User::DISPLAY_NAME: Prop<User, String>`: the property's JSON name
//! and field index, typed by the struct it belongs to and the Rust type of
//! its value. Query builders take these constants, so `$select` of a
//! property `User` does not have, or `$filter` comparing a string property
//! with a number, does not compile. Navigation properties are constants
//! too, typed by their target entity type (`Prop<User, DirectoryObject>`
//! for `manager`, `Prop<User, Many<DirectoryObject>>` for `memberOf`).
//!
//! With a `User` struct declared as in the crate docs (hidden here), its
//! `manager` a navigation property to another `User`:
//!
//! ```
//! # use odata_runtime as rt;
//! # #[derive(Clone, Default, PartialEq)]
//! # pub struct User {
//! #     pub id: Option<String>,
//! #     pub display_name: Option<String>,
//! #     pub job_title: Option<String>,
//! #     pub office_location: Option<String>,
//! #     pub business_phones: Vec<String>,
//! #     pub manager: Option<Box<User>>,
//! #     pub extra: rt::Extra,
//! # }
//! # rt::structured_impls! {
//! #     User = "microsoft.graph.user" {
//! #         0 id: single "id" read_only => ID: String;
//! #         1 display_name: single "displayName" => DISPLAY_NAME: String;
//! #         2 job_title: single "jobTitle" => JOB_TITLE: String;
//! #         3 office_location: single "officeLocation" => OFFICE_LOCATION: String;
//! #         4 business_phones: collection "businessPhones" => BUSINESS_PHONES: rt::query::Many<String>;
//! #         5 manager: single "manager" => MANAGER: User;
//! #     }
//! # }
//! # impl rt::EntityType for User {
//! #     type Value = User;
//! # }
//! use odata_runtime::expect::Entities;
//! use odata_runtime::http::Method;
//! use odata_runtime::request::{Path, Request, ServiceRoot, percent_decode};
//!
//! let root = ServiceRoot::new("https://graph.microsoft.com/v1.0")?;
//! let list = Request::new(Method::GET, Path::root("users"), Entities::<User>::default())
//!     .select((User::ID, User::DISPLAY_NAME))
//!     .expand_with(User::MANAGER, |manager| manager.select(User::DISPLAY_NAME))
//!     .filter(User::JOB_TITLE.eq("Engineer"))
//!     .order_by(User::DISPLAY_NAME.desc())
//!     .top(5)
//!     .with_count();
//! let url = list.url(&root);
//! assert_eq!(
//!     percent_decode(&url),
//!     "https://graph.microsoft.com/v1.0/users?$select=id,displayName&$expand=manager($select=displayName)\
//!      &$filter=jobTitle eq 'Engineer'&$orderby=displayName desc&$top=5&$count=true"
//! );
//! // Each value is encoded, so nothing in it can end it early.
//! assert!(url.contains("$expand=manager($select%3DdisplayName)&$filter=jobTitle%20eq%20'Engineer'&"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A property `User` does not have, or a value of the wrong type, does not
//! compile:
//!
//! ```compile_fail
//! # use odata_runtime as rt;
//! # #[derive(Clone, Default, PartialEq)]
//! # pub struct User {
//! #     pub id: Option<String>,
//! #     pub display_name: Option<String>,
//! #     pub job_title: Option<String>,
//! #     pub office_location: Option<String>,
//! #     pub business_phones: Vec<String>,
//! #     pub manager: Option<Box<User>>,
//! #     pub extra: rt::Extra,
//! # }
//! # rt::structured_impls! {
//! #     User = "microsoft.graph.user" {
//! #         0 id: single "id" read_only => ID: String;
//! #         1 display_name: single "displayName" => DISPLAY_NAME: String;
//! #         2 job_title: single "jobTitle" => JOB_TITLE: String;
//! #         3 office_location: single "officeLocation" => OFFICE_LOCATION: String;
//! #         4 business_phones: collection "businessPhones" => BUSINESS_PHONES: rt::query::Many<String>;
//! #         5 manager: single "manager" => MANAGER: User;
//! #     }
//! # }
//! # impl rt::EntityType for User {
//! #     type Value = User;
//! # }
//! # use odata_runtime::expect::Entities;
//! # use odata_runtime::http::Method;
//! # use odata_runtime::request::{Path, Request};
//! # struct Group;
//! # const MEMBERS: odata_runtime::query::Prop<Group, String> = odata_runtime::query::Prop::new("members", 0);
//! let list = Request::new(Method::GET, Path::root("users"), Entities::<User>::default()).select(MEMBERS);
//! ```
//!
//! ```compile_fail
//! # use odata_runtime as rt;
//! # #[derive(Clone, Default, PartialEq)]
//! # pub struct User {
//! #     pub id: Option<String>,
//! #     pub display_name: Option<String>,
//! #     pub job_title: Option<String>,
//! #     pub office_location: Option<String>,
//! #     pub business_phones: Vec<String>,
//! #     pub manager: Option<Box<User>>,
//! #     pub extra: rt::Extra,
//! # }
//! # rt::structured_impls! {
//! #     User = "microsoft.graph.user" {
//! #         0 id: single "id" read_only => ID: String;
//! #         1 display_name: single "displayName" => DISPLAY_NAME: String;
//! #         2 job_title: single "jobTitle" => JOB_TITLE: String;
//! #         3 office_location: single "officeLocation" => OFFICE_LOCATION: String;
//! #         4 business_phones: collection "businessPhones" => BUSINESS_PHONES: rt::query::Many<String>;
//! #         5 manager: single "manager" => MANAGER: User;
//! #     }
//! # }
//! # impl rt::EntityType for User {
//! #     type Value = User;
//! # }
//! let filter = User::DISPLAY_NAME.eq(42);
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use crate::traits::{EntityType, Structured};

/// A property of `T` whose values are `V` (see the module docs).
pub struct Prop<T, V> {
    name: &'static str,
    index: u16,
    _type: PhantomData<fn() -> (T, V)>,
}

impl<T, V> Prop<T, V> {
    /// The property with JSON name `name`, declared field `index` of `T`.
    /// Generated code makes these; there is no reason to make one by hand.
    #[doc(hidden)]
    pub const fn new(name: &'static str, index: u16) -> Self {
        Prop { name, index, _type: PhantomData }
    }

    /// The JSON name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The index of the field in `T`'s table of fields.
    pub fn index(&self) -> u16 {
        self.index
    }
}

impl<T, V> Clone for Prop<T, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, V> Copy for Prop<T, V> {}

impl<T, V> fmt::Debug for Prop<T, V> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Prop({})", self.name)
    }
}

/// The value type of a collection-valued property: `Many<String>` for
/// `Collection(Edm.String)`, `Many<Group>` for a collection-valued
/// navigation property to groups.
pub struct Many<V>(PhantomData<fn() -> V>);

/// A value of entity or complex type, as a property holds it (the struct,
/// or the polymorphic enum of a type with derived types): `Struct` is the
/// struct whose properties a path can go on to
/// (`address/city`).
pub trait Nested {
    /// The struct of the type.
    type Struct: Structured;
}

/// A generated struct is its own [`Nested::Struct`]; the polymorphic enums
/// name their base type.
impl<T: Structured> Nested for T {
    type Struct = T;
}

/// What `$expand` can expand: a navigation property to one entity or to a
/// collection of them.
pub trait NavTarget {
    /// The target entity type.
    type Entity: EntityType;
    /// Whether it is collection-valued.
    const COLLECTION: bool;
}

impl<U: EntityType> NavTarget for U {
    type Entity = U;
    const COLLECTION: bool = false;
}

impl<U: EntityType> NavTarget for Many<U> {
    type Entity = U;
    const COLLECTION: bool = true;
}

/// What `$select` takes: a property, or several in a tuple, array or
/// `Vec` (`(User::DISPLAY_NAME, User::MAIL)`).
pub trait Selection<T> {
    /// Appends the selected property names.
    fn select_into(&self, out: &mut Vec<Cow<'static, str>>);
}

impl<T, V> Selection<T> for Prop<T, V> {
    fn select_into(&self, out: &mut Vec<Cow<'static, str>>) {
        out.push(Cow::Borrowed(self.name));
    }
}

impl<T, S: Selection<T>, const N: usize> Selection<T> for [S; N] {
    fn select_into(&self, out: &mut Vec<Cow<'static, str>>) {
        self.iter().for_each(|s| s.select_into(out));
    }
}

impl<T, S: Selection<T>> Selection<T> for Vec<S> {
    fn select_into(&self, out: &mut Vec<Cow<'static, str>>) {
        self.iter().for_each(|s| s.select_into(out));
    }
}

impl<T, S: Selection<T>> Selection<T> for &S {
    fn select_into(&self, out: &mut Vec<Cow<'static, str>>) {
        (**self).select_into(out);
    }
}

macro_rules! tuple_selection {
    ($(($($name:ident),+))*) => {$(
        #[allow(non_snake_case)]
        impl<T, $($name: Selection<T>),+> Selection<T> for ($($name,)+) {
            fn select_into(&self, out: &mut Vec<Cow<'static, str>>) {
                let ($($name,)+) = self;
                $($name.select_into(out);)+
            }
        }
    )*};
}

tuple_selection! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H)
    (A, B, C, D, E, F, G, H, I)
    (A, B, C, D, E, F, G, H, I, J)
    (A, B, C, D, E, F, G, H, I, J, K)
    (A, B, C, D, E, F, G, H, I, J, K, L)
    (A, B, C, D, E, F, G, H, I, J, K, L, M)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P)
}

/// One item of `$orderby`: a property path and a direction.
pub struct OrderItem<T> {
    pub(crate) text: String,
    _type: PhantomData<fn() -> T>,
}

impl<T> OrderItem<T> {
    pub(crate) fn new(text: String) -> Self {
        OrderItem { text, _type: PhantomData }
    }

    /// The item as written in `$orderby` (`displayName desc`).
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<T, V> Prop<T, V> {
    /// Ascending order by this property.
    pub fn asc(self) -> OrderItem<T> {
        OrderItem::new(self.name.to_owned())
    }

    /// Descending order by this property.
    pub fn desc(self) -> OrderItem<T> {
        OrderItem::new(format!("{} desc", self.name))
    }
}

impl<T, V> From<Prop<T, V>> for OrderItem<T> {
    fn from(p: Prop<T, V>) -> Self {
        p.asc()
    }
}

/// The options of one `$expand` item, `members($select=id;$top=5)`, for
/// target entity type `U`.
pub struct Expand<U> {
    pub(crate) options: Options,
    _type: PhantomData<fn() -> U>,
}

impl<U> Default for Expand<U> {
    fn default() -> Self {
        Expand { options: Options::default(), _type: PhantomData }
    }
}

impl<U> Expand<U> {
    /// `$select` inside the expansion.
    pub fn select(mut self, properties: impl Selection<U>) -> Self {
        self.options.select(&properties);
        self
    }

    /// `$select` inside the expansion, written by hand (properties of a
    /// derived type, say).
    pub fn select_raw(mut self, text: &str) -> Self {
        self.options.append("$select", text);
        self
    }

    /// A nested `$expand`.
    pub fn expand<N: NavTarget>(mut self, nav: Prop<U, N>) -> Self {
        self.options.expand(nav.name, None);
        self
    }

    /// A nested `$expand` with options of its own.
    pub fn expand_with<N: NavTarget>(
        mut self,
        nav: Prop<U, N>,
        f: impl FnOnce(Expand<N::Entity>) -> Expand<N::Entity>,
    ) -> Self {
        let nested = f(Expand::default());
        self.options.expand(nav.name, Some(nested.options));
        self
    }

    /// `$filter` inside the expansion.
    pub fn filter(mut self, filter: crate::filter::Filter<U>) -> Self {
        self.options.set("$filter", filter.into_text());
        self
    }

    /// `$orderby` inside the expansion (appends to earlier items).
    pub fn order_by(mut self, item: impl Into<OrderItem<U>>) -> Self {
        self.options.order_by(item.into().text);
        self
    }

    /// `$top` inside the expansion.
    pub fn top(mut self, n: u64) -> Self {
        self.options.set("$top", n.to_string());
        self
    }

    /// `$skip` inside the expansion.
    pub fn skip(mut self, n: u64) -> Self {
        self.options.set("$skip", n.to_string());
        self
    }

    /// `$count=true` inside the expansion.
    pub fn count(mut self) -> Self {
        self.options.set("$count", "true".to_owned());
        self
    }
}

/// Query options in the order they were first given. Setting an option
/// again replaces its value in place; `$select`, `$expand` and `$orderby`
/// collect their items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    items: Vec<(Cow<'static, str>, String)>,
}

impl Options {
    /// The options, as (name, value) pairs, not encoded.
    pub fn items(&self) -> &[(Cow<'static, str>, String)] {
        &self.items
    }

    /// Whether option `name` is set.
    pub fn has(&self, name: &str) -> bool {
        self.items.iter().any(|(n, _)| n == name)
    }

    /// Sets option `name` to `value`.
    pub fn set(&mut self, name: impl Into<Cow<'static, str>>, value: String) {
        let name = name.into();
        match self.items.iter_mut().find(|(n, _)| *n == name) {
            Some(item) => item.1 = value,
            None => self.items.push((name, value)),
        }
    }

    /// Appends `item` to the comma-separated list of option `name`.
    pub fn append(&mut self, name: &'static str, item: &str) {
        match self.items.iter_mut().find(|(n, _)| n == name) {
            Some((_, value)) => {
                if !value.is_empty() {
                    value.push(',');
                }
                value.push_str(item);
            }
            None => self.items.push((Cow::Borrowed(name), item.to_owned())),
        }
    }

    pub(crate) fn select<T>(&mut self, properties: &dyn SelectionDyn<T>) {
        let mut names = Vec::new();
        properties.select_dyn(&mut names);
        for name in names {
            self.append("$select", &name);
        }
    }

    pub(crate) fn expand(&mut self, name: &str, nested: Option<Options>) {
        let item = match nested {
            Some(options) if !options.items.is_empty() => {
                let inner: Vec<String> = options.items.iter().map(|(n, v)| format!("{n}={v}")).collect();
                format!("{name}({})", inner.join(";"))
            }
            _ => name.to_owned(),
        };
        self.append("$expand", &item);
    }

    pub(crate) fn order_by(&mut self, item: String) {
        self.append("$orderby", &item);
    }
}

/// [`Selection`] as a trait object, so the collecting code is not
/// instantiated for every tuple type.
pub(crate) trait SelectionDyn<T> {
    fn select_dyn(&self, out: &mut Vec<Cow<'static, str>>);
}

impl<T, S: Selection<T>> SelectionDyn<T> for S {
    fn select_dyn(&self, out: &mut Vec<Cow<'static, str>>) {
        self.select_into(out);
    }
}
