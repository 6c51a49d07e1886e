//! Tolerant deserialisation. Real exports vary: a string or a number where text
//! is expected, `null` for an empty list, headers as one `Key: value` block, a
//! request written as a bare URL. These accept what Postman itself accepts.

use super::model::{value_text, Body, Header, Request};
use super::url::Url;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

pub(crate) fn default_method() -> String {
    "GET".into()
}

pub(crate) fn method<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let m: Option<String> = Option::deserialize(d)?;
    Ok(m.map(|m| m.to_ascii_uppercase())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(default_method))
}

pub(crate) fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A request written as a bare URL string is a GET of that URL.
impl<'de> Deserialize<'de> for RequestOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RequestOrString;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an object")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(RequestOrString(Request {
                    url: Url::parse(s),
                    method: default_method(),
                    ..Default::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Request::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RequestOrString)
            }
        }
        d.deserialize_any(V)
    }
}

/// Wrapper used while loading so a request may be a URL string.
struct RequestOrString(Request);

pub(crate) fn request_or_string<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Request>, D::Error> {
    Ok(Option::<RequestOrString>::deserialize(d)?.map(|r| r.0))
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// Accepts any JSON scalar where a string is expected (exports contain numbers and booleans).
pub(crate) fn stringish<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => other.to_string(),
    })
}

pub(crate) fn opt_stringish<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

/// Headers as a list of objects, or as a `Key: value` block (older exports).
pub(crate) fn headers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Header>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Header>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of headers or a header string")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
            Ok(parse_header_block(s))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(h) = seq.next_element::<HeaderEntry>()? {
                if let Some(h) = h.0 {
                    out.push(h);
                }
            }
            Ok(out)
        }
    }
    d.deserialize_any(V)
}

/// A header entry may be an object or a `Key: value` string.
struct HeaderEntry(Option<Header>);

impl<'de> Deserialize<'de> for HeaderEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HeaderEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a header object or a \"Key: value\" string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(HeaderEntry(parse_header_block(s).into_iter().next()))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(HeaderEntry(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Header::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|h| HeaderEntry(Some(h)))
            }
        }
        d.deserialize_any(V)
    }
}

pub fn parse_header_block(s: &str) -> Vec<Header> {
    s.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() {
                return None;
            }
            let (disabled, line) = match line.strip_prefix("//") {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            Some(Header {
                key: k.trim().to_string(),
                value: v.trim().to_string(),
                disabled,
                ..Default::default()
            })
        })
        .collect()
}

pub(crate) fn opt_body<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Body>, D::Error> {
    Option::<Body>::deserialize(d)
}

pub(crate) fn exec_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s.split('\n').map(str::to_string).collect(),
        Value::Array(a) => a.into_iter().map(value_text).collect(),
        _ => Vec::new(),
    })
}

pub(crate) fn opt_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use crate::collection::{Item, Request, Response, Variable};
    use serde_json::json;

    #[test]
    fn a_request_may_be_a_bare_url() {
        let item: Item =
            serde_json::from_value(json!({"name": "r", "request": "http://h/x"})).unwrap();
        let r = item.request.unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.url.to_raw(), "http://h/x");
    }

    #[test]
    fn methods_are_upper_case_and_default_to_get() {
        let method = |m: serde_json::Value| {
            serde_json::from_value::<Request>(json!({"url": "h", "method": m}))
                .unwrap()
                .method
        };
        assert_eq!(method(json!("post")), "POST");
        assert_eq!(method(json!("")), "GET");
        assert_eq!(method(json!(null)), "GET");
    }

    #[test]
    fn headers_may_be_a_block_of_lines() {
        let r: Request = serde_json::from_value(json!({
            "url": "h",
            "header": "Accept: */*\n//X-Off: 1\n\nX-Empty"
        }))
        .unwrap();
        let seen: Vec<(&str, &str, bool)> = r
            .header
            .iter()
            .map(|h| (h.key.as_str(), h.value.as_str(), h.disabled))
            .collect();
        assert_eq!(
            seen,
            [
                ("Accept", "*/*", false),
                ("X-Off", "1", true),
                ("X-Empty", "", false)
            ]
        );
        // In a list, a string entry is one header and null entries are dropped.
        let r: Request = serde_json::from_value(json!({
            "url": "h",
            "header": ["A: 1", null, {"key": "B", "value": 2}]
        }))
        .unwrap();
        let seen: Vec<(&str, &str)> = r
            .header
            .iter()
            .map(|h| (h.key.as_str(), h.value.as_str()))
            .collect();
        assert_eq!(seen, [("A", "1"), ("B", "2")]);
    }

    #[test]
    fn scalars_where_text_is_expected_and_null_lists() {
        let v: Variable = serde_json::from_value(json!({"key": 5, "value": 1})).unwrap();
        assert_eq!(v.key.as_deref(), Some("5"));
        let item: Item = serde_json::from_value(json!({
            "name": "r", "request": "h", "event": null, "variable": null, "response": null
        }))
        .unwrap();
        assert!(item.event.is_empty() && item.variable.is_empty() && item.response.is_empty());
        let item: Item = serde_json::from_value(json!({
            "name": "r",
            "event": [{"listen": "test", "script": {"exec": "a\nb"}}]
        }))
        .unwrap();
        assert_eq!(item.event[0].script.as_ref().unwrap().exec, ["a", "b"]);
    }

    #[test]
    fn example_codes_may_be_text() {
        let code = |c: serde_json::Value| {
            serde_json::from_value::<Response>(json!({"name": "e", "code": c}))
                .unwrap()
                .code
        };
        assert_eq!(code(json!("404")), Some(404));
        assert_eq!(code(json!(200)), Some(200));
        assert_eq!(code(json!(70000)), None);
        assert_eq!(code(json!("teapot")), None);
    }
}
