//! Building requests, without sending them.
//!
//! Generated code builds a [`Path`] from entity sets, singletons, keys and
//! navigation properties; [`Create`] turns a path and a body into an
//! `http::Request` that any HTTP client can send, and parses the response
//! that comes back. Authorization is the caller's: add the header to the
//! request before sending it.

use std::fmt;
use std::marker::PhantomData;

use http::Method;
use http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use serde::ser::{Serialize, Serializer};

use crate::edm;
use crate::response::{self, Created, ResponseError};
use crate::traits::{EnumMember, Payload, WriteMode};

/// The root URL of an OData service, such as
/// `https://graph.microsoft.com/v1.0`. Request paths are appended to it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServiceRoot(String);

/// A service root that is not an absolute `http` or `https` URL without
/// query or fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidServiceRoot(String);

impl fmt::Display for InvalidServiceRoot {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "invalid service root: {}", self.0)
    }
}

impl std::error::Error for InvalidServiceRoot {}

impl ServiceRoot {
    /// Checks `url` and drops a trailing `/`.
    pub fn new(url: &str) -> Result<Self, InvalidServiceRoot> {
        let uri: http::Uri = url.parse().map_err(|e| InvalidServiceRoot(format!("`{url}`: {e}")))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            _ => return Err(InvalidServiceRoot(format!("`{url}` is not an http or https URL"))),
        }
        if uri.authority().is_none() {
            return Err(InvalidServiceRoot(format!("`{url}` has no host")));
        }
        if url.contains(['?', '#']) {
            return Err(InvalidServiceRoot(format!("`{url}` has a query or fragment")));
        }
        Ok(ServiceRoot(url.trim_end_matches('/').to_owned()))
    }

    /// The root URL, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &Path) -> String {
        format!("{}/{}", self.0, path.0)
    }

    /// The absolute URL of a `Location` or `OData-EntityId` a service
    /// answered: as it is when absolute, else relative to the root (some
    /// services, such as CAP, send `security('1')`).
    pub fn resolve(&self, location: &str) -> String {
        if location.starts_with("http://") || location.starts_with("https://") {
            location.to_owned()
        } else {
            format!("{}/{}", self.0, location.trim_start_matches('/'))
        }
    }
}

impl fmt::Display for ServiceRoot {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A resource path relative to the service root, already percent-encoded:
/// `users('O''Neil')/messages`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path(String);

impl Path {
    /// The path of an entity set or singleton.
    pub fn root(name: &str) -> Path {
        let mut path = String::with_capacity(name.len());
        encode(&mut path, name);
        Path(path)
    }

    /// This path followed by `/segment` (a navigation property).
    pub fn join(&self, segment: &str) -> Path {
        let mut path = String::with_capacity(self.0.len() + 1 + segment.len());
        path.push_str(&self.0);
        path.push('/');
        encode(&mut path, segment);
        Path(path)
    }

    /// This path followed by a single-property key: `(literal)`.
    pub fn key(&self, key: &dyn KeyLiteral) -> Path {
        let mut path = self.0.clone();
        path.push('(');
        key.write_literal(&mut path);
        path.push(')');
        Path(path)
    }

    /// This path followed by a key of several properties: `(a=1,b='x')`.
    pub fn composite_key(&self, parts: &[(&str, &dyn KeyLiteral)]) -> Path {
        let mut path = self.0.clone();
        path.push('(');
        for (i, (name, value)) in parts.iter().enumerate() {
            if i > 0 {
                path.push(',');
            }
            encode(&mut path, name);
            path.push('=');
            value.write_literal(&mut path);
        }
        path.push(')');
        Path(path)
    }

    /// The encoded path.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Appends `text` percent-encoded for a path segment. Kept as is: letters,
/// digits, `-._~` and the characters OData literals need (`'`, `(`, `)`,
/// `,`, `=`, `:`, `@`, `!`, `$`, `*`). Everything else, `+`, `&`, `;`, `/`,
/// `%`, spaces and non-ASCII among it, is encoded.
fn encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.' | b'_' | b'~' | b'\'' | b'(' | b')' | b',' | b'=' | b':' | b'@' | b'!' | b'$' | b'*'
            );
        if keep {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// A value that can appear in a key segment, written as an OData URL
/// literal and percent-encoded.
pub trait KeyLiteral {
    /// Appends the encoded literal.
    fn write_literal(&self, out: &mut String);
}

/// Appends `'text'` with `'` doubled, as OData string literals are written.
fn quoted(out: &mut String, prefix: &str, text: &str) {
    encode(out, prefix);
    out.push('\'');
    encode(out, &text.replace('\'', "''"));
    out.push('\'');
}

impl KeyLiteral for str {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "", self);
    }
}

impl KeyLiteral for String {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "", self);
    }
}

impl<T: KeyLiteral + ?Sized> KeyLiteral for &T {
    fn write_literal(&self, out: &mut String) {
        (**self).write_literal(out);
    }
}

macro_rules! plain_literal {
    ($($ty:ty),*) => {$(
        impl KeyLiteral for $ty {
            fn write_literal(&self, out: &mut String) {
                encode(out, &self.to_string());
            }
        }
    )*};
}

plain_literal!(
    bool,
    u8,
    i8,
    i16,
    i32,
    i64,
    edm::Int64,
    edm::Decimal,
    edm::Guid,
    edm::Date,
    edm::DateTimeOffset,
    edm::TimeOfDay
);

macro_rules! float_literal {
    ($($ty:ty),*) => {$(
        impl KeyLiteral for $ty {
            fn write_literal(&self, out: &mut String) {
                let v = self.get();
                let text = if v.is_nan() {
                    "NaN".to_owned()
                } else if v.is_infinite() {
                    (if v > 0.0 { "INF" } else { "-INF" }).to_owned()
                } else {
                    v.to_string()
                };
                encode(out, &text);
            }
        }
    )*};
}

float_literal!(edm::Single, edm::Double);

impl KeyLiteral for edm::Duration {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "duration", self.as_str());
    }
}

impl KeyLiteral for edm::Binary {
    fn write_literal(&self, out: &mut String) {
        quoted(out, "binary", self.as_str());
    }
}

/// The key literal of an enum member: `Namespace.Type'member'`.
pub fn enum_literal<E: EnumMember>(value: &E, out: &mut String) {
    quoted(out, E::QUALIFIED_NAME, value.member_name());
}

/// Serializes a payload in a given [`WriteMode`].
struct InMode<'a, T>(&'a T, WriteMode);

impl<T: Payload> Serialize for InMode<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_as(serializer, self.1)
    }
}

/// A request body that could not be serialized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError(String);

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "the request body could not be serialized: {}", self.0)
    }
}

impl std::error::Error for RequestError {}

/// A create request: `POST` of an entity to a collection.
///
/// It holds the collection's path and the serialized body. [`Create::to_request`]
/// gives the request to send; [`Create::parse_response`] reads what the
/// service answered.
#[derive(Clone, Debug)]
pub struct Create<T> {
    path: Path,
    body: Result<Vec<u8>, RequestError>,
    prefer_minimal: bool,
    _value: PhantomData<fn() -> T>,
}

impl<T: Payload> Create<T> {
    /// A request creating `body` in the collection at `path`. Properties the
    /// service computes are left out of the body.
    pub fn new(path: Path, body: &T) -> Self {
        let body = serde_json::to_vec(&InMode(body, WriteMode::Create)).map_err(|e| RequestError(e.to_string()));
        Create { path, body, prefer_minimal: false, _value: PhantomData }
    }

    /// Asks the service not to send the created entity back
    /// (`Prefer: return=minimal`); it answers `204 No Content` with the new
    /// entity's URL in `Location`.
    pub fn prefer_minimal(mut self) -> Self {
        self.prefer_minimal = true;
        self
    }

    /// The collection's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The JSON body.
    pub fn body(&self) -> Result<&[u8], RequestError> {
        self.body.as_deref().map_err(Clone::clone)
    }

    /// The request: `POST <root>/<path>` with the JSON body and its
    /// `Content-Type`, `Content-Length`, `Accept` and OData version headers.
    pub fn to_request(&self, root: &ServiceRoot) -> Result<http::Request<Vec<u8>>, RequestError> {
        let body = self.body()?.to_vec();
        let mut builder = http::Request::builder()
            .method(Method::POST)
            .uri(root.url(&self.path))
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .header(CONTENT_LENGTH, body.len())
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header("OData-Version", HeaderValue::from_static("4.0"))
            .header("OData-MaxVersion", HeaderValue::from_static("4.0"));
        if self.prefer_minimal {
            builder = builder.header("Prefer", HeaderValue::from_static("return=minimal"));
        }
        builder.body(body).map_err(|e| RequestError(e.to_string()))
    }

    /// Reads the service's answer: the created entity (`201`, or `200` with a
    /// body), its location (`204`), or a typed error.
    pub fn parse_response<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<Created<T>, ResponseError> {
        response::parse_created(response.status(), response.headers(), response.body().as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_literals() {
        let users = Path::root("users");
        assert_eq!(users.key(&"O'Neil").as_str(), "users('O''Neil')");
        assert_eq!(users.key(&"a/b c+d%&é").as_str(), "users('a%2Fb%20c%2Bd%25%26%C3%A9')");
        assert_eq!(users.key(&42i32).join("messages").as_str(), "users(42)/messages");
        let guid = edm::Guid::parse("2026c75e-c75e-2026-5ec7-26205ec72620").unwrap();
        assert_eq!(users.key(&guid).as_str(), "users(2026c75e-c75e-2026-5ec7-26205ec72620)");
        let at = edm::DateTimeOffset::parse("2019-03-01T00:00:00+01:00").unwrap();
        assert_eq!(users.key(&at).as_str(), "users(2019-03-01T00:00:00%2B01:00)");
        assert_eq!(users.key(&edm::Double::new(0.5)).as_str(), "users(0.5)");
        assert_eq!(users.key(&edm::Single::new(f32::NEG_INFINITY)).as_str(), "users(-INF)");
        let d = edm::Duration::parse("P1D").unwrap();
        assert_eq!(users.key(&d).as_str(), "users(duration'P1D')");
        assert_eq!(
            Path::root("orderLines").composite_key(&[("orderId", &7i64), ("product", &"x")]).as_str(),
            "orderLines(orderId=7,product='x')"
        );
    }

    #[test]
    fn service_roots() {
        assert_eq!(
            ServiceRoot::new("https://graph.microsoft.com/v1.0/").unwrap().as_str(),
            "https://graph.microsoft.com/v1.0"
        );
        for bad in ["graph.microsoft.com", "ftp://x/", "https://x/?a=1", "", "https:///x"] {
            assert!(ServiceRoot::new(bad).is_err(), "{bad}");
        }
        let root = ServiceRoot::new("http://127.0.0.1:4004/odata/v4/graph").unwrap();
        assert_eq!(root.url(&Path::root("security")), "http://127.0.0.1:4004/odata/v4/graph/security");
        assert_eq!(root.resolve("security('1')"), "http://127.0.0.1:4004/odata/v4/graph/security('1')");
        assert_eq!(root.resolve("https://x/y"), "https://x/y");
    }
}
