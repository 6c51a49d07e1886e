//! URLs as Postman stores them: the raw text and its parts, split without
//! encoding or validating since they may still hold `{{variables}}`.

use super::de::{is_false, null_as_default, opt_stringish};
use super::model::{value_text, Variable};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

/// A URL as Postman stores it: the raw text plus its parsed parts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Url {
    pub raw: Option<String>,
    pub protocol: Option<String>,
    /// `user:password` written before the host (`http://user:pw@host/`), as written.
    pub auth: Option<String>,
    pub host: Option<Vec<String>>,
    pub port: Option<String>,
    pub path: Option<Vec<String>>,
    pub query: Vec<QueryParam>,
    pub hash: Option<String>,
    pub variable: Vec<Variable>,
    /// Written as a plain string in the file; kept so export writes it back the same way.
    pub was_string: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct QueryParam {
    #[serde(default, deserialize_with = "opt_stringish")]
    pub key: Option<String>,
    #[serde(default, deserialize_with = "opt_stringish")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
}

impl Url {
    /// Splits a raw URL into Postman's parts without encoding or validating it, since
    /// it may still hold `{{variables}}`.
    pub fn parse(raw: &str) -> Url {
        let mut rest = raw.trim();
        let mut url = Url {
            raw: Some(raw.to_string()),
            was_string: true,
            ..Default::default()
        };
        if let Some(i) = rest.find('#') {
            url.hash = Some(rest[i + 1..].to_string());
            rest = &rest[..i];
        }
        if let Some(i) = rest.find('?') {
            url.query = parse_query(&rest[i + 1..]);
            rest = &rest[..i];
        }
        if let Some(i) = rest.find("://") {
            // `{{base}}://` is not a protocol; only a plain scheme is.
            let scheme = &rest[..i];
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            {
                url.protocol = Some(scheme.to_string());
                rest = &rest[i + 3..];
            }
        }
        // The host ends at the first '/' that is not inside a `{{...}}`. Byte-wise:
        // the markers are ASCII, so every index compared at is a char boundary.
        let mut depth = 0usize;
        let bytes = rest.as_bytes();
        let mut split = rest.len();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i..].starts_with(b"{{") {
                depth += 1;
                i += 2;
                continue;
            }
            if bytes[i..].starts_with(b"}}") && depth > 0 {
                depth -= 1;
                i += 2;
                continue;
            }
            if bytes[i] == b'/' && depth == 0 {
                split = i;
                break;
            }
            i += 1;
        }
        let (mut host, path) = rest.split_at(split);
        if let Some(at) = host.rfind('@') {
            url.auth = Some(host[..at].to_string());
            host = &host[at + 1..];
        }
        if let Some(colon) = host.rfind(':') {
            let port = &host[colon + 1..];
            let numeric = !port.is_empty() && port.chars().all(|c| c.is_ascii_digit());
            let variable = port.starts_with("{{") && port.ends_with("}}");
            if numeric || variable {
                url.port = Some(port.to_string());
                host = &host[..colon];
            }
        }
        if !host.is_empty() {
            url.host = Some(host.split('.').map(str::to_string).collect());
        }
        if !path.is_empty() {
            url.path = Some(path[1..].split('/').map(str::to_string).collect());
        }
        url
    }

    /// The URL as text, from its parts (or the raw text when it has none), as
    /// postman-collection's `Url.toString()` builds it.
    pub fn to_raw(&self) -> String {
        if self.host.is_none() && self.path.is_none() && self.protocol.is_none() {
            return self.raw.clone().unwrap_or_default();
        }
        let mut s = String::new();
        if let Some(p) = &self.protocol {
            s.push_str(p.trim_end_matches("://").trim_end_matches(':'));
            s.push_str("://");
        }
        if let Some(a) = &self.auth {
            s.push_str(a);
            s.push('@');
        }
        if let Some(h) = &self.host {
            s.push_str(&h.join("."));
        }
        if let Some(p) = &self.port {
            s.push(':');
            s.push_str(p);
        }
        if let Some(p) = &self.path {
            s.push('/');
            s.push_str(&p.join("/"));
        }
        let q: Vec<String> = self
            .query
            .iter()
            .filter(|q| !q.disabled)
            .map(|q| match (&q.key, &q.value) {
                (Some(k), Some(v)) => format!("{k}={v}"),
                (Some(k), None) => k.clone(),
                (None, Some(v)) => format!("={v}"),
                (None, None) => String::new(),
            })
            .collect();
        if !q.is_empty() {
            s.push('?');
            s.push_str(&q.join("&"));
        }
        if let Some(h) = &self.hash {
            s.push('#');
            s.push_str(h);
        }
        s
    }
}

/// The parameters of a query string (the text after `?`). An empty query is one
/// parameter with an empty key, as Postman reads it: `http://h/get?` keeps its `?`.
pub fn parse_query(q: &str) -> Vec<QueryParam> {
    q.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => QueryParam {
                key: Some(k.to_string()),
                value: Some(v.to_string()),
                ..Default::default()
            },
            None => QueryParam {
                key: Some(pair.to_string()),
                value: None,
                ..Default::default()
            },
        })
        .collect()
}

#[derive(Deserialize)]
struct UrlFields {
    #[serde(default)]
    raw: Option<String>,
    #[serde(default)]
    protocol: Option<String>,
    #[serde(default, deserialize_with = "host_parts")]
    host: Option<Vec<String>>,
    #[serde(default, deserialize_with = "opt_stringish")]
    port: Option<String>,
    #[serde(default, deserialize_with = "path_parts")]
    path: Option<Vec<String>>,
    #[serde(default, deserialize_with = "null_as_default")]
    query: Vec<QueryParam>,
    #[serde(default)]
    hash: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    variable: Vec<Variable>,
}

fn host_parts<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s.split('.').map(str::to_string).collect()),
        Value::Array(a) => Some(a.into_iter().map(value_text).collect()),
        _ => None,
    })
}

fn path_parts<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(
            s.strip_prefix('/')
                .unwrap_or(&s)
                .split('/')
                .map(str::to_string)
                .collect(),
        ),
        Value::Array(a) => Some(
            a.into_iter()
                .map(|seg| match seg {
                    // `{ "type": "string", "value": "users" }` segments
                    Value::Object(mut o) => o.remove("value").map(value_text).unwrap_or_default(),
                    other => value_text(other),
                })
                .collect(),
        ),
        _ => None,
    })
}

impl<'de> Deserialize<'de> for Url {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Url;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Url, E> {
                Ok(Url::parse(s))
            }
            fn visit_unit<E>(self) -> Result<Url, E> {
                Ok(Url::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Url, A::Error> {
                let f = UrlFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let mut url = Url {
                    raw: f.raw,
                    protocol: f.protocol,
                    auth: None,
                    host: f.host,
                    port: f.port,
                    path: f.path,
                    query: f.query,
                    hash: f.hash,
                    variable: f.variable,
                    was_string: false,
                };
                // An object with only `raw` is parsed like a string URL.
                if url.host.is_none() && url.path.is_none() && url.protocol.is_none() {
                    if let Some(raw) = url.raw.clone() {
                        let parsed = Url::parse(&raw);
                        let vars = std::mem::take(&mut url.variable);
                        let query = std::mem::take(&mut url.query);
                        url = Url {
                            variable: vars,
                            was_string: false,
                            ..parsed
                        };
                        if !query.is_empty() {
                            url.query = query;
                        }
                    }
                }
                Ok(url)
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Url {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.was_string {
            return s.serialize_str(self.raw.as_deref().unwrap_or(""));
        }
        let mut m = Map::new();
        m.insert(
            "raw".into(),
            Value::String(self.raw.clone().unwrap_or_else(|| self.to_raw())),
        );
        if let Some(p) = &self.protocol {
            m.insert("protocol".into(), Value::String(p.clone()));
        }
        if let Some(h) = &self.host {
            m.insert("host".into(), serde_json::to_value(h).unwrap_or_default());
        }
        if let Some(p) = &self.port {
            m.insert("port".into(), Value::String(p.clone()));
        }
        if let Some(p) = &self.path {
            m.insert("path".into(), serde_json::to_value(p).unwrap_or_default());
        }
        if !self.query.is_empty() {
            m.insert(
                "query".into(),
                serde_json::to_value(&self.query).unwrap_or_default(),
            );
        }
        if let Some(h) = &self.hash {
            m.insert("hash".into(), Value::String(h.clone()));
        }
        if !self.variable.is_empty() {
            m.insert(
                "variable".into(),
                serde_json::to_value(&self.variable).unwrap_or_default(),
            );
        }
        m.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parts(u: &Url) -> (Option<&str>, Vec<&str>, Option<&str>, Vec<&str>) {
        (
            u.protocol.as_deref(),
            u.host.iter().flatten().map(String::as_str).collect(),
            u.port.as_deref(),
            u.path.iter().flatten().map(String::as_str).collect(),
        )
    }

    #[test]
    fn splits_a_plain_url_into_postmans_parts() {
        let u = Url::parse("https://user:pw@api.example.com:8443/v1/users/?x=1&y#top");
        assert_eq!(
            parts(&u),
            (
                Some("https"),
                vec!["api", "example", "com"],
                Some("8443"),
                vec!["v1", "users", ""]
            )
        );
        assert_eq!(
            u.query,
            [
                QueryParam {
                    key: Some("x".into()),
                    value: Some("1".into()),
                    ..Default::default()
                },
                QueryParam {
                    key: Some("y".into()),
                    ..Default::default()
                }
            ]
        );
        assert_eq!(u.hash.as_deref(), Some("top"));
        assert!(u.was_string);
    }

    #[test]
    fn variables_stay_whole() {
        let u = Url::parse("{{base}}/users/{{id}}?q={{v}}");
        assert_eq!(
            parts(&u),
            (None, vec!["{{base}}"], None, vec!["users", "{{id}}"])
        );
        // A '/' inside a variable name does not end the host; a variable port is a port.
        let u = Url::parse("{{a/b}}:{{port}}/x");
        assert_eq!(
            parts(&u),
            (None, vec!["{{a/b}}"], Some("{{port}}"), vec!["x"])
        );
        // `{{scheme}}://` is not a protocol.
        let u = Url::parse("{{scheme}}://host/x");
        assert_eq!(u.protocol, None);
        // A colon that is not followed by a port stays in the host.
        assert_eq!(parts(&Url::parse("host:abc")).1, vec!["host:abc"]);
    }

    #[test]
    fn text_is_rebuilt_from_the_parts() {
        let mut u = Url::parse("http://localhost:3000/a/b?x=1&y=2#f");
        u.query[1].disabled = true;
        assert_eq!(u.to_raw(), "http://localhost:3000/a/b?x=1#f");
        // Without parts, the raw text is all there is.
        let raw_only = Url {
            raw: Some("not a url".into()),
            ..Default::default()
        };
        assert_eq!(raw_only.to_raw(), "not a url");
        assert_eq!(parse_query("").len(), 1);
        assert_eq!(Url::parse("h/get?").to_raw(), "h/get?");
        assert_eq!(parse_query("=v")[0].key.as_deref(), Some(""));
    }

    #[test]
    fn reads_strings_objects_and_odd_segments() {
        let u: Url = serde_json::from_value(json!("http://h/p")).unwrap();
        assert_eq!(parts(&u).3, vec!["p"]);
        let u: Url = serde_json::from_value(json!({
            "raw": "ignored when parts are given",
            "host": "api.example.com",
            "port": 8080,
            "path": ["users", {"type": "string", "value": "me"}, 7],
            "query": null
        }))
        .unwrap();
        assert_eq!(
            parts(&u),
            (
                None,
                vec!["api", "example", "com"],
                Some("8080"),
                vec!["users", "me", "7"]
            )
        );
        assert!(!u.was_string);
        // An object with only `raw` is parsed like a string, keeping its own query and variables.
        let u: Url = serde_json::from_value(json!({
            "raw": "https://h/users/:id?a=1",
            "variable": [{"key": "id", "value": "7"}]
        }))
        .unwrap();
        assert_eq!(
            parts(&u),
            (Some("https"), vec!["h"], None, vec!["users", ":id"])
        );
        assert_eq!(u.query.len(), 1);
        assert_eq!(u.variable[0].key.as_deref(), Some("id"));
        let none: Url = serde_json::from_value(json!(null)).unwrap();
        assert_eq!(none, Url::default());
    }

    #[test]
    fn writes_back_the_way_it_was_read() {
        let text = serde_json::to_value(Url::parse("{{base}}/x?y=1")).unwrap();
        assert_eq!(text, json!("{{base}}/x?y=1"));
        let object: Url = serde_json::from_value(json!({
            "host": ["h"],
            "path": ["a"],
            "query": [{"key": "k", "value": "v"}]
        }))
        .unwrap();
        assert_eq!(
            serde_json::to_value(&object).unwrap(),
            json!({"raw": "h/a?k=v", "host": ["h"], "path": ["a"], "query": [{"key": "k", "value": "v"}]})
        );
    }
}
