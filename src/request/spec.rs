//! The structured request: what `postie run` sends, as parts an HTTP client, an
//! export, the mock or a script can each read without parsing anything back.
//! [`crate::http`] turns it into bytes; [`crate::export`] into commands.

use super::settings::RequestSettings;
use super::text::Text;
use std::path::PathBuf;

/// A request as it will be sent, every `{{variable}}` resolved (and remembered).
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSpec {
    /// Upper case, as sent.
    pub method: Text,
    pub url: UrlSpec,
    /// Every header in the order it is sent, names as written. The auth's and the
    /// body's headers are among them, marked by their [`HeaderOrigin`].
    pub headers: Vec<HeaderSpec>,
    /// The auth that applies, after inheritance, with its parameters.
    pub auth: AuthSpec,
    pub body: BodySpec,
    pub settings: RequestSettings,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UrlSpec {
    /// The URL as sent: encoded as Postman encodes it, with the query parameter an
    /// auth adds, and the fragment (which is not sent).
    pub text: Text,
    /// `http://` was put in front because the URL named no scheme; it is the
    /// first piece of `text`.
    pub scheme_added: bool,
    /// The URL as newman's cli reporter shows it: as written, variables
    /// substituted and nothing encoded (`/path with space?q=<x>`), with the query
    /// parameters an auth adds.
    pub shown: String,
}

impl UrlSpec {
    /// The URL as the client parses it (scheme, host, path, query), or why it cannot
    /// be sent.
    pub fn parsed(&self) -> Result<url::Url, super::url::UrlError> {
        super::url::parse(&self.text.value())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeaderSpec {
    pub name: Text,
    pub value: Text,
    pub origin: HeaderOrigin,
}

/// Why a header is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderOrigin {
    /// The request's own header list.
    Written,
    /// Made by the auth (`Authorization: Basic …`, an API key header).
    Auth,
    /// The content type the body implies. For a multipart body the value is
    /// `multipart/form-data`: the boundary is chosen when the body is written.
    Body,
    /// Basic auth from `user:password@` in the URL. newman's HTTP library adds it
    /// after the system headers, so a run sends it there ([`crate::http::wire`]).
    UrlCredentials,
    /// postie's defaults, as an export writes them: `User-Agent`, `Accept`,
    /// `Accept-Encoding: identity`. A run sends newman's system headers in their
    /// place ([`crate::http::wire`]).
    Default,
}

impl HeaderOrigin {
    /// Made by an auth, the collection's or the URL's `user:password@`.
    pub fn is_auth(self) -> bool {
        matches!(self, HeaderOrigin::Auth | HeaderOrigin::UrlCredentials)
    }
}

/// What the auth does to the request, parameters resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthSpec {
    /// No auth (`noauth`, or none anywhere up the tree).
    None,
    /// `Authorization: Basic base64(username:password)`.
    Basic { username: Text, password: Text },
    /// `Authorization: Bearer token`.
    Bearer { token: Text },
    /// An API key in a header or in the query string.
    ApiKey {
        key: Text,
        value: Text,
        placement: Placement,
    },
    /// An OAuth 2.0 access token already obtained: `prefix token` in the
    /// `Authorization` header, or `access_token` in the query string.
    OAuth2 {
        token: Text,
        prefix: Text,
        placement: Placement,
    },
    /// With a realm and nonce given, computed into the first request; else
    /// answered when the server sends its `WWW-Authenticate: Digest` challenge.
    /// `params` holds every parameter (realm, nonce, qop, client nonce, …).
    Digest {
        username: Text,
        password: Text,
        params: Vec<(String, Text)>,
    },
    /// An auth whose headers or parameters are computed from the request as
    /// built (oauth1, awsv4, hawk, …): its type and parameters, resolved. What it
    /// computed is already among the headers (origin [`HeaderOrigin::Auth`]), in
    /// the URL or in the body.
    Signed {
        kind: String,
        params: Vec<(String, Text)>,
    },
    /// An auth postie cannot apply yet (oauth1, hawk, awsv4, ntlm, …): its type
    /// and parameters, resolved. The request is sent without it.
    Unsupported {
        kind: String,
        params: Vec<(String, Text)>,
    },
}

/// The parameters of the signed auth types that are credentials.
const SIGNED_CREDENTIALS: &[&str] = &[
    "consumerSecret",
    "tokenSecret",
    "privateKey",
    "secretKey",
    "sessionToken",
    "authKey",
    "secret",
    "clientSecret",
    "accessToken",
    "clientToken",
    "password",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Header,
    Query,
}

impl AuthSpec {
    /// The parameters that are credentials, by their names in the collection
    /// (`password`, `token`, …).
    pub fn credentials(&self) -> Vec<(&'static str, &Text)> {
        match self {
            AuthSpec::Basic { username, password }
            | AuthSpec::Digest {
                username, password, ..
            } => {
                vec![("username", username), ("password", password)]
            }
            AuthSpec::Bearer { token } => vec![("token", token)],
            AuthSpec::ApiKey { value, .. } => vec![("value", value)],
            AuthSpec::OAuth2 { token, .. } => vec![("accessToken", token)],
            AuthSpec::Signed { params, .. } => params
                .iter()
                .filter_map(|(k, v)| SIGNED_CREDENTIALS.iter().find(|c| *c == k).map(|c| (*c, v)))
                .collect(),
            AuthSpec::None | AuthSpec::Unsupported { .. } => Vec::new(),
        }
    }

    /// The collection's name of the auth type (`basic`, `apikey`, …).
    pub fn kind(&self) -> &str {
        match self {
            AuthSpec::None => "noauth",
            AuthSpec::Basic { .. } => "basic",
            AuthSpec::Bearer { .. } => "bearer",
            AuthSpec::ApiKey { .. } => "apikey",
            AuthSpec::OAuth2 { .. } => "oauth2",
            AuthSpec::Digest { .. } => "digest",
            AuthSpec::Signed { kind, .. } | AuthSpec::Unsupported { kind, .. } => kind,
        }
    }
}

/// The body, in its mode, values resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum BodySpec {
    /// No body at all.
    None,
    /// A body of no bytes, sent with `Content-Length: 0` (as Node does for the
    /// methods that usually carry one).
    Empty,
    /// Text as written (mode `raw`, or a `file` body given as content).
    Raw(Text),
    /// `application/x-www-form-urlencoded` pairs, before encoding.
    UrlEncoded(Vec<(Text, Text)>),
    /// `multipart/form-data` parts, in order.
    Multipart(Vec<Part>),
    /// The bytes of a file (mode `file`).
    File(FileRef),
    /// A GraphQL query with its variables, sent as JSON. Each member is sent
    /// only when the collection gives it (the variables: not empty).
    GraphQl {
        query: Option<Text>,
        operation_name: Option<Text>,
        /// The variables as written, resolved: newman sends them as they are,
        /// valid JSON or not.
        variables: Option<Text>,
    },
}

/// A file a body refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRef {
    /// The path as the collection gives it, resolved.
    pub src: Text,
    /// Where it is read from (relative paths under the working directory).
    pub path: PathBuf,
    /// The file name sent in a multipart part.
    pub file_name: String,
    /// The bytes, when the request was built to be sent.
    pub contents: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: Text,
    pub content: PartContent,
    /// The part's `Content-Type`: as given, or for a file guessed from its name.
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PartContent {
    Text(Text),
    File(FileRef),
}

impl BodySpec {
    /// The GraphQL document as newman sends it: `{"query":…,"operationName":…,
    /// "variables":…}`, the strings escaped piece by piece (so their variables
    /// stay known) and the variables spliced in as written.
    pub fn graphql_json(
        query: Option<&Text>,
        operation_name: Option<&Text>,
        variables: Option<&Text>,
    ) -> Text {
        let escape = |s: &str| {
            let quoted = serde_json::to_string(s).unwrap_or_default();
            quoted[1..quoted.len() - 1].to_string()
        };
        let mut members = Vec::new();
        for (name, value) in [("query", query), ("operationName", operation_name)] {
            if let Some(v) = value {
                members.push(Text::concat([
                    Text::literal(format!("\"{name}\":\"")),
                    v.map_all(escape),
                    Text::literal("\""),
                ]));
            }
        }
        if let Some(v) = variables {
            members.push(Text::concat([Text::literal("\"variables\":"), v.clone()]));
        }
        let mut out = Text::literal("{");
        for (i, m) in members.into_iter().enumerate() {
            if i > 0 {
                out.push_str(",");
            }
            out.push_text(m);
        }
        out.push_str("}");
        out
    }
}

impl RequestSpec {
    /// The first header of that name (any case).
    pub fn header(&self, name: &str) -> Option<&HeaderSpec> {
        self.headers
            .iter()
            .find(|h| h.name.value().eq_ignore_ascii_case(name))
    }
}
