//! Golden files of the cli, junit, tap and github reports of one run through the
//! real binary: a collection whose requests pass, fail a comparison (with a
//! diff), fail a status check, throw in a script and cannot connect, over two
//! iterations, with a secret that must never appear. The server waits a set time
//! per request and iteration so the list of slowest requests has a fixed order.
//!
//! Update after a deliberate change: `POSTIE_BLESS=1 cargo test --test report_golden`
//! (see `tests/support/golden.rs`), then review the diff under `tests/fixtures/report/report-*`.

mod support;

use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use support::postie;
use support::report::{assert_golden, normalise};
use support::server::{Reply, TestServer};

pub const SECRET: &str = "sk-live-7f3a9c1e55";

fn delay_ms(path: &str, d: u64) -> u64 {
    match path {
        "/health" => 600 + 100 * d,
        "/users/1" => 300 + 100 * d,
        "/text" => 50 + 100 * d,
        _ => 0,
    }
}

pub fn server() -> TestServer {
    TestServer::start(|r| {
        let d = r
            .query_pairs()
            .iter()
            .find(|(k, _)| k == "d")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        std::thread::sleep(Duration::from_millis(delay_ms(r.path(), d)));
        match (r.method.as_str(), r.path()) {
            ("GET", "/users/1") => Reply::json(
                200,
                json!({"id": 1, "name": "Bob", "roles": ["admin", "dev"], "token": SECRET}),
            ),
            ("POST", "/users") => Reply::json(400, json!({"error": "email is taken"}))
                .header("X-Request-Id", "req-42")
                .header("Server", "test"),
            ("GET", "/text") => Reply::text(200, "line 1\nline 2\nline 3\n"),
            _ => Reply::text(200, "ok"),
        }
    })
}

pub fn collection() -> Value {
    json!({
        "info": {"_postman_id": "golden-1", "name": "Golden reports", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "Users", "item": [
                {"name": "Get user", "id": "get-user", "request": {"method": "GET", "url": "{{base}}/users/1?d={{d}}",
                    "header": [{"key": "X-Api-Key", "value": "{{apiKey}}"}]},
                 "event": [{"listen": "test", "script": {"exec": [
                    "pm.test('status is 200', () => pm.response.to.have.status(200));",
                    "pm.test('user is Ann', () => pm.expect(pm.response.json()).to.eql({id: 1, name: 'Ann', roles: ['admin'], token: pm.environment.get('apiKey')}));",
                    "pm.test.skip('later');"
                 ]}}]},
                {"name": "Create user", "id": "create-user", "request": {"method": "POST", "url": "{{base}}/users",
                    "header": [{"key": "Content-Type", "value": "application/json"}, {"key": "Authorization", "value": "Bearer {{apiKey}}"}],
                    "body": {"mode": "raw", "raw": "{\"email\": \"ann@example.com\", \"password\": \"pw-{{d}}\"}"}},
                 "event": [{"listen": "test", "script": {"exec": [
                    "pm.test('created', () => pm.response.to.have.status(201));"
                 ]}}]}
            ]},
            {"name": "Text", "id": "text", "request": {"method": "GET", "url": "{{base}}/text?d={{d}}"},
             "event": [{"listen": "test", "script": {"exec": [
                "pm.test('three lines', () => pm.expect(pm.response.text()).to.equal('line 1\\nline two\\nline 3\\n'));"
             ]}}]},
            {"name": "Health", "id": "health", "request": {"method": "GET", "url": "{{base}}/health?d={{d}}"},
             "event": [{"listen": "test", "script": {"exec": [
                "var body = pm.response.json;",
                "body.missing.field;"
             ]}}]},
            {"name": "Unreachable", "id": "down", "request": {"method": "GET", "url": "http://127.0.0.1:9/down"}}
        ]
    })
}

/// Writes the collection, environment and data files into `dir`.
pub fn files(
    dir: &Path,
    base: &str,
) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let c = dir.join("golden.postman_collection.json");
    std::fs::write(&c, collection().to_string()).unwrap();
    let env = dir.join("env.json");
    std::fs::write(
        &env,
        json!({"name": "golden", "values": [
            {"key": "base", "value": base, "enabled": true},
            {"key": "apiKey", "value": SECRET, "type": "secret", "enabled": true}
        ]})
        .to_string(),
    )
    .unwrap();
    let data = dir.join("data.json");
    std::fs::write(&data, json!([{"d": 1}, {"d": 2}]).to_string()).unwrap();
    (c, env, data)
}

#[test]
fn cli_junit_and_tap_reports_match_their_golden_files() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let (c, env, data) = files(dir.path(), &server.base);
    let junit = dir.path().join("report.xml");
    let tap = dir.path().join("report.tap");
    let out = postie()
        .current_dir(dir.path())
        .arg("run")
        .arg(c.file_name().unwrap())
        .arg("-e")
        .arg(&env)
        .arg("-d")
        .arg(&data)
        .args(["-r", "cli,junit,tap", "--reporter-cli-show-failed-requests"])
        .arg("--reporter-junit-export")
        .arg(&junit)
        .arg("--reporter-tap-export")
        .arg(&tap)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let junit = std::fs::read_to_string(&junit).unwrap();
    let tap = std::fs::read_to_string(&tap).unwrap();
    for (name, text) in [("stdout", &stdout), ("junit", &junit), ("tap", &tap)] {
        assert!(!text.contains(SECRET), "secret in {name}:\n{text}");
    }
    assert_golden("report-cli", "stdout.txt", &stdout);
    assert_golden("report-junit", "report.xml", &junit);
    assert_golden("report-tap", "report.tap", &tap);
}

#[test]
fn github_report_matches_its_golden_files() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let (c, env, data) = files(dir.path(), &server.base);
    let summary = dir.path().join("step-summary.md");
    let out = postie()
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .arg("run")
        .arg(c.file_name().unwrap())
        .arg("-e")
        .arg(&env)
        .arg("-d")
        .arg(&data)
        .args(["-r", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(!stdout.contains(SECRET) && !summary.contains(SECRET));
    assert_golden("report-github", "stdout.txt", &stdout);
    assert_golden("report-github", "step-summary.md", &summary);
}

#[test]
fn normalising_keeps_what_matters() {
    assert_eq!(
        normalise("  GET http://127.0.0.1:40123/x [200 OK, 97B, 12ms]"),
        "  GET http://127.0.0.1:PORT/x [200 OK, 97B, TIME]"
    );
    assert_eq!(
        normalise("│ average response time: 4ms [min: 2ms, max: 1m 5.2s, s.d.: 850µs]     │"),
        "│ average response time: TIME [min: TIME, max: TIME, s.d.: TIME] │"
    );
    assert_eq!(normalise("12 requests, 3 failed"), "12 requests, 3 failed");
}
