//! The crate generated from the test service's OData v2 metadata, against
//! the same service served as OData v2 by the CAP community adapter
//! (`@cap-js-community/odata-v2-adapter`, at `/odata/v2/graph` beside the
//! v4 `/graph`): create, read back, update with the ETag of `__metadata`,
//! delete, query options, paging with `__next` and `__count`, a function
//! import, and a multipart `$batch` with a change set. Started by `cargo
//! xtask test` like the v4 tests.
//!
//! Not tested live, because the adapter does not do them (the runtime's own
//! tests cover the requests): `$links` (the adapter maps them to the
//! navigation itself: `DELETE …/$links/manager` deletes the manager), and
//! CSRF tokens (the adapter issues none).

use std::time::Duration;

use cap_graph_v2::microsoft_graph::{People, entity_container as svc};
use cap_graph_v2::runtime::Changes;
use cap_graph_v2::runtime::batch::{Batch, Membership};
use cap_graph_v2::runtime::client::{Client, ClientError};
use cap_graph_v2::runtime::edm::DateTime;
use cap_graph_v2::runtime::request::{Exchange, Protocol, ServiceRoot};
use cap_graph_v2::runtime::response::Created;

/// The v2 root: the v4 one (`…/graph`) with the adapter's prefix.
fn root() -> ServiceRoot {
    let url = std::env::var("ODATA_TEST_SERVER").unwrap_or_else(|_| {
        panic!("ODATA_TEST_SERVER is not set: these tests need the CAP test service; run them with `cargo xtask test`")
    });
    let base = url.strip_suffix("/graph").expect("the test service's URL ends with /graph");
    ServiceRoot::new(&format!("{base}/odata/v2/graph")).expect("a URL")
}

fn client() -> Client {
    Client::builder(root()).timeout(Duration::from_secs(30)).build().unwrap()
}

fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn id(name: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("v2-{name}-{:x}", nanos ^ u128::from(std::process::id()))
}

/// The generator run on the live v2 `$metadata` writes exactly the
/// committed crate.
#[tokio::test]
async fn live_v2_metadata_generates_the_committed_crate() {
    let client = client();
    let request = cap_graph_v2::runtime::http::Request::get(format!("{}/$metadata", client.root()))
        .header("accept", "application/xml")
        .body(Vec::new())
        .unwrap();
    let response = client.send_http(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let live = workspace().join("target/live-metadata-v2.xml");
    std::fs::write(&live, response.body()).unwrap();
    let loaded = odata_codegen::config::load(&workspace().join("tests/odata-server/v2/codegen.toml")).unwrap();
    let generation = odata_codegen::generate_bytes("metadata.xml", response.body().clone(), &loaded.config)
        .unwrap_or_else(|f| panic!("the live v2 $metadata does not generate:\n{}", f.render()));
    let problems = odata_codegen::write::check(loaded.output.as_ref().unwrap(), &generation.files);
    let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "the service's v2 $metadata changed (saved in {}): copy it to tests/odata-server/v2/metadata.xml and run `cargo xtask regenerate`:\n{}",
        live.display(),
        listed.join("\n")
    );
}

#[tokio::test]
async fn create_read_update_delete() {
    let c = client();
    let key = id("crud");
    // 1990-01-01, and a date before 1970.
    let body = People {
        id: Some(key.clone()),
        display_name: Some("Vera Two".into()),
        job_title: Some("Tester".into()),
        age: Some(41),
        birthday: Some(DateTime::from_millis(631_152_000_000)),
        ..Default::default()
    };
    let created = match c.send(&svc::people().create(&body)).await.unwrap() {
        Created::Entity(p) => p,
        other => panic!("expected 201 with the entity, got {other:?}"),
    };
    assert_eq!(created.id.as_deref(), Some(key.as_str()));
    assert_eq!(created.birthday.as_ref().and_then(DateTime::millis), Some(631_152_000_000));
    // The answer is verbose JSON: `__metadata` with the ETag, deferred links.
    assert!(created.extra.get("__metadata").and_then(|m| m.get("etag")).is_some(), "{:?}", created.extra);
    assert!(created.manager.is_none());
    assert!(created.extra.get("manager").and_then(|m| m.get("__deferred")).is_some(), "{:?}", created.extra);

    let read: People = c.send(&svc::people().key(&key).get()).await.unwrap();
    assert_eq!(read.display_name.as_deref(), Some("Vera Two"));
    assert_eq!(read.age, Some(41));

    // `people` needs an ETag for changes: without one the request is not built.
    let changes = Changes::<People>::new().set(People::JOB_TITLE, "Lead".to_owned()).null(People::AGE);
    let update = svc::people().key(&key).update(&changes);
    assert_eq!(update.protocol(), Protocol::V2);
    assert!(matches!(c.send(&update).await, Err(ClientError::Request(_))));
    c.send(&update.if_match_of(&read)).await.unwrap();
    let after: People = c.send(&svc::people().key(&key).get()).await.unwrap();
    assert_eq!(after.job_title.as_deref(), Some("Lead"));
    assert_eq!(after.age, None);
    // The old ETag is stale now.
    let stale =
        svc::people().key(&key).update(&Changes::new().set(People::JOB_TITLE, "No".to_owned())).if_match_of(&read);
    assert!(matches!(c.send(&stale).await, Err(ClientError::Precondition { .. })), "a stale ETag is refused");

    c.send(&svc::people().key(&key).delete().if_match_of(&after)).await.unwrap();
    match c.send(&svc::people().key(&key).get()).await {
        Err(ClientError::OData { status, .. }) => assert_eq!(status, 404),
        other => panic!("expected 404 after the delete, got {other:?}"),
    }
}

#[tokio::test]
async fn query_options_and_paging() {
    let c = client();
    let seed = People::ID.starts_with("p");
    let list = svc::people().list().filter(seed.clone()).order_by(People::ID).with_count();
    let first = c.send(&list).await.unwrap();
    // The service pages by 3; `__count` counts all.
    assert_eq!(first.value.len(), 3);
    assert_eq!(first.count, Some(12));
    assert!(first.next_link.is_some());
    let mut pages = c.pages(list);
    let mut seen = Vec::new();
    while let Some(page) = pages.next_page().await {
        seen.extend(page.unwrap().value.into_iter().map(|p| p.id.unwrap()));
    }
    let mut want: Vec<String> = (1..=12).map(|i| format!("p{i}")).collect();
    want.sort();
    assert_eq!(seen, want);

    let picked = c
        .send(&svc::people().list().filter(People::ID.eq("p3")).select((People::ID, People::DISPLAY_NAME)))
        .await
        .unwrap();
    assert_eq!(picked.value.len(), 1);
    assert_eq!(picked.value[0].id.as_deref(), Some("p3"));
    assert!(picked.value[0].display_name.is_some());
    assert!(picked.value[0].job_title.is_none(), "$select leaves the rest out");

    let top = c.send(&svc::people().list().filter(seed).order_by(People::ID).top(2).skip(1)).await.unwrap();
    let ids: Vec<_> = top.value.iter().map(|p| p.id.clone().unwrap()).collect();
    assert_eq!(ids, want[1..3]);
}

/// A v2 batch is multipart (v2 has no JSON batch): a `$count` and a read
/// in order, two creations in a change set, answered in verbose JSON
/// inside the parts and read as the requests alone would be.
#[tokio::test]
async fn a_multipart_batch() {
    let c = client();
    let person = |key: &str| People {
        id: Some(key.to_owned()),
        display_name: Some(format!("Batch {key}")),
        ..Default::default()
    };
    let (a, b) = (id("batch-a"), id("batch-b"));
    let mut batch = Batch::new();
    let count = batch.add(&svc::people().count().filter(People::ID.starts_with("p"))).unwrap();
    let p3 = batch.add(&svc::people().key("p3").get()).unwrap();
    let made_a = batch.add_as(&svc::people().create(&person(&a)), Membership::id("a").in_group("new")).unwrap();
    let made_b = batch.add_as(&svc::people().create(&person(&b)), Membership::id("b").in_group("new")).unwrap();
    assert!(batch.is_multipart());
    let request = batch.to_request(&root()).unwrap();
    assert_eq!(request.headers()["dataserviceversion"], "2.0");
    let answers = c.send(&batch).await.unwrap();
    assert_eq!(answers.get(&count).unwrap(), 12);
    assert_eq!(answers.get(&p3).unwrap().id.as_deref(), Some("p3"));
    for (made, key) in [(&made_a, &a), (&made_b, &b)] {
        match answers.get(made).unwrap() {
            Created::Entity(p) => assert_eq!(p.id.as_deref(), Some(key.as_str())),
            other => panic!("expected the created entity, got {other:?}"),
        }
    }
    for key in [&a, &b] {
        let read: People = c.send(&svc::people().key(key.as_str()).get()).await.unwrap();
        assert_eq!(read.display_name.as_deref(), Some(format!("Batch {key}").as_str()));
        c.send(&svc::people().key(key.as_str()).delete().if_match_of(&read)).await.unwrap();
    }
}

#[tokio::test]
async fn a_function_import_with_query_arguments() {
    let c = client();
    let greeting = svc::people_greeting("p1", Some("Hi"));
    let request = greeting.to_request(&root()).unwrap();
    assert!(request.uri().to_string().ends_with("/people_greeting?id='p1'&prefix='Hi'"), "{}", request.uri());
    let read: People = c.send(&svc::people().key("p1").get()).await.unwrap();
    let text = c.send(&greeting).await.unwrap();
    assert_eq!(text, Some(format!("Hi, {}!", read.display_name.unwrap())));
}
