//! Per-request behaviour: the run's options overridden by `protocolProfileBehavior`
//! of the collection, its folders and the item.

use crate::collection::{Collection, Item};
use serde_json::{Map, Value};
use std::time::Duration;

/// How one request is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSettings {
    pub follow_redirects: bool,
    pub max_redirects: u32,
    /// Verify TLS certificates (`strictSSL`; `--insecure` turns it off).
    pub strict_ssl: bool,
    pub disable_cookies: bool,
    /// Waiting for the response (`--timeout-request`); `None` waits forever.
    pub timeout: Option<Duration>,
    /// On a redirect, keep the original method and body (`followOriginalHttpMethod`).
    pub follow_original_method: bool,
    /// On a redirect to another host, keep `Authorization` (`followAuthorizationHeader`).
    pub follow_authorization_header: bool,
    /// On a redirect, send no `Referer` naming the previous URL (`removeRefererHeaderOnRedirect`).
    pub remove_referer_header: bool,
    /// newman's system headers not to send (`disabledSystemHeaders`), in lower case.
    pub disabled_system_headers: Vec<String>,
}

impl Default for RequestSettings {
    fn default() -> Self {
        RequestSettings {
            follow_redirects: true,
            max_redirects: 10,
            strict_ssl: true,
            disable_cookies: false,
            timeout: None,
            follow_original_method: false,
            follow_authorization_header: false,
            remove_referer_header: false,
            disabled_system_headers: Vec::new(),
        }
    }
}

/// `protocolProfileBehavior` of the collection, its folders and the item, the
/// innermost winning.
pub fn behavior(collection: &Collection, parents: &[&Item], item: &Item) -> Map<String, Value> {
    let mut merged = Map::new();
    let layers = std::iter::once(collection.protocol_profile_behavior.as_ref())
        .chain(parents.iter().map(|p| p.protocol_profile_behavior.as_ref()))
        .chain(std::iter::once(item.protocol_profile_behavior.as_ref()));
    for layer in layers.flatten() {
        for (k, v) in layer {
            merged.insert(k.clone(), v.clone());
        }
    }
    merged
}

/// A boolean of `protocolProfileBehavior`, however it was written.
pub fn flag(b: &Map<String, Value>, key: &str) -> Option<bool> {
    match b.get(key)? {
        Value::Bool(v) => Some(*v),
        Value::Number(n) => Some(n.as_i64() != Some(0)),
        Value::String(s) => Some(s == "true"),
        _ => None,
    }
}

pub fn settings_for(base: &RequestSettings, b: &Map<String, Value>) -> RequestSettings {
    let mut s = base.clone();
    if let Some(v) = flag(b, "followRedirects") {
        s.follow_redirects = v;
    }
    if let Some(v) = b.get("maxRedirects").and_then(Value::as_u64) {
        s.max_redirects = v as u32;
    }
    // strictSSL can only turn verification off for a request; `--insecure` already
    // turns it off for all of them.
    if flag(b, "strictSSL") == Some(false) {
        s.strict_ssl = false;
    }
    if let Some(v) = flag(b, "disableCookies") {
        s.disable_cookies = v;
    }
    if let Some(v) = flag(b, "followOriginalHttpMethod") {
        s.follow_original_method = v;
    }
    if let Some(v) = flag(b, "followAuthorizationHeader") {
        s.follow_authorization_header = v;
    }
    if let Some(v) = flag(b, "removeRefererHeaderOnRedirect") {
        s.remove_referer_header = v;
    }
    if let Some(Value::Object(disabled)) = b.get("disabledSystemHeaders") {
        // Any truthy value turns a header off, as in JavaScript; names in any case.
        s.disabled_system_headers = disabled
            .iter()
            .filter(|(_, v)| truthy(v))
            .map(|(k, _)| k.to_ascii_lowercase())
            .collect();
    }
    s
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}
