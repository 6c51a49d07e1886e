//! The Postman collection format (v2.0 and v2.1), as typed values.
//!
//! Loading is tolerant where real exports vary (see `de.rs`: a request may be a
//! URL string, headers a list or a string, auth parameters a list or a map), URLs
//! keep Postman's parts (`url.rs`), and serialising writes v2.1 back so an
//! exported collection round-trips.

use super::de::{
    exec_lines, headers, is_false, method, null_as_default, opt_body, opt_code, opt_stringish,
    request_or_string, stringish,
};
use super::url::Url;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
    /// Every other key, for the `_`-prefixed marks Postman adds (`_exporter_id`)
    /// that newman's `--export-collection` keeps. Not written back otherwise.
    #[serde(flatten, skip_serializing)]
    pub extra: Map<String, Value>,
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

/// Every script an item runs for one event, in file order: newman runs each
/// enabled event that has a script, empty ones included (and counts them).
pub fn scripts_of<'a>(events: &'a [Event], listen: &'a str) -> impl Iterator<Item = &'a Script> {
    events
        .iter()
        .filter(move |e| e.listen == listen && !e.disabled)
        .filter_map(|e| e.script.as_ref())
}

/// The first script with code for one event (what lint and exports look at).
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
    #[serde(default = "super::de::default_method", deserialize_with = "method")]
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

/// The text of a JSON value as Postman substitutes it into a request.
pub fn value_text(v: Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
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

/// A variable as stored in collections, environments and globals files.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
#[serde(from = "VariableFields")]
pub struct Variable {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// v2.0 collections sometimes name variables by `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub value: Value,
    /// The file gave no `value` at all (JavaScript's `undefined`, where `null`
    /// is a value): newman's collection export then writes none.
    #[serde(skip_serializing)]
    pub unset: bool,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "is_false")]
    pub disabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value>,
}

/// [`Variable`] as read: `value` kept apart when missing.
#[derive(Deserialize)]
struct VariableFields {
    #[serde(default, deserialize_with = "opt_stringish")]
    key: Option<String>,
    #[serde(default, deserialize_with = "opt_stringish")]
    id: Option<String>,
    #[serde(default, deserialize_with = "present")]
    value: Option<Value>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    disabled: bool,
    #[serde(default)]
    description: Option<Value>,
}

/// `Some` whenever the key is there, `null` included.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl From<VariableFields> for Variable {
    fn from(f: VariableFields) -> Self {
        Variable {
            key: f.key,
            id: f.id,
            unset: f.value.is_none(),
            value: f.value.unwrap_or(Value::Null),
            kind: f.kind,
            enabled: f.enabled,
            disabled: f.disabled,
            description: f.description,
        }
    }
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
