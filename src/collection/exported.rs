//! A collection as newman's `--export-collection` writes it: postman-collection's
//! `Collection.toJSON()` of the collection the run was given.
//!
//! The SDK rewrites what it loads, and the export shows it: every item, folder,
//! script and saved response gets an `id`, URLs become objects (`host`, `path`,
//! `query`, `variable`, never `raw`), descriptions become `{content, type}`,
//! variables get a `type` and a value cast to it, and lists the SDK always holds
//! (`event`, `response`, `query`, …) are written even when empty. Scripts that ran
//! carry the `_lastExecutionId` the runtime stamped on them. Collection variables
//! are the ones the file declared: `pm.collectionVariables` works on a copy.

use super::js_cast::{cast, cast_unset, js_string};
use super::model::{
    Auth, Body, Collection, Event, FormParam, Header, Item, Request, Response, Variable,
};
use super::url::{QueryParam, Url};
use serde_json::{json, Map, Value};

/// The schema every export declares, whatever the file said (v2.0 is written as v2.1).
const SCHEMA: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// What the run knows that the file does not: the ids items were given, and
/// which scripts ran.
pub trait RunRecord {
    /// The collection's id: its `_postman_id`, or the one the run made up.
    fn collection_id(&self) -> String;
    /// The item's id, as the reports show it.
    fn item_id(&self, item: &Item, parents: &[&Item]) -> String;
    /// Whether the `listen` scripts of the collection (`owner` None) or of an
    /// item (with its folders, outermost first) ran at least once.
    fn ran(&self, owner: Option<(&Item, &[&Item])>, listen: &str) -> bool;
}

/// The collection as newman exports it, without the `_postman_exported_*`
/// marks the caller adds.
pub fn exported(collection: &Collection, run: &dyn RunRecord) -> Value {
    let mut out = Map::new();
    let mut meta = Map::new();
    if let Some(id) = &collection.info.id {
        meta.insert("postman_id".into(), json!(id));
    }
    // Marks such as `_exporter_id` are kept under `_`, without their underscore.
    for (k, v) in &collection.info.extra {
        if let Some(name) = k.strip_prefix('_').filter(|n| !n.is_empty()) {
            meta.insert(name.trim_start_matches('_').to_string(), v.clone());
        }
    }
    if !meta.is_empty() {
        out.insert("_".into(), Value::Object(meta));
    }
    let mut info = Map::new();
    info.insert("_postman_id".into(), json!(run.collection_id()));
    info.insert("name".into(), json!(collection.info.name));
    if let Some(v) = collection.info.version.as_ref().and_then(version) {
        info.insert("version".into(), v);
    }
    info.insert("schema".into(), json!(SCHEMA));
    if let Some(d) = collection.info.description.as_ref().and_then(description) {
        info.insert("description".into(), d);
    }
    out.insert("info".into(), Value::Object(info));
    out.insert(
        "item".into(),
        Value::Array(items(&collection.item, &[], run)),
    );
    out.insert("event".into(), events(&collection.event, None, run));
    out.insert(
        "variable".into(),
        Value::Array(collection.variable.iter().map(variable).collect()),
    );
    if let Some(a) = &collection.auth {
        out.insert("auth".into(), auth(a));
    }
    if let Some(p) = &collection.protocol_profile_behavior {
        out.insert("protocolProfileBehavior".into(), Value::Object(p.clone()));
    }
    Value::Object(out)
}

fn items(list: &[Item], parents: &[&Item], run: &dyn RunRecord) -> Vec<Value> {
    list.iter().map(|i| item(i, parents, run)).collect()
}

/// One item as the SDK's `toJSON()` writes it: what newman's JSON report
/// shows of the item in each execution and in each failure.
pub fn exported_item(it: &Item, parents: &[&Item], run: &dyn RunRecord) -> Value {
    item(it, parents, run)
}

fn item(it: &Item, parents: &[&Item], run: &dyn RunRecord) -> Value {
    let id = run.item_id(it, parents);
    let mut out = Map::new();
    out.insert("id".into(), json!(id));
    // The SDK keeps a name only when it is not empty.
    if !it.name.is_empty() {
        out.insert("name".into(), json!(it.name));
    }
    if let Some(d) = it.description.as_ref().and_then(description) {
        out.insert("description".into(), d);
    }
    if it.is_folder() {
        let mut chain = parents.to_vec();
        chain.push(it);
        out.insert(
            "item".into(),
            Value::Array(items(it.children(), &chain, run)),
        );
        // Only folders keep an auth of their own: a request item's lives in its request.
        if let Some(a) = &it.auth {
            out.insert("auth".into(), auth(a));
        }
    } else {
        let request_json = match &it.request {
            Some(r) => request(r),
            None => request(&Request {
                method: "GET".into(),
                ..Default::default()
            }),
        };
        out.insert("request".into(), request_json);
        out.insert(
            "response".into(),
            Value::Array(it.response.iter().map(response).collect()),
        );
    }
    out.insert("event".into(), events(&it.event, Some((it, parents)), run));
    if let Some(p) = &it.protocol_profile_behavior {
        out.insert("protocolProfileBehavior".into(), Value::Object(p.clone()));
    }
    Value::Object(out)
}

fn events(list: &[Event], owner: Option<(&Item, &[&Item])>, run: &dyn RunRecord) -> Value {
    Value::Array(
        list.iter()
            .map(|e| {
                let mut out = Map::new();
                out.insert("listen".into(), json!(e.listen));
                if e.disabled {
                    out.insert("disabled".into(), json!(true));
                }
                if let Some(s) = &e.script {
                    let mut script = Map::new();
                    let id = s.id.clone().unwrap_or_else(new_id);
                    script.insert("id".into(), json!(id));
                    script.insert(
                        "type".into(),
                        json!(s.kind.as_deref().unwrap_or("text/javascript")),
                    );
                    script.insert("exec".into(), json!(s.exec));
                    if let Some(n) = &s.name {
                        script.insert("name".into(), json!(n));
                    }
                    if !e.disabled && run.ran(owner, &e.listen) {
                        script.insert("_lastExecutionId".into(), json!(new_id()));
                    }
                    out.insert("script".into(), Value::Object(script));
                }
                Value::Object(out)
            })
            .collect(),
    )
}

fn request(r: &Request) -> Value {
    let mut out = Map::new();
    out.insert("url".into(), url(&r.url));
    out.insert("method".into(), json!(r.method.to_uppercase()));
    // The one list the SDK leaves out when empty.
    if !r.header.is_empty() {
        out.insert(
            "header".into(),
            Value::Array(r.header.iter().map(header).collect()),
        );
    }
    if let Some(b) = &r.body {
        out.insert("body".into(), body(b));
    }
    if let Some(a) = &r.auth {
        out.insert("auth".into(), auth(a));
    }
    if let Some(d) = r.description.as_ref().and_then(description) {
        out.insert("description".into(), d);
    }
    if let Some(p) = &r.proxy {
        out.insert("proxy".into(), p.clone());
    }
    if let Some(c) = &r.certificate {
        out.insert("certificate".into(), c.clone());
    }
    Value::Object(out)
}

fn url(u: &Url) -> Value {
    let mut out = Map::new();
    if let Some(a) = &u.auth {
        // `user:password@` as written; the password is the text after the first ':'.
        let mut auth = Map::new();
        match a.split_once(':') {
            Some((user, password)) => {
                auth.insert("user".into(), json!(user));
                auth.insert("password".into(), json!(password));
            }
            None => {
                auth.insert("user".into(), json!(a));
            }
        }
        out.insert("auth".into(), Value::Object(auth));
    }
    if let Some(p) = &u.protocol {
        out.insert("protocol".into(), json!(p));
    }
    if let Some(p) = &u.port {
        out.insert("port".into(), json!(p));
    }
    if let Some(p) = &u.path {
        if u.was_string {
            // The SDK's parser reads a '\\' in a URL's path as a '/'.
            let parts: Vec<&str> = p.iter().flat_map(|s| s.split('\\')).collect();
            out.insert("path".into(), json!(parts));
        } else {
            out.insert("path".into(), json!(p));
        }
    }
    if let Some(h) = &u.hash {
        out.insert("hash".into(), json!(h));
    }
    if let Some(h) = &u.host {
        out.insert("host".into(), json!(h));
    }
    out.insert(
        "query".into(),
        Value::Array(u.query.iter().map(query_param).collect()),
    );
    out.insert("variable".into(), Value::Array(url_variables(u)));
    Value::Object(out)
}

/// A URL written as text declares its path variables by their `:name` segments
/// (each once, the name ending at a '.'); an object URL lists its own.
fn url_variables(u: &Url) -> Vec<Value> {
    if !u.was_string {
        return u
            .variable
            .iter()
            .map(|v| {
                let mut out = variable(v);
                // Older files name path variables by `id`; the SDK also reads it as the key.
                if v.key.is_none() {
                    if let Some(id) = &v.id {
                        out["key"] = json!(id);
                    }
                }
                out
            })
            .collect();
    }
    let mut seen: Vec<&str> = Vec::new();
    for segment in u.path.iter().flatten() {
        let Some(name) = segment.strip_prefix(':') else {
            continue;
        };
        let name = name.split('.').next().unwrap_or_default();
        if !name.is_empty() && !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen.into_iter()
        .map(|key| json!({"key": key, "type": "any"}))
        .collect()
}

/// A query or urlencoded parameter: `key` and `value` always, null when missing.
fn query_param(q: &QueryParam) -> Value {
    let mut out = Map::new();
    out.insert("key".into(), json!(q.key));
    out.insert("value".into(), json!(q.value));
    flags(&mut out, q.disabled, q.description.as_ref());
    Value::Object(out)
}

/// A header keeps its key, value and flags; the SDK drops its `type`.
fn header(h: &Header) -> Value {
    let mut out = Map::new();
    out.insert("key".into(), json!(h.key));
    out.insert("value".into(), json!(h.value));
    flags(&mut out, h.disabled, h.description.as_ref());
    Value::Object(out)
}

fn flags(out: &mut Map<String, Value>, disabled: bool, desc: Option<&Value>) {
    if disabled {
        out.insert("disabled".into(), json!(true));
    }
    if let Some(d) = desc.and_then(description) {
        out.insert("description".into(), d);
    }
}

/// A body without a mode is written empty; an unknown mode is read as `raw`, and
/// the chosen mode's content is always there (empty when the file had none).
fn body(b: &Body) -> Value {
    let mut out = Map::new();
    let Some(mode) = b.mode.as_deref() else {
        return Value::Object(out);
    };
    let mode = match mode.to_lowercase().as_str() {
        m @ ("raw" | "urlencoded" | "formdata" | "file" | "graphql") => m.to_string(),
        _ => "raw".to_string(),
    };
    out.insert("mode".into(), json!(mode));
    if b.raw.is_some() || mode == "raw" {
        out.insert("raw".into(), json!(b.raw.clone().unwrap_or_default()));
    }
    if !b.urlencoded.is_empty() || mode == "urlencoded" {
        let params = b.urlencoded.iter().map(|p| {
            query_param(&QueryParam {
                key: Some(p.key.clone()),
                value: p.value.clone(),
                disabled: p.disabled,
                description: p.description.clone(),
            })
        });
        out.insert("urlencoded".into(), Value::Array(params.collect()));
    }
    if !b.formdata.is_empty() || mode == "formdata" {
        out.insert(
            "formdata".into(),
            Value::Array(b.formdata.iter().map(form_param).collect()),
        );
    }
    if let Some(f) = &b.file {
        out.insert(
            "file".into(),
            serde_json::to_value(f).unwrap_or_else(|_| json!({})),
        );
    }
    match &b.graphql {
        Some(Value::Object(g)) => {
            let kept = ["query", "operationName", "variables"]
                .into_iter()
                .filter_map(|k| g.get(k).map(|v| (k.to_string(), v.clone())));
            out.insert("graphql".into(), Value::Object(kept.collect()));
        }
        _ if mode == "graphql" => {
            out.insert("graphql".into(), json!({}));
        }
        _ => {}
    }
    if let Some(o @ Value::Object(_)) = &b.options {
        out.insert("options".into(), o.clone());
    }
    if b.disabled {
        out.insert("disabled".into(), json!(true));
    }
    Value::Object(out)
}

fn form_param(p: &FormParam) -> Value {
    let mut out = Map::new();
    out.insert("key".into(), json!(p.key));
    if let Some(v) = &p.value {
        out.insert("value".into(), json!(v));
    }
    if let Some(k) = &p.kind {
        out.insert("type".into(), json!(k));
    }
    if !p.src.is_null() {
        out.insert("src".into(), p.src.clone());
    }
    if let Some(c) = &p.content_type {
        out.insert("contentType".into(), json!(c));
    }
    flags(&mut out, p.disabled, p.description.as_ref());
    Value::Object(out)
}

/// Every parameter list the auth holds is kept, the active type's always (empty
/// for `noauth`); each parameter is a variable, so it gets a `type`.
fn auth(a: &Auth) -> Value {
    let mut out = Map::new();
    out.insert("type".into(), json!(a.kind));
    for (kind, params) in &a.settings {
        let list: Vec<Value> = match params {
            Value::Array(list) => list.iter().filter_map(auth_param).collect(),
            // v2.0 writes `{name: value}`.
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| json!({"key": k, "value": v, "type": "any"}))
                .collect(),
            _ => continue,
        };
        out.insert(kind.clone(), Value::Array(list));
    }
    if !out.contains_key(&a.kind) {
        out.insert(a.kind.clone(), json!([]));
    }
    Value::Object(out)
}

fn auth_param(p: &Value) -> Option<Value> {
    let v: Variable = serde_json::from_value(p.clone()).ok()?;
    Some(variable(&v))
}

/// A variable as the SDK holds it: its `type` (unknown ones read as `any`) and
/// its value cast to that type. A `secret` stays `secret` and a variable marked
/// `enabled: false` keeps its mark, as in exported environments, so the next run
/// still masks and skips them.
fn variable(v: &Variable) -> Value {
    let mut out = Map::new();
    if let Some(k) = &v.key {
        out.insert("key".into(), json!(k));
    }
    if let Some(id) = &v.id {
        out.insert("id".into(), json!(id));
    }
    let kind = v
        .kind
        .as_deref()
        .map(str::to_lowercase)
        .filter(|k| {
            matches!(
                k.as_str(),
                "string" | "boolean" | "number" | "array" | "object" | "any" | "secret"
            )
        })
        .unwrap_or_else(|| "any".into());
    let value = if v.unset {
        cast_unset(&kind)
    } else {
        Some(cast(&kind, &v.value))
    };
    if let Some(value) = value {
        out.insert("value".into(), value);
    }
    out.insert("type".into(), json!(kind));
    if v.disabled {
        out.insert("disabled".into(), json!(true));
    }
    if v.enabled == Some(false) {
        out.insert("enabled".into(), json!(false));
    }
    if let Some(d) = v.description.as_ref().and_then(description) {
        out.insert("description".into(), d);
    }
    Value::Object(out)
}

fn response(r: &Response) -> Value {
    let mut out = Map::new();
    if let Some(p) = &r.preview_language {
        out.insert("_".into(), json!({"postman_previewlanguage": p}));
    }
    out.insert("id".into(), json!(r.id.clone().unwrap_or_else(new_id)));
    if !r.name.is_empty() {
        out.insert("name".into(), json!(r.name));
    }
    if let Some(req) = &r.original_request {
        out.insert("originalRequest".into(), request(req));
    }
    // A saved response without a status gets its code's reason phrase.
    let status = r.status.clone().or_else(|| {
        let code = hyper::StatusCode::from_u16(r.code?).ok()?;
        code.canonical_reason().map(str::to_string)
    });
    if let Some(s) = status {
        out.insert("status".into(), json!(s));
    }
    if let Some(c) = r.code {
        out.insert("code".into(), json!(c));
    }
    out.insert(
        "header".into(),
        Value::Array(r.header.iter().map(header).collect()),
    );
    if let Some(b) = &r.body {
        out.insert("body".into(), json!(b));
    }
    out.insert(
        "cookie".into(),
        match &r.cookie {
            Some(Value::Array(c)) => Value::Array(c.clone()),
            _ => json!([]),
        },
    );
    Value::Object(out)
}

/// Text descriptions are written as `{content, type}`, `text/plain` unless the
/// file said otherwise.
fn description(d: &Value) -> Option<Value> {
    match d {
        Value::String(s) => Some(json!({"content": s, "type": "text/plain"})),
        Value::Object(o) => {
            let mut out = Map::new();
            out.insert(
                "content".into(),
                o.get("content").cloned().unwrap_or(json!("")),
            );
            out.insert(
                "type".into(),
                o.get("type").cloned().unwrap_or(json!("text/plain")),
            );
            if let Some(v) = o.get("version") {
                out.insert("version".into(), v.clone());
            }
            Some(Value::Object(out))
        }
        _ => None,
    }
}

/// `info.version` as the SDK's `Version` writes it: a semantic version's parts
/// and text (pre-release and build identifiers joined by ','), the parts of an
/// object as given, nothing of anything else.
fn version(v: &Value) -> Option<Value> {
    let joined = |ids: Option<&Value>| match ids {
        Some(Value::Array(a)) if !a.is_empty() => {
            Some(json!(a.iter().map(js_string).collect::<Vec<_>>().join(",")))
        }
        other => other.cloned(),
    };
    let parts = match v {
        Value::String(raw) => semver(raw).unwrap_or_default(),
        Value::Object(o) => {
            let mut parts = Map::new();
            for k in ["raw", "major", "minor", "patch"] {
                if let Some(x) = o.get(k) {
                    parts.insert(k.into(), x.clone());
                }
            }
            for k in ["prerelease", "build"] {
                if let Some(x) = joined(o.get(k)) {
                    parts.insert(k.into(), x);
                }
            }
            if let Some(x) = o.get("version") {
                parts.insert("string".into(), x.clone());
            }
            parts
        }
        _ => Map::new(),
    };
    Some(Value::Object(parts))
}

/// `1.2.3-beta.1+b7` as node's `semver.parse` reads it, `None` when it is not one.
fn semver(raw: &str) -> Option<Map<String, Value>> {
    let text = raw.trim();
    let text = text.strip_prefix(['v', '=']).unwrap_or(text);
    let (core, build) = text.split_once('+').unwrap_or((text, ""));
    let (core, pre) = core.split_once('-').unwrap_or((core, ""));
    let numbers: Vec<u64> = core
        .split('.')
        .map(|n| {
            let leading_zero = n.len() > 1 && n.starts_with('0');
            let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
            if digits && !leading_zero {
                n.parse().ok()
            } else {
                None
            }
        })
        .collect::<Option<_>>()?;
    let [major, minor, patch] = numbers[..] else {
        return None;
    };
    let (pre_ids, build_ids) = (idents(pre)?, idents(build)?);
    let mut string = format!("{major}.{minor}.{patch}");
    if !pre.is_empty() {
        string.push('-');
        string.push_str(pre);
    }
    let list = |ids: Vec<&str>| {
        if ids.is_empty() {
            json!([])
        } else {
            json!(ids.join(","))
        }
    };
    let mut parts = Map::new();
    parts.insert("raw".into(), json!(raw));
    parts.insert("major".into(), json!(major));
    parts.insert("minor".into(), json!(minor));
    parts.insert("patch".into(), json!(patch));
    parts.insert("prerelease".into(), list(pre_ids));
    parts.insert("build".into(), list(build_ids));
    parts.insert("string".into(), json!(string));
    Some(parts)
}

/// Dot-separated pre-release or build identifiers, `None` when one is malformed.
fn idents(s: &str) -> Option<Vec<&str>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let ids: Vec<&str> = s.split('.').collect();
    ids.iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then_some(ids)
}

fn new_id() -> String {
    crate::uuid_v4::new().to_string()
}
