//! Sending requests: an async client on `reqwest` (rustls), behind the
//! `client` feature.
//!
//! The rest of the crate builds requests and reads responses without doing
//! I/O; this module only moves them over the network. Errors tell three
//! things apart: the request never got an answer ([`ClientError::Transport`]:
//! refused, timed out, ...), the service answered with an OData error
//! ([`ClientError::OData`]), or it answered something the client cannot
//! decode ([`ClientError::Undecodable`], status and body kept).

use std::fmt;
use std::time::Duration;

use http::StatusCode;
use http::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use crate::Payload;
use crate::request::{Create, Path, ServiceRoot};
use crate::response::{self, Created, ODataError, ResponseError};

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
    /// The answer could not be decoded; status and body are kept.
    Undecodable {
        /// The HTTP status.
        status: StatusCode,
        /// The body, whole.
        body: Vec<u8>,
        /// Why it could not be decoded.
        reason: String,
    },
    /// The request could not be built (its body could not be serialized,
    /// or a configured header is invalid).
    Request(String),
}

impl ClientError {
    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::OData { status, .. } | ClientError::Undecodable { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl From<ResponseError> for ClientError {
    fn from(e: ResponseError) -> Self {
        match e {
            ResponseError::OData { status, error } => ClientError::OData { status, error },
            ResponseError::Undecodable { status, body, reason } => ClientError::Undecodable { status, body, reason },
        }
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
            ClientError::Undecodable { status, reason, .. } => {
                write!(f, "the service answered {status} with a body that could not be decoded: {reason}")
            }
            ClientError::Request(reason) => write!(f, "the request could not be built: {reason}"),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(t) => Some(&t.source),
            _ => None,
        }
    }
}

/// Settings for a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    root: ServiceRoot,
    headers: HeaderMap,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
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

    /// The client.
    pub fn build(self) -> Result<Client, ClientError> {
        if let Some(error) = self.error {
            return Err(ClientError::Request(error));
        }
        let mut builder = reqwest::Client::builder();
        if let Some(t) = self.timeout {
            builder = builder.timeout(t);
        }
        if let Some(t) = self.connect_timeout {
            builder = builder.connect_timeout(t);
        }
        let http = builder.build()?;
        Ok(Client { http, root: self.root, headers: self.headers })
    }
}

/// Sends requests to one service.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    root: ServiceRoot,
    headers: HeaderMap,
}

impl Client {
    /// Settings for a client of the service at `root`.
    pub fn builder(root: ServiceRoot) -> ClientBuilder {
        ClientBuilder { root, headers: HeaderMap::new(), timeout: None, connect_timeout: None, error: None }
    }

    /// The service root.
    pub fn root(&self) -> &ServiceRoot {
        &self.root
    }

    /// Sends a request and reads the whole answer.
    pub async fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, ClientError> {
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

    /// Sends a create request and reads its answer.
    pub async fn create<T: Payload>(&self, create: &Create<T>) -> Result<Created<T>, ClientError> {
        let request = create.to_request(&self.root).map_err(|e| ClientError::Request(e.to_string()))?;
        let response = self.send(request).await?;
        Ok(create.parse_response(&response)?)
    }

    /// `GET` of `path`: an entity, a collection page, or anything else that
    /// deserializes from the answer.
    pub async fn get<T: DeserializeOwned>(&self, path: &Path) -> Result<T, ClientError> {
        let request = http::Request::get(self.root.url(path))
            .header(http::header::ACCEPT, "application/json")
            .header("OData-MaxVersion", "4.0")
            .body(Vec::new())
            .map_err(|e| ClientError::Request(e.to_string()))?;
        let response = self.send(request).await?;
        let status = response.status();
        if !status.is_success() {
            return Err(response::error_from(status, response.body()).into());
        }
        serde_json::from_slice(response.body()).map_err(|e| ClientError::Undecodable {
            status,
            body: response.body().clone(),
            reason: e.to_string(),
        })
    }
}
