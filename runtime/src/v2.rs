//! What OData v2's verbose JSON adds around the payloads v4 sends bare.
//!
//! A v2 service wraps every answer in `{"d": …}`, and a collection in
//! `{"d": {"results": […], "__count": "…", "__next": "…"}}` (or, from
//! OData v1 services, `{"d": […]}`); an entity carries `__metadata` (its
//! `uri`, `type` and `etag`), and a navigation property that was not
//! expanded is `{"__deferred": {"uri": …}}`. Requests on a v2 path
//! ([`crate::request::Path::root_v2`]) read answers through
//! [`unwrap`]; [`crate::Page`] reads `results`, `__count` and `__next`;
//! the structured (de)serializers keep `__metadata` and deferred
//! navigation properties among the members a struct does not declare, and
//! leave them out of request bodies.

use serde_json::Value;
use serde_json::value::RawValue;

/// The JSON inside the `d` envelope of a v2 answer; the body as it is when
/// it is not an object whose only member is `d` (plain text of `$count`,
/// the bytes of a stream, an empty body).
pub(crate) fn unwrap(body: &[u8]) -> &[u8] {
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    if start.is_none_or(|at| body[at] != b'{') {
        return body;
    }
    match serde_json::from_slice::<std::collections::BTreeMap<String, &RawValue>>(body) {
        Ok(map) if map.len() == 1 => match map.get("d") {
            Some(inner) => {
                let inner = inner.get().as_bytes();
                // `inner` borrows from `body`: return the same bytes of it.
                let offset = inner.as_ptr() as usize - body.as_ptr() as usize;
                &body[offset..offset + inner.len()]
            }
            None => body,
        },
        _ => body,
    }
}

/// Whether a kept member is control information of OData v2 that request
/// bodies leave out: `__metadata`, and a navigation property that was not
/// expanded (`{"__deferred": …}`).
pub(crate) fn is_control(name: &str, value: &Value) -> bool {
    name == "__metadata" || value.as_object().is_some_and(|o| o.len() == 1 && o.contains_key("__deferred"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes() {
        assert_eq!(unwrap(br#" {"d": {"a": 1}} "#), br#"{"a": 1}"#);
        assert_eq!(unwrap(br#"{"d":[1,2]}"#), b"[1,2]");
        // Not an envelope: left as it is.
        assert_eq!(unwrap(br#"{"d": 1, "e": 2}"#), br#"{"d": 1, "e": 2}"#);
        assert_eq!(unwrap(b"42"), b"42");
        assert_eq!(unwrap(b""), b"");
        assert_eq!(unwrap(b"{"), b"{");
    }

    #[test]
    fn control_members() {
        assert!(is_control("__metadata", &serde_json::json!({"uri": "x"})));
        assert!(is_control("Orders", &serde_json::json!({"__deferred": {"uri": "x"}})));
        assert!(!is_control("Orders", &serde_json::json!({"results": []})));
        assert!(!is_control("Name", &serde_json::json!("__deferred")));
    }
}
