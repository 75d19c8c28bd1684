//! A collection response: `{"@odata.context": ..., "value": [...], "@odata.nextLink": ...}`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// One page of a collection response. `value` holds the items; the
/// control information is parsed, and every other member is kept in
/// `extra`, so a page serializes back to the JSON it was read from.
///
/// ```
/// use odata_runtime::Page;
/// use odata_runtime::serde_json;
///
/// let json = r#"{"@odata.context":"$metadata#tags","@odata.count":3,"value":["a","b"],"@odata.nextLink":"https://host/odata/tags?$skip=2"}"#;
/// let page: Page<String> = serde_json::from_str(json)?;
/// assert_eq!(page.value, ["a", "b"]);
/// assert_eq!(page.count, Some(3));
/// assert_eq!(page.next_link.as_deref(), Some("https://host/odata/tags?$skip=2"));
/// assert_eq!(page.delta_link, None);
/// assert_eq!(page.extra["@odata.context"], "$metadata#tags");
/// assert_eq!(serde_json::to_string(&page)?, json);
///
/// // `value` is required; a count sent as a string (IEEE754Compatible) is read too.
/// assert!(serde_json::from_str::<Page<String>>(r#"{"@odata.count":3}"#).is_err());
/// let quoted: Page<String> = serde_json::from_str(r#"{"@odata.count":"3","value":[]}"#)?;
/// assert_eq!(quoted.count, Some(3));
///
/// // OData v2, inside the `{"d": …}` envelope.
/// let v2: Page<String> = serde_json::from_str(r#"{"results":["a"],"__count":"7","__next":"https://host/odata/Tags?$skiptoken=1"}"#)?;
/// assert_eq!((v2.value, v2.count), (vec!["a".to_owned()], Some(7)));
/// assert_eq!(v2.next_link.as_deref(), Some("https://host/odata/Tags?$skiptoken=1"));
/// let v1: Page<String> = serde_json::from_str(r#"["a","b"]"#)?;
/// assert_eq!(v1.value, ["a", "b"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items.
    pub value: Vec<T>,
    /// `@odata.count`, when the request asked for it (`$count=true`).
    pub count: Option<i64>,
    /// `@odata.nextLink`: the URL of the next page.
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: the URL to ask for changes later.
    pub delta_link: Option<String>,
    /// Every other member, `@odata.context` among them.
    pub extra: Map<String, Value>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { value: Vec::new(), count: None, next_link: None, delta_link: None, extra: Map::new() }
    }
}

impl<T: Serialize> Serialize for Page<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (k, v) in self.extra.iter().filter(|(k, _)| k.starts_with('@')) {
            map.serialize_entry(k, v)?;
        }
        if let Some(count) = self.count {
            map.serialize_entry("@odata.count", &count)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(link) = &self.next_link {
            map.serialize_entry("@odata.nextLink", link)?;
        }
        if let Some(link) = &self.delta_link {
            map.serialize_entry("@odata.deltaLink", link)?;
        }
        for (k, v) in self.extra.iter().filter(|(k, _)| !k.starts_with('@')) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PageVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an OData collection response")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let mut page = Page::default();
        let mut seen_value = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                // OData v2 (verbose JSON, inside `d`): `results`, `__count`, `__next`.
                "value" | "results" => {
                    page.value = map.next_value()?;
                    seen_value = true;
                }
                "@odata.count" | "__count" => page.count = Some(map.next_value::<crate::edm::Int64>()?.get()),
                "@odata.nextLink" | "__next" => page.next_link = Some(map.next_value()?),
                "@odata.deltaLink" => page.delta_link = Some(map.next_value()?),
                _ => {
                    let v: Value = map.next_value()?;
                    page.extra.insert(key, v);
                }
            }
        }
        if !seen_value {
            return Err(de::Error::missing_field("value"));
        }
        Ok(page)
    }

    /// OData v1 answers a collection with the array itself (`{"d": […]}`).
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Page<T>, A::Error> {
        let value = Vec::<T>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Page { value, ..Page::default() })
    }
}
