//! Building requests, without sending them (sans-IO).
//!
//! Every request a generated crate builds, whatever it does (read, list,
//! create, update, delete, a reference change, an action, a function, a
//! stream, a batch), is a [`Request<K>`]: a method, a path below the
//! service root, query options, headers and a body, plus `K`, which says
//! what the answer is and reads it (see [`crate::expect`]).
//! [`Request::to_request`] gives the `http::Request` to send with any HTTP
//! client; [`Request::parse_response`] turns what came back into a typed
//! result or a typed error. The [`Exchange`] trait is the same pair of
//! methods, so the runtime's client (and a batch) can send any request
//! through one generic method.
//!
//! Authorization is the caller's: add the header to the request before
//! sending it (the runtime's client does it for you).
//!
//! ```
//! use odata_runtime::expect::Count;
//! use odata_runtime::http::{self, Method};
//! use odata_runtime::request::{Path, Request, ServiceRoot};
//!
//! // What a generated `users().count()` builds, with a search:
//! let count: Request<Count<()>> = Request::new(Method::GET, Path::root("users").join("$count"), Count::default())
//!     .search("\"displayName:a&b\"")
//!     .header("ConsistencyLevel", "eventual");
//!
//! let root = ServiceRoot::new("https://graph.microsoft.com/v1.0/")?;
//! let request = count.to_request(&root)?;
//! assert_eq!(request.method(), "GET");
//! // The query value is percent-encoded: its `&` cannot start another option.
//! assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/users/$count?$search=%22displayName:a%26b%22");
//! assert_eq!(request.headers()["accept"], "text/plain");
//! assert_eq!(request.headers()["odata-maxversion"], "4.0");
//! assert_eq!(request.headers()["consistencylevel"], "eventual");
//!
//! let answer = http::Response::new("42");
//! assert_eq!(count.parse_response(&answer)?, 42);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, Method, StatusCode};
use serde::Serialize;
use serde::ser::Serializer;

pub use crate::call::{Call, StreamRef, action, action_with};
pub use crate::changes::{Changes, Settable};
use crate::expect::{self, Expect, IfModified};
use crate::filter::Filter;
pub use crate::literal::{Literal, enum_literal};
use crate::path::encode_query;
pub use crate::path::{InvalidServiceRoot, Path, Protocol, ServiceRoot, decode as percent_decode};
use crate::query::{Expand, NavTarget, Options, OrderItem, Prop, Selection};
use crate::response::ResponseError;
use crate::traits::{Payload, WriteMode};

/// A request that can be sent: it builds its `http::Request` for a service
/// root and reads the answer. [`Request<K>`] and [`crate::batch::Batch`]
/// implement it; the runtime's client sends any `Exchange`.
pub trait Exchange {
    /// The typed result of a successful answer.
    type Output;

    /// The HTTP request for the service at `root`.
    fn to_request(&self, root: &ServiceRoot) -> Result<http::Request<Vec<u8>>, RequestError>;

    /// Reads the answer.
    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self::Output, ResponseError>;

    /// The protocol of the service: a client fetches the CSRF token an
    /// OData v2 service (SAP Gateway) asks for before a change.
    fn protocol(&self) -> Protocol {
        Protocol::V4
    }

    /// Whether sending the request twice has the effect of sending it once
    /// (`GET`, `PUT`, `DELETE`), so a client may retry it.
    fn is_idempotent(&self) -> bool;
}

/// Why a request could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestError {
    /// The body could not be serialized.
    Body(String),
    /// The metadata says the service does not support this query option
    /// here. [`Request::unchecked`] sends it anyway.
    Unsupported {
        /// The option, such as `$filter`.
        option: &'static str,
        /// The annotation that says so, such as
        /// `Capabilities.FilterRestrictions`.
        annotation: &'static str,
        /// The request's path.
        path: String,
    },
    /// The metadata says changes here need an ETag
    /// (`Core.OptimisticConcurrency`) and the request has no `If-Match`.
    ETagRequired {
        /// The request's path.
        path: String,
    },
    /// [`Request::if_match_of`] was given a value read without an
    /// `@odata.etag`.
    NoETag,
    /// A header name or value is not valid.
    Header(String),
    /// A link (next link, delta link, reference) is not an absolute URL.
    Link(String),
    /// A batch is empty, has two members with the same id, or refers to
    /// one it does not have.
    Batch(String),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            RequestError::Body(e) => write!(f, "the request body could not be serialized: {e}"),
            RequestError::Unsupported { option, annotation, path } => write!(
                f,
                "the metadata says `{path}` does not support `{option}` ({annotation}); `unchecked()` sends it anyway"
            ),
            RequestError::ETagRequired { path } => write!(
                f,
                "the metadata says changes to `{path}` need an ETag (Core.OptimisticConcurrency): use `if_match`, or `if_match_any` to overwrite"
            ),
            RequestError::NoETag => f.write_str("the value has no `@odata.etag` to send in `If-Match`"),
            RequestError::Header(e) => write!(f, "invalid header: {e}"),
            RequestError::Link(e) => write!(f, "invalid link: {e}"),
            RequestError::Batch(e) => write!(f, "invalid batch: {e}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// What the metadata forbids on a path (Capabilities annotations), checked
/// when a request is built. Generated code writes these from the
/// annotations of entity sets, singletons and navigation properties.
///
/// ```
/// use odata_runtime::Rules;
/// use odata_runtime::expect::NoContent;
/// use odata_runtime::http::Method;
/// use odata_runtime::request::{Path, Request, RequestError, ServiceRoot};
///
/// let root = ServiceRoot::new("https://host/odata")?;
/// let rules = Rules::NONE.no_filter().etag_required();
/// assert_eq!(rules.forbidding("$filter"), Some(("$filter", "Capabilities.FilterRestrictions")));
/// assert_eq!(rules.forbidding("$top"), None);
///
/// let list = Request::new(Method::GET, Path::root("audits"), NoContent).with_rules(rules).query("$filter", "id eq 1");
/// match list.to_request(&root) {
///     Err(RequestError::Unsupported { option, annotation, path }) => {
///         assert_eq!((option, annotation), ("$filter", "Capabilities.FilterRestrictions"));
///         assert_eq!(path, "audits");
///     }
///     other => panic!("expected Unsupported, got {other:?}"),
/// }
/// // `unchecked` sends it anyway.
/// assert!(list.unchecked().to_request(&root).is_ok());
///
/// let delete = Request::new(Method::DELETE, Path::root("audits").key(&7), NoContent).with_rules(rules);
/// assert_eq!(delete.to_request(&root).unwrap_err(), RequestError::ETagRequired { path: "audits(7)".into() });
/// let delete = delete.if_match("W/\"3\"").to_request(&root)?;
/// assert_eq!(delete.headers()["if-match"], "W/\"3\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rules(u16);

const RULES: &[(u16, &str, &str)] = &[
    (1, "$filter", "Capabilities.FilterRestrictions"),
    (2, "$orderby", "Capabilities.SortRestrictions"),
    (4, "$select", "Capabilities.SelectSupport"),
    (8, "$expand", "Capabilities.ExpandRestrictions"),
    (16, "$count", "Capabilities.CountRestrictions"),
    (32, "$top", "Capabilities.TopSupported"),
    (64, "$skip", "Capabilities.SkipSupported"),
    (128, "$search", "Capabilities.SearchRestrictions"),
];
const ETAG: u16 = 256;

impl Rules {
    /// Nothing forbidden.
    pub const NONE: Rules = Rules(0);

    /// No `$filter`.
    pub const fn no_filter(self) -> Rules {
        Rules(self.0 | 1)
    }
    /// No `$orderby`.
    pub const fn no_orderby(self) -> Rules {
        Rules(self.0 | 2)
    }
    /// No `$select`.
    pub const fn no_select(self) -> Rules {
        Rules(self.0 | 4)
    }
    /// No `$expand`.
    pub const fn no_expand(self) -> Rules {
        Rules(self.0 | 8)
    }
    /// No `$count` (option or segment).
    pub const fn no_count(self) -> Rules {
        Rules(self.0 | 16)
    }
    /// No `$top`.
    pub const fn no_top(self) -> Rules {
        Rules(self.0 | 32)
    }
    /// No `$skip`.
    pub const fn no_skip(self) -> Rules {
        Rules(self.0 | 64)
    }
    /// No `$search`.
    pub const fn no_search(self) -> Rules {
        Rules(self.0 | 128)
    }
    /// Updates and deletes need `If-Match`.
    pub const fn etag_required(self) -> Rules {
        Rules(self.0 | ETAG)
    }

    /// Whether updates and deletes need `If-Match`.
    pub fn requires_etag(self) -> bool {
        self.0 & ETAG != 0
    }

    /// The annotation that forbids query option `option`, if one does.
    pub fn forbidding(self, option: &str) -> Option<(&'static str, &'static str)> {
        // OData v2 asks for the count with `$inlinecount`.
        let option = if option == "$inlinecount" { "$count" } else { option };
        RULES.iter().find(|(bit, name, _)| self.0 & bit != 0 && *name == option).map(|(_, n, a)| (*n, *a))
    }
}

/// What the metadata allows on a path, as a type: whether entities can be
/// created in a collection (`INSERT`), and whether an entity can be
/// updated (`UPDATE`) or deleted (`DELETE`), from the
/// `Capabilities.InsertRestrictions`, `UpdateRestrictions` and
/// `DeleteRestrictions` annotations. A path type has `create`, `update`
/// or `delete` only where its `Caps` allows it, so a request the metadata
/// forbids does not compile.
#[derive(Clone, Copy, Debug, Default)]
pub struct Caps<const INSERT: bool, const UPDATE: bool, const DELETE: bool>;

/// Where a request goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// A path below the service root.
    Path(Path),
    /// An absolute URL the service gave (a next or delta link).
    Link(String),
}

/// A request body.
#[derive(Clone, Debug)]
enum Body {
    None,
    Json(Result<Vec<u8>, RequestError>),
    /// `{"@odata.id": <absolute URL of the path>}`, written once the root is known.
    Reference(Path),
    Bytes {
        content_type: String,
        bytes: Vec<u8>,
    },
}

/// A request (see the module docs): what it asks, and `K`, what it
/// expects back.
#[derive(Clone, Debug)]
pub struct Request<K> {
    method: Method,
    target: Target,
    options: Options,
    headers: Vec<(Cow<'static, str>, String)>,
    body: Body,
    rules: Rules,
    checked: bool,
    retry_safe: bool,
    /// `$id=<absolute URL of the path>`, written once the root is known.
    id_option: Option<Path>,
    /// The protocol of the path's service (of the request a link follows).
    protocol: Protocol,
    expect: K,
}

/// Serializes a payload in a given [`WriteMode`].
struct InMode<'a, T>(&'a T, WriteMode);

impl<T: Payload> Serialize for InMode<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_as(serializer, self.1)
    }
}

fn body_of<T: Payload>(value: &T, mode: WriteMode) -> Body {
    Body::Json(serde_json::to_vec(&InMode(value, mode)).map_err(|e| RequestError::Body(e.to_string())))
}

impl<K: Expect> Request<K> {
    /// A request of `method` to `path` expecting `expect`. Generated code
    /// and the path types build requests; this is their common start.
    ///
    /// On an OData v2 path ([`Path::root_v2`]), `PATCH` is sent as
    /// `MERGE`, the method v2 services know for partial updates.
    pub fn new(method: Method, path: Path, expect: K) -> Self {
        let protocol = path.protocol();
        let method = match protocol {
            Protocol::V2 if method == Method::PATCH => Method::from_bytes(b"MERGE").unwrap_or(method),
            _ => method,
        };
        Request {
            protocol,
            method,
            target: Target::Path(path),
            options: Options::default(),
            headers: Vec::new(),
            body: Body::None,
            rules: Rules::NONE,
            checked: true,
            retry_safe: false,
            id_option: None,
            expect,
        }
    }

    /// A `GET` of a link the service gave: `@odata.nextLink`,
    /// `@odata.deltaLink`, or one stored from an earlier run. The link is
    /// sent as it is (it holds its own query options).
    pub fn link(link: &str, expect: K) -> Result<Self, RequestError> {
        match link.parse::<http::Uri>() {
            Ok(uri) if uri.scheme().is_some() && uri.authority().is_some() => {}
            _ => return Err(RequestError::Link(format!("`{link}` is not an absolute URL"))),
        }
        let mut request = Request::new(Method::GET, Path::root(""), expect);
        request.target = Target::Link(link.to_owned());
        Ok(request)
    }

    /// The request for the page at `link` (an `@odata.nextLink`) of the
    /// collection this request reads: the same headers (`Prefer`,
    /// `ConsistencyLevel`, ...) and kind, the link's own query options.
    ///
    /// ```
    /// use odata_runtime::expect::Values;
    /// use odata_runtime::http::{self, Method};
    /// use odata_runtime::request::{Path, Request, ServiceRoot};
    ///
    /// let root = ServiceRoot::new("https://host/odata")?;
    /// let first = Request::new(Method::GET, Path::root("tags"), Values::<String>::default())
    ///     .prefer("odata.maxpagesize=2")
    ///     .query("$top", "5");
    /// let answer = http::Response::new(r#"{"value":["a","b"],"@odata.nextLink":"https://host/odata/tags?$top=5&$skiptoken=2"}"#);
    /// let page = first.parse_response(&answer)?;
    /// assert_eq!(page.value, ["a", "b"]);
    ///
    /// let next = first.next_page(page.next_link.as_deref().unwrap())?.to_request(&root)?;
    /// assert_eq!(next.uri(), "https://host/odata/tags?$top=5&$skiptoken=2");
    /// assert_eq!(next.headers()["prefer"], "odata.maxpagesize=2");
    /// // A link must be absolute.
    /// assert!(first.next_page("tags?$skiptoken=2").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_page(&self, link: &str) -> Result<Self, RequestError>
    where
        K: Clone,
    {
        let mut next = Request::link(link, self.expect.clone())?;
        next.protocol = self.protocol;
        next.headers = self.headers.clone();
        next.checked = false;
        Ok(next)
    }

    /// Marks a request that is not idempotent by its method (`POST`,
    /// `PATCH`) as safe to send twice, so a client may retry it when the
    /// service is throttling. Only the caller can know this.
    pub fn retry_safe(mut self) -> Self {
        self.retry_safe = true;
        self
    }

    /// The path's rules (generated code passes them on).
    pub fn with_rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    /// A JSON body: `value` serialized for `mode`.
    pub fn with_payload<T: Payload>(mut self, value: &T, mode: WriteMode) -> Self {
        self.body = body_of(value, mode);
        self
    }

    /// A JSON body: `value` serialized as it is.
    pub fn with_json<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        self.body = Body::Json(serde_json::to_vec(value).map_err(|e| RequestError::Body(e.to_string())));
        self
    }

    /// A body of raw bytes with a content type (a stream's content).
    pub fn with_bytes(mut self, content_type: &str, bytes: Vec<u8>) -> Self {
        self.body = Body::Bytes { content_type: content_type.to_owned(), bytes };
        self
    }

    /// A request that cannot be built: `to_request` gives `error`.
    pub(crate) fn failed(mut self, error: RequestError) -> Self {
        self.body = Body::Json(Err(error));
        self
    }

    /// The body `{"@odata.id": <URL of path>}` of a reference request.
    pub fn with_reference(mut self, path: Path) -> Self {
        self.body = Body::Reference(path);
        self
    }

    /// The query option `$id` with the absolute URL of `path` (removing a
    /// reference from a collection: `DELETE members/$ref?$id=...`).
    pub fn with_id_option(mut self, path: Path) -> Self {
        self.id_option = Some(path);
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path, relative to the service root (empty for a link).
    pub fn path(&self) -> &Path {
        static EMPTY: std::sync::OnceLock<Path> = std::sync::OnceLock::new();
        match &self.target {
            Target::Path(p) => p,
            Target::Link(_) => EMPTY.get_or_init(|| Path::root("")),
        }
    }

    /// The query options, not encoded, in the order they were given.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The JSON body (empty when there is none; a reference body is written
    /// by [`Request::to_request`], which knows the root).
    pub fn body(&self) -> Result<&[u8], RequestError> {
        match &self.body {
            Body::Json(b) => b.as_deref().map_err(Clone::clone),
            Body::Bytes { bytes, .. } => Ok(bytes),
            Body::None | Body::Reference(_) => Ok(&[]),
        }
    }

    /// What the request expects back.
    pub fn expect(&self) -> &K {
        &self.expect
    }

    /// Adds a header (`ConsistencyLevel: eventual`, say). A header of the
    /// same name set earlier is replaced.
    pub fn header(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
    }

    /// Adds a query option the builder has no method for (`$deltatoken`,
    /// `$skiptoken`, `$format`, a custom option). The value is
    /// percent-encoded.
    pub fn query(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        self.options.set(name, value.into());
        self
    }

    /// Sends the request even where the metadata says the service does not
    /// support one of its query options, or wants an ETag it lacks.
    pub fn unchecked(mut self) -> Self {
        self.checked = false;
        self
    }

    /// `If-Match: <etag>`: the change applies only if the entity has not
    /// changed since it was read; otherwise the service answers
    /// `412 Precondition Failed` ([`ResponseError::Precondition`]).
    pub fn if_match(self, etag: &str) -> Self {
        self.header("If-Match", etag)
    }

    /// `If-Match: *`: applies whatever the entity's current version.
    pub fn if_match_any(self) -> Self {
        self.header("If-Match", "*")
    }

    /// `If-Match` with the `@odata.etag` of a value read earlier.
    pub fn if_match_of<P: Payload>(self, value: &P) -> Self {
        match value.etag() {
            Some(etag) => {
                let etag = etag.to_owned();
                self.if_match(&etag)
            }
            None => self.failed(RequestError::NoETag),
        }
    }

    /// `If-None-Match: <etag>`: the service answers `304 Not Modified`
    /// when the resource still has this ETag.
    pub fn if_none_match(self, etag: &str) -> Request<IfModified<K>> {
        let this = self.header("If-None-Match", etag);
        Request {
            method: this.method,
            target: this.target,
            options: this.options,
            headers: this.headers,
            body: this.body,
            rules: this.rules,
            checked: this.checked,
            retry_safe: this.retry_safe,
            id_option: this.id_option,
            protocol: this.protocol,
            expect: IfModified(this.expect),
        }
    }

    /// `Prefer: return=minimal`: no entity in the answer.
    pub fn prefer_minimal(self) -> Self {
        self.prefer("return=minimal")
    }

    /// `Prefer: return=representation`: the entity in the answer.
    pub fn prefer_representation(self) -> Self {
        self.prefer("return=representation")
    }

    /// Adds a preference to the `Prefer` header
    /// (`odata.maxpagesize=50`, `odata.track-changes`,
    /// `odata.include-annotations="*"`, ...).
    pub fn prefer(mut self, preference: &str) -> Self {
        match self.headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case("prefer")) {
            Some((_, value)) => {
                value.push_str(", ");
                value.push_str(preference);
            }
            None => self.headers.push((Cow::Borrowed("Prefer"), preference.to_owned())),
        }
        self
    }

    /// The URL of the request, query options encoded.
    pub fn url(&self, root: &ServiceRoot) -> String {
        let mut url = match &self.target {
            Target::Path(p) => root.url(p),
            Target::Link(link) => link.clone(),
        };
        let mut first = !url.contains('?');
        if let Some(path) = &self.id_option {
            url.push(if first { '?' } else { '&' });
            first = false;
            url.push_str("$id=");
            encode_query(&mut url, &root.url(path));
        }
        for (name, value) in self.options.items() {
            url.push(if first { '?' } else { '&' });
            first = false;
            encode_query(&mut url, name);
            url.push('=');
            encode_query(&mut url, value);
        }
        url
    }

    fn check(&self) -> Result<(), RequestError> {
        if !self.checked {
            return Ok(());
        }
        let path = || self.path().as_str().to_owned();
        for (name, _) in self.options.items() {
            if let Some((option, annotation)) = self.rules.forbidding(name) {
                return Err(RequestError::Unsupported { option, annotation, path: path() });
            }
        }
        if self.path().as_str().ends_with("/$count") {
            if let Some((_, annotation)) = self.rules.forbidding("$count") {
                return Err(RequestError::Unsupported { option: "$count", annotation, path: path() });
            }
        }
        let change = (matches!(self.method, Method::PATCH | Method::PUT | Method::DELETE)
            || self.method.as_str() == "MERGE")
            && !self.path().is_reference();
        if self.rules.requires_etag() && change && !self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("if-match"))
        {
            return Err(RequestError::ETagRequired { path: path() });
        }
        Ok(())
    }

    /// The request to send to the service at `root`: method, URL with the
    /// query options percent-encoded, `Accept`, `OData-MaxVersion`, the
    /// body with its `Content-Type`, `Content-Length` and `OData-Version`,
    /// and the headers given.
    ///
    /// ```
    /// use odata_runtime::expect::NoContent;
    /// use odata_runtime::http::Method;
    /// use odata_runtime::request::{Path, Request, ServiceRoot};
    /// use odata_runtime::serde_json::json;
    ///
    /// let root = ServiceRoot::new("https://host/odata")?;
    /// let patch = Request::new(Method::PATCH, Path::root("people").key(&"ada"), NoContent)
    ///     .with_json(&json!({"city": "Oslo"}))
    ///     .if_match("W/\"2\"")
    ///     .prefer_minimal();
    /// let request = patch.to_request(&root)?;
    /// assert_eq!(request.method(), "PATCH");
    /// assert_eq!(request.uri(), "https://host/odata/people('ada')");
    /// assert_eq!(request.headers()["content-type"], "application/json");
    /// assert_eq!(request.headers()["content-length"], "15");
    /// assert_eq!(request.headers()["odata-version"], "4.0");
    /// assert_eq!(request.headers()["if-match"], "W/\"2\"");
    /// assert_eq!(request.headers()["prefer"], "return=minimal");
    /// assert_eq!(request.body(), br#"{"city":"Oslo"}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_request(&self, root: &ServiceRoot) -> Result<http::Request<Vec<u8>>, RequestError> {
        // A body that could not be made (or an ETag that was not there)
        // says more than a rule it would also break.
        if let Body::Json(Err(e)) = &self.body {
            return Err(e.clone());
        }
        self.check()?;
        let (content_type, body): (Option<&str>, Vec<u8>) = match &self.body {
            Body::None => (None, Vec::new()),
            Body::Json(b) => (Some("application/json"), b.clone()?),
            Body::Reference(path) => {
                let value = match self.protocol {
                    Protocol::V4 => serde_json::json!({ "@odata.id": root.url(path) }),
                    Protocol::V2 => serde_json::json!({ "uri": root.url(path) }),
                };
                (Some("application/json"), serde_json::to_vec(&value).map_err(|e| RequestError::Body(e.to_string()))?)
            }
            Body::Bytes { content_type, bytes } => (Some(content_type.as_str()), bytes.clone()),
        };
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(self.expect.accept()));
        let (max_version, version, value) = self.protocol.version_headers();
        headers.insert(max_version, HeaderValue::from_static(value));
        if let Some(content_type) = content_type {
            let content = HeaderValue::from_str(content_type).map_err(|e| RequestError::Header(e.to_string()))?;
            headers.insert(CONTENT_TYPE, content);
            headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
            if content_type == "application/json" {
                headers.insert(version, HeaderValue::from_static(value));
            }
        } else if matches!(self.method, Method::POST | Method::PUT | Method::PATCH) || self.method.as_str() == "MERGE" {
            headers.insert(CONTENT_LENGTH, HeaderValue::from(0));
        }
        for (name, value) in &self.headers {
            let name =
                HeaderName::try_from(name.as_ref()).map_err(|e| RequestError::Header(format!("`{name}`: {e}")))?;
            let value = HeaderValue::from_str(value).map_err(|e| RequestError::Header(format!("`{name}`: {e}")))?;
            headers.insert(name, value);
        }
        let mut request = http::Request::new(body);
        *request.method_mut() = self.method.clone();
        *request.uri_mut() =
            self.url(root).parse().map_err(|e: http::uri::InvalidUri| RequestError::Link(e.to_string()))?;
        *request.headers_mut() = headers;
        Ok(request)
    }

    /// Reads the service's answer: the typed result of a success, a
    /// [`ResponseError`] otherwise.
    ///
    /// ```
    /// use odata_runtime::expect::NoContent;
    /// use odata_runtime::http::{self, Method};
    /// use odata_runtime::request::{Path, Request};
    /// use odata_runtime::response::ResponseError;
    ///
    /// let delete = Request::new(Method::DELETE, Path::root("people").key(&"ada"), NoContent).if_match("W/\"1\"");
    /// assert_eq!(delete.parse_response(&http::Response::builder().status(204).body("")?), Ok(()));
    ///
    /// let body = r#"{"error":{"code":"InUse","message":"Ada owns trips.","target":"trips"}}"#;
    /// match delete.parse_response(&http::Response::builder().status(409).body(body)?) {
    ///     Err(ResponseError::OData { status, error }) => {
    ///         assert_eq!(status, 409);
    ///         assert_eq!(error.code, "InUse");
    ///         assert_eq!(error.target.as_deref(), Some("trips"));
    ///     }
    ///     other => panic!("expected an OData error, got {other:?}"),
    /// }
    ///
    /// // Someone changed the entity since its ETag was read.
    /// let stale = delete.parse_response(&http::Response::builder().status(412).body("")?);
    /// assert!(matches!(stale, Err(ResponseError::Precondition { error: None, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_response<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<K::Output, ResponseError> {
        Exchange::parse(self, response.status(), response.headers(), response.body().as_ref())
    }

    /// The protocol of the service the request is for.
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }
}

impl Request<expect::NoContent> {
    /// `DELETE` of the reference from the collection-valued navigation
    /// property at `collection` to the entity at `target`: `…/members/$ref?$id=<URL
    /// of target>` in OData v4, `…/$links/members(<key of target>)` in v2.
    ///
    /// ```
    /// use odata_runtime::request::{Path, Request, ServiceRoot};
    ///
    /// let root = ServiceRoot::new("https://host/odata")?;
    /// let members = Path::root("groups").key(&"g").join("members");
    /// let v4 = Request::remove_reference(&members, &Path::root("users").key(&"u")).to_request(&root)?;
    /// assert_eq!(v4.uri(), "https://host/odata/groups('g')/members/$ref?$id=https://host/odata/users('u')");
    /// let members = Path::root_v2("Groups").key(&"g").join("Members");
    /// let v2 = Request::remove_reference(&members, &Path::root_v2("Users").key(&"u")).to_request(&root)?;
    /// assert_eq!(v2.method(), "DELETE");
    /// assert_eq!(v2.uri(), "https://host/odata/Groups('g')/$links/Members('u')");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_reference(collection: &Path, target: &Path) -> Request<expect::NoContent> {
        match collection.protocol() {
            Protocol::V4 => {
                Request::new(Method::DELETE, collection.reference(), expect::NoContent).with_id_option(target.clone())
            }
            Protocol::V2 => match target.last_key() {
                Some(key) => Request::new(Method::DELETE, collection.with_key_text(key).reference(), expect::NoContent),
                None => Request::new(Method::DELETE, collection.reference(), expect::NoContent)
                    .failed(RequestError::Link(format!("`{}` does not end with a key", target.as_str()))),
            },
        }
    }
}

/// Reads the answer to a request of `protocol` that expects `expect`: an
/// OData v2 success is read inside its `{"d": …}` envelope. A request sent
/// alone and a member of a batch are read the same way.
pub(crate) fn read_answer<K: Expect>(
    protocol: Protocol,
    expect: &K,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<K::Output, ResponseError> {
    match protocol {
        Protocol::V2 if status.is_success() => expect.parse(status, headers, crate::v2::unwrap(body)),
        Protocol::V2 | Protocol::V4 => expect.parse(status, headers, body),
    }
}

impl<K: Expect> Exchange for Request<K> {
    type Output = K::Output;

    fn to_request(&self, root: &ServiceRoot) -> Result<http::Request<Vec<u8>>, RequestError> {
        Request::to_request(self, root)
    }

    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<K::Output, ResponseError> {
        read_answer(self.protocol, &self.expect, status, headers, body)
    }

    fn protocol(&self) -> Protocol {
        self.protocol
    }

    fn is_idempotent(&self) -> bool {
        self.retry_safe
            || matches!(self.method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS)
    }
}

/// `$select` and `$expand`: requests of entities.
impl<K: Expect + expect::Shaped> Request<K> {
    /// `$select`: only these properties (one, or a tuple, array or `Vec`
    /// of them). Given again, the lists add up.
    pub fn select(mut self, properties: impl Selection<K::Item>) -> Self {
        self.options.select(&properties);
        self
    }

    /// `$select` written by hand (`displayName,microsoft.graph.user/mail`).
    pub fn select_raw(mut self, text: &str) -> Self {
        self.options.append("$select", text);
        self
    }

    /// `$expand` of a navigation property.
    pub fn expand<N: NavTarget>(mut self, nav: Prop<K::Item, N>) -> Self {
        self.options.expand(nav.name(), None);
        self
    }

    /// `$expand` of a navigation property with options of its own:
    /// `expand_with(Group::MEMBERS, |e| e.select(DirectoryObject::ID).top(5))`.
    pub fn expand_with<N: NavTarget>(
        mut self,
        nav: Prop<K::Item, N>,
        options: impl FnOnce(Expand<N::Entity>) -> Expand<N::Entity>,
    ) -> Self {
        let nested = options(Expand::default());
        self.options.expand(nav.name(), Some(nested.options));
        self
    }

    /// `$expand` written by hand (`*`, `members/$ref`, ...).
    pub fn expand_raw(mut self, text: &str) -> Self {
        self.options.append("$expand", text);
        self
    }
}

/// `$filter` and `$search`: collections and `$count`.
impl<K: Expect + expect::Filtered> Request<K> {
    /// `$filter` (a second call replaces the first; combine filters with
    /// `&` and `|`).
    pub fn filter(mut self, filter: Filter<K::Item>) -> Self {
        self.options.set("$filter", filter.into_text());
        self
    }

    /// `$filter` written by hand.
    pub fn filter_raw(mut self, text: &str) -> Self {
        self.options.set("$filter", text.to_owned());
        self
    }

    /// `$search` (`"displayName:ada"` with its quotes, for Graph).
    pub fn search(mut self, text: &str) -> Self {
        self.options.set("$search", text.to_owned());
        self
    }
}

/// `$orderby`, `$top`, `$skip`, `$count=true`: collections.
impl<K: Expect + expect::Paged> Request<K> {
    /// `$orderby` (`User::DISPLAY_NAME` ascending, or
    /// `User::DISPLAY_NAME.desc()`); given again, the items add up.
    pub fn order_by(mut self, item: impl Into<OrderItem<K::Item>>) -> Self {
        self.options.order_by(item.into().text);
        self
    }

    /// `$top`: at most `n` items (in all, over every page).
    pub fn top(mut self, n: u64) -> Self {
        self.options.set("$top", n.to_string());
        self
    }

    /// `$skip`: leave out the first `n` items.
    pub fn skip(mut self, n: u64) -> Self {
        self.options.set("$skip", n.to_string());
        self
    }

    /// `$count=true`: the page says how many items match in all
    /// ([`crate::Page::count`]).
    pub fn with_count(mut self) -> Self {
        match self.protocol {
            Protocol::V4 => self.options.set("$count", "true".to_owned()),
            Protocol::V2 => self.options.set("$inlinecount", "allpages".to_owned()),
        }
        self
    }

    /// `Prefer: odata.maxpagesize=n`: ask for pages of at most `n` items.
    pub fn max_page_size(self, n: u32) -> Self {
        self.prefer(&format!("odata.maxpagesize={n}"))
    }
}

impl<K: Expect> Request<K> {
    /// A JSON body of changes.
    pub fn with_changes<T>(mut self, changes: &Changes<T>) -> Self {
        self.body = Body::Json(changes.to_json());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expect::NoContent;

    fn root() -> ServiceRoot {
        ServiceRoot::new("https://graph.microsoft.com/v1.0").unwrap()
    }

    #[test]
    fn options_are_encoded_in_order() {
        let r = Request::new(Method::GET, Path::root("users"), NoContent)
            .query("$filter", "startswith(displayName,'a&b=c')")
            .query("$top", "1")
            .query("$filter", "x eq 'y'");
        assert_eq!(r.url(&root()), "https://graph.microsoft.com/v1.0/users?$filter=x%20eq%20'y'&$top=1");
        let link = Request::link("https://graph.microsoft.com/v1.0/users?$skiptoken=X%2B1", NoContent).unwrap();
        assert_eq!(
            link.query("$select", "id").url(&root()),
            "https://graph.microsoft.com/v1.0/users?$skiptoken=X%2B1&$select=id"
        );
        assert!(Request::link("users?$skip=1", NoContent).is_err());
    }

    #[test]
    fn rules_are_checked() {
        let rules = Rules::NONE.no_filter().etag_required();
        let r = Request::new(Method::GET, Path::root("users"), NoContent).with_rules(rules).query("$filter", "a");
        assert!(matches!(r.to_request(&root()), Err(RequestError::Unsupported { option: "$filter", .. })));
        assert!(r.unchecked().to_request(&root()).is_ok());
        let d = Request::new(Method::DELETE, Path::root("users").key(&"1"), NoContent).with_rules(rules);
        assert!(matches!(d.to_request(&root()), Err(RequestError::ETagRequired { .. })));
        let req = d.if_match("W/\"1\"").to_request(&root()).unwrap();
        assert_eq!(req.headers()["if-match"], "W/\"1\"");
        assert!(!req.headers().contains_key("content-length"));
    }

    #[test]
    fn reference_bodies_use_the_root() {
        let r = Request::new(Method::POST, Path::root("groups").key(&"g").join("members").join("$ref"), NoContent)
            .with_reference(Path::root("directoryObjects").key(&"u"));
        let req = r.to_request(&root()).unwrap();
        assert_eq!(req.uri(), "https://graph.microsoft.com/v1.0/groups('g')/members/$ref");
        assert_eq!(
            std::str::from_utf8(req.body()).unwrap(),
            r#"{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects('u')"}"#
        );
        assert_eq!(req.headers()["content-type"], "application/json");
    }
}
