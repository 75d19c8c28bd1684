//! JSON `$batch` (OData 4.01, the format Microsoft Graph uses): several
//! requests in one `POST`, each answered on its own.
//!
//! With a generated crate the members are requests from its paths
//! (`batch.add(&graph_service::me().get())?`), and the `client` feature's
//! `client.send(&batch).await?` sends the batch and gives the answers. The
//! same, with requests built by hand and the service's answer given:
//!
//! ```
//! use odata_runtime::batch::{Batch, Membership};
//! use odata_runtime::expect::{Count, NoContent};
//! use odata_runtime::http::{self, Method};
//! use odata_runtime::request::{Exchange, Path, Request, ServiceRoot};
//! use odata_runtime::response::ResponseError;
//! use odata_runtime::serde_json::json;
//!
//! let root = ServiceRoot::new("https://graph.microsoft.com/v1.0")?;
//! let mut batch = Batch::new().with_leading_slash();
//! let users = Request::new(Method::GET, Path::root("users").join("$count"), Count::<()>::default());
//! let count = batch.add(&users)?;
//! let rename = Request::new(Method::PATCH, Path::root("groups").key(&"g1"), NoContent)
//!     .with_json(&json!({"displayName": "Ops"}));
//! let rename = batch.add_as(&rename, Membership::id("rename").after(&count))?;
//! assert_eq!(count.id(), "1");
//!
//! assert_eq!(
//!     batch.body(&root)?,
//!     json!({"requests": [
//!         {"id": "1", "method": "GET", "url": "/users/$count"},
//!         {"id": "rename", "method": "PATCH", "url": "/groups('g1')", "dependsOn": ["1"],
//!          "headers": {"content-type": "application/json"}, "body": {"displayName": "Ops"}},
//!     ]})
//! );
//! let post = batch.to_request(&root)?;
//! assert_eq!(post.method(), "POST");
//! assert_eq!(post.uri(), "https://graph.microsoft.com/v1.0/$batch");
//! assert_eq!(post.headers()["content-type"], "application/json");
//! assert_eq!(post.headers()["odata-version"], "4.01");
//!
//! // Each member's answer reads as the request alone would; a failed
//! // member fails only itself.
//! let answer = http::Response::new(
//!     r#"{"responses": [
//!         {"id": "1", "status": 200, "headers": {"content-type": "text/plain"}, "body": "17"},
//!         {"id": "rename", "status": 403, "body": {"error": {"code": "Authorization_RequestDenied", "message": "No."}}}
//!     ]}"#,
//! );
//! let answers = batch.parse(answer.status(), answer.headers(), answer.body().as_bytes())?;
//! assert_eq!(answers.get(&count)?, 17);
//! match answers.get(&rename) {
//!     Err(ResponseError::OData { status, error }) => {
//!         assert_eq!(status, 403);
//!         assert_eq!(error.code, "Authorization_RequestDenied");
//!     }
//!     other => panic!("expected an OData error, got {other:?}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Members get ids `1`, `2`, ... unless given one ([`Batch::add_as`]);
//! [`Membership`] also says which earlier members a request depends on
//! (`dependsOn`) and its atomicity group. How many requests a service
//! accepts in one batch (Graph: 20) is for the caller to respect.
//!
//! # Multipart
//!
//! OData v2 services (SAP Gateway) know only `multipart/mixed` batches, and
//! so do OData 4.0 services that predate JSON batches: a batch of v2
//! requests is sent so, and [`Batch::multipart`] makes a v4 batch that is.
//! Members are the same requests; an atomicity group is a change set
//! (its members must be changes, named by their ids as `Content-ID`);
//! members outside change sets run in order, and a service stops at the
//! first that fails unless asked to go on, so `dependsOn` needs no words.
//! Answers are read as for a JSON batch, whichever format the service
//! answers in:
//!
//! ```
//! use odata_runtime::batch::{Batch, Membership};
//! use odata_runtime::expect::{Count, NoContent};
//! use odata_runtime::http::{self, Method};
//! use odata_runtime::request::{Exchange, Path, Request, ServiceRoot};
//! use odata_runtime::response::ResponseError;
//! use odata_runtime::serde_json::json;
//!
//! let root = ServiceRoot::new("https://host/sap/opu/odata/sap/API_BP")?;
//! let mut batch = Batch::new();
//! let count = batch.add(&Request::new(Method::GET, Path::root_v2("Partners").join("$count"), Count::<()>::default()))?;
//! let rename = Request::new(Method::PATCH, Path::root_v2("Partners").key(&"17"), NoContent)
//!     .with_json(&json!({"Name": "Ops"}));
//! let rename = batch.add_as(&rename, Membership::id("rename").in_group("change"))?;
//! assert!(batch.is_multipart());
//!
//! let post = batch.to_request(&root)?;
//! assert_eq!(post.uri(), "https://host/sap/opu/odata/sap/API_BP/$batch");
//! assert_eq!(post.headers()["content-type"], "multipart/mixed; boundary=batch_odata");
//! assert_eq!(post.headers()["dataserviceversion"], "2.0");
//! let body = String::from_utf8(post.body().clone())?;
//! assert!(body.starts_with("--batch_odata\r\nContent-Type: application/http\r\n"));
//! assert!(body.contains("\r\nGET Partners/$count HTTP/1.1\r\n"));
//! assert!(body.contains("Content-Type: multipart/mixed; boundary=changeset_1_odata\r\n"));
//! assert!(body.contains("Content-ID: rename\r\n\r\nMERGE Partners('17') HTTP/1.1\r\n"));
//! assert!(body.ends_with("\r\n--changeset_1_odata--\r\n--batch_odata--\r\n"));
//!
//! let mut answer = http::Response::new(
//!     "--r\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n3\r\n\
//!      --r\r\nContent-Type: application/http\r\n\r\n\
//!      HTTP/1.1 412 Precondition Failed\r\nContent-Type: application/json\r\n\r\n\
//!      {\"error\": {\"code\": \"/IWBEP/CM_MGW_RT/022\", \"message\": {\"lang\": \"en\", \"value\": \"Stale\"}}}\r\n\
//!      --r--\r\n",
//! );
//! answer.headers_mut().insert("content-type", "multipart/mixed; boundary=r".parse()?);
//! let answers = batch.parse(answer.status(), answer.headers(), answer.body().as_bytes())?;
//! assert_eq!(answers.get(&count)?, 3);
//! assert!(matches!(answers.get(&rename), Err(ResponseError::Precondition { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use base64::Engine;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use serde_json::{Map, Value};

use crate::expect::Expect;
use crate::path::{Protocol, ServiceRoot};
use crate::request::{Exchange, Request, RequestError};
use crate::response::{self, ResponseError};

mod multipart;

/// A request of a batch, type-erased: it can build its HTTP request.
trait Member: Send + Sync {
    fn build(&self, root: &ServiceRoot) -> Result<http::Request<Vec<u8>>, RequestError>;
    fn protocol(&self) -> Protocol;
}

impl<K: Expect + Clone + Send + Sync> Member for Request<K> {
    fn build(&self, root: &ServiceRoot) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.to_request(root)
    }

    fn protocol(&self) -> Protocol {
        Exchange::protocol(self)
    }
}

/// How a request takes part in a batch: its id, the members it depends
/// on, its atomicity group.
///
/// ```
/// use odata_runtime::batch::{Batch, Membership};
/// use odata_runtime::expect::NoContent;
/// use odata_runtime::http::Method;
/// use odata_runtime::request::{Path, Request, RequestError, ServiceRoot};
///
/// let root = ServiceRoot::new("https://host/odata")?;
/// let delete = |id: i32| Request::new(Method::DELETE, Path::root("items").key(&id), NoContent);
/// let mut batch = Batch::new();
/// batch.add_as(&delete(1), Membership::id("a").in_group("cleanup"))?;
/// batch.add_as(&delete(2), Membership::id("b").in_group("cleanup"))?;
/// assert_eq!(batch.body(&root)?["requests"][1]["atomicityGroup"], "cleanup");
///
/// // Ids are unique; a group's members are adjacent.
/// assert!(matches!(batch.add_as(&delete(3), Membership::id("a")), Err(RequestError::Batch(_))));
/// batch.add(&delete(4))?;
/// assert!(batch.add_as(&delete(5), Membership::id("e").in_group("cleanup")).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Membership {
    id: Option<String>,
    depends_on: Vec<String>,
    atomicity_group: Option<String>,
}

impl Membership {
    /// A member with this id.
    pub fn id(id: impl Into<String>) -> Self {
        Membership { id: Some(id.into()), ..Self::default() }
    }

    /// The service runs this member only after `other` succeeded
    /// (`dependsOn`); `other` must come earlier in the batch.
    pub fn after<K>(mut self, other: &Handle<K>) -> Self {
        self.depends_on.push(other.id.clone());
        self
    }

    /// The member belongs to atomicity group `group`: all of its requests
    /// succeed or none does. Members of a group must be added one after
    /// the other.
    pub fn in_group(mut self, group: impl Into<String>) -> Self {
        self.atomicity_group = Some(group.into());
        self
    }
}

struct Entry {
    id: String,
    membership: Membership,
    request: Box<dyn Member>,
}

/// A batch request (see the module docs): JSON, or multipart with
/// [`Batch::multipart`] and always for OData v2.
#[derive(Default)]
pub struct Batch {
    entries: Vec<Entry>,
    leading_slash: bool,
    continue_on_error: bool,
    multipart: bool,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_list().entries(self.entries.iter().map(|e| &e.id)).finish()
    }
}

/// A member of a batch, to read its answer with [`BatchAnswers::get`].
#[derive(Clone, Debug)]
pub struct Handle<K> {
    id: String,
    expect: K,
    protocol: Protocol,
}

impl<K> Handle<K> {
    /// The member's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty batch sent as `multipart/mixed` (the format of OData 4.0
    /// and the only one of OData v2; see [`multipart`](self#multipart)).
    /// A batch of OData v2 requests is multipart whichever way it was
    /// made.
    pub fn multipart() -> Self {
        Batch { multipart: true, ..Self::default() }
    }

    /// Whether the batch is sent as `multipart/mixed`.
    pub fn is_multipart(&self) -> bool {
        self.multipart || self.protocol() == Protocol::V2
    }

    /// The protocol of the batch's requests (all have the same).
    fn protocol(&self) -> Protocol {
        self.entries.first().map_or(Protocol::V4, |e| e.request.protocol())
    }

    /// Writes member URLs as `/users` rather than `users` in a JSON batch.
    /// Both are below the service root; Microsoft Graph's documentation
    /// uses the first. Multipart batches write them without the slash, as
    /// SAP Gateway expects.
    pub fn with_leading_slash(mut self) -> Self {
        self.leading_slash = true;
        self
    }

    /// Asks the service to go on after a member fails
    /// (`Prefer: odata.continue-on-error`).
    pub fn continue_on_error(mut self) -> Self {
        self.continue_on_error = true;
        self
    }

    /// Adds `request` with the next free numeric id.
    pub fn add<K: Expect + Clone + Send + Sync + 'static>(
        &mut self,
        request: &Request<K>,
    ) -> Result<Handle<K>, RequestError> {
        let mut n = self.entries.len() + 1;
        while self.entries.iter().any(|e| e.id == n.to_string()) {
            n += 1;
        }
        self.add_as(request, Membership::id(n.to_string()))
    }

    /// Adds `request` as `membership` says.
    pub fn add_as<K: Expect + Clone + Send + Sync + 'static>(
        &mut self,
        request: &Request<K>,
        membership: Membership,
    ) -> Result<Handle<K>, RequestError> {
        let id = match &membership.id {
            Some(id) => id.clone(),
            None => (self.entries.len() + 1).to_string(),
        };
        if id.is_empty() {
            return Err(RequestError::Batch("a member id is empty".into()));
        }
        if self.entries.iter().any(|e| e.id == id) {
            return Err(RequestError::Batch(format!("two members have id `{id}`")));
        }
        let protocol = Exchange::protocol(request);
        if !self.entries.is_empty() && self.protocol() != protocol {
            return Err(RequestError::Batch(format!(
                "member `{id}` is an OData {protocol:?} request, and the batch holds {:?} requests",
                self.protocol()
            )));
        }
        for dep in &membership.depends_on {
            if !self.entries.iter().any(|e| &e.id == dep) {
                return Err(RequestError::Batch(format!(
                    "member `{id}` depends on `{dep}`, which is not an earlier member"
                )));
            }
        }
        if let Some(group) = &membership.atomicity_group {
            let last = self.entries.last().and_then(|e| e.membership.atomicity_group.as_ref());
            let earlier = self.entries.iter().any(|e| e.membership.atomicity_group.as_ref() == Some(group));
            if earlier && last != Some(group) {
                return Err(RequestError::Batch(format!("the members of atomicity group `{group}` must be adjacent")));
            }
        }
        let expect = request.expect().clone();
        self.entries.push(Entry { id: id.clone(), membership, request: Box::new(request.clone()) });
        Ok(Handle { id, expect, protocol })
    }

    /// How many requests the batch holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The members, when there is at least one.
    fn members(&self) -> Result<&[Entry], RequestError> {
        if self.entries.is_empty() {
            return Err(RequestError::Batch("a batch needs at least one request".into()));
        }
        Ok(&self.entries)
    }

    /// The JSON body: `{"requests": [...]}`.
    pub fn body(&self, root: &ServiceRoot) -> Result<Value, RequestError> {
        let members = self.members()?;
        let mut requests = Vec::with_capacity(members.len());
        for entry in members {
            let built = entry.request.build(root)?;
            let mut member = Map::new();
            member.insert("id".into(), Value::String(entry.id.clone()));
            member.insert("method".into(), Value::String(built.method().to_string()));
            let full = built.uri().to_string();
            let url = match root.relative(&full) {
                Some(rel) if self.leading_slash && !rel.starts_with('?') => format!("/{rel}"),
                Some(rel) => rel.to_owned(),
                None => full,
            };
            member.insert("url".into(), Value::String(url));
            if let Some(group) = &entry.membership.atomicity_group {
                member.insert("atomicityGroup".into(), Value::String(group.clone()));
            }
            if !entry.membership.depends_on.is_empty() {
                let deps = entry.membership.depends_on.iter().cloned().map(Value::String).collect();
                member.insert("dependsOn".into(), Value::Array(deps));
            }
            // Per-member headers are the ones that say something about this
            // request; the batch itself carries Accept and the versions.
            // Names are written in lower case: they are case-insensitive,
            // but some services (SAP CAP) read member headers only so.
            let mut headers = Map::new();
            for (name, value) in built.headers() {
                if matches!(name.as_str(), "accept" | "content-length" | "odata-version" | "odata-maxversion") {
                    continue;
                }
                let value = value.to_str().map_err(|e| RequestError::Header(e.to_string()))?;
                headers.insert(name.as_str().to_owned(), Value::String(value.to_owned()));
            }
            let content_type = built.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
            if !built.body().is_empty() {
                let body = if is_json(content_type) {
                    serde_json::from_slice(built.body()).map_err(|e| RequestError::Body(e.to_string()))?
                } else if content_type.starts_with("text/") {
                    Value::String(String::from_utf8_lossy(built.body()).into_owned())
                } else {
                    Value::String(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(built.body()))
                };
                member.insert("body".into(), body);
            }
            if !headers.is_empty() {
                member.insert("headers".into(), Value::Object(headers));
            }
            requests.push(Value::Object(member));
        }
        let mut body = Map::new();
        body.insert("requests".into(), Value::Array(requests));
        Ok(Value::Object(body))
    }
}

fn is_json(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("application/json") || mime.ends_with("+json")
}

impl Exchange for Batch {
    type Output = BatchAnswers;

    /// The `POST` to `$batch`: a JSON body with the versions of OData
    /// 4.01, or a multipart one (with its boundary) with the version
    /// headers of the members' protocol.
    fn to_request(&self, root: &ServiceRoot) -> Result<http::Request<Vec<u8>>, RequestError> {
        let (content_type, accept, body, (max, version, number)) = if self.is_multipart() {
            let (content_type, body) = multipart::body(self.members()?, root)?;
            (content_type, "multipart/mixed", body, self.protocol().version_headers())
        } else {
            let body = serde_json::to_vec(&self.body(root)?).map_err(|e| RequestError::Body(e.to_string()))?;
            ("application/json".to_owned(), "application/json", body, ("OData-MaxVersion", "OData-Version", "4.01"))
        };
        let mut builder = http::Request::builder()
            .method(Method::POST)
            .uri(format!("{}/$batch", root.as_str()))
            .header("Content-Type", content_type)
            .header("Content-Length", body.len())
            .header("Accept", accept)
            .header(version, number)
            .header(max, number);
        // OData v2 has no such preference (a JSON batch is never v2).
        if self.continue_on_error && self.protocol() == Protocol::V4 {
            builder = builder.header("Prefer", "odata.continue-on-error");
        }
        builder.body(body).map_err(|e| RequestError::Header(e.to_string()))
    }

    fn parse(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<BatchAnswers, ResponseError> {
        if !status.is_success() {
            return Err(response::error_from(status, body));
        }
        // The answer's format is what the service says it is.
        let content_type = headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        match multipart::boundary_of(content_type) {
            Some(boundary) => {
                let answers = multipart::read(status, &boundary, body, &self.entries)?;
                Ok(BatchAnswers { status, answers })
            }
            None => BatchAnswers::read(status, body),
        }
    }

    fn protocol(&self) -> Protocol {
        Batch::protocol(self)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// The answer to one member.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The member's id.
    pub id: String,
    /// Its status.
    pub status: StatusCode,
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body, as bytes (JSON bodies written back as JSON text, text
    /// bodies as text, others base64-decoded).
    pub body: Vec<u8>,
}

/// The answers of a batch, by member.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchAnswers {
    status: StatusCode,
    answers: Vec<Answer>,
}

impl BatchAnswers {
    fn read(status: StatusCode, body: &[u8]) -> Result<BatchAnswers, ResponseError> {
        let bad = |reason: String| ResponseError::Undecodable { status, body: body.to_vec(), reason };
        let value: Value = serde_json::from_slice(body).map_err(|e| bad(format!("not a JSON batch answer: {e}")))?;
        let responses = value
            .get("responses")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("a JSON batch answer has a `responses` array".into()))?;
        let mut answers = Vec::with_capacity(responses.len());
        for r in responses {
            let id = match r.get("id") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => return Err(bad("a batch answer member has no `id`".into())),
            };
            let code = r
                .get("status")
                .and_then(Value::as_u64)
                .and_then(|s| u16::try_from(s).ok())
                .and_then(|s| StatusCode::from_u16(s).ok())
                .ok_or_else(|| bad(format!("member `{id}` has no valid `status`")))?;
            let mut headers = HeaderMap::new();
            if let Some(Value::Object(h)) = r.get("headers") {
                for (name, value) in h {
                    let (Ok(name), Some(Ok(value))) =
                        (HeaderName::try_from(name.as_str()), value.as_str().map(HeaderValue::from_str))
                    else {
                        continue;
                    };
                    headers.append(name, value);
                }
            }
            let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            let body = match r.get("body") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::String(s)) if is_json(&content_type) => s.clone().into_bytes(),
                Some(Value::String(s)) if content_type.is_empty() || content_type.starts_with("text/") => {
                    s.clone().into_bytes()
                }
                Some(Value::String(s)) => base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(s.trim_end_matches('='))
                    .or_else(|_| base64::engine::general_purpose::STANDARD.decode(s))
                    .unwrap_or_else(|_| s.clone().into_bytes()),
                Some(other) => serde_json::to_vec(other).unwrap_or_default(),
            };
            answers.push(Answer { id, status: code, headers, body });
        }
        Ok(BatchAnswers { status, answers })
    }

    /// Every member's answer, in the order the service sent them.
    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    /// The answer of member `id`.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.id == id)
    }

    /// The typed result of a member, read as the request alone would be.
    pub fn get<K: Expect>(&self, member: &Handle<K>) -> Result<K::Output, ResponseError> {
        match self.answer(&member.id) {
            Some(a) => crate::request::read_answer(member.protocol, &member.expect, a.status, &a.headers, &a.body),
            None => Err(ResponseError::Undecodable {
                status: self.status,
                body: Vec::new(),
                reason: format!("the batch answer has nothing for member `{}`", member.id),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expect::{Count, NoContent};
    use crate::path::Path;

    fn root() -> ServiceRoot {
        ServiceRoot::new("https://graph.microsoft.com/v1.0").unwrap()
    }

    #[test]
    fn members_are_checked() {
        let mut batch = Batch::new();
        assert!(matches!(batch.body(&root()), Err(RequestError::Batch(_))));
        let get = Request::new(Method::GET, Path::root("me"), NoContent);
        let a = batch.add(&get).unwrap();
        assert_eq!(a.id(), "1");
        assert!(batch.add_as(&get, Membership::id("1")).is_err());
        let other: Handle<NoContent> = Handle { id: "x".into(), expect: NoContent, protocol: Protocol::V4 };
        assert!(batch.add_as(&get, Membership::id("2").after(&other)).is_err());
        batch.add_as(&get, Membership::id("g1").in_group("g")).unwrap();
        batch.add(&get).unwrap();
        assert!(batch.add_as(&get, Membership::id("g2").in_group("g")).is_err());
    }

    #[test]
    fn body_and_answers() {
        let mut batch = Batch::new().with_leading_slash();
        let count: Request<Count<()>> = Request::new(Method::GET, Path::root("users").join("$count"), Count::default())
            .header("ConsistencyLevel", "eventual");
        let a = batch.add(&count).unwrap();
        let patch =
            Request::new(Method::PATCH, Path::root("me"), NoContent).with_json(&serde_json::json!({"city": "Redmond"}));
        let b = batch.add_as(&patch, Membership::id("2").after(&a)).unwrap();
        let body = batch.body(&root()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"requests": [
                {"id": "1", "method": "GET", "url": "/users/$count", "headers": {"consistencylevel": "eventual"}},
                {"id": "2", "method": "PATCH", "url": "/me", "dependsOn": ["1"], "body": {"city": "Redmond"},
                 "headers": {"content-type": "application/json"}},
            ]})
        );
        let answer = br#"{"responses":[{"id":"2","status":412,"body":{"error":{"code":"x","message":"y"}}},
            {"id":"1","status":200,"headers":{"Content-Type":"text/plain"},"body":"17"}]}"#;
        let answers = batch.parse(StatusCode::OK, &HeaderMap::new(), answer).unwrap();
        assert_eq!(answers.get(&a).unwrap(), 17);
        assert!(matches!(answers.get(&b), Err(ResponseError::Precondition { .. })));
    }
}
