//! A variable's value cast to its declared type, as postman-collection's
//! `Variable` casts it on load (JavaScript's `String()`, `Number()` and
//! `Boolean()`; objects and arrays kept as JSON text). An exported collection
//! carries these casts, so a `number` variable written `"5"` comes back as `5`.

use serde_json::{Number, Value};

/// The value of a variable of type `kind` (already lower-cased), as newman
/// holds it. Unknown types and `any` keep the value as written.
pub fn cast(kind: &str, value: &Value) -> Value {
    match kind {
        "string" => Value::String(js_string(value)),
        "number" => js_number(value),
        "boolean" => Value::Bool(js_truthy(value)),
        // Stored as text: a string stays as written, anything else as its JSON.
        "object" | "array" => match value {
            Value::String(s) => Value::String(s.clone()),
            other => Value::String(other.to_string()),
        },
        _ => value.clone(),
    }
}

/// The value of a typed variable the file gave none (`undefined`): the SDK
/// still casts it, so a `string` holds "undefined" and a `number` NaN (`null`).
pub fn cast_unset(kind: &str) -> Option<Value> {
    match kind {
        "string" => Some(Value::String("undefined".into())),
        "number" => Some(Value::Null),
        "boolean" => Some(Value::Bool(false)),
        // `JSON.stringify(undefined)` is undefined: still no value.
        _ => None,
    }
}

/// JavaScript's `String(value)`.
pub fn js_string(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => s.clone(),
        // `[1, [2, 3], null]` is "1,2,3,": elements joined, null and undefined empty.
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                other => js_string(other),
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".into(),
    }
}

fn number_text(n: &Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
        _ => n.to_string(),
    }
}

/// JavaScript's `Number(value)`, as `JSON.stringify` writes it: NaN and the
/// infinities become `null`.
fn js_number(value: &Value) -> Value {
    let f = match value {
        Value::Null => 0.0,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Number(n) => return Value::Number(n.clone()),
        Value::String(s) => parse_js_number(s),
        Value::Array(_) => parse_js_number(&js_string(value)),
        Value::Object(_) => f64::NAN,
    };
    number_value(f)
}

fn parse_js_number(s: &str) -> f64 {
    let t = s.trim();
    if t.is_empty() {
        return 0.0;
    }
    let radix = |prefix: [&str; 2], radix| {
        prefix.iter().find_map(|p| t.strip_prefix(p)).map(|digits| {
            u64::from_str_radix(digits, radix)
                .map(|v| v as f64)
                .unwrap_or(f64::NAN)
        })
    };
    if let Some(v) = radix(["0x", "0X"], 16)
        .or_else(|| radix(["0o", "0O"], 8))
        .or_else(|| radix(["0b", "0B"], 2))
    {
        return v;
    }
    match t {
        "Infinity" | "+Infinity" => f64::INFINITY,
        "-Infinity" => f64::NEG_INFINITY,
        // Rust also reads "inf" and "nan", which JavaScript does not.
        _ if t
            .chars()
            .any(|c| c.is_ascii_alphabetic() && !"eE".contains(c)) =>
        {
            f64::NAN
        }
        _ => t.parse().unwrap_or(f64::NAN),
    }
}

fn number_value(f: f64) -> Value {
    if !f.is_finite() {
        return Value::Null;
    }
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        return Value::Number((f as i64).into());
    }
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// JavaScript's `Boolean(value)`: `"false"` is true, as any non-empty text.
fn js_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn casts_as_newman_does() {
        assert_eq!(cast("string", &json!(5)), json!("5"));
        assert_eq!(cast("string", &json!([1])), json!("1"));
        assert_eq!(cast("string", &json!(null)), json!("null"));
        assert_eq!(cast("number", &json!("abc")), json!(null));
        assert_eq!(cast("number", &json!(" 5 ")), json!(5));
        assert_eq!(cast("number", &json!("1.5")), json!(1.5));
        assert_eq!(cast("number", &json!(true)), json!(1));
        assert_eq!(cast("boolean", &json!("false")), json!(true));
        assert_eq!(cast("boolean", &json!(0)), json!(false));
        assert_eq!(cast("boolean", &json!("")), json!(false));
        assert_eq!(cast("object", &json!({"a": 1})), json!("{\"a\":1}"));
        assert_eq!(cast("array", &json!("nope")), json!("nope"));
        assert_eq!(cast("any", &json!({"x": 1})), json!({"x": 1}));
    }
}
