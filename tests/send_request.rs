//! `pm.sendRequest` in the run's reports, through the binary against a local
//! server: as in newman, each one is a request of the run (counted in the
//! summary, printed under its item where it happened, one entry of the JSON
//! report's executions) and one that fails fails the run.

mod support;

use serde_json::{json, Value};
use support::run::with_json_report;
use support::server::{Reply, TestServer};

/// A port nothing listens on: bound, then let go.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn script(listen: &str, lines: &[&str]) -> Value {
    json!({"listen": listen, "script": {"type": "text/javascript", "exec": lines}})
}

/// The position of the first line of `stdout` containing `needle`.
fn line_of(stdout: &str, needle: &str) -> usize {
    stdout
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{stdout}"))
}

/// The summary table's row for `name`: executed and failed.
fn table_row(stdout: &str, name: &str) -> (u64, u64) {
    let line = &stdout.lines().collect::<Vec<_>>()[line_of(stdout, &format!(" {name} │"))];
    let cells: Vec<u64> = line
        .split('│')
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    (cells[0], cells[1])
}

/// The URL path of a JSON report execution's request.
fn path_of(execution: &Value) -> String {
    let parts: Vec<&str> = execution["request"]["url"]["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    format!("/{}", parts.join("/"))
}

/// The response body an execution carries, as text.
fn body_of(execution: &Value) -> String {
    let bytes: Vec<u8> = execution["response"]["stream"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn each_send_request_is_a_request_of_the_run_where_it_happened() {
    const TOKEN: &str = "tok-7f3a9c-sent-by-script";
    let server = TestServer::start(|r| match r.path() {
        "/token" => Reply::json(200, json!({"access_token": TOKEN})),
        other => Reply::text(200, &format!("at {other}")),
    });
    let base = &server.base;
    let collection = json!({
        "info": {"name": "send request"},
        "item": [{
            "name": "with scripts",
            "request": {"method": "GET", "url": format!("{base}/main")},
            "event": [
                script("prerequest", &[&format!("pm.sendRequest('{base}/pre', () => {{}});")]),
                script("test", &[
                    &format!("pm.sendRequest('{base}/token', (err, res) => {{"),
                    "  pm.test('in the callback', () => pm.expect(res.json().access_token).to.be.a('string'));",
                    "});",
                    "pm.test('before the answer', () => {});",
                ]),
            ],
        }],
    });
    let dir = tempfile::tempdir().unwrap();
    let ran = with_json_report(dir.path(), &collection, &[]);
    let out = &ran.stdout;
    assert_eq!(ran.code, 0, "{out}\n{}", ran.stderr);

    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    assert_eq!(paths, ["/pre", "/main", "/token"]);

    // Printed where newman prints them: the pre-request script's before the
    // item's request, the test script's after the assertions made before its
    // answer came and before those of its callback.
    let order = [
        line_of(out, &format!("GET {base}/pre [200 OK")),
        line_of(out, &format!("GET {base}/main [200 OK")),
        line_of(out, "✓  before the answer"),
        line_of(out, &format!("GET {base}/token [200 OK")),
        line_of(out, "✓  in the callback"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{out}");
    assert_eq!(table_row(out, "requests"), (3, 0), "{out}");
    assert_eq!(table_row(out, "assertions"), (2, 0), "{out}");

    let run = &ran.report["run"];
    assert_eq!(run["stats"]["requests"]["total"], 3);
    assert_eq!(run["stats"]["requests"]["failed"], 0);
    // One entry per request, in the order they were made, each with its own
    // request and response; the item's assertions in each, as newman has them.
    let executions = run["executions"].as_array().unwrap();
    let paths: Vec<String> = executions.iter().map(path_of).collect();
    assert_eq!(paths, ["/pre", "/main", "/token"]);
    for e in executions {
        assert_eq!(e["item"]["name"], "with scripts");
        assert_eq!(e["response"]["code"], 200);
        let names: Vec<&str> = e["assertions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["assertion"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["before the answer", "in the callback"]);
    }
    assert_eq!(body_of(&executions[1]), "at /main");
    // The token a script fetched is a secret like one the collection fetches.
    let token_body = body_of(&executions[2]);
    assert!(token_body.contains("access_token"), "{token_body}");
    assert!(!token_body.contains(TOKEN), "{token_body}");
    let report_text = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert!(!report_text.contains(TOKEN));
    assert!(!out.contains(TOKEN), "{out}");
}

#[test]
fn a_send_request_that_fails_fails_the_run_and_its_callback_gets_node_fields() {
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let refused = closed_port();
    let url = format!("http://127.0.0.1:{refused}/nobody");
    let collection = json!({
        "info": {"name": "send request"},
        "item": [{
            "name": "refused",
            "request": {"method": "GET", "url": format!("{}/main", server.base)},
            "event": [script("test", &[
                &format!("pm.sendRequest('{url}', (err, res) => {{"),
                "  console.log('code=' + err.code, 'syscall=' + err.syscall, 'port=' + err.port);",
                "  pm.test('error and an empty response', () => {",
                "    pm.expect(err.message).to.include('ECONNREFUSED');",
                "    pm.expect(res.code).to.equal(undefined);",
                "  });",
                "});",
            ])],
        }],
    });
    let dir = tempfile::tempdir().unwrap();
    let ran = with_json_report(dir.path(), &collection, &[]);
    let out = &ran.stdout;
    // newman exits 1: the failed pm.sendRequest is a failure of the run.
    assert_eq!(ran.code, 1, "{out}\n{}", ran.stderr);
    let at = line_of(out, &format!("GET {url} [errored]"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[at + 1].trim(),
        format!("connect ECONNREFUSED 127.0.0.1:{refused}"),
        "{out}"
    );
    let console = support::report::console_joined(out);
    assert!(
        console.contains(&format!(
            "'code=ECONNREFUSED', 'syscall=connect', 'port={refused}'"
        )),
        "{console}"
    );
    assert!(at < line_of(out, "✓  error and an empty response"), "{out}");
    assert_eq!(table_row(out, "requests"), (2, 1), "{out}");
    assert_eq!(table_row(out, "assertions"), (1, 0), "{out}");

    let run = &ran.report["run"];
    let failures = run["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0]["at"], "request");
    assert_eq!(
        failures[0]["error"]["message"],
        format!("connect ECONNREFUSED 127.0.0.1:{refused}")
    );
    assert_eq!(failures[0]["source"]["name"], "refused");
    let executions = run["executions"].as_array().unwrap();
    assert_eq!(executions.len(), 2);
    assert_eq!(executions[0]["response"]["code"], 200);
    assert!(executions[0].get("requestError").is_none());
    assert!(executions[1].get("response").is_none());
    assert_eq!(executions[1]["requestError"]["code"], "ECONNREFUSED");
    assert_eq!(path_of(&executions[1]), "/nobody");
}

#[test]
fn what_a_send_request_callback_throws_is_a_script_error() {
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let collection = json!({
        "info": {"name": "send request"},
        "item": [{
            "name": "throws",
            "request": {"method": "GET", "url": format!("{}/main", server.base)},
            "event": [script("test", &[
                &format!("pm.sendRequest('{}/sent', (err, res) => {{", server.base),
                "  undefined.x;",
                "});",
            ])],
        }],
    });
    let dir = tempfile::tempdir().unwrap();
    let ran = with_json_report(dir.path(), &collection, &[]);
    let out = &ran.stdout;
    // newman loses it and exits 0; a test that cannot run must not pass.
    assert_eq!(ran.code, 1, "{out}\n{}", ran.stderr);
    assert!(
        out.contains(
            "1⠄ TypeError in test-script: Cannot read properties of undefined (reading 'x') (line 2:3)"
        ),
        "{out}"
    );
    assert_eq!(table_row(out, "test-scripts"), (1, 1), "{out}");
    assert_eq!(table_row(out, "requests"), (2, 0), "{out}");
    let failures = ran.report["run"]["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0]["at"], "test-script:2:3");
}

#[test]
fn bail_does_not_stop_at_a_failed_send_request_as_in_newman() {
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let refused = closed_port();
    let collection = json!({
        "info": {"name": "send request"},
        "item": [
            {
                "name": "one",
                "request": {"method": "GET", "url": format!("{}/one", server.base)},
                "event": [script("test", &[
                    &format!("pm.sendRequest('http://127.0.0.1:{refused}/x', () => {{}});"),
                ])],
            },
            {"name": "two", "request": {"method": "GET", "url": format!("{}/two", server.base)}},
        ],
    });
    let dir = tempfile::tempdir().unwrap();
    let ran = with_json_report(dir.path(), &collection, &["--bail"]);
    let out = &ran.stdout;
    assert_eq!(ran.code, 1, "{out}\n{}", ran.stderr);
    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    assert_eq!(paths, ["/one", "/two"], "{out}");
    assert_eq!(table_row(out, "requests"), (3, 1), "{out}");
    assert!(
        ran.report["run"]["error"].is_null(),
        "{}",
        ran.report["run"]["error"]
    );
}
