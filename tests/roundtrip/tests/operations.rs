//! Operations of the `operations` fixture, as a downstream crate calls
//! them: the requests they build and how their answers are read; and the
//! capabilities of its paths.

use golden_operations::ops_test::{
    Address, Color, Item, ItemCollectionImportAllParams, ItemRelabelParams, Part, ResetParams, Special,
    SpecialArchiveParams, any, service,
};
use golden_operations::runtime::edm::DateTimeOffset;
use golden_operations::runtime::http::{self, StatusCode};
use golden_operations::runtime::request::{RequestError, ServiceRoot, percent_decode};
use golden_operations::runtime::response::ResponseError;
use golden_operations::runtime::serde_json::{self, Value, json};
use golden_operations::runtime::{Caps, Changes};
use golden_operations::{CollectionRef, EntityRef};

fn root() -> ServiceRoot {
    ServiceRoot::new("https://h/odata").unwrap()
}

fn body(req: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(req.body()).unwrap()
}

fn answer(status: u16, text: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(text.as_bytes().to_vec()).unwrap()
}

#[test]
fn bound_action_with_every_parameter_kind() {
    let params = ItemRelabelParams {
        name: "new".into(),
        tags: vec!["a".into(), "b".into()],
        address: Some(Address { city: Some("Oslo".into()), ..Default::default() }),
        color: Some(Color::Green),
        note: None,
        owner: None,
    };
    let call = service::items().key("i'1").relabel(&params);
    let req = call.to_request(&root()).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri(), "https://h/odata/items('i''1')/ops.test.relabel");
    assert_eq!(req.headers()["content-type"], "application/json");
    // Optional and nullable parameters that are `None` are left out.
    assert_eq!(body(&req), json!({"Name": "new", "Tags": ["a", "b"], "Address": {"city": "Oslo"}, "Color": "green"}));
    // The answer is the entity, read through its polymorphic enum.
    let item =
        call.parse_response(&answer(200, r##"{"@odata.type":"#ops.test.special","id":"i'1","level":3}"##)).unwrap();
    assert!(matches!(&item, any::Item::Special(s) if s.level == Some(3)), "{item:?}");
}

#[test]
fn actions_without_parameters_send_no_body() {
    let req = service::items().key("1").touch().to_request(&root()).unwrap();
    assert_eq!(req.uri(), "https://h/odata/items('1')/ops.test.touch");
    assert!(req.body().is_empty());
    assert_eq!(req.headers()["content-length"], "0");
    assert_eq!(service::items().key("1").touch().parse_response(&answer(204, "")).unwrap(), ());
    let err =
        service::items().key("1").touch().parse_response(&answer(404, r#"{"error":{"code":"x","message":"gone"}}"#));
    assert!(matches!(err, Err(ResponseError::OData { status, .. }) if status == StatusCode::NOT_FOUND));
}

#[test]
fn functions_write_literals_inline_and_json_in_aliases() {
    let at = DateTimeOffset::parse("2026-12-03T10:00:00+01:00").unwrap();
    let near = Address { zip: Some("0150".into()), ..Default::default() };
    let call = service::items().key("1").r#match("O'Neil & co", &at, &Color::Red, Some(&near), &[1, 2], None);
    let req = call.to_request(&root()).unwrap();
    assert_eq!(req.method(), "GET");
    assert_eq!(
        req.uri().to_string(),
        "https://h/odata/items('1')/ops.test.match(text='O''Neil%20%26%20co',at=2026-12-03T10:00:00%2B01:00,color=ops.test.color'red',near=@near,among=@among)?@near=%7B%22zip%22:%220150%22%7D&@among=%5B1,2%5D"
    );
    assert_eq!(
        percent_decode(&req.uri().to_string()),
        "https://h/odata/items('1')/ops.test.match(text='O''Neil & co',at=2026-12-03T10:00:00+01:00,color=ops.test.color'red',near=@near,among=@among)?@near={\"zip\":\"0150\"}&@among=[1,2]"
    );
    // An optional argument given is written, one left out is not.
    let with_limit = service::items().key("1").r#match("x", &at, &Color::Red, None, &[], Some(5));
    let url = with_limit.to_request(&root()).unwrap().uri().to_string();
    assert!(url.contains("near=@near,among=@among,limit=5)"), "{url}");
    assert!(url.ends_with("?@near=null&@among=%5B%5D"), "{url}");
    let page =
        call.parse_response(&answer(200, r#"{"value":[{"city":"Oslo"}],"@odata.nextLink":"https://h/next"}"#)).unwrap();
    assert_eq!(page.value[0].city.as_deref(), Some("Oslo"));
    assert_eq!(page.next_link.as_deref(), Some("https://h/next"));
}

#[test]
fn overloads_and_names_that_collide() {
    let root = root();
    let plain = service::items().key("1").price().to_request(&root).unwrap();
    assert_eq!(plain.uri(), "https://h/odata/items('1')/ops.test.price()");
    let with = service::items().key("1").price_with_currency("EUR").to_request(&root).unwrap();
    assert_eq!(with.uri(), "https://h/odata/items('1')/ops.test.price(currency='EUR')");
    let price = service::items().key("1").price().parse_response(&answer(200, r#"{"value": 1.10}"#)).unwrap();
    assert_eq!(price.as_str(), "1.10");
    // `get` is the path's own read; the function named `get` is `get_2`,
    // and the action named like the navigation property `parts` is `parts_2`.
    assert_eq!(service::items().key("1").get().to_request(&root).unwrap().uri(), "https://h/odata/items('1')");
    assert_eq!(
        service::items().key("1").get_2().to_request(&root).unwrap().uri(),
        "https://h/odata/items('1')/ops.test.get()"
    );
    let _: CollectionRef<Part> = service::items().key("1").parts();
    assert_eq!(
        service::items().key("1").parts_2().to_request(&root).unwrap().uri(),
        "https://h/odata/items('1')/ops.test.parts"
    );
    let null = service::items().key("1").get_2().parse_response(&answer(200, r#"{"value": null}"#)).unwrap();
    assert_eq!(null, None);
}

#[test]
fn derived_types_inherit_and_override_bound_operations() {
    // `archive` bound to `item` is hidden on `special` by its own overload.
    let item = service::items().key("1").archive().to_request(&root()).unwrap();
    assert_eq!(item.uri(), "https://h/odata/items('1')/ops.test.archive");
    let special = service::items().key("1").cast::<Special>();
    let req = special.archive(&SpecialArchiveParams { reason: Some("old".into()) }).to_request(&root()).unwrap();
    assert_eq!(req.uri(), "https://h/odata/items('1')/ops.test.special/ops.test.archive");
    assert_eq!(body(&req), json!({"reason": "old"}));
    // Operations bound to `item` that `special` does not redeclare are there.
    assert!(special.touch().to_request(&root()).is_ok());
}

#[test]
fn collection_bound_and_composable() {
    let import = service::items().import_all(&ItemCollectionImportAllParams {
        items: vec![Item { id: Some("a".into()), name: Some("n".into()), ..Default::default() }.into()],
    });
    let req = import.to_request(&root()).unwrap();
    assert_eq!(req.uri(), "https://h/odata/items/ops.test.importAll");
    assert_eq!(body(&req), json!({"items": [{"id": "a", "name": "n"}]}));
    assert_eq!(import.parse_response(&answer(200, r#"{"@odata.context":"x","value":7}"#)).unwrap(), 7);
    // A composable function is a path: it can be queried and followed.
    let recent = service::items().recent(7);
    let list = recent.list().filter(Item::NAME.starts_with("a")).top(2).to_request(&root()).unwrap();
    assert_eq!(
        percent_decode(&list.uri().to_string()),
        "https://h/odata/items/ops.test.recent(days=7)?$filter=startswith(name,'a')&$top=2"
    );
    assert_eq!(
        recent.key("x").get().to_request(&root()).unwrap().uri(),
        "https://h/odata/items/ops.test.recent(days=7)('x')"
    );
}

#[test]
fn imports_are_container_functions() {
    let reset = service::reset(&ResetParams { colors: vec![Color::Red], r#where: None });
    let req = reset.to_request(&root()).unwrap();
    assert_eq!(req.uri(), "https://h/odata/reset");
    assert_eq!(body(&req), json!({"colors": ["red"]}));
    let search = service::search("x y").top(3).to_request(&root()).unwrap();
    assert_eq!(search.uri().to_string(), "https://h/odata/search(q='x%20y')?$top=3");
    let both = service::search_with_q_and_color("x", &Color::Green).to_request(&root()).unwrap();
    assert_eq!(both.uri().to_string(), "https://h/odata/search(q='x',color=ops.test.color'green')");
    let version = service::server_version();
    assert_eq!(version.to_request(&root()).unwrap().uri(), "https://h/odata/serverVersion()");
    assert_eq!(version.parse_response(&answer(200, r#"{"value":"1.2"}"#)).unwrap(), "1.2");
    let bad = version.parse_response(&answer(200, r#"{"value":12}"#));
    assert!(matches!(bad, Err(ResponseError::Undecodable { .. })));
}

#[test]
fn streams_and_media() {
    let doc = service::documents().key(42);
    let get = doc.media().get().to_request(&root()).unwrap();
    assert_eq!(get.uri(), "https://h/odata/documents(42)/$value");
    assert_eq!(get.headers()["accept"], "*/*");
    let put = doc.media().put("application/pdf", b"%PDF".to_vec()).to_request(&root()).unwrap();
    assert_eq!((put.method().as_str(), put.headers()["content-type"].to_str().unwrap()), ("PUT", "application/pdf"));
    assert_eq!(put.body(), b"%PDF");
    let media = doc
        .media()
        .get()
        .parse_response(
            &http::Response::builder()
                .status(200)
                .header("content-type", "application/pdf")
                .header("etag", "\"7\"")
                .body(b"%PDF-1.7".to_vec())
                .unwrap(),
        )
        .unwrap();
    assert_eq!(
        (media.content_type.as_deref(), media.etag.as_deref(), &media.bytes[..]),
        (Some("application/pdf"), Some("\"7\""), &b"%PDF-1.7"[..])
    );
    let thumb = service::items().key("1").thumbnail().get().to_request(&root()).unwrap();
    assert_eq!(thumb.uri(), "https://h/odata/items('1')/thumbnail");
    let export = doc.export().to_request(&root()).unwrap();
    assert_eq!(export.uri(), "https://h/odata/documents(42)/ops.test.export()");
}

#[test]
fn capabilities_shape_the_paths() {
    // `parts` cannot be updated or deleted: its members have neither method
    // (this binding only compiles with those capabilities).
    let _: EntityRef<Part, Caps<true, false, false>> = service::parts().key(1);
    let _: EntityRef<Item, Caps<true, true, false>> = service::featured();
    // `items` needs an ETag for changes and does not support `$search`.
    let delete = service::items().key("1").delete();
    assert!(matches!(delete.to_request(&root()), Err(RequestError::ETagRequired { .. })));
    let req = delete.if_match("W/\"5\"").to_request(&root()).unwrap();
    assert_eq!(req.headers()["if-match"], "W/\"5\"");
    let update = service::items().key("1").update(&Changes::new().null(Item::NAME)).if_match_any();
    assert_eq!(body(&update.to_request(&root()).unwrap()), json!({"name": null}));
    let search = service::items().list().search("x");
    assert!(matches!(search.to_request(&root()), Err(RequestError::Unsupported { option: "$search", .. })));
    assert!(search.unchecked().to_request(&root()).is_ok());
}

#[test]
fn updates_from_values_leave_out_read_only_and_control_information() {
    let item: any::Item = serde_json::from_str(
        r#"{"@odata.context":"$metadata#items/$entity","@odata.etag":"W/\"3\"","id":"1","name":"n","modified":"2026-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    let req = service::items().key("1").update_from(&item).if_match_of(&item).to_request(&root()).unwrap();
    assert_eq!(req.method(), "PATCH");
    assert_eq!(req.headers()["if-match"], "W/\"3\"");
    assert_eq!(body(&req), json!({"id": "1", "name": "n"}));
    let put = service::items().key("1").replace(&item).if_match_of(&item).to_request(&root()).unwrap();
    assert_eq!(put.method(), "PUT");
    // A value read without an ETag cannot give one.
    let no_etag: any::Item = serde_json::from_str(r#"{"id":"1"}"#).unwrap();
    let err = service::items().key("1").delete().if_match_of(&no_etag).to_request(&root());
    assert_eq!(err.unwrap_err(), RequestError::NoETag);
}
