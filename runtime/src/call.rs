//! Requests of operations and streams: function calls with their
//! arguments in the URL, actions with their parameters as the body, and
//! the content of streams.

use http::Method;
use serde::Serialize;

use crate::expect::{self, Expect};
use crate::literal::Literal;
use crate::path::{Path, Protocol};
use crate::request::{Request, RequestError};

/// A stream: the content of a media entity (`$value`) or of an
/// `Edm.Stream` property, read and written as bytes with a content type.
///
/// ```
/// use odata_runtime::http;
/// use odata_runtime::request::{Path, ServiceRoot, StreamRef};
///
/// let root = ServiceRoot::new("https://host/odata")?;
/// let photo = StreamRef::new(Path::root("people").key(&"ada").join("photo"));
///
/// let put = photo.put("image/png", b"\x89PNG".to_vec()).to_request(&root)?;
/// assert_eq!(put.method(), "PUT");
/// assert_eq!(put.uri(), "https://host/odata/people('ada')/photo");
/// assert_eq!(put.headers()["content-type"], "image/png");
/// assert_eq!(put.headers()["content-length"], "4");
///
/// let get = photo.get();
/// assert_eq!(get.to_request(&root)?.headers()["accept"], "*/*");
/// let answer = http::Response::builder()
///     .header("content-type", "image/png")
///     .header("etag", "\"7\"")
///     .body(vec![1u8, 2, 3])?;
/// let media = get.parse_response(&answer)?;
/// assert_eq!(media.content_type.as_deref(), Some("image/png"));
/// assert_eq!(media.etag.as_deref(), Some("\"7\""));
/// assert_eq!(media.bytes, [1, 2, 3]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamRef {
    path: Path,
}

impl StreamRef {
    /// The stream at `path`.
    pub fn new(path: Path) -> Self {
        StreamRef { path }
    }

    /// The path, relative to the service root.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `GET` of the content.
    pub fn get(&self) -> Request<expect::Bytes> {
        Request::new(Method::GET, self.path.clone(), expect::Bytes)
    }

    /// `PUT` of new content.
    pub fn put(&self, content_type: &str, bytes: Vec<u8>) -> Request<expect::NoContent> {
        Request::new(Method::PUT, self.path.clone(), expect::NoContent).with_bytes(content_type, bytes)
    }
}

/// A function call being written: `name(p1=literal,p2=@p2)?@p2=<JSON>`.
/// Primitive and enum arguments are written inline as literals; complex
/// and collection arguments as JSON in parameter aliases, which OData
/// allows only there.
///
/// ```
/// use odata_runtime::expect::Primitive;
/// use odata_runtime::request::{Call, Path, ServiceRoot};
/// use odata_runtime::serde_json::json;
///
/// let root = ServiceRoot::new("https://host/odata")?;
/// let call = Call::new(&Path::root("people").key(&"ada"), "ns.nearestAirport")
///     .arg("name", &"O'Hare")
///     .opt_arg::<i32>("limit", None)
///     .json_arg("area", &json!({"city": "Oslo"}));
/// assert_eq!(call.path().as_str(), "people('ada')/ns.nearestAirport(name='O''Hare',area=@area)");
///
/// let request = call.request(Primitive::<Option<String>>::default()).to_request(&root)?;
/// assert_eq!(request.method(), "GET");
/// assert_eq!(
///     request.uri(),
///     "https://host/odata/people('ada')/ns.nearestAirport(name='O''Hare',area=@area)?@area=%7B%22city%22:%22Oslo%22%7D"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Call {
    base: Path,
    name: String,
    args: Vec<(String, String)>,
    aliases: Vec<(String, String)>,
    error: Option<RequestError>,
}

impl Call {
    /// A call of function `name` (namespace-qualified when bound) on the
    /// resource at `base` (the empty path for a function import).
    pub fn new(base: &Path, name: &str) -> Self {
        Call { base: base.clone(), name: name.to_owned(), args: Vec::new(), aliases: Vec::new(), error: None }
    }

    /// Argument `name`, written as a literal (an OData v2 literal on a
    /// v2 path).
    pub fn arg(mut self, name: &str, value: &dyn Literal) -> Self {
        let literal = match self.base.protocol() {
            Protocol::V4 => crate::literal::to_literal(value),
            Protocol::V2 => crate::literal::to_v2_literal(value),
        };
        self.args.push((name.to_owned(), literal));
        self
    }

    /// Argument `name` when given; left out when `None` (an optional
    /// parameter).
    pub fn opt_arg<L: Literal>(self, name: &str, value: Option<L>) -> Self {
        match value {
            Some(v) => self.arg(name, &v),
            None => self,
        }
    }

    /// Argument `name` as JSON in the alias `@name`.
    pub fn json_arg<V: Serialize + ?Sized>(mut self, name: &str, value: &V) -> Self {
        if self.base.protocol() == Protocol::V2 {
            self.error = Some(RequestError::Body(format!(
                "parameter `{name}`: OData v2 function imports take only primitive arguments"
            )));
            return self;
        }
        match serde_json::to_string(value) {
            Ok(json) => {
                self.args.push((name.to_owned(), format!("@{name}")));
                self.aliases.push((format!("@{name}"), json));
            }
            Err(e) => self.error = Some(RequestError::Body(format!("parameter `{name}`: {e}"))),
        }
        self
    }

    /// [`Call::json_arg`] when given; left out when `None`.
    pub fn opt_json_arg<V: Serialize>(self, name: &str, value: Option<&V>) -> Self {
        match value {
            Some(v) => self.json_arg(name, v),
            None => self,
        }
    }

    /// The path of the call, for a composable function whose result is
    /// addressed further. Aliases cannot be part of a path: a call with
    /// JSON arguments is only sent as a request.
    ///
    /// An OData v2 function import has its arguments in the query string,
    /// not in its path: this is the path without them.
    pub fn path(&self) -> Path {
        match self.base.protocol() {
            Protocol::V4 => {
                let args: Vec<(&str, &str)> = self.args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
                self.base.call(&self.name, &args)
            }
            Protocol::V2 if self.base.as_str().is_empty() => Path::root_v2(&self.name),
            Protocol::V2 => self.base.join(&self.name),
        }
    }

    /// The `GET` request of the call.
    pub fn request<K: Expect>(self, expect: K) -> Request<K> {
        self.request_with(Method::GET, expect)
    }

    /// The request of an OData v2 function import whose `m:HttpMethod` is
    /// `method` (`POST`, `PUT`, `MERGE`, `DELETE`): the arguments in the
    /// query string as v2 literals, no body.
    ///
    /// ```
    /// use odata_runtime::edm::Int64;
    /// use odata_runtime::expect::NoContent;
    /// use odata_runtime::request::{Call, Path, ServiceRoot};
    ///
    /// let root = ServiceRoot::new("https://host/sap/opu/odata/sap/API_SRV")?;
    /// let call = Call::new(&Path::root_v2(""), "ReleaseOrder").arg("Order", &"4711").arg("Level", &Int64::new(2));
    /// let request = call.request_as("POST", NoContent).to_request(&root)?;
    /// assert_eq!(request.method(), "POST");
    /// assert_eq!(request.uri(), "https://host/sap/opu/odata/sap/API_SRV/ReleaseOrder?Order='4711'&Level=2L");
    /// assert_eq!(request.headers()["content-length"], "0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn request_as<K: Expect>(self, method: &str, expect: K) -> Request<K> {
        match Method::from_bytes(method.as_bytes()) {
            Ok(method) => self.request_with(method, expect),
            Err(_) => {
                let e = RequestError::Header(format!("`{method}` is not an HTTP method"));
                Request::new(Method::GET, self.path(), expect).failed(e)
            }
        }
    }

    fn request_with<K: Expect>(self, method: Method, expect: K) -> Request<K> {
        let mut request = Request::new(method, self.path(), expect);
        if self.base.protocol() == Protocol::V2 {
            // A parameter given as `None` is left out of the query string
            // (a string `'null'` is quoted, so this is only `None`).
            for (name, literal) in self.args.into_iter().filter(|(_, literal)| literal != "null") {
                request = request.query(name, literal);
            }
        }
        for (alias, json) in self.aliases {
            request = request.query(alias, json);
        }
        if let Some(e) = self.error {
            request = request.failed(e);
        }
        request
    }
}

/// `POST` of action `name` (namespace-qualified when bound) on the
/// resource at `base`, with no parameters: no body.
pub fn action<K: Expect>(base: &Path, name: &str, expect: K) -> Request<K> {
    let path = if base.as_str().is_empty() { Path::root(name) } else { base.join(name) };
    Request::new(Method::POST, path, expect)
}

/// `POST` of action `name` with its parameters as the JSON body.
///
/// ```
/// use odata_runtime::expect::NoContent;
/// use odata_runtime::request::{Path, ServiceRoot, action, action_with};
/// use odata_runtime::serde_json::json;
///
/// let root = ServiceRoot::new("https://host/odata")?;
/// let promote = action_with(&Path::root("people").key(&1), "ns.promote", &json!({"level": 2}), NoContent);
/// let request = promote.to_request(&root)?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri(), "https://host/odata/people(1)/ns.promote");
/// assert_eq!(request.body(), br#"{"level":2}"#);
///
/// // An action import: the empty path as base; no parameters, no body.
/// let reset = action(&Path::root(""), "ResetDataSource", NoContent).to_request(&root)?;
/// assert_eq!(reset.uri(), "https://host/odata/ResetDataSource");
/// assert_eq!(reset.headers()["content-length"], "0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn action_with<K: Expect, P: Serialize>(base: &Path, name: &str, params: &P, expect: K) -> Request<K> {
    action(base, name, expect).with_json(params)
}
