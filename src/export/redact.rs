//! What `--redact` hides: secret variables, the credentials of the auth, the
//! credentials in headers, in form and JSON fields and in query strings.

use crate::request::{AuthSpec, BodySpec, HeaderOrigin, PartContent, RequestSpec, Text};
use std::collections::BTreeMap;
use std::ops::Range;

/// Is a field, parameter or header of this name a credential? (`password`,
/// `client_secret`, `refresh_token`, `x-api-key`, `userPassword`, …)
pub fn is_credential(name: &str) -> bool {
    let n: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    const ENDINGS: &[&str] = &[
        "password",
        "passwd",
        "passphrase",
        "secret",
        "token",
        "apikey",
        "privatekey",
        "assertion",
        "credential",
        "credentials",
        "authorization",
    ];
    // `Postman-Token` is a random id newman gives each request, no credential.
    n != "postmantoken"
        && (ENDINGS.iter().any(|e| n.ends_with(e))
            || matches!(n.as_str(), "pwd" | "cookie" | "otp"))
}

/// The placeholder a literal auth parameter gets.
pub fn auth_placeholder(kind: &str, param: &str) -> String {
    match (kind, param) {
        ("basic", "username") => "BASIC_AUTH_USER",
        ("basic", "password") => "BASIC_AUTH_PASSWORD",
        ("digest", "username") => "DIGEST_AUTH_USER",
        ("digest", "password") => "DIGEST_AUTH_PASSWORD",
        ("bearer", _) => "BEARER_TOKEN",
        ("apikey", _) => "API_KEY",
        ("oauth2", _) => "ACCESS_TOKEN",
        _ => "SECRET_VALUE",
    }
    .to_string()
}

/// A stretch of a text to hide, and the field it is the value of.
#[derive(Debug, Clone, PartialEq)]
pub struct Secret {
    pub range: Range<usize>,
    pub field: String,
}

/// The values of credential fields in a JSON text (`"password": "…"`): the
/// string's content, between its quotes.
pub fn json_secrets(text: &str) -> Vec<Secret> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // The last string read, while it may still be an object key.
    let mut key: Option<String> = None;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' {
                        1 + text[j + 1..].chars().next().map_or(0, char::len_utf8)
                    } else {
                        1
                    };
                }
                let end = j.min(b.len());
                let content = &text[start..end];
                // A value string follows `key :`.
                let after_key = key.take();
                let mut k = end + 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if b.get(k) == Some(&b':') {
                    key = Some(
                        serde_json::from_str(&format!("\"{content}\""))
                            .unwrap_or_else(|_| content.to_string()),
                    );
                } else if let Some(field) = after_key.filter(|f| is_credential(f)) {
                    if end > start {
                        out.push(Secret {
                            range: start..end,
                            field,
                        });
                    }
                }
                i = end + 1;
            }
            b':' | b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
            }
            _ => {
                key = None;
                i += 1;
            }
        }
    }
    out
}

/// The values of credential parameters in a URL's query string (`?token=…`).
pub fn query_secrets(url: &str) -> Vec<Secret> {
    let end = url.find('#').unwrap_or(url.len());
    let Some(q) = url[..end].find('?') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = q + 1;
    for pair in url[q + 1..end].split('&') {
        if let Some((k, v)) = pair.split_once('=') {
            let name = percent_encoding::percent_decode_str(k).decode_utf8_lossy();
            if is_credential(&name) && !v.is_empty() {
                let start = at + k.len() + 1;
                out.push(Secret {
                    range: start..start + v.len(),
                    field: name.into_owned(),
                });
            }
        }
        at += pair.len() + 1;
    }
    out
}

/// The variables a request uses as credentials (in its auth, in a credential
/// header, field or query parameter), with where: hidden wherever they appear.
pub fn credential_variables(spec: &RequestSpec, into: &mut BTreeMap<String, String>) {
    let mut add = |t: &Text, place: &str| {
        for v in t.variables() {
            if !v.name.starts_with('$') {
                into.entry(v.name.clone())
                    .or_insert_with(|| format!("{{{{{}}}}}, used {place}", v.name));
            }
        }
    };
    let kind = spec.auth.kind().to_string();
    for (_, t) in spec.auth.credentials() {
        add(t, &format!("by {kind} auth"));
    }
    if let AuthSpec::Unsupported { params, .. } = &spec.auth {
        for (k, t) in params {
            if is_credential(k) {
                add(t, &format!("by {kind} auth"));
            }
        }
    }
    for h in &spec.headers {
        let name = h.name.value();
        if h.origin == HeaderOrigin::Written && is_credential(&name) {
            add(&h.value, &format!("in the {name} header"));
        }
    }
    let url = spec.url.text.value();
    for s in query_secrets(&url) {
        add(
            &spec.url.text.slice(s.range),
            &format!("in the query parameter {}", s.field),
        );
    }
    let json = |t: &Text, add: &mut dyn FnMut(&Text, &str)| {
        for s in json_secrets(&t.value()) {
            add(&t.slice(s.range), &format!("in the {} field", s.field));
        }
    };
    match &spec.body {
        BodySpec::UrlEncoded(pairs) => {
            for (k, v) in pairs {
                let k = k.value();
                if is_credential(&k) {
                    add(v, &format!("in the {k} field"));
                }
            }
        }
        BodySpec::Multipart(parts) => {
            for p in parts {
                let k = p.name.value();
                if let PartContent::Text(v) = &p.content {
                    if is_credential(&k) {
                        add(v, &format!("in the {k} field"));
                    }
                }
            }
        }
        BodySpec::Raw(t) => json(t, &mut add),
        BodySpec::GraphQl {
            query,
            variables,
            operation_name,
        } => json(
            &BodySpec::graphql_json(query.as_ref(), operation_name.as_ref(), variables.as_ref()),
            &mut add,
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_names() {
        for n in [
            "password",
            "userPassword",
            "client_secret",
            "refresh_token",
            "X-Api-Key",
            "apikey",
            "pwd",
        ] {
            assert!(is_credential(n), "{n}");
        }
        for n in ["username", "token_type", "tokenId", "grant_type", "scope"] {
            assert!(!is_credential(n), "{n}");
        }
    }

    #[test]
    fn json_fields() {
        let t = r#"{"user": "ann", "password": "p\"w", "nested": {"client_secret": "s"}, "token_type": "Bearer", "list": ["password", "x"]}"#;
        let found: Vec<(&str, String)> = json_secrets(t)
            .into_iter()
            .map(|s| (&t[s.range], s.field))
            .collect();
        assert_eq!(
            found,
            vec![("p\\\"w", "password".into()), ("s", "client_secret".into())]
        );
    }

    #[test]
    fn query_parameters() {
        let u = "https://h/x?a=1&access_token=abc&client%5Fsecret=d%20e#frag";
        let found: Vec<&str> = query_secrets(u).into_iter().map(|s| &u[s.range]).collect();
        assert_eq!(found, vec!["abc", "d%20e"]);
    }
}
