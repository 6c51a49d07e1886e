//! Auth: which settings apply (inheritance) and what they add to a request.

use crate::collection::{Auth, Item};
use base64::Engine;

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

/// What an auth adds to the request once its parameters are resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthEffect {
    Header(String, String),
    Query(String, String),
    /// Digest needs the server's challenge; the client answers it.
    Digest {
        username: String,
        password: String,
    },
    Unsupported(String),
    Nothing,
}

/// Computes the effect of `auth`, reading its parameters through `text` (which
/// resolves variables).
pub fn apply(auth: &Auth, text: &mut dyn FnMut(&str) -> String) -> AuthEffect {
    match auth.kind.as_str() {
        "basic" => {
            let user = text("username");
            let pass = text("password");
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
            AuthEffect::Header("Authorization".into(), format!("Basic {token}"))
        }
        "bearer" => AuthEffect::Header("Authorization".into(), format!("Bearer {}", text("token"))),
        "apikey" => {
            let key = text("key");
            let value = text("value");
            if key.is_empty() {
                return AuthEffect::Nothing;
            }
            if text("in") == "query" {
                AuthEffect::Query(key, value)
            } else {
                AuthEffect::Header(key, value)
            }
        }
        "oauth2" => {
            let token = text("accessToken");
            if token.is_empty() {
                return AuthEffect::Nothing;
            }
            if text("addTokenTo") == "queryParams" {
                AuthEffect::Query("access_token".into(), token)
            } else {
                let prefix = text("headerPrefix");
                let prefix = if prefix.is_empty() {
                    "Bearer".to_string()
                } else {
                    prefix
                };
                AuthEffect::Header(
                    "Authorization".into(),
                    format!("{prefix} {token}").trim_start().to_string(),
                )
            }
        }
        "digest" => AuthEffect::Digest {
            username: text("username"),
            password: text("password"),
        },
        other => AuthEffect::Unsupported(other.to_string()),
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
