//! Batch answers are untrusted input: whatever bytes a service sends back
//! for a multipart batch, reading them gives answers or a typed error,
//! never a panic; and a batch request's body splits back into exactly the
//! members it was built from, whatever their bodies hold.

use odata_runtime::batch::{Batch, Membership};
use odata_runtime::expect::NoContent;
use odata_runtime::http::{HeaderMap, HeaderValue, Method, StatusCode};
use odata_runtime::request::{Exchange, Path, Request, ServiceRoot};
use odata_runtime::serde_json::json;
use proptest::prelude::*;

fn batch(texts: &[String]) -> Batch {
    let mut batch = Batch::multipart();
    for (i, text) in texts.iter().enumerate() {
        let post = Request::new(Method::POST, Path::root("notes"), NoContent).with_json(&json!({ "text": text }));
        let membership = Membership::id(format!("m{i}"));
        let membership = if i % 2 == 1 { membership.in_group(format!("g{i}")) } else { membership };
        batch.add_as(&post, membership).unwrap();
    }
    batch
}

/// A well-formed answer to a `batch` of `count` members: `204` for the
/// members alone, `201` inside a change set for the others.
fn answer(count: usize) -> String {
    let mut out = String::new();
    for i in 0..count {
        out.push_str("--A\r\n");
        if i % 2 == 1 {
            out.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=C{i}\r\n\r\n--C{i}\r\nContent-Type: application/http\r\n\
                 Content-ID: m{i}\r\n\r\nHTTP/1.1 201 Created\r\n\r\n\r\n--C{i}--\r\n"
            ));
        } else {
            out.push_str("Content-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n");
        }
    }
    out.push_str("--A--\r\n");
    out
}

fn headers(boundary: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("content-type", HeaderValue::from_str(&format!("multipart/mixed; boundary={boundary}")).unwrap());
    h
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_are_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), boundary in "[A-Za-z0-9_-]{0,8}") {
        let b = batch(&["a".into(), "b".into()]);
        let _ = b.parse(StatusCode::OK, &headers(&boundary), &bytes);
    }

    #[test]
    fn cut_or_changed_answers_are_read_without_panic(cut in 0usize..400, at in 0usize..400, byte in any::<u8>()) {
        let b = batch(&["a".into(), "b".into(), "c".into()]);
        let good = answer(3);
        prop_assert!(b.parse(StatusCode::OK, &headers("A"), good.as_bytes()).is_ok());
        let mut bytes = good.into_bytes();
        if at < bytes.len() {
            bytes[at] = byte;
        }
        bytes.truncate(cut.min(bytes.len()));
        let _ = b.parse(StatusCode::OK, &headers("A"), &bytes);
    }

    #[test]
    fn request_parts_are_the_members(texts in proptest::collection::vec(".{0,40}", 1..5)) {
        let b = batch(&texts);
        let request = b.to_request(&ServiceRoot::new("https://host/odata").unwrap()).unwrap();
        let content_type = request.headers()["content-type"].to_str().unwrap().to_owned();
        let boundary = content_type.split("boundary=").nth(1).unwrap().to_owned();
        let body = String::from_utf8(request.body().clone()).unwrap();
        // One top-level delimiter per member (change sets hold one here),
        // and each member's JSON body is there whole.
        let delimiters = body.split("\r\n").filter(|line| *line == format!("--{boundary}")).count();
        prop_assert_eq!(delimiters, texts.len());
        for text in &texts {
            let json = odata_runtime::serde_json::to_string(&json!({ "text": text })).unwrap();
            prop_assert!(body.contains(&json));
        }
    }
}
