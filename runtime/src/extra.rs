use serde_json::{Map, Value};

/// The part of a JSON object that a generated struct does not hold in its
/// declared fields.
///
/// Two things are kept:
/// - members the type does not declare: control information (`@odata.type`,
///   `@odata.etag`, `@odata.context`, ...), instance annotations, dynamic
///   properties of open types, and properties the service added after the
///   crate was generated;
/// - which declared properties were present with no Rust value: an explicit
///   `null` for a single-valued property, or `[]` / `null` for a collection.
///   A field reads `None` (or an empty `Vec`) both when the member was absent
///   and when it was `null`/`[]`; remembering which one it was is what lets
///   serialization give back exactly the JSON that was read.
///
/// A value built in code starts with nothing kept, so unset fields are left
/// out of the JSON it serializes to. [`Extra::write_empty`] asks for an
/// explicit `null` (or `[]`) instead, which is how a request clears a property.
///
/// With a `User` struct declared as in the crate docs (hidden here):
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
/// use odata_runtime::serde_json;
///
/// let json = r#"{"@odata.etag":"W/\"1\"","id":"7","displayName":null,"businessPhones":[],"hireDate":"2020-01-01"}"#;
/// let user: User = serde_json::from_str(json)?;
/// assert_eq!(user.display_name, None);
/// assert_eq!(user.extra.get("hireDate").unwrap(), "2020-01-01");
/// assert_eq!(user.extra.explicit(User::DISPLAY_NAME.index()), Some(true));
/// assert_eq!(user.extra.explicit(User::BUSINESS_PHONES.index()), Some(false));
/// assert_eq!(user.extra.explicit(User::JOB_TITLE.index()), None);
/// // What was read is what is written.
/// assert_eq!(serde_json::to_string(&user)?, json);
///
/// // A value made in code leaves unset fields out, unless asked.
/// let mut change = User { job_title: Some("Engineer".into()), ..User::default() };
/// assert_eq!(serde_json::to_string(&change)?, r#"{"jobTitle":"Engineer"}"#);
/// change.extra.write_empty(User::OFFICE_LOCATION.index());
/// assert_eq!(serde_json::to_string(&change)?, r#"{"jobTitle":"Engineer","officeLocation":null}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extra {
    members: Map<String, Value>,
    /// Sorted indexes of declared fields that were present with no value,
    /// or (OData v2) as a collection wrapped in `{"results": …}`:
    /// `index << 2 | kind` with a kind of [`EMPTY`], [`NULL`] or [`WRAPPED`].
    explicit: Vec<u32>,
}

/// Present as `[]`.
const EMPTY: u32 = 0;
/// Present as `null`.
const NULL: u32 = 1;
/// Present (OData v2) as `{"results": […]}`, with items or none.
const WRAPPED: u32 = 2;
/// The bits of an entry that are its kind.
const KIND: u32 = 3;

impl Extra {
    /// The kept members that the type does not declare.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// The kept members that the type does not declare.
    pub fn members_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.members
    }

    /// The kept member named `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.members.get(key)
    }

    /// Keeps `value` as the member `key`. Do not use the JSON name of a
    /// declared property: the declared field is written as well.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        self.members.insert(key.into(), value)
    }

    /// The `@odata.type` the value was read with, without the leading `#`.
    pub fn odata_type(&self) -> Option<&str> {
        let t = self.members.get("@odata.type")?.as_str()?;
        Some(t.strip_prefix('#').unwrap_or(t))
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty() && self.explicit.is_empty()
    }

    /// Records that declared field `index` was present with no value:
    /// `null` when `is_null`, otherwise an empty collection.
    pub(crate) fn mark_present(&mut self, index: u16, is_null: bool) {
        self.mark(index, if is_null { NULL } else { EMPTY });
    }

    /// Records that declared collection field `index` was read from OData
    /// v2's `{"results": […]}`, so that it is written back so.
    pub(crate) fn mark_wrapped(&mut self, index: u16) {
        self.mark(index, WRAPPED);
    }

    fn mark(&mut self, index: u16, kind: u32) {
        let base = u32::from(index) << 2;
        match self.explicit.binary_search_by(|e| (e & !KIND).cmp(&base)) {
            Ok(at) => self.explicit[at] = base | kind,
            Err(at) => self.explicit.insert(at, base | kind),
        }
    }

    /// The kind recorded for field `index`, if any.
    #[inline]
    fn kind(&self, index: u16) -> Option<u32> {
        if self.explicit.is_empty() {
            return None;
        }
        let base = u32::from(index) << 2;
        self.explicit.binary_search_by(|e| (e & !KIND).cmp(&base)).ok().map(|at| self.explicit[at] & KIND)
    }

    /// Whether collection field `index` was read wrapped in OData v2's
    /// `{"results": …}`.
    #[inline]
    pub(crate) fn wrapped(&self, index: u16) -> bool {
        self.kind(index) == Some(WRAPPED)
    }

    /// Forgets that declared field `index` was present with no value.
    /// Called for every member read with a value, so the common case (no
    /// field was `null`) is one inlined test.
    #[inline]
    pub(crate) fn clear_present(&mut self, index: u16) {
        if self.explicit.is_empty() {
            return;
        }
        let base = u32::from(index) << 2;
        if let Ok(at) = self.explicit.binary_search_by(|e| (e & !KIND).cmp(&base)) {
            self.explicit.remove(at);
        }
    }

    /// How declared field `index` was present with no value, if it was:
    /// `Some(true)` for `null`, `Some(false)` for an empty collection (also
    /// OData v2's `{"results": []}`, or any collection read in that form).
    #[inline]
    pub fn explicit(&self, index: u16) -> Option<bool> {
        self.kind(index).map(|kind| kind == NULL)
    }

    /// Asks for declared field `index` to be written while it holds no value:
    /// as `null` for a single-valued property, as `[]` for a collection. This
    /// is how a request clears a property. [`crate::Structured::write_empty`]
    /// does the same by JSON property name.
    pub fn write_empty(&mut self, index: u16) {
        self.mark_present(index, false);
    }

    /// Takes back [`Extra::write_empty`] (or a `null`/`[]` that was read) for
    /// field `index`: while it holds no value, the field is left out.
    pub fn clear_empty(&mut self, index: u16) {
        self.clear_present(index);
    }
}
