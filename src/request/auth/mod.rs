//! Auth: which settings apply (inheritance) and what they add to a request.
//! The signed types (one file each) compute their headers and parameters from
//! the request as it is finally built, in [`sign`].

mod asap;
mod awsv4;
mod digest;
mod edgegrid;
pub mod handshake;
mod hawk;
mod jwt;
pub mod ntlm;
mod oauth1;

pub use digest::DigestParams;
pub use handshake::Handshake;

use super::spec::{AuthSpec, HeaderOrigin, HeaderSpec, Placement, RequestSpec};
use super::text::Text;
use crate::collection::{Auth, Item};

/// The auth types whose headers or parameters are computed from the built request.
const SIGNED: &[&str] = &["oauth1", "awsv4", "hawk", "jwt", "edgegrid", "asap", "ntlm"];

/// The auth that applies to a request: its own, else the nearest folder's, else
/// the collection's. No auth at all looks further up; `noauth` stops. A type
/// `inherit` (which Postman does not write) is no type newman knows: it is sent
/// without auth, as newman sends it.
pub fn effective<'a>(
    request_auth: Option<&'a Auth>,
    parents: &[&'a Item],
    collection: Option<&'a Auth>,
) -> Option<&'a Auth> {
    let chain = std::iter::once(request_auth)
        .chain(parents.iter().rev().map(|p| p.auth.as_ref()))
        .chain(std::iter::once(collection));
    for auth in chain.flatten() {
        match auth.kind.as_str() {
            "" => continue,
            "noauth" => return None,
            _ => return Some(auth),
        }
    }
    None
}

/// What `auth` does, its parameters resolved through `text`.
pub fn spec(auth: &Auth, text: &mut dyn FnMut(&str) -> Text) -> AuthSpec {
    match auth.kind.as_str() {
        "basic" => AuthSpec::Basic {
            username: text("username"),
            password: text("password"),
        },
        "bearer" => AuthSpec::Bearer {
            token: text("token"),
        },
        "apikey" => {
            let key = text("key");
            let value = text("value");
            if key.is_empty() {
                return AuthSpec::None;
            }
            let placement = if text("in").value() == "query" {
                Placement::Query
            } else {
                Placement::Header
            };
            AuthSpec::ApiKey {
                key,
                value,
                placement,
            }
        }
        "oauth2" => {
            let token = text("accessToken");
            if token.is_empty() {
                return AuthSpec::None;
            }
            if text("addTokenTo").value() == "queryParams" {
                return AuthSpec::OAuth2 {
                    token,
                    prefix: Text::default(),
                    placement: Placement::Query,
                };
            }
            let prefix = text("headerPrefix");
            let prefix = if prefix.is_empty() {
                Text::literal("Bearer")
            } else {
                prefix
            };
            AuthSpec::OAuth2 {
                token,
                prefix,
                placement: Placement::Header,
            }
        }
        "digest" => AuthSpec::Digest {
            username: text("username"),
            password: text("password"),
            params: auth
                .params()
                .into_iter()
                .map(|(k, _)| {
                    let v = text(&k);
                    (k, v)
                })
                .collect(),
        },
        kind if SIGNED.contains(&kind) => AuthSpec::Signed {
            kind: kind.to_string(),
            params: auth
                .params()
                .into_iter()
                .map(|(k, _)| {
                    let v = text(&k);
                    (k, v)
                })
                .collect(),
        },
        other => AuthSpec::Unsupported {
            kind: other.to_string(),
            params: auth
                .params()
                .into_iter()
                .map(|(k, _)| {
                    let v = text(&k);
                    (k, v)
                })
                .collect(),
        },
    }
}

/// The header an auth adds (`Authorization: …`, an API key header), if any.
pub fn header(spec: &AuthSpec) -> Option<(Text, Text)> {
    use base64::Engine;
    match spec {
        AuthSpec::Basic { username, password } => {
            let token = base64::engine::general_purpose::STANDARD.encode(format!(
                "{}:{}",
                username.value(),
                password.value()
            ));
            Some((
                Text::literal("Authorization"),
                Text::literal(format!("Basic {token}")),
            ))
        }
        // Without a token newman's bearer auth does nothing.
        AuthSpec::Bearer { token } if token.is_empty() => None,
        AuthSpec::Bearer { token } => Some((
            Text::literal("Authorization"),
            Text::concat([Text::literal("Bearer "), token.clone()]),
        )),
        AuthSpec::ApiKey {
            key,
            value,
            placement: Placement::Header,
        } => Some((key.clone(), value.clone())),
        AuthSpec::OAuth2 {
            token,
            prefix,
            placement: Placement::Header,
        } => Some((
            Text::literal("Authorization"),
            Text::concat([prefix.clone(), Text::literal(" "), token.clone()]).trim_start(),
        )),
        _ => None,
    }
}

/// The query parameter an auth adds, if any.
pub fn query(spec: &AuthSpec) -> Option<(Text, Text)> {
    match spec {
        AuthSpec::ApiKey {
            key,
            value,
            placement: Placement::Query,
        } => Some((key.clone(), value.clone())),
        AuthSpec::OAuth2 {
            token,
            placement: Placement::Query,
            ..
        } => Some((Text::literal("access_token"), token.clone())),
        _ => None,
    }
}

/// Computes a signed auth's headers and parameters from the request as built
/// (method, final URL, body) and writes them into it, as newman's authorizers do.
/// Returns a note when the auth could not be applied.
pub fn sign(spec: &mut RequestSpec) -> Option<String> {
    if let AuthSpec::Digest { params, .. } = &spec.auth {
        let params: DigestParams = params.iter().map(|(k, v)| (k.clone(), v.value())).collect();
        // With a realm and nonce given, the first request answers already.
        if digest::given(&params) {
            let uri = UrlParts::of(&spec.url.text.value()).path_and_query();
            let body = body_bytes(spec).unwrap_or_default();
            match digest::header(&params, &spec.method.value(), &uri, &body) {
                Ok(Some(h)) => {
                    remove_header(spec, "Authorization");
                    add_header(spec, "Authorization", h);
                }
                Ok(None) => {}
                Err(e) => {
                    return Some(format!(
                        "runtime~digest.auth: could not sign the request: {e}"
                    ))
                }
            }
        }
        return None;
    }
    let AuthSpec::Signed { kind, params } = &spec.auth else {
        return None;
    };
    let (kind, params) = (kind.clone(), Params(params.clone()));
    let result = match kind.as_str() {
        "oauth1" => oauth1::sign(spec, &params),
        "awsv4" => awsv4::sign(spec, &params),
        "hawk" => hawk::sign(spec, &params),
        "jwt" => jwt::sign(spec, &params),
        "edgegrid" => edgegrid::sign(spec, &params),
        "asap" => asap::sign(spec, &params),
        // The handshake happens when sending; the first request goes without.
        "ntlm" => {
            remove_header(spec, "Authorization");
            Ok(())
        }
        _ => Ok(()),
    };
    result
        .err()
        .map(|e| format!("runtime~{kind}.auth: could not sign the request: {e}"))
}

/// A signed auth's parameters, resolved.
pub(crate) struct Params(Vec<(String, Text)>);

impl Params {
    pub fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.value())
            .unwrap_or_default()
    }

    /// The parameter when the auth has it at all.
    pub fn raw(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.value())
    }

    /// A switch (`true`, as the collection's boolean or its text).
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key).trim(), "true" | "1")
    }
}

/// The parts of the URL as sent, split as Node's URL parser splits them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct UrlParts {
    /// Lower case, without `:`.
    pub scheme: String,
    /// The host name as written (without credentials or port).
    pub hostname: String,
    pub port: Option<String>,
    /// Starts with `/` (empty when the URL has no path).
    pub path: String,
    /// Without the `?`, `None` when there is no `?`.
    pub query: Option<String>,
}

impl UrlParts {
    pub fn of(url: &str) -> UrlParts {
        let url = url.split('#').next().unwrap_or_default();
        let (scheme, rest) = match url.split_once("://") {
            Some((s, r)) => (s.to_ascii_lowercase(), r),
            None => ("http".to_string(), url),
        };
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let authority = &rest[..end];
        let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let (hostname, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !p.contains(']') => (h.to_string(), Some(p.to_string())),
            _ => (authority.to_string(), None),
        };
        let tail = &rest[end..];
        let (path, query) = match tail.split_once('?') {
            Some((p, q)) => (p.to_string(), Some(q.to_string())),
            None => (tail.to_string(), None),
        };
        UrlParts {
            scheme,
            hostname,
            port: port.filter(|p| !p.is_empty()),
            path,
            query,
        }
    }

    /// `host:port`, the port left out when there is none.
    pub fn host(&self) -> String {
        match &self.port {
            Some(p) => format!("{}:{p}", self.hostname),
            None => self.hostname.clone(),
        }
    }

    /// The path (`/` when empty) and the query, as Node's `url.path`.
    pub fn path_and_query(&self) -> String {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        match &self.query {
            Some(q) => format!("{path}?{q}"),
            None => path.to_string(),
        }
    }

    /// The port, or the scheme's default.
    pub fn port_or_default(&self) -> String {
        self.port
            .clone()
            .unwrap_or_else(|| if self.scheme == "https" { "443" } else { "80" }.to_string())
    }
}

/// Replaces the query string of the request's URL (`None`: no `?` at all),
/// keeping the text before it and the fragment.
pub(crate) fn set_query(spec: &mut RequestSpec, query: Option<&str>) {
    let value = spec.url.text.value();
    let hash = value.find('#').unwrap_or(value.len());
    let start = value[..hash].find('?').unwrap_or(hash);
    let mut parts = vec![spec.url.text.slice(0..start)];
    if let Some(q) = query {
        parts.push(Text::literal(format!("?{q}")));
    }
    parts.push(spec.url.text.slice(hash..value.len()));
    spec.url.text = Text::concat(parts);
    // The auth's parameters are shown as it computed them, encoded.
    let shown = &spec.url.shown;
    let hash = shown.find('#').unwrap_or(shown.len());
    let start = shown[..hash].find('?').unwrap_or(hash);
    spec.url.shown = format!(
        "{}{}{}",
        &shown[..start],
        query.map(|q| format!("?{q}")).unwrap_or_default(),
        &shown[hash..]
    );
}

/// Replaces every query parameter named `key` by one `key=value` at the end.
pub(crate) fn replace_query_param(spec: &mut RequestSpec, key: &str, value: &str) {
    let url = UrlParts::of(&spec.url.text.value());
    let mut parts: Vec<String> = url
        .query
        .as_deref()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(key))
        .map(str::to_string)
        .collect();
    parts.push(format!("{key}={value}"));
    set_query(spec, Some(&parts.join("&")));
}

/// Sets a header the auth computed: in place of one of that name, else after
/// the request's own headers.
pub(crate) fn upsert_header(spec: &mut RequestSpec, name: &str, value: String) {
    let same = |h: &HeaderSpec| h.name.value().eq_ignore_ascii_case(name);
    if let Some(h) = spec.headers.iter_mut().find(|h| same(h)) {
        h.value = Text::literal(value);
        h.origin = HeaderOrigin::Auth;
        return;
    }
    add_header(spec, name, value);
}

/// Adds a header the auth computed after the request's own (and the auth's
/// earlier) headers, and after a JSON raw body's content type, which newman adds
/// before the auth runs (see [`super::body::built_before_auth`]).
pub(crate) fn add_header(spec: &mut RequestSpec, name: &str, value: String) {
    let raw_json = matches!(spec.body, super::spec::BodySpec::Raw(_));
    let before_auth = |h: &HeaderSpec| match h.origin {
        HeaderOrigin::Written | HeaderOrigin::Auth | HeaderOrigin::UrlCredentials => true,
        HeaderOrigin::Body => raw_json && h.value.value() == "application/json",
        HeaderOrigin::Default => false,
    };
    let at = spec
        .headers
        .iter()
        .rposition(before_auth)
        .map_or(0, |i| i + 1);
    spec.headers.insert(
        at,
        HeaderSpec {
            name: Text::literal(name),
            value: Text::literal(value),
            origin: HeaderOrigin::Auth,
        },
    );
}

pub(crate) fn remove_header(spec: &mut RequestSpec, name: &str) {
    spec.headers
        .retain(|h| !h.name.value().eq_ignore_ascii_case(name));
}

/// The bytes of the body as sent, when they are known before sending
/// (multipart bodies get their boundary later: `None`).
pub(crate) fn body_bytes(spec: &RequestSpec) -> Option<Vec<u8>> {
    use super::spec::BodySpec;
    Some(match &spec.body {
        BodySpec::None | BodySpec::Empty => Vec::new(),
        BodySpec::Raw(t) => t.value().into_bytes(),
        BodySpec::UrlEncoded(pairs) => pairs
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    super::body::form_encode(&k.value()),
                    super::body::form_encode(&v.value())
                )
            })
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes(),
        BodySpec::File(f) => f.contents.clone()?,
        BodySpec::GraphQl {
            query,
            variables,
            operation_name,
        } => BodySpec::graphql_json(query.as_ref(), operation_name.as_ref(), variables.as_ref())
            .value()
            .into_bytes(),
        BodySpec::Multipart(_) => return None,
    })
}

/// `len` random letters and digits (nonces).
pub(crate) fn random_alphanumeric(len: usize) -> String {
    use rand::Rng;
    const SOURCE: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| SOURCE[rng.gen_range(0..SOURCE.len())] as char)
        .collect()
}

/// Seconds since the epoch, now.
pub(crate) fn now_seconds() -> i64 {
    chrono::Utc::now().timestamp()
}
