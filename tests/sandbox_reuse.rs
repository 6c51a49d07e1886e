//! One context reused across runs (`Sandbox::reuse_context`): same results as
//! fresh contexts, newman's sharing of prototypes and modules, and recovery
//! after a run that broke its context.

mod support;

use postie::script::{Sandbox, SandboxOptions, ScriptInfo, ScriptKind, ScriptOutcome, ScriptRun};
use support::sandbox::*;

const SCRIPTS: &[(ScriptKind, &str)] = &[
    (
        ScriptKind::PreRequest,
        "pm.request.headers.add({key: 'X-A', value: '1'}); pm.environment.set('p', 1); console.log('pre', pm.info.eventName);",
    ),
    (
        ScriptKind::Test,
        "pm.test('status', function () { pm.response.to.have.status(200); }); pm.test('bad', function () { pm.expect(1).to.equal(2); });",
    ),
    (
        ScriptKind::Test,
        "tests['legacy'] = responseCode.code === 200; console.log({a: [1, 2]}, typeof _ );",
    ),
    (
        ScriptKind::Test,
        "setTimeout(function () { pm.test('late', function () {}); }, 2); pm.execution.setNextRequest('x');",
    ),
    (ScriptKind::Test, "throw new Error('boom');"),
    (
        ScriptKind::PreRequest,
        "pm.execution.skipRequest(); console.log(typeof tests, typeof pm.response);",
    ),
    (
        ScriptKind::Test,
        "console.log(typeof leaked, typeof tests, JSON.stringify(pm.variables.toObject()));",
    ),
];

fn strip(o: &ScriptOutcome) -> ScriptOutcome {
    let mut o = o.clone();
    for a in &mut o.assertions {
        if let Some(e) = &mut a.error {
            e.stack = None;
        }
    }
    if let Some(e) = &mut o.error {
        e.stack = None;
    }
    o
}

#[test]
fn same_results_as_fresh_contexts() {
    let mut fresh = Sandbox::new(SandboxOptions::default());
    let mut reused = reusing(None, 256 << 20);
    for round in 0..3 {
        for (kind, src) in SCRIPTS {
            let a = run_in(&mut fresh, *kind, src, FakeHost::default());
            let b = run_in(&mut reused, *kind, src, FakeHost::default());
            assert_eq!(strip(&a.outcome), strip(&b.outcome), "round {round}: {src}");
            assert_eq!(a.scopes, b.scopes, "{src}");
            assert_eq!(
                serde_json::to_value(&a.request).unwrap(),
                serde_json::to_value(&b.request).unwrap()
            );
        }
    }
}

#[test]
fn globals_go_but_prototypes_and_modules_stay_like_newman() {
    let mut sb = reusing(None, 256 << 20);
    let r = test_in(&mut sb, "leaked = 1; globalThis.JSON = null; Object.prototype.helper = function () { return 'shared'; };\
         require('lodash').fromEarlier = 'kept';");
    assert_eq!(r.error(), "");
    let r = test_in(&mut sb, "console.log(typeof leaked, typeof JSON.parse, ({}).helper(), require('lodash').fromEarlier);");
    assert_eq!(r.console(), vec!["undefined function shared kept"]);
}

#[test]
fn a_timed_out_context_is_replaced() {
    let mut sb = reusing(Some(100), 64 << 20);
    let r = test_in(&mut sb, "Object.prototype.mark = 1; while (true) {}");
    assert_eq!(r.outcome.error.as_ref().unwrap().name, "TimeoutError");
    let r = test_in(
        &mut sb,
        "pm.test('fresh', function () { pm.expect(({}).mark).to.be.undefined; });",
    );
    assert_eq!(r.error(), "");
    assert_eq!(r.passed(), 1);
}

#[test]
fn memory_stays_bounded_over_many_runs() {
    let mut sb = reusing(Some(10_000), 24 << 20);
    for i in 0..400 {
        let r = test_in(
            &mut sb,
            "var rows = []; for (var i = 0; i < 3000; i++) rows.push({ i: i, s: 'row' + i });\
             var c = {}; c.self = c; holder = rows;\
             pm.test('t', function () { pm.expect(rows).to.have.lengthOf(3000); });",
        );
        assert_eq!(r.error(), "", "run {i}");
    }
    let r = test_in(
        &mut sb,
        "var a = []; while (true) a.push(new Array(100000).fill(1));",
    );
    assert_eq!(r.outcome.error.as_ref().unwrap().name, "MemoryError");
    let r = test_in(&mut sb, "pm.test('ok', function () {});");
    assert_eq!(r.passed(), 1);
}

/// Runs a test script with its own response and request name.
fn run_with(sb: &mut Sandbox, source: &str, body: &str, name: &str) -> ScriptOutcome {
    let info = ScriptInfo {
        request_name: name.into(),
        ..info()
    };
    let response = json_response(200, body);
    run_as(
        sb,
        ScriptKind::Test,
        source,
        &info,
        &response,
        FakeHost::default(),
    )
    .outcome
}

#[test]
fn objects_made_once_per_context_carry_nothing_to_the_next_run() {
    let mut sb = reusing(None, 256 << 20);
    let r = test_in(&mut sb, "pm.extra = 1; pm.environment.extra = 2; pm.globals.extra = 3; pm.visualizer.extra = 4;\
         postman.extra = 5; tests['kept'] = true; console.log = function () {}; setTimeout = null;\
         var seen = [responseCode.code, _.VERSION, environment, request.url, CryptoJS.SHA1('a').toString()];");
    assert_eq!(r.error(), "");
    for kind in [ScriptKind::PreRequest, ScriptKind::Test] {
        let r = run_in(
            &mut sb,
            kind,
            "console.log(typeof pm.extra, typeof pm.environment.extra, typeof pm.globals.extra,\
             typeof pm.visualizer.extra, typeof postman.extra, typeof tests.kept, typeof setTimeout,\
             typeof responseBody, pm.info.eventName);",
            FakeHost::default(),
        );
        let body = if kind == ScriptKind::Test {
            "string test"
        } else {
            "undefined prerequest"
        };
        // Deprecation warnings for the legacy globals come first.
        assert_eq!(
            r.console().last().cloned().unwrap_or_default(),
            format!("undefined undefined undefined undefined undefined undefined function {body}")
        );
    }
}

#[test]
fn each_run_reads_its_own_response_and_request_data() {
    let mut sb = reusing(None, 256 << 20);
    let script =
        "console.log(pm.info.requestName, responseBody, pm.response.json().v, responseCode.code,\
                  typeof responseHeaders, request.name, pm.response.text());";
    let first = run_with(&mut sb, script, r#"{"v":"one"}"#, "first");
    let second = run_with(&mut sb, script, r#"{"v":"two"}"#, "second");
    let line = |o: &ScriptOutcome| o.console.last().map(|c| c.text.clone()).unwrap_or_default();
    assert_eq!(first.error, None);
    assert_eq!(
        line(&first),
        r#"first {"v":"one"} one 200 object first {"v":"one"}"#
    );
    assert_eq!(
        line(&second),
        r#"second {"v":"two"} two 200 object second {"v":"two"}"#
    );
    // The same source, compiled once, still sees each run's data and keeps no local state.
    let counter =
        "var n = (typeof n === 'number' ? n : 0) + 1; console.log(n, pm.info.requestName);";
    let a = run_with(&mut sb, counter, "{}", "a");
    let b = run_with(&mut sb, counter, "{}", "b");
    assert_eq!(line(&a), "1 a");
    assert_eq!(line(&b), "1 b");
}

#[test]
fn globals_changed_after_runs_of_each_kind_are_put_back() {
    let mut sb = reusing(None, 256 << 20);
    // Runs of both kinds, legacy and not, first leave the globals as they were,
    // so the after-run check has seen each order of the global object's keys.
    let quiet = [
        (ScriptKind::PreRequest, "var a = 1;"),
        (ScriptKind::Test, "var b = tests;"),
        (ScriptKind::Test, "'use sandbox2'; var c = 1;"),
        (ScriptKind::PreRequest, "var d = 1;"),
    ];
    let changes = [
        "Math = null;",
        "delete globalThis.Math;",
        "Object.prototype.Math = Math; delete globalThis.Math; leakedA = 1;",
        "globalThis.JSON = { parse: null }; leakedB = 1;",
        "Object.defineProperty(globalThis, 'Date', { get: function () { return null; }, configurable: true });",
        "delete globalThis.tests; leakedC = 1;",
    ];
    for change in changes {
        for (kind, src) in quiet {
            let r = run_in(&mut sb, kind, src, FakeHost::default());
            assert_eq!(r.error(), "", "{src}");
        }
        for (kind, _) in quiet {
            let r = run_in(&mut sb, kind, change, FakeHost::default());
            assert_eq!(r.error(), "", "{change}");
            let r = test_in(
                &mut sb,
                "console.log(typeof Math.max, typeof JSON.parse, typeof Date.now, typeof leakedA,\
                 typeof leakedB, typeof leakedC, typeof tests);",
            );
            assert_eq!(
                r.console().last().cloned().unwrap_or_default(),
                "function function function undefined undefined undefined object",
                "after {change}"
            );
        }
    }
}

/// The last line a test script's run printed.
fn last_line(sb: &mut Sandbox, source: &str) -> String {
    test_in(sb, source)
        .console()
        .last()
        .cloned()
        .unwrap_or_default()
}

/// Runs each change in a test script of its own, after a run that changed
/// nothing; `probe` run after it must print `expected` again.
fn assert_each_change_put_back(sb: &mut Sandbox, changes: &[&str], probe: &str, expected: &str) {
    for change in changes {
        let r = test_in(sb, "var quiet = 1;");
        assert_eq!(r.error(), "");
        let r = test_in(sb, change);
        assert_eq!(r.error(), "", "{change}");
        assert_eq!(last_line(sb, probe), expected, "after {change}");
    }
}

#[test]
fn a_method_replaced_on_an_object_made_once_is_put_back() {
    let mut sb = reusing(None, 256 << 20);
    let changes = [
        "console.log = function () {};",
        "postman.getEnvironmentVariable = function () { return 'replaced'; };",
        "pm.visualizer.set = 'replaced';",
        "pm.globals.get = function () { return 'replaced'; };",
    ];
    let probe =
        "console.log(String(postman.getEnvironmentVariable('none')), typeof pm.visualizer.set,\
         String(pm.globals.get('none')));";
    assert_each_change_put_back(&mut sb, &changes, probe, "undefined function undefined");
}

#[test]
fn keys_reordered_or_added_as_symbols_are_put_back() {
    let mut sb = reusing(None, 256 << 20);
    let probe = "console.log(Object.keys(console).indexOf('log'), Object.keys(postman).join(),\
         typeof globalThis[Symbol.for('leak')], typeof pm.globals[Symbol.for('leak')]);";
    let before = last_line(&mut sb, probe);
    assert!(before.ends_with(" undefined undefined"), "{before}");
    let changes = [
        "var f = console.log; delete console.log; console.log = f;",
        "var g = postman.setNextRequest; delete postman.setNextRequest; postman.setNextRequest = g;",
        "globalThis[Symbol.for('leak')] = 1;",
        "pm.globals[Symbol.for('leak')] = 1;",
    ];
    assert_each_change_put_back(&mut sb, &changes, probe, &before);
}

#[test]
fn objects_made_once_changed_by_any_means_or_given_a_new_prototype_are_put_back() {
    // The legacy `postman` object is checked only after a run that went
    // through its proxy: every kind of reach must count, not only a set.
    let mut sb = reusing(None, 256 << 20);
    let probe =
        "console.log(typeof postman.extra, typeof postman.inherited, typeof console.inherited,\
         typeof pm.globals.inherited, Object.keys(postman).length);";
    let before = last_line(&mut sb, probe);
    assert!(
        before.starts_with("undefined undefined undefined undefined "),
        "{before}"
    );
    let changes = [
        "Object.defineProperty(postman, 'extra', { value: 1, configurable: true });",
        "Reflect.defineProperty(postman, 'extra', { value: 1, enumerable: true });",
        "Object.setPrototypeOf(postman, { inherited: 1 });",
        "Object.setPrototypeOf(console, { inherited: 1 });",
        "Object.setPrototypeOf(pm.globals, { inherited: 1 });",
        "delete postman.setGlobalVariable;",
    ];
    assert_each_change_put_back(&mut sb, &changes, probe, &before);
}

/// A test script's run after a request that failed: no response.
fn run_without_response(sb: &mut Sandbox, source: &str) -> ScriptOutcome {
    let mut scopes = scopes();
    let mut request = request();
    let info = info();
    sb.run(ScriptRun {
        kind: ScriptKind::Test,
        source,
        origin: &info.request_name,
        info: &info,
        scopes: &mut scopes,
        request: &mut request,
        response: None,
        host: &mut FakeHost::default(),
    })
}

#[test]
fn the_response_read_on_first_use_is_each_runs_own() {
    let mut sb = reusing(None, 256 << 20);
    let script = "console.log(typeof pm.response.code, typeof responseBody, String(responseTime),\
         responseCode.code, pm.cookies.count());";
    let line = |o: &ScriptOutcome| o.console.last().map(|c| c.text.clone()).unwrap_or_default();
    for _ in 0..2 {
        let host = FakeHost {
            cookies: vec![(
                "https://api.example.com".into(),
                postie::http::CookieData {
                    name: "session".into(),
                    value: "s".into(),
                    ..Default::default()
                },
            )],
            ..Default::default()
        };
        let response = json_response(200, r#"{"v":1}"#);
        let with = run_as(&mut sb, ScriptKind::Test, script, &info(), &response, host).outcome;
        assert_eq!(with.error, None);
        assert_eq!(line(&with), "number string 42 200 1");
        let without = run_without_response(&mut sb, script);
        assert_eq!(without.error, None);
        assert_eq!(line(&without), "undefined undefined NaN undefined 0");
    }
}

/// What a script sees of the attributes of pm's, pm.info's, pm.execution's and
/// the legacy globals' properties, defined afresh on every run.
const DESCRIPTORS: &str = r#"
function d(o, k) {
  var x = Object.getOwnPropertyDescriptor(o, k);
  if (!x) return k + ':-';
  return k + ':' + ('value' in x ? 'v' + (x.writable ? 'w' : '') : (x.get ? 'g' : '') + (x.set ? 's' : '')) +
    (x.enumerable ? 'e' : '') + (x.configurable ? 'c' : '');
}
function all(o) { return Object.getOwnPropertyNames(o).map(function (k) { return d(o, k); }).join(' '); }
console.log('pm ' + all(pm) + ' ext ' + Object.isExtensible(pm));
console.log('info ' + all(pm.info) + ' ' + JSON.stringify(pm.info, Object.getOwnPropertyNames(pm.info)) + ' ext ' + Object.isExtensible(pm.info));
console.log('execution ' + all(pm.execution) + ' ' + pm.execution.location.current + ' ext ' + Object.isExtensible(pm.execution));
console.log('globals ' + ['tests', 'globals', 'environment', 'data', 'request', 'iteration', 'responseCookies',
  'responseHeaders', 'responseTime', 'responseCode', 'responseBody', 'postman', '_', 'CryptoJS', 'tv4',
  'xml2Json', 'atob', 'btoa', 'cheerio'].map(function (k) { return d(globalThis, k); }).join(' '));
console.log('environment ' + all(pm.environment) + ' ' + pm.environment.name + ' ' +
  (Object.getPrototypeOf(pm.environment) === Object.getPrototypeOf(pm.globals)) + ' location ' +
  all(pm.execution.location) + ' ' + JSON.stringify(pm.execution.location));
"#;

#[test]
fn pm_and_the_legacy_globals_keep_their_attributes_from_run_to_run() {
    let mut sb = reusing(None, 256 << 20);
    let info = r#"{"eventName":"EVENT","iteration":1,"iterationCount":3,"requestName":"Get user","requestId":"req-1"}"#;
    let pm = |response: &str| {
        format!("pm info:v globals:v environment:v collectionVariables:v variables:v iterationData:v request:g \
         {response}cookies:g visualizer:v sendRequest:v execution:v test:vwec ext true")
    };
    let pre = vec![
        pm(""),
        format!("info eventName:v iteration:v iterationCount:v requestName:v requestId:v {} ext true", info.replace("EVENT", "prerequest")),
        "execution skipRequest:vwec location:vwec setNextRequest:vwec Get user ext true".to_string(),
        "globals tests:vwec globals:gsec environment:gsec data:gsec request:gsec iteration:vwec responseCookies:- \
         responseHeaders:- responseTime:- responseCode:- responseBody:- postman:vwec _:gsec CryptoJS:gsec tv4:gsec \
         xml2Json:gsec atob:vwec btoa:vwec cheerio:gsec"
            .to_string(),
        r#"environment _kind:v _write:v name:ve Staging true location 0:vwec length:vw current:v ["Get user"]"#
            .to_string(),
    ];
    let test = vec![
        pm("response:g "),
        format!("info eventName:v iteration:v iterationCount:v requestName:v requestId:v {} ext true", info.replace("EVENT", "test")),
        pre[2].clone(),
        "globals tests:vwec globals:gsec environment:gsec data:gsec request:gsec iteration:vwec responseCookies:gsec \
         responseHeaders:gsec responseTime:vwec responseCode:gsec responseBody:vwec postman:vwec _:gsec \
         CryptoJS:gsec tv4:gsec xml2Json:gsec atob:vwec btoa:vwec cheerio:gsec"
            .to_string(),
        pre[4].clone(),
    ];
    // Runs in between read the lazy globals (which then become plain values)
    // or have none (sandbox2), so the next run defines them over other attributes.
    let between = [
        "var seen = [_, environment, globals, request, tests, typeof responseCode === 'object' && responseCode];",
        "'use sandbox2'; var quiet = 1;",
        "pm.response; pm.request; pm.cookies;",
    ];
    for step in between {
        for (kind, expected) in [(ScriptKind::PreRequest, &pre), (ScriptKind::Test, &test)] {
            let r = run_in(&mut sb, kind, step, FakeHost::default());
            assert_eq!(r.error(), "", "{step}");
            let r = run_in(&mut sb, kind, DESCRIPTORS, FakeHost::default());
            assert_eq!(r.error(), "");
            let lines = r.console();
            assert_eq!(&lines[lines.len() - 5..], &expected[..], "after {step}");
        }
    }
}

/// What a script sees of the SDK's response and its lists, made afresh on
/// every run.
const RESPONSE_SHAPE: &str = r#"
function d(o, k) {
  var x = Object.getOwnPropertyDescriptor(o, k);
  var v = 'value' in x ? (typeof x.value === 'object' && x.value !== null ? '{' + Object.keys(x.value).length + '}'
    : typeof x.value === 'function' ? 'f' : JSON.stringify(x.value)) : '';
  return k + ':' + ('value' in x ? 'v' + (x.writable ? 'w' : '') : (x.get ? 'g' : '') + (x.set ? 's' : '')) +
    (x.enumerable ? 'e' : '') + (x.configurable ? 'c' : '') + '=' + v;
}
function all(o) {
  return Object.getOwnPropertyNames(o).map(function (k) { return d(o, k); }).join(' ') + ' ext ' + Object.isExtensible(o);
}
var sdk = require('postman-collection');
console.log('response ' + all(pm.response));
console.log('headers ' + all(pm.response.headers) + ' ' + JSON.stringify(pm.response.headers.toObject()));
console.log('cookies ' + all(pm.response.cookies) + ' ' + pm.response.cookies.count());
console.log('body ' + pm.response.text() + ' ' + pm.response.code + ' ' + pm.response.responseSize);
var made = new sdk.Response({ code: 404, header: [{ key: 'A', value: 'b' }], body: 'xy', responseTime: 3 });
console.log('made ' + all(made) + ' ' + made.headers.get('a') + ' ' + made.reason());
console.log('empty ' + all(new sdk.Response()));
console.log('list ' + all(new sdk.HeaderList(null, [{ key: 'K', value: 'v' }])));
console.log('to ' + d(pm.response, 'to') + ' ' + typeof Object.getOwnPropertyDescriptor(pm.response, 'to').get);
"#;

/// What [`RESPONSE_SHAPE`] printed with the code before the SDK's objects were
/// defined by the host, for a body `BODY` of `SIZE` bytes.
const RESPONSE_SHAPE_SEEN: &str = r#"response __postie_type:v="response" _body:vwc=BODY _binary:vwc=undefined id:vwec=undefined status:vwec="OK" code:vwec=200 headers:vwec={1} cookies:vwec={1} responseTime:vwec=42 responseSize:vwec=SIZE to:gc= ext true
headers Type:vwc=f _postman_listIndexKey:vwc="key" _postman_listIndexCaseInsensitive:vwc=true _postman_listAllowsMultipleValues:vwc=true members:vwec={2} ext true {"content-type":"application/json; charset=utf-8","x-request-id":"abc-123"}
cookies Type:vwc=f _postman_listIndexKey:vwc="name" _postman_listIndexCaseInsensitive:vwc=true _postman_listAllowsMultipleValues:vwc=true members:vwec={0} ext true 0
body TEXT 200 SIZE
made __postie_type:v="response" _body:vwc="xy" _binary:vwc=undefined id:vwec=undefined status:vwec="Not Found" code:vwec=404 headers:vwec={1} cookies:vwec={1} responseTime:vwec=3 responseSize:vwec=2 ext true b Not Found
empty __postie_type:v="response" _body:vwc="" _binary:vwc=undefined id:vwec=undefined status:vwec=undefined code:vwec=undefined headers:vwec={1} cookies:vwec={1} responseTime:vwec=undefined responseSize:vwec=0 ext true
list Type:vwc=f _postman_listIndexKey:vwc="key" _postman_listIndexCaseInsensitive:vwc=true _postman_listAllowsMultipleValues:vwc=true members:vwec={1} ext true
to to:gc= function"#;

#[test]
fn the_sdk_response_and_lists_keep_their_shape_after_the_globals_are_put_back() {
    let mut sb = reusing(None, 256 << 20);
    for (i, body) in [r#"{"v":1}"#, r#"{"v":22}"#, r#"{"v":333}"#]
        .iter()
        .enumerate()
    {
        let response = json_response(200, body);
        let ran = run_as(
            &mut sb,
            ScriptKind::Test,
            RESPONSE_SHAPE,
            &info(),
            &response,
            FakeHost::default(),
        );
        assert_eq!(ran.outcome.error, None);
        let seen = ran
            .outcome
            .console
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let expected = RESPONSE_SHAPE_SEEN
            .replace("BODY", &serde_json::to_string(body).unwrap())
            .replace("TEXT", body)
            .replace("SIZE", &body.len().to_string());
        assert_eq!(seen, expected, "run {i}");
        if i == 0 {
            // A fixed global changed: the next run puts the globals back and
            // makes the objects kept per context again.
            let changed = test_in(&mut sb, "Math = 5;");
            assert_eq!(changed.outcome.error, None);
        }
    }
}

#[test]
fn fixed_globals_replaced_made_undefined_or_deleted_are_put_back() {
    let mut sb = reusing(None, 256 << 20);
    let probe = "console.log(typeof require, typeof parseInt, typeof setTimeout, typeof console,\
         String(isNaN), typeof escape);";
    let before = last_line(&mut sb, probe);
    assert!(
        before.starts_with("function function function object function"),
        "{before}"
    );
    let changes = [
        "require = null;",
        "parseInt = undefined;",
        "delete globalThis.setTimeout;",
        "globalThis.console = Object.assign({}, console);",
        "isNaN = function isNaN() { return false; };",
        "Object.defineProperty(globalThis, 'escape', { value: escape, writable: false });\
         delete globalThis.parseInt; globalThis.parseInt = parseFloat;",
    ];
    for change in changes {
        for kind in [ScriptKind::PreRequest, ScriptKind::Test] {
            let r = run_in(&mut sb, kind, "var quiet = 1;", FakeHost::default());
            assert_eq!(r.error(), "");
            let r = run_in(&mut sb, kind, change, FakeHost::default());
            assert_eq!(r.error(), "", "{change}");
            assert_eq!(last_line(&mut sb, probe), before, "after {change}");
            assert_eq!(
                last_line(&mut sb, "console.log(parseInt('12px'), isNaN('x'));"),
                "12 true",
                "after {change}"
            );
        }
    }
}

#[test]
fn a_script_run_again_and_another_after_it_each_run_their_own_code() {
    let mut sb = reusing(None, 256 << 20);
    let a = "console.log('a', typeof pm.response);";
    let b = "console.log('b', typeof pm.response);";
    let expected = [
        (a, "a object"),
        (a, "a object"),
        (b, "b object"),
        (a, "a object"),
        (b, "b object"),
        (b, "b object"),
    ];
    for (source, printed) in expected {
        assert_eq!(last_line(&mut sb, source), printed, "{source}");
    }
    // The same source as the other kind of script: compiled for its own file.
    let where_ = "console.log(new Error('here').stack);";
    for kind in [
        ScriptKind::Test,
        ScriptKind::Test,
        ScriptKind::PreRequest,
        ScriptKind::PreRequest,
        ScriptKind::Test,
    ] {
        let r = run_in(&mut sb, kind, where_, FakeHost::default());
        let line = r.console().last().cloned().unwrap_or_default();
        let file = match kind {
            ScriptKind::PreRequest => "prerequest-script.js",
            ScriptKind::Test => "test-script.js",
        };
        assert!(line.contains(file), "{kind:?}: {line}");
        let other = match kind {
            ScriptKind::PreRequest => "test-script.js",
            ScriptKind::Test => "prerequest-script.js",
        };
        assert!(!line.contains(other), "{kind:?}: {line}");
    }
    // A prefix of the last source, and the last source with more after it.
    let longer = "console.log('a'); console.log('b');";
    let shorter = "console.log('a');";
    for (source, printed) in [(longer, "b"), (shorter, "a"), (longer, "b")] {
        assert_eq!(last_line(&mut sb, source), printed, "{source}");
    }
}

/// A pre-request script's request is written back only when the script
/// changed it: reading it leaves the request as the collection had it (its URL
/// still the text it was written as), in reused contexts too, whatever the run
/// before did.
#[test]
fn a_pre_request_script_that_only_reads_the_request_leaves_it_as_written() {
    let original = serde_json::to_value(request()).unwrap();
    let mut fresh = Sandbox::new(SandboxOptions::default());
    let mut reused = reusing(None, 256 << 20);
    for sb in [&mut fresh, &mut reused] {
        for _ in 0..2 {
            let read = run_in(
                sb,
                ScriptKind::PreRequest,
                "console.log(pm.request.url.toString(), pm.request.headers.count());",
                FakeHost::default(),
            );
            assert_eq!(
                read.console(),
                vec!["https://api.example.com/users/7?expand=true 1"]
            );
            assert_eq!(serde_json::to_value(&read.request).unwrap(), original);
            let changed = run_in(
                sb,
                ScriptKind::PreRequest,
                "pm.request.headers.add({key: 'X-A', value: '1'});",
                FakeHost::default(),
            );
            assert_ne!(serde_json::to_value(&changed.request).unwrap(), original);
            assert!(
                changed
                    .request
                    .header
                    .iter()
                    .any(|h| h.key == "X-A" && h.value == "1"),
                "{:?}",
                changed.request.header
            );
        }
    }
}
