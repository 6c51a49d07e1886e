//! One entry of `run.executions` written straight to text.
//!
//! `shape::execution_json` builds the entry as a `serde_json::Value`, masks it and
//! formats it; that was half of a request's instructions in a run without scripts.
//! Here the same text is written field by field from the execution's own data,
//! each string masked as it is written, with the item's text (the largest part,
//! and the same for every execution of the item) formatted beforehand by the
//! reporter. The bytes must be the ones `execution_json` and `pretty` give; the
//! tests in `mod.rs` compare both ways over many executions and secrets.
//!
//! Keys are written as they are: the reporter only comes here when masking leaves
//! every key of [`KEYS`] alone (a secret that is a key's whole or part sends it the
//! slow way, which masks keys as `Masker::mask_json` does).

use super::shape::Exchange;
use super::Nested;
use crate::http::{HttpRequest, HttpResponse, RequestError};
use crate::output::Masker;
use crate::report::shown_header;
use crate::runner::events::{Cursor, Execution};
use crate::script::{AssertionResult, ScriptError, ScriptKind};
use serde::Serialize;

/// Every key this writer writes.
const KEYS: &[&str] = &[
    "cursor",
    "position",
    "iteration",
    "length",
    "cycles",
    "empty",
    "eof",
    "bof",
    "cr",
    "ref",
    "item",
    "response",
    "id",
    "status",
    "code",
    "stream",
    "type",
    "data",
    "cookie",
    "name",
    "value",
    "domain",
    "path",
    "expires",
    "httpOnly",
    "secure",
    "responseTime",
    "responseSize",
    "assertions",
    "assertion",
    "skipped",
    "error",
    "index",
    "test",
    "message",
    "stack",
    "expected",
    "actual",
    "prerequestScript",
    "testScript",
    "origin",
    "line",
    "column",
    "requestError",
    "handshake",
    "system",
    "attempts",
    "request",
    "url",
    "protocol",
    "host",
    "port",
    "query",
    "key",
    "hash",
    "variable",
    "header",
    "method",
    "body",
    "mode",
    "raw",
];

/// Whether masking would change any key this writer writes as it is.
pub(super) fn masks_a_key(masker: &Masker) -> bool {
    KEYS.iter().any(|k| masker.mask(k).as_ref() != *k)
}

/// Pretty JSON written with serde_json's pretty format, every line after the
/// first indented `base` levels more (as `pretty` writes it).
pub(super) struct Writer<'a> {
    out: &'a mut Vec<u8>,
    masker: &'a Masker,
    /// The masker hides something: asked once per entry, as `Masker::mask_json`
    /// asked once for the entry built as a value.
    masking: bool,
    last_url: Option<&'a mut LastUrl>,
    base: usize,
    depth: usize,
    /// Nothing written yet in the innermost open object or array.
    first: bool,
}

impl<'a> Writer<'a> {
    pub fn new(out: &'a mut Vec<u8>, masker: &'a Masker, base: usize) -> Self {
        Writer {
            out,
            masking: !masker.is_empty(),
            masker,
            last_url: None,
            base,
            depth: 0,
            first: true,
        }
    }

    /// Keeps the text of the last request URL written here, to write it again
    /// when the next is the same. The text must have been masked with the
    /// masker as it is now, and written at the same place in an entry.
    pub fn with_last_url(mut self, last: &'a mut LastUrl) -> Self {
        self.last_url = Some(last);
        self
    }

    fn newline(&mut self) {
        const SPACES: &[u8; 64] = &[b' '; 64];
        self.out.push(b'\n');
        let mut n = 2 * (self.base + self.depth);
        while n > 0 {
            let k = n.min(SPACES.len());
            self.out.extend_from_slice(&SPACES[..k]);
            n -= k;
        }
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.first {
            self.newline();
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// One of [`KEYS`], which need no escaping.
    fn key(&mut self, key: &str) {
        debug_assert!(KEYS.contains(&key));
        self.elem();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    fn elem(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.newline();
        self.first = false;
    }

    /// A string as it is, escaped as serde_json escapes it (control characters,
    /// `"` and `\`); most strings have none of those and are copied.
    fn plain(&mut self, text: &str) {
        if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.out.push(b'"');
            self.out.extend_from_slice(text.as_bytes());
            self.out.push(b'"');
        } else {
            self.scalar(text);
        }
    }

    /// A string, masked.
    fn text(&mut self, text: &str) {
        if self.masking {
            let masker = self.masker;
            self.plain(&masker.mask(text));
        } else {
            self.plain(text);
        }
    }

    fn opt_text(&mut self, text: Option<&str>) {
        match text {
            Some(t) => self.text(t),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    /// A number or a bool: nothing masks those in an execution.
    fn scalar<T: Serialize + ?Sized>(&mut self, v: &T) {
        let _ = v.serialize(&mut serde_json::Serializer::new(&mut *self.out));
    }

    /// A value already masked, formatted where it stands.
    fn value(&mut self, v: &serde_json::Value) {
        let nested = Nested {
            base: self.base + self.depth,
            depth: 0,
            has_value: false,
        };
        let _ = v.serialize(&mut serde_json::Serializer::with_formatter(
            &mut *self.out,
            nested,
        ));
    }

    /// Text formatted beforehand for this place (`pretty` at `base + depth`).
    fn formatted(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    fn empty_array(&mut self) {
        self.out.extend_from_slice(b"[]");
    }
}

/// A request URL and its text in an entry: an item's requests usually go to
/// the same URL every time, and parsing it is most of writing it.
#[derive(Default)]
pub(super) struct LastUrl {
    raw: String,
    text: Vec<u8>,
}

/// Where the response body goes in the text, for the reporter to stream it.
pub(super) struct Written {
    pub body_at: Option<usize>,
}

/// Writes the entry `shape::execution_json` describes, with `item` (the item's
/// text, masked and formatted at this place), `id` and the response's id given.
pub(super) fn write_execution(
    w: &mut Writer<'_>,
    e: &Execution<'_>,
    x: &Exchange<'_>,
    include_bodies: bool,
    item: &str,
    id: &str,
    response_id: &str,
) -> Written {
    let mut written = Written { body_at: None };
    w.open(b'{');
    w.key("cursor");
    cursor(w, &e.cursor);
    w.key("item");
    w.formatted(item);
    w.key("request");
    match (x.request, e.item.request.as_ref()) {
        (Some(r), _) => request(w, r, include_bodies),
        (None, Some(r)) => item_request(w, r, e.shown_url.as_deref()),
        (None, None) => w.out.extend_from_slice(b"null"),
    }
    if let Some(resp) = x.response {
        w.key("response");
        written.body_at = response(w, resp, include_bodies, response_id);
    }
    w.key("id");
    w.text(id);
    // newman leaves the list out when there is none.
    if !e.assertions.is_empty() {
        w.key("assertions");
        w.open(b'[');
        for a in &e.assertions {
            w.elem();
            assertion(w, a);
        }
        w.close(b']');
    }
    for (kind, key) in [
        (ScriptKind::PreRequest, "prerequestScript"),
        (ScriptKind::Test, "testScript"),
    ] {
        let mut records = e.scripts.iter().filter(|s| s.kind == kind).peekable();
        if records.peek().is_none() {
            continue;
        }
        w.key(key);
        w.open(b'[');
        for s in records {
            w.elem();
            w.open(b'{');
            if let Some(err) = &s.error {
                w.key("error");
                script_error(w, err);
                w.key("origin");
                w.text(&s.origin);
            }
            w.close(b'}');
        }
        w.close(b']');
    }
    if let Some(err) = x.error {
        w.key("requestError");
        request_error(w, err);
    }
    if e.skipped {
        w.key("skipped");
        w.scalar(&true);
    }
    if x.round_trip {
        w.key("handshake");
        w.scalar(&true);
    }
    if let Some(n) = e.attempts {
        w.key("attempts");
        w.scalar(&n);
    }
    w.close(b'}');
    written
}

fn cursor(w: &mut Writer<'_>, c: &Cursor) {
    w.open(b'{');
    w.key("position");
    w.scalar(&c.position);
    w.key("iteration");
    w.scalar(&c.iteration);
    w.key("length");
    w.scalar(&c.length);
    w.key("cycles");
    w.scalar(&c.iterations);
    let [empty, eof, bof, cr] = super::shape::cursor_flags(c);
    w.key("empty");
    w.scalar(&empty);
    w.key("eof");
    w.scalar(&eof);
    w.key("bof");
    w.scalar(&bof);
    w.key("cr");
    w.scalar(&cr);
    w.key("ref");
    w.text(&c.ref_id);
    w.close(b'}');
}

/// The request's URL, written again from the last one's text when it is the same.
fn request_url(w: &mut Writer<'_>, raw: &str) {
    if let Some(last) = w.last_url.as_deref() {
        if !last.text.is_empty() && last.raw == raw {
            w.out.extend_from_slice(&last.text);
            return;
        }
    }
    let start = w.out.len();
    url(w, raw);
    let text = &w.out[start..];
    if let Some(last) = w.last_url.as_deref_mut() {
        last.raw.clear();
        last.raw.push_str(raw);
        last.text.clear();
        last.text.extend_from_slice(text);
    }
}

/// newman's URL object, as `shape::url_json` builds it.
fn url(w: &mut Writer<'_>, raw: &str) {
    w.open(b'{');
    match url::Url::parse(raw) {
        Ok(u) if u.has_host() => {
            w.key("protocol");
            w.text(u.scheme());
            let host = u.host_str().unwrap_or_default();
            w.key("host");
            w.open(b'[');
            if host.starts_with('[') {
                w.elem();
                w.text(host);
            } else {
                for part in host.split('.') {
                    w.elem();
                    w.text(part);
                }
            }
            w.close(b']');
            if let Some(port) = u.port() {
                w.key("port");
                w.text(&port.to_string());
            }
            let path = u.path().strip_prefix('/').unwrap_or(u.path());
            w.key("path");
            w.open(b'[');
            if !path.is_empty() {
                for segment in path.split('/') {
                    w.elem();
                    w.text(segment);
                }
            }
            w.close(b']');
            w.key("query");
            w.open(b'[');
            if let Some(q) = u.query().filter(|q| !q.is_empty()) {
                for pair in q.split('&') {
                    w.elem();
                    let (k, v) = match pair.split_once('=') {
                        Some((k, v)) => (k, Some(v)),
                        None => (pair, None),
                    };
                    w.open(b'{');
                    w.key("key");
                    w.text(k);
                    w.key("value");
                    w.opt_text(v);
                    w.close(b'}');
                }
            }
            w.close(b']');
            if let Some(h) = u.fragment() {
                w.key("hash");
                w.text(h);
            }
        }
        _ => {
            let u = crate::collection::Url::parse(raw);
            if let Some(p) = &u.protocol {
                w.key("protocol");
                w.text(p);
            }
            w.key("host");
            strings(w, u.host.as_deref().unwrap_or_default());
            if let Some(p) = &u.port {
                w.key("port");
                w.text(p);
            }
            w.key("path");
            strings(w, u.path.as_deref().unwrap_or_default());
            w.key("query");
            w.open(b'[');
            for q in &u.query {
                w.elem();
                w.open(b'{');
                w.key("key");
                w.opt_text(q.key.as_deref());
                w.key("value");
                w.opt_text(q.value.as_deref());
                w.close(b'}');
            }
            w.close(b']');
            if let Some(h) = &u.hash {
                w.key("hash");
                w.text(h);
            }
        }
    }
    w.key("variable");
    w.empty_array();
    w.close(b'}');
}

fn strings(w: &mut Writer<'_>, list: &[String]) {
    w.open(b'[');
    for s in list {
        w.elem();
        w.text(s);
    }
    w.close(b']');
}

/// With `own` (a sent request's own header names), the others are marked
/// `system: true`.
fn headers<'h>(
    w: &mut Writer<'_>,
    headers: impl Iterator<Item = (&'h str, &'h str)>,
    own: Option<&[String]>,
) {
    w.open(b'[');
    for (k, v) in headers {
        w.elem();
        w.open(b'{');
        w.key("key");
        w.text(k);
        w.key("value");
        let masker = w.masker;
        w.text(&shown_header(k, v, masker));
        if own.is_some_and(|own| super::shape::is_system(k, own)) {
            w.key("system");
            w.scalar(&true);
        }
        w.close(b'}');
    }
    w.close(b']');
}

fn request(w: &mut Writer<'_>, r: &HttpRequest, include_bodies: bool) {
    w.open(b'{');
    w.key("url");
    request_url(w, &r.url);
    w.key("header");
    headers(
        w,
        r.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Some(&r.own_headers),
    );
    w.key("method");
    w.text(&r.method);
    if include_bodies {
        if let Some(body) = r.body.as_deref().filter(|b| !b.is_empty()) {
            let body = w.masker.mask_bytes(body);
            w.key("body");
            w.open(b'{');
            w.key("mode");
            w.text("raw");
            w.key("raw");
            w.text(&String::from_utf8_lossy(&body));
            w.close(b'}');
        }
    }
    w.close(b'}');
}

fn item_request(w: &mut Writer<'_>, r: &crate::collection::Request, shown_url: Option<&str>) {
    w.open(b'{');
    w.key("url");
    let raw = shown_url.map_or_else(|| r.url.to_raw(), str::to_string);
    let masker = w.masker;
    request_url(w, &masker.mask(&raw));
    w.key("header");
    headers(
        w,
        r.header
            .iter()
            .filter(|h| !h.disabled)
            .map(|h| (h.key.as_str(), h.value.as_str())),
        None,
    );
    w.key("method");
    w.text(&r.method);
    w.close(b'}');
}

/// The response; returns where the body's bytes go when they are written.
fn response(w: &mut Writer<'_>, r: &HttpResponse, include_bodies: bool, id: &str) -> Option<usize> {
    w.open(b'{');
    w.key("id");
    w.text(id);
    w.key("status");
    w.text(&r.status);
    w.key("code");
    w.scalar(&r.code);
    w.key("header");
    headers(
        w,
        r.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        None,
    );
    w.key("stream");
    w.open(b'{');
    w.key("type");
    w.text("Buffer");
    w.key("data");
    let mut body_at = None;
    if include_bodies && !r.body.is_empty() {
        body_at = Some(w.out.len());
    } else {
        w.empty_array();
    }
    w.close(b'}');
    w.key("cookie");
    w.open(b'[');
    for c in &r.cookies {
        w.elem();
        w.open(b'{');
        w.key("name");
        w.text(&c.name);
        w.key("value");
        w.text(&c.value);
        if let Some(d) = &c.domain {
            w.key("domain");
            w.text(d);
        }
        if let Some(p) = &c.path {
            w.key("path");
            w.text(p);
        }
        if let Some(e) = &c.expires {
            w.key("expires");
            w.text(e);
        }
        w.key("httpOnly");
        w.scalar(&c.http_only);
        w.key("secure");
        w.scalar(&c.secure);
        w.close(b'}');
    }
    w.close(b']');
    w.key("responseTime");
    w.scalar(&r.time_ms);
    // newman's is the body's bytes (`stream.byteLength`), not the size it prints.
    w.key("responseSize");
    w.scalar(&r.body.len());
    w.close(b'}');
    body_at
}

fn assertion(w: &mut Writer<'_>, a: &AssertionResult) {
    w.open(b'{');
    w.key("assertion");
    w.text(&a.name);
    w.key("skipped");
    w.scalar(&a.skipped);
    if !a.passed && !a.skipped {
        let (name, message, stack) = match &a.error {
            Some(e) => (e.name.as_str(), e.message.as_str(), e.stack.as_deref()),
            None => ("AssertionError", "", None),
        };
        w.key("error");
        w.open(b'{');
        w.key("name");
        w.text(name);
        w.key("index");
        w.scalar(&a.index);
        w.key("test");
        w.text(&a.name);
        w.key("message");
        w.text(message);
        w.key("stack");
        match stack {
            Some(s) => w.text(s),
            None => w.text(&format!("{name}: {message}")),
        }
        if let Some(e) = &a.error {
            if let (Some(expected), Some(actual)) = (&e.expected, &e.actual) {
                for (key, v) in [("expected", expected), ("actual", actual)] {
                    let mut v = v.clone();
                    w.masker.mask_json(&mut v, false);
                    w.key(key);
                    w.value(&v);
                }
            }
        }
        w.close(b'}');
    }
    w.close(b'}');
}

fn script_error(w: &mut Writer<'_>, e: &ScriptError) {
    w.open(b'{');
    w.key("name");
    w.text(&e.name);
    w.key("message");
    w.text(&e.message);
    w.key("stack");
    match &e.stack {
        Some(s) => w.text(s),
        None => w.text(&e.to_string()),
    }
    if let Some(line) = e.line {
        w.key("line");
        w.scalar(&line);
    }
    if let Some(column) = e.column {
        w.key("column");
        w.scalar(&column);
    }
    w.close(b'}');
}

fn request_error(w: &mut Writer<'_>, e: &RequestError) {
    w.open(b'{');
    w.key("name");
    w.text("Error");
    if let Some(code) = e.code() {
        w.key("code");
        w.text(code);
    }
    w.key("message");
    w.text(&e.to_string());
    w.key("stack");
    w.text(&format!("Error: {e}"));
    w.close(b'}');
}
