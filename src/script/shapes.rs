//! What scripts see of cookies and responses, as the JSON the prelude reads.

use crate::http::{CookieData, HttpResponse};
use serde_json::{json, Value as Json};

pub(crate) fn cookie_json(c: &CookieData) -> Json {
    let mut m = serde_json::Map::new();
    m.insert("name".into(), Json::String(c.name.clone()));
    m.insert("value".into(), Json::String(c.value.clone()));
    if let Some(d) = &c.domain {
        m.insert("domain".into(), Json::String(d.clone()));
    }
    if let Some(p) = &c.path {
        m.insert("path".into(), Json::String(p.clone()));
    }
    if let Some(e) = &c.expires {
        m.insert("expires".into(), Json::String(e.clone()));
    }
    m.insert("httpOnly".into(), Json::Bool(c.http_only));
    m.insert("secure".into(), Json::Bool(c.secure));
    Json::Object(m)
}

pub(crate) fn cookie_from_json(v: &Json) -> CookieData {
    let s = |k: &str| v.get(k).and_then(Json::as_str).map(str::to_string);
    CookieData {
        name: s("name").or_else(|| s("key")).unwrap_or_default(),
        value: match v.get("value") {
            Some(Json::String(s)) => s.clone(),
            Some(Json::Null) | None => String::new(),
            Some(other) => other.to_string(),
        },
        domain: s("domain"),
        path: s("path"),
        expires: s("expires"),
        http_only: v.get("httpOnly").and_then(Json::as_bool).unwrap_or(false),
        secure: v.get("secure").and_then(Json::as_bool).unwrap_or(false),
    }
}

/// Response metadata for `new sdk.Response(...)`; the body goes separately as a string.
/// No cookies: postman-runtime builds the response scripts see without them, so
/// `pm.response.cookies` is always empty there (scripts read `pm.cookies`).
pub(crate) fn response_json(r: &HttpResponse) -> Json {
    json!({
        "code": r.code,
        "status": r.status,
        "headers": r.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "time": r.time_ms,
        "size": r.size(),
        "bodySize": r.body.len(),
    })
}

/// The body as text, and as a byte string (one char per byte) when it is not UTF-8.
pub(crate) fn body_strings(body: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            String::from_utf8_lossy(body).into_owned(),
            Some(body.iter().map(|&b| b as char).collect()),
        ),
    }
}
