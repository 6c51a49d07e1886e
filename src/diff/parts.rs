//! The parts of an item compared one by one, each as text a unified diff reads
//! well: method, URL, headers, body, scripts per event, auth, description…
//! Ids of events and scripts are left out: exports regenerate them.

use crate::collection::{value_text, Auth, Body, Event, Item, Request, Response, Variable};
use serde::Serialize;
use serde_json::{Map, Value};
use similar::TextDiff;

/// One part that differs, with its unified diff (`--- old` / `+++ new`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartDiff {
    pub part: String,
    pub diff: String,
}

fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push('\n');
}

/// A description is a string or `{content, type}`.
pub fn description(d: Option<&Value>) -> String {
    let text = match d {
        None | Some(Value::Null) => return String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(o)) => o
            .get("content")
            .cloned()
            .map(value_text)
            .unwrap_or_default(),
        Some(other) => other.to_string(),
    };
    terminated(text)
}

fn terminated(mut text: String) -> String {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn url(r: &Request) -> String {
    let mut out = String::new();
    line(
        &mut out,
        &r.url.raw.clone().unwrap_or_else(|| r.url.to_raw()),
    );
    for q in r.url.query.iter().filter(|q| q.disabled) {
        line(
            &mut out,
            &format!(
                "# disabled query: {}={}",
                q.key.as_deref().unwrap_or(""),
                q.value.as_deref().unwrap_or("")
            ),
        );
    }
    for v in &r.url.variable {
        line(
            &mut out,
            &format!(
                "# path variable :{} = {}",
                v.name().unwrap_or(""),
                value_text(v.value.clone())
            ),
        );
    }
    out
}

fn headers(r: &Request) -> String {
    let mut out = String::new();
    for h in &r.header {
        let prefix = if h.disabled { "// " } else { "" };
        line(&mut out, &format!("{prefix}{}: {}", h.key, h.value));
    }
    out
}

fn body(b: Option<&Body>) -> String {
    let Some(b) = b else { return String::new() };
    let mut out = String::new();
    let mode = b.mode.clone().unwrap_or_default();
    line(&mut out, &format!("mode: {mode}"));
    if b.disabled {
        line(&mut out, "disabled");
    }
    if let Some(lang) = b
        .options
        .as_ref()
        .and_then(|o| o.get("raw"))
        .and_then(|r| r.get("language"))
        .and_then(Value::as_str)
    {
        line(&mut out, &format!("language: {lang}"));
    }
    line(&mut out, "");
    match mode.as_str() {
        "urlencoded" | "formdata" => {
            let params = if mode == "urlencoded" {
                &b.urlencoded
            } else {
                &b.formdata
            };
            for p in params {
                let prefix = if p.disabled { "// " } else { "" };
                let value = if p.is_file() {
                    format!("@{}", p.sources().join(","))
                } else {
                    p.value.clone().unwrap_or_default()
                };
                line(&mut out, &format!("{prefix}{}={value}", p.key));
            }
        }
        "file" => {
            let src = b
                .file
                .as_ref()
                .and_then(|f| f.src.clone())
                .unwrap_or_default();
            line(&mut out, &format!("file: {src}"));
        }
        "graphql" => {
            let g = b.graphql.clone().unwrap_or_default();
            out.push_str(&terminated(
                g.get("query").cloned().map(value_text).unwrap_or_default(),
            ));
            let vars = g
                .get("variables")
                .cloned()
                .map(value_text)
                .unwrap_or_default();
            if !vars.is_empty() {
                line(&mut out, "variables:");
                out.push_str(&terminated(vars));
            }
        }
        _ => out.push_str(&terminated(b.raw.clone().unwrap_or_default())),
    }
    out
}

fn auth(a: Option<&Auth>) -> String {
    let Some(a) = a else { return String::new() };
    let mut out = String::new();
    line(&mut out, &format!("type: {}", a.kind));
    for (k, v) in a.params() {
        line(&mut out, &format!("{k}: {}", value_text(v)));
    }
    out
}

fn script(events: &[Event], listen: &str) -> String {
    let mut out = String::new();
    for e in events.iter().filter(|e| e.listen == listen) {
        if e.disabled {
            line(&mut out, "// (disabled)");
        }
        if let Some(s) = &e.script {
            out.push_str(&terminated(s.source()));
        }
    }
    out
}

fn variables(vars: &[Variable]) -> String {
    let mut out = String::new();
    for v in vars {
        let prefix = if v.is_enabled() { "" } else { "// " };
        let kind = match v.kind.as_deref() {
            Some(k) if k != "string" && k != "default" && k != "any" => format!(" ({k})"),
            _ => String::new(),
        };
        line(
            &mut out,
            &format!(
                "{prefix}{} = {}{kind}",
                v.name().unwrap_or(""),
                value_text(v.value.clone())
            ),
        );
    }
    out
}

fn settings(b: Option<&Map<String, Value>>) -> String {
    let Some(b) = b.filter(|b| !b.is_empty()) else {
        return String::new();
    };
    let mut keys: Vec<&String> = b.keys().collect();
    keys.sort();
    let mut out = String::new();
    for k in keys {
        line(&mut out, &format!("{k}: {}", b[k]));
    }
    out
}

/// Saved examples: name, status, headers and body. Timings and ids are left out.
fn examples(responses: &[Response]) -> String {
    let mut out = String::new();
    for r in responses {
        line(&mut out, &format!("== {}", r.name));
        let code = r.code.map(|c| c.to_string()).unwrap_or_default();
        line(
            &mut out,
            format!("{code} {}", r.status.clone().unwrap_or_default()).trim(),
        );
        for h in &r.header {
            line(&mut out, &format!("{}: {}", h.key, h.value));
        }
        line(&mut out, "");
        out.push_str(&terminated(r.body.clone().unwrap_or_default()));
    }
    out
}

/// The parts of a request item, named as the diff shows them.
pub fn of_request(item: &Item, r: &Request) -> Vec<(&'static str, String)> {
    vec![
        ("method", terminated(r.method.clone())),
        ("url", url(r)),
        ("headers", headers(r)),
        ("body", body(r.body.as_ref())),
        ("auth", auth(r.auth.as_ref())),
        ("pre-request script", script(&item.event, "prerequest")),
        ("test script", script(&item.event, "test")),
        (
            "description",
            description(r.description.as_ref().or(item.description.as_ref())),
        ),
        ("variables", variables(&item.variable)),
        (
            "settings",
            settings(item.protocol_profile_behavior.as_ref()),
        ),
        ("examples", examples(&item.response)),
    ]
}

/// The parts of a folder (its requests are compared as items of their own).
pub fn of_folder(item: &Item) -> Vec<(&'static str, String)> {
    vec![
        ("auth", auth(item.auth.as_ref())),
        ("pre-request script", script(&item.event, "prerequest")),
        ("test script", script(&item.event, "test")),
        ("description", description(item.description.as_ref())),
        ("variables", variables(&item.variable)),
        (
            "settings",
            settings(item.protocol_profile_behavior.as_ref()),
        ),
    ]
}

/// The collection's own parts.
pub fn of_collection(c: &crate::collection::Collection) -> Vec<(&'static str, String)> {
    vec![
        ("name", terminated(c.info.name.clone())),
        ("auth", auth(c.auth.as_ref())),
        ("pre-request script", script(&c.event, "prerequest")),
        ("test script", script(&c.event, "test")),
        ("description", description(c.info.description.as_ref())),
        ("variables", variables(&c.variable)),
        ("settings", settings(c.protocol_profile_behavior.as_ref())),
    ]
}

/// The parts that differ, each with its unified diff.
pub fn compare(old: &[(&'static str, String)], new: &[(&'static str, String)]) -> Vec<PartDiff> {
    old.iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((part, a), (_, b))| PartDiff {
            part: part.to_string(),
            diff: unified(a, b),
        })
        .collect()
}

pub fn unified(old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header("old", "new")
        .to_string()
}
