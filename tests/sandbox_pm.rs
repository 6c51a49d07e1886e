//! The `pm` API as scripts use it, driven through `Sandbox::run` with a fake host.

mod support;

use postie::http::RequestError;
use postie::script::{NextRequest, ScriptKind};
use serde_json::{json, Value};
use support::sandbox::*;

/// The status checks take a short cut for real responses; anything else still
/// fails with newman's wording (checked against newman 6.2.2).
#[test]
fn status_checks_on_what_is_not_a_response_keep_newmans_message() {
    let r = test_script(
        r#"
        pm.test('plain object', function () { pm.expect({a: 1}).to.have.status(200); });
        pm.test('class of a plain object', function () { pm.expect({code: 200}).to.be.success; });
        pm.test('success', function () { pm.response.to.be.success; });
        pm.test('wrong code', function () { pm.response.to.have.status(201); });
        "#,
    );
    assert_eq!(r.error(), "");
    let messages: Vec<String> = r
        .outcome
        .assertions
        .iter()
        .map(|a| {
            a.error
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        messages,
        vec![
            "expecting a postman response object but got { a: 1 }".to_string(),
            "expecting a postman response object but got { code: 200 }".to_string(),
            String::new(),
            "expected response to have status code 201 but got 200".to_string(),
        ]
    );
}

#[test]
fn pm_test_counts_and_messages() {
    let r = test_script(
        r#"
        pm.test('status is 200', function () { pm.response.to.have.status(200); });
        pm.test('wrong status', function () { pm.response.to.have.status(404); });
        pm.test('deep equal', function () { pm.expect({a: 1}).to.eql({a: 2}); });
        pm.test('no function');
        pm.test.skip('later');
        pm.test('thrown error', function () { null.x; });
        console.log(pm.test.index());
        "#,
    );
    assert_eq!(r.error(), "");
    let a = &r.outcome.assertions;
    assert_eq!(a.len(), 6);
    assert_eq!(
        a.iter().map(|a| a.index).collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 4, 5]
    );
    assert!(a[0].passed);
    assert!(!a[1].passed);
    assert_eq!(
        a[1].error.as_ref().unwrap().message,
        "expected response to have status code 404 but got 200"
    );
    assert_eq!(a[1].error.as_ref().unwrap().name, "AssertionError");
    assert_eq!(
        a[2].error.as_ref().unwrap().message,
        "expected { a: 1 } to deeply equal { a: 2 }"
    );
    assert!(a[3].passed, "a test without a function passes");
    assert!(a[4].skipped && a[4].passed);
    assert_eq!(a[5].error.as_ref().unwrap().name, "TypeError");
    assert_eq!(r.passed(), 2);
    assert_eq!(r.failed(), 3);
    assert_eq!(r.console(), vec!["6"]);
}

/// Passed assertions reach the run without JSON: each keeps its name (as
/// `String(name)` gives it), its index and its verdict; the run lists them by
/// index, the async one (reported last) in its place.
#[test]
fn passed_assertions_keep_names_indexes_and_order() {
    let r = test_script(
        r#"
        pm.test('plain', function () {});
        pm.test('naïve — 日本語 😀 "quoted" \\ back', function () { pm.expect(1).to.eql(1); });
        pm.test('', function () {});
        pm.test(42, function () {});
        pm.test({ toString: function () { return 'made by toString'; } }, function () {});
        pm.test('async', function (done) { setTimeout(done, 0); });
        pm.test('fails', function () { pm.expect(1).to.eql(2); });
        pm.test('after the async one', function () {});
        "#,
    );
    assert_eq!(r.error(), "");
    let a = &r.outcome.assertions;
    let seen: Vec<(String, usize, bool, bool)> = a
        .iter()
        .map(|a| (a.name.clone(), a.index, a.passed, a.skipped))
        .collect();
    let row = |n: &str, i: usize, p: bool| (n.to_string(), i, p, false);
    assert_eq!(
        seen,
        vec![
            row("plain", 0, true),
            row("naïve — 日本語 😀 \"quoted\" \\ back", 1, true),
            row("", 2, true),
            row("42", 3, true),
            row("made by toString", 4, true),
            row("async", 5, true),
            row("fails", 6, false),
            row("after the async one", 7, true),
        ]
    );
    assert!(a.iter().filter(|a| a.passed).all(|a| a.error.is_none()));
}

/// A name that is not well-formed UTF-16 (a lone surrogate) is recorded as it
/// was before passed assertions skipped JSON: the run goes on and counts it.
#[test]
fn a_passed_assertion_named_with_a_lone_surrogate_is_still_recorded() {
    let r = test_script(
        r#"
        pm.test('\ud800 lone', function () {});
        pm.test('next', function () {});
        "#,
    );
    assert_eq!(r.error(), "");
    let a = &r.outcome.assertions;
    assert_eq!(a.len(), 2);
    assert_eq!(
        (a[1].name.as_str(), a[1].index, a[1].passed),
        ("next", 1, true)
    );
}

#[test]
fn assertion_failure_stack_points_into_the_script() {
    let r = test_script("pm.test('x', () => {\n  pm.expect(1).to.equal(2);\n});");
    let e = r.outcome.assertions[0].error.as_ref().unwrap();
    let stack = e.stack.as_deref().unwrap();
    assert!(
        stack.starts_with("AssertionError: expected 1 to equal 2"),
        "{stack}"
    );
    assert!(stack.contains("test-script.js:2:19"), "{stack}");
}

#[test]
fn pm_test_is_chainable_and_done_callback_works() {
    let r = test_script(
        r#"
        pm.test('a', function () {}).test('b', function () {});
        pm.test('done ok', function (done) { setTimeout(function () { done(); }, 5); });
        pm.test('done err', function (done) { setTimeout(function () { done(new Error('late failure')); }, 5); });
        pm.test('done throws sync', function (done) { throw new Error('sync'); });
        pm.test('promise ok', function () { return Promise.resolve(1); });
        pm.test('promise fails', function () {
            return new Promise(function (resolve) { setTimeout(resolve, 5); })
                .then(function () { pm.expect('x').to.equal('y'); });
        });
        pm.test('async fn', async function () {
            await null;
            pm.expect([1, 2]).to.have.lengthOf(3);
        });
        "#,
    );
    assert_eq!(r.error(), "");
    let by_name = |n: &str| {
        r.outcome
            .assertions
            .iter()
            .find(|a| a.name == n)
            .unwrap_or_else(|| panic!("no assertion {n}"))
    };
    assert!(by_name("a").passed && by_name("b").passed);
    assert!(by_name("done ok").passed);
    assert_eq!(
        by_name("done err").error.as_ref().unwrap().message,
        "late failure"
    );
    assert_eq!(
        by_name("done throws sync").error.as_ref().unwrap().message,
        "sync"
    );
    assert!(by_name("promise ok").passed);
    assert_eq!(
        by_name("promise fails").error.as_ref().unwrap().message,
        "expected 'x' to equal 'y'"
    );
    assert_eq!(
        by_name("async fn").error.as_ref().unwrap().message,
        "expected [ 1, 2 ] to have a length of 3 but got 2"
    );
    // Sorted by index whatever order they finished in.
    let idx: Vec<usize> = r.outcome.assertions.iter().map(|a| a.index).collect();
    assert_eq!(idx, (0..8).collect::<Vec<_>>());
}

#[test]
fn unfinished_async_tests_are_failures_not_lost() {
    let r = test_script(
        r#"
        pm.test('never calls done', function (done) {});
        pm.test('never settles', function () { return new Promise(function () {}); });
        "#,
    );
    assert_eq!(r.failed(), 2);
    assert!(r.messages()[0].contains("done() was not called"));
    assert!(r.messages()[1].contains("did not settle"));
}

#[test]
fn failing_assertions_in_callbacks_are_recorded() {
    let r = test_script(
        r#"
        setTimeout(function () {
            pm.test('in a timer', function () { pm.expect(pm.response.code).to.equal(201); });
        }, 10);
        Promise.resolve().then(function () {
            pm.test('in a promise', function () { pm.expect(true).to.be.false; });
        });
        pm.sendRequest('https://example.com/other', function (err, res) {
            pm.test('in sendRequest', function () { pm.expect(res.code).to.equal(500); });
        });
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(r.failed(), 3, "{:?}", r.outcome.assertions);
    let mut m = r.messages();
    m.sort();
    assert_eq!(
        m,
        vec![
            "expected 200 to equal 201",
            "expected 200 to equal 500",
            "expected true to be false"
        ]
    );
}

#[test]
fn variables_write_through_to_scopes() {
    let r = test_script(
        r#"
        pm.environment.set('token', 'abc');
        pm.environment.set('n', 42);
        pm.environment.set('obj', {a: [1, 2]});
        pm.globals.set('g2', true);
        pm.collectionVariables.set('c2', 'cv');
        pm.variables.set('local1', 'L');
        pm.iterationData.set('row2', 'd');
        pm.environment.unset('base');
        console.log(pm.variables.get('c'), pm.variables.get('g'), pm.variables.get('row'),
                    pm.variables.get('local1'), pm.environment.get('n') + 1, typeof pm.environment.get('obj'),
                    pm.environment.name, pm.environment.has('base'), pm.variables.has('g'));
        console.log(JSON.stringify(pm.environment.toObject()));
        console.log(pm.variables.replaceIn('{{c}}/{{row}}/{{missing}}'), pm.environment.replaceIn('{{token}}-{{g}}'));
        console.log(pm.environment.values.count(), pm.environment.values.map(function (v) { return v.key; }).join());
        "#,
    );
    assert_eq!(r.error(), "");
    let s = &r.scopes;
    assert_eq!(s.environment.get("token"), Some(&json!("abc")));
    assert_eq!(s.environment.get("n"), Some(&json!(42)));
    assert_eq!(s.environment.get("obj"), Some(&json!({"a": [1, 2]})));
    assert!(!s.environment.has("base"));
    assert_eq!(s.globals.get("g2"), Some(&json!(true)));
    assert_eq!(s.collection.get("c2"), Some(&json!("cv")));
    assert_eq!(s.local.get("local1"), Some(&json!("L")));
    assert_eq!(s.data.get("row2"), Some(&json!("d")));
    let c = r.console();
    assert_eq!(
        c[0],
        "env-overrides-collection global 3 L 43 object Staging false true"
    );
    assert_eq!(
        c[1],
        r#"{"c":"env-overrides-collection","token":"abc","n":42,"obj":{"a":[1,2]}}"#
    );
    assert_eq!(c[2], "env-overrides-collection/3/{{missing}} abc-{{g}}");
    assert_eq!(c[3], "4 c,token,n,obj");
}

#[test]
fn clear_and_precedence() {
    let r = test_script(
        r#"
        pm.variables.set('c', 'local wins');
        console.log(pm.variables.get('c'));
        pm.variables.unset('c');
        console.log(pm.variables.get('c'));
        pm.globals.clear();
        console.log(JSON.stringify(pm.globals.toObject()), pm.globals.get('g'));
        console.log(JSON.stringify(pm.variables.toObject()));
        "#,
    );
    assert_eq!(
        r.console(),
        vec![
            "local wins",
            "env-overrides-collection",
            "{} undefined",
            r#"{"c":"env-overrides-collection","base":"https://api.example.com","row":3}"#
        ]
    );
    assert!(r.scopes.globals.values.is_empty());
}

#[test]
fn prerequest_request_mutation_is_written_back() {
    let r = prerequest(
        r#"
        pm.request.headers.add({key: 'X-Trace', value: '1'});
        pm.request.headers.upsert({key: 'accept', value: 'text/plain'});
        pm.request.addHeader('X-Other: yes');
        pm.request.url.query.add({key: 'page', value: '2'});
        pm.request.url.query.remove('expand');
        pm.request.method = 'post';
        pm.request.body = { mode: 'raw', raw: JSON.stringify({ signed: pm.variables.replaceIn('{{base}}') }) };
        pm.request.auth = { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}' }] };
        console.log(pm.request.url.toString(), pm.request.headers.get('Accept'), pm.request.method);
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        r.console(),
        vec!["https://api.example.com/users/7?page=2 text/plain post"]
    );
    let req = &r.request;
    assert_eq!(req.method, "POST");
    let headers: Vec<(String, String)> = req
        .header
        .iter()
        .map(|h| (h.key.clone(), h.value.clone()))
        .collect();
    assert_eq!(
        headers,
        vec![
            // upsert takes the new key, as postman-collection does
            ("accept".into(), "text/plain".into()),
            ("X-Trace".into(), "1".into()),
            ("X-Other".into(), "yes".into())
        ]
    );
    assert_eq!(url_text(&req.url), "https://api.example.com/users/7?page=2");
    assert_eq!(
        req.body.as_ref().unwrap().raw.as_deref(),
        Some(r#"{"signed":"https://api.example.com"}"#)
    );
    let auth = req.auth.as_ref().unwrap();
    assert_eq!(auth.kind, "bearer");
    assert_eq!(auth.text("token"), "{{token}}");
}

#[test]
fn untouched_request_is_left_as_is() {
    let before = request();
    let r = prerequest("pm.request.url.toString(); pm.request.headers.get('accept');");
    assert_eq!(
        serde_json::to_value(&r.request).unwrap(),
        serde_json::to_value(&before).unwrap()
    );
}

#[test]
fn url_string_assignment_and_helpers() {
    let r = prerequest(
        r#"
        var u = pm.request.url;
        console.log(u.getHost(), u.getPath(), u.getQueryString(), u.getPathWithQuery(), u.getRemote(), u.protocol);
        console.log(JSON.stringify(u.query.toObject()), u.query.get('expand'), u.query.has('expand'));
        pm.request.url = 'http://localhost:3000/v2/items?x=1';
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        r.console(),
        vec![
            "api.example.com /users/7 expand=true /users/7?expand=true api.example.com https",
            r#"{"expand":"true"} true true"#
        ]
    );
    assert_eq!(
        url_text(&r.request.url),
        "http://localhost:3000/v2/items?x=1"
    );
    assert_eq!(
        r.request.url.host.as_deref(),
        Some(&["localhost".to_string()][..])
    );
    assert_eq!(r.request.url.port.as_deref(), Some("3000"));
}

#[test]
fn response_api() {
    let r = test_script(
        r#"
        var res = pm.response;
        console.log(res.code, res.status, res.reason(), res.responseTime, res.responseSize, typeof res.text());
        console.log(res.json().name, res.json().tags.length);
        console.log(res.headers.get('content-type'), res.headers.has('X-REQUEST-ID'), res.headers.has('nope'));
        console.log(JSON.stringify(res.headers.toObject()));
        console.log(res.headers.find(function (h) { return h.key.toLowerCase() === 'x-request-id'; }).value);
        console.log(res.headers.count(), res.headers.all().length, res.headers.filter(function (h) { return h.key.indexOf('X') === 0; }).length);
        var keys = []; res.headers.each(function (h) { keys.push(h.key); }); console.log(keys.join());
        console.log(res.cookies.count(), res.cookies.has('session'), JSON.stringify(res.cookies.toObject()));
        console.log(JSON.stringify(res.size()), res.__postie_type, Object.keys(res).indexOf('__postie_type'));
        console.log(JSON.stringify(res.details()));
        "#,
    );
    assert_eq!(r.error(), "");
    let body = r#"{"id":7,"name":"Ada","tags":["a","b"]}"#;
    let header_size = "HTTP/X.X 200 OK\r\n\r\n".len()
        + json_response(200, body)
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n").len())
            .sum::<usize>();
    assert_eq!(
        r.console(),
        vec![
            format!("200 OK OK 42 {} string", body.len()),
            "Ada 2".to_string(),
            "application/json; charset=utf-8 true false".to_string(),
            r#"{"content-type":"application/json; charset=utf-8","x-request-id":"abc-123"}"#
                .to_string(),
            "abc-123".to_string(),
            "2 2 1".to_string(),
            "Content-Type,X-Request-Id".to_string(),
            // As in newman: the response scripts see carries no cookies (pm.cookies has them).
            "0 false {}".to_string(),
            // The header size as postman-collection counts it: "HTTP/X.X 200 OK", the
            // headers and the CRLFs.
            format!(
                r#"{{"body":{},"header":{},"total":{}}} response -1"#,
                body.len(),
                header_size,
                body.len() + header_size
            ),
            r#"{"name":"OK","detail":"OK","code":200,"standardName":"OK"}"#.to_string(),
        ]
    );
}

#[test]
fn response_json_errors_are_clear() {
    let mut sandbox = sandbox();
    let host = FakeHost {
        responses: vec![
            Ok(json_response(200, "<html>\n<body>")),
            Ok(json_response(200, "")),
            Ok(json_response(200, "{\"a\":1,}")),
        ],
        ..Default::default()
    };
    let r = run_in(
        &mut sandbox,
        ScriptKind::Test,
        r#"
        function show(res) {
            try { res.json(); } catch (e) { console.log(e.name + ': ' + e.message); }
        }
        pm.sendRequest('http://x/1', function (e, r1) { show(r1);
          pm.sendRequest('http://x/2', function (e, r2) { show(r2);
            pm.sendRequest('http://x/3', function (e, r3) { show(r3); });
          });
        });
        "#,
        host,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        r.console(),
        vec![
            "JSONError: Unexpected token '<' at 1:1\n<html>\n^",
            "JSONError: No data, empty input at 1:1\n\n^",
            "JSONError: Trailing comma in object at 1:8\n{\"a\":1,}\n       ^",
        ]
    );
}

#[test]
fn info_and_execution() {
    let r = test_script(
        r#"
        // pm.info's properties are not enumerable, as newman's: JSON shows none.
        console.log(JSON.stringify(pm.info), [pm.info.eventName, pm.info.iteration, pm.info.iterationCount,
            pm.info.requestName, pm.info.requestId].join('|'));
        console.log(pm.execution.location.current, pm.execution.location.length);
        pm.execution.setNextRequest('Second');
        pm.execution.setNextRequest('Third');
        try { pm.execution.skipRequest(); } catch (e) { console.log(e.name + ': ' + e.message); }
        "#,
    );
    assert_eq!(
        r.console(),
        vec![
            "{} test|1|3|Get user|req-1",
            "Get user 1",
            "TypeError: pm.execution.skipRequest is not a function",
        ]
    );
    assert_eq!(r.outcome.next_request, NextRequest::Jump("Third".into()));
    assert!(!r.outcome.skip_request);
}

#[test]
fn set_next_request_null_and_legacy_alias() {
    let r = test_script("postman.setNextRequest('A'); pm.execution.setNextRequest(null);");
    assert_eq!(r.outcome.next_request, NextRequest::Stop);
    let r = test_script("pm.execution.setNextRequest(null); postman.setNextRequest('B');");
    assert_eq!(r.outcome.next_request, NextRequest::Jump("B".into()));
    let r = test_script("1;");
    assert_eq!(r.outcome.next_request, NextRequest::Continue);
}

#[test]
fn skip_request_in_prerequest() {
    let r = prerequest(
        r#"
        console.log('before');
        pm.execution.skipRequest();
        console.log('after, still synchronous');
        setTimeout(function () { console.log('never'); }, 1);
        "#,
    );
    assert!(r.outcome.skip_request);
    assert_eq!(r.error(), "");
    assert_eq!(r.console(), vec!["before", "after, still synchronous"]);
}

#[test]
fn send_request_callback_and_promise() {
    let mut sandbox = sandbox();
    let host = FakeHost {
        responses: vec![
            Ok(json_response(200, r#"{"token":"t1"}"#)),
            Ok(json_response(404, r#"{"error":"nope"}"#)),
            Err(RequestError::ConnectionRefused("127.0.0.1:9".into()).into()),
        ],
        ..Default::default()
    };
    let r = run_in(
        &mut sandbox,
        ScriptKind::PreRequest,
        r#"
        pm.sendRequest({
            url: 'https://auth.example.com/token',
            method: 'POST',
            header: { 'Content-Type': 'application/json' },
            body: { mode: 'raw', raw: JSON.stringify({ user: 'u' }) }
        }, function (err, res) {
            pm.environment.set('token', res.json().token);
            console.log(err, res.code, res.status, res.headers.get('x-request-id'));
            return pm.sendRequest('https://api.example.com/missing').then(function (res2) {
                console.log('second', res2.code, res2.status, res2.json().error);
                return pm.sendRequest('http://127.0.0.1:9/');
            }).catch(function (e) {
                console.log('third failed:', e.message);
            });
        });
        "#,
        host,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        r.console(),
        vec![
            "null 200 OK abc-123",
            "second 404 Not Found nope",
            "third failed: connect ECONNREFUSED 127.0.0.1:9"
        ]
    );
    assert_eq!(r.scopes.environment.get("token"), Some(&json!("t1")));
    let sent = &r.host.sent;
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(url_text(&sent[0].url), "https://auth.example.com/token");
    assert_eq!(sent[0].header[0].key, "Content-Type");
    assert_eq!(
        sent[0].body.as_ref().unwrap().raw.as_deref(),
        Some(r#"{"user":"u"}"#)
    );
    assert_eq!(sent[1].method, "GET");
}

#[test]
fn send_request_without_handler_rejects_as_script_error() {
    let mut sandbox = sandbox();
    let host = FakeHost {
        responses: vec![Err(RequestError::Dns("nowhere".into()).into())],
        ..Default::default()
    };
    let r = run_in(
        &mut sandbox,
        ScriptKind::Test,
        "pm.sendRequest('http://nowhere/');",
        host,
    );
    assert_eq!(r.outcome.error.as_ref().unwrap().name, "Error");
    assert!(
        r.error().contains("getaddrinfo ENOTFOUND nowhere"),
        "{}",
        r.error()
    );
}

#[test]
fn cookies_and_jar() {
    let mut sandbox = sandbox();
    let host = FakeHost {
        cookies: vec![(
            "https://api.example.com".into(),
            postie::http::CookieData {
                name: "sid".into(),
                value: "42".into(),
                ..Default::default()
            },
        )],
        ..Default::default()
    };
    let r = run_in(
        &mut sandbox,
        ScriptKind::Test,
        r#"
        console.log(pm.cookies.get('sid'), pm.cookies.has('sid'), pm.cookies.count());
        var jar = pm.cookies.jar();
        jar.set('https://api.example.com', 'theme', 'dark', function (err, cookie) {
            console.log('set', err, cookie.name, cookie.value);
            jar.get('https://api.example.com', 'theme', function (err, value) {
                console.log('get', err, value);
                jar.getAll('https://api.example.com', function (err, list) {
                    console.log('all', list.count(), JSON.stringify(list.toObject()));
                    jar.unset('https://api.example.com', 'sid', function (err) {
                        console.log('unset', err);
                        jar.clear('https://api.example.com', function () {
                            jar.getAll('https://api.example.com', function (err, list) {
                                console.log('after clear', list.count());
                            });
                        });
                    });
                });
            });
        });
        "#,
        host,
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        r.console(),
        vec![
            "42 true 1",
            "set null theme dark",
            "get null dark",
            r#"all 2 {"sid":"42","theme":"dark"}"#,
            "unset null",
            "after clear 0"
        ]
    );
}

#[test]
fn visualizer_is_safe_and_pm_require_is_absent_as_in_newman() {
    let r = test_script(
        r#"
        pm.visualizer.set('<b>{{x}}</b>', {x: 1});
        pm.visualizer.clear();
        console.log(typeof pm.require, 'require' in pm);
        pm.require('@team/utils');
        "#,
    );
    assert_eq!(
        r.error(),
        "TypeError: pm.require is not a function (line 5:12)"
    );
    assert_eq!(r.console(), vec!["undefined false"]);
}

#[test]
fn pm_response_absent_in_prerequest() {
    let r = prerequest("console.log(typeof pm.response, pm.info.eventName, typeof responseBody);");
    assert_eq!(r.console(), vec!["undefined prerequest undefined"]);
}

#[test]
fn request_assertions() {
    let r = test_script(
        r#"
        pm.test('method', function () { pm.expect(pm.request.method).to.equal('GET'); });
        pm.test('header', function () { pm.request.to.have.header('Accept'); });
        pm.test('response header', function () { pm.response.to.have.header('X-Request-Id', 'abc-123'); });
        pm.test('json body', function () { pm.response.to.be.json; pm.response.to.have.jsonBody('name', 'Ada'); });
        pm.test('ok', function () { pm.response.to.be.ok; pm.response.to.be.success; });
        "#,
    );
    assert_eq!(r.error(), "");
    assert_eq!(r.failed(), 0, "{:?}", r.outcome.assertions);
    assert_eq!(r.passed(), 5);
}

#[test]
fn json_schema_assertion() {
    let r = test_script(
        r#"
        var schema = { type: 'object', required: ['id', 'email'], properties: { id: { type: 'integer' }, name: { type: 'number' } } };
        pm.test('schema', function () { pm.response.to.have.jsonSchema(schema); });
        pm.test('first error only', function () { pm.response.to.have.jsonSchema(schema, { allErrors: false }); });
        "#,
    );
    assert_eq!(r.failed(), 2);
    // Every error, as chai-postman reports them (Ajv's allErrors), unless the options say otherwise.
    assert_eq!(
        r.messages(),
        vec![
            "expected data to satisfy schema but found following errors: \n\
             data should have required property 'email', data.name should be number",
            "expected data to satisfy schema but found following errors: \n\
             data should have required property '.email'",
        ]
    );
}

#[test]
fn values_survive_round_trip_types() {
    let r = test_script(
        r#"
        pm.environment.set('undef', undefined);
        pm.environment.set('nul', null);
        pm.environment.set('arr', [1, 'two']);
        console.log(pm.environment.get('undef'), pm.environment.get('nul'), pm.environment.get('arr')[1], pm.environment.get('nope'));
        "#,
    );
    assert_eq!(r.console(), vec!["null null two undefined"]);
    assert_eq!(r.scopes.environment.get("arr"), Some(&json!([1, "two"])));
    assert_eq!(r.scopes.environment.get("nul"), Some(&Value::Null));
}

#[test]
fn response_stream_is_a_buffer() {
    let r = test_script(
        "var s = pm.response.stream; console.log(s.length, s.toString('utf8') === pm.response.text(), s[0]);",
    );
    assert_eq!(r.error(), "");
    assert_eq!(
        r.console()[0],
        format!(
            "{} true 123",
            r#"{"id":7,"name":"Ada","tags":["a","b"]}"#.len()
        )
    );
}

#[test]
fn request_with_variables_round_trips_when_changed() {
    let mut sb = sandbox();
    let mut scopes = scopes();
    let mut request: postie::collection::Request = serde_json::from_value(json!({
        "url": "{{base}}/users/{{id}}?x={{y}}",
        "method": "POST",
        "header": [{"key": "Content-Type", "value": "application/x-www-form-urlencoded"}],
        "body": {"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "{{va}}"}]}
    }))
    .unwrap();
    let mut host = FakeHost::default();
    let info = info();
    let outcome = sb.run(postie::script::ScriptRun {
        kind: ScriptKind::PreRequest,
        source: "pm.request.body.urlencoded.add({key: 'b', value: '2'}); console.log(pm.request.url.getHost(), pm.request.url.getPath());",
        origin: "x",
        info: &info,
        scopes: &mut scopes,
        request: &mut request,
        response: None,
        host: &mut host,
    });
    assert_eq!(outcome.error, None);
    assert_eq!(outcome.console[0].text, "{{base}} /users/{{id}}");
    assert_eq!(url_text(&request.url), "{{base}}/users/{{id}}?x={{y}}");
    let body = request.body.as_ref().unwrap();
    let params: Vec<(String, Option<String>)> = body
        .urlencoded
        .iter()
        .map(|p| (p.key.clone(), p.value.clone()))
        .collect();
    assert_eq!(
        params,
        vec![
            ("a".into(), Some("{{va}}".into())),
            ("b".into(), Some("2".into()))
        ]
    );
}
