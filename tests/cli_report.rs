//! What the `cli` reporter prints, line by line, where newman 6.2.2 prints it the
//! same way: the request line, script errors, `--bail`, `setNextRequest`.

mod support;

use serde_json::{json, Value};
use support::postie;
use support::server::{Reply, TestServer};

/// Runs `doc` against `server` with `extra` flags: exit code and stdout.
fn run(doc: Value, server: &TestServer, extra: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.json");
    std::fs::write(&c, doc.to_string()).unwrap();
    let out = postie()
        .current_dir(dir.path())
        .arg("run")
        .arg(&c)
        .args(["--env-var", &format!("base={}", server.base)])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
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
