//! Every Edm primitive: a server's JSON deserializes and serializes back to
//! the same JSON value.

use golden_primitives::prim::All;
use odata_runtime::edm;
use serde_json::{Value, json};

fn round_trip(input: &Value) -> (All, Value) {
    let all: All = serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("{e}: {input}"));
    let output = serde_json::to_value(&all).unwrap();
    (all, output)
}

#[test]
fn every_primitive_round_trips() {
    let input = json!({
        "string": "x", "boolean": false, "byte": 255, "sbyte": -128, "int16": -32768, "int32": 2147483647,
        "int64": "9223372036854775807", "single": 1.5, "double": "INF", "decimal": "1.10",
        "guid": "2026C75E-c75e-2026-5ec7-26205ec72620", "binary": "AQID-_8=", "date": "2019-03-01",
        "timeOfDay": "13:20:00.1234567", "duration": "P1DT2H0.5S", "dateTimeOffset": "2019-03-01T00:00:00.1234567Z",
        "stream": {"@odata.mediaContentType": "image/png"}, "untyped": [1, {"a": null}, "b"],
        "geographyPoint": {"type": "Point", "coordinates": [1.5, 2.5], "crs": {"type": "name", "properties": {"name": "EPSG:4326"}}},
        "geometryPolygon": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
        "primitive": 5, "email": "a@example.com", "weight": 2.5,
        "strings": ["a", ""], "maybeInts": [1, null, "3"], "dates": ["2019-03-01T10:00:00+05:30"], "anything": [null, 1, "x"]
    });
    let (all, output) = round_trip(&input);
    assert_eq!(output, input);
    assert_eq!(all.int64.unwrap().get(), i64::MAX);
    assert!(all.int64.unwrap().is_quoted());
    assert_eq!(all.double.unwrap().get(), f64::INFINITY);
    assert_eq!(all.date_time_offset.as_ref().unwrap().time(), (0, 0, 0, 123_456_700));
    assert_eq!(all.binary.as_ref().unwrap().to_bytes(), vec![1, 2, 3, 0xfb, 0xff]);
    assert_eq!(all.geography_point.as_ref().unwrap().kind(), "Point");
    assert_eq!(all.maybe_ints[1], None);
    assert!(all.maybe_ints[2].unwrap().is_quoted());
}

#[test]
fn numbers_keep_their_form() {
    // Text comparison: JSON values compare numbers as f64, which would hide
    // a lost digit.
    let text = r#"{"int64":9007199254740993,"single":0.1,"double":-0.0,"decimal":79228162514264337593543950335.0001,"weight":1.10}"#;
    let all: All = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&all).unwrap(), text);
    let text = r#"{"double":47,"decimal":"-INF"}"#;
    let all: All = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&all).unwrap(), text);
    let minus_zero: All = serde_json::from_str(r#"{"double":-0}"#).unwrap();
    assert!(minus_zero.double.unwrap().get().is_sign_negative());
}

#[test]
fn nulls_and_absence() {
    let input = json!({"string": null, "strings": [], "maybeInts": null, "untyped": null});
    let (all, output) = round_trip(&input);
    assert_eq!(all.string, None);
    assert!(all.strings.is_empty());
    assert_eq!(output, input);
    let (_, output) = round_trip(&json!({}));
    assert_eq!(output, json!({}));
}

#[test]
fn malformed_values_are_errors() {
    for bad in [
        json!({"date": "2019-13-01"}),
        json!({"guid": "not-a-guid"}),
        json!({"dateTimeOffset": "yesterday"}),
        json!({"duration": "1 day"}),
        json!({"int32": "5"}),
        json!({"int64": 1.5}),
        json!({"byte": 256}),
        json!({"boolean": "true"}),
        json!({"binary": "a"}),
        json!({"geographyPoint": {"coordinates": [1, 2]}}),
        json!({"strings": [null]}),
    ] {
        assert!(serde_json::from_value::<All>(bad.clone()).is_err(), "{bad} should not deserialize");
    }
}

#[test]
fn values_built_in_code() {
    let all = All {
        int64: Some(edm::Int64::new(5)),
        double: Some(edm::Double::new(f64::NAN)),
        date: Some(edm::Date::parse("2024-02-29").unwrap()),
        geography_point: Some(edm::Geo::point(1.0, 2.0)),
        ..All::default()
    };
    assert_eq!(
        serde_json::to_value(&all).unwrap(),
        json!({"int64": 5, "double": "NaN", "date": "2024-02-29", "geographyPoint": {"type": "Point", "coordinates": [1.0, 2.0]}})
    );
}
