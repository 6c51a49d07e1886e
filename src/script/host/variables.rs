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
    host.set(
        "varGet",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            let scopes = s.scopes.borrow();
            let v = match scope_kind(&scope) {
                Some(k) => scopes.scope(k).get(&key),
                None => scopes.lookup(&key),
            };
            v.map(json_text)
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varSet",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  scope: String,
                  key: String,
                  value: Option<String>|
                  -> rquickjs::Result<()> {
                let size = key.len() + value.as_ref().map_or(0, String::len);
                if !s.admit(&ctx, size)? {
                    return Ok(());
                }
                if let Some(text) = &value {
                    if !json_depth_within(text, MAX_VALUE_DEPTH) {
                        return Err(rquickjs::Exception::throw_range(
                            &ctx,
                            &format!("the value of '{key}' is nested deeper than {MAX_VALUE_DEPTH} levels"),
                        ));
                    }
                }
                if let Some(k) = scope_kind(&scope) {
                    s.scopes
                        .borrow_mut()
                        .scope_mut(k)
                        .set(&key, parse_value(value));
                }
                Ok(())
            },
        )?,
    )?;

    let s = shared.clone();
    host.set(
        "varUnset",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            if s.closed.get() {
                return;
            }
            if let Some(k) = scope_kind(&scope) {
                s.scopes.borrow_mut().scope_mut(k).unset(&key);
            }
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varClear",
        Function::new(ctx.clone(), move |scope: String| {
            if s.closed.get() {
                return;
            }
            if let Some(k) = scope_kind(&scope) {
                s.scopes.borrow_mut().scope_mut(k).clear();
            }
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varHas",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            let scopes = s.scopes.borrow();
            match scope_kind(&scope) {
                Some(k) => scopes.scope(k).has(&key),
                None => scopes.lookup(&key).is_some(),
            }
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varObject",
        Function::new(ctx.clone(), move |scope: String| {
            let scopes = s.scopes.borrow();
            let obj = match scope_kind(&scope) {
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
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varList",
        Function::new(ctx.clone(), move |scope: String| {
            let scopes = s.scopes.borrow();
            let kind = scope_kind(&scope).unwrap_or(ScopeKind::Local);
            serde_json::to_string(&scopes.scope(kind).values).unwrap_or_else(|_| "[]".into())
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "scopeName",
        Function::new(ctx.clone(), move |scope: String| {
            let scopes = s.scopes.borrow();
            scope_kind(&scope)
                .map(|k| scopes.scope(k).name.clone())
                .filter(|n| !n.is_empty())
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "replaceIn",
        Function::new(ctx.clone(), move |scope: String, text: String| {
            // "dynamic": only `{{$guid}}` and the other dynamic variables.
            if scope == "dynamic" {
                return Scopes::default().resolve(&text).text;
            }
            let scopes = s.scopes.borrow();
            match scope_kind(&scope) {
                None => scopes.resolve(&text).text,
                Some(k) => {
                    let only = Scopes {
                        local: VariableScope {
                            values: scopes.scope(k).values.clone(),
                            ..Default::default()
                        },
                        ..Default::default()
                    };
                    only.resolve(&text).text
                }
            }
        })?,
    )
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
