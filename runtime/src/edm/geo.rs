//! The Geography and Geometry types, as GeoJSON.

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};

/// A value of any `Edm.Geography*` or `Edm.Geometry*` type: a GeoJSON
/// object (RFC 7946), as OData JSON writes them.
///
/// The object is kept whole, so members such as `crs` and `bbox` survive a
/// round trip; reading checks that `type` names a GeoJSON geometry.
///
/// ```
/// use odata_runtime::edm::Geo;
/// use odata_runtime::serde_json::{self, json};
///
/// let oslo = Geo::point(10.75, 59.91);
/// assert_eq!(oslo.kind(), "Point");
/// assert_eq!(serde_json::to_value(&oslo)?, json!({"type": "Point", "coordinates": [10.75, 59.91]}));
///
/// let json = r#"{"type":"Point","coordinates":[1.0,2.0],"crs":{"type":"name","properties":{"name":"EPSG:4326"}}}"#;
/// let read: Geo = serde_json::from_str(json)?;
/// assert_eq!(read.coordinates(), Some(&json!([1.0, 2.0])));
/// assert_eq!(read.as_object()["crs"]["properties"]["name"], "EPSG:4326");
/// assert!(serde_json::from_str::<Geo>(r#"{"type":"Circle"}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Geo(Map<String, Value>);

const GEOMETRY_TYPES: [&str; 7] =
    ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];

impl Geo {
    /// A GeoJSON object; `None` when it has no geometry `type`.
    pub fn new(object: Map<String, Value>) -> Option<Self> {
        let kind = object.get("type")?.as_str()?;
        GEOMETRY_TYPES.contains(&kind).then_some(Geo(object))
    }

    /// A point at longitude `x`, latitude `y`.
    pub fn point(x: f64, y: f64) -> Self {
        let mut object = Map::new();
        object.insert("type".into(), Value::from("Point"));
        object.insert("coordinates".into(), Value::from(vec![x, y]));
        Geo(object)
    }

    /// The GeoJSON geometry type, such as `Point`.
    pub fn kind(&self) -> &str {
        self.0.get("type").and_then(Value::as_str).unwrap_or_default()
    }

    /// The `coordinates` member.
    pub fn coordinates(&self) -> Option<&Value> {
        self.0.get("coordinates")
    }

    /// The whole object.
    pub fn as_object(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl Serialize for Geo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Geo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let object = Map::deserialize(deserializer)?;
        Geo::new(object).ok_or_else(|| de::Error::custom("a GeoJSON object needs a geometry `type`"))
    }
}
