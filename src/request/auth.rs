//! Auth: which settings apply (inheritance) and what they add to a request.

use super::spec::{AuthSpec, Placement};
use super::text::Text;
use crate::collection::{Auth, Item};

/// The auth that applies to a request: its own, else the nearest folder's, else
/// the collection's. `inherit` (or no auth at all) looks further up; `noauth` stops.
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
            "inherit" | "" => continue,
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

/// The `Authorization` value answering a `WWW-Authenticate: Digest …` challenge
/// (RFC 7616 with MD5 or MD5-sess, `qop=auth`), or `None` if it is not a digest challenge.
pub fn digest_answer(
    challenge: &str,
    method: &str,
    uri: &str,
    username: &str,
    password: &str,
) -> Option<String> {
    use md5::{Digest, Md5};
    let rest = challenge.trim().strip_prefix("Digest")?.trim();
    let mut params = std::collections::HashMap::new();
    for part in split_params(rest) {
        if let Some((k, v)) = part.split_once('=') {
            params.insert(
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            );
        }
    }
    let realm = params.get("realm").cloned().unwrap_or_default();
    let nonce = params.get("nonce")?.clone();
    let algorithm = params
        .get("algorithm")
        .cloned()
        .unwrap_or_else(|| "MD5".into());
    let qop = params
        .get("qop")
        .map(|q| q.split(',').map(str::trim).any(|q| q == "auth"));
    let hex = |s: String| format!("{:x}", Md5::digest(s.as_bytes()));
    let cnonce = format!("{:016x}", rand::random::<u64>());
    let nc = "00000001";
    let mut ha1 = hex(format!("{username}:{realm}:{password}"));
    if algorithm.eq_ignore_ascii_case("MD5-sess") {
        ha1 = hex(format!("{ha1}:{nonce}:{cnonce}"));
    }
    let ha2 = hex(format!("{method}:{uri}"));
    let response = if qop == Some(true) {
        hex(format!("{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}"))
    } else {
        hex(format!("{ha1}:{nonce}:{ha2}"))
    };
    let mut out = format!(
        "Digest username=\"{username}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={algorithm}, response=\"{response}\""
    );
    if qop == Some(true) {
        out.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
    }
    if let Some(o) = params.get("opaque") {
        out.push_str(&format!(", opaque=\"{o}\""));
    }
    Some(out)
}

/// Splits `a="x, y", b=z` on the commas outside quotes.
fn split_params(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}
