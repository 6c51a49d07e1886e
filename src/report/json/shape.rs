//! The shapes of newman's JSON report: each part of `run` and of an execution
//! as a JSON value. Writing them out as a stream is the reporter's job; an
//! execution is usually written straight to text by `entry.rs`, which must give
//! the bytes this file's value would.

use crate::collection::exported::{exported_item, RunRecord};
use crate::collection::Item;
use crate::http::{HttpRequest, HttpResponse, RequestError};
use crate::interrupt::Cause;
use crate::output::{Masker, MASK};
use crate::report::item_ids::ItemIds;
use crate::report::shown_header;
use crate::runner::events::{Cursor, Execution, Failure, Summary};
use crate::runner::stats::{Count, Stats};
use crate::script::{AssertionResult, ScriptError, ScriptKind};
use crate::vars::VariableScope;
use serde_json::{json, Map, Value};

/// A request item as failures name it.
#[derive(Debug, Clone)]
pub(super) struct ItemInfo {
    /// Its place among the collection's request items, in order.
    pub at: usize,
    pub id: Option<String>,
    pub name: String,
    /// The folder right above it: id and name.
    pub parent: Option<(Option<String>, String)>,
}

/// One request of an execution: the item's own (each round trip of its auth
/// handshake too), or one its scripts sent with `pm.sendRequest`.
pub(super) struct Exchange<'e> {
    pub request: Option<&'e HttpRequest>,
    pub response: Option<&'e HttpResponse>,
    pub error: Option<&'e RequestError>,
    /// A round trip of the auth's handshake before the item's last request.
    pub round_trip: bool,
}

/// The requests of an execution in the order they were made, one report entry
/// each: newman adds an entry to `run.executions` for every request, those of
/// `pm.sendRequest` and of an auth handshake included. (newman's entries of one
/// item are one shared object, so all show the last request made; here each
/// shows its own.)
pub(super) fn exchanges<'e>(e: &'e Execution<'_>) -> Vec<Exchange<'e>> {
    let own = Exchange {
        request: e.request.as_ref(),
        response: e.response.as_ref(),
        error: e.request_error.as_ref(),
        round_trip: false,
    };
    if e.sent.is_empty() && e.handshake.is_empty() {
        return vec![own];
    }
    let sent = |kind: ScriptKind| {
        e.sent
            .iter()
            .filter(move |s| s.kind == kind)
            .map(|s| Exchange {
                request: Some(&s.request),
                response: s.response.as_ref(),
                error: s.error.as_ref(),
                round_trip: false,
            })
    };
    let mut out: Vec<Exchange<'e>> = sent(ScriptKind::PreRequest).collect();
    out.extend(e.handshake.iter().map(|h| Exchange {
        request: Some(&h.request),
        response: Some(&h.response),
        error: None,
        round_trip: true,
    }));
    if e.request_sent() {
        out.push(own);
    }
    out.extend(sent(ScriptKind::Test));
    out
}

/// One execution entry: cursor, item, the request and response of `x` (the
/// response's body left empty, for the writer to stream), assertions, script
/// results, request error.
/// The response gets `response_id` as its `id`.
pub(super) fn execution_json(
    e: &Execution<'_>,
    x: &Exchange<'_>,
    include_bodies: bool,
    ids: &ItemIds,
    masker: &Masker,
    response_id: &str,
    ran: Ran,
) -> Value {
    let mut m = Map::new();
    m.insert("cursor".into(), cursor_json(&e.cursor));
    let (item, id) = item_json(e, ids, masker, ran);
    m.insert("item".into(), item);
    let request = match x.request {
        Some(r) => request_json(r, include_bodies, masker),
        None => e
            .item
            .request
            .as_ref()
            .map(|r| item_request_json(r, e.shown_url.as_deref(), masker))
            .unwrap_or(Value::Null),
    };
    m.insert("request".into(), request);
    if let Some(resp) = x.response {
        m.insert("response".into(), response_json(resp, masker, response_id));
    }
    m.insert("id".into(), Value::String(id));
    // newman leaves the list out when there is none.
    if !e.assertions.is_empty() {
        m.insert(
            "assertions".into(),
            Value::Array(e.assertions.iter().map(assertion_json).collect()),
        );
    }
    for (kind, key) in [
        (ScriptKind::PreRequest, "prerequestScript"),
        (ScriptKind::Test, "testScript"),
    ] {
        let records: Vec<Value> = e
            .scripts
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| match &s.error {
                // postie adds where the script was (collection, folder or request),
                // which `merge-reports` needs to write JUnit.
                Some(err) => json!({ "error": script_error_json(err), "origin": s.origin }),
                None => json!({}),
            })
            .collect();
        if !records.is_empty() {
            m.insert(key.into(), Value::Array(records));
        }
    }
    if let Some(err) = x.error {
        m.insert("requestError".into(), request_error_json(err));
    }
    if e.skipped {
        m.insert("skipped".into(), Value::Bool(true));
    }
    // So a reader of the report (`merge-reports` writing JUnit) can tell the
    // handshake's round trips from the execution they belong to.
    if x.round_trip {
        m.insert("handshake".into(), Value::Bool(true));
    }
    // With `--retry`: how many times the request was sent.
    if let Some(n) = e.attempts {
        m.insert("attempts".into(), Value::from(n));
    }
    Value::Object(m)
}

/// What an entry shows of the run in its item, as newman's SDK writes the item
/// at the end of the run: the item's id, and whether its own scripts of each
/// event (`prerequest`, `test`) have run (they carry a `_lastExecutionId`).
pub(super) struct EntryRecord<'a> {
    pub ids: &'a ItemIds,
    pub ran: Ran,
}

/// Whether an item's own `prerequest` and `test` scripts have run.
pub(super) type Ran = [bool; 2];

/// What one execution ran of its item's events: a script of one event runs
/// with that event's scripts of the item, its folders and the collection.
pub(super) fn ran_in(e: &Execution<'_>) -> Ran {
    let mut ran = [false; 2];
    for s in &e.scripts {
        ran[matches!(s.kind, ScriptKind::Test) as usize] = true;
    }
    ran
}

impl RunRecord for EntryRecord<'_> {
    fn collection_id(&self) -> String {
        // An item's text never holds the collection's id.
        String::new()
    }
    fn item_id(&self, item: &Item, parents: &[&Item]) -> String {
        self.ids.of(item, parents)
    }
    fn ran(&self, _owner: Option<(&Item, &[&Item])>, listen: &str) -> bool {
        match listen {
            "prerequest" => self.ran[0],
            "test" => self.ran[1],
            _ => false,
        }
    }
}

/// The execution's item as an entry holds it (masked, numbers too), and its
/// id: as the SDK writes it (`toJSON()`), which newman's report shows.
pub(super) fn item_json(
    e: &Execution<'_>,
    ids: &ItemIds,
    masker: &Masker,
    ran: Ran,
) -> (Value, String) {
    let id = ids.of(e.item, &e.parents);
    let mut item = exported_item(e.item, &e.parents, &EntryRecord { ids, ran });
    masker.mask_json(&mut item, true);
    (item, id)
}

/// The parts of `run` only known at the end: stats, timings, transfers,
/// failures and the run's error.
pub(super) fn run_tail_json(s: &Summary, failures: Vec<Value>) -> Value {
    let mut run_tail = Map::new();
    run_tail.insert("stats".into(), stats_json(&s.stats));
    run_tail.insert(
        "timings".into(),
        json!({
            "responseAverage": num(s.timings.average()),
            "responseMin": num(s.timings.min_ms),
            "responseMax": num(s.timings.max_ms),
            "responseSd": num(s.timings.std_dev()),
            "dnsAverage": 0, "dnsMin": 0, "dnsMax": 0, "dnsSd": 0,
            "firstByteAverage": 0, "firstByteMin": 0, "firstByteMax": 0, "firstByteSd": 0,
            "started": s.timings.started,
            "completed": s.timings.completed,
        }),
    );
    run_tail.insert(
        "transfers".into(),
        json!({ "responseTotal": s.response_total }),
    );
    run_tail.insert("failures".into(), Value::Array(failures));
    run_tail.insert(
        "error".into(),
        match (&s.error, s.interrupted) {
            // Interrupted runs are marked: `interrupted`, and the signal when there was one.
            (Some(e), Some(Cause::Signal(signal))) => json!({
                "name": "InterruptedError", "message": e, "interrupted": true, "signal": signal.name()
            }),
            (Some(e), Some(Cause::Deadline(_))) => {
                json!({ "name": "TimeoutError", "message": e, "interrupted": true })
            }
            (Some(e), None) => json!({ "name": "Error", "message": e }),
            (None, _) => Value::Null,
        },
    );
    Value::Object(run_tail)
}

/// One of `run.failures`, with the item it comes from when it is known.
/// `source` is the item as the SDK writes it, when the item is known.
pub(super) fn failure_json(f: &Failure, info: Option<&ItemInfo>, source: Option<Value>) -> Value {
    let mut error = Map::new();
    error.insert("name".into(), json!(f.name));
    if let Some(i) = f.index {
        error.insert("index".into(), json!(i));
    }
    if let Some(t) = &f.test {
        error.insert("test".into(), json!(t));
    }
    error.insert("message".into(), json!(f.message));
    error.insert(
        "stack".into(),
        json!(f
            .stack
            .clone()
            .unwrap_or_else(|| format!("{}: {}", f.name, f.message))),
    );
    let mut m = Map::new();
    m.insert("error".into(), Value::Object(error));
    m.insert("at".into(), json!(f.at));
    let source = match (source, info) {
        (Some(item), _) => item,
        (None, Some(i)) => {
            json!({ "id": i.id.clone().unwrap_or_else(|| f.item_id.clone()), "name": i.name })
        }
        (None, None) => json!({ "id": f.item_id, "name": f.source }),
    };
    m.insert("source".into(), source);
    if let Some((id, name)) = info.and_then(|i| i.parent.clone()) {
        m.insert("parent".into(), json!({ "id": id, "name": name }));
    }
    m.insert("cursor".into(), cursor_json(&f.cursor));
    Value::Object(m)
}

/// A float as JSON, written as an integer when it is one (`35`, not `35.0`).
fn num(v: f64) -> Value {
    if !v.is_finite() {
        return json!(0);
    }
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// A cursor's `empty`, `eof`, `bof` and `cr`, as postman-runtime's cursor
/// gives them for the item it is on: `eof` only for an empty run (the cursor
/// passes the end only after the last item), `cr` on the first item of every
/// iteration after the first.
pub(super) fn cursor_flags(c: &Cursor) -> [bool; 4] {
    let empty = c.length == 0;
    [
        empty,
        empty,
        empty || (c.position == 0 && c.iteration == 0),
        empty || (c.position == 0 && c.iteration > 0),
    ]
}

fn cursor_json(c: &Cursor) -> Value {
    let [empty, eof, bof, cr] = cursor_flags(c);
    json!({
        "position": c.position,
        "iteration": c.iteration,
        "length": c.length,
        "cycles": c.iterations,
        "empty": empty,
        "eof": eof,
        "bof": bof,
        "cr": cr,
        "ref": c.ref_id,
    })
}

fn count_json(c: &Count) -> Value {
    json!({ "total": c.total, "pending": c.pending, "failed": c.failed })
}

fn stats_json(s: &Stats) -> Value {
    json!({
        "iterations": count_json(&s.iterations),
        "items": count_json(&s.items),
        "scripts": count_json(&s.scripts),
        "prerequests": count_json(&s.prerequests),
        "requests": count_json(&s.requests),
        "tests": count_json(&s.tests),
        "assertions": count_json(&s.assertions),
        "testScripts": count_json(&s.test_scripts),
        "prerequestScripts": count_json(&s.prerequest_scripts),
    })
}

/// newman's `{id, name, values: [{key, value, type, enabled}]}`; values typed
/// `secret` are masked whatever the masker knows.
pub(super) fn scope_json(scope: &VariableScope) -> Value {
    let values: Vec<Value> = scope
        .values
        .iter()
        .map(|v| {
            let secret = v.kind.as_deref() == Some("secret");
            json!({
                "key": v.name().unwrap_or_default(),
                "value": if secret { json!(MASK) } else { v.value.clone() },
                "type": v.kind.clone().unwrap_or_else(|| "any".into()),
                "enabled": v.is_enabled(),
            })
        })
        .collect();
    let mut m = Map::new();
    if let Some(id) = &scope.id {
        m.insert("id".into(), json!(id));
    }
    m.insert("name".into(), json!(scope.name));
    m.insert("values".into(), Value::Array(values));
    Value::Object(m)
}

/// newman's URL object: `{protocol, host: [], port?, path: [], query: [{key, value}],
/// hash?, variable: []}`. Credentials in the URL are left out.
fn url_json(raw: &str) -> Value {
    let mut m = Map::new();
    let mut query = Vec::new();
    match url::Url::parse(raw) {
        Ok(u) if u.has_host() => {
            m.insert("protocol".into(), json!(u.scheme()));
            let host = u.host_str().unwrap_or_default();
            let host: Vec<&str> = if host.starts_with('[') {
                vec![host]
            } else {
                host.split('.').collect()
            };
            m.insert("host".into(), json!(host));
            if let Some(port) = u.port() {
                m.insert("port".into(), json!(port.to_string()));
            }
            let path = u.path().strip_prefix('/').unwrap_or(u.path());
            let path: Vec<&str> = if path.is_empty() {
                Vec::new()
            } else {
                path.split('/').collect()
            };
            m.insert("path".into(), json!(path));
            if let Some(q) = u.query().filter(|q| !q.is_empty()) {
                query = q
                    .split('&')
                    .map(|pair| match pair.split_once('=') {
                        Some((k, v)) => json!({ "key": k, "value": v }),
                        None => json!({ "key": pair, "value": null }),
                    })
                    .collect();
            }
            m.insert("query".into(), Value::Array(query));
            if let Some(h) = u.fragment() {
                m.insert("hash".into(), json!(h));
            }
        }
        _ => {
            // Not a valid absolute URL (an unresolved `{{base}}`, a typo): split it
            // the lenient way Postman stores URLs.
            let u = crate::collection::Url::parse(raw);
            if let Some(p) = &u.protocol {
                m.insert("protocol".into(), json!(p));
            }
            m.insert("host".into(), json!(u.host.unwrap_or_default()));
            if let Some(p) = &u.port {
                m.insert("port".into(), json!(p));
            }
            m.insert("path".into(), json!(u.path.unwrap_or_default()));
            query = u
                .query
                .iter()
                .map(|q| json!({ "key": q.key, "value": q.value }))
                .collect();
            m.insert("query".into(), Value::Array(query));
            if let Some(h) = &u.hash {
                m.insert("hash".into(), json!(h));
            }
        }
    }
    m.insert("variable".into(), json!([]));
    Value::Object(m)
}

/// Headers as `{key, value}`; with `own` (a sent request's own header
/// names), the others marked `system: true`, as newman marks them.
fn headers_json(headers: &[(String, String)], masker: &Masker, own: Option<&[String]>) -> Value {
    Value::Array(
        headers
            .iter()
            .map(|(k, v)| {
                let mut h = json!({ "key": k, "value": shown_header(k, v, masker) });
                if own.is_some_and(|own| is_system(k, own)) {
                    h["system"] = Value::Bool(true);
                }
                h
            })
            .collect(),
    )
}

/// Whether a sent header was added for the request rather than set by it.
pub(super) fn is_system(name: &str, own: &[String]) -> bool {
    !own.iter().any(|o| o.eq_ignore_ascii_case(name))
}

fn request_json(r: &HttpRequest, include_bodies: bool, masker: &Masker) -> Value {
    let mut m = Map::new();
    m.insert("url".into(), url_json(&r.url));
    m.insert(
        "header".into(),
        headers_json(&r.headers, masker, Some(&r.own_headers)),
    );
    m.insert("method".into(), json!(r.method));
    if include_bodies {
        if let Some(body) = r.body.as_deref().filter(|b| !b.is_empty()) {
            let body = masker.mask_bytes(body);
            m.insert(
                "body".into(),
                json!({ "mode": "raw", "raw": String::from_utf8_lossy(&body) }),
            );
        }
    }
    Value::Object(m)
}

/// The item's own request, for executions where nothing was built or sent, under
/// its resolved URL when the run got that far.
fn item_request_json(
    r: &crate::collection::Request,
    shown_url: Option<&str>,
    masker: &Masker,
) -> Value {
    let headers: Vec<(String, String)> = r
        .header
        .iter()
        .filter(|h| !h.disabled)
        .map(|h| (h.key.clone(), h.value.clone()))
        .collect();
    let mut m = Map::new();
    let url = shown_url.map_or_else(|| r.url.to_raw(), str::to_string);
    m.insert("url".into(), url_json(&masker.mask(&url)));
    m.insert("header".into(), headers_json(&headers, masker, None));
    m.insert("method".into(), json!(r.method));
    Value::Object(m)
}

/// The response, with `stream.data` empty: the body is written separately.
fn response_json(r: &HttpResponse, masker: &Masker, id: &str) -> Value {
    let cookies: Vec<Value> = r
        .cookies
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("name".into(), json!(c.name));
            m.insert("value".into(), json!(c.value));
            if let Some(d) = &c.domain {
                m.insert("domain".into(), json!(d));
            }
            if let Some(p) = &c.path {
                m.insert("path".into(), json!(p));
            }
            if let Some(e) = &c.expires {
                m.insert("expires".into(), json!(e));
            }
            m.insert("httpOnly".into(), json!(c.http_only));
            m.insert("secure".into(), json!(c.secure));
            Value::Object(m)
        })
        .collect();
    json!({
        "id": id,
        "status": r.status,
        "code": r.code,
        "header": headers_json(&r.headers, masker, None),
        "stream": { "type": "Buffer", "data": [] },
        "cookie": cookies,
        "responseTime": r.time_ms,
        "responseSize": r.body.len(),
    })
}

fn assertion_json(a: &AssertionResult) -> Value {
    let mut m = Map::new();
    m.insert("assertion".into(), json!(a.name));
    m.insert("skipped".into(), json!(a.skipped));
    if !a.passed && !a.skipped {
        let (name, message, stack) = match &a.error {
            Some(e) => (e.name.clone(), e.message.clone(), e.stack.clone()),
            None => ("AssertionError".to_string(), String::new(), None),
        };
        let stack = stack.unwrap_or_else(|| format!("{name}: {message}"));
        let mut error = json!({
            "name": name,
            "index": a.index,
            "test": a.name,
            "message": message,
            "stack": stack,
        });
        // postie adds what a failed comparison expected and got, so reports
        // made from this one (`merge-reports`) can show the diff.
        if let Some(e) = &a.error {
            if let (Some(expected), Some(actual)) = (&e.expected, &e.actual) {
                error["expected"] = expected.clone();
                error["actual"] = actual.clone();
            }
        }
        m.insert("error".into(), error);
    }
    Value::Object(m)
}

fn script_error_json(e: &ScriptError) -> Value {
    let mut v = json!({
        "name": e.name,
        "message": e.message,
        "stack": e.stack.clone().unwrap_or_else(|| e.to_string()),
    });
    // postie adds where in the script it happened.
    if let Some(line) = e.line {
        v["line"] = json!(line);
    }
    if let Some(column) = e.column {
        v["column"] = json!(column);
    }
    v
}

fn request_error_json(e: &RequestError) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!("Error"));
    if let Some(code) = e.code() {
        m.insert("code".into(), json!(code));
    }
    m.insert("message".into(), json!(e.to_string()));
    m.insert("stack".into(), json!(format!("Error: {e}")));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_like_newman() {
        assert_eq!(
            url_json("http://user:pw@localhost:8080/a/b/?x=1&y#frag"),
            json!({"protocol": "http", "host": ["localhost"], "port": "8080", "path": ["a", "b", ""],
                   "query": [{"key": "x", "value": "1"}, {"key": "y", "value": null}],
                   "hash": "frag", "variable": []})
        );
        assert_eq!(
            url_json("https://example.com"),
            json!({"protocol": "https", "host": ["example", "com"], "path": [], "query": [], "variable": []})
        );
        assert_eq!(
            url_json("{{base}}/users?id=1"),
            json!({"host": ["{{base}}"], "path": ["users"], "query": [{"key": "id", "value": "1"}], "variable": []})
        );
        assert_eq!(url_json("http://[::1]:3000/")["host"], json!(["[::1]"]));
    }
}
