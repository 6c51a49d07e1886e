//! `pm.response` as a test script sees it: the same objects (prototypes, own
//! properties in order, their attributes and values, the header list and each
//! header, the cookie list) as `new (require('postman-collection').Response)(…)`
//! builds from the same data, and the same behaviour when the script then reads
//! or changes them, for responses with no, one and many headers.

mod support;

use postie::http::{CookieData, HttpResponse};
use postie::script::{Sandbox, ScriptInfo, ScriptKind, ScriptRun};
use serde_json::json;
use support::sandbox::*;

/// Describes a value fully: for an object, which of the SDK's prototypes it
/// has and, in `Reflect.ownKeys` order, each own property's attributes and
/// value, recursively; functions by which SDK class they are.
const DESCRIBE: &str = r#"
var sdk = require('postman-collection');
var PROTOS = [['Response', sdk.Response.prototype], ['PropertyList', sdk.PropertyList.prototype],
  ['Header', sdk.Header.prototype], ['Cookie', sdk.Cookie.prototype], ['Property', sdk.Property.prototype],
  ['Array', Array.prototype], ['Object', Object.prototype], ['null', null]];
function protoName(o) {
  var p = Object.getPrototypeOf(o);
  for (var i = 0; i < PROTOS.length; i++) if (p === PROTOS[i][1]) return PROTOS[i][0];
  return 'other';
}
function fnName(f) {
  if (f === undefined) return '-';
  for (var k in sdk) if (sdk[k] === f) return 'sdk.' + k;
  return 'function ' + f.name;
}
function val(v) {
  if (typeof v === 'function') return fnName(v);
  if (v !== null && typeof v === 'object') return describe(v);
  if (typeof v === 'number' && Object.is(v, -0)) return 'number -0';
  return typeof v + ' ' + (typeof v === 'string' ? JSON.stringify(v) : String(v));
}
function describe(o, skip) {
  var out = '<' + protoName(o) + (Object.isExtensible(o) ? '' : ' not extensible') + '>{';
  Reflect.ownKeys(o).forEach(function (k) {
    if (skip && skip.indexOf(k) !== -1) return;
    var d = Object.getOwnPropertyDescriptor(o, k);
    var flags = (d.enumerable ? 'e' : '') + (d.configurable ? 'c' : '');
    out += ' ' + String(k) + ':' + ('value' in d ? 'v' + (d.writable ? 'w' : '') + flags + '=' + val(d.value) :
      'a' + flags + ' get=' + fnName(d.get) + ' set=' + fnName(d.set)) + ';';
  });
  return out + ' }';
}
"#;

/// What a script sees of `pm.response` and what the SDK's constructor builds
/// from `DATA` (the data the sandbox hands over, in the form it had), each
/// described, then read and changed the same ways.
const COMPARE: &str = r#"
var built = new sdk.Response(DATA);
var seen = describe(pm.response, ['to']);
console.log('same ' + (seen === describe(built)));
console.log('seen ' + seen);
console.log('built ' + describe(built));
var to = Object.getOwnPropertyDescriptor(pm.response, 'to');
console.log('to ' + typeof to.get + ' ' + to.enumerable + ' ' + to.configurable + ' ' + ('value' in to));

function attempt(f) {
  try { return JSON.stringify(f()); } catch (e) { return 'threw ' + e.name + ': ' + e.message; }
}
function check(f) {
  try { f(); return 'passed'; } catch (e) { return 'failed ' + e.message; }
}
// Reads first, then changes, then reads again: each line the same for both.
function exercise(r, expect) {
  var first = r.headers.count() ? r.headers.idx(0).key : 'none';
  return [
    attempt(function () { return r.toJSON(); }),
    attempt(function () { return r.headers.toObject(); }),
    attempt(function () { return r.headers.toObject(true, true, true, true); }),
    attempt(function () { return r.headers.get(first); }),
    attempt(function () { return r.headers.get(first.toUpperCase()); }),
    attempt(function () { return r.headers.one(first); }),
    attempt(function () { return r.headers.has(first); }),
    attempt(function () { return r.headers.all().map(String); }),
    attempt(function () { return r.headers.toString(); }),
    attempt(function () { return [r.reason(), r.details(), r.size(), r.contentInfo(), r.encoding()]; }),
    attempt(function () { return [r.text(), r.json()]; }),
    attempt(function () { return r.jsonp(); }),
    attempt(function () { return r.stream.toString('hex'); }),
    attempt(function () { return r.cookies.toJSON(); }),
    check(function () { expect(r).to.have.header(first); }),
    check(function () { expect(r).to.have.header('X-Absent'); }),
    check(function () { expect(r).to.have.status(r.code); }),
    check(function () { expect(r).to.be.ok; }),
    attempt(function () {
      r.headers.add({ key: 'X-Added', value: 'a' });
      r.headers.upsert({ key: first, value: 'upserted' });
      r.headers.prepend(new sdk.Header('X-Pre: p'));
      r.headers.remove('content-type');
      r.headers.each(function (h) { h.value = h.value + '!'; });
      if (r.headers.count() > 1) r.headers.idx(1).disabled = true;
      r.cookies.add({ name: 'c', value: 'v' });
      return [r.toJSON(), r.headers.toObject(true), r.headers.count(), r.size()];
    }),
    describe(r, ['to']),
    check(function () { expect(r).to.have.header('X-Added', 'a!'); })
  ];
}
var mine = exercise(pm.response, pm.expect);
var theirs = exercise(built, pm.expect);
for (var i = 0; i < mine.length; i++) {
  console.log('use ' + i + ' ' + (mine[i] === theirs[i]) + ' ' + mine[i] + (mine[i] === theirs[i] ? '' : ' | ' + theirs[i]));
}
"#;

/// The legacy globals that derive from the response, against what they are
/// made of on a response built by the SDK's constructor.
const LEGACY: &str = r#"
var built = new sdk.Response(DATA);
var headers = {};
built.headers.each(function (h) { if (h && !h.disabled) headers[h.key] = h.value; });
console.log('responseHeaders ' + (JSON.stringify(responseHeaders) === JSON.stringify(headers)) + ' ' +
  JSON.stringify(responseHeaders) + ' ' + (Object.getPrototypeOf(responseHeaders) === Object.prototype));
console.log('responseCode ' + (JSON.stringify(responseCode) === JSON.stringify(built.details())) + ' ' +
  JSON.stringify(responseCode));
var first = built.headers.count() ? built.headers.idx(0).key : 'none';
console.log('getResponseHeader ' + (postman.getResponseHeader(first) === (built.headers.one(first) || {}).value) + ' ' +
  postman.getResponseHeader(first.toLowerCase()));
console.log('responseCookies ' + (describe(responseCookies) === describe(pm.cookies)) + ' ' + describe(responseCookies));
console.log('responseBody ' + (responseBody === built.text()) + ' responseTime ' + (responseTime === built.responseTime));
"#;

/// The data the sandbox hands a test script for `response`, as the object the
/// SDK's constructor took from it before (`{ code, status, headers: [[k, v]…],
/// time, bodySize, body, binary }`), as a JavaScript expression.
fn data_of(r: &HttpResponse) -> String {
    let headers: Vec<_> = r.headers.iter().map(|(k, v)| json!([k, v])).collect();
    let (body, binary) = match std::str::from_utf8(&r.body) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            String::from_utf8_lossy(&r.body).into_owned(),
            Some(r.body.iter().map(|&b| b as char).collect::<String>()),
        ),
    };
    let mut data = json!({
        "code": r.code,
        "status": r.status,
        "headers": headers,
        "time": r.time_ms,
        "bodySize": r.body.len(),
        "body": body,
    });
    if let Some(b) = binary {
        data["binary"] = json!(b);
    }
    data.to_string()
}

fn response(code: u16, status: &str, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
    HttpResponse {
        code,
        status: status.into(),
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: body.to_vec(),
        time_ms: 37,
        url: "https://api.example.com/users/7".into(),
        ..Default::default()
    }
}

/// Responses with no, one and many headers: odd names, the same name twice,
/// empty values, non-ASCII text, names that are `Object.prototype`'s, and
/// bodies that are JSON, not JSON, empty and not UTF-8.
fn responses() -> Vec<(&'static str, HttpResponse)> {
    let many: &[(&str, &str)] = &[
        ("Content-Type", "application/json; charset=utf-8"),
        ("Set-Cookie", "a=1; Path=/"),
        ("set-cookie", "b=2; HttpOnly"),
        ("X-Empty", ""),
        ("X-Odd_Name.1~!#$%&'*+^`|", "  spaced value  "),
        ("X-Unicode", "é ü ß \u{2028} 😀 日本"),
        ("__proto__", "proto"),
        ("constructor", "ctor"),
        ("hasOwnProperty", "own"),
        ("0", "zero"),
        ("Date", "Sun, 06 Dec 2026 05:30:00 GMT"),
        ("content-type", "text/plain"),
        ("X-Quote", "a \"quoted\" \\ value"),
    ];
    vec![
        ("no headers", response(200, "OK", &[], br#"{"id":7}"#)),
        (
            "one header",
            response(
                201,
                "",
                &[("Content-Type", "application/json")],
                r#"{"id":7,"name":"Adé 😀"}"#.as_bytes(),
            ),
        ),
        (
            "many headers",
            response(404, "Not Found Here", many, b"not json"),
        ),
        (
            "many headers, empty body, unknown code",
            response(599, "", &many[3..9], b""),
        ),
        (
            "binary body",
            response(
                200,
                "OK",
                &[("Content-Type", "application/octet-stream")],
                &[0xff, 0x00, 0x7b, 0xc3, 0x28],
            ),
        ),
        (
            "jsonp body",
            response(
                200,
                "OK",
                &[("Content-Type", "application/javascript")],
                br#"cb({"x":[1,2]});"#,
            ),
        ),
    ]
}

fn jar() -> FakeHost {
    FakeHost {
        cookies: vec![
            (
                "https://api.example.com".into(),
                CookieData {
                    name: "session".into(),
                    value: "s3cr3t".into(),
                    domain: Some("api.example.com".into()),
                    path: Some("/".into()),
                    expires: Some("Tue, 01 Jun 2027 10:00:00 GMT".into()),
                    http_only: true,
                    secure: true,
                },
            ),
            (
                "https://api.example.com".into(),
                CookieData {
                    name: "théme".into(),
                    value: "dark mode".into(),
                    ..Default::default()
                },
            ),
        ],
        ..Default::default()
    }
}

fn run(sb: &mut Sandbox, script: &str, r: Option<&HttpResponse>, host: FakeHost) -> Vec<String> {
    let mut scopes = scopes();
    let mut request = request();
    let mut host = host;
    let info: ScriptInfo = info();
    let outcome = sb.run(ScriptRun {
        kind: ScriptKind::Test,
        source: script,
        origin: &info.request_name,
        info: &info,
        scopes: &mut scopes,
        request: &mut request,
        response: r,
        host: &mut host,
    });
    assert_eq!(outcome.error, None, "{script}");
    outcome.console.iter().map(|c| c.text.clone()).collect()
}

/// The lines of `lines` that start with `prefix`.
fn lines<'a>(all: &'a [String], prefix: &str) -> Vec<&'a str> {
    all.iter()
        .map(String::as_str)
        .filter(|l| l.starts_with(prefix))
        .collect()
}

fn script(body: &str, r: &HttpResponse) -> String {
    format!("var DATA = {};\n{DESCRIBE}\n{body}", data_of(r))
}

/// Every comparison of [`COMPARE`] and [`LEGACY`] holds for every response,
/// with and without cookies in the jar, in fresh contexts and in one context
/// reused across the runs (where the SDK and its recorded shapes are kept).
#[test]
fn pm_response_is_what_the_sdk_constructor_builds_from_the_same_data() {
    let mut reused = reusing(None, 256 << 20);
    for round in 0..2 {
        for (name, r) in responses() {
            for cookies in [false, true] {
                let host = || if cookies { jar() } else { FakeHost::default() };
                let mut fresh = limited(None, 256 << 20);
                for (sb, how) in [(&mut fresh, "fresh"), (&mut reused, "reused")] {
                    let what = format!("{name}, cookies {cookies}, {how}, round {round}");
                    let out = run(sb, &script(COMPARE, &r), Some(&r), host());
                    assert_eq!(lines(&out, "same "), ["same true"], "{what}: {out:#?}");
                    assert_eq!(
                        lines(&out, "to "),
                        ["to function false true false"],
                        "{what}"
                    );
                    let uses = lines(&out, "use ");
                    assert_eq!(uses.len(), 21, "{what}: {out:#?}");
                    for u in uses {
                        assert!(u.split(' ').nth(2) == Some("true"), "{what}: {u}");
                    }
                    let out = run(sb, &script(LEGACY, &r), Some(&r), host());
                    for prefix in ["responseHeaders ", "responseCode ", "getResponseHeader "] {
                        let l = lines(&out, prefix);
                        assert_eq!(l.len(), 1, "{what}: {out:#?}");
                        assert!(l[0].starts_with(&format!("{prefix}true")), "{what}: {l:?}");
                    }
                    assert_eq!(
                        lines(&out, "responseBody "),
                        ["responseBody true responseTime true"],
                        "{what}"
                    );
                }
            }
        }
    }
}

/// After a request that failed, a test script sees the empty response the
/// SDK's constructor makes from nothing.
#[test]
fn without_a_response_pm_response_is_the_empty_one() {
    let mut reused = reusing(None, 256 << 20);
    for _ in 0..2 {
        let with = run(
            &mut reused,
            &script(COMPARE, &responses()[2].1),
            Some(&responses()[2].1),
            jar(),
        );
        assert_eq!(lines(&with, "same "), ["same true"]);
        let body = format!(
            "{DESCRIBE}\nconsole.log('empty ' + (describe(pm.response, ['to']) === describe(new sdk.Response())) + ' ' + \
             describe(pm.response, ['to']) + ' ' + JSON.stringify(responseHeaders) + ' ' + JSON.stringify(responseCode));"
        );
        let out = run(&mut reused, &body, None, jar());
        assert_eq!(
            lines(&out, "empty "),
            [
                "empty true <Response>{ __postie_type:v=string \"response\"; _body:vwc=string \"\"; \
                 _binary:vwc=undefined undefined; id:vwec=undefined undefined; status:vwec=undefined undefined; \
                 code:vwec=undefined undefined; headers:vwec=<PropertyList>{ Type:vwc=sdk.Header; \
                 _postman_listIndexKey:vwc=string \"key\"; _postman_listIndexCaseInsensitive:vwc=boolean true; \
                 _postman_listAllowsMultipleValues:vwc=boolean true; members:vwec=<Array>{ length:vw=number 0; }; }; \
                 cookies:vwec=<PropertyList>{ Type:vwc=sdk.Cookie; _postman_listIndexKey:vwc=string \"name\"; \
                 _postman_listIndexCaseInsensitive:vwc=boolean true; _postman_listAllowsMultipleValues:vwc=boolean true; \
                 members:vwec=<Array>{ length:vw=number 0; }; }; responseTime:vwec=undefined undefined; \
                 responseSize:vwec=number 0; } {} {\"name\":\"\",\"detail\":\"\",\"standardName\":\"\"}"
            ]
        );
    }
}

/// What [`DESCRIBE`] gave for `pm.response` with the code before the
/// response was built by the host, for the "many headers" response: pins the
/// description itself, so a change to the SDK's constructor shows too.
#[test]
fn pm_response_is_described_as_before() {
    let r = &responses()[3].1;
    let body = format!("{DESCRIBE}\nconsole.log(describe(pm.response, ['to']));");
    for sb in [&mut limited(None, 256 << 20), &mut reusing(None, 256 << 20)] {
        for _ in 0..2 {
            let out = run(sb, &body, Some(r), jar());
            assert_eq!(out, [DESCRIBED_BEFORE]);
        }
    }
}

const DESCRIBED_BEFORE: &str =
    "<Response>{ __postie_type:v=string \"response\"; _body:vwc=string \"\"; \
     _binary:vwc=undefined undefined; id:vwec=undefined undefined; status:vwec=string \"\"; \
     code:vwec=number 599; headers:vwec=<PropertyList>{ Type:vwc=sdk.Header; \
     _postman_listIndexKey:vwc=string \"key\"; \
     _postman_listIndexCaseInsensitive:vwc=boolean true; \
     _postman_listAllowsMultipleValues:vwc=boolean true; \
     members:vwec=<Array>{ 0:vwec=<Header>{ key:vwec=string \"X-Empty\"; \
     value:vwec=string \"\"; }; 1:vwec=<Header>{ key:vwec=string \"X-Odd_Name.1~!#$%&'*+^`|\"; \
     value:vwec=string \"  spaced value  \"; }; \
     2:vwec=<Header>{ key:vwec=string \"X-Unicode\"; \
     value:vwec=string \"é ü ß \u{2028} 😀 日本\"; }; \
     3:vwec=<Header>{ key:vwec=string \"__proto__\"; value:vwec=string \"proto\"; }; \
     4:vwec=<Header>{ key:vwec=string \"constructor\"; value:vwec=string \"ctor\"; }; \
     5:vwec=<Header>{ key:vwec=string \"hasOwnProperty\"; value:vwec=string \"own\"; }; \
     length:vw=number 6; }; }; cookies:vwec=<PropertyList>{ Type:vwc=sdk.Cookie; \
     _postman_listIndexKey:vwc=string \"name\"; \
     _postman_listIndexCaseInsensitive:vwc=boolean true; \
     _postman_listAllowsMultipleValues:vwc=boolean true; \
     members:vwec=<Array>{ length:vw=number 0; }; }; responseTime:vwec=number 37; \
     responseSize:vwec=number 0; }";

/// A script that replaced `Response.prototype` with something `new` does not
/// use gets what the constructor makes then (an object of `Object.prototype`).
#[test]
fn a_response_prototype_replaced_before_the_first_read_is_as_the_constructor_leaves_it() {
    let r = &responses()[2].1;
    let body = "var saved = sdk.Response.prototype;\n\
         sdk.Response.prototype = null;\n\
         var seen = describe(pm.response, ['to']);\n\
         var built = describe(new sdk.Response(DATA));\n\
         sdk.Response.prototype = saved;\n\
         console.log('same ' + (seen === built) + ' ' + (Object.getPrototypeOf(pm.response) === Object.prototype) + \
         ' ' + pm.response.headers.get('X-Empty') + '|' + pm.response.headers.count());";
    let out = run(
        &mut limited(None, 256 << 20),
        &script(body, r),
        Some(r),
        jar(),
    );
    assert_eq!(lines(&out, "same "), ["same true true |13"]);
}
