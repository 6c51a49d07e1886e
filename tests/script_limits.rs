//! Hostile scripts meet the sandbox's limits through the real binary: input
//! nested too deep for a recursive walk, native work too large or too long,
//! records that would outgrow `--script-memory-limit`, the natives kept out of
//! reach, and `pm.sendRequest` waiting on a server that never answers. Each
//! ends as that script's clear error; postie neither aborts nor hangs, and the
//! next request still runs.

mod support;

use serde_json::{json, Value};
use std::time::Duration;
use support::postie;
use support::server::{Reply, TestServer};

fn script(listen: &str, lines: &[&str]) -> Value {
    json!({"listen": listen, "script": {"type": "text/javascript", "exec": lines}})
}

/// A request to `path` with a test script, then a plain request to `/after`
/// that shows the run went on.
fn collection(path: &str, test: &[&str]) -> Value {
    json!({"info": {"name": "limits"}, "item": [
        {"name": "hostile", "request": {"method": "GET", "url": format!("{{{{base}}}}{path}")},
         "event": [script("test", test)]},
        {"name": "after", "request": {"method": "GET", "url": "{{base}}/after"}}
    ]})
}

/// Runs the collection; the exit code (`None`: killed by a signal) and all output.
fn run(doc: Value, server: &TestServer, extra: &[&str]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.json");
    std::fs::write(&p, doc.to_string()).unwrap();
    let out = postie()
        .arg("run")
        .arg(&p)
        .args(["--env-var", &format!("base={}", server.base)])
        .args(extra)
        // Only a guard against a hang: a run that is still going after this is a failure.
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

fn went_on(server: &TestServer, text: &str) {
    assert!(
        server.requests().iter().any(|r| r.path() == "/after"),
        "the request after the script did not run:\n{text}"
    );
}

fn deep_xml(depth: usize) -> String {
    format!("{}x{}", "<a>".repeat(depth), "</a>".repeat(depth))
}

#[test]
fn xml_nested_sixty_thousand_deep_is_a_script_error_not_an_abort() {
    let server = TestServer::start(|r| match r.path() {
        "/after" => Reply::json(200, json!({})),
        _ => Reply::bytes(200, "application/xml", deep_xml(60_000).into_bytes()),
    })
    .expect(2);
    let doc = collection(
        "/deep.xml",
        &[
            "require('xml2js').parseString(responseBody, function (err, result) {",
            "  pm.test('xml2js says why', function () { if (err) throw err; });",
            "});",
            "var tree = xml2Json(responseBody);",
        ],
    );
    let (code, text) = run(doc, &server, &[]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.matches("nested deeper than 512 levels").count() >= 2,
        "both the callback and xml2Json should say why:\n{text}"
    );
    went_on(&server, &text);
}

#[test]
fn deep_values_in_console_output_and_variables_are_script_errors() {
    let server = TestServer::start(|_| Reply::json(200, json!({}))).expect(2);
    let doc = collection(
        "/deep",
        &[
            "var deep = {}; var at = deep;",
            "for (var i = 0; i < 100000; i++) { at.a = {}; at = at.a; }",
            "pm.test('inspect', function () { require('util').inspect(deep, { depth: Infinity }); });",
            "pm.test('set', function () { pm.environment.set('v', JSON.parse('['.repeat(300) + ']'.repeat(300))); });",
        ],
    );
    let (code, text) = run(doc, &server, &[]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("nested deeper than 256 levels"), "{text}");
    went_on(&server, &text);
}

#[test]
fn pbkdf2_with_a_huge_key_size_is_a_script_error() {
    let server = TestServer::start(|_| Reply::json(200, json!({}))).expect(2);
    let doc = collection(
        "/kdf",
        &[
            "pm.test('1e12', function () { CryptoJS.PBKDF2('p', 's', { keySize: 1e12 }); });",
            "pm.test('Infinity', function () { CryptoJS.PBKDF2('p', 's', { keySize: Infinity }); });",
            "pm.test('iterations', function () { CryptoJS.PBKDF2('p', 's', { keySize: 4, iterations: Infinity }); });",
            "pm.test('small', function () { pm.expect(CryptoJS.PBKDF2('p', 's', { keySize: 4 }).toString()).to.have.length(32); });",
        ],
    );
    let (code, text) = run(doc, &server, &[]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(
            "PBKDF2: a key of 4000000000000 bytes is more than the script memory limit allows"
        ),
        "{text}"
    );
    assert!(text.contains("PBKDF2: a key of Infinity bytes"), "{text}");
    assert!(
        text.contains("PBKDF2: Infinity iterations is not a usable count"),
        "{text}"
    );
    assert!(
        text.contains("✓  small") || text.contains("✔  small"),
        "{text}"
    );
    went_on(&server, &text);
}

#[test]
fn long_pbkdf2_ends_at_the_script_deadline_and_at_the_run_deadline() {
    let server = TestServer::start(|_| Reply::json(200, json!({}))).expect(2);
    let doc = collection(
        "/kdf",
        &["CryptoJS.PBKDF2('p', 's', { keySize: 8, iterations: 1e9 });"],
    );
    let (code, text) = run(doc, &server, &["--timeout-script", "300"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("script execution timed out after 300 ms"),
        "{text}"
    );
    went_on(&server, &text);

    let server = TestServer::start(|_| Reply::json(200, json!({})));
    let doc = collection(
        "/kdf",
        &["CryptoJS.PBKDF2('p', 's', { keySize: 8, iterations: 1e9 });"],
    );
    let (code, text) = run(doc, &server, &["--timeout", "500"]);
    assert_ne!(code, Some(0), "{text}");
    assert!(code.is_some(), "{text}");
    assert!(
        text.to_lowercase().contains("timed out") || text.contains("--timeout"),
        "{text}"
    );
}

#[test]
fn records_handed_to_postie_are_bounded_by_the_script_memory_limit() {
    let server = TestServer::start(|_| Reply::json(200, json!({}))).expect(3);
    let doc = json!({"info": {"name": "records"}, "item": [
        {"name": "assertions", "request": {"method": "GET", "url": "{{base}}/a"},
         "event": [script("test", &["for (var i = 0; i < 1000000; i++) pm.test('t' + i, function () {});"])]},
        {"name": "variables", "request": {"method": "GET", "url": "{{base}}/v"},
         "event": [script("test", &[
            "var v = 'x'.repeat(50000);",
            "for (var i = 0; i < 20000; i++) { try { pm.environment.set('k' + i, v); } catch (e) {} }"
         ])]},
        {"name": "after", "request": {"method": "GET", "url": "{{base}}/after"}}
    ]});
    let (code, text) = run(doc, &server, &["--script-memory-limit", "16"]);
    assert_eq!(code, Some(1), "{text}");
    for name in ["assertions", "variables"] {
        assert!(
            text.contains(&format!(
                "MemoryError\n                  script memory limit reached: the test results, console output and variables this script handed to postie passed 16 MiB (--script-memory-limit)\n                  at test-script\n                  inside \"{name}\""
            )),
            "{name} should fail, even catching the error:\n{text}"
        );
    }
    assert!(
        text.contains("passed 16 MiB (--script-memory-limit)"),
        "{text}"
    );
    went_on(&server, &text);
}

#[test]
fn the_natives_are_out_of_reach_of_scripts_and_libraries_still_work() {
    let server = TestServer::start(|_| Reply::json(200, json!({"id": 7}))).expect(2);
    let doc = collection(
        "/natives",
        &[
            "var names = Object.getOwnPropertyNames(globalThis).filter(function (k) { return k.indexOf('__') === 0; });",
            "console.log('globals:' + JSON.stringify(names));",
            "console.log('native:' + typeof __native + ',' + typeof globalThis.__postie_validate_schema);",
            "var found = [];",
            "[require('crypto-js'), require('uuid'), require('xml2js'), CryptoJS, require('lodash')].forEach(function (m) {",
            "  for (var k in m) { try { if (m[k] && m[k].pbkdf2) found.push(k); } catch (e) {} }",
            "});",
            "console.log('found:' + found.length);",
            "pm.test('libraries', function () {",
            "  pm.expect(CryptoJS.SHA256('a').toString()).to.have.length(64);",
            "  pm.expect(require('uuid').v4()).to.have.length(36);",
            "  pm.expect(xml2Json('<a>1</a>').a).to.eql('1');",
            "  pm.response.to.have.jsonSchema({ type: 'object', required: ['id'] });",
            "});",
        ],
    );
    let (code, text) = run(doc, &server, &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("globals:[]"), "{text}");
    assert!(text.contains("native:undefined,undefined"), "{text}");
    assert!(text.contains("found:0"), "{text}");
    went_on(&server, &text);
}

#[test]
fn script_deadline_interrupts_a_send_request_that_never_answers() {
    let server = TestServer::start(|r| match r.path() {
        "/never" => Reply::hang(),
        _ => Reply::json(200, json!({})),
    });
    let doc = collection(
        "/first",
        &[
            "pm.sendRequest(pm.variables.get('base') + '/never', function (err, res) {",
            "  console.log('answered', err && err.message);",
            "});",
        ],
    );
    let (code, text) = run(doc, &server, &["--timeout-script", "500"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("script execution timed out after 500 ms"),
        "{text}"
    );
    assert!(!text.contains("answered"), "{text}");
    went_on(&server, &text);
}
