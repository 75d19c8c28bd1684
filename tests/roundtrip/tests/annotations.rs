//! What annotations change at runtime: read-only properties stay out of
//! create bodies.

use golden_annotations::docs::{Item, service};
use odata_runtime::request::ServiceRoot;
use serde_json::json;

#[test]
#[allow(deprecated)]
fn create_leaves_out_read_only_properties() {
    let item = Item {
        id: Some("1".into()),
        secret: Some("s".into()),
        writable: Some("w".into()),
        old: Some("o".into()),
        ..Item::default()
    };
    assert_eq!(serde_json::to_value(&item).unwrap(), json!({"id": "1", "secret": "s", "writable": "w", "old": "o"}));
    let req = service::items().create(&item).to_request(&ServiceRoot::new("http://h").unwrap()).unwrap();
    let sent: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(sent, json!({"writable": "w", "old": "o"}));
}
