//! `P.host.var*`, `P.host.scopeName` and `P.host.replaceIn`: the variable
//! scopes (`pm.variables`, `pm.environment`, …) the script reads and writes.

use super::value_depth::{json_depth_within, MAX_VALUE_DEPTH};
use super::Shared;
use crate::vars::{ScopeKind, Scopes, VariableScope};
use rquickjs::{Ctx, Function, Object};
use serde_json::{Map, Value as Json};
use std::rc::Rc;

pub(super) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    shared: &Rc<Shared>,
) -> rquickjs::Result<()> {
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String, key: String| {
        get(&s, &scope, &key)
    })?;
    host.set("varGet", f)?;
    let s = shared.clone();
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>, scope: String, key: String, value: Option<String>| {
            set(&ctx, &s, &scope, &key, value)
        },
    )?;
    host.set("varSet", f)?;
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String, key: String| {
        unset(&s, &scope, &key)
    })?;
    host.set("varUnset", f)?;
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String| clear(&s, &scope))?;
    host.set("varClear", f)?;
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String, key: String| {
        has(&s, &scope, &key)
    })?;
    host.set("varHas", f)?;
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String| object(&s, &scope))?;
    host.set("varObject", f)?;
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String| started(&s, &scope))?;
    host.set("varStart", f)?;
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String| list(&s, &scope))?;
    host.set("varList", f)?;
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String| scope_name(&s, &scope))?;
    host.set("scopeName", f)?;
    let s = shared.clone();
    let f = Function::new(ctx.clone(), move |scope: String, text: String| {
        replace_in(&s, &scope, &text)
    })?;
    host.set("replaceIn", f)
}

/// `scope.get(key)` as JSON text; any other scope name looks through all of them.
fn get(s: &Shared, scope: &str, key: &str) -> Option<String> {
    let scopes = s.scopes.borrow();
    let v = match scope_kind(scope) {
        Some(k) => scopes.scope(k).get(key),
        None => scopes.lookup(key),
    };
    v.map(json_text)
}

/// `scope.set(key, value)`, `value` as JSON text (or none for `undefined`).
fn set(
    ctx: &Ctx<'_>,
    s: &Shared,
    scope: &str,
    key: &str,
    value: Option<String>,
) -> rquickjs::Result<()> {
    let size = key.len() + value.as_ref().map_or(0, String::len);
    if !s.admit(ctx, size)? {
        return Ok(());
    }
    if let Some(text) = &value {
        if !json_depth_within(text, MAX_VALUE_DEPTH) {
            return Err(rquickjs::Exception::throw_range(
                ctx,
                &format!("the value of '{key}' is nested deeper than {MAX_VALUE_DEPTH} levels"),
            ));
        }
    }
    if let Some(k) = scope_kind(scope) {
        s.variables_set.set(true);
        let mut scopes = s.scopes.borrow_mut();
        let scope = scopes.scope_mut(k);
        s.started.borrow_mut().before_set(k, scope, key);
        scope.set(key, parse_value(value));
    }
    Ok(())
}

/// A scope's `toObject()` as the run started, as JSON text: what it was
/// before the run's first change to it, or, unchanged, what it is.
fn started(s: &Shared, scope: &str) -> String {
    if let Some(k) = scope_kind(scope) {
        let start = s.started.borrow().object(k, s.scopes.borrow().scope(k));
        if let Some(obj) = start {
            return serde_json::to_string(&obj).unwrap_or_else(|_| "{}".into());
        }
    }
    object(s, scope)
}

fn unset(s: &Shared, scope: &str, key: &str) {
    if s.closed.get() {
        return;
    }
    if let Some(k) = scope_kind(scope) {
        let mut scopes = s.scopes.borrow_mut();
        let scope = scopes.scope_mut(k);
        s.started.borrow_mut().before_remove(k, scope);
        scope.unset(key);
    }
}

fn clear(s: &Shared, scope: &str) {
    if s.closed.get() {
        return;
    }
    if let Some(k) = scope_kind(scope) {
        let mut scopes = s.scopes.borrow_mut();
        let scope = scopes.scope_mut(k);
        s.started.borrow_mut().before_remove(k, scope);
        scope.clear();
    }
}

fn has(s: &Shared, scope: &str, key: &str) -> bool {
    let scopes = s.scopes.borrow();
    match scope_kind(scope) {
        Some(k) => scopes.scope(k).has(key),
        None => scopes.lookup(key).is_some(),
    }
}

/// `scope.toObject()` as JSON text; any other scope name merges them all, the
/// higher-precedence scopes winning.
fn object(s: &Shared, scope: &str) -> String {
    let scopes = s.scopes.borrow();
    let obj = match scope_kind(scope) {
        Some(k) => scopes.scope(k).to_object(),
        None => {
            let mut m = Map::new();
            for k in LOW_TO_HIGH {
                m.extend(scopes.scope(k).to_object());
            }
            m
        }
    };
    json_text(&Json::Object(obj))
}

/// The scope's variables with their types and flags, as JSON text.
fn list(s: &Shared, scope: &str) -> String {
    let scopes = s.scopes.borrow();
    let kind = scope_kind(scope).unwrap_or(ScopeKind::Local);
    serde_json::to_string(&scopes.scope(kind).values).unwrap_or_else(|_| "[]".into())
}

/// The environment's (or another scope's) name, if it has one.
fn scope_name(s: &Shared, scope: &str) -> Option<String> {
    let scopes = s.scopes.borrow();
    scope_kind(scope)
        .map(|k| scopes.scope(k).name.clone())
        .filter(|n| !n.is_empty())
}

/// `{{…}}` in `text` resolved from one scope, from all of them, or ("dynamic")
/// only `{{$guid}}` and the other dynamic variables.
fn replace_in(s: &Shared, scope: &str, text: &str) -> String {
    if scope == "dynamic" {
        return Scopes::default().resolve(text).text;
    }
    let scopes = s.scopes.borrow();
    match scope_kind(scope) {
        None => scopes.resolve(text).text,
        Some(k) => {
            let only = Scopes {
                local: VariableScope {
                    values: scopes.scope(k).values.clone(),
                    ..Default::default()
                },
                ..Default::default()
            };
            only.resolve(text).text
        }
    }
}

fn scope_kind(name: &str) -> Option<ScopeKind> {
    Some(match name {
        "local" => ScopeKind::Local,
        "data" => ScopeKind::Data,
        "environment" => ScopeKind::Environment,
        "collection" => ScopeKind::Collection,
        "globals" => ScopeKind::Globals,
        _ => return None,
    })
}

/// Precedence order, lowest first, for merged views of every scope.
const LOW_TO_HIGH: [ScopeKind; 5] = [
    ScopeKind::Globals,
    ScopeKind::Collection,
    ScopeKind::Environment,
    ScopeKind::Data,
    ScopeKind::Local,
];

fn json_text(v: &Json) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

fn parse_value(text: Option<String>) -> Json {
    match text {
        None => Json::Null,
        Some(t) => serde_json::from_str(&t).unwrap_or(Json::String(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_from_scripts_are_json_or_text() {
        assert_eq!(parse_value(Some("5".into())), serde_json::json!(5));
        assert_eq!(
            parse_value(Some("not json".into())),
            Json::String("not json".into())
        );
        assert_eq!(parse_value(None), Json::Null);
    }
}
