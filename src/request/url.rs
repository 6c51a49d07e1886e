//! Building the URL that is sent, the way newman 6.2.2 builds it: the collection's
//! URL written out as postman-collection's `Url.toString` writes it (path variables
//! filled in, `&` and `#` in query parts escaped), `{{variables}}` substituted in
//! that whole text, the text split again by postman-url-encoder's parser and each
//! part encoded with that library's encode sets (`toNodeUrl`).
//!
//! Two deliberate differences, both so that a value reaches the server as it was
//! given: text substituted into a query value has its `&`, `#` and `+` escaped
//! rather than read as separators (the allow-list's
//! `query-values-from-variables-keep-plus-and-ampersand`), and a path variable's
//! value (`:id`) keeps its `?` and `#` in the path rather than starting a query.

use super::text::{Piece, Text};
use crate::collection::{QueryParam, Url};
use crate::vars::Scopes;
use serde_json::Value;
use std::ops::Range;

/// Bytes encoded in a path, beyond C0 controls, DEL and non-ASCII
/// (postman-url-encoder's PATH_ENCODE_SET).
pub(crate) const PATH_SET: &[u8] = b" \"<>`#?{}";
/// Bytes encoded in the query (QUERY_ENCODE_SET).
pub(crate) const QUERY_SET: &[u8] = b" \"#'<>";
/// Bytes encoded in the fragment (FRAGMENT_ENCODE_SET).
pub(crate) const FRAGMENT_SET: &[u8] = b" \"<>`";
/// Encoded in the value of a query parameter an auth adds.
const QUERY_VALUE_CREDENTIAL_SET: &[u8] = b" \"#'<>+";
/// Substituted into a query value, these stay part of the value.
const QUERY_VALUE_VARIABLE_SET: &[u8] = b" \"#'<>&+";

/// Percent-encodes the bytes of `text` in `set`, C0 controls, DEL and every byte
/// of a non-ASCII character. An escape such as `%20` stays one; a `%` that starts
/// none is sent as `%25` (newman sends `100%` and `%zz` as written: an invalid
/// URL that servers reject or read wrongly, and that no export can reproduce).
pub fn encode(text: &str, set: &[u8]) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in b.iter().enumerate() {
        let escape = c == b'%'
            && b.len() > i + 2
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit();
        if !(0x20..0x7f).contains(&c) || set.contains(&c) || (c == b'%' && !escape) {
            out.push_str(&format!("%{c:02X}"));
        } else {
            out.push(c as char);
        }
    }
    out
}

/// The URL of a request as it is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltUrl {
    /// Scheme, host, port, path, query and fragment, encoded; the names that did not
    /// resolve stay as `{{name}}` (see [`Text::unresolved`]). No user name or
    /// password: those become [`BuiltUrl::credentials`].
    pub text: Text,
    /// `http://` was put in front because the URL named no scheme.
    pub scheme_added: bool,
    /// `user:password@` before the host, decoded: newman sends it as Basic auth.
    pub credentials: Option<(Text, Text)>,
    /// The URL as newman's cli reporter shows it (`Url.toString()` of the resolved
    /// request): variables substituted, nothing encoded, no scheme put in front,
    /// credentials kept.
    pub shown: String,
}

/// Builds the URL of a request; `encode` is false under `disableUrlEncoding`.
pub fn build_url(url: &Url, scopes: &Scopes, encode_parts: bool) -> BuiltUrl {
    // Substituted piece by piece, remembering where a path variable's value went.
    let mut resolved = Text::default();
    let mut path_values: Vec<Range<usize>> = Vec::new();
    let mut len = 0;
    // One limit for the URL as a whole, not one per part.
    let mut budget = crate::vars::substitute::MAX_RESOLVED_BYTES;
    for (piece, path_value) in template(url) {
        let t = scopes.resolve_text_within(&piece, &mut budget);
        let n = t.value().len();
        if path_value {
            path_values.push(len..len + n);
        }
        len += n;
        resolved.push_text(t);
    }
    // What follows depends on the substituted text alone (its variables'
    // names, values and states included), which a run's requests repeat from
    // iteration to iteration: the last URL built is kept, per thread.
    type Last = Option<(Text, Vec<Range<usize>>, bool, BuiltUrl)>;
    thread_local! {
        static LAST: std::cell::RefCell<Last> = const { std::cell::RefCell::new(None) };
    }
    let same = |(t, p, e, _): &&(Text, Vec<Range<usize>>, bool, BuiltUrl)| {
        *e == encode_parts && *p == path_values && *t == resolved
    };
    if let Some(built) = LAST.with(|l| l.borrow().as_ref().filter(same).map(|l| l.3.clone())) {
        return built;
    }
    let parts = Parts::split(&resolved, &path_values);
    let mut built = parts.assemble(&resolved, encode_parts);
    built.text = rejoin_variables(built.text, &resolved);
    // postman-collection reads a backslash before the query as a slash too.
    built.shown = with_slashes(&resolved, &parts.backslashes).value();
    LAST.with(|l| *l.borrow_mut() = Some((resolved, path_values, encode_parts, built.clone())));
    built
}

/// Splitting the URL into parts cuts a variable that spans several of them
/// (`{{base}}` = `https://api.example.com/v1`) into pieces; where the pieces and
/// the separators between them are still its value as given, they are one
/// reference again, so an export writes `{{base}}` once.
fn rejoin_variables(text: Text, resolved: &Text) -> Text {
    let originals: Vec<&super::text::Variable> = resolved.variables().collect();
    let mut out = Text::default();
    let mut i = 0;
    while i < text.pieces.len() {
        if let Piece::Variable(v) = &text.pieces[i] {
            let whole = originals.iter().find_map(|o| {
                if o.name != v.name || o.value.len() <= v.value.len() {
                    return None;
                }
                let mut joined = String::new();
                for (j, p) in text.pieces.iter().enumerate().skip(i) {
                    joined.push_str(p.value());
                    if !o.value.starts_with(&joined) {
                        return None;
                    }
                    let same = matches!(p, Piece::Variable(w) if w.name == o.name);
                    if joined.len() == o.value.len() && same {
                        return Some((j, (*o).clone()));
                    }
                }
                None
            });
            if let Some((last, var)) = whole {
                out.pieces.push(Piece::Variable(var));
                i = last + 1;
                continue;
            }
        }
        out.push_text(Text {
            pieces: vec![text.pieces[i].clone()],
        });
        i += 1;
    }
    out
}

/// The URL written out as postman-collection's `Url.toString()` writes it, still
/// holding its references: pieces of text, each saying whether it is the value of
/// a path variable.
fn template(url: &Url) -> Vec<(String, bool)> {
    let structured = url.host.is_some()
        || url.path.is_some()
        || url.protocol.is_some()
        || url.auth.is_some()
        || url.port.is_some();
    if !structured {
        let raw = url.raw.as_deref().unwrap_or("").trim_start();
        return vec![(raw.to_string(), false)];
    }
    let mut out = Vec::new();
    let mut lit = String::new();
    if let Some(p) = &url.protocol {
        // `https`, `https:` or `https://`: the separator is written here.
        lit.push_str(p.trim_end_matches("://").trim_end_matches(':'));
        lit.push_str("://");
    }
    if let Some(a) = &url.auth {
        lit.push_str(a);
        lit.push('@');
    }
    if let Some(h) = &url.host {
        lit.push_str(&h.join("."));
    }
    if let Some(p) = &url.port {
        lit.push(':');
        lit.push_str(p);
    }
    for seg in url.path.iter().flatten() {
        lit.push('/');
        match path_variable(url, seg) {
            Some((value, suffix)) => {
                out.push((std::mem::take(&mut lit), false));
                out.push((value, true));
                lit.push_str(suffix);
            }
            None => lit.push_str(seg),
        }
    }
    let enabled: Vec<&QueryParam> = url.query.iter().filter(|q| !q.disabled).collect();
    if !enabled.is_empty() {
        lit.push('?');
        for (i, q) in enabled.iter().enumerate() {
            if i > 0 {
                lit.push('&');
            }
            if let Some(k) = &q.key {
                lit.push_str(&escape_separators(k, true));
            }
            if let Some(v) = &q.value {
                lit.push('=');
                lit.push_str(&escape_separators(v, false));
            }
        }
    }
    if let Some(h) = &url.hash {
        lit.push('#');
        lit.push_str(h);
    }
    out.push((lit, false));
    out
}

/// A `:name` (or `:name.suffix`) segment's value and what follows the name, when
/// the URL's variable `name` has a text value: as postman-collection, the last
/// variable of that name, and only a non-empty string.
fn path_variable<'a>(url: &Url, seg: &'a str) -> Option<(String, &'a str)> {
    let rest = seg.strip_prefix(':')?;
    let name = rest.split('.').next().unwrap_or("");
    if name.is_empty() {
        return None;
    }
    let var = url.variable.iter().rev().find(|v| v.name() == Some(name))?;
    match &var.value {
        Value::String(s) if !s.is_empty() => Some((s.clone(), &rest[name.len()..])),
        _ => None,
    }
}

/// A query parameter an auth adds (an API key, an OAuth 2.0 token), encoded as
/// newman sends one it added: separators escaped, then the query's encoding.
/// A `+` in the value is encoded too (newman sends it raw, and servers read a
/// space): the value is a credential and must arrive intact.
pub(crate) fn encode_added_query(text: &str, key: bool) -> String {
    let set = if key {
        QUERY_SET
    } else {
        QUERY_VALUE_CREDENTIAL_SET
    };
    encode(&escape_separators(text, key), set)
}

/// A query key or value as postman-collection writes it into the URL: `&` and `#`
/// (and `=` in a key) escaped, except inside a `{{reference}}` holding them.
pub(crate) fn escape_separators(text: &str, key: bool) -> String {
    let chars: &[u8] = if key { b"&#=" } else { b"&#" };
    let kept = reserved_references(text, chars);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in kept
        .iter()
        .chain(std::iter::once(&(text.len()..text.len())))
    {
        for c in text[at..r.start].chars() {
            match c {
                '&' => out.push_str("%26"),
                '#' => out.push_str("%23"),
                '=' if key => out.push_str("%3D"),
                c => out.push(c),
            }
        }
        out.push_str(&text[r.clone()]);
        at = r.end;
    }
    out
}

/// Where `text` has a `{{…}}` (no braces inside) holding one of `chars`: such a
/// reference is one unit, whatever separators it holds.
fn reserved_references(text: &str, chars: &[u8]) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'{' && b[i + 1] == b'{' {
            let mut j = i + 2;
            while j < b.len() && b[j] != b'{' && b[j] != b'}' {
                j += 1;
            }
            if b[j..].starts_with(b"}}") && b[i + 2..j].iter().any(|c| chars.contains(c)) {
                out.push(i..j + 2);
                i = j + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// A query parameter's key and, after its first `=`, its value.
type Param = (Range<usize>, Option<Range<usize>>);

/// Where each part of the resolved URL lies (byte ranges), split as
/// postman-url-encoder's parser splits it.
#[derive(Debug, Default)]
struct Parts {
    /// Bytes that are not separators: inside an unresolved `{{a.b}}`, a path
    /// variable's `?` and `#`, a substituted query value's `&` and `#`.
    opaque: Vec<bool>,
    /// Bytes substituted into a query value.
    value_variable: Vec<bool>,
    protocol: Option<Range<usize>>,
    user: Option<Range<usize>>,
    password: Option<Range<usize>>,
    host: Option<Range<usize>>,
    port: Option<Range<usize>>,
    path: Option<Range<usize>>,
    /// Each parameter's key and value (after its first `=`).
    query: Option<Vec<Param>>,
    hash: Option<Range<usize>>,
    /// Backslashes before the query, read as `/`.
    backslashes: Vec<usize>,
}

impl Parts {
    fn split(text: &Text, path_values: &[Range<usize>]) -> Parts {
        let value = text.value();
        let b = value.as_bytes();
        let n = b.len();
        let mut is_variable = vec![false; n];
        for (p, span) in text.pieces.iter().zip(text.spans()) {
            if matches!(p, Piece::Variable(_)) {
                is_variable[span].fill(true);
            }
        }
        let mut opaque = vec![false; n];
        for r in reserved_references(&value, b".:/?#@&]") {
            opaque[r].fill(true);
        }
        for r in path_values {
            for i in r.clone() {
                if b[i] == b'?' || b[i] == b'#' {
                    opaque[i] = true;
                }
            }
        }
        let start = n - value.trim_start().len();
        let mut parts = Parts {
            value_variable: vec![false; n],
            ..Default::default()
        };
        // One pass finds the fragment and the query, since what separates inside the
        // query depends on where a value began.
        let mut hash_at = None;
        let mut query_at = None;
        let (mut in_value, mut literal_value) = (false, false);
        for i in start..n {
            if opaque[i] {
                continue;
            }
            match (query_at, b[i]) {
                (None, b'#') => {
                    hash_at = Some(i);
                    break;
                }
                (None, b'?') => query_at = Some(i),
                (None, _) => {}
                (Some(_), c) if is_variable[i] && literal_value => {
                    parts.value_variable[i] = true;
                    if c == b'&' || c == b'#' {
                        opaque[i] = true;
                    }
                }
                (Some(_), b'&') => (in_value, literal_value) = (false, false),
                (Some(_), b'=') if !in_value => {
                    in_value = true;
                    literal_value = !is_variable[i];
                }
                (Some(_), b'#') => {
                    hash_at = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let find = |from: usize, to: usize, c: u8| (from..to).find(|&i| b[i] == c && !opaque[i]);
        let rfind =
            |from: usize, to: usize, c: u8| (from..to).rev().find(|&i| b[i] == c && !opaque[i]);
        let mut end = n;
        if let Some(h) = hash_at {
            parts.hash = Some(h + 1..n);
            end = h;
        }
        if let Some(q) = query_at {
            let mut params = Vec::new();
            let mut from = q + 1;
            loop {
                let to = find(from, end, b'&').unwrap_or(end);
                params.push(match find(from, to, b'=') {
                    Some(eq) => (from..eq, Some(eq + 1..to)),
                    None => (from..to, None),
                });
                if to == end {
                    break;
                }
                from = to + 1;
            }
            parts.query = Some(params);
            end = q;
        }
        parts.backslashes = (start..end)
            .filter(|&i| b[i] == b'\\' && !opaque[i])
            .collect();
        let slash = |i: usize| b[i] == b'/' || (b[i] == b'\\' && !opaque[i]);
        let mut pos = start;
        if let Some(p) = (pos..end.saturating_sub(2))
            .find(|&i| b[i] == b':' && slash(i + 1) && slash(i + 2) && !opaque[i] && !opaque[i + 1])
        {
            parts.protocol = Some(pos..p);
            pos = p + 3;
            // `http:///host` is `http://host`; `file:////path` is `file:///path`.
            let file =
                value[parts.protocol.clone().unwrap_or_default()].eq_ignore_ascii_case("file");
            while pos < end && slash(pos) && !(file && (pos + 1 >= end || !slash(pos + 1))) {
                pos += 1;
            }
        }
        if let Some(p) = (pos..end).find(|&i| slash(i) && !opaque[i]) {
            parts.path = Some(p..end);
            end = p;
        }
        if let Some(at) = rfind(pos, end, b'@') {
            match find(pos, at, b':') {
                Some(c) => {
                    parts.user = Some(pos..c);
                    parts.password = Some(c + 1..at);
                }
                None => parts.user = Some(pos..at),
            }
            pos = at + 1;
        }
        if let Some(c) = rfind(pos, end, b':') {
            if !b[c + 1..end].contains(&b']') {
                parts.port = Some(c + 1..end);
                end = c;
            }
        }
        if pos < end {
            parts.host = Some(pos..end);
        }
        parts.opaque = opaque;
        parts
    }

    /// The URL from its parts, each encoded as `toNodeUrl` encodes it.
    fn assemble(&self, resolved: &Text, encode_parts: bool) -> BuiltUrl {
        let text = with_slashes(resolved, &self.backslashes);
        let coded = |r: &Range<usize>, set: &'static [u8]| {
            if encode_parts {
                text.slice(r.clone()).map_all(|t| encode(t, set))
            } else {
                text.slice(r.clone())
            }
        };
        let mut out = Text::default();
        let scheme_added = self.protocol.is_none();
        match &self.protocol {
            // Kept as written, as newman shows it; the client reads it case-blind.
            Some(p) => out.push_text(text.slice(p.clone())),
            None => out.push_str("http"),
        }
        out.push_str("://");
        if let Some(h) = &self.host {
            out.push_text(host(text.slice(h.clone())));
        }
        if let Some(p) = &self.port {
            out.push_str(":");
            out.push_text(text.slice(p.clone()));
        }
        match &self.path {
            Some(p) => out.push_text(coded(p, PATH_SET)),
            None => out.push_str("/"),
        }
        if let Some(params) = &self.query {
            out.push_str("?");
            for (i, (key, value)) in params.iter().enumerate() {
                if i > 0 {
                    out.push_str("&");
                }
                out.push_text(self.query_part(&text, key, encode_parts));
                if let Some(v) = value {
                    out.push_str("=");
                    out.push_text(self.query_part(&text, v, encode_parts));
                }
            }
        }
        if let Some(h) = &self.hash {
            out.push_str("#");
            out.push_text(coded(h, FRAGMENT_SET));
        }
        // A user name alone is `user:`; `@host` alone is no credentials.
        let credentials = self.user.as_ref().and_then(|u| {
            let user = text.slice(u.clone());
            let password = self
                .password
                .as_ref()
                .map(|p| text.slice(p.clone()))
                .unwrap_or_default();
            if user.is_empty() && self.password.is_none() {
                return None;
            }
            // Encoded then decoded, as newman does: an escape written in the URL
            // (`p%40ss`) is decoded, any other text is as written.
            Some((
                user.map_all(percent_decode),
                password.map_all(percent_decode),
            ))
        });
        BuiltUrl {
            text: out,
            scheme_added,
            credentials,
            shown: String::new(),
        }
    }

    /// A query key or value, encoded; what was substituted into a value keeps its
    /// `&`, `#` and `+` as part of it.
    fn query_part(&self, text: &Text, r: &Range<usize>, encode_parts: bool) -> Text {
        let part = text.slice(r.clone());
        let mut out = Text::default();
        for (p, span) in part.pieces.iter().zip(part.spans()) {
            let at = r.start + span.start;
            let v = p.value();
            let set = if self.value_variable[at] {
                QUERY_VALUE_VARIABLE_SET
            } else {
                QUERY_SET
            };
            let coded = if encode_parts {
                encode(v, set)
            } else if self.value_variable[at] {
                v.replace('&', "%26").replace('#', "%23")
            } else {
                v.to_string()
            };
            match p {
                Piece::Literal(_) => out.push_str(&coded),
                Piece::Variable(var) => out.pieces.push(Piece::Variable(super::text::Variable {
                    value: coded,
                    ..var.clone()
                })),
            }
        }
        out
    }
}

/// `text` with the bytes at `at` (backslashes) written as `/`.
fn with_slashes(text: &Text, at: &[usize]) -> Text {
    if at.is_empty() {
        return text.clone();
    }
    let mut out = Text::default();
    for (p, span) in text.pieces.iter().zip(text.spans()) {
        let mut s = p.value().as_bytes().to_vec();
        for &i in at.iter().filter(|&&i| span.contains(&i)) {
            s[i - span.start] = b'/';
        }
        let s = String::from_utf8(s).unwrap_or_default();
        match p {
            Piece::Literal(_) => out.push_str(&s),
            Piece::Variable(v) => out.pieces.push(Piece::Variable(super::text::Variable {
                value: s,
                ..v.clone()
            })),
        }
    }
    out
}

/// The host as it is sent: lower case, an internationalised name in its ASCII
/// (punycode) form. A name IDNA refuses is kept as written, as newman keeps it
/// (the request then fails to connect, not postie to build it).
fn host(text: Text) -> Text {
    let lower = text.map_all(str::to_lowercase);
    let value = lower.value();
    match url::Host::parse(&value) {
        Ok(h) if h.to_string() != value => Text::literal(h.to_string()),
        _ => lower,
    }
}

/// Percent escapes decoded; bytes that do not form UTF-8 become U+FFFD, as Node's
/// `querystring.unescape` does.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Why a URL cannot be sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("invalid URL '{url}': {reason}")]
pub struct UrlError {
    pub url: String,
    pub reason: String,
}

/// The URL as the client reads it: parsed (and so normalised: dot segments,
/// host case, IDNA), and refused unless it is HTTP(S) to a valid host name.
pub fn parse(text: &str) -> Result<url::Url, UrlError> {
    // A request's URL is read twice as it goes out (its `Host` header, then the
    // client), and a run sends the same URLs again and again: the last answer
    // is kept, per thread, as the same text always parses the same way.
    thread_local! {
        static LAST: std::cell::RefCell<Option<(String, Result<url::Url, UrlError>)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((t, parsed)) = last.as_ref() {
            if t == text {
                return parsed.clone();
            }
        }
        let parsed = parse_anew(text);
        *last = Some((text.to_string(), parsed.clone()));
        parsed
    })
}

fn parse_anew(text: &str) -> Result<url::Url, UrlError> {
    let err = |reason: String| UrlError {
        url: text.to_string(),
        reason,
    };
    // Sent unencoded (`disableUrlEncoding`), a path Node cannot write is refused
    // with Node's words, as newman reports it.
    let after_scheme = text.find("://").map_or(0, |i| i + 3);
    let path_and_query = text[after_scheme..]
        .find('/')
        .map_or("", |i| &text[after_scheme + i..]);
    let path_and_query = path_and_query.split('#').next().unwrap_or("");
    if path_and_query
        .chars()
        .any(|c| !('\u{21}'..='\u{ff}').contains(&c))
    {
        return Err(err("Request path contains unescaped characters".into()));
    }
    let url = url::Url::parse(text).map_err(|e| err(e.to_string()))?;
    let host = url.host_str().unwrap_or("");
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~%[]:".contains(c));
    if !host_ok {
        return Err(err("the host name is not valid".into()));
    }
    match url.scheme() {
        "http" | "https" => Ok(url),
        other => Err(err(format!("unsupported protocol '{other}'"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::{QueryParam, Variable};
    use serde_json::json;

    fn sent(raw: &str, scopes: &Scopes) -> String {
        build_url(&Url::parse(raw), scopes, true).text.value()
    }

    #[test]
    fn structured_url_with_variable_host_and_path_variables() {
        let mut scopes = Scopes::default();
        scopes
            .environment
            .set("base", json!("https://api.example.com/v1"));
        scopes.environment.set("secret", json!("a+b&c"));
        let url = Url {
            host: Some(vec!["{{base}}".into()]),
            path: Some(vec!["apps".into(), ":id".into(), "x y".into()]),
            query: vec![
                QueryParam {
                    key: Some("s".into()),
                    value: Some("{{secret}}".into()),
                    ..Default::default()
                },
                QueryParam {
                    key: Some("q".into()),
                    value: Some("a b".into()),
                    ..Default::default()
                },
                QueryParam {
                    key: Some("off".into()),
                    value: Some("1".into()),
                    disabled: true,
                    ..Default::default()
                },
            ],
            variable: vec![Variable {
                key: Some("id".into()),
                value: json!("42"),
                ..Default::default()
            }],
            ..Default::default()
        };
        let s = build_url(&url, &scopes, true);
        assert_eq!(
            s.text.value(),
            "https://api.example.com/v1/apps/42/x%20y?s=a%2Bb%26c&q=a%20b"
        );
        assert!(!s.scheme_added);
        assert!(s.text.unresolved().is_empty());
    }

    #[test]
    fn unresolved_names_are_reported_and_encoded() {
        let s = build_url(
            &Url::parse("http://h/{{nope}}?a={{alsonope}}"),
            &Scopes::default(),
            true,
        );
        assert_eq!(s.text.value(), "http://h/%7B%7Bnope%7D%7D?a={{alsonope}}");
        assert_eq!(s.text.unresolved(), vec!["nope", "alsonope"]);
    }

    #[test]
    fn encodes_each_part_with_its_set() {
        let none = Scopes::default();
        assert_eq!(
            sent("http://h/a b/\"<>`{}|^\\x?k'=\"<>{}|^\\&é#f g`", &none),
            "http://h/a%20b/%22%3C%3E%60%7B%7D|^/x?k%27=%22%3C%3E{}|^\\&%C3%A9#f%20g%60"
        );
        // Escapes stay; a stray percent sign is encoded.
        assert_eq!(
            sent("h/100%/%zz/%2?a=%41%&b", &none),
            "http://h/100%25/%25zz/%252?a=%41%25&b"
        );
        assert_eq!(sent("HTTP://Ex.COM/A", &none), "HTTP://ex.com/A");
        assert_eq!(sent("h/get?", &none), "http://h/get?");
        assert_eq!(sent("h/a/./b/../c//d", &none), "http://h/a/./b/../c//d");
        assert_eq!(sent("http:///h", &none), "http://h/");
        assert_eq!(sent("file:////etc/passwd", &none), "file:///etc/passwd");
    }

    #[test]
    fn values_from_variables_stay_values() {
        let mut scopes = Scopes::default();
        scopes.environment.set("v", json!("a&b=c#d+e"));
        scopes.environment.set("q", json!("x=1&y=2"));
        scopes.environment.set("p", json!("c?d#e"));
        assert_eq!(
            sent("h/x?v={{v}}&w=1", &scopes),
            "http://h/x?v=a%26b=c%23d%2Be&w=1"
        );
        // A whole query from a variable is read as parameters.
        assert_eq!(sent("h/x?{{q}}", &scopes), "http://h/x?x=1&y=2");
        let url = Url {
            host: Some(vec!["h".into()]),
            path: Some(vec![":p".into(), "end".into()]),
            variable: vec![Variable {
                key: Some("p".into()),
                value: json!("{{p}}"),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(
            build_url(&url, &scopes, true).text.value(),
            "http://h/c%3Fd%23e/end"
        );
    }

    #[test]
    fn international_hosts_and_credentials() {
        let none = Scopes::default();
        let b = build_url(
            &Url::parse("https://us%40er:pä:ss@MÜnchen.de:8443/ä"),
            &none,
            true,
        );
        assert_eq!(b.text.value(), "https://xn--mnchen-3ya.de:8443/%C3%A4");
        let (user, pass) = b.credentials.unwrap();
        assert_eq!(
            (user.value(), pass.value()),
            ("us@er".into(), "pä:ss".into())
        );
        assert_eq!(
            build_url(&Url::parse("http://@h/"), &none, true).credentials,
            None
        );
        let user_only = build_url(&Url::parse("http://u@h/"), &none, true);
        assert_eq!(user_only.credentials.unwrap().1.value(), "");
    }

    #[test]
    fn without_encoding_the_text_is_kept() {
        let b = build_url(&Url::parse("h/a b?q=\"x\""), &Scopes::default(), false);
        assert_eq!(b.text.value(), "http://h/a b?q=\"x\"");
        assert!(b.scheme_added);
        let e = parse(&b.text.value()).unwrap_err();
        assert_eq!(e.reason, "Request path contains unescaped characters");
    }
}
