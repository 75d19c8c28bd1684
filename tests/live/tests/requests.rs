//! The request surface against the real CAP service (`tests/odata-server`,
//! started by `cargo xtask test`): lists with every query option and
//! server-driven paging, reads, updates (including `null`), replace,
//! delete, ETags, references, a JSON batch, actions, functions and a media
//! property. Every test reads the server's state back.
//!
//! Tests run in parallel against one service: each one that changes data
//! works on rows it creates (ids `t-<name>-<run>`, so a second run against
//! the same service does not meet the first one's rows), and the listing
//! tests read only the seed rows (ids `p1` .. `p12`), which no test changes.

use std::collections::BTreeSet;
use std::time::Duration;

use cap_graph::microsoft_graph::{
    Address, Groups, HireParams, People, PeopleCollectionRetagParams, PeoplePromoteParams, entity_container as svc,
};
use cap_graph::runtime::Changes;
use cap_graph::runtime::batch::{Batch, Membership};
use cap_graph::runtime::client::{Client, ClientError};
use cap_graph::runtime::edm::Date;
use cap_graph::runtime::expect::Conditional;
use cap_graph::runtime::request::{RequestError, ServiceRoot};
use cap_graph::runtime::response::ResponseError;

fn root() -> ServiceRoot {
    let url = std::env::var("ODATA_TEST_SERVER").unwrap_or_else(|_| {
        panic!("ODATA_TEST_SERVER is not set: these tests need the CAP test service; run them with `cargo xtask test`")
    });
    ServiceRoot::new(&url).expect("ODATA_TEST_SERVER is a URL")
}

fn client() -> Client {
    Client::builder(root()).timeout(Duration::from_secs(30)).build().unwrap()
}

/// The id of a row this run creates: `t-<name>-<run>`.
fn id(name: &str) -> String {
    static RUN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        format!("{:x}", nanos ^ u128::from(std::process::id()))
    });
    format!("t-{name}-{run}")
}

/// The seed rows: `p1` .. `p12`.
fn seed() -> cap_graph::runtime::filter::Filter<People> {
    People::ID.starts_with("p")
}

/// Creates a person with id [`id`]`(name)` and returns it as stored.
async fn person(c: &Client, name: &str, tags: &[&str]) -> People {
    let body = People {
        id: Some(id(name)),
        display_name: Some(format!("Test {name}")),
        job_title: Some("Tester".into()),
        tags: tags.iter().map(|t| Some(t.to_string())).collect(),
        ..Default::default()
    };
    match c.send(&svc::people().create(&body)).await.unwrap() {
        cap_graph::runtime::response::Created::Entity(p) => p,
        other => panic!("{other:?}"),
    }
}

async fn read(c: &Client, id: &str) -> People {
    c.send(&svc::people().key(id).get()).await.unwrap()
}

#[tokio::test]
async fn paging_follows_every_page_without_losing_or_repeating() {
    let c = client();
    let list = svc::people().list().filter(seed()).order_by(People::ID).with_count();
    // The service pages by 3: the first page has a next link and the count.
    let first = c.send(&list).await.unwrap();
    assert_eq!(first.value.len(), 3);
    assert_eq!(first.count, Some(12));
    assert!(first.next_link.is_some());
    let mut pages = c.pages(list.clone());
    let mut seen = Vec::new();
    let mut n = 0;
    while let Some(page) = pages.next_page().await {
        n += 1;
        seen.extend(page.unwrap().value.into_iter().map(|p| p.id.unwrap()));
    }
    assert!(n >= 4, "{n} pages");
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "repeated: {seen:?}");
    let want: Vec<String> = {
        let mut w: Vec<String> = (1..=12).map(|i| format!("p{i}")).collect();
        w.sort();
        w
    };
    assert_eq!(seen, want);
    // The items stream, bounded by the caller: the first five.
    let mut items = c.items(list);
    let mut five = Vec::new();
    while five.len() < 5 {
        five.push(items.next_item().await.unwrap().unwrap().id.unwrap());
    }
    assert_eq!(five, want[..5]);
    // `/$count` with the same filter.
    assert_eq!(c.send(&svc::people().count().filter(seed())).await.unwrap(), 12);
}

#[tokio::test]
async fn query_options_shape_the_answer() {
    let c = client();
    let page = c
        .send(
            &svc::people()
                .list()
                .filter(seed() & People::DISPLAY_NAME.contains("a") & People::AGE.ge(30))
                .select((People::ID, People::DISPLAY_NAME))
                .order_by(People::AGE.desc())
                .skip(1)
                .top(2),
        )
        .await
        .unwrap();
    let names: Vec<&str> = page.value.iter().map(|p| p.display_name.as_deref().unwrap()).collect();
    // Ages descending of seed people with an `a` (any case is what CAP's
    // contains does not do: it is case-sensitive) and age >= 30, second and third.
    assert_eq!(page.value.len(), 2, "{names:?}");
    for p in &page.value {
        assert!(p.display_name.as_deref().unwrap().contains('a'));
        assert!(p.age.is_none(), "`$select` leaves `age` out");
        assert!(p.job_title.is_none());
    }
    let all = c
        .send(
            &svc::people()
                .list()
                .filter(seed() & People::DISPLAY_NAME.contains("a") & People::AGE.ge(30))
                .order_by(People::AGE.desc()),
        )
        .await
        .unwrap();
    let ids: Vec<&str> = all.value.iter().map(|p| p.id.as_deref().unwrap()).collect();
    assert_eq!(page.value.iter().map(|p| p.id.as_deref().unwrap()).collect::<Vec<_>>(), ids[1..3].to_vec());

    // `in`, `eq null`, a lambda, a date comparison.
    let some = c
        .send(&svc::people().list().filter(People::ID.is_in(["p1", "p3", "nope"])).order_by(People::ID))
        .await
        .unwrap();
    assert_eq!(some.value.iter().map(|p| p.id.clone().unwrap()).collect::<Vec<_>>(), ["p1", "p3"]);
    let untitled = c.send(&svc::people().list().filter(seed() & People::JOB_TITLE.is_null())).await.unwrap();
    assert!(untitled.value.iter().any(|p| p.id.as_deref() == Some("p5")));
    assert!(untitled.value.iter().all(|p| p.job_title.is_none()));
    let oncall = c.send(&svc::people().list().filter(seed() & People::TAGS.any(|t| t.eq("oncall")))).await.unwrap();
    assert!(oncall.value.iter().any(|p| p.id.as_deref() == Some("p4")));
    assert!(oncall.value.iter().all(|p| p.tags.iter().any(|t| t.as_deref() == Some("oncall"))));
    let young = c
        .send(
            &svc::people()
                .list()
                .filter(seed() & People::BIRTHDAY.gt(Date::parse("1995-01-01").unwrap()))
                .order_by(People::ID),
        )
        .await
        .unwrap();
    assert!(young.value.iter().all(|p| p.birthday.as_ref().unwrap().as_str() > "1995-01-01"));
    assert!(young.value.iter().any(|p| p.id.as_deref() == Some("p4")));

    // `$expand` with nested options, and `$search`.
    let group = c
        .send(&svc::groups().key("g1").get().expand_with(Groups::MEMBERS, |e| {
            e.select((People::ID, People::DISPLAY_NAME)).filter(seed()).order_by(People::ID).top(2)
        }))
        .await
        .unwrap();
    let members: Vec<&str> = group.members.iter().map(|p| p.id.as_deref().unwrap()).collect();
    let all = c.send(&svc::groups().key("g1").members().list().filter(seed()).order_by(People::ID)).await.unwrap();
    let first_two: Vec<&str> = all.value.iter().take(2).map(|p| p.id.as_deref().unwrap()).collect();
    assert_eq!(members, first_two);
    assert!(group.members.iter().all(|p| p.age.is_none()), "nested `$select`");
    let found = c.send(&svc::people().list().search("Carol")).await.unwrap();
    assert!(found.value.iter().any(|p| p.id.as_deref() == Some("p3")));
}

#[tokio::test]
async fn update_to_null_replace_and_delete() {
    let c = client();
    let p = person(&c, "update", &["x"]).await;
    let etag = p.extra.get("@odata.etag").and_then(|v| v.as_str()).expect("CAP sends @odata.etag").to_owned();
    // The metadata says changes to `people` need an ETag: without one the
    // request is refused before it is sent.
    let changes = Changes::new().null(People::JOB_TITLE).set(People::AGE, 40);
    let update = svc::people().key(&id("update")).update(&changes);
    assert!(matches!(c.send(&update).await, Err(ClientError::Request(RequestError::ETagRequired { .. }))));
    // Sent anyway, the service says the same: 428.
    assert!(
        matches!(c.send(&update.clone().unchecked()).await, Err(ClientError::Precondition { status, .. }) if status == 428)
    );
    c.send(&update.if_match(&etag)).await.unwrap();
    let back = read(&c, &id("update")).await;
    assert_eq!((back.job_title.clone(), back.age), (None, Some(40)));
    assert_eq!(back.display_name.as_deref(), Some("Test update"), "left alone");
    assert!(back.extra.explicit(2).is_some(), "the service sends jobTitle as null, and the crate remembers it");
    // The ETag read first is stale now: 412, and nothing changes.
    let stale = svc::people().key(&id("update")).update(&Changes::new().set(People::JOB_TITLE, "Nope")).if_match(&etag);
    match c.send(&stale).await {
        Err(ClientError::Precondition { status, .. }) => assert_eq!(status, 412),
        other => panic!("{other:?}"),
    }
    assert_eq!(read(&c, &id("update")).await.job_title, None);
    // A conditional read with the current ETag: not modified.
    let current = back.extra.get("@odata.etag").and_then(|v| v.as_str()).unwrap().to_owned();
    let conditional = c.send(&svc::people().key(&id("update")).get().if_none_match(&current)).await.unwrap();
    assert_eq!(conditional, Conditional::NotModified);
    let changed = c.send(&svc::people().key(&id("update")).get().if_none_match("W/\"old\"")).await.unwrap();
    assert!(matches!(changed, Conditional::Modified(p) if p.age == Some(40)));
    // Replace: what the value does not hold is reset.
    let replacement =
        People { display_name: Some("Replaced".into()), tags: vec![Some("y".into())], ..Default::default() };
    c.send(&svc::people().key(&id("update")).replace(&replacement).if_match_of(&back)).await.unwrap();
    let replaced = read(&c, &id("update")).await;
    assert_eq!(replaced.display_name.as_deref(), Some("Replaced"));
    assert_eq!(replaced.age, None);
    assert_eq!(replaced.tags, vec![Some("y".to_owned())]);
    // Delete with the entity's ETag; then it is gone.
    c.send(&svc::people().key(&id("update")).delete().if_match_of(&replaced)).await.unwrap();
    match c.send(&svc::people().key(&id("update")).get()).await {
        Err(ClientError::OData { status, .. }) => assert_eq!(status, 404),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn references_are_added_and_removed() {
    let c = client();
    person(&c, "ref-a", &[]).await;
    person(&c, "ref-b", &[]).await;
    let group = Groups { id: Some(id("ref-group")), display_name: Some("Refs".into()), ..Default::default() };
    c.send(&svc::groups().create(&group)).await.unwrap();
    let members = svc::groups().key(&id("ref-group")).members();
    c.send(&members.add_ref(&svc::people().key(&id("ref-a")))).await.unwrap();
    c.send(&members.add_ref(&svc::people().key(&id("ref-b")))).await.unwrap();
    let ids =
        |page: cap_graph::runtime::Page<People>| page.value.into_iter().map(|p| p.id.unwrap()).collect::<Vec<_>>();
    assert_eq!(ids(c.send(&members.list().order_by(People::ID)).await.unwrap()), [id("ref-a"), id("ref-b")]);
    // Removed by key, then by `$id`.
    c.send(&members.key(&id("ref-a")).delete_ref()).await.unwrap();
    assert_eq!(ids(c.send(&members.list()).await.unwrap()), [id("ref-b")]);
    c.send(&members.remove_ref(&svc::people().key(&id("ref-b")))).await.unwrap();
    assert!(ids(c.send(&members.list()).await.unwrap()).is_empty());
    // A single-valued one: the manager.
    let manager = svc::people().key(&id("ref-a")).manager();
    c.send(&manager.set_ref(&svc::people().key(&id("ref-b")))).await.unwrap();
    let boss: People = c.send(&manager.get()).await.unwrap();
    assert_eq!(boss.id.as_deref(), Some(id("ref-b").as_str()));
    c.send(&manager.delete_ref()).await.unwrap();
    assert_eq!(read(&c, &id("ref-a")).await.manager_id, None);
}

#[tokio::test]
async fn a_batch_answers_each_member() {
    let c = client();
    person(&c, "batch", &[]).await;
    let mut batch = Batch::new();
    let count = batch.add(&svc::people().count().filter(seed())).unwrap();
    let missing = batch.add(&svc::people().key(&id("does-not-exist")).get()).unwrap();
    let change = batch
        .add(&svc::people().key(&id("batch")).update(&Changes::new().set(People::JOB_TITLE, "Batched")).if_match_any())
        .unwrap();
    let group = Groups { id: Some(id("batch-group")), display_name: Some("Batch".into()), ..Default::default() };
    let created = batch.add_as(&svc::groups().create(&group), Membership::id("g")).unwrap();
    let after =
        batch.add_as(&svc::groups().key(&id("batch-group")).get(), Membership::id("after").after(&created)).unwrap();
    let answers = c.send(&batch).await.unwrap();
    assert_eq!(answers.get(&count).unwrap(), 12);
    assert!(matches!(answers.get(&missing), Err(ResponseError::OData { status, .. }) if status == 404));
    // CAP answers a PATCH with the entity (others with 204: `None`).
    let changed = answers.get(&change).unwrap();
    assert!(changed.is_none_or(|p| p.job_title.as_deref() == Some("Batched")));
    assert!(matches!(answers.get(&created).unwrap(), cap_graph::runtime::response::Created::Entity(_)));
    assert_eq!(answers.get(&after).unwrap().display_name.as_deref(), Some("Batch"));
    // The state, read back outside the batch.
    assert_eq!(read(&c, &id("batch")).await.job_title.as_deref(), Some("Batched"));
    let g: Groups = c.send(&svc::groups().key(&id("batch-group")).get()).await.unwrap();
    assert_eq!(g.display_name.as_deref(), Some("Batch"));
    // An empty batch is refused before anything is sent.
    assert!(matches!(c.send(&Batch::new()).await, Err(ClientError::Request(RequestError::Batch(_)))));
}

/// The same service in a `multipart/mixed` batch (the OData 4.0 format):
/// reads in order, a change set that succeeds, and a change set whose
/// second member fails, so that its first is undone too.
#[tokio::test]
async fn a_multipart_batch_with_change_sets() {
    let c = client();
    let mut batch = Batch::multipart();
    let count = batch.add(&svc::people().count().filter(seed())).unwrap();
    let missing = batch.add(&svc::people().key(&id("mp-does-not-exist")).get()).unwrap();
    let group = |name: &str| Groups { id: Some(id(name)), display_name: Some(name.into()), ..Default::default() };
    let a = batch.add_as(&svc::groups().create(&group("mp-a")), Membership::id("a").in_group("ok")).unwrap();
    let b = batch.add_as(&svc::groups().create(&group("mp-b")), Membership::id("b").in_group("ok")).unwrap();
    // `mp-a` again: the key is taken, so the change set fails as a whole.
    let c1 = batch.add_as(&svc::groups().create(&group("mp-c")), Membership::id("c").in_group("bad")).unwrap();
    let c2 = batch.add_as(&svc::groups().create(&group("mp-a")), Membership::id("d").in_group("bad")).unwrap();
    let request = cap_graph::runtime::request::Exchange::to_request(&batch, &root()).unwrap();
    assert!(request.headers()["content-type"].to_str().unwrap().starts_with("multipart/mixed; boundary="));
    let answers = c.send(&batch.continue_on_error()).await.unwrap();
    assert_eq!(answers.get(&count).unwrap(), 12);
    assert_eq!(answers.get(&missing).unwrap_err().status(), 404);
    for created in [&a, &b] {
        assert!(matches!(answers.get(created).unwrap(), cap_graph::runtime::response::Created::Entity(_)));
    }
    assert!(answers.get(&c1).is_err() || answers.get(&c2).is_err(), "{:?}", answers.answers());
    assert!(answers.get(&c2).is_err());
    // Read back outside the batch: the first change set is there, nothing
    // of the second.
    for name in ["mp-a", "mp-b"] {
        let g: Groups = c.send(&svc::groups().key(&id(name)).get()).await.unwrap();
        assert_eq!(g.display_name.as_deref(), Some(name));
    }
    match c.send(&svc::groups().key(&id("mp-c")).get()).await {
        Err(ClientError::OData { status, .. }) => assert_eq!(status, 404, "the failed change set was undone"),
        other => panic!("expected 404 for mp-c, got {other:?}"),
    }
}

#[tokio::test]
async fn bound_and_unbound_operations() {
    let c = client();
    person(&c, "ops", &["ops-a"]).await;
    let me = svc::people().key(&id("ops"));
    // A bound action with a complex and a collection parameter (CAP wants
    // an ETag for actions of `people` too).
    let promoted = c
        .send(
            &me.promote(&PeoplePromoteParams {
                title: Some("Lead".into()),
                tags: vec!["ops-b".into()],
                address: Some(Address {
                    city: Some("Oslo".into()),
                    street: Some("Karl Johans gate 1".into()),
                    ..Default::default()
                }),
            })
            .if_match_any(),
        )
        .await
        .unwrap()
        .expect("promote returns the person");
    assert_eq!(promoted.job_title.as_deref(), Some("Lead"));
    let back = read(&c, &id("ops")).await;
    assert_eq!(back.tags, vec![Some("ops-a".into()), Some("ops-b".into())]);
    assert_eq!(back.address_city.as_deref(), Some("Oslo"));
    // An action without parameters or result changes the ETag.
    c.send(&me.touch().if_match_any()).await.unwrap();
    assert_ne!(read(&c, &id("ops")).await.extra.get("@odata.etag"), back.extra.get("@odata.etag"));
    // A bound function with an optional parameter, given and left out.
    assert_eq!(c.send(&me.greeting(Some("Hi"))).await.unwrap().as_deref(), Some("Hi, Test ops!"));
    assert_eq!(c.send(&me.greeting(None)).await.unwrap().as_deref(), Some("Hello, Test ops!"));
    // Collection-bound: an action and a function with a complex parameter.
    let renamed = c
        .send(
            &svc::people()
                .retag(&PeopleCollectionRetagParams { from: Some("ops-a".into()), to: Some("ops-c".into()) })
                .if_match_any(),
        )
        .await
        .unwrap();
    assert_eq!(renamed, Some(1));
    assert!(read(&c, &id("ops")).await.tags.contains(&Some("ops-c".into())));
    let like = Address { city: Some("Oslo".into()), ..Default::default() };
    let addresses = c.send(&svc::people().addresses(Some(&like))).await.unwrap();
    assert!(addresses.value.iter().all(|a| a.city.as_deref() == Some("Oslo")));
    assert!(addresses.value.iter().any(|a| a.street.as_deref() == Some("Karl Johans gate 1")));
    // The unbound ones: an action import with complex and collection
    // parameters, a function import with a collection parameter.
    let hired = c
        .send(&svc::hire(&HireParams {
            display_name: Some("Hired".into()),
            tags: vec![id("hire-x"), id("hire-y")],
            address: Some(Address { city: Some("Bergen".into()), ..Default::default() }),
            manager: Some(id("ops")),
        }))
        .await
        .unwrap()
        .expect("hire returns the person");
    let hired_id = hired.id.clone().unwrap();
    let stored = read(&c, &hired_id).await;
    assert_eq!(
        (stored.address_city.as_deref(), stored.manager_id.as_deref()),
        (Some("Bergen"), Some(id("ops").as_str()))
    );
    let found = c.send(&svc::people_in(Some("Bergen"), &[id("hire-x"), id("hire-y")])).await.unwrap();
    assert_eq!(found.value.iter().map(|p| p.id.clone().unwrap()).collect::<Vec<_>>(), [hired_id]);
    let none = c.send(&svc::people_in(Some("Bergen"), &[id("hire-x"), "nobody-has-this".into()])).await.unwrap();
    assert!(none.value.is_empty());
    // A failed operation is a typed error.
    let missing = svc::people().key(&id("nobody")).greeting(None);
    assert!(matches!(c.send(&missing).await, Err(ClientError::OData { status, .. }) if status == 404));
}

#[tokio::test]
async fn media_content_round_trips() {
    let c = client();
    let photo = cap_graph::microsoft_graph::Photos { id: Some(id("photo")), ..Default::default() };
    c.send(&svc::photos().create(&photo)).await.unwrap();
    let content = svc::photos().key(&id("photo")).content();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    c.send(&content.put("image/png", bytes.clone())).await.unwrap();
    let media = c.send(&content.get()).await.unwrap();
    assert_eq!(media.bytes, bytes);
    assert_eq!(media.content_type.as_deref().map(|t| t.split(';').next().unwrap()), Some("image/png"));
    // The seed row's content.
    let seed = c.send(&svc::photos().key("ph1").content().get()).await.unwrap();
    assert_eq!(seed.bytes, b"Hello, photo!");
}
