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
    /// The names of the headers the request set itself (the collection's and
    /// its scripts'), as opposed to those added for it: the auth's, the body's
    /// type and length, the system headers, the jar's cookies. newman's report
    /// marks the added ones `system: true`.
    pub own_headers: Vec<String>,
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

    /// The response's size as newman prints it after the status (postman-collection's
    /// `Response.size().total`): the body, then the head as it would be written
    /// back, `HTTP/X.X <code> <reason>` and each header with their CRLFs, counted
    /// in UTF-16 units as JavaScript counts a string's length.
    pub fn size(&self) -> usize {
        let length = |s: &str| match s.is_ascii() {
            true => s.len(),
            false => s.encode_utf16().count(),
        };
        let digits = self.code.checked_ilog10().map_or(1, |d| d as usize + 1);
        let status_line = "HTTP/X.X ".len() + digits + 1 + length(&self.status) + 4;
        self.body_size()
            + status_line
            + self
                .headers
                .iter()
                .map(|(k, v)| length(k) + length(v) + 4)
                .sum::<usize>()
    }

    /// The body's size as postman-collection counts it (`Response.size().body`):
    /// a gzip or deflate body that says its `Content-Length` counts as that (its
    /// size on the wire), any other as its bytes once decoded. newman adds these
    /// up for the summary's "total data received".
    pub fn body_size(&self) -> usize {
        let compressed = self.header("Content-Encoding").is_some_and(|e| {
            let e = e.to_ascii_lowercase();
            e.contains("gzip") || e.contains("deflate")
        });
        let declared = self
            .header("Content-Length")
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse().ok());
        match (compressed, declared) {
            (true, Some(n)) => n,
            _ => self.body.len(),
        }
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

#[cfg(test)]
mod size_tests {
    use super::HttpResponse;

    fn response(code: u16, status: &str, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
        HttpResponse {
            code,
            status: status.into(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.to_vec(),
            ..Default::default()
        }
    }

    /// Sizes newman 6.2.2 printed after the status for these responses.
    #[test]
    fn sizes_are_newmans() {
        let python = response(
            200,
            "Fine Thanks",
            &[
                ("Server", "BaseHTTP/0.6 Python/3.11.7"),
                ("Date", "Sun, 06 Dec 2026 03:13:04 GMT"),
                ("Content-Type", "application/json"),
                ("Content-Length", "11"),
            ],
            br#"{"ok":true}"#,
        );
        assert_eq!(python.size(), 164);
        let close = [("Content-Length", "2"), ("Connection", "close")];
        assert_eq!(response(200, "OK", &close, b"{}").size(), 59);
        assert_eq!(response(404, "Not  Found here", &close, b"{}").size(), 72);
    }

    #[test]
    fn a_compressed_body_counts_as_sent() {
        let gzip = response(
            200,
            "OK",
            &[("Content-Encoding", "GZip"), ("Content-Length", "20")],
            &[b'x'; 64],
        );
        assert_eq!(gzip.body_size(), 20);
        let plain = response(200, "OK", &[("Content-Length", "20")], &[b'x'; 64]);
        assert_eq!(plain.body_size(), 64);
        let undeclared = response(200, "OK", &[("Content-Encoding", "gzip")], &[b'x'; 64]);
        assert_eq!(undeclared.body_size(), 64);
    }
}
