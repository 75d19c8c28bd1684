//! Where requests go: the service root, resource paths, and the
//! percent-encoding of path segments and query values.

use std::fmt;

use crate::literal::Literal;

/// The root URL of an OData service, such as
/// `https://graph.microsoft.com/v1.0`. Request paths are appended to it.
///
/// ```
/// use odata_runtime::request::{Path, ServiceRoot};
///
/// let root = ServiceRoot::new("https://services.odata.org/V4/TripPinService/")?;
/// assert_eq!(root.as_str(), "https://services.odata.org/V4/TripPinService");
/// assert_eq!(root.url(&Path::root("People")), "https://services.odata.org/V4/TripPinService/People");
///
/// // Links a service answers, absolute or relative to the root:
/// assert_eq!(root.resolve("People('russell')"), "https://services.odata.org/V4/TripPinService/People('russell')");
/// assert_eq!(root.relative("https://services.odata.org/V4/TripPinService/People?$skip=8"), Some("People?$skip=8"));
/// assert_eq!(root.relative("https://example.com/People"), None);
///
/// assert!(ServiceRoot::new("services.odata.org/V4").is_err());
/// assert!(ServiceRoot::new("https://host/odata?sap-client=100").is_err());
/// # Ok::<(), odata_runtime::request::InvalidServiceRoot>(())
/// ```
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
        format!("{}/{}", self.0, path.text)
    }

    /// The absolute URL of a `Location`, `OData-EntityId`, `@odata.id` or
    /// next link a service answered: as it is when absolute, else relative
    /// to the root (some services, such as CAP, send `security('1')`).
    pub fn resolve(&self, location: &str) -> String {
        if location.starts_with("http://") || location.starts_with("https://") {
            location.to_owned()
        } else {
            format!("{}/{}", self.0, location.trim_start_matches('/'))
        }
    }

    /// `url` relative to this root (`users?$top=1` for
    /// `https://host/v1.0/users?$top=1`), when it is below it.
    pub fn relative<'a>(&self, url: &'a str) -> Option<&'a str> {
        let rest = url.strip_prefix(self.0.as_str())?;
        match rest.as_bytes().first() {
            None => Some(""),
            Some(b'/') => Some(&rest[1..]),
            Some(b'?') => Some(rest),
            _ => None,
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
///
/// Generated path types hold one and add segments as they go; keys are
/// written as OData literals ([`crate::literal`]), then percent-encoded.
///
/// ```
/// use odata_runtime::edm::{DateTimeOffset, Guid};
/// use odata_runtime::request::Path;
///
/// let users = Path::root("users");
/// assert_eq!(users.key(&"O'Neil").join("messages").as_str(), "users('O''Neil')/messages");
/// assert_eq!(users.key(&"a/b c+d").as_str(), "users('a%2Fb%20c%2Bd')");
/// assert_eq!(users.key_segment(&"adele@contoso.com").as_str(), "users/adele@contoso.com");
///
/// let id = Guid::parse("2026c75e-c75e-2026-5ec7-26205ec72620")?;
/// assert_eq!(users.key(&id).as_str(), "users(2026c75e-c75e-2026-5ec7-26205ec72620)");
/// let at = DateTimeOffset::parse("2019-03-01T00:00:00+01:00")?;
/// assert_eq!(Path::root("events").key(&at).as_str(), "events(2019-03-01T00:00:00%2B01:00)");
///
/// let line = Path::root("orderLines").composite_key(&[("orderId", &7i64), ("product", &"x")]);
/// assert_eq!(line.as_str(), "orderLines(orderId=7,product='x')");
/// let view = Path::root("me").call("microsoft.graph.reminderView", &[("StartDateTime", "'2017-06-05T10:00:00'")]);
/// assert_eq!(view.as_str(), "me/microsoft.graph.reminderView(StartDateTime='2017-06-05T10:00:00')");
/// # Ok::<(), odata_runtime::edm::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path {
    text: String,
    /// Where the last segment starts (for `$links`, which goes before it).
    last: usize,
    protocol: Protocol,
}

/// The protocol a path's service speaks. Generated crates start every path
/// with [`Path::root`] or [`Path::root_v2`], and every path and request
/// made from it keeps the protocol: it decides the literals of keys and
/// arguments, the method of updates, the form of references and counts,
/// the headers, and how answers are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    /// OData v4.
    #[default]
    V4,
    /// OData v2 (and v3 services that speak verbose JSON): `{"d": ...}`
    /// answers, `MERGE`, `$links`, `$inlinecount`, v2 literals (`12L`,
    /// `guid'…'`, `datetime'…'`), function imports with their arguments in
    /// the query string.
    V2,
}

impl Protocol {
    /// The names of its version headers and their value: (`OData-MaxVersion`,
    /// `OData-Version`, `4.0`) or (`MaxDataServiceVersion`,
    /// `DataServiceVersion`, `2.0`).
    pub(crate) fn version_headers(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Protocol::V4 => ("OData-MaxVersion", "OData-Version", "4.0"),
            Protocol::V2 => ("MaxDataServiceVersion", "DataServiceVersion", "2.0"),
        }
    }
}

impl Path {
    /// The path of an entity set, singleton or operation import of an
    /// OData v4 service.
    pub fn root(name: &str) -> Path {
        let mut text = String::with_capacity(name.len());
        encode_segment(&mut text, name);
        Path { text, last: 0, protocol: Protocol::V4 }
    }

    /// The path of an entity set or function import of an OData v2
    /// service.
    ///
    /// ```
    /// use odata_runtime::edm::{Guid, Int64};
    /// use odata_runtime::request::{Path, Protocol};
    ///
    /// let people = Path::root_v2("People");
    /// assert_eq!(people.protocol(), Protocol::V2);
    /// let id = Guid::parse("2026c75e-c75e-2026-5ec7-26205ec72620")?;
    /// assert_eq!(people.key(&id).as_str(), "People(guid'2026c75e-c75e-2026-5ec7-26205ec72620')");
    /// assert_eq!(people.key(&Int64::new(7)).join("Friends").as_str(), "People(7L)/Friends");
    /// // References are `$links` in OData v2.
    /// let friend = people.key(&"ada").join("Friends").key(&"bob");
    /// assert_eq!(friend.reference().as_str(), "People('ada')/$links/Friends('bob')");
    /// # Ok::<(), odata_runtime::edm::ParseError>(())
    /// ```
    pub fn root_v2(name: &str) -> Path {
        Path { protocol: Protocol::V2, ..Path::root(name) }
    }

    /// The protocol of the service.
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// This path followed by `/segment` (a navigation or stream property,
    /// a type cast, a bound operation, `$value`, `$count`).
    pub fn join(&self, segment: &str) -> Path {
        let mut text = String::with_capacity(self.text.len() + 1 + segment.len());
        text.push_str(&self.text);
        if !text.is_empty() {
            text.push('/');
        }
        let last = text.len();
        encode_segment(&mut text, segment);
        Path { text, last, protocol: self.protocol }
    }

    /// The reference of the navigation property this path ends with (or
    /// of the member of one): `…/members/$ref` in OData v4,
    /// `…/$links/members` in OData v2.
    pub fn reference(&self) -> Path {
        match self.protocol {
            Protocol::V4 => self.join("$ref"),
            Protocol::V2 => {
                let (head, tail) = self.text.split_at(self.last);
                let text = format!("{head}$links/{tail}");
                Path { last: head.len() + "$links/".len(), text, protocol: self.protocol }
            }
        }
    }

    /// The key segment this path ends with (`('u')` of `people('u')`).
    pub(crate) fn last_key(&self) -> Option<&str> {
        let last = &self.text[self.last..];
        last.find('(').map(|at| &last[at..])
    }

    /// This path with `key` (written, encoded) appended to its last segment.
    pub(crate) fn with_key_text(&self, key: &str) -> Path {
        Path { text: format!("{}{key}", self.text), ..*self }
    }

    /// Whether this is the path of a reference ([`Path::reference`]).
    pub fn is_reference(&self) -> bool {
        match self.protocol {
            Protocol::V4 => self.text.ends_with("/$ref"),
            Protocol::V2 => self.text[..self.last].ends_with("/$links/"),
        }
    }

    fn write_literal(&self, key: &dyn Literal, out: &mut String) {
        match self.protocol {
            Protocol::V4 => key.write_literal(out),
            Protocol::V2 => key.write_v2_literal(out),
        }
    }

    /// This path followed by a single-property key: `(literal)`.
    pub fn key(&self, key: &dyn Literal) -> Path {
        let mut text = self.text.clone();
        text.push('(');
        let mut literal = String::new();
        self.write_literal(key, &mut literal);
        encode_segment(&mut text, &literal);
        text.push(')');
        Path { text, ..*self }
    }

    /// This path followed by a single-property key as a segment of its own
    /// (`users/42`, `users/adele@contoso.com`): a string key is written as
    /// it is, other keys as their literal.
    pub fn key_segment(&self, key: &dyn Literal) -> Path {
        let mut literal = String::new();
        match self.protocol {
            Protocol::V4 => key.write_segment(&mut literal),
            Protocol::V2 => key.write_v2_literal(&mut literal),
        }
        self.join(&literal)
    }

    /// This path followed by a key of several properties: `(a=1,b='x')`.
    pub fn composite_key(&self, parts: &[(&str, &dyn Literal)]) -> Path {
        let mut path = self.text.clone();
        path.push('(');
        let mut literal = String::new();
        for (i, (name, value)) in parts.iter().enumerate() {
            if i > 0 {
                path.push(',');
            }
            encode_segment(&mut path, name);
            path.push('=');
            literal.clear();
            self.write_literal(*value, &mut literal);
            encode_segment(&mut path, &literal);
        }
        path.push(')');
        Path { text: path, ..*self }
    }

    /// This path followed by a function call segment,
    /// `name(p1=literal,p2=@p2)`: `args` are the parameter names and their
    /// literals or alias names, already written (not yet encoded).
    pub fn call(&self, name: &str, args: &[(&str, &str)]) -> Path {
        let mut path = self.join(name);
        path.text.push('(');
        for (i, (param, value)) in args.iter().enumerate() {
            if i > 0 {
                path.text.push(',');
            }
            encode_segment(&mut path.text, param);
            path.text.push('=');
            encode_segment(&mut path.text, value);
        }
        path.text.push(')');
        path
    }

    /// The encoded path.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.text)
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn percent(out: &mut String, b: u8) {
    out.push('%');
    out.push(HEX[usize::from(b >> 4)] as char);
    out.push(HEX[usize::from(b & 15)] as char);
}

/// Appends `text` percent-encoded for a path segment. Kept as is: letters,
/// digits, `-._~` and the characters OData literals need (`'`, `(`, `)`,
/// `,`, `=`, `:`, `@`, `!`, `$`, `*`). Everything else, `+`, `&`, `;`, `/`,
/// `%`, `?`, `#`, spaces and non-ASCII among it, is encoded.
pub fn encode_segment(out: &mut String, text: &str) {
    for &b in text.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.' | b'_' | b'~' | b'\'' | b'(' | b')' | b',' | b'=' | b':' | b'@' | b'!' | b'$' | b'*'
            );
        if keep { out.push(b as char) } else { percent(out, b) }
    }
}

/// Appends `text` percent-encoded for the name or value of a query option.
/// Kept as is: letters, digits, `-._~` and `'`, `(`, `)`, `,`, `:`, `@`,
/// `$`, `*`, `!`, `/`, `;`. Everything that could end a value or start
/// another option (`&`, `=`, `#`, `+`, which some servers read as a
/// space), `%`, spaces, quotes and non-ASCII is encoded, so no value can
/// inject an option.
pub fn encode_query(out: &mut String, text: &str) {
    for &b in text.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.' | b'_' | b'~' | b'\'' | b'(' | b')' | b',' | b':' | b'@' | b'$' | b'*' | b'!' | b'/' | b';'
            );
        if keep { out.push(b as char) } else { percent(out, b) }
    }
}

/// Decodes `%XX` escapes (for tests and for reading links back); invalid
/// escapes are kept as written.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(|&c| hex(c)), bytes.get(i + 2).and_then(|&c| hex(c)))
            {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edm;

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
        assert_eq!(
            Path::root("me")
                .call("microsoft.graph.reminderView", &[("StartDateTime", "'2017-06-05T10:00:00'")])
                .as_str(),
            "me/microsoft.graph.reminderView(StartDateTime='2017-06-05T10:00:00')"
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
        assert_eq!(root.relative("http://127.0.0.1:4004/odata/v4/graph/people?$skip=3"), Some("people?$skip=3"));
        assert_eq!(root.relative("http://127.0.0.1:4004/odata/v4/graphx"), None);
    }

    #[test]
    fn query_encoding_keeps_values_apart() {
        let mut out = String::new();
        encode_query(&mut out, "a&b=c#d+e %f'é\"");
        assert_eq!(out, "a%26b%3Dc%23d%2Be%20%25f'%C3%A9%22");
        assert_eq!(decode(&out), "a&b=c#d+e %f'é\"");
        assert_eq!(decode("%zz%4"), "%zz%4");
    }
}
