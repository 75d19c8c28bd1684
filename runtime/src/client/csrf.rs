//! The CSRF token OData v2 services of SAP Gateway ask for before a change.
//!
//! Such a service answers a change (`POST`, `PUT`, `MERGE`, `PATCH`,
//! `DELETE`) without a valid `X-CSRF-Token` with `403` and `X-CSRF-Token:
//! Required`. The token comes with a `GET` that sends `X-CSRF-Token:
//! Fetch`, and is valid for the session its cookies name. So before the
//! first change of an OData v2 request the client fetches a token (once,
//! then kept), sends it with the session cookies of that answer, and on a
//! `403 … Required` fetches a new one and sends the change once more. A
//! service that gives no token (one that does not use them) is asked once.

use http::{HeaderMap, HeaderValue};

/// What a token fetch gave.
#[derive(Clone, Debug, Default)]
pub(super) struct Csrf {
    /// Whether a fetch was made (a service without tokens is asked once).
    pub fetched: bool,
    /// The token, when the service gave one.
    pub token: Option<HeaderValue>,
    /// The `name=value` of each cookie the fetch's answer set.
    pub cookies: Option<HeaderValue>,
}

impl Csrf {
    /// Reads a fetch's answer.
    pub fn from_answer(headers: &HeaderMap) -> Csrf {
        let token = headers.get("x-csrf-token").filter(|v| !v.as_bytes().eq_ignore_ascii_case(b"required")).cloned();
        let pairs: Vec<&str> = headers
            .get_all(http::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .map(str::trim)
            .filter(|pair| pair.contains('='))
            .collect();
        let cookies = if pairs.is_empty() { None } else { HeaderValue::from_str(&pairs.join("; ")).ok() };
        Csrf { fetched: true, token, cookies }
    }

    /// Adds the token and the session cookies to a change.
    pub fn apply(&self, headers: &mut HeaderMap) {
        if let Some(token) = &self.token {
            headers.insert("x-csrf-token", token.clone());
        }
        if let (Some(cookies), false) = (&self.cookies, headers.contains_key(http::header::COOKIE)) {
            headers.insert(http::header::COOKIE, cookies.clone());
        }
    }
}

/// Whether an answer says the change needs a (new) token.
pub(super) fn required(status: http::StatusCode, headers: &HeaderMap) -> bool {
    status == http::StatusCode::FORBIDDEN
        && headers.get("x-csrf-token").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"required"))
}
