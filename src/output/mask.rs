//! Hiding secret values in text, bytes and JSON.

use serde_json::Value;
use std::borrow::Cow;

pub const MASK: &str = "********";

/// Replaces known secret values with [`MASK`].
#[derive(Debug, Clone, Default)]
pub struct Masker {
    /// Longest first, so a secret containing another is masked whole.
    secrets: Vec<String>,
}

impl Masker {
    pub fn new<I: IntoIterator<Item = String>>(secrets: I) -> Self {
        let mut m = Masker::default();
        for s in secrets {
            m.add(s);
        }
        m
    }

    /// Adds a value to hide. Very short values are ignored: masking every "1" or
    /// "a" would make reports unreadable and hides nothing worth hiding.
    pub fn add(&mut self, secret: String) {
        if secret.len() < 4 || self.secrets.contains(&secret) {
            return;
        }
        self.secrets.push(secret);
        self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.secrets.is_empty() || !self.secrets.iter().any(|s| text.contains(s.as_str())) {
            return Cow::Borrowed(text);
        }
        let mut out = text.to_string();
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = out.replace(s.as_str(), MASK);
            }
        }
        Cow::Owned(out)
    }

    /// Masks secrets inside raw bytes: every valid UTF-8 run is masked as text and
    /// invalid bytes are kept, so binary bodies keep their shape but never carry a
    /// secret that appears in them as text.
    pub fn mask_bytes<'a>(&self, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        if self.is_empty() {
            return Cow::Borrowed(bytes);
        }
        if let Ok(text) = std::str::from_utf8(bytes) {
            return match self.mask(text) {
                Cow::Borrowed(_) => Cow::Borrowed(bytes),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            };
        }
        let mut out = Vec::with_capacity(bytes.len());
        let mut changed = false;
        for chunk in bytes.utf8_chunks() {
            match self.mask(chunk.valid()) {
                Cow::Borrowed(s) => out.extend_from_slice(s.as_bytes()),
                Cow::Owned(s) => {
                    changed = true;
                    out.extend_from_slice(s.as_bytes());
                }
            }
            out.extend_from_slice(chunk.invalid());
        }
        if changed {
            Cow::Owned(out)
        } else {
            Cow::Borrowed(bytes)
        }
    }

    /// Masks every string in a JSON value (keys too). With `numbers`, a number whose
    /// text is a secret becomes the mask as well; computed fields (times, sizes,
    /// counts) are masked without it so a coincidence cannot change their type.
    pub fn mask_json(&self, value: &mut Value, numbers: bool) {
        if self.is_empty() {
            return;
        }
        match value {
            Value::String(s) => {
                if let Cow::Owned(m) = self.mask(s) {
                    *s = m;
                }
            }
            Value::Number(n) if numbers => {
                let text = n.to_string();
                if let Cow::Owned(m) = self.mask(&text) {
                    *value = Value::String(m);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.mask_json(v, numbers)),
            Value::Object(map) => {
                let needs_key_change = map.keys().any(|k| matches!(self.mask(k), Cow::Owned(_)));
                if needs_key_change {
                    let old = std::mem::take(map);
                    for (k, v) in old {
                        map.insert(self.mask(&k).into_owned(), v);
                    }
                }
                map.values_mut().for_each(|v| self.mask_json(v, numbers));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_longest_secret_first() {
        let m = Masker::new(vec![
            "abcd".to_string(),
            "abcdef".to_string(),
            "x".to_string(),
        ]);
        assert_eq!(m.mask("token=abcdef; x=abcd"), "token=********; x=********");
        assert_eq!(m.mask("nothing here x"), "nothing here x");
    }

    #[test]
    fn masks_secrets_inside_binary_bytes() {
        let m = Masker::new(vec!["s3cr3t".to_string()]);
        let mut body = vec![0xff, 0xfe];
        body.extend_from_slice(b"key=s3cr3t;");
        body.push(0xc3);
        let masked = m.mask_bytes(&body);
        let mut expected = vec![0xff, 0xfe];
        expected.extend_from_slice(b"key=********;");
        expected.push(0xc3);
        assert_eq!(masked.as_ref(), expected.as_slice());
        assert!(matches!(m.mask_bytes(b"plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn masks_json_strings_keys_and_optionally_numbers() {
        let m = Masker::new(vec!["hunter2".to_string(), "123456".to_string()]);
        let mut v = serde_json::json!({
            "hunter2": "pw is hunter2",
            "n": 123456,
            "list": ["x", {"deep": "hunter2"}]
        });
        let mut computed = v.clone();
        m.mask_json(&mut v, true);
        assert_eq!(
            v,
            serde_json::json!({
                "********": "pw is ********",
                "n": "********",
                "list": ["x", {"deep": "********"}]
            })
        );
        m.mask_json(&mut computed, false);
        assert_eq!(computed["n"], 123456);
    }
}
