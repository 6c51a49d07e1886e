//! A variable's value as text, as postman-collection's `Substitutor` writes it into a
//! request: variables of a scope (environment, collection, globals, a script's
//! locals) through `Variable.toString()`, an iteration's data row, a plain object in
//! newman, through JavaScript's `String()` except that `null` there is no value.

use serde_json::Value;

/// The text of a scope variable's value: `null` is `"null"` (postman-collection
/// treats it as a JSON value worth sending), the rest as JavaScript writes it.
pub fn variable_text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        other => js_string(other),
    }
}

/// The text of a data row's value; `None` for `null`, which newman leaves as
/// `{{name}}` without looking further.
pub fn data_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        other => Some(js_string(other)),
    }
}

/// JavaScript's `String(v)`: an object is `[object Object]`, an array its
/// elements joined by `,` (`null` elements empty), a number in JavaScript's form.
fn js_string(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if !(n.is_i64() || n.is_u64()) => js_number(f),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .map(|e| match e {
                Value::Null => String::new(),
                e => js_string(e),
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".into(),
    }
}

/// A number as JavaScript writes it: shortest round-trip digits, with an exponent
/// (`1e+21`, `1e-7`) outside 1e-6 ≤ |x| < 1e21.
fn js_number(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    let a = f.abs();
    if (1e-6..1e21).contains(&a) {
        return format!("{f}");
    }
    let e = format!("{f:e}");
    match e.split_once('e') {
        Some((m, x)) if !x.starts_with('-') => format!("{m}e+{x}"),
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_written_as_postman_collection_writes_them() {
        assert_eq!(variable_text(&json!(null)), "null");
        assert_eq!(variable_text(&json!(5)), "5");
        assert_eq!(variable_text(&json!(1.5)), "1.5");
        assert_eq!(variable_text(&json!(1.0)), "1");
        assert_eq!(variable_text(&json!(-0.0)), "0");
        assert_eq!(variable_text(&json!(1e21)), "1e+21");
        assert_eq!(variable_text(&json!(1.5e-7)), "1.5e-7");
        assert_eq!(variable_text(&json!(0.000001)), "0.000001");
        assert_eq!(variable_text(&json!(true)), "true");
        assert_eq!(variable_text(&json!({"x": 1})), "[object Object]");
        assert_eq!(
            variable_text(&json!([1, "two", null, [3, 4], {"a": 1}])),
            "1,two,,3,4,[object Object]"
        );
    }

    #[test]
    fn a_null_data_value_is_no_value() {
        assert_eq!(data_text(&json!(null)), None);
        assert_eq!(data_text(&json!(false)).as_deref(), Some("false"));
        assert_eq!(data_text(&json!([1, "two"])).as_deref(), Some("1,two"));
    }
}
