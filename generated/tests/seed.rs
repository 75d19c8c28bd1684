//! The seed page's test vectors against the generated crate, used the way
//! a downstream crate uses it.

use graph_seed::microsoft_graph::{Security, SecurityProviderStatus, any, graph_service};
use graph_seed::runtime::Structured;
use graph_seed::runtime::http::{self, StatusCode};
use graph_seed::runtime::request::ServiceRoot;
use graph_seed::runtime::response::{Created, ResponseError};
use graph_seed::runtime::serde_json::{self, Value, json};

/// A message from the page: request or status line, headers, JSON body.
struct Message {
    start_line: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn parse(text: &str) -> Message {
    let (head, body) = text.split_once("\n\n").expect("a blank line ends the headers");
    let mut lines = head.lines();
    let start_line = lines.next().expect("a start line").to_owned();
    let headers = lines
        .map(|l| {
            let (name, value) = l.split_once(':').expect("a header");
            (name.trim().to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    Message { start_line, headers, body: body.to_owned() }
}

fn request() -> Message {
    parse(include_str!("fixtures/create_security_request.http"))
}

fn response() -> Message {
    parse(include_str!("fixtures/create_security_response.http"))
}

fn header<'m>(m: &'m Message, name: &str) -> &'m str {
    &m.headers.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name} header")).1
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn fixtures_are_the_pages_messages() {
    // The page's Content-Length values are its pretty-printed bodies with
    // CRLF line ends: the fixtures are the page's bytes.
    for (m, len) in [(request(), 320), (response(), 369)] {
        assert_eq!(header(&m, "content-length"), len.to_string());
        assert_eq!(m.body.trim_end().replace('\n', "\r\n").len(), len);
    }
}

#[test]
fn request_body_round_trips() {
    let body = request().body;
    let security: Security = serde_json::from_str(&body).unwrap();
    let status = security.provider_status[0].as_ref().expect("one status");
    assert_eq!(status.enabled, Some(true));
    assert_eq!(status.endpoint.as_deref(), Some("Endpoint value"));
    assert_eq!(status.vendor.as_deref(), Some("Vendor value"));
    // Both forms of `@odata.type` are kept: with `#` on the entity, without
    // it on the complex value.
    assert_eq!(security.extra.get("@odata.type"), Some(&json!("#microsoft.graph.security")));
    assert_eq!(status.extra.get("@odata.type"), Some(&json!("microsoft.graph.securityProviderStatus")));
    assert_eq!(security.id, None);
    assert_eq!(serde_json::to_value(&security).unwrap(), json_of(&body));
}

#[test]
fn response_body_round_trips() {
    let body = response().body;
    let security: Security = serde_json::from_str(&body).unwrap();
    assert_eq!(security.id.as_deref(), Some("2026c75e-c75e-2026-5ec7-26205ec72620"));
    assert_eq!(security.provider_status.len(), 1);
    assert_eq!(serde_json::to_value(&security).unwrap(), json_of(&body));
    // Through the base type's polymorphic enum, `@odata.type` picks the type.
    let entity: any::Entity = serde_json::from_str(&body).unwrap();
    assert!(matches!(&entity, any::Entity::Security(s) if **s == security), "{entity:?}");
    assert_eq!(serde_json::to_value(&entity).unwrap(), json_of(&body));
}

#[test]
fn create_request_matches_the_page() {
    let page = request();
    let body: Security = serde_json::from_str(&page.body).unwrap();
    // The page's URL is the service root followed by a placeholder for the
    // collection it could not find; the metadata names it: `security`.
    let (method, url) = page.start_line.split_once(' ').unwrap();
    let root = url.split("**").next().unwrap();
    assert_eq!(root, "https://graph.microsoft.com/localtest");
    let root = ServiceRoot::new(root).unwrap();

    let create = graph_service::security().create(&body);
    let req = create.to_request(&root).unwrap();
    assert_eq!(req.method().as_str(), method);
    assert_eq!(req.uri().to_string(), "https://graph.microsoft.com/localtest/security");
    assert_eq!(req.headers()["content-type"], header(&page, "content-type"));
    assert_eq!(req.headers()["content-length"], req.body().len().to_string().as_str());
    assert!(!req.headers().contains_key("authorization"), "authorization is the caller's");
    let sent: Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(sent, json_of(&page.body));
}

#[test]
fn the_configured_service_root_is_in_the_crate() {
    assert_eq!(graph_seed::SERVICE_ROOT, "https://graph.microsoft.com/v1.0");
    let req = graph_service::security().create(&Security::default()).to_request(&graph_seed::service_root()).unwrap();
    assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/security");
}

#[test]
fn create_request_from_code_sends_only_what_is_set() {
    let body = Security {
        provider_status: vec![Some(SecurityProviderStatus {
            enabled: Some(true),
            provider: Some("Provider value".into()),
            ..Default::default()
        })],
        ..Default::default()
    };
    let req = graph_service::security().create(&body).to_request(&ServiceRoot::new("https://h/v1.0").unwrap()).unwrap();
    let sent: Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(sent, json!({"providerStatus": [{"enabled": true, "provider": "Provider value"}]}));
    // A property can be cleared on purpose: an explicit null.
    let mut status = SecurityProviderStatus::default();
    assert!(status.write_empty("region"));
    assert!(!status.write_empty("nope"));
    assert_eq!(serde_json::to_value(&status).unwrap(), json!({"region": null}));
}

fn response_with(status: StatusCode, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn created_response_gives_the_pages_object() {
    let page = response();
    assert_eq!(page.start_line, "HTTP/1.1 201 Created");
    let expected: Security = serde_json::from_str(&page.body).unwrap();
    let create = graph_service::security().create(&expected);
    let resp = response_with(StatusCode::CREATED, &[("content-type", "application/json")], &page.body);
    assert_eq!(create.parse_response(&resp).unwrap(), Created::Entity(expected));
}

#[test]
fn no_content_response_gives_the_location() {
    let create = graph_service::security().create(&Security::default()).prefer_minimal();
    let root = ServiceRoot::new("https://graph.microsoft.com/localtest").unwrap();
    assert_eq!(create.to_request(&root).unwrap().headers()["prefer"], "return=minimal");
    let location = "https://graph.microsoft.com/localtest/security('2026c75e')";
    let resp = response_with(StatusCode::NO_CONTENT, &[("location", location)], "");
    assert_eq!(create.parse_response(&resp).unwrap(), Created::Location { location: location.into(), entity_id: None });
}

#[test]
fn bad_request_gives_a_typed_error() {
    let create = graph_service::security().create(&Security::default());
    let body = r#"{"error":{"code":"BadRequest","message":"Invalid value for 'enabled'.","target":"providerStatus/0/enabled","innererror":{"request-id":"x"}}}"#;
    let resp = response_with(StatusCode::BAD_REQUEST, &[("content-type", "application/json")], body);
    match create.parse_response(&resp) {
        Err(ResponseError::OData { status, error }) => {
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert_eq!(error.code, "BadRequest");
            assert_eq!(error.message, "Invalid value for 'enabled'.");
            assert_eq!(error.target.as_deref(), Some("providerStatus/0/enabled"));
            assert_eq!(error.innererror, Some(json!({"request-id": "x"})));
        }
        other => panic!("expected an OData error, got {other:?}"),
    }
    // A body that is not an OData error keeps status and bytes.
    let resp = response_with(StatusCode::BAD_GATEWAY, &[], "<html>bad gateway</html>");
    match create.parse_response(&resp) {
        Err(ResponseError::Undecodable { status, body, .. }) => {
            assert_eq!(status, StatusCode::BAD_GATEWAY);
            assert_eq!(body, b"<html>bad gateway</html>");
        }
        other => panic!("expected an undecodable response, got {other:?}"),
    }
    // A 201 whose body is not the entity is undecodable, not a success.
    let resp = response_with(StatusCode::CREATED, &[], r#"{"providerStatus": "not a list"}"#);
    assert!(matches!(create.parse_response(&resp), Err(ResponseError::Undecodable { .. })));
}

#[test]
fn unknown_members_survive() {
    let text = r##"{"@odata.context":"$metadata#security/$entity","@odata.etag":"W/\"1\"","id":"1","providerStatus":[],"newProperty":{"a":[1,2]},"region@odata.type":"#String"}"##;
    let security: Security = serde_json::from_str(text).unwrap();
    assert!(security.provider_status.is_empty());
    assert_eq!(security.extra.get("newProperty"), Some(&json!({"a": [1, 2]})));
    assert_eq!(serde_json::to_value(&security).unwrap(), json_of(text));
    // `[]` and `null` are written back as they came; absent stays absent.
    let status: SecurityProviderStatus = serde_json::from_str(r#"{"region":null}"#).unwrap();
    assert_eq!(serde_json::to_string(&status).unwrap(), r#"{"region":null}"#);
    let security: Security = serde_json::from_str(r#"{"id":"1"}"#).unwrap();
    assert_eq!(serde_json::to_string(&security).unwrap(), r#"{"id":"1"}"#);
    // Control information comes first on output, as OData requires.
    let out = serde_json::to_string(
        &serde_json::from_str::<Security>(r##"{"id":"1","@odata.type":"#microsoft.graph.security"}"##).unwrap(),
    )
    .unwrap();
    assert!(out.starts_with(r#"{"@odata.type""#), "{out}");
    let _ = Security::QUALIFIED_NAME;
}
