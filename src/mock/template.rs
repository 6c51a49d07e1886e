//! Filling `{{references}}` in a served example's body and header values, as
//! Postman mock servers do:
//!
//! - a name the example's path captured (`{{userId}}` for `/users/{{userId}}`)
//!   gives what the request sent there;
//! - Postman's template helpers give parts of the request: `{{$body}}`,
//!   `{{$body 'path.to.field'}}`, `{{$queryParams 'key'}}`, `{{$headers 'name'}}`,
//!   `{{$pathSegments '1'}}`, each with an optional default as a second argument
//!   (`{{$body 'user' 'anonymous'}}`); a dot in a key is written `\.`;
//! - any other name is looked up in the mock's variables (environment, then
//!   collection, then globals), with `{{$guid}}`, `{{$timestamp}}` and the other
//!   dynamic variables generated afresh for each response;
//! - a name nothing defines stays as written.
//!
//! Substitution is one pass over the example: text that comes from the request
//! is inserted as is and never searched for references again, so a request
//! cannot make the mock reveal a variable the example does not name.

use super::matching::Incoming;
use crate::vars::{references, Scopes};
use serde_json::Value;

/// What one response is filled from.
pub(crate) struct Fill<'a> {
    pub scopes: &'a Scopes,
    pub captures: &'a [(String, String)],
    pub request: &'a Incoming<'a>,
}

impl Fill<'_> {
    /// `text` with every reference that has a value replaced by it.
    pub(crate) fn apply(&self, text: &str) -> String {
        let refs = references(text);
        if refs.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (start, end, name) in refs {
            out.push_str(&text[last..start]);
            match self.value(name.trim()) {
                Some(v) => out.push_str(&v),
                None => out.push_str(&text[start..end]),
            }
            last = end;
        }
        out.push_str(&text[last..]);
        out
    }

    fn value(&self, name: &str) -> Option<String> {
        if let Some((_, v)) = self.captures.iter().find(|(n, _)| n == name) {
            return Some(v.clone());
        }
        if let Some(v) = self.helper(name) {
            return v;
        }
        let resolved = self.scopes.resolve(&format!("{{{{{name}}}}}"));
        resolved.unresolved.is_empty().then_some(resolved.text)
    }

    /// `Some(value or None)` when `name` is a template helper call.
    fn helper(&self, name: &str) -> Option<Option<String>> {
        let (helper, rest) = match name.split_once(char::is_whitespace) {
            Some((h, r)) => (h, r),
            None => (name, ""),
        };
        let args = quoted_args(rest)?;
        let key = args.first().map(String::as_str);
        let default = args.get(1).cloned();
        let req = self.request;
        let found = match helper {
            "$body" => {
                let text = String::from_utf8_lossy(req.body).into_owned();
                match key {
                    None => Some(text),
                    Some(path) => serde_json::from_str::<Value>(&text)
                        .ok()
                        .and_then(|doc| object_path(&doc, path).map(value_text)),
                }
            }
            "$queryParams" => {
                let pairs: Vec<(String, String)> =
                    url::form_urlencoded::parse(req.query.as_bytes())
                        .into_owned()
                        .collect();
                match key {
                    None => Some(
                        Value::Object(
                            pairs
                                .into_iter()
                                .map(|(k, v)| (k, Value::String(v)))
                                .collect(),
                        )
                        .to_string(),
                    ),
                    Some(k) => pairs.into_iter().find(|(n, _)| n == k).map(|(_, v)| v),
                }
            }
            "$headers" => match key {
                None => Some(
                    Value::Object(
                        req.headers
                            .iter()
                            .map(|(k, v)| (k.to_ascii_lowercase(), Value::String(v.clone())))
                            .collect(),
                    )
                    .to_string(),
                ),
                Some(k) => req.header(k).map(str::to_string),
            },
            "$pathSegments" => {
                let segments: Vec<String> = req
                    .path
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        percent_encoding::percent_decode_str(s)
                            .decode_utf8_lossy()
                            .into_owned()
                    })
                    .collect();
                match key {
                    None => Some(Value::from(segments).to_string()),
                    Some(i) => i
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| segments.get(i).cloned()),
                }
            }
            _ => return None,
        };
        Some(found.or(default))
    }
}

/// `'a' "b"` → `["a", "b"]`; `None` when the text is not only quoted arguments.
fn quoted_args(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while let Some(quote) = rest.chars().next() {
        if quote != '\'' && quote != '"' {
            return None;
        }
        let body = &rest[1..];
        let close = body.find(quote)?;
        out.push(body[..close].to_string());
        rest = body[close + 1..].trim_start();
    }
    Some(out)
}

/// `a.b.0` in a JSON document (object-path syntax: `\.` is a dot inside a key).
fn object_path<'v>(doc: &'v Value, path: &str) -> Option<&'v Value> {
    let mut keys = Vec::new();
    let mut key = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'.') => {
                key.push('.');
                chars.next();
            }
            '.' => keys.push(std::mem::take(&mut key)),
            c => key.push(c),
        }
    }
    keys.push(key);
    keys.iter().try_fold(doc, |v, k| match v {
        Value::Object(m) => m.get(k),
        Value::Array(a) => k.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fills_variables_captures_helpers_once() {
        let mut scopes = Scopes::default();
        scopes.environment.set("org", json!("Acme"));
        scopes.environment.set("secret", json!("s3cr3t"));
        scopes.collection.set("org", json!("Collection value"));
        let headers = vec![("X-Trace".to_string(), "t-1".to_string())];
        let req = Incoming {
            method: "POST",
            path: "/users/%7B%7Bsecret%7D%7D/x",
            query: "q=%7B%7Bsecret%7D%7D&n=2",
            headers: &headers,
            content_type: "application/json",
            body: br#"{"user": {"name": "ann", "a.b": 1}, "list": [5]}"#,
            ..Default::default()
        };
        let captures = vec![("id".to_string(), "{{secret}}".to_string())];
        let fill = Fill {
            scopes: &scopes,
            captures: &captures,
            request: &req,
        };
        assert_eq!(
            fill.apply("{{org}} {{ org }} {{nope}}"),
            "Acme Acme {{nope}}"
        );
        // What the request sent is never expanded again.
        assert_eq!(
            fill.apply("{{id}}|{{$queryParams 'q'}}"),
            "{{secret}}|{{secret}}"
        );
        assert_eq!(
            fill.apply(r"{{$body 'user.name'}} {{$body 'user.a\.b'}} {{$body 'list.0'}}"),
            "ann 1 5"
        );
        assert_eq!(fill.apply("{{$body 'none' 'dflt'}}"), "dflt");
        assert_eq!(fill.apply("{{$body 'none'}}"), "{{$body 'none'}}");
        assert_eq!(fill.apply("{{$headers 'x-trace'}}"), "t-1");
        assert_eq!(fill.apply("{{$pathSegments '0'}}"), "users");
        assert_eq!(fill.apply("{{$queryParams 'n'}}"), "2");
        let guid = fill.apply("{{$guid}}");
        assert_eq!(guid.len(), 36, "{guid}");
        assert_ne!(guid, fill.apply("{{$guid}}"));
        assert!(fill.apply("{{$timestamp}}").parse::<i64>().is_ok());
    }
}
