//! The client against a scripted local HTTP server: retries of throttled
//! requests (and the refusal to retry what is not idempotent), paging
//! through next links with the first request's headers, and the CSRF
//! tokens of OData v2 changes and batches.
#![cfg(feature = "client")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use odata_runtime::client::{Client, ClientError, RetryPolicy};
use odata_runtime::expect::{NoContent, Values};
use odata_runtime::http::Method;
use odata_runtime::request::{Path, Request, ServiceRoot};

/// A server that answers each connection with the next scripted answer
/// (status, extra headers, body) and records each request's head.
fn serve(script: Vec<(u16, Vec<(&'static str, String)>, String)>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/svc", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for (status, headers, body) in script {
            let Ok((stream, _)) = listener.accept() else { return };
            let mut reader = BufReader::new(stream);
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                head.push_str(&line);
            }
            let mut body_in = vec![0; length];
            let _ = reader.read_exact(&mut body_in);
            log.lock().unwrap().push(head);
            let mut stream = reader.into_inner();
            let mut answer = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n", body.len());
            for (name, value) in headers {
                answer.push_str(&format!("{name}: {value}\r\n"));
            }
            answer.push_str("\r\n");
            answer.push_str(&body);
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    (url, seen)
}

fn client(url: &str, retry: RetryPolicy) -> Client {
    Client::builder(ServiceRoot::new(url).unwrap()).timeout(Duration::from_secs(10)).retry(retry).build().unwrap()
}

fn quick() -> RetryPolicy {
    RetryPolicy { max_retries: 2, base_delay: Duration::from_millis(10), max_wait: Duration::from_secs(2) }
}

fn throttled() -> (u16, Vec<(&'static str, String)>, String) {
    (429, vec![("retry-after", "0".into())], r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#.into())
}

#[tokio::test]
async fn idempotent_requests_are_retried_after_throttling() {
    let (url, seen) = serve(vec![throttled(), (503, vec![], String::new()), (204, vec![], String::new())]);
    let delete = Request::new(Method::DELETE, Path::root("items").key(&1), NoContent);
    client(&url, quick()).send(&delete).await.unwrap();
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn retries_are_bounded() {
    let (url, seen) = serve(vec![throttled(), throttled(), throttled(), (204, vec![], String::new())]);
    let get = Request::new(Method::GET, Path::root("items"), NoContent);
    match client(&url, quick()).send(&get).await {
        Err(ClientError::OData { status, error }) => {
            assert_eq!(status, 429);
            assert_eq!(error.code, "TooManyRequests");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(seen.lock().unwrap().len(), 3, "one try and two retries");
}

#[tokio::test]
async fn non_idempotent_requests_are_not_retried_unless_marked() {
    let (url, seen) = serve(vec![throttled(), throttled(), (204, vec![], String::new())]);
    let c = client(&url, quick());
    let post = Request::new(Method::POST, Path::root("items"), NoContent).with_json(&serde_json::json!({}));
    assert!(matches!(c.send(&post).await, Err(ClientError::OData { .. })));
    assert_eq!(seen.lock().unwrap().len(), 1);
    c.send(&post.retry_safe()).await.unwrap();
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn long_waits_and_the_off_switch_give_up_at_once() {
    let long = (429, vec![("retry-after", "3600".to_owned())], String::new());
    let (url, seen) = serve(vec![long, throttled()]);
    let get = Request::new(Method::GET, Path::root("items"), NoContent);
    assert!(client(&url, quick()).send(&get).await.is_err());
    assert!(client(&url, RetryPolicy::NEVER).send(&get).await.is_err());
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn pages_follow_next_links_with_the_same_headers() {
    // Relative next links are resolved against the root, as CAP sends them.
    let (url, seen) = serve(vec![
        (200, vec![], r#"{"value":[1,2],"@odata.nextLink":"items?$skiptoken=2"}"#.into()),
        (200, vec![], r#"{"value":[3],"@odata.nextLink":"items?$skiptoken=3"}"#.into()),
        (200, vec![], r#"{"value":[],"@odata.deltaLink":"items?$deltatoken=9"}"#.into()),
    ]);
    let first: Request<Values<i32>> =
        Request::new(Method::GET, Path::root("items"), Values::default()).header("ConsistencyLevel", "eventual");
    let c = client(&url, quick());
    let mut items = c.items(first);
    let mut got = Vec::new();
    while let Some(item) = items.next_item().await {
        got.push(item.unwrap());
    }
    assert_eq!(got, [1, 2, 3]);
    assert_eq!(items.pages().delta_link(), Some("items?$deltatoken=9"));
    let heads = seen.lock().unwrap();
    assert_eq!(heads.len(), 3);
    assert!(heads[1].starts_with("GET /svc/items?$skiptoken=2 "), "{}", heads[1]);
    assert!(heads.iter().all(|h| h.to_ascii_lowercase().contains("consistencylevel: eventual")), "{heads:?}");
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_its_error() {
    let (url, _) = serve(vec![
        (200, vec![], r#"{"value":[1],"@odata.nextLink":"items?$skiptoken=1"}"#.into()),
        (500, vec![], r#"{"error":{"code":"boom","message":"down"}}"#.into()),
    ]);
    let first: Request<Values<i32>> = Request::new(Method::GET, Path::root("items"), Values::default());
    let c = client(&url, RetryPolicy::NEVER);
    let mut pages = c.pages(first);
    assert_eq!(pages.next_page().await.unwrap().unwrap().value, [1]);
    assert!(matches!(pages.next_page().await, Some(Err(ClientError::OData { .. }))));
    assert!(pages.next_page().await.is_none());
}

/// OData v2 (SAP Gateway): a change fetches the CSRF token first and sends
/// it with the session cookie; when the service says the token expired
/// (`403`, `X-CSRF-Token: Required`), a new one is fetched and the change
/// sent once more; reads carry no token and fetch nothing.
#[tokio::test]
async fn v2_changes_carry_a_csrf_token_fetched_when_needed() {
    let (url, seen) = serve(vec![
        (
            200,
            vec![("x-csrf-token", "T1".into()), ("set-cookie", "SAP_SESSIONID=s1; path=/; HttpOnly".into())],
            "{}".into(),
        ),
        (204, vec![], String::new()),
        (403, vec![("x-csrf-token", "Required".into())], String::new()),
        (200, vec![("x-csrf-token", "T2".into()), ("set-cookie", "SAP_SESSIONID=s2; path=/".into())], "{}".into()),
        (204, vec![], String::new()),
        (200, vec![], r#"{"d":{"results":[7]}}"#.into()),
    ]);
    let c = client(&url, RetryPolicy::NEVER);
    let delete = Request::new(Method::DELETE, Path::root_v2("Orders").key(&1), NoContent);
    c.send(&delete).await.unwrap();
    c.send(&delete).await.unwrap();
    let read: Request<Values<i32>> = Request::new(Method::GET, Path::root_v2("Numbers"), Values::default());
    assert_eq!(c.send(&read).await.unwrap().value, [7]);
    let heads: Vec<String> = seen.lock().unwrap().iter().map(|h| h.to_ascii_lowercase()).collect();
    assert_eq!(heads.len(), 6, "{heads:?}");
    assert!(heads[0].starts_with("get /svc/ ") && heads[0].contains("x-csrf-token: fetch"), "{}", heads[0]);
    assert!(heads[1].starts_with("delete /svc/orders(1) "), "{}", heads[1]);
    assert!(heads[1].contains("x-csrf-token: t1") && heads[1].contains("cookie: sap_sessionid=s1"), "{}", heads[1]);
    assert!(heads[1].contains("maxdataserviceversion: 2.0"), "{}", heads[1]);
    // The token kept from the first fetch, refused; fetched again; resent.
    assert!(heads[2].contains("x-csrf-token: t1"), "{}", heads[2]);
    assert!(heads[3].contains("x-csrf-token: fetch"), "{}", heads[3]);
    assert!(heads[4].contains("x-csrf-token: t2") && heads[4].contains("cookie: sap_sessionid=s2"), "{}", heads[4]);
    assert!(!heads[5].contains("x-csrf-token"), "{}", heads[5]);
}

/// A second `403 … Required` is the service's answer, not a reason to
/// loop: the change is sent at most twice.
#[tokio::test]
async fn v2_csrf_is_refetched_once() {
    let required = || {
        (
            403,
            vec![("x-csrf-token", "Required".to_owned())],
            r#"{"error":{"code":"403","message":{"lang":"en","value":"CSRF token validation failed"}}}"#.to_owned(),
        )
    };
    let (url, seen) = serve(vec![
        (200, vec![("x-csrf-token", "T1".into())], "{}".into()),
        required(),
        (200, vec![("x-csrf-token", "T2".into())], "{}".into()),
        required(),
    ]);
    let c = client(&url, RetryPolicy::NEVER);
    let delete = Request::new(Method::DELETE, Path::root_v2("Orders").key(&1), NoContent);
    match c.send(&delete).await {
        Err(ClientError::OData { status, error }) => {
            assert_eq!(status, 403);
            assert_eq!(error.message, "CSRF token validation failed");
        }
        other => panic!("expected the 403, got {other:?}"),
    }
    assert_eq!(seen.lock().unwrap().len(), 4);
}

/// A v2 `$batch` is a change as far as SAP Gateway is concerned: the
/// client fetches a CSRF token before it and sends it with the batch, and
/// the multipart answer is read member by member.
#[tokio::test]
async fn a_v2_batch_carries_a_csrf_token() {
    let answer = "--r\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n{\"d\":{\"results\":[7]}}\r\n\
                  --r\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n\
                  --c\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n\r\n--c--\r\n--r--\r\n";
    let (url, seen) = serve(vec![
        (200, vec![("x-csrf-token", "T1".into())], "{}".into()),
        (202, vec![("content-type", "multipart/mixed; boundary=r".into())], answer.into()),
    ]);
    let c = client(&url, RetryPolicy::NEVER);
    let mut batch = odata_runtime::batch::Batch::new();
    let read: Request<Values<i32>> = Request::new(Method::GET, Path::root_v2("Numbers"), Values::default());
    let numbers = batch.add(&read).unwrap();
    let delete = Request::new(Method::DELETE, Path::root_v2("Orders").key(&1), NoContent);
    let deleted = batch.add_as(&delete, odata_runtime::batch::Membership::id("d").in_group("g")).unwrap();
    let answers = c.send(&batch).await.unwrap();
    assert_eq!(answers.get(&numbers).unwrap().value, [7]);
    answers.get(&deleted).unwrap();
    let heads: Vec<String> = seen.lock().unwrap().iter().map(|h| h.to_ascii_lowercase()).collect();
    assert_eq!(heads.len(), 2, "{heads:?}");
    assert!(heads[0].contains("x-csrf-token: fetch"), "{}", heads[0]);
    assert!(heads[1].starts_with("post /svc/$batch "), "{}", heads[1]);
    assert!(heads[1].contains("x-csrf-token: t1"), "{}", heads[1]);
    assert!(heads[1].contains("content-type: multipart/mixed; boundary=batch_odata"), "{}", heads[1]);
}
