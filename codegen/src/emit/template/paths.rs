//! Typed request paths. Start from the functions of a container
//! module (one per entity set, singleton and operation import), then
//! follow keys and navigation properties. Each path offers the
//! requests the metadata allows: `get`, `list`, `count`, `create`,
//! `update`, `replace`, `delete`, references, casts, and the
//! operations bound to its type. Requests are built, not sent: see
//! `odata_runtime::request`.

// The crate-private constructors are what the type files and
// container modules call; a crate without navigation, streams or
// keys does not call all of them.
#![allow(dead_code)]

use ::odata_runtime::expect;
use ::odata_runtime::http::Method;
use ::odata_runtime::request::{Changes, Path, Request, StreamRef};
use ::odata_runtime::{Caps, DerivedFrom, EntityType, Rules, WriteMode};

/// The path of one entity of type `T`: an entity-set member, a
/// singleton, or a single-valued navigation property. `C` says what
/// the metadata allows on it (`Caps<INSERT, UPDATE, DELETE>`):
/// `update` and `delete` exist only where it allows them.
pub struct EntityRef<T, C = Caps<true, true, true>> {
    path: Path,
    rules: Rules,
    _type: ::core::marker::PhantomData<fn() -> (T, C)>,
}

impl<T, C> EntityRef<T, C> {
    pub(crate) fn new(path: Path) -> Self {
        EntityRef { path, rules: Rules::NONE, _type: ::core::marker::PhantomData }
    }

    pub(crate) fn restricted(path: Path, rules: Rules) -> Self {
        EntityRef { path, rules, _type: ::core::marker::PhantomData }
    }

    /// The path, relative to the service root.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the metadata forbids on this path (query options, changes
    /// without an ETag).
    pub fn rules(&self) -> Rules {
        self.rules
    }

    pub(crate) fn nav<U, D>(&self, segment: &str, rules: Rules) -> EntityRef<U, D> {
        EntityRef::restricted(self.path.join(segment), rules)
    }

    pub(crate) fn nav_many<U, D>(&self, segment: &str, rules: Rules) -> CollectionRef<U, D> {
        CollectionRef::restricted(self.path.join(segment), rules)
    }

    pub(crate) fn stream(&self, segment: &str) -> StreamRef {
        StreamRef::new(self.path.join(segment))
    }
}

impl<T, C> ::core::clone::Clone for EntityRef<T, C> {
    fn clone(&self) -> Self {
        EntityRef::restricted(self.path.clone(), self.rules)
    }
}

impl<T, C> ::core::fmt::Debug for EntityRef<T, C> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_tuple("EntityRef").field(&self.path.as_str()).finish()
    }
}

impl<T: EntityType, C> EntityRef<T, C> {
    /// `GET` of the entity. The answer is `T`, or its polymorphic
    /// enum when `T` has derived types; `$select` and `$expand` apply.
    pub fn get(&self) -> Request<expect::Entity<T>> {
        Request::new(Method::GET, self.path.clone(), expect::Entity::default()).with_rules(self.rules)
    }

    /// The entity as `U`, a type derived from `T`: the path with a
    /// type-cast segment (`…/microsoft.graph.user`).
    pub fn cast<U: EntityType + DerivedFrom<T>>(&self) -> EntityRef<U, C> {
        EntityRef::restricted(self.path.join(U::QUALIFIED_NAME), self.rules)
    }

    /// `PUT …/$ref` with `{"@odata.id": <target>}`: this single-valued
    /// navigation property now refers to `target`.
    pub fn set_ref<U: EntityType + DerivedFrom<T>, D>(&self, target: &EntityRef<U, D>) -> Request<expect::NoContent> {
        Request::new(Method::PUT, self.path.reference(), expect::NoContent).with_reference(target.path.clone())
    }

    /// `DELETE …/$ref`: this navigation property (or, for a member of
    /// a collection-valued one, `…/members('id')/$ref`, the collection)
    /// no longer refers to the entity. The entity itself stays.
    pub fn delete_ref(&self) -> Request<expect::NoContent> {
        Request::new(Method::DELETE, self.path.reference(), expect::NoContent)
    }
}

impl<T: EntityType, const I: bool, const D: bool> EntityRef<T, Caps<I, true, D>> {
    /// `PATCH` of the properties in `changes`: each is set to a value
    /// or to `null`; the others are left as they are.
    pub fn update(&self, changes: &Changes<T>) -> Request<expect::Updated<T::Value>> {
        Request::new(Method::PATCH, self.path.clone(), expect::Updated::default())
            .with_rules(self.rules)
            .with_changes(changes)
    }

    /// `PATCH` of the properties `value` holds (and of those it marks
    /// as explicit `null`s); read-only properties and control
    /// information are not sent.
    pub fn update_from(&self, value: &T::Value) -> Request<expect::Updated<T::Value>> {
        Request::new(Method::PATCH, self.path.clone(), expect::Updated::default())
            .with_rules(self.rules)
            .with_payload(value, WriteMode::Update)
    }

    /// `PUT` of `value`: the entity is replaced, properties `value`
    /// does not hold get their defaults.
    pub fn replace(&self, value: &T::Value) -> Request<expect::Updated<T::Value>> {
        Request::new(Method::PUT, self.path.clone(), expect::Updated::default())
            .with_rules(self.rules)
            .with_payload(value, WriteMode::Update)
    }
}

impl<T: EntityType, const I: bool, const U: bool> EntityRef<T, Caps<I, U, true>> {
    /// `DELETE` of the entity.
    pub fn delete(&self) -> Request<expect::NoContent> {
        Request::new(Method::DELETE, self.path.clone(), expect::NoContent).with_rules(self.rules)
    }
}

/// The path of a collection of entities of type `T`: an entity set or
/// a collection-valued navigation property. `C` says what the
/// metadata allows (`Caps<INSERT, UPDATE, DELETE>`): `create` exists
/// only where it allows inserts, and members have `update` and
/// `delete` only where it allows them.
pub struct CollectionRef<T, C = Caps<true, true, true>> {
    path: Path,
    rules: Rules,
    _type: ::core::marker::PhantomData<fn() -> (T, C)>,
}

impl<T, C> CollectionRef<T, C> {
    pub(crate) fn new(path: Path) -> Self {
        CollectionRef { path, rules: Rules::NONE, _type: ::core::marker::PhantomData }
    }

    pub(crate) fn restricted(path: Path, rules: Rules) -> Self {
        CollectionRef { path, rules, _type: ::core::marker::PhantomData }
    }

    /// The path, relative to the service root.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the metadata forbids on this collection.
    pub fn rules(&self) -> Rules {
        self.rules
    }

    pub(crate) fn member(&self, path: Path) -> EntityRef<T, C> {
        EntityRef::restricted(path, self.rules)
    }
}

impl<T, C> ::core::clone::Clone for CollectionRef<T, C> {
    fn clone(&self) -> Self {
        CollectionRef::restricted(self.path.clone(), self.rules)
    }
}

impl<T, C> ::core::fmt::Debug for CollectionRef<T, C> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_tuple("CollectionRef").field(&self.path.as_str()).finish()
    }
}

impl<T: EntityType, C> CollectionRef<T, C> {
    /// `GET` of the collection: a page of entities; `$filter`,
    /// `$select`, `$expand`, `$orderby`, `$top`, `$skip`, `$search`
    /// and `$count` apply. The client follows the next pages.
    pub fn list(&self) -> Request<expect::Entities<T>> {
        Request::new(Method::GET, self.path.clone(), expect::Entities::default()).with_rules(self.rules)
    }

    /// `GET …/$count`: how many entities the collection holds
    /// (`$filter` and `$search` apply).
    pub fn count(&self) -> Request<expect::Count<T>> {
        Request::new(Method::GET, self.path.join("$count"), expect::Count::default()).with_rules(self.rules)
    }

    /// The members of type `U`, derived from `T`: the path with a
    /// type-cast segment (`…/members/microsoft.graph.user`).
    pub fn cast<U: EntityType + DerivedFrom<T>>(&self) -> CollectionRef<U, C> {
        CollectionRef::restricted(self.path.join(U::QUALIFIED_NAME), self.rules)
    }

    /// `POST …/$ref` with `{"@odata.id": <target>}`: adds a reference
    /// to an existing entity to this collection-valued navigation
    /// property.
    pub fn add_ref<U: EntityType + DerivedFrom<T>, D>(&self, target: &EntityRef<U, D>) -> Request<expect::NoContent> {
        Request::new(Method::POST, self.path.reference(), expect::NoContent).with_reference(target.path.clone())
    }

    /// `DELETE …/$ref?$id=<target>`: removes the reference to `target`
    /// from this collection-valued navigation property. (OData v2:
    /// `DELETE …/$links/members(<key of target>)`.)
    pub fn remove_ref<U: EntityType + DerivedFrom<T>, D>(
        &self,
        target: &EntityRef<U, D>,
    ) -> Request<expect::NoContent> {
        Request::remove_reference(&self.path, &target.path)
    }
}

impl<T: EntityType, const U: bool, const D: bool> CollectionRef<T, Caps<true, U, D>> {
    /// A request creating `body` in this collection: `POST` to the
    /// collection's URL with `body` as JSON. A value of a type derived
    /// from `T` is sent with its `@odata.type`; read-only properties
    /// are not sent.
    pub fn create(&self, body: &T::Value) -> Request<expect::Created<T::Value>> {
        Request::new(Method::POST, self.path.clone(), expect::Created::default())
            .with_rules(self.rules)
            .with_payload(body, WriteMode::Create)
    }
}
