//! Conversion of v1 collections (`requests` + `folders` + `order`) to the v2.1 shape.
//!
//! The result is JSON that the v2 model then loads, so a v1 file goes through
//! exactly the same checks as any other collection.

use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};

/// Whether a parsed document looks like a v1 collection.
pub fn is_v1(doc: &Value) -> bool {
    doc.get("info").is_none() && (doc.get("requests").is_some() || doc.get("order").is_some())
}

pub fn convert(doc: &Value) -> Value {
    let requests: HashMap<String, &Value> = doc
        .get("requests")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(|r| Some((id_of(r)?, r))).collect())
        .unwrap_or_default();
    let folders: HashMap<String, &Value> = doc
        .get("folders")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(|f| Some((id_of(f)?, f))).collect())
        .unwrap_or_default();

    let mut used_requests = HashSet::new();
    let mut used_folders = HashSet::new();
    let mut root = Vec::new();

    // Folders named in some folder's `folders_order` are nested; the rest are top level.
    let nested: HashSet<String> = folders
        .values()
        .flat_map(|f| ids(f.get("folders_order")))
        .collect();
    let mut top_folders = ids(doc.get("folders_order"));
    if top_folders.is_empty() {
        if let Some(list) = doc.get("folders").and_then(Value::as_array) {
            top_folders = list
                .iter()
                .filter_map(id_of)
                .filter(|id| !nested.contains(id))
                .collect();
        }
    }
    for fid in top_folders {
        if let Some(item) = folder_item(
            &fid,
            &folders,
            &requests,
            &mut used_folders,
            &mut used_requests,
        ) {
            root.push(item);
        }
    }
    for rid in ids(doc.get("order")) {
        if let Some(r) = requests.get(&rid) {
            if used_requests.insert(rid.clone()) {
                root.push(request_item(r));
            }
        }
    }
    // Requests that no order lists still belong to the collection: keep them, in file order.
    if let Some(list) = doc.get("requests").and_then(Value::as_array) {
        for r in list {
            if let Some(id) = id_of(r) {
                if !used_requests.contains(&id) {
                    used_requests.insert(id);
                    root.push(request_item(r));
                }
            }
        }
    }

    let mut out = Map::new();
    out.insert(
        "info".into(),
        json!({
            "_postman_id": doc.get("id").cloned().unwrap_or(Value::Null),
            "name": doc.get("name").cloned().unwrap_or_else(|| json!("")),
            "description": doc.get("description").cloned().unwrap_or(Value::Null),
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        }),
    );
    out.insert("item".into(), Value::Array(root));
    copy_common(doc, &mut out);
    Value::Object(out)
}

fn id_of(v: &Value) -> Option<String> {
    v.get("id").and_then(Value::as_str).map(str::to_string)
}

fn ids(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `events`, `variables`, `auth` and `protocolProfileBehavior` carry over under their v2 names.
fn copy_common(src: &Value, out: &mut Map<String, Value>) {
    if let Some(e) = src.get("events").filter(|v| v.is_array()) {
        out.insert("event".into(), e.clone());
    }
    if let Some(v) = src.get("variables").filter(|v| v.is_array()) {
        out.insert("variable".into(), v.clone());
    }
    if let Some(a) = src.get("auth").filter(|v| v.is_object()) {
        out.insert("auth".into(), a.clone());
    }
    if let Some(p) = src.get("protocolProfileBehavior").filter(|v| v.is_object()) {
        out.insert("protocolProfileBehavior".into(), p.clone());
    }
}

fn folder_item(
    fid: &str,
    folders: &HashMap<String, &Value>,
    requests: &HashMap<String, &Value>,
    used_folders: &mut HashSet<String>,
    used_requests: &mut HashSet<String>,
) -> Option<Value> {
    let f = folders.get(fid)?;
    if !used_folders.insert(fid.to_string()) {
        return None;
    }
    let mut items = Vec::new();
    for sub in ids(f.get("folders_order")) {
        if let Some(item) = folder_item(&sub, folders, requests, used_folders, used_requests) {
            items.push(item);
        }
    }
    for rid in ids(f.get("order")) {
        if let Some(r) = requests.get(&rid) {
            if used_requests.insert(rid.clone()) {
                items.push(request_item(r));
            }
        }
    }
    let mut out = Map::new();
    out.insert("id".into(), json!(fid));
    out.insert(
        "name".into(),
        f.get("name").cloned().unwrap_or_else(|| json!("")),
    );
    if let Some(d) = f.get("description").filter(|d| !d.is_null()) {
        out.insert("description".into(), d.clone());
    }
    out.insert("item".into(), Value::Array(items));
    copy_common(f, &mut out);
    Some(Value::Object(out))
}

fn request_item(r: &Value) -> Value {
    let text = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let mut request = Map::new();
    let mut url = json!(text("url"));
    let path_vars = path_variables(r);
    if !path_vars.is_empty() {
        url = json!({ "raw": text("url"), "variable": path_vars });
    }
    request.insert("url".into(), url);
    request.insert(
        "method".into(),
        json!(if text("method").is_empty() {
            "GET".into()
        } else {
            text("method")
        }),
    );
    let headers = match r.get("headerData").and_then(Value::as_array) {
        Some(list) if !list.is_empty() => Value::Array(list.clone()),
        _ => json!(text("headers")),
    };
    request.insert("header".into(), headers);
    if let Some(body) = body_of(r) {
        request.insert("body".into(), body);
    }
    if let Some(auth) = auth_of(r) {
        request.insert("auth".into(), auth);
    }
    if let Some(d) = r.get("description").filter(|d| !d.is_null()) {
        request.insert("description".into(), d.clone());
    }

    let mut item = Map::new();
    item.insert("id".into(), r.get("id").cloned().unwrap_or(Value::Null));
    item.insert("name".into(), json!(text("name")));
    item.insert("request".into(), Value::Object(request));
    let mut events = Vec::new();
    if let Some(list) = r.get("events").and_then(Value::as_array) {
        events.extend(list.iter().cloned());
    } else {
        for (listen, key) in [("prerequest", "preRequestScript"), ("test", "tests")] {
            let src = text(key);
            if !src.trim().is_empty() {
                events.push(json!({
                    "listen": listen,
                    "script": { "type": "text/javascript", "exec": src.split('\n').collect::<Vec<_>>() }
                }));
            }
        }
    }
    if !events.is_empty() {
        item.insert("event".into(), Value::Array(events));
    }
    if let Some(p) = r.get("protocolProfileBehavior").filter(|v| v.is_object()) {
        item.insert("protocolProfileBehavior".into(), p.clone());
    }
    if let Some(responses) = r.get("responses").and_then(Value::as_array) {
        let converted: Vec<Value> = responses.iter().map(response_of).collect();
        item.insert("response".into(), Value::Array(converted));
    }
    Value::Object(item)
}

fn path_variables(r: &Value) -> Vec<Value> {
    if let Some(list) = r.get("pathVariableData").and_then(Value::as_array) {
        if !list.is_empty() {
            return list.clone();
        }
    }
    match r.get("pathVariables") {
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| json!({ "key": k, "value": v }))
            .collect(),
        _ => Vec::new(),
    }
}

fn body_of(r: &Value) -> Option<Value> {
    let mode = r.get("dataMode").and_then(Value::as_str)?;
    let disabled = r
        .get("dataDisabled")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let params = || -> Vec<Value> {
        r.get("data")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|p| {
                        let mut p = p.clone();
                        if let Some(o) = p.as_object_mut() {
                            if o.get("enabled") == Some(&Value::Bool(false)) {
                                o.insert("disabled".into(), Value::Bool(true));
                            }
                            o.remove("enabled");
                            if o.get("type").and_then(Value::as_str) == Some("file") {
                                if let Some(v) = o.remove("value") {
                                    o.insert("src".into(), v);
                                }
                            }
                        }
                        p
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let body = match mode {
        "raw" => {
            json!({ "mode": "raw", "raw": r.get("rawModeData").cloned().unwrap_or_else(|| json!("")) })
        }
        "urlencoded" => json!({ "mode": "urlencoded", "urlencoded": params() }),
        "params" => json!({ "mode": "formdata", "formdata": params() }),
        "binary" => {
            json!({ "mode": "file", "file": { "src": r.get("rawModeData").cloned().unwrap_or(Value::Null) } })
        }
        "graphql" => {
            json!({ "mode": "graphql", "graphql": r.get("graphqlModeData").cloned().unwrap_or_else(|| json!({})) })
        }
        _ => return None,
    };
    let mut body = body;
    if disabled {
        body["disabled"] = Value::Bool(true);
    }
    if let Some(opts) = r.get("dataOptions").filter(|v| v.is_object()) {
        body["options"] = opts.clone();
    }
    Some(body)
}

fn auth_of(r: &Value) -> Option<Value> {
    if let Some(a) = r.get("auth").filter(|v| v.is_object()) {
        return Some(a.clone());
    }
    // Older exports keep auth as a "helper": `currentHelper` + `helperAttributes`.
    let helper = r.get("currentHelper").and_then(Value::as_str)?;
    let kind = match helper {
        "basicAuth" => "basic",
        "bearerAuth" => "bearer",
        "digestAuth" => "digest",
        "oAuth1" => "oauth1",
        "oAuth2" => "oauth2",
        "hawkAuth" => "hawk",
        "awsSigV4" => "awsv4",
        "ntlmAuth" => "ntlm",
        "normal" | "" => return None,
        other => other,
    };
    let attrs = r
        .get("helperAttributes")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let mut params = Vec::new();
    if let Value::Object(m) = &attrs {
        for (k, v) in m {
            if k != "id" && k != "type" {
                params.push(json!({ "key": k, "value": v, "type": "string" }));
            }
        }
    }
    Some(json!({ "type": kind, kind: params }))
}

fn response_of(r: &Value) -> Value {
    let mut out = Map::new();
    out.insert(
        "name".into(),
        r.get("name").cloned().unwrap_or_else(|| json!("")),
    );
    if let Some(code) = r.get("responseCode") {
        out.insert(
            "code".into(),
            code.get("code").cloned().unwrap_or(Value::Null),
        );
        out.insert(
            "status".into(),
            code.get("name").cloned().unwrap_or(Value::Null),
        );
    }
    if let Some(h) = r.get("headers").filter(|h| h.is_array()) {
        out.insert("header".into(), h.clone());
    }
    if let Some(b) = r.get("text") {
        out.insert("body".into(), b.clone());
    }
    Value::Object(out)
}
