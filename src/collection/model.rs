//! The Postman collection format (v2.0 and v2.1), as typed values.
//!
//! Loading is tolerant where real exports vary (a URL may be a string or an
//! object, headers a list or a string, auth parameters a list or a map), and
//! serialising writes v2.1 back so `--export-collection` round-trips.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Collection {
    pub info: Info,
    #[serde(default)]
    pub item: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variable: Vec<Variable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Auth>,
    #[serde(
        default,
        rename = "protocolProfileBehavior",
        skip_serializing_if = "Option::is_none"
    )]
    pub protocol_profile_behavior: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Info {
    #[serde(
        default,
        rename = "_postman_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Value>,
}

/// A folder (has `item`) or a request item (has `request`), as Postman stores both.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Item {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Vec<Item>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "request_or_string"
    )]
    pub request: Option<Request>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub response: Vec<Response>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub event: Vec<Event>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub variable: Vec<Variable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Auth>,
    #[serde(
        default,
        rename = "protocolProfileBehavior",
        skip_serializing_if = "Option::is_none"
    )]
    pub protocol_profile_behavior: Option<Map<String, Value>>,
}

impl Item {
    pub fn is_folder(&self) -> bool {
        self.request.is_none() && self.item.is_some()
    }

    pub fn children(&self) -> &[Item] {
        self.item.as_deref().unwrap_or(&[])
    }

    /// The script of one kind (`prerequest` or `test`) attached to this item, if any.
    pub fn script(&self, listen: &str) -> Option<&Script> {
        script_of(&self.event, listen)
    }
}

pub fn script_of<'a>(events: &'a [Event], listen: &str) -> Option<&'a Script> {
    events
        .iter()
        .filter(|e| e.listen == listen && !e.disabled)
        .filter_map(|e| e.script.as_ref())
        .find(|s| !s.source().trim().is_empty())
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Request {
    #[serde(default)]
    pub url: Url,
    #[serde(default = "default_method", deserialize_with = "method")]
    pub method: String,
    #[serde(
        default,
        deserialize_with = "headers",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub header: Vec<Header>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_body"
    )]
    pub body: Option<Body>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Auth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Value>,
}

fn default_method() -> String {
    "GET".into()
}

fn method<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let m: Option<String> = Option::deserialize(d)?;
    Ok(m.map(|m| m.to_ascii_uppercase())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(default_method))
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A request written as a bare URL string is a GET of that URL.
impl<'de> Deserialize<'de> for RequestOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RequestOrString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(RequestOrString(Request {
                    url: Url::parse(s),
                    method: default_method(),
                    ..Default::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Request::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RequestOrString)
            }
        }
        d.deserialize_any(V)
    }
}

/// Wrapper used while loading so a request may be a URL string.
pub struct RequestOrString(pub Request);

pub(crate) fn request_or_string<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Request>, D::Error> {
    Ok(Option::<RequestOrString>::deserialize(d)?.map(|r| r.0))
}

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct Header {
    #[serde(default)]
    pub key: String,
    #[serde(default, deserialize_with = "stringish")]
    pub value: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub kind: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Accepts any JSON scalar where a string is expected (exports contain numbers and booleans).
fn stringish<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
    })
}

fn opt_stringish<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

/// Headers as a list of objects, or as a `Key: value` block (older exports).
fn headers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Header>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Header>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of headers or a header string")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(parse_header_block(s))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(h) = seq.next_element::<HeaderEntry>()? {
                if let Some(h) = h.0 {
                    out.push(h);
                }
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// A header entry may be an object or a `Key: value` string.
struct HeaderEntry(Option<Header>);

impl<'de> Deserialize<'de> for HeaderEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HeaderEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a header object or a \"Key: value\" string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(HeaderEntry(parse_header_block(s).into_iter().next()))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(HeaderEntry(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Header::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|h| HeaderEntry(Some(h)))
            }
        }
        d.deserialize_any(V)
    }
}

pub fn parse_header_block(s: &str) -> Vec<Header> {
    s.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() {
                return None;
            }
            let (disabled, line) = match line.strip_prefix("//") {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            Some(Header {
                key: k.trim().to_string(),
                value: v.trim().to_string(),
                disabled,
                ..Default::default()
            })
        })
        .collect()
}

/// A URL as Postman stores it: the raw text plus its parsed parts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Url {
    pub raw: Option<String>,
    pub protocol: Option<String>,
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
        // The host ends at the first '/' that is not inside a `{{...}}`.
        let mut depth = 0usize;
        let bytes = rest.as_bytes();
        let mut split = rest.len();
        let mut i = 0;
        while i < bytes.len() {
            if rest[i..].starts_with("{{") {
                depth += 1;
                i += 2;
                continue;
            }
            if rest[i..].starts_with("}}") && depth > 0 {
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

pub fn parse_query(q: &str) -> Vec<QueryParam> {
    if q.is_empty() {
        return Vec::new();
    }
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

/// The text of a JSON value as Postman substitutes it into a request.
pub fn value_text(v: Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
    }
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

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Body {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_stringish"
    )]
    pub raw: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub urlencoded: Vec<FormParam>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub formdata: Vec<FormParam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graphql: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Value>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
}

fn opt_body<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Body>, D::Error> {
    Option::<Body>::deserialize(d)
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct FormParam {
    #[serde(default, deserialize_with = "stringish")]
    pub key: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_stringish"
    )]
    pub value: Option<String>,
    /// File path(s) for `type: file` parts: a string, a list, or null.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub src: Value,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
    #[serde(
        default,
        rename = "contentType",
        skip_serializing_if = "Option::is_none"
    )]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
}

impl FormParam {
    pub fn is_file(&self) -> bool {
        self.kind.as_deref() == Some("file")
    }

    pub fn sources(&self) -> Vec<String> {
        match &self.src {
            Value::String(s) if !s.is_empty() => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct FileRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// Authentication settings. Parameters are kept as written (v2.1 lists or v2.0
/// maps) and read through [`Auth::params`].
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Auth {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(flatten)]
    pub settings: Map<String, Value>,
}

impl Auth {
    /// The parameters of the active auth type, as (key, value) pairs.
    pub fn params(&self) -> Vec<(String, Value)> {
        match self.settings.get(&self.kind) {
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(|p| {
                    let key = p.get("key")?.as_str()?.to_string();
                    Some((key, p.get("value").cloned().unwrap_or(Value::Null)))
                })
                .collect(),
            Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => Vec::new(),
        }
    }

    pub fn param(&self, key: &str) -> Option<Value> {
        self.params()
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The parameter as text, empty when it is missing.
    pub fn text(&self, key: &str) -> String {
        self.param(key).map(value_text).unwrap_or_default()
    }

    /// Replaces every parameter of the active type, as a v2.1 list.
    pub fn set_params(&mut self, params: Vec<(String, Value)>) {
        let list = params
            .into_iter()
            .map(|(k, v)| {
                let mut m = Map::new();
                m.insert("key".into(), Value::String(k));
                m.insert("value".into(), v);
                m.insert("type".into(), Value::String("string".into()));
                Value::Object(m)
            })
            .collect();
        self.settings.insert(self.kind.clone(), Value::Array(list));
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Event {
    #[serde(default)]
    pub listen: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Script {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "exec_lines")]
    pub exec: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Script {
    pub fn source(&self) -> String {
        self.exec.join("\n")
    }
}

fn exec_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s.split('\n').map(str::to_string).collect(),
        Value::Array(a) => a.into_iter().map(value_text).collect(),
        _ => Vec::new(),
    })
}

/// A variable as stored in collections, environments and globals files.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct Variable {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_stringish"
    )]
    pub key: Option<String>,
    /// v2.0 collections sometimes name variables by `id`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_stringish"
    )]
    pub id: Option<String>,
    #[serde(default)]
    pub value: Value,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub disabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
}

impl Variable {
    pub fn name(&self) -> Option<&str> {
        self.key.as_deref().or(self.id.as_deref())
    }

    pub fn is_enabled(&self) -> bool {
        !self.disabled && self.enabled != Some(false)
    }
}

/// A saved example response.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Response {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(
        default,
        rename = "originalRequest",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "request_or_string"
    )]
    pub original_request: Option<Request>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_code"
    )]
    pub code: Option<u16>,
    #[serde(
        default,
        deserialize_with = "headers",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub header: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie: Option<Value>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_stringish"
    )]
    pub body: Option<String>,
    #[serde(
        default,
        rename = "_postman_previewlanguage",
        skip_serializing_if = "Option::is_none"
    )]
    pub preview_language: Option<Value>,
}

fn opt_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Environment and globals files share this shape.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct VariableFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub values: Vec<Variable>,
}
