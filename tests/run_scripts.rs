//! Scripts in a run: the order Postman runs them in, what they capture into the
//! environment, `setNextRequest` jumps, `skipRequest`, pre-request changes to the
//! request, and failures that exit 1.

mod support;

use serde_json::{json, Value};
use support::server::{Reply, TestServer};

fn script(listen: &str, lines: &[&str]) -> Value {
    json!({"listen": listen, "script": {"type": "text/javascript", "exec": lines}})
}

fn run(doc: Value, server: &TestServer, extra: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let ran = support::run::against(dir.path(), &doc, &server.base, extra);
    (ran.code, ran.stdout)
}

#[test]
fn scripts_run_collection_then_folder_then_request_around_the_send() {
    let server = TestServer::start(|r| Reply::json(200, json!({"seen": r.target}))).expect(1);
    let doc = json!({
        "info": {"name": "order"},
        "event": [script("prerequest", &["console.log('pre collection')"]), script("test", &["console.log('test collection')"])],
        "item": [{"name": "F", "event": [script("prerequest", &["console.log('pre folder')"]), script("test", &["console.log('test folder')"])],
            "item": [{"name": "R", "request": {"method": "GET", "url": "{{base}}/r"},
                "event": [script("prerequest", &["console.log('pre request')"]), script("test", &["console.log('test request')"])]}]}]
    });
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let order: Vec<&str> = [
        "pre collection",
        "pre folder",
        "pre request",
        "test collection",
        "test folder",
        "test request",
    ]
    .into_iter()
    .collect();
    let positions: Vec<usize> = order
        .iter()
        .map(|s| {
            stdout
                .find(s)
                .unwrap_or_else(|| panic!("{s} missing:\n{stdout}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{stdout}");
}

#[test]
fn pre_request_changes_are_sent_and_captures_flow_into_later_requests() {
    let server = TestServer::start(|r| match r.path() {
        "/login" => Reply::json(200, json!({"token": "tok-123"})),
        _ => Reply::json(200, json!({})),
    })
    .expect(2);
    let doc = json!({"info": {"name": "capture"}, "item": [
        {"name": "login", "request": {"method": "POST", "url": "{{base}}/login"},
         "event": [script("test", &["pm.environment.set('token', pm.response.json().token);"])]},
        {"name": "use", "request": {"method": "GET", "url": "{{base}}/use", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]}},
         "event": [script("prerequest", &[
            "pm.request.headers.add({key: 'X-Signed', value: 'sig-' + pm.environment.get('token')});",
            "pm.request.url.query.add('extra=1');"
         ])]}
    ]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let r = &server.requests()[1];
    assert_eq!(r.header("authorization"), Some("Bearer tok-123"));
    assert_eq!(r.header("x-signed"), Some("sig-tok-123"));
    assert_eq!(r.query(), "extra=1");
}

#[test]
fn set_next_request_jumps_and_null_ends_the_iteration() {
    let server = TestServer::start(|r| Reply::json(200, json!({"at": r.path()}))).expect(4);
    let doc = json!({"info": {"name": "flow"}, "item": [
        {"name": "first", "request": "{{base}}/first", "event": [script("test", &[
            "const n = (pm.environment.get('n') || 0) + 1; pm.environment.set('n', n);",
            "if (n < 3) { postman.setNextRequest('first'); } else { pm.execution.setNextRequest('third'); }"
        ])]},
        {"name": "second", "request": "{{base}}/second"},
        {"name": "third", "request": "{{base}}/third", "event": [script("test", &["pm.execution.setNextRequest(null);"])]},
        {"name": "fourth", "request": "{{base}}/fourth"}
    ]});
    let (code, stdout) = run(doc, &server, &["-n", "1"]);
    assert_eq!(code, 0, "{stdout}");
    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    assert_eq!(paths, vec!["/first", "/first", "/first", "/third"]);
}

#[test]
fn skip_request_sends_nothing_and_runs_no_tests() {
    let server = TestServer::start(|_| Reply::json(200, json!({}))).expect(1);
    let doc = json!({"info": {"name": "skip"}, "item": [
        {"name": "skipped", "request": "{{base}}/skipped", "event": [
            script("prerequest", &["pm.execution.skipRequest();"]),
            script("test", &["pm.test('never', () => { throw new Error('ran'); });"])
        ]},
        {"name": "sent", "request": "{{base}}/sent"}
    ]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    assert_eq!(paths, vec!["/sent"]);
}

#[test]
fn failures_in_async_code_and_infinite_loops_are_reported_and_exit_1() {
    let server = TestServer::start(|_| Reply::json(404, json!({}))).expect(3);
    let doc = json!({"info": {"name": "fail"}, "item": [
        {"name": "async", "request": "{{base}}/a", "event": [script("test", &[
            "setTimeout(() => { pm.test('later', () => pm.response.to.have.status(200)); }, 10);"
        ])]},
        {"name": "loop", "request": "{{base}}/b", "event": [script("test", &["while (true) {}"])]},
        {"name": "after", "request": "{{base}}/c", "event": [script("test", &["pm.test('still runs', () => {});"])]}
    ]});
    let (code, stdout) = run(doc, &server, &["--timeout-script", "300"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("expected response to have status code 200 but got 404"),
        "{stdout}"
    );
    assert!(stdout.contains("still runs"), "{stdout}");
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn helpers_on_prototypes_carry_over_unless_scripts_are_isolated() {
    let server = TestServer::start(|_| Reply::json(200, json!({}))).expect(4);
    let doc = json!({"info": {"name": "helpers"},
    "event": [script("prerequest", &["if (pm.info.requestName === 'define') { Object.prototype.greet = function () { return 'hi'; }; }"])],
    "item": [
        {"name": "define", "request": "{{base}}/a"},
        {"name": "use", "request": "{{base}}/b", "event": [script("test", &["pm.test('helper is there', () => pm.expect(({}).greet()).to.equal('hi'));"])]}
    ]});
    let (code, stdout) = run(doc.clone(), &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("✓  helper is there"), "{stdout}");
    let (code, stdout) = run(doc, &server, &["--isolate-scripts"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("TypeError  helper is there"),
        "a fresh context has no helper: {stdout}"
    );
}

#[test]
fn execution_location_names_collection_folders_and_request() {
    let server = TestServer::start(|_| Reply::json(200, json!({}))).expect(1);
    let doc = json!({"info": {"name": "Coll"},
        "event": [script("test", &["console.log('at ' + pm.execution.location.join(' > ') + ' in ' + pm.execution.location.current)"])],
        "item": [{"name": "Folder", "item": [{"name": "Req", "request": "{{base}}/x"}]}]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("at Coll > Folder > Req in Coll"),
        "{stdout}"
    );
}

#[test]
fn json_schema_failures_read_like_postmans_ajv() {
    let server = TestServer::start(|_| Reply::json(200, json!({"id": 5}))).expect(1);
    let doc = json!({"info": {"name": "schema"}, "item": [{"name": "r", "request": "{{base}}/x", "event": [script("test", &[
        "pm.test('shape', () => pm.response.to.have.jsonSchema({type: 'object', required: ['name'], properties: {id: {type: 'string'}}}));",
        "pm.test('tv4', () => pm.expect(tv4.validate(pm.response.json(), {properties: {id: {type: 'number'}}})).to.be.true);"
    ])]}]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("expected data to satisfy schema but found following errors:"),
        "{stdout}"
    );
    assert!(
        stdout.contains("data should have required property 'name'"),
        "{stdout}"
    );
    assert!(stdout.contains("✓  tv4"), "{stdout}");
}

#[test]
fn each_test_script_reads_its_own_request_response_and_cookies() {
    // Items of one run, one after the other in the same script context: each
    // test script sees the request it sent, its response's headers, and the
    // cookies the jar holds by then (none before the first `Set-Cookie`).
    let server = TestServer::start(|r| match r.path() {
        "/login" => Reply::json(200, json!({"who": "login"}))
            .header("Set-Cookie", "session=s1; Path=/")
            .header("X-Step", "login"),
        _ => Reply::json(200, json!({"who": "other"})).header("X-Step", r.path()),
    })
    .expect(3);
    // The test's name carries what the script saw (the CLI prints names whole).
    let test = script(
        "test",
        &["pm.test(['seen', pm.info.requestName, pm.request.url.getPath(), pm.request.headers.get('X-Item'),",
          "  pm.response.headers.get('X-Step'), pm.response.json().who, pm.cookies.count(),",
          "  String(pm.cookies.get('session'))].join(' '), function () {});"],
    );
    let item = |name: &str, path: &str| {
        json!({"name": name, "request": {"method": "GET", "url": format!("{{{{base}}}}{path}"),
            "header": [{"key": "X-Item", "value": name}]}})
    };
    let doc = json!({"info": {"name": "own data"}, "event": [test],
        "item": [item("first", "/first"), item("login", "/login"), item("third", "/third")]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let seen: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.find("seen ").map(|i| &l[i + 5..]))
        .collect();
    // The response that sets the cookie is in the jar before its own test script runs.
    assert_eq!(
        seen,
        [
            "first /first first /first other 0 undefined",
            "login /login login login login 1 s1",
            "third /third third /third other 1 s1",
        ],
        "{stdout}"
    );
}
