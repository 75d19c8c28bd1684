//! The traits generated types implement. Generated code implements them; the
//! generic code in [`crate::de`] and [`crate::ser`] drives them.

use serde::Serialize;
use serde::de::{DeserializeOwned, Deserializer, MapAccess};
use serde::ser::{SerializeMap, Serializer};

use crate::Extra;
use crate::de::Presence;

/// What a serialization is for.
///
/// Round-trip serialization writes everything the value holds. A create body
/// leaves out properties the service computes or does not let clients set
/// (`Core.Computed`, `Core.Permissions` = `Read`), because services answer
/// such a body with an error or silently ignore the values.
///
/// With a `User` struct declared as in the crate docs (hidden here), its
/// `id` read-only:
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
/// use odata_runtime::WriteMode;
/// use odata_runtime::expect::Created;
/// use odata_runtime::http::Method;
/// use odata_runtime::request::{Path, Request};
/// use odata_runtime::serde_json;
///
/// let read: User = serde_json::from_str(r##"{"@odata.etag":"W/\"1\"","@odata.type":"#microsoft.graph.user","id":"7","displayName":"Ada"}"##)?;
/// let copy = Request::new(Method::POST, Path::root("users"), Created::<User>::default())
///     .with_payload(&read, WriteMode::Create);
/// // No `id` and no `@odata.etag` in a create body; `@odata.type` stays.
/// assert_eq!(copy.body()?, br##"{"@odata.type":"#microsoft.graph.user","displayName":"Ada"}"##);
/// assert!(WriteMode::Full.writes_member("@odata.etag"));
/// assert!(!WriteMode::Update.writes_member("@odata.etag"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WriteMode {
    /// Every declared property and every kept member.
    Full,
    /// The body of a create (`POST`) request.
    Create,
    /// The body of an update (`PATCH`) or replace (`PUT`) request: as
    /// [`WriteMode::Create`].
    Update,
}

impl WriteMode {
    /// Whether a member kept in [`Extra`] is written: in a request body,
    /// control information only a service sends (`@odata.context`,
    /// `@odata.etag`, `@odata.id`, links, media information) is left out,
    /// so a value read from the service can be sent back.
    pub fn writes_member(self, name: &str) -> bool {
        if self == WriteMode::Full {
            return true;
        }
        let control = name.strip_prefix("@odata.").or_else(|| name.strip_prefix('@'));
        !matches!(
            control,
            Some(
                "context"
                    | "etag"
                    | "id"
                    | "editLink"
                    | "readLink"
                    | "metadataEtag"
                    | "mediaEditLink"
                    | "mediaReadLink"
                    | "mediaContentType"
                    | "mediaEtag"
                    | "navigationLink"
                    | "associationLink"
            )
        )
    }
}

/// A generated struct for an entity or complex type.
///
/// The struct declares one field per structural or navigation property of
/// the type, inherited ones included, and keeps everything else it reads in
/// its [`Extra`].
pub trait Structured: Default {
    /// The type's namespace-qualified name, such as `microsoft.graph.user`.
    const QUALIFIED_NAME: &'static str;

    /// The index of the declared property whose JSON name is `name`.
    fn field_index(name: &str) -> Option<u16>;

    /// Reads the value of declared property `index` from `map`.
    fn read_field<'de, A: MapAccess<'de>>(&mut self, index: u16, map: &mut A) -> Result<Presence, A::Error>;

    /// Writes the declared properties that hold a value, or that were read as
    /// an explicit `null` or `[]`.
    fn write_fields<M: SerializeMap>(&self, map: &mut M, mode: WriteMode) -> Result<(), M::Error>;

    /// The members kept from the JSON this value was read from.
    fn extra(&self) -> &Extra;

    /// The members kept from the JSON this value was read from.
    fn extra_mut(&mut self) -> &mut Extra;

    /// Asks for the declared property with JSON name `name` to be written
    /// while its field holds no value: `null` for a single-valued property,
    /// `[]` for a collection. Returns `false` when the type declares no such
    /// property.
    fn write_empty(&mut self, name: &str) -> bool {
        match Self::field_index(name) {
            Some(index) => {
                self.extra_mut().write_empty(index);
                true
            }
            None => false,
        }
    }
}

/// A value that can be sent as a request body: a generated struct, or the
/// polymorphic enum of a type that has derived types.
pub trait Payload: Serialize + DeserializeOwned {
    /// Serializes the value for `mode`.
    fn serialize_as<S: Serializer>(&self, serializer: S, mode: WriteMode) -> Result<S::Ok, S::Error>;

    /// The members kept from the JSON the value was read from.
    fn extra(&self) -> &Extra;

    /// The value's ETag: the `@odata.etag` (or OData 4.01 `@etag`) it was
    /// read with, for `If-Match`.
    fn etag(&self) -> Option<&str> {
        let extra = self.extra();
        extra
            .get("@odata.etag")
            .or_else(|| extra.get("@etag"))
            // OData v2: `"__metadata": {"etag": …}`.
            .or_else(|| extra.get("__metadata").and_then(|m| m.get("etag")))
            .and_then(serde_json::Value::as_str)
    }
}

/// Every generated struct is a payload as it is; the polymorphic enums
/// implement [`Payload`] themselves.
impl<T: Structured + Serialize + DeserializeOwned> Payload for T {
    fn serialize_as<S: Serializer>(&self, serializer: S, mode: WriteMode) -> Result<S::Ok, S::Error> {
        crate::ser::structured(self, None, mode, serializer)
    }

    fn extra(&self) -> &Extra {
        Structured::extra(self)
    }
}

/// The polymorphic enum generated for a type with derived types: one variant
/// per type in the hierarchy below it, chosen by `@odata.type`.
pub trait Polymorphic: Sized {
    /// Deserializes the value whose `@odata.type` is `odata_type` (without the
    /// leading `#`). A type the crate does not know, or no type at all, gives
    /// the base type's variant, which keeps the unknown members in its
    /// [`Extra`].
    fn dispatch<'de, D: Deserializer<'de>>(odata_type: Option<&str>, deserializer: D) -> Result<Self, D::Error>;
}

/// A generated entity type, as the target of request paths.
pub trait EntityType: Structured {
    /// What a request body or response of this type deserializes into: the
    /// struct itself, or its polymorphic enum when the type has derived types.
    type Value: Payload;
}

/// A generated enum type (the member enum, for `IsFlags` types).
pub trait EnumMember: Sized {
    /// The enum type's namespace-qualified name, used in key literals.
    const QUALIFIED_NAME: &'static str;

    /// The members in declaration order, as the metadata declares them.
    const MEMBERS: &'static [Member];

    /// The member with exactly this name.
    fn from_member(name: &str) -> Option<Self>;

    /// The variant that keeps a value the crate does not know (a member the
    /// service added after this crate was generated).
    fn unrecognized(raw: String) -> Self;

    /// The position of the member in [`EnumMember::MEMBERS`], or the raw
    /// string of an unrecognized value.
    fn position(&self) -> Result<usize, &str>;

    /// The member name as it appears in JSON, or the raw unrecognized value.
    fn member_name(&self) -> &str {
        match self.position() {
            Ok(at) => Self::MEMBERS[at].name,
            Err(raw) => raw,
        }
    }

    /// The member's numeric value from the metadata; `None` for an
    /// unrecognized value.
    fn value(&self) -> Option<i64> {
        self.position().ok().map(|at| Self::MEMBERS[at].value)
    }
}

/// A member of a generated enum type, as [`EnumMember::MEMBERS`] lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// The name in the metadata and in JSON.
    pub name: &'static str,
    /// The name of the Rust variant.
    pub variant: &'static str,
    /// The numeric value from the metadata.
    pub value: i64,
}

/// Entity type `Self` derives from `Base` (directly or not): a path to
/// entities of `Base` can be cast to `Self` (`members/microsoft.graph.user`).
pub trait DerivedFrom<Base> {}
