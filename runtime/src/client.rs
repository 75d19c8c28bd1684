//! Sending requests: an async client on `reqwest` (rustls), behind the
//! `client` feature.
//!
//! The rest of the crate builds requests and reads responses without doing
//! I/O; this module moves them over the network. [`Client::send`] sends any
//! request ([`Exchange`]) and gives its typed result; [`Client::pages`] and
//! [`Client::items`] follow `@odata.nextLink` as an async stream; throttled
//! answers (`429`, `503`) are retried after their `Retry-After` when the
//! request may be sent twice ([`RetryPolicy`]). Changes to an OData v2
//! service carry the CSRF token SAP Gateway asks for, fetched when first
//! needed and again when the service says it expired.
//!
//! Errors tell apart: the request could not be built
//! ([`ClientError::Request`]), it never got an answer
//! ([`ClientError::Transport`]: refused, timed out, ...), the service
//! answered with an OData error ([`ClientError::OData`]) or a failed
//! precondition ([`ClientError::Precondition`]), or it answered something the
//! client cannot decode ([`ClientError::Undecodable`], status and body kept).
//!
//! ```
//! # use std::io::{BufRead, BufReader, Write};
//! # // A service on localhost that answers one request and hands back its head.
//! # fn serve(status: u16, body: &'static str) -> std::io::Result<(String, std::sync::mpsc::Receiver<String>)> {
//! #     let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
//! #     let url = format!("http://{}/odata", listener.local_addr()?);
//! #     let (tx, rx) = std::sync::mpsc::channel();
//! #     std::thread::spawn(move || {
//! #         let (stream, _) = listener.accept().unwrap();
//! #         let mut reader = BufReader::new(stream);
//! #         let mut head = String::new();
//! #         while reader.read_line(&mut head).unwrap() > 2 && !head.ends_with("\r\n\r\n") {}
//! #         let _ = tx.send(head);
//! #         let answer = format!(
//! #             "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
//! #             body.len()
//! #         );
//! #         reader.into_inner().write_all(answer.as_bytes()).unwrap();
//! #     });
//! #     Ok((url, rx))
//! # }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use odata_runtime::client::{Client, ClientError};
//! use odata_runtime::expect::Values;
//! use odata_runtime::http::Method;
//! use odata_runtime::request::{Path, Request, ServiceRoot};
//!
//! let tags = Request::new(Method::GET, Path::root("tags"), Values::<String>::default()).query("$top", "2");
//!
//! let (url, seen) = serve(200, r#"{"value":["a","b"]}"#)?;
//! let client = Client::builder(ServiceRoot::new(&url)?).bearer_token("secret").build()?;
//! let page = client.send(&tags).await?;
//! assert_eq!(page.value, ["a", "b"]);
//! let head = seen.recv()?.to_ascii_lowercase();
//! assert!(head.starts_with("get /odata/tags?$top=2 http/1.1\r\n"), "{head}");
//! assert!(head.contains("authorization: bearer secret\r\n"), "{head}");
//!
//! let (url, _) = serve(403, r#"{"error":{"code":"Forbidden","message":"No."}}"#)?;
//! let client = Client::builder(ServiceRoot::new(&url)?).build()?;
//! match client.send(&tags).await {
//!     Err(ClientError::OData { status, error }) => {
//!         assert_eq!(status, 403);
//!         assert_eq!(error.code, "Forbidden");
//!     }
//!     other => panic!("expected an OData error, got {other:?}"),
//! }
//! # Ok(())
//! # }
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use http::StatusCode;
use http::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};

use crate::expect::Expect;
use crate::page::Page;
use crate::request::{Exchange, Protocol, Request, RequestError, ServiceRoot};

mod csrf;
use crate::response::{ODataError, ResponseError};

/// What went wrong before the service answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportKind {
    /// The connection could not be made (refused, unreachable, DNS).
    Connect,
    /// No answer within the configured timeout.
    Timeout,
    /// Anything else on the way (connection reset, invalid response head).
    Other,
}

/// A request that did not get an answer, or did not finish.
#[derive(Debug)]
pub struct TransportError {
    /// What kind of failure.
    pub kind: TransportKind,
    /// The underlying error.
    pub source: reqwest::Error,
}

/// The error of a request sent by [`Client`].
#[derive(Debug)]
pub enum ClientError {
    /// No answer: see [`TransportError::kind`].
    Transport(TransportError),
    /// The service answered with an OData error.
    OData {
        /// The HTTP status.
        status: StatusCode,
        /// The `error` object of the body.
        error: Box<ODataError>,
    },
    /// `412 Precondition Failed` (the ETag no longer matches) or `428`.
    Precondition {
        /// 412 or 428.
        status: StatusCode,
        /// The OData error of the body, when it has one.
        error: Option<Box<ODataError>>,
    },
    /// The answer could not be decoded; status and body are kept.
    Undecodable {
        /// The HTTP status.
        status: StatusCode,
        /// The body, whole.
        body: Vec<u8>,
        /// Why it could not be decoded.
        reason: String,
    },
    /// The request could not be built.
    Request(RequestError),
}

impl ClientError {
    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::OData { status, .. }
            | ClientError::Precondition { status, .. }
            | ClientError::Undecodable { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl From<ResponseError> for ClientError {
    fn from(e: ResponseError) -> Self {
        match e {
            ResponseError::OData { status, error } => ClientError::OData { status, error },
            ResponseError::Precondition { status, error } => ClientError::Precondition { status, error },
            ResponseError::Undecodable { status, body, reason } => ClientError::Undecodable { status, body, reason },
        }
    }
}

impl From<RequestError> for ClientError {
    fn from(e: RequestError) -> Self {
        ClientError::Request(e)
    }
}

impl From<reqwest::Error> for ClientError {
    fn from(source: reqwest::Error) -> Self {
        let kind = if source.is_timeout() {
            TransportKind::Timeout
        } else if source.is_connect() {
            TransportKind::Connect
        } else {
            TransportKind::Other
        };
        ClientError::Transport(TransportError { kind, source })
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ClientError::Transport(t) => write!(f, "no answer ({:?}): {}", t.kind, t.source),
            ClientError::OData { status, error } => write!(f, "the service answered {status}: {error}"),
            ClientError::Precondition { status, .. } => {
                write!(f, "the service answered {status}: the entity changed since its ETag was read")
            }
            ClientError::Undecodable { status, reason, .. } => {
                write!(f, "the service answered {status} with a body that could not be decoded: {reason}")
            }
            ClientError::Request(e) => write!(f, "the request could not be built: {e}"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(t) => Some(&t.source),
            ClientError::Request(e) => Some(e),
            _ => None,
        }
    }
}

/// When to send a throttled request again.
///
/// A `429 Too Many Requests` or `503 Service Unavailable` answer is retried
/// up to `max_retries` times, after the `Retry-After` the service gave (in
/// seconds), or else after `base_delay` doubled at each attempt. A wait
/// longer than `max_wait` is not made: the error is returned. Requests that
/// are not idempotent (`POST`, `PATCH`, batches) are never retried unless
/// marked with [`Request::retry_safe`].
///
/// ```
/// use std::time::Duration;
///
/// use odata_runtime::client::RetryPolicy;
/// use odata_runtime::http::HeaderMap;
///
/// let policy = RetryPolicy::default();
/// let mut headers = HeaderMap::new();
/// assert_eq!(policy.wait(0, &headers), Some(Duration::from_millis(500)));
/// assert_eq!(policy.wait(2, &headers), Some(Duration::from_secs(2)));
/// assert_eq!(policy.wait(3, &headers), None);
///
/// headers.insert("retry-after", "7".parse()?);
/// assert_eq!(policy.wait(0, &headers), Some(Duration::from_secs(7)));
/// // Longer than `max_wait`: give up rather than wait.
/// headers.insert("retry-after", "3600".parse()?);
/// assert_eq!(policy.wait(0, &headers), None);
/// assert_eq!(RetryPolicy::NEVER.wait(0, &HeaderMap::new()), None);
/// # Ok::<(), odata_runtime::http::header::InvalidHeaderValue>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request is sent again (0: never).
    pub max_retries: u32,
    /// The first wait when the service says nothing.
    pub base_delay: Duration,
    /// The longest wait the client makes.
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(500), max_wait: Duration::from_secs(60) }
    }
}

impl RetryPolicy {
    /// No retries.
    pub const NEVER: RetryPolicy = RetryPolicy { max_retries: 0, base_delay: Duration::ZERO, max_wait: Duration::ZERO };

    /// The wait before retry `attempt` (0-based) of an answer with these
    /// headers, or `None` when the client should give up.
    pub fn wait(&self, attempt: u32, headers: &HeaderMap) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        let given = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let wait = given.unwrap_or_else(|| self.base_delay.saturating_mul(1 << attempt.min(16)));
        (wait <= self.max_wait).then_some(wait)
    }
}

/// Settings for a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    root: ServiceRoot,
    headers: HeaderMap,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: RetryPolicy,
    error: Option<String>,
}

impl ClientBuilder {
    /// Sends `Authorization: Bearer <token>` with every request.
    pub fn bearer_token(mut self, token: &str) -> Self {
        match HeaderValue::from_str(&format!("Bearer {token}")) {
            Ok(mut value) => {
                value.set_sensitive(true);
                self.headers.insert(AUTHORIZATION, value);
            }
            Err(e) => self.error = Some(format!("invalid bearer token: {e}")),
        }
        self
    }

    /// Sends this header with every request.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (HeaderName::try_from(name), HeaderValue::from_str(value)) {
            (Ok(name), Ok(value)) => {
                self.headers.append(name, value);
            }
            _ => self.error = Some(format!("invalid header `{name}`")),
        }
        self
    }

    /// Gives up on a request after `timeout` (connecting, sending and
    /// reading the answer).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Gives up connecting after `timeout`.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How throttled requests are retried (default: [`RetryPolicy::default`];
    /// [`RetryPolicy::NEVER`] turns retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The client.
    pub fn build(self) -> Result<Client, ClientError> {
        if let Some(error) = self.error {
            return Err(ClientError::Request(RequestError::Header(error)));
        }
        let mut builder = reqwest::Client::builder();
        if let Some(t) = self.timeout {
            builder = builder.timeout(t);
        }
        if let Some(t) = self.connect_timeout {
            builder = builder.connect_timeout(t);
        }
        let http = builder.build()?;
        Ok(Client { http, root: self.root, headers: self.headers, retry: self.retry, csrf: Default::default() })
    }
}

/// Sends requests to one service.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    root: ServiceRoot,
    headers: HeaderMap,
    retry: RetryPolicy,
    /// The CSRF token of an OData v2 service, shared by the clones.
    csrf: std::sync::Arc<std::sync::Mutex<csrf::Csrf>>,
}

impl Client {
    /// Settings for a client of the service at `root`.
    pub fn builder(root: ServiceRoot) -> ClientBuilder {
        ClientBuilder {
            root,
            headers: HeaderMap::new(),
            timeout: None,
            connect_timeout: None,
            retry: RetryPolicy::default(),
            error: None,
        }
    }

    /// The service root.
    pub fn root(&self) -> &ServiceRoot {
        &self.root
    }

    /// Sends an HTTP request as it is (with the client's headers) and reads
    /// the whole answer. No retries.
    pub async fn send_http(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, ClientError> {
        let (parts, body) = request.into_parts();
        let mut req = self.http.request(parts.method, parts.uri.to_string()).headers(parts.headers).body(body);
        for (name, value) in &self.headers {
            req = req.header(name, value);
        }
        let resp = req.send().await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.bytes().await?.to_vec();
        let mut out = http::Response::new(body);
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        Ok(out)
    }

    /// Sends a request and reads its answer: the one way to send anything
    /// a generated crate builds (a read, a list, a change, an operation, a
    /// batch).
    pub async fn send<E: Exchange>(&self, exchange: &E) -> Result<E::Output, ClientError> {
        let mut attempt = 0;
        let mut new_token = false;
        loop {
            let mut request = exchange.to_request(&self.root)?;
            let change = exchange.protocol() == Protocol::V2
                && !matches!(*request.method(), http::Method::GET | http::Method::HEAD);
            if change {
                let known = self.csrf.lock().map(|c| c.clone()).unwrap_or_default();
                let known = if known.fetched { known } else { self.fetch_csrf().await? };
                known.apply(request.headers_mut());
            }
            let response = self.send_http(request).await?;
            let status = response.status();
            if change && !new_token && csrf::required(status, response.headers()) {
                new_token = true;
                self.fetch_csrf().await?;
                continue;
            }
            if matches!(status, StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE)
                && exchange.is_idempotent()
            {
                if let Some(wait) = self.retry.wait(attempt, response.headers()) {
                    attempt += 1;
                    tokio::time::sleep(wait).await;
                    continue;
                }
            }
            return Ok(exchange.parse(status, response.headers(), response.body())?);
        }
    }

    /// Fetches a CSRF token (`GET` of the service root with `X-CSRF-Token:
    /// Fetch`) and keeps it for the next changes.
    async fn fetch_csrf(&self) -> Result<csrf::Csrf, ClientError> {
        let request = http::Request::get(format!("{}/", self.root.as_str()))
            .header("x-csrf-token", "Fetch")
            .header(http::header::ACCEPT, "application/json")
            .body(Vec::new())
            .map_err(|e| ClientError::Request(RequestError::Header(e.to_string())))?;
        let answer = self.send_http(request).await?;
        let fetched = csrf::Csrf::from_answer(answer.headers());
        if let Ok(mut kept) = self.csrf.lock() {
            *kept = fetched.clone();
        }
        Ok(fetched)
    }

    /// The pages of a collection, following `@odata.nextLink`, as an async
    /// stream. It ends after the last page (the one without a next link,
    /// which carries the `@odata.deltaLink` of a delta query) or at the
    /// first error; take as many pages as you want from it.
    pub fn pages<K, V>(&self, first: Request<K>) -> Pages<K, V>
    where
        K: Expect<Output = Page<V>> + Clone + Send + Sync + 'static,
        V: Send + 'static,
    {
        Pages { client: self.clone(), next: Some(first), pending: None, next_link: None, delta_link: None }
    }

    /// The items of a collection, over all its pages, as an async stream.
    pub fn items<K, V>(&self, first: Request<K>) -> Items<K, V>
    where
        K: Expect<Output = Page<V>> + Clone + Send + Sync + 'static,
        V: Send + 'static,
    {
        Items { pages: self.pages(first), buffer: VecDeque::new() }
    }
}

type PageFuture<K, V> = Pin<Box<dyn Future<Output = (Request<K>, Result<Page<V>, ClientError>)> + Send>>;

/// The pages of a collection (see [`Client::pages`]).
pub struct Pages<K, V> {
    client: Client,
    next: Option<Request<K>>,
    pending: Option<PageFuture<K, V>>,
    next_link: Option<String>,
    delta_link: Option<String>,
}

impl<K, V> Pages<K, V>
where
    K: Expect<Output = Page<V>> + Clone + Send + Sync + 'static,
    V: Send + 'static,
{
    /// The next page, `None` after the last.
    pub async fn next_page(&mut self) -> Option<Result<Page<V>, ClientError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The next link of the last page read: store it to go on later with
    /// [`Request::next_page`] or [`Request::link`].
    pub fn next_link(&self) -> Option<&str> {
        self.next_link.as_deref()
    }

    /// The delta link of the last page, once it is read: the start of the
    /// next delta query.
    pub fn delta_link(&self) -> Option<&str> {
        self.delta_link.as_deref()
    }
}

impl<K, V> Unpin for Pages<K, V> {}

impl<K, V> Stream for Pages<K, V>
where
    K: Expect<Output = Page<V>> + Clone + Send + Sync + 'static,
    V: Send + 'static,
{
    type Item = Result<Page<V>, ClientError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.pending.is_none() {
            let Some(request) = self.next.take() else { return Poll::Ready(None) };
            let client = self.client.clone();
            self.pending = Some(Box::pin(async move {
                let result = client.send(&request).await;
                (request, result)
            }));
        }
        let pending = self.pending.as_mut().expect("set above");
        let (request, result) = match pending.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(done) => done,
        };
        self.pending = None;
        match result {
            Ok(page) => {
                self.next_link = page.next_link.clone();
                if page.delta_link.is_some() {
                    self.delta_link = page.delta_link.clone();
                }
                if let Some(link) = &page.next_link {
                    let absolute = self.client.root.resolve(link);
                    match request.next_page(&absolute) {
                        Ok(next) => self.next = Some(next),
                        Err(e) => {
                            self.next = None;
                            return Poll::Ready(Some(Err(e.into())));
                        }
                    }
                }
                Poll::Ready(Some(Ok(page)))
            }
            Err(e) => Poll::Ready(Some(Err(e))),
        }
    }
}

/// The items of a collection (see [`Client::items`]).
pub struct Items<K, V> {
    pages: Pages<K, V>,
    buffer: VecDeque<V>,
}

impl<K, V> Items<K, V>
where
    K: Expect<Output = Page<V>> + Clone + Send + Sync + 'static,
    V: Send + 'static,
{
    /// The next item, `None` after the last.
    pub async fn next_item(&mut self) -> Option<Result<V, ClientError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The pages being read, for their links.
    pub fn pages(&self) -> &Pages<K, V> {
        &self.pages
    }
}

impl<K, V> Unpin for Items<K, V> {}

impl<K, V> Stream for Items<K, V>
where
    K: Expect<Output = Page<V>> + Clone + Send + Sync + 'static,
    V: Send + 'static,
{
    type Item = Result<V, ClientError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut self.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => self.buffer.extend(page.value),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_waits() {
        let policy = RetryPolicy::default();
        let mut headers = HeaderMap::new();
        assert_eq!(policy.wait(0, &headers), Some(Duration::from_millis(500)));
        assert_eq!(policy.wait(2, &headers), Some(Duration::from_secs(2)));
        assert_eq!(policy.wait(3, &headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(policy.wait(0, &headers), Some(Duration::from_secs(7)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3600"));
        assert_eq!(policy.wait(0, &headers), None);
        assert_eq!(RetryPolicy::NEVER.wait(0, &HeaderMap::new()), None);
    }
}
