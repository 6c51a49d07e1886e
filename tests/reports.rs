//! Reports written by `postie run -r cli,json,junit`: newman's structures, assertion
//! results and failure messages as the scripts produced them, secrets masked.

mod support;

use serde_json::{json, Value};
use support::postie;
use support::report::executions;
use support::server::{Reply, TestServer};

fn collection() -> Value {
    json!({
        "info": {"_postman_id": "c-1", "name": "Reports", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Users", "item": [
            {"name": "Get user", "id": "item-1", "request": {"method": "GET", "url": "{{base}}/users/1", "header": [{"key": "X-Api-Key", "value": "{{apiKey}}"}]},
             "event": [{"listen": "test", "script": {"exec": [
                "pm.test('status is 200', () => pm.response.to.have.status(200));",
                "pm.test('name is Ann', () => pm.expect(pm.response.json().name).to.equal('Ann'));",
                "console.log('token', pm.response.json().token);"
             ]}}]},
            {"name": "Broken script", "id": "item-2", "request": {"method": "GET", "url": "{{base}}/users/2"},
             "event": [{"listen": "test", "script": {"exec": ["var x = 1;", "x.nope();"]}}]}
        ]}]
    })
}

#[test]
fn json_junit_and_cli_reports_carry_results_and_mask_secrets() {
    let secret = "s3cr3t-api-key-value";
    let server = TestServer::start(move |_| {
        Reply::json(200, json!({"name": "Bob", "token": "s3cr3t-api-key-value"}))
    })
    .expect(2);
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.json");
    std::fs::write(&c, collection().to_string()).unwrap();
    let env = dir.path().join("env.json");
    std::fs::write(
        &env,
        json!({"name": "E", "values": [
            {"key": "base", "value": server.base, "type": "default", "enabled": true},
            {"key": "apiKey", "value": secret, "type": "secret", "enabled": true}
        ]})
        .to_string(),
    )
    .unwrap();
    let json_path = dir.path().join("report.json");
    let junit_path = dir.path().join("report.xml");
    let out = postie()
        .arg("run")
        .arg(&c)
        .arg("-e")
        .arg(&env)
        .args(["-r", "cli,json,junit", "--verbose"])
        .arg("--reporter-json-export")
        .arg(&json_path)
        .arg("--reporter-junit-export")
        .arg(&junit_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(
        server.requests()[0].header("x-api-key"),
        Some(secret),
        "the real value is sent"
    );

    // CLI: results, the chai message, the script error with its line, no secret.
    assert!(stdout.contains("status is 200"), "{stdout}");
    assert!(stdout.contains("expected 'Bob' to equal 'Ann'"), "{stdout}");
    assert!(
        stdout.contains("TypeError in test-script: x.nope is not a function (line 2:3)"),
        "{stdout}"
    );
    assert!(!stdout.contains(secret), "secret printed:\n{stdout}");

    // JSON: newman's shape.
    let text = std::fs::read_to_string(&json_path).unwrap();
    assert!(!text.contains(secret), "secret in the JSON report");
    let report: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["collection"]["info"]["name"], "Reports");
    assert_eq!(report["run"]["stats"]["requests"]["total"], 2);
    assert_eq!(report["run"]["stats"]["assertions"]["total"], 2);
    assert_eq!(report["run"]["stats"]["assertions"]["failed"], 1);
    assert_eq!(executions(&report).len(), 2);
    let failures = report["run"]["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert_eq!(
        failures[0]["error"]["message"],
        "expected 'Bob' to equal 'Ann'"
    );
    assert_eq!(failures[0]["error"]["test"], "name is Ann");
    assert_eq!(failures[0]["at"], "assertion:1 in test-script");
    assert_eq!(report["environment"]["values"].as_array().unwrap().len(), 2);

    // JUnit: a suite per request item, a case per assertion.
    let xml = std::fs::read_to_string(&junit_path).unwrap();
    assert!(!xml.contains(secret), "secret in the JUnit report");
    assert!(
        xml.contains(r#"<testsuite name="Users / Get user" id="item-1""#),
        "{xml}"
    );
    assert!(xml.contains(r#"<testcase name="status is 200""#), "{xml}");
    assert!(
        xml.contains(
            r#"<failure type="AssertionFailure" message="expected 'Bob' to equal 'Ann'">"#
        ),
        "{xml}"
    );
}

#[test]
fn json_report_can_leave_bodies_out() {
    let server = TestServer::start(|_| {
        Reply::json(200, json!({"name": "Ann", "padding": "x".repeat(5000)}))
    })
    .expect(4);
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.json");
    std::fs::write(&c, collection().to_string()).unwrap();
    let report = |extra: &[&str]| {
        let mut cmd = postie();
        cmd.arg("run")
            .arg(&c)
            .args(["--env-var", &format!("base={}", server.base)])
            .args(extra);
        let ran = support::run::reporting(cmd, dir.path());
        // One assertion fails and one script throws, as in the collection.
        assert_eq!(ran.code, 1, "{}", ran.stdout);
        ran.report
    };
    let full = report(&[]);
    let lean = report(&["--reporter-json-omit-bodies"]);
    let stream = |r: &Value| r["run"]["executions"][0]["response"]["stream"].clone();
    let body = json!({"name": "Ann", "padding": "x".repeat(5000)}).to_string();
    let full_bytes: Vec<u8> = stream(&full)["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    assert_eq!(full_bytes, body.as_bytes());
    assert_eq!(stream(&lean), json!({"type": "Buffer", "data": []}));
    assert_eq!(
        lean["run"]["executions"][0]["response"]["responseSize"],
        full["run"]["executions"][0]["response"]["responseSize"]
    );
}

#[test]
fn values_captured_into_secret_variables_are_masked_from_then_on() {
    let token = "captured-token-0123456789";
    let server = TestServer::start(move |r| match r.path() {
        "/login" => Reply::json(200, json!({"access_token": "captured-token-0123456789"})),
        _ => Reply::json(200, json!({"ok": true})),
    })
    .expect(2);
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.json");
    std::fs::write(&c, json!({"info": {"name": "capture"}, "item": [
        {"name": "login", "request": "{{base}}/login", "event": [{"listen": "test", "script": {"exec": [
            "pm.environment.set('token', pm.response.json().access_token);",
            "console.log('token is ' + pm.environment.get('token'));"
        ]}}]},
        {"name": "use", "request": {"method": "GET", "url": "{{base}}/use", "header": [{"key": "X-Token", "value": "{{token}}"}]}}
    ]}).to_string()).unwrap();
    let env = dir.path().join("env.json");
    std::fs::write(
        &env,
        json!({"name": "E", "values": [
            {"key": "base", "value": server.base, "enabled": true},
            {"key": "token", "value": "", "type": "secret", "enabled": true}
        ]})
        .to_string(),
    )
    .unwrap();
    let json_path = dir.path().join("r.json");
    let out = postie()
        .arg("run")
        .arg(&c)
        .arg("-e")
        .arg(&env)
        .args(["--verbose", "-r", "cli,json", "--reporter-json-export"])
        .arg(&json_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(
        server.requests()[1].header("x-token"),
        Some(token),
        "the real value is sent"
    );
    assert!(stdout.contains("token is ********"), "{stdout}");
    assert!(!stdout.contains(token), "{stdout}");
    assert!(!std::fs::read_to_string(&json_path).unwrap().contains(token));
}

/// The JSON report keeps an item's text from one of its entries to the next
/// (it is the same until the mask changes). A secret the run learns after an
/// item's first entry (here a test script of the next item stores it under a
/// credential's name) must be masked in every later entry of that item.
#[test]
fn a_secret_learnt_after_an_items_first_entry_is_masked_in_its_later_entries() {
    let secret = "late-S3cret-4a1b9c";
    let server = TestServer::start(|_| Reply::json(200, json!({"ok": true}))).expect(4);
    let dir = tempfile::tempdir().unwrap();
    let collection = json!({"info": {"name": "late secret"}, "item": [
        {"name": "first", "description": format!("sends {secret} later"),
         "request": {"method": "GET", "url": "{{base}}/first"}},
        {"name": "second", "request": {"method": "GET", "url": "{{base}}/second"},
         "event": [{"listen": "test", "script": {"exec": [
            format!("pm.environment.set('apiToken', '{secret}');")
         ]}}]}
    ]});
    let out = support::run::against(
        dir.path(),
        &collection,
        &server.base,
        &[
            "-n",
            "2",
            "-r",
            "json",
            "--reporter-json-export",
            "report.json",
        ],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    assert_eq!(paths, ["/first", "/second", "/first", "/second"]);
    let report = support::report::read_json(&dir.path().join("report.json"));
    let entries = executions(&report);
    assert_eq!(entries.len(), 4);
    // The first entry was written before the run knew the secret: the text a
    // later entry of the item must not reuse.
    assert!(
        entries[0]["item"].to_string().contains(secret),
        "{}",
        entries[0]["item"]
    );
    for (i, entry) in entries.iter().enumerate().skip(1) {
        let text = entry.to_string();
        assert!(!text.contains(secret), "entry {i}: {text}");
    }
    assert_eq!(entries[2]["item"]["name"], "first");
    assert_eq!(
        entries[2]["item"]["description"],
        json!({"content": "sends ******** later", "type": "text/plain"})
    );
}

/// Items without ids get ids derived for them; a failure's `source` and `parent`
/// carry the same ids as the collection and the executions, so a tool can join them.
#[test]
fn failures_name_their_items_and_folders_by_the_ids_the_report_gives_them() {
    let server = TestServer::start(|_| Reply::json(200, json!({"name": "Bob"}))).expect(1);
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.json");
    let doc = json!({
        "info": {"name": "No ids", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Users", "item": [{"name": "Get user",
            "request": {"method": "GET", "url": format!("{}/users/1", server.base)},
            "event": [{"listen": "test", "script": {"exec": [
                "pm.test('name is Ann', () => pm.expect(pm.response.json().name).to.equal('Ann'));"
            ]}}]}]}]
    });
    std::fs::write(&c, doc.to_string()).unwrap();
    let json_path = dir.path().join("report.json");
    let out = postie()
        .arg("run")
        .arg(&c)
        .args(["-r", "json", "--reporter-json-export"])
        .arg(&json_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let folder_id = report["collection"]["item"][0]["id"].as_str().unwrap();
    let item_id = report["collection"]["item"][0]["item"][0]["id"]
        .as_str()
        .unwrap();
    assert!(!folder_id.is_empty() && !item_id.is_empty(), "{report}");
    assert_eq!(report["run"]["executions"][0]["item"]["id"], item_id);
    let failure = &report["run"]["failures"][0];
    // The item whole, as in newman's report: the same as the executions show it.
    assert_eq!(failure["source"]["id"], item_id);
    assert_eq!(failure["source"]["name"], "Get user");
    assert_eq!(
        failure["source"]["request"],
        report["run"]["executions"][0]["item"]["request"]
    );
    assert_eq!(failure["parent"], json!({"id": folder_id, "name": "Users"}));
}

/// An item's text in an execution shows a `_lastExecutionId` on each of its
/// scripts that has run by then: not on a test script before its first run,
/// from then on in every entry; the collection, written at the end, shows
/// every script that ran.
#[test]
fn items_mark_the_scripts_that_have_run() {
    let server = TestServer::start(|_| Reply::json(200, json!({"name": "Bob"}))).expect(2);
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.json");
    let doc = json!({
        "info": {"name": "Marks", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Get user",
            "request": {"method": "GET", "url": format!("{}/users/1", server.base)},
            "event": [
                {"listen": "prerequest", "script": {"exec": [
                    "if (pm.info.iteration === 0) pm.execution.skipRequest();"
                ]}},
                {"listen": "test", "script": {"exec": ["pm.test('ok', () => {});"]}}
            ]}]
    });
    std::fs::write(&c, doc.to_string()).unwrap();
    let json_path = dir.path().join("report.json");
    let out = postie()
        .arg("run")
        .arg(&c)
        .args(["-n", "3", "-r", "json", "--reporter-json-export"])
        .arg(&json_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report = support::report::read_json(&json_path);
    let entries = executions(&report);
    assert_eq!(entries.len(), 3, "{report}");
    let marked = |item: &Value, event: usize| -> bool {
        let script = &item["event"][event]["script"];
        assert!(script["exec"].is_array(), "{item}");
        script.get("_lastExecutionId").is_some()
    };
    // Iteration 0: the pre-request script ran and skipped the request.
    assert!(marked(&entries[0]["item"], 0));
    assert!(!marked(&entries[0]["item"], 1));
    for e in &entries[1..] {
        assert!(marked(&e["item"], 0) && marked(&e["item"], 1), "{e}");
    }
    let item = &report["collection"]["item"][0];
    assert!(marked(item, 0) && marked(item, 1), "{item}");
}
