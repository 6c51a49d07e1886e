//! Building the URL that is sent: variables resolved per part, path variables
//! filled in, and percent-encoding applied the way Postman does it.

use super::text::Text;
use crate::collection::Url;
use crate::vars::Scopes;

/// Bytes Postman encodes in a path segment (postman-url-encoder's PATH set).
const PATH_ENCODE: &[u8] = b" \"#<>?`{}";
/// Bytes Postman encodes in a query key or value.
const QUERY_ENCODE: &[u8] = b" \"#'<>";
/// Text substituted from a variable into a query value also gets these encoded,
/// so a secret holding `+` or `&` reaches the server intact (newman sends them raw).
const QUERY_VALUE_EXTRA: &[u8] = b"+&";

/// Percent-encodes `text`, keeping existing `%XX` escapes.
pub fn encode(text: &str, set: &[u8]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, &b) in bytes.iter().enumerate() {
        let keep_escape = b == b'%'
            && bytes.len() > i + 2
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit();
        if b < 0x21 && b != b' ' || b >= 0x7f || set.contains(&b) || (b == b'%' && !keep_escape) {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// Resolves references in `text`, encoding the literal parts with `literal` and the
/// substituted parts with `substituted`.
fn resolve_encoded(text: &str, scopes: &Scopes, literal: &[u8], substituted: &[u8]) -> Text {
    scopes
        .resolve_text(text)
        .map(|l| encode(l, literal), |v| encode(v, substituted))
}

/// The URL of a request with variables resolved and encoded (the names that did
/// not resolve stay as `{{name}}`, see [`Text::unresolved`]).
pub fn build_url(url: &Url, scopes: &Scopes) -> Text {
    let mut s = Text::default();
    if url.host.is_none() && url.path.is_none() && url.protocol.is_none() {
        // Only raw text: resolve it whole, then encode what needs it.
        let raw = url.raw.clone().unwrap_or_default();
        let parsed = Url::parse(&raw);
        if parsed.host.is_none() && parsed.path.is_none() {
            return scopes
                .resolve_text(&raw)
                .map_all(|t| encode(t, PATH_ENCODE));
        }
        return build_url(
            &Url {
                was_string: false,
                ..parsed
            },
            scopes,
        );
    }
    if let Some(p) = &url.protocol {
        // `https://` or `https:` as the protocol: the separator is written here.
        let protocol = scopes.resolve_text(p);
        let value = protocol.value();
        let kept = value.trim_end_matches("://").trim_end_matches(':').len();
        s.push_text(protocol.slice(0..kept));
        s.push_str("://");
    }
    if let Some(h) = &url.host {
        s.push_text(scopes.resolve_text(&h.join(".")));
    }
    if let Some(p) = &url.port {
        let port = scopes.resolve_text(p);
        if !port.is_empty() {
            s.push_str(":");
            s.push_text(port);
        }
    }
    if let Some(segments) = &url.path {
        for seg in segments {
            s.push_str("/");
            // `:name` segments take the value of the URL's path variable `name`.
            if let Some(name) = seg.strip_prefix(':') {
                if let Some(v) = url.variable.iter().find(|v| v.name() == Some(name)) {
                    let value = crate::collection::value_text(v.value.clone());
                    s.push_text(resolve_encoded(&value, scopes, PATH_ENCODE, PATH_ENCODE));
                    continue;
                }
            }
            s.push_text(resolve_encoded(seg, scopes, PATH_ENCODE, PATH_ENCODE));
        }
    }
    let mut extra = QUERY_ENCODE.to_vec();
    extra.extend_from_slice(QUERY_VALUE_EXTRA);
    let mut first = true;
    for q in url.query.iter().filter(|q| !q.disabled) {
        s.push_str(if first { "?" } else { "&" });
        first = false;
        if let Some(k) = q.key.as_deref() {
            s.push_text(resolve_encoded(k, scopes, QUERY_ENCODE, QUERY_ENCODE_KEY));
        }
        if let Some(v) = &q.value {
            s.push_str("=");
            s.push_text(resolve_encoded(v, scopes, QUERY_ENCODE, &extra));
        }
    }
    if let Some(h) = &url.hash {
        s.push_str("#");
        s.push_text(scopes.resolve_text(h));
    }
    s
}

const QUERY_ENCODE_KEY: &[u8] = b" \"#'<>&=+";

/// Puts `http://` in front of a URL that names no protocol, as Postman does;
/// says whether it did.
pub fn with_default_protocol(url: Text) -> (Text, bool) {
    let value = url.value();
    let has_scheme = value.find("://").is_some_and(|i| {
        i > 0
            && value[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme {
        (url, false)
    } else {
        (Text::concat([Text::literal("http://"), url]), true)
    }
}

/// Why a URL cannot be sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid URL '{url}': {reason}")]
pub struct UrlError {
    pub url: String,
    pub reason: String,
}

/// The URL as the client reads it: parsed (and so normalised: dot segments,
/// host case, IDNA), and refused unless it is HTTP(S) to a valid host name.
pub fn parse(text: &str) -> Result<url::Url, UrlError> {
    let err = |reason: String| UrlError {
        url: text.to_string(),
        reason,
    };
    let url = url::Url::parse(text).map_err(|e| err(e.to_string()))?;
    let host = url.host_str().unwrap_or("");
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~%[]:".contains(c));
    if !host_ok {
        return Err(err("the host name is not valid".into()));
    }
    match url.scheme() {
        "http" | "https" => Ok(url),
        other => Err(err(format!("unsupported protocol '{other}'"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::{QueryParam, Variable};
    use serde_json::json;

    #[test]
    fn structured_url_with_variable_host_and_path_variables() {
        let mut scopes = Scopes::default();
        scopes
            .environment
            .set("base", json!("https://api.example.com/v1"));
        scopes.environment.set("secret", json!("a+b&c"));
        let url = Url {
            host: Some(vec!["{{base}}".into()]),
            path: Some(vec!["apps".into(), ":id".into(), "x y".into()]),
            query: vec![
                QueryParam {
                    key: Some("s".into()),
                    value: Some("{{secret}}".into()),
                    ..Default::default()
                },
                QueryParam {
                    key: Some("q".into()),
                    value: Some("a b".into()),
                    ..Default::default()
                },
                QueryParam {
                    key: Some("off".into()),
                    value: Some("1".into()),
                    disabled: true,
                    ..Default::default()
                },
            ],
            variable: vec![Variable {
                key: Some("id".into()),
                value: json!("42"),
                ..Default::default()
            }],
            ..Default::default()
        };
        let s = build_url(&url, &scopes);
        assert_eq!(
            s.value(),
            "https://api.example.com/v1/apps/42/x%20y?s=a%2Bb%26c&q=a%20b"
        );
        assert!(s.unresolved().is_empty());
    }

    #[test]
    fn unresolved_names_are_reported_and_encoded() {
        let url = Url::parse("http://h/{{nope}}?a={{alsonope}}");
        let s = build_url(&url, &Scopes::default());
        assert_eq!(s.value(), "http://h/%7B%7Bnope%7D%7D?a={{alsonope}}");
        assert_eq!(s.unresolved(), vec!["nope", "alsonope"]);
    }

    #[test]
    fn keeps_existing_escapes() {
        assert_eq!(encode("a%20b c%zz", PATH_ENCODE), "a%20b%20c%25zz");
    }
}
