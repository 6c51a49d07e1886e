//! Building the URL that is sent: variables resolved per part, path variables
//! filled in, and percent-encoding applied the way Postman does it.

use crate::collection::Url;
use crate::vars::{references, Scopes};

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
/// substituted parts with `substituted`. Returns unresolved names through `missing`.
fn resolve_encoded(
    text: &str,
    scopes: &Scopes,
    literal: &[u8],
    substituted: &[u8],
    missing: &mut Vec<String>,
) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (start, end, _) in references(text) {
        out.push_str(&encode(&text[last..start], literal));
        let r = scopes.resolve(&text[start..end]);
        for n in r.unresolved {
            if !missing.contains(&n) {
                missing.push(n);
            }
        }
        out.push_str(&encode(&r.text, substituted));
        last = end;
    }
    out.push_str(&encode(&text[last..], literal));
    out
}

/// The URL of a request with variables resolved and encoded, and the names that
/// did not resolve.
pub fn build_url(url: &Url, scopes: &Scopes) -> (String, Vec<String>) {
    let mut missing = Vec::new();
    let resolve = |t: &str, missing: &mut Vec<String>| {
        let r = scopes.resolve(t);
        for n in r.unresolved {
            if !missing.contains(&n) {
                missing.push(n);
            }
        }
        r.text
    };

    let mut s = String::new();
    if url.host.is_none() && url.path.is_none() && url.protocol.is_none() {
        // Only raw text: resolve it whole, then encode what needs it.
        let raw = url.raw.clone().unwrap_or_default();
        let parsed = Url::parse(&raw);
        if parsed.host.is_none() && parsed.path.is_none() {
            return (encode(&resolve(&raw, &mut missing), PATH_ENCODE), missing);
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
        s.push_str(
            resolve(p, &mut missing)
                .trim_end_matches("://")
                .trim_end_matches(':'),
        );
        s.push_str("://");
    }
    if let Some(h) = &url.host {
        s.push_str(&resolve(&h.join("."), &mut missing));
    }
    if let Some(p) = &url.port {
        let port = resolve(p, &mut missing);
        if !port.is_empty() {
            s.push(':');
            s.push_str(&port);
        }
    }
    if let Some(segments) = &url.path {
        for seg in segments {
            s.push('/');
            // `:name` segments take the value of the URL's path variable `name`.
            if let Some(name) = seg.strip_prefix(':') {
                if let Some(v) = url.variable.iter().find(|v| v.name() == Some(name)) {
                    let value = crate::collection::value_text(v.value.clone());
                    s.push_str(&resolve_encoded(
                        &value,
                        scopes,
                        PATH_ENCODE,
                        PATH_ENCODE,
                        &mut missing,
                    ));
                    continue;
                }
            }
            s.push_str(&resolve_encoded(
                seg,
                scopes,
                PATH_ENCODE,
                PATH_ENCODE,
                &mut missing,
            ));
        }
    }
    let query: Vec<String> = url
        .query
        .iter()
        .filter(|q| !q.disabled)
        .map(|q| {
            let key = q
                .key
                .as_deref()
                .map(|k| resolve_encoded(k, scopes, QUERY_ENCODE, QUERY_ENCODE_KEY, &mut missing))
                .unwrap_or_default();
            match &q.value {
                Some(v) => {
                    let mut extra = QUERY_ENCODE.to_vec();
                    extra.extend_from_slice(QUERY_VALUE_EXTRA);
                    format!(
                        "{key}={}",
                        resolve_encoded(v, scopes, QUERY_ENCODE, &extra, &mut missing)
                    )
                }
                None => key,
            }
        })
        .collect();
    if !query.is_empty() {
        s.push('?');
        s.push_str(&query.join("&"));
    }
    if let Some(h) = &url.hash {
        s.push('#');
        s.push_str(&resolve(h, &mut missing));
    }
    (s, missing)
}

const QUERY_ENCODE_KEY: &[u8] = b" \"#'<>&=+";

/// Adds `http://` when the URL names no protocol, as Postman does.
pub fn with_default_protocol(url: &str) -> String {
    let has_scheme = url.find("://").is_some_and(|i| {
        i > 0
            && url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if has_scheme {
        url.to_string()
    } else {
        format!("http://{url}")
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
        let (s, missing) = build_url(&url, &scopes);
        assert_eq!(
            s,
            "https://api.example.com/v1/apps/42/x%20y?s=a%2Bb%26c&q=a%20b"
        );
        assert!(missing.is_empty());
    }

    #[test]
    fn unresolved_names_are_reported_and_encoded() {
        let url = Url::parse("http://h/{{nope}}?a={{alsonope}}");
        let (s, missing) = build_url(&url, &Scopes::default());
        assert_eq!(s, "http://h/%7B%7Bnope%7D%7D?a={{alsonope}}");
        assert_eq!(missing, vec!["nope", "alsonope"]);
    }

    #[test]
    fn keeps_existing_escapes() {
        assert_eq!(encode("a%20b c%zz", PATH_ENCODE), "a%20b%20c%25zz");
    }
}
