//! What goes over the wire and what comes back, independent of the client library.

pub use super::fault::Fault;
pub use crate::request::RequestSettings;
use crate::setting::Setting;

/// A request as bytes and header lines, ready to send (made from a
/// [`crate::request::RequestSpec`]): every variable substituted, auth applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HttpRequest {
    pub method: String,
    /// The URL as sent: encoded the way Postman encodes it.
    pub url: String,
    /// Headers in the order they are sent; names keep the case the collection gave them.
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// The body is a file or a multipart form, which Node streams: its
    /// `Content-Length` is written after the jar's `Cookie`, as is an empty body's.
    pub streamed_body: bool,
    pub settings: RequestSettings,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HttpResponse {
    pub code: u16,
    /// The reason phrase ("OK", "Not Found").
    pub status: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// From sending the request to the end of the body, in milliseconds.
    pub time_ms: u64,
    /// The URL that answered, after redirects.
    pub url: String,
    /// Cookies the response set, as `name=value` pairs with their attributes.
    pub cookies: Vec<CookieData>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Body plus headers, as Postman counts `responseSize`.
    pub fn size(&self) -> usize {
        self.body.len()
            + self
                .headers
                .iter()
                .map(|(k, v)| k.len() + v.len() + 4)
                .sum::<usize>()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CookieData {
    pub name: String,
    pub value: String,
    pub domain: Option<String>,
    pub path: Option<String>,
    pub expires: Option<String>,
    pub http_only: bool,
    pub secure: bool,
}

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RequestError {
    #[error("invalid URL '{url}': {reason}")]
    InvalidUrl { url: String, reason: String },
    /// Nothing listens at `host:port`; worded as newman (Node) words it.
    #[error("connect ECONNREFUSED {0}")]
    ConnectionRefused(String),
    /// No such host name; worded as newman (Node) words it.
    #[error("getaddrinfo ENOTFOUND {0}")]
    Dns(String),
    /// The connection or the answer went wrong: see [`Fault`].
    #[error(transparent)]
    Network(#[from] Fault),
    /// The body is longer than the maximum response size: not read further.
    #[error("response body over {limit} bytes, the {} limit{}; not read further", Setting::MaxResponseSize, declared.map(|d| format!(" (Content-Length: {d})")).unwrap_or_default())]
    TooLarge { limit: u64, declared: Option<u64> },
    #[error("TLS error: {0}")]
    Tls(String),
    /// Not sent: the client's divert (`run --mock`) does not allow this URL.
    #[error("{method} {url} not sent: {reason}")]
    Refused {
        method: String,
        url: String,
        reason: String,
    },
    /// The URL whose redirect went over `maxRedirects`; worded as newman words it.
    #[error("Exceeded maxRedirects. Probably stuck in a redirect loop {0}")]
    TooManyRedirects(String),
    #[error("cannot read file for the body: {0}")]
    File(String),
    #[error("{0}")]
    Other(String),
}

impl RequestError {
    /// Node's error code where newman's error has one (`ECONNREFUSED`,
    /// `ENOTFOUND`, …), so tools and scripts that look at `code` still work.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            RequestError::ConnectionRefused(_) => Some("ECONNREFUSED"),
            RequestError::Dns(_) => Some("ENOTFOUND"),
            RequestError::Network(f) => f.code(),
            RequestError::File(_) => Some("ENOENT"),
            RequestError::InvalidUrl { .. } => Some("ERR_INVALID_URL"),
            RequestError::TooManyRedirects(_) => Some("ERR_TOO_MANY_REDIRECTS"),
            RequestError::Tls(_)
            | RequestError::TooLarge { .. }
            | RequestError::Other(_)
            | RequestError::Refused { .. } => None,
        }
    }
}
