//! Akamai EdgeGrid (`EG1-HMAC-SHA256`) as postman-runtime signs it.

use super::{Params, UrlParts};
use crate::request::spec::{HeaderOrigin, RequestSpec};
use base64::Engine;
use hmac::{Hmac, Mac};

fn hmac_b64(data: &[u8], key: &[u8]) -> String {
    let mut m = Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key length");
    m.update(data);
    base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
}

/// What the signature covers.
pub struct Signed<'a> {
    pub method: &'a str,
    pub scheme: &'a str,
    pub host: &'a str,
    /// Path and query, `/` when empty.
    pub path: &'a str,
    /// `name:value` of each header to sign, tab separated.
    pub headers: &'a str,
    pub body_hash: &'a str,
    pub client_token: &'a str,
    pub access_token: &'a str,
    pub client_secret: &'a str,
    pub timestamp: &'a str,
    pub nonce: &'a str,
}

/// The whole `Authorization` value.
pub fn header(s: &Signed<'_>) -> String {
    let auth = format!(
        "EG1-HMAC-SHA256 client_token={};access_token={};timestamp={};nonce={};",
        s.client_token, s.access_token, s.timestamp, s.nonce
    );
    let signing_key = hmac_b64(s.timestamp.as_bytes(), s.client_secret.as_bytes());
    let data = [
        s.method,
        s.scheme,
        s.host,
        s.path,
        s.headers,
        s.body_hash,
        &auth,
    ]
    .join("\t");
    format!(
        "{auth}signature={}",
        hmac_b64(data.as_bytes(), signing_key.as_bytes())
    )
}

pub fn sign(spec: &mut RequestSpec, p: &Params) -> Result<(), String> {
    let (access, client, secret) = (
        p.get("accessToken"),
        p.get("clientToken"),
        p.get("clientSecret"),
    );
    if access.is_empty() || client.is_empty() || secret.is_empty() {
        return Ok(());
    }
    super::remove_header(spec, "Authorization");
    let url = UrlParts::of(&spec.url.text.value());
    let base = p.get("baseURL");
    let host = if base.is_empty() {
        url.host().to_lowercase()
    } else {
        UrlParts::of(&base).host().to_lowercase()
    };
    let nonce = Some(p.get("nonce")).filter(|n| !n.is_empty());
    let nonce = nonce.unwrap_or_else(|| crate::uuid_v4::new().to_string());
    let timestamp = Some(p.get("timestamp")).filter(|t| !t.is_empty());
    let timestamp = timestamp.unwrap_or_else(|| {
        chrono::Utc::now()
            .format("%Y%m%dT%H:%M:%S+0000")
            .to_string()
    });
    let max = p.get("maxBodySize").trim().parse::<usize>().ok();
    let max = max.filter(|m| *m > 0).unwrap_or(131072);
    let headers: Vec<String> = p
        .get("headersToSign")
        .split(',')
        .filter_map(|name| {
            let name = name.trim().to_lowercase();
            let value = spec
                .headers
                .iter()
                .filter(|h| h.origin == HeaderOrigin::Written)
                .find(|h| h.name.value().eq_ignore_ascii_case(&name))?
                .value
                .value();
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            (!value.is_empty()).then(|| format!("{name}:{value}"))
        })
        .collect();
    let method = spec.method.value();
    let mut body_hash = String::new();
    if method == "POST" {
        if let Some(mut body) = super::body_bytes(spec).filter(|b| !b.is_empty()) {
            body.truncate(max);
            body_hash = super::oauth1::digest_base64("sha256", &body).unwrap_or_default();
        }
    }
    let path = format!(
        "{}{}",
        if url.path.is_empty() { "/" } else { &url.path },
        url.query
            .as_deref()
            .map(|q| format!("?{q}"))
            .unwrap_or_default()
    );
    let value = header(&Signed {
        method: &method,
        scheme: &url.scheme,
        host: &host,
        path: &path,
        headers: &headers.join("\t"),
        body_hash: &body_hash,
        client_token: &client,
        access_token: &access,
        client_secret: &secret,
        timestamp: &timestamp,
        nonce: &nonce,
    });
    super::add_header(spec, "Authorization", value);
    Ok(())
}
