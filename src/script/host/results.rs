//! `P.host.assertion`, `P.host.assertionPassed` and `P.host.scriptError`: the
//! test results and the uncaught error a script hands back to the run.

use super::value_depth::{json_depth_within, MAX_VALUE_DEPTH};
use super::Shared;
use crate::script::errors::{build_error, error_from_value};
use crate::script::types::{AssertionError, AssertionResult};
use rquickjs::{Ctx, Function, Object, Value};
use serde_json::Value as Json;
use std::rc::Rc;

pub(super) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    shared: &Rc<Shared>,
) -> rquickjs::Result<()> {
    let s = shared.clone();
    host.set(
        "assertion",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, json: String| -> rquickjs::Result<()> {
                // The record keeps about what its JSON holds, plus its own size.
                if !s.admit(&ctx, json.len() + std::mem::size_of::<AssertionResult>())? {
                    return Ok(());
                }
                s.assertions
                    .borrow_mut()
                    .push(assertion(&json, s.file.get()));
                Ok(())
            },
        )?,
    )?;

    let s = shared.clone();
    host.set(
        "assertionPassed",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  name: rquickjs::String<'js>,
                  index: f64|
                  -> rquickjs::Result<bool> {
                let Ok(name) = name.to_string() else {
                    return Ok(false);
                };
                if !s.admit(&ctx, name.len() + std::mem::size_of::<AssertionResult>())? {
                    return Ok(true);
                }
                s.assertions.borrow_mut().push(AssertionResult {
                    name,
                    index: index as usize,
                    passed: true,
                    skipped: false,
                    error: None,
                });
                Ok(true)
            },
        )?,
    )?;

    let s = shared.clone();
    host.set(
        "scriptError",
        Function::new(ctx.clone(), move |value: Value<'js>| {
            s.fail(error_from_value(&value, s.file.get()));
        })?,
    )
}

/// An assertion as the prelude reports it (`{name, index, passed, skipped,
/// error, diff}` in JSON), its stack told in terms of the script's `file`.
fn assertion(json: &str, file: &str) -> AssertionResult {
    let v: Json = serde_json::from_str(json).unwrap_or(Json::Null);
    let compared = |k: &str| {
        let text = v.get("diff")?.get(k)?.as_str()?;
        if !json_depth_within(text, MAX_VALUE_DEPTH) {
            return None;
        }
        serde_json::from_str::<Json>(text).ok()
    };
    let (expected, actual) = (compared("expected"), compared("actual"));
    let error = v.get("error").filter(|e| e.is_object()).map(|e| {
        let field = |k: &str| e.get(k).and_then(Json::as_str).map(str::to_string);
        let name = field("name").unwrap_or_else(|| "Error".into());
        let message = field("message").unwrap_or_default();
        let built = build_error(name, message, field("stack").as_deref(), file);
        AssertionError {
            name: built.name,
            message: built.message,
            stack: built.stack,
            expected,
            actual,
        }
    });
    AssertionResult {
        name: v
            .get("name")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string(),
        index: v.get("index").and_then(Json::as_u64).unwrap_or(0) as usize,
        passed: v.get("passed").and_then(Json::as_bool).unwrap_or(false),
        skipped: v.get("skipped").and_then(Json::as_bool).unwrap_or(false),
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_assertion_keeps_its_place_verdict_error_and_compared_values() {
        let a = assertion(
            &json!({
                "name": "equal", "index": 2, "passed": false, "skipped": false,
                "error": {"name": "AssertionError", "message": "expected 1 to equal 2",
                          "stack": "AssertionError: expected 1 to equal 2\n    at <anonymous> (test-script.js:3:9)"},
                "diff": {"expected": "2", "actual": "{\"a\":[1]}"}
            })
            .to_string(),
            "test-script.js",
        );
        assert_eq!(
            (a.name.as_str(), a.index, a.passed, a.skipped),
            ("equal", 2, false, false)
        );
        let e = a.error.expect("the failure's error");
        assert_eq!(e.name, "AssertionError");
        assert_eq!(e.message, "expected 1 to equal 2");
        assert_eq!(e.expected, Some(json!(2)));
        assert_eq!(e.actual, Some(json!({"a": [1]})));
    }

    #[test]
    fn compared_values_nested_too_deep_are_left_out() {
        let deep = format!(
            "{}1{}",
            "[".repeat(MAX_VALUE_DEPTH + 1),
            "]".repeat(MAX_VALUE_DEPTH + 1)
        );
        let a = assertion(
            &json!({"name": "deep", "index": 0, "passed": false,
                    "error": {"name": "AssertionError", "message": "no"},
                    "diff": {"expected": deep, "actual": "1"}})
            .to_string(),
            "test-script.js",
        );
        let e = a.error.unwrap();
        assert_eq!((e.expected, e.actual), (None, Some(json!(1))));
    }

    #[test]
    fn a_passed_assertion_has_no_error() {
        let a = assertion(r#"{"name":"ok","index":0,"passed":true}"#, "test-script.js");
        assert!(a.passed && !a.skipped && a.error.is_none());
    }
}
