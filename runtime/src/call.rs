//! Requests of operations and streams: function calls with their
//! arguments in the URL, actions with their parameters as the body, and
//! the content of streams.

use http::Method;
use serde::Serialize;

use crate::expect::{self, Expect};
use crate::literal::Literal;
use crate::path::Path;
use crate::request::{Request, RequestError};

/// A stream: the content of a media entity (`$value`) or of an
/// `Edm.Stream` property, read and written as bytes with a content type.
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

    /// Argument `name`, written as a literal.
    pub fn arg(mut self, name: &str, value: &dyn Literal) -> Self {
        self.args.push((name.to_owned(), crate::literal::to_literal(value)));
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
    pub fn path(&self) -> Path {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        self.base.call(&self.name, &args)
    }

    /// The `GET` request of the call.
    pub fn request<K: Expect>(self, expect: K) -> Request<K> {
        let mut request = Request::new(Method::GET, self.path(), expect);
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
pub fn action_with<K: Expect, P: Serialize>(base: &Path, name: &str, params: &P, expect: K) -> Request<K> {
    action(base, name, expect).with_json(params)
}
