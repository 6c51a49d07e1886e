//! Request bodies as flat fields, so an incoming body can be compared with the
//! body of an example's original request.
//!
//! JSON bodies become `path → value` leaves (`callbacks.0.input.0.value`),
//! url-encoded forms become `key → value`, multipart forms their part names.

use super::pattern::Pattern;
use crate::collection::Body;
use crate::vars::references;
use serde_json::Value;

/// What an example's original request sent, for ranking.
#[derive(Debug, Clone, Default)]
pub(crate) struct BodyShape {
    /// Field paths with the value the example sent (`None`: any value, key only).
    pub fields: Vec<(String, Option<Pattern>)>,
    /// A raw body that is not JSON, compared as a whole.
    pub text: Option<Pattern>,
}

impl BodyShape {
    pub(crate) fn of(body: Option<&Body>) -> BodyShape {
        let Some(body) = body.filter(|b| !b.disabled) else {
            return BodyShape::default();
        };
        match body.mode.as_deref() {
            Some("urlencoded") => BodyShape {
                fields: body
                    .urlencoded
                    .iter()
                    .filter(|p| !p.disabled && usable_key(&p.key))
                    .map(|p| {
                        let v = p.value.as_deref().unwrap_or("");
                        (p.key.clone(), Some(Pattern::compile(v, false)))
                    })
                    .collect(),
                text: None,
            },
            Some("formdata") => BodyShape {
                fields: body
                    .formdata
                    .iter()
                    .filter(|p| !p.disabled && usable_key(&p.key))
                    .map(|p| (p.key.clone(), None))
                    .collect(),
                text: None,
            },
            Some("raw") | None => {
                let raw = body.raw.as_deref().unwrap_or("").trim();
                if raw.is_empty() {
                    return BodyShape::default();
                }
                match serde_json::from_str::<Value>(&quote_bare_references(raw)) {
                    Ok(v @ (Value::Object(_) | Value::Array(_))) => {
                        let mut leaves = Vec::new();
                        flatten(&v, String::new(), &mut leaves);
                        BodyShape {
                            fields: leaves
                                .into_iter()
                                .map(|(k, v)| {
                                    let p = match v {
                                        Value::String(s) => Pattern::compile(&s, false),
                                        other => Pattern::literal(&leaf_text(&other)),
                                    };
                                    (k, Some(p))
                                })
                                .collect(),
                            text: None,
                        }
                    }
                    _ => BodyShape {
                        fields: Vec::new(),
                        text: Some(Pattern::compile(raw, false)),
                    },
                }
            }
            _ => BodyShape::default(),
        }
    }

    /// How well an incoming body fits: +1 per field sent and +1 more when its value
    /// matches; +2 when a raw text body matches as a whole. Fields not sent are
    /// counted apart.
    pub(crate) fn score(&self, incoming: &IncomingBody) -> Fit {
        let mut fit = Fit::default();
        for (key, pattern) in &self.fields {
            let values: Vec<&str> = incoming
                .fields
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .collect();
            let same = pattern
                .as_ref()
                .is_none_or(|p| values.iter().any(|v| p.matches(v)));
            fit.add(!values.is_empty(), same);
        }
        if let Some(p) = &self.text {
            if p.matches(incoming.text.trim()) {
                fit.hits += 2;
            }
        }
        fit
    }
}

impl BodyShape {
    /// `x-mock-match-request-body`: the request sends the same body as the
    /// example's request: the same fields with matching values and no others,
    /// or the same text; `{{variables}}` in the example match any value. An
    /// example whose request has no body matches only requests without one.
    pub(crate) fn matches_exactly(&self, incoming: &IncomingBody) -> bool {
        if !self.fields.is_empty() {
            return self.fields.len() == incoming.fields.len()
                && self.fields.iter().all(|(key, pattern)| {
                    incoming
                        .fields
                        .iter()
                        .any(|(k, v)| k == key && pattern.as_ref().is_none_or(|p| p.matches(v)))
                });
        }
        match &self.text {
            Some(p) => p.matches(incoming.text.trim()),
            None => incoming.text.trim().is_empty(),
        }
    }
}

/// How well a request's query or body fits an example's: `hits` rank first,
/// then fewer `missing` (fields or parameters the example has and the request lacks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Fit {
    pub hits: i64,
    pub missing: i64,
}

impl Fit {
    /// One field of the example: sent or not, and with a matching value or not.
    pub(crate) fn add(&mut self, present: bool, same_value: bool) {
        if !present {
            self.missing += 1;
        } else if same_value {
            self.hits += 2;
        } else {
            self.hits += 1;
        }
    }

    pub(crate) fn plus(self, other: Fit) -> Fit {
        Fit {
            hits: self.hits + other.hits,
            missing: self.missing + other.missing,
        }
    }
}

/// A key that names a field: not empty and not an unresolvable `{{variable}}`.
fn usable_key(key: &str) -> bool {
    !key.is_empty() && references(key).is_empty()
}

/// The body of an incoming request, as fields.
#[derive(Debug, Clone, Default)]
pub(crate) struct IncomingBody {
    pub fields: Vec<(String, String)>,
    pub text: String,
}

impl IncomingBody {
    pub(crate) fn parse(content_type: &str, bytes: &[u8]) -> IncomingBody {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return IncomingBody::default();
        }
        let ct = content_type.to_ascii_lowercase();
        let mut fields = Vec::new();
        if let Ok(v @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str::<Value>(trimmed)
        {
            let mut leaves = Vec::new();
            flatten(&v, String::new(), &mut leaves);
            fields = leaves
                .into_iter()
                .map(|(k, v)| (k, leaf_text(&v)))
                .collect();
        } else if ct.starts_with("multipart/") {
            fields = part_names(&text)
                .into_iter()
                .map(|n| (n, String::new()))
                .collect();
        } else if ct.contains("x-www-form-urlencoded") || (ct.is_empty() && trimmed.contains('=')) {
            fields = url::form_urlencoded::parse(trimmed.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        }
        IncomingBody { fields, text }
    }
}

/// `name="..."` of each part of a multipart body.
fn part_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let lower = line.to_ascii_lowercase();
        if !lower.starts_with("content-disposition:") {
            continue;
        }
        if let Some(i) = lower.find(" name=\"").or_else(|| lower.find(";name=\"")) {
            let start = i + 7;
            if let Some(len) = line[start..].find('"') {
                out.push(line[start..start + len].to_string());
            }
        }
    }
    out
}

/// Leaves of a JSON document as (dotted path, value); empty containers are leaves.
fn flatten(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, child) in m {
                flatten(child, join(k), out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, child) in a.iter().enumerate() {
                flatten(child, join(&i.to_string()), out);
            }
        }
        other => {
            if !path.is_empty() {
                out.push((path, other.clone()));
            }
        }
    }
}

fn leaf_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Wraps `{{references}}` written outside JSON strings in quotes, so a template
/// such as `{"port": {{smtpPort}}}` parses (the reference then matches any value).
pub(crate) fn quote_bare_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_string && rest.starts_with("{{") {
            if let Some(close) = rest[2..].find("}}") {
                let reference = &rest[..close + 4];
                if !reference[2..reference.len() - 2].contains(['{', '}', '"']) {
                    out.push('"');
                    out.push_str(reference);
                    out.push('"');
                    rest = &rest[reference.len()..];
                    continue;
                }
            }
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_references_are_quoted_outside_strings_only() {
        let t = r#"{"host":"{{h}}","port": {{smtpPort}}, "s": "a\"{{x}}"}"#;
        let q = quote_bare_references(t);
        assert_eq!(
            q,
            r#"{"host":"{{h}}","port": "{{smtpPort}}", "s": "a\"{{x}}"}"#
        );
        assert!(serde_json::from_str::<Value>(&q).is_ok());
    }

    #[test]
    fn json_fields_score() {
        let body = Body {
            mode: Some("raw".into()),
            raw: Some(r#"{"a": {"b": "{{v}}"}, "c": [1, "x"], "port": {{p}}}"#.into()),
            ..Default::default()
        };
        let shape = BodyShape::of(Some(&body));
        assert_eq!(shape.fields.len(), 4);
        let full = IncomingBody::parse(
            "application/json",
            br#"{"a":{"b":"zz"},"c":[1,"y"],"port":25}"#,
        );
        // a.b any (+2), c.0 equal (+2), c.1 differs (+1), port any (+2)
        assert_eq!(
            shape.score(&full),
            Fit {
                hits: 7,
                missing: 0
            }
        );
        assert_eq!(
            shape.score(&IncomingBody::default()),
            Fit {
                hits: 0,
                missing: 4
            }
        );
    }

    #[test]
    fn exact_body_matching() {
        let body = Body {
            mode: Some("raw".into()),
            raw: Some(r#"{"user": "{{name}}", "n": 1}"#.into()),
            ..Default::default()
        };
        let shape = BodyShape::of(Some(&body));
        let parse = |t: &str| IncomingBody::parse("application/json", t.as_bytes());
        assert!(shape.matches_exactly(&parse(r#"{"n": 1, "user": "ann"}"#)));
        assert!(!shape.matches_exactly(&parse(r#"{"n": 2, "user": "ann"}"#)));
        assert!(!shape.matches_exactly(&parse(r#"{"n": 1, "user": "ann", "x": 0}"#)));
        assert!(!shape.matches_exactly(&parse("")));
        let none = BodyShape::of(None);
        assert!(none.matches_exactly(&parse("  ")));
        assert!(!none.matches_exactly(&parse("x")));
    }

    #[test]
    fn forms_and_multipart() {
        let f = IncomingBody::parse(
            "application/x-www-form-urlencoded",
            b"grant_type=client_credentials&scope=a+b",
        );
        assert_eq!(
            f.fields,
            vec![
                ("grant_type".into(), "client_credentials".into()),
                ("scope".into(), "a b".into())
            ]
        );
        let m = IncomingBody::parse(
            "multipart/form-data; boundary=X",
            b"--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nhi\r\n--X--\r\n",
        );
        assert_eq!(m.fields, vec![("file".into(), String::new())]);
    }
}
