//! The generated create functions against a real OData v4 service: SAP CAP
//! (`tests/odata-server/`), started by `cargo xtask test`, which passes its
//! root URL in `ODATA_TEST_SERVER`. Without it these tests fail: a live
//! test that did not run has not passed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cap_graph::microsoft_graph::{Security, SecurityProviderStatus, entity_container};
use cap_graph::runtime::client::{Client, ClientError, TransportKind};
use cap_graph::runtime::request::ServiceRoot;
use cap_graph::runtime::response::{self, Created};
use cap_graph::runtime::serde_json::{self, Value, json};

fn root() -> ServiceRoot {
    let url = std::env::var("ODATA_TEST_SERVER").unwrap_or_else(|_| {
        panic!("ODATA_TEST_SERVER is not set: these tests need the CAP test service; run them with `cargo xtask test`")
    });
    ServiceRoot::new(&url).expect("ODATA_TEST_SERVER is a URL")
}

fn client() -> Client {
    Client::builder(root()).timeout(Duration::from_secs(30)).header("x-test-suite", "live").build().unwrap()
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed page's example request body.
fn seed_body() -> Security {
    let page =
        std::fs::read_to_string(workspace().join("generated/tests/fixtures/create_security_request.http")).unwrap();
    let body = &page[page.find('{').unwrap()..];
    serde_json::from_str(body).unwrap()
}

/// `enabled`, `endpoint`, `provider`, `region`, `vendor`.
type Status = (Option<bool>, Option<String>, Option<String>, Option<String>, Option<String>);

fn statuses(s: &Security) -> Vec<Status> {
    s.provider_status
        .iter()
        .map(|p| {
            let p = p.as_ref().unwrap();
            (p.enabled, p.endpoint.clone(), p.provider.clone(), p.region.clone(), p.vendor.clone())
        })
        .collect()
}

/// 1. The generator run on the live `$metadata` writes exactly the committed
///    crate (which the workspace compiles), so a change in what the service
///    publishes is noticed.
#[tokio::test]
async fn live_metadata_generates_the_committed_crate() {
    let client = client();
    let request = cap_graph::runtime::http::Request::get(format!("{}/$metadata", client.root()))
        .header("accept", "application/xml")
        .body(Vec::new())
        .unwrap();
    let response = client.send_http(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let live = workspace().join("target/live-metadata.xml");
    std::fs::write(&live, response.body()).unwrap();
    let loaded = odata_codegen::config::load(&workspace().join("tests/odata-server/codegen.toml")).unwrap();
    let generation = odata_codegen::generate_bytes("metadata.xml", response.body().clone(), &loaded.config)
        .unwrap_or_else(|f| panic!("the live $metadata does not generate:\n{}", f.render()));
    let problems = odata_codegen::write::check(loaded.output.as_ref().unwrap(), &generation.files);
    let listed: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "the service's $metadata changed (saved in {}): copy it to tests/odata-server/metadata.xml and run `cargo xtask regenerate`:\n{}",
        live.display(),
        listed.join("\n")
    );
}

/// 2. The seed's example body: `201`, the server assigns `id`, the
///    statuses come back intact, and `GET` by key returns the same entity.
#[tokio::test]
async fn create_then_read_back() {
    let client = client();
    let body = seed_body();
    let created = match client.send(&entity_container::security().create(&body)).await.unwrap() {
        Created::Entity(s) => s,
        other => panic!("expected 201 with the entity, got {other:?}"),
    };
    let id = created.id.clone().expect("the server assigns an id");
    assert!(!id.is_empty());
    assert_eq!(statuses(&created), statuses(&body));
    let read: Security = client.send(&entity_container::security().key(&id).get()).await.unwrap();
    assert_eq!(read.id, created.id);
    assert_eq!(statuses(&read), statuses(&body));
}

/// 3. `Prefer: return=minimal`: `204` and the new entity's location.
#[tokio::test]
async fn prefer_minimal_gives_the_location() {
    let client = client();
    let create = entity_container::security().create(&seed_body()).prefer_minimal();
    let location = match client.send(&create).await.unwrap() {
        Created::Location { location, .. } => location,
        other => panic!("expected 204 with a location, got {other:?}"),
    };
    let request = cap_graph::runtime::http::Request::get(client.root().resolve(&location))
        .header("accept", "application/json")
        .body(Vec::new())
        .unwrap();
    let response = client.send_http(request).await.unwrap();
    assert_eq!(response.status(), 200, "{location} should exist");
    let read: Security = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(statuses(&read), statuses(&seed_body()));
}

/// 4. What the service refuses comes back as typed errors.
#[tokio::test]
async fn server_errors_are_typed() {
    let client = client();
    // A wrong property type cannot be built with the generated types: the
    // body is sent by hand, and the answer read by the same parser.
    let request = cap_graph::runtime::http::Request::post(format!("{}/security", client.root()))
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&json!({"providerStatus": [{"enabled": "yes"}]})).unwrap())
        .unwrap();
    let response = client.send_http(request).await.unwrap();
    match response::parse_created::<Security>(response.status(), response.headers(), response.body()) {
        Err(response::ResponseError::OData { status, error }) => {
            assert_eq!(status, 400);
            assert!(!error.code.is_empty());
            assert!(error.target.as_deref().is_some_and(|t| t.contains("enabled")), "{error:?}");
        }
        other => panic!("expected a typed 400, got {other:?}"),
    }
    // An unknown property.
    let mut body = Security::default();
    body.extra.insert("bogus", json!(1));
    match client.send(&entity_container::security().create(&body)).await {
        Err(ClientError::OData { status, error }) => {
            assert_eq!(status, 400);
            assert!(error.message.contains("bogus"), "{error:?}");
        }
        other => panic!("expected a typed 400, got {other:?}"),
    }
    // A duplicate key: CAP answers 500 (Graph would answer 409).
    let id = format!("duplicate-{}", std::process::id());
    let body = Security { id: Some(id), ..Security::default() };
    let create = entity_container::security().create(&body);
    assert!(matches!(client.send(&create).await, Ok(Created::Entity(_))));
    match client.send(&create).await {
        Err(ClientError::OData { status, error }) => {
            assert!(status.is_server_error(), "{status}");
            assert!(!error.code.is_empty());
        }
        other => panic!("expected the server's error for a duplicate key, got {other:?}"),
    }
}

/// 5. A closed port is a connection error, quickly; a server that never
///    answers hits the configured timeout.
#[tokio::test]
async fn transport_errors() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let client = Client::builder(ServiceRoot::new(&format!("http://127.0.0.1:{port}")).unwrap()).build().unwrap();
    let started = Instant::now();
    match client.send(&entity_container::security().create(&Security::default())).await {
        Err(ClientError::Transport(t)) => assert_eq!(t.kind, TransportKind::Connect, "{t:?}"),
        other => panic!("expected a connection error, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());

    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    let keeper = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let client = Client::builder(ServiceRoot::new(&format!("http://127.0.0.1:{port}")).unwrap())
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    match client.send(&entity_container::security().create(&Security::default())).await {
        Err(ClientError::Transport(t)) => assert_eq!(t.kind, TransportKind::Timeout, "{t:?}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(500) && took < Duration::from_secs(3), "{took:?}");
    keeper.abort();
}

/// 6. A thousand creates, sixteen in flight; every one reads back with its
///    content, none lost, none twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_creates() {
    const CREATES: usize = 1000;
    const IN_FLIGHT: usize = 16;
    let client = Arc::new(client());
    let limit = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..CREATES {
        let (client, limit) = (client.clone(), limit.clone());
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await.unwrap();
            let body = Security {
                provider_status: vec![Some(SecurityProviderStatus {
                    enabled: Some(n % 2 == 0),
                    provider: Some(format!("provider {n}")),
                    ..SecurityProviderStatus::default()
                })],
                ..Security::default()
            };
            match client.send(&entity_container::security().create(&body)).await {
                Ok(Created::Entity(s)) => (n, s.id.expect("an id")),
                other => panic!("create {n}: {other:?}"),
            }
        });
    }
    let mut ids = Vec::with_capacity(CREATES);
    while let Some(result) = tasks.join_next().await {
        ids.push(result.unwrap());
    }
    let took = started.elapsed();
    let unique: HashSet<&String> = ids.iter().map(|(_, id)| id).collect();
    assert_eq!(ids.len(), CREATES);
    assert_eq!(unique.len(), CREATES, "duplicate ids");
    // Written to the process's stderr rather than with `println!`, which the
    // test harness captures and shows only when a test fails: the figure is
    // wanted from every run.
    let line = format!(
        "live load test: {CREATES} creates, {IN_FLIGHT} in flight: {took:.2?}, {:.0} creates/s\n",
        CREATES as f64 / took.as_secs_f64()
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());

    let mut reads = tokio::task::JoinSet::new();
    for (n, id) in ids {
        let (client, limit) = (client.clone(), limit.clone());
        reads.spawn(async move {
            let _permit = limit.acquire_owned().await.unwrap();
            let read: Security = client.send(&entity_container::security().key(&id).get()).await.unwrap();
            let status = read.provider_status[0].as_ref().unwrap();
            assert_eq!(status.provider.as_deref(), Some(format!("provider {n}").as_str()), "{id}");
            assert_eq!(status.enabled, Some(n % 2 == 0));
        });
    }
    while let Some(result) = reads.join_next().await {
        result.unwrap();
    }
    let _: Value = json!(null);
}
