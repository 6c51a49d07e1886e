//! What the `cli` reporter prints, line by line, where newman 6.2.2 prints it the
//! same way: the request line, script errors, `--bail`, `setNextRequest`.

mod support;

use serde_json::{json, Value};
use support::run::{with_json_report, Ran};
use support::server::{Reply, TestServer};

/// Runs `doc` against `server` with `extra` flags: exit code and stdout.
fn run(doc: Value, server: &TestServer, extra: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let ran = support::run::against(dir.path(), &doc, &server.base, extra);
    (ran.code, ran.stdout)
}

fn ok_server(n: usize) -> TestServer {
    TestServer::start(|_| Reply::json(200, json!({"ok": true}))).expect(n)
}

/// The one line of `stdout` that starts (after its indent) with `start`.
fn line_starting<'a>(stdout: &'a str, start: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?} in:\n{stdout}"))
}

#[test]
fn the_request_line_shows_the_url_as_written_with_variables_resolved_not_encoded() {
    let server = ok_server(1);
    let doc = json!({"info": {"name": "shown"},
        "variable": [{"key": "who", "value": "a b/ü"}],
        "item": [{"name": "r", "request": {"method": "GET",
            "url": "{{base}}/path with space/{{who}}?q=<x>&v={{who}}&u={{nobody}}#frag"}}]});
    let (code, stdout) = run(doc, &server, &["--reporter-cli-no-slowest"]);
    assert_eq!(code, 0, "{stdout}");
    let sent = &server.requests()[0];
    assert_eq!(
        sent.target, "/path%20with%20space/a%20b/%C3%BC?q=%3Cx%3E&v=a%20b/%C3%BC&u={{nobody}}",
        "what is sent is encoded"
    );
    let line = line_starting(&stdout, "GET ");
    assert!(
        line.starts_with(&format!(
            "  GET {}/path with space/a b/ü?q=<x>&v=a b/ü&u={{{{nobody}}}}#frag [200 OK, ",
            server.base
        )),
        "shown as written, resolved:\n{stdout}"
    );
}

#[test]
fn the_request_line_keeps_a_url_without_scheme_and_masks_credentials_in_it() {
    let server = ok_server(1);
    let host = server.base.trim_start_matches("http://").to_string();
    let doc = json!({"info": {"name": "credentials"},
        "item": [{"name": "r", "request": {"method": "GET",
            "url": format!("ann:hunter2-pw@{host}/get?x=1"),
            "auth": {"type": "apikey", "apikey": [
                {"key": "key", "value": "api key"}, {"key": "value", "value": "k&ey#123"},
                {"key": "in", "value": "query"}]}}}]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 0, "{stdout}");
    let sent = &server.requests()[0];
    assert_eq!(sent.target, "/get?x=1&api%20key=k%26ey%23123");
    let line = line_starting(&stdout, "GET ");
    assert!(
        line.starts_with(&format!(
            "  GET ann:********@{host}/get?x=1&api key=******** [200 OK, "
        )),
        "no scheme put in front, credentials masked:\n{stdout}"
    );
    assert!(!stdout.contains("hunter2-pw"), "{stdout}");
    assert!(!stdout.contains("k%26ey%23123"), "{stdout}");
}

#[test]
fn the_failure_table_numbers_as_newman_does_and_puts_an_error_message_under_its_name() {
    let server = ok_server(1);
    let mut exec: Vec<String> = (0..9)
        .map(|i| format!("pm.test('check {i}', () => pm.expect({i}).to.equal(-1));"))
        .collect();
    exec.push("throw new Error('boom');".into());
    let doc = json!({"info": {"name": "table"}, "item": [{"name": "r",
        "request": {"method": "GET", "url": "{{base}}/x"},
        "event": [{"listen": "test", "script": {"exec": exec}}]}]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 1, "{stdout}");
    let table = stdout.split(" detail\n").nth(1).expect(&stdout);
    let lines: Vec<&str> = table.lines().map(str::trim_end).collect();
    assert!(
        lines.contains(&" 01.  AssertionError  check 0"),
        "zero-padded to two digits:\n{table}"
    );
    let error = lines
        .iter()
        .position(|l| l.starts_with(" 10.  Error"))
        .expect(table);
    assert_eq!(lines[error], " 10.  Error", "{table}");
    assert_eq!(lines[error + 1].trim(), "boom", "{table}");
    assert_eq!(lines[error + 2].trim(), "at test-script:10:11", "{table}");
    assert_eq!(lines[error + 3].trim(), "inside \"r\"", "{table}");
}

#[test]
fn a_request_error_is_shown_unnumbered_under_its_request_and_no_average_without_a_response() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let server = ok_server(0);
    let doc = json!({"info": {"name": "refused"}, "item": [{"name": "r",
        "request": {"method": "GET", "url": format!("http://127.0.0.1:{port}/x")},
        "event": [{"listen": "test", "script": {"exec": ["pm.test('after', () => pm.expect(1).to.equal(2));"]}}]}]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("/x [errored]"))
        .expect(&stdout);
    assert!(
        lines[at + 1].starts_with("     connect ECONNREFUSED 127.0.0.1:"),
        "the message, indented as newman indents it, without a number:\n{stdout}"
    );
    assert_eq!(
        lines[at + 2],
        "  2. after",
        "the request error still counts in the numbering:\n{stdout}"
    );
    assert!(
        !stdout.contains("average response time"),
        "no average of no responses:\n{stdout}"
    );
}

#[test]
fn a_test_script_asking_for_the_next_request_is_announced() {
    let server = ok_server(3);
    let doc = json!({"info": {"name": "jump"}, "item": [
        {"name": "a", "request": {"method": "GET", "url": "{{base}}/a"},
         "event": [{"listen": "test", "script": {"exec": ["pm.execution.setNextRequest('c');"]}}]},
        {"name": "b", "request": {"method": "GET", "url": "{{base}}/b"}},
        {"name": "c", "request": {"method": "GET", "url": "{{base}}/c"},
         "event": [{"listen": "test", "script": {"exec": ["postman.setNextRequest(null);"]}}]}]});
    let (code, stdout) = run(doc, &server.expect(2), &["--reporter-cli-no-slowest"]);
    assert_eq!(code, 0, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "Attempting to set next request to c")
        .expect(&stdout);
    assert!(lines[at - 2].contains("/a [200 OK"), "{stdout}");
    assert_eq!(lines[at - 1], "", "{stdout}");
    assert_eq!(lines[at + 2], "→ c", "{stdout}");
    assert_eq!(
        stdout.matches("Attempting").count(),
        1,
        "setNextRequest(null) is not announced:\n{stdout}"
    );
}

#[test]
fn bail_on_a_failed_assertion_fails_its_script_as_newman_does() {
    let server = ok_server(1);
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({"info": {"name": "bail"}, "item": [
        {"name": "fails", "request": {"method": "GET", "url": "{{base}}/a"},
         "event": [{"listen": "test", "script": {"exec": ["pm.test('fail', () => pm.expect(1).to.equal(2));"]}}]},
        {"name": "never", "request": {"method": "GET", "url": "{{base}}/b"}}]});
    let base = format!("base={}", server.base);
    let Ran {
        code,
        stdout,
        report,
        ..
    } = with_json_report(dir.path(), &doc, &["--env-var", &base, "--bail"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("\n  2⠄ AssertionFailure in test-script: fail\n"),
        "{stdout}"
    );
    let row: Vec<&str> = line_starting(&stdout, "│            test-scripts")
        .split('│')
        .map(str::trim)
        .collect();
    assert_eq!(row, ["", "test-scripts", "1", "1", ""], "{stdout}");
    assert_eq!(report["run"]["stats"]["testScripts"]["failed"], 1);
    let failures = report["run"]["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert_eq!(failures[1]["error"]["name"], "AssertionFailure");
    assert_eq!(failures[1]["error"]["message"], "fail");
}

#[test]
fn disable_unicode_prints_newman_plain_text_symbols() {
    let server = ok_server(1);
    let doc = json!({"info": {"name": "plain"}, "item": [{"name": "F", "item": [{"name": "r",
        "request": {"method": "GET", "url": "{{base}}/x"},
        "event": [{"listen": "test", "script": {"exec": [
            "pm.test('ok', () => {});",
            "pm.test('bad', () => pm.expect(1).to.equal(2));"]}}]}]}]});
    let (code, stdout) = run(doc, &server, &["--disable-unicode"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.is_ascii(), "{stdout}");
    for expected in ["Folder F", "Sub-folder r", "  Pass  ok", "  1. bad"] {
        assert!(
            stdout.lines().any(|l| l == expected),
            "no line {expected:?} in:\n{stdout}"
        );
    }
    // The table's column widths follow the durations, as newman's do.
    let row = stdout
        .lines()
        .find(|l| l.contains(" assertions "))
        .unwrap_or_default();
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    assert_eq!(cells, ["", "assertions", "2", "1", ""], "{stdout}");
    let borders: Vec<&str> = stdout.lines().filter(|l| l.starts_with("--")).collect();
    assert!(
        borders
            .iter()
            .all(|l| l.chars().all(|c| c == '-' || c == '+')),
        "{stdout}"
    );
    assert!(borders.len() > 5, "tables are drawn with dashes:\n{stdout}");
}

#[test]
fn a_collection_without_requests_runs_no_iteration() {
    let server = ok_server(0);
    let doc = json!({"info": {"name": "empty"}, "item": []});
    let (code, stdout) = run(doc, &server, &["-n", "2"]);
    assert_eq!(code, 0, "{stdout}");
    let row: Vec<&str> = line_starting(&stdout, "│              iterations")
        .split('│')
        .map(str::trim)
        .collect();
    assert_eq!(row, ["", "iterations", "0", "0", ""], "{stdout}");
    assert!(!stdout.contains("Iteration 1/2"), "{stdout}");
}

#[test]
fn a_body_file_that_does_not_exist_fails_its_request_saying_so() {
    let server = ok_server(0);
    let doc = json!({"info": {"name": "missing"}, "item": [{"name": "r",
        "request": {"method": "POST", "url": "{{base}}/post",
            "body": {"mode": "file", "file": {"src": "missing.bin"}}}}]});
    let (code, stdout) = run(doc, &server, &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(server.requests().is_empty());
    assert!(
        stdout.contains(&format!("\n  POST {}/post [errored]\n", server.base)),
        "the URL shown resolved:\n{stdout}"
    );
    let message = line_starting(&stdout, "cannot read file for the body:");
    assert!(
        message.contains("missing.bin': no such file"),
        "not a missing file said to be outside the working directory:\n{stdout}"
    );
}

#[test]
fn pre_request_console_goes_before_the_request_line_and_test_console_after() {
    let server = ok_server(1);
    let doc = json!({"info": {"name": "console places"},
        "event": [{"listen": "prerequest", "script": {"exec": ["console.log('collection pre')"]}}],
        "item": [{"name": "r",
            "event": [
                {"listen": "prerequest", "script": {"exec": ["console.log('item pre')"]}},
                {"listen": "test", "script": {"exec": ["console.log('item test'); pm.test('t', () => {});"]}}
            ],
            "request": {"method": "GET", "url": "{{base}}/get"}}]});
    let (code, stdout) = run(doc, &server, &["--reporter-cli-no-slowest"]);
    assert_eq!(code, 0, "{stdout}");
    let at = |needle: &str| {
        stdout
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not printed:\n{stdout}"))
    };
    let (collection_pre, item_pre) = (at("'collection pre'"), at("'item pre'"));
    let (request, test, assertion) = (at("GET "), at("'item test'"), at("✓"));
    assert!(
        collection_pre < item_pre && item_pre < request,
        "pre-request lines come before the request line, in order:\n{stdout}"
    );
    assert!(
        request < test && test < assertion,
        "test lines come after the request line, before the assertions:\n{stdout}"
    );
    // One block on each side of the request line, as newman closes a block
    // only when it prints something else.
    assert_eq!(stdout.matches("┌\n").count(), 2, "{stdout}");
}
