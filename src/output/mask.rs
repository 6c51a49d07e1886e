//! Hiding secret values in text, bytes and JSON.
//!
//! A secret is hidden as it was given and as it travels: percent-encoded (in a
//! URL or a form body) and base64-encoded (in a header, or logged by a script).
//! Every output line goes through [`Masker::mask`], so the search is one
//! Aho-Corasick pass per group of secrets, and a line without a secret is
//! returned as it was, without copying.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Arc, RwLock};

pub const MASK: &str = "********";

/// Values shorter than this are not hidden: masking every "1" or "abc" would
/// make reports unreadable and hides nothing worth hiding.
const SHORTEST: usize = 4;

/// encodeURIComponent: all but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');
/// How postie (and Postman) encode a value substituted into a query string.
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'+')
    .add(b'&')
    .add(b'%');
/// How a path segment is encoded.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%');

/// The forms a secret takes on its way out: itself, percent-encoded as URLs
/// and forms encode it, and base64-encoded.
pub fn encodings(secret: &str) -> Vec<String> {
    let mut out = vec![secret.to_string()];
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for set in [COMPONENT, QUERY, PATH] {
        push(utf8_percent_encode(secret, set).to_string());
    }
    push(
        percent_encoding::percent_encode(secret.as_bytes(), COMPONENT)
            .to_string()
            .replace("%20", "+"),
    );
    push(form_urlencoded(secret));
    // As postman-collection writes a query value: only `&` and `#` escaped.
    push(secret.replace('&', "%26").replace('#', "%23"));
    let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
    push(b64.trim_end_matches('=').to_string());
    push(b64);
    push(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret));
    out
}

/// `application/x-www-form-urlencoded` as browsers write it.
fn form_urlencoded(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// One searcher over a group of secrets.
#[derive(Debug, Clone)]
struct Group {
    searcher: Arc<AhoCorasick>,
    size: usize,
    patterns: Arc<Vec<String>>,
}

impl Group {
    fn new(patterns: Vec<String>) -> Option<Group> {
        // A contiguous NFA: quick to build (groups are rebuilt as secrets
        // arrive) and quick enough to search; a DFA takes far longer to build.
        let searcher = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok()?;
        Some(Group {
            searcher: Arc::new(searcher),
            size: patterns.len(),
            patterns: Arc::new(patterns),
        })
    }
}

/// Replaces known secret values (and their encodings) with [`MASK`].
///
/// Clones share what they hide: a secret added through one (a reporter told
/// of a token) is hidden by all, and the searchers are built once for all.
#[derive(Debug, Clone, Default)]
pub struct Masker {
    shared: Arc<RwLock<Secrets>>,
}

#[derive(Debug, Default)]
struct Secrets {
    /// Every value hidden so far, encodings included.
    known: HashSet<String>,
    /// Searchers, each over about twice as many secrets as the next: adding
    /// a secret builds a small one and merges equal neighbours, so a run that
    /// captures a new token per request does not rebuild everything each time.
    groups: Vec<Group>,
    /// The shortest value hidden: shorter text cannot hold one.
    shortest: usize,
    /// `--no-mask`: nothing is hidden.
    off: bool,
    /// Counts the changes to what is hidden, so text masked once can be kept
    /// until a secret arrives that could change it.
    generation: u64,
}

impl Masker {
    pub fn new<I: IntoIterator<Item = String>>(secrets: I) -> Self {
        let m = Masker::default();
        m.add_all(secrets);
        m
    }

    /// A masker that hides nothing, even what is added later (`--no-mask`).
    pub fn disabled() -> Self {
        let m = Masker::default();
        m.write().off = true;
        m
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Secrets> {
        self.shared.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Secrets> {
        self.shared.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a value to hide, with its encodings.
    pub fn add(&mut self, secret: String) {
        self.add_all([secret]);
    }

    pub fn add_all<I: IntoIterator<Item = String>>(&self, secrets: I) {
        let mut state = self.write();
        if state.off {
            return;
        }
        let mut fresh = Vec::new();
        for secret in secrets {
            if secret.len() < SHORTEST || state.known.contains(&secret) {
                continue;
            }
            for form in encodings(&secret) {
                if form.len() >= SHORTEST && state.known.insert(form.clone()) {
                    fresh.push(form);
                }
            }
        }
        if fresh.is_empty() {
            return;
        }
        let shortest = fresh.iter().map(String::len).min().unwrap_or(SHORTEST);
        let Some(group) = Group::new(fresh) else {
            return;
        };
        state.shortest = if state.groups.is_empty() {
            shortest
        } else {
            state.shortest.min(shortest)
        };
        state.generation += 1;
        let groups = &mut state.groups;
        groups.push(group);
        while groups.len() > 1 {
            let n = groups.len();
            if groups[n - 1].size * 2 < groups[n - 2].size {
                break;
            }
            let last = groups.pop().unwrap_or_else(|| unreachable!());
            let prev = groups.pop().unwrap_or_else(|| unreachable!());
            let mut all: Vec<String> = prev.patterns.as_ref().clone();
            all.extend(last.patterns.iter().cloned());
            match Group::new(all) {
                Some(merged) => groups.push(merged),
                None => {
                    groups.push(prev);
                    groups.push(last);
                    break;
                }
            }
        }
    }

    /// Changes whenever a secret is added, in this masker or a clone of it:
    /// text masked at one generation is masked the same at that generation.
    pub fn generation(&self) -> u64 {
        self.read().generation
    }

    pub fn is_empty(&self) -> bool {
        self.read().groups.is_empty()
    }

    /// Whether masking is off (`--no-mask`): nothing is hidden, not even
    /// `Authorization` headers.
    pub fn is_off(&self) -> bool {
        self.read().off
    }

    /// Byte ranges of `haystack` covered by any secret, merged and in order.
    /// Overlapping matches all count, so two secrets that overlap leave no
    /// piece of either visible. Empty when nothing can match.
    fn covered(&self, haystack: &[u8]) -> Vec<(usize, usize)> {
        let state = self.read();
        if state.groups.is_empty() || haystack.len() < state.shortest {
            return Vec::new();
        }
        let mut spans = Vec::new();
        for g in &state.groups {
            for m in g.searcher.find_overlapping_iter(haystack) {
                spans.push((m.start(), m.end()));
            }
        }
        if spans.len() > 1 {
            spans.sort_unstable();
            let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
            for (s, e) in spans {
                match merged.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => merged.push((s, e)),
                }
            }
            spans = merged;
        }
        spans
    }

    pub fn mask<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let spans = self.covered(text.as_bytes());
        if spans.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (s, e) in spans {
            // A match may start or end inside a multi-byte character (an
            // encoding next to non-ASCII text): widen it to whole characters,
            // joining it to the previous one if they now touch.
            let (s, e) = (floor_char(text, s), ceil_char(text, e));
            if e <= last {
                continue;
            }
            if s > last || last == 0 {
                out.push_str(&text[last..s]);
                out.push_str(MASK);
            }
            last = e;
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    }

    /// Masks secrets inside raw bytes: binary bodies keep their shape but
    /// never carry a secret that appears in them as text.
    pub fn mask_bytes<'a>(&self, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        let spans = self.covered(bytes);
        if spans.is_empty() {
            return Cow::Borrowed(bytes);
        }
        let mut out = Vec::with_capacity(bytes.len());
        let mut last = 0;
        for (s, e) in spans {
            out.extend_from_slice(&bytes[last..s]);
            out.extend_from_slice(MASK.as_bytes());
            last = e;
        }
        out.extend_from_slice(&bytes[last..]);
        Cow::Owned(out)
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

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
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
    fn overlapping_secrets_leave_nothing_of_either() {
        let m = Masker::new(vec!["abcd".to_string(), "cdefgh".to_string()]);
        assert_eq!(m.mask("<abcdefgh>"), "<********>");
        assert_eq!(m.mask("é abcd é"), "é ******** é");
    }

    #[test]
    fn encodings_are_masked_too() {
        let secret = "ab+c/d= é&x";
        let m = Masker::new(vec![secret.to_string()]);
        let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
        for form in [
            secret.to_string(),
            "ab%2Bc%2Fd%3D%20%C3%A9%26x".to_string(),
            "ab%2Bc/d=%20%C3%A9%26x".to_string(),
            "ab%2Bc%2Fd%3D+%C3%A9%26x".to_string(),
            b64.clone(),
            b64.trim_end_matches('=').to_string(),
        ] {
            assert_eq!(m.mask(&format!("[{form}]")), "[********]", "{form}");
        }
        assert!(encodings("plain").len() <= 3, "{:?}", encodings("plain"));
    }

    #[test]
    fn many_secrets_added_one_by_one_stay_in_few_groups() {
        let mut m = Masker::default();
        for i in 0..1000 {
            m.add(format!("token-{i:05}"));
        }
        assert!(m.read().groups.len() <= 24, "{}", m.read().groups.len());
        assert_eq!(
            m.mask("a token-00007 b token-00999"),
            "a ******** b ********"
        );
    }

    #[test]
    fn clones_share_what_they_hide() {
        let a = Masker::default();
        let mut b = a.clone();
        b.add("shared-secret".into());
        assert_eq!(a.mask("x shared-secret"), "x ********");
        let independent = Masker::default();
        assert_eq!(independent.mask("x shared-secret"), "x shared-secret");
    }

    #[test]
    fn disabled_hides_nothing() {
        let mut m = Masker::disabled();
        m.add("hunter22".into());
        assert_eq!(m.mask("pw hunter22"), "pw hunter22");
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
