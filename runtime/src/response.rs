//! Reading responses: typed errors, and the answer to a create request.

use std::fmt;

use http::header::LOCATION;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What a successful create answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Created<T> {
    /// `201 Created` (or `200 OK`) with the created entity, as the service
    /// stored it: server-assigned keys and defaults filled in.
    Entity(T),
    /// `204 No Content`, the answer to `Prefer: return=minimal`: where the
    /// new entity is.
    Location {
        /// The `Location` header, or `OData-EntityId` when there is no
        /// `Location`. It may be relative to the request URL.
        location: String,
        /// The `OData-EntityId` header, the entity's id, when the service
        /// sent one.
        entity_id: Option<String>,
    },
}

/// An error the service answered instead of a result.
///
/// ```
/// use odata_runtime::http::StatusCode;
/// use odata_runtime::response::{ResponseError, error_from};
///
/// let body = br#"{"error":{"code":"BadRequest","message":"Invalid filter.","details":[{"code":"x","message":"at 3"}]}}"#;
/// let error = error_from(StatusCode::BAD_REQUEST, body);
/// assert_eq!(error.status(), 400);
/// assert_eq!(error.to_string(), "the service answered 400 Bad Request: BadRequest: Invalid filter.");
/// match error {
///     ResponseError::OData { error, .. } => assert_eq!(error.details[0].message, "at 3"),
///     other => panic!("expected an OData error, got {other:?}"),
/// }
///
/// // OData 3 writes the message as an object.
/// let v3 = br#"{"error":{"code":"","message":{"lang":"en-US","value":"Stale."}}}"#;
/// match error_from(StatusCode::PRECONDITION_FAILED, v3) {
///     ResponseError::Precondition { error: Some(error), .. } => assert_eq!(error.message, "Stale."),
///     other => panic!("expected a precondition error, got {other:?}"),
/// }
///
/// assert!(matches!(error_from(StatusCode::BAD_GATEWAY, b"<html>"), ResponseError::Undecodable { .. }));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseError {
    /// The service answered with an OData error body.
    OData {
        /// The HTTP status.
        status: StatusCode,
        /// The `error` object of the body (boxed: it is large, and errors
        /// should not make every `Result` large).
        error: Box<ODataError>,
    },
    /// `412 Precondition Failed` (the `If-Match` ETag is not the entity's
    /// current one: someone changed it since it was read) or
    /// `428 Precondition Required` (the service wants an `If-Match`).
    Precondition {
        /// 412 or 428.
        status: StatusCode,
        /// The OData error of the body, when it has one.
        error: Option<Box<ODataError>>,
    },
    /// The answer was not what the request expects and not an OData error:
    /// a body that does not decode into the expected type, a status no
    /// request of this kind gets, a `204` without a location.
    Undecodable {
        /// The HTTP status.
        status: StatusCode,
        /// The body, whole.
        body: Vec<u8>,
        /// Why it could not be decoded.
        reason: String,
    },
}

impl ResponseError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ResponseError::OData { status, .. }
            | ResponseError::Precondition { status, .. }
            | ResponseError::Undecodable { status, .. } => *status,
        }
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ResponseError::OData { status, error } => write!(f, "the service answered {status}: {error}"),
            ResponseError::Precondition { status, error: Some(error) } => {
                write!(f, "the service answered {status} (the ETag does not match): {error}")
            }
            ResponseError::Precondition { status, error: None } => {
                write!(f, "the service answered {status} (the ETag does not match)")
            }
            ResponseError::Undecodable { status, body, reason } => {
                write!(f, "the service answered {status} with a body that could not be decoded ({reason}): ")?;
                let text = String::from_utf8_lossy(body);
                match text.char_indices().nth(200) {
                    Some((at, _)) => write!(f, "{}...", &text[..at]),
                    None => f.write_str(&text),
                }
            }
        }
    }
}

impl std::error::Error for ResponseError {}

/// The `error` object of an OData error response:
/// `{"error": {"code", "message", "target", "details", "innererror"}}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ODataError {
    /// The service-defined error code.
    pub code: String,
    /// The human-readable message.
    pub message: String,
    /// What the error is about, such as the property name.
    pub target: Option<String>,
    /// Further errors.
    pub details: Vec<ODataErrorDetail>,
    /// Service-specific debugging information, as sent.
    pub innererror: Option<Value>,
}

/// One entry of an OData error's `details`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ODataErrorDetail {
    /// The service-defined error code.
    pub code: String,
    /// The human-readable message.
    pub message: String,
    /// What the error is about.
    pub target: Option<String>,
}

impl ODataError {
    /// Reads an OData error body. The `message` may also be the OData 3
    /// form `{"lang": ..., "value": ...}`. `None` when the body is not an
    /// object with an `error` object.
    pub fn from_body(body: &[u8]) -> Option<Self> {
        let value: Value = serde_json::from_slice(body).ok()?;
        let error = value.get("error")?.as_object()?;
        let text = |v: Option<&Value>| -> Option<String> {
            match v? {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("value").and_then(Value::as_str).map(str::to_owned),
                Value::Null => None,
                other => Some(other.to_string()),
            }
        };
        let details = error
            .get("details")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .map(|d| ODataErrorDetail {
                        code: text(d.get("code")).unwrap_or_default(),
                        message: text(d.get("message")).unwrap_or_default(),
                        target: text(d.get("target")),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(ODataError {
            code: text(error.get("code")).unwrap_or_default(),
            message: text(error.get("message")).unwrap_or_default(),
            target: text(error.get("target")),
            details,
            innererror: error.get("innererror").cloned(),
        })
    }
}

impl fmt::Display for ODataError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(target) = &self.target {
            write!(f, " (target `{target}`)")?;
        }
        Ok(())
    }
}

/// The error for a response that is not a success: typed when the body is
/// an OData error, kept raw otherwise.
pub fn error_from(status: StatusCode, body: &[u8]) -> ResponseError {
    if status == StatusCode::PRECONDITION_FAILED || status == StatusCode::PRECONDITION_REQUIRED {
        return ResponseError::Precondition { status, error: ODataError::from_body(body).map(Box::new) };
    }
    match ODataError::from_body(body) {
        Some(error) => ResponseError::OData { status, error: Box::new(error) },
        None => ResponseError::Undecodable {
            status,
            body: body.to_vec(),
            reason: format!("{status} is not a success and the body is not an OData error"),
        },
    }
}

/// Reads the answer to a create request.
///
/// ```
/// use odata_runtime::http::{HeaderMap, StatusCode};
/// use odata_runtime::response::{Created, parse_created};
/// use odata_runtime::serde_json::{Value, json};
///
/// let none = HeaderMap::new();
/// let made: Created<Value> = parse_created(StatusCode::CREATED, &none, br#"{"id":"7","name":"Ada"}"#)?;
/// assert_eq!(made, Created::Entity(json!({"id": "7", "name": "Ada"})));
///
/// // The answer to `Prefer: return=minimal`.
/// let mut headers = HeaderMap::new();
/// headers.insert("location", "https://host/odata/people('7')".parse()?);
/// let minimal: Created<Value> = parse_created(StatusCode::NO_CONTENT, &headers, b"")?;
/// assert_eq!(minimal, Created::Location { location: "https://host/odata/people('7')".into(), entity_id: None });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_created<T: DeserializeOwned>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Created<T>, ResponseError> {
    let undecodable = |reason: String| ResponseError::Undecodable { status, body: body.to_vec(), reason };
    match status {
        StatusCode::CREATED | StatusCode::OK => match serde_json::from_slice(body) {
            Ok(entity) => Ok(Created::Entity(entity)),
            Err(e) => Err(undecodable(e.to_string())),
        },
        StatusCode::NO_CONTENT => {
            let header = |name| headers.get(name).and_then(|v: &http::HeaderValue| v.to_str().ok()).map(str::to_owned);
            let entity_id = header("OData-EntityId");
            match header(LOCATION.as_str()).or_else(|| entity_id.clone()) {
                Some(location) => Ok(Created::Location { location, entity_id }),
                None => Err(undecodable("204 No Content without a Location or OData-EntityId header".into())),
            }
        }
        _ if status.is_success() => Err(undecodable(format!("a create request does not expect {status}"))),
        _ => Err(error_from(status, body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odata_errors() {
        let body = br#"{"error":{"code":"400","message":"Value \"yes\" is not a valid Boolean","target":"enabled","details":[{"code":"x","message":"y"}],"innererror":{"date":"now"}}}"#;
        let error = ODataError::from_body(body).unwrap();
        assert_eq!(error.code, "400");
        assert_eq!(error.target.as_deref(), Some("enabled"));
        assert_eq!(error.details.len(), 1);
        assert_eq!(error.innererror, Some(serde_json::json!({"date": "now"})));
        let v3 = br#"{"error":{"code":"","message":{"lang":"en-US","value":"bad"}}}"#;
        assert_eq!(ODataError::from_body(v3).unwrap().message, "bad");
        assert!(ODataError::from_body(b"<html>").is_none());
        assert!(ODataError::from_body(br#"{"error":"x"}"#).is_none());
    }

    #[test]
    fn created_statuses() {
        let headers = HeaderMap::new();
        let r: Result<Created<Value>, _> = parse_created(StatusCode::CREATED, &headers, br#"{"id":"1"}"#);
        assert_eq!(r.unwrap(), Created::Entity(serde_json::json!({"id": "1"})));
        let r: Result<Created<Value>, _> = parse_created(StatusCode::NO_CONTENT, &headers, b"");
        assert!(matches!(r, Err(ResponseError::Undecodable { .. })));
        let mut headers = HeaderMap::new();
        headers.insert("OData-EntityId", "http://h/s('1')".parse().unwrap());
        let r: Result<Created<Value>, _> = parse_created(StatusCode::NO_CONTENT, &headers, b"");
        assert_eq!(
            r.unwrap(),
            Created::Location { location: "http://h/s('1')".into(), entity_id: Some("http://h/s('1')".into()) }
        );
        let r: Result<Created<Value>, _> = parse_created(StatusCode::INTERNAL_SERVER_ERROR, &headers, b"oops");
        match r {
            Err(ResponseError::Undecodable { status, body, .. }) => {
                assert_eq!(status, 500);
                assert_eq!(body, b"oops");
            }
            other => panic!("{other:?}"),
        }
    }
}
