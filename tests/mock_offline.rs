//! `postie run --mock` never leaves the machine: every request, redirect hop and
//! `pm.sendRequest` is answered by the mock or refused with an error naming it.
//!
//! The collections run inside a network namespace that has nothing but a
//! loopback interface, where any lookup or connection elsewhere fails; and a
//! collection whose literal hosts point at a recording server shows that the
//! server never receives a request.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::report::{executions, read_json};
use support::run::{with_json_report, Ran};
use support::server::{Reply, TestServer};
use support::{env_value, postie};

/// `unshare -rn` (a user and network namespace), or a visible skip.
fn namespace_tools() -> Option<(PathBuf, PathBuf)> {
    let unshare = support::tool("unshare")?;
    let ip = support::tool("ip")?;
    let permitted = Command::new(&unshare)
        .args(["-rn", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !permitted {
        support::skip(
            "permission to create a network namespace",
            "unshare -rn failed here",
        );
        return None;
    }
    Some((unshare, ip))
}

/// Runs postie with `args` in a network namespace with only loopback up.
fn postie_offline(args: &[&std::ffi::OsStr], dir: &Path) -> Option<Output> {
    let (unshare, ip) = namespace_tools()?;
    let script = format!("'{}' link set lo up && exec \"$0\" \"$@\"", ip.display());
    let mut cmd = Command::new(unshare);
    cmd.arg("-rn")
        .arg("sh")
        .arg("-c")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin("postie"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1");
    support::without_proxies(&mut cmd);
    Some(cmd.output().expect("unshare runs"))
}

/// `postie run --mock` of `collection` with `environment` and `extra` options
/// in a network namespace, which must pass; and its JSON report, read from the
/// file (postie runs inside `unshare`, not through `support::run::reporting`).
fn mocked_offline(
    dir: &Path,
    collection: &Path,
    environment: &Path,
    extra: &[&std::ffi::OsStr],
) -> Option<Ran> {
    let report = dir.join("report.json");
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "run".as_ref(),
        collection.as_os_str(),
        "-e".as_ref(),
        environment.as_os_str(),
        "--mock".as_ref(),
        "-r".as_ref(),
        "cli,json".as_ref(),
        "--reporter-json-export".as_ref(),
        report.as_os_str(),
    ];
    args.extend_from_slice(extra);
    let out = postie_offline(&args, dir)?;
    let code = out.status.code().unwrap_or(-1);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    Some(Ran {
        code,
        stdout,
        stderr,
        report: read_json(&report),
    })
}

/// Every execution got a response and none a request error; no request failed.
fn assert_all_answered(ran: &Ran) {
    let report = &ran.report;
    let text = format!("{}\n{}", ran.stdout, ran.stderr);
    let run = &report["run"];
    let executions = executions(report);
    assert!(!executions.is_empty());
    for e in executions {
        let name = e["item"]["name"].as_str().unwrap_or("?");
        assert!(
            e.get("requestError").is_none(),
            "{name}: {}",
            e["requestError"]
        );
        assert!(e["response"]["code"].is_u64(), "{name} got no response");
    }
    assert_eq!(run["stats"]["requests"]["failed"], 0, "{text}");
    assert_eq!(
        run["stats"]["requests"]["total"].as_u64(),
        Some(executions.len() as u64)
    );
    for word in [
        "could not resolve",
        "ENOTFOUND",
        "connection refused",
        "ECONNREFUSED",
        "network is unreachable",
    ] {
        assert!(
            !text.to_lowercase().contains(&word.to_lowercase()),
            "{word}: {text}"
        );
    }
}

#[test]
fn the_projects_collection_runs_inside_a_namespace_without_network() {
    let (collection, environment) = support::project_forgerock();
    let dir = tempfile::tempdir().unwrap();
    let Some(ran) = mocked_offline(dir.path(), &collection, &environment, &[]) else {
        return;
    };
    assert_all_answered(&ran);
    let report = &ran.report;
    assert_eq!(report["run"]["stats"]["assertions"]["failed"], 0);
    assert!(
        report["run"]["stats"]["assertions"]["total"]
            .as_u64()
            .unwrap()
            >= 40
    );
}

#[test]
fn the_official_collection_runs_inside_a_namespace_without_network() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let env_out = dir.path().join("env.json");
    // Redirects followed, as newman does by default: the saved 302s point at
    // example.com, which the mock does not answer, so they are not followed.
    let extra: [&std::ffi::OsStr; 4] = [
        "--env-var".as_ref(),
        "smtpPort=587".as_ref(),
        "--export-environment".as_ref(),
        env_out.as_os_str(),
    ];
    let Some(ran) = mocked_offline(dir.path(), &collection, &environment, &extra) else {
        return;
    };
    assert_all_answered(&ran);
    let (stdout, stderr, report) = (&ran.stdout, &ran.stderr, &ran.report);
    assert_eq!(executions(report).len(), 62);
    // The PKCE requests end on their saved 302, whose Location the scripts read.
    let found: Vec<&Value> = executions(report)
        .iter()
        .filter(|e| e["response"]["code"] == 302)
        .collect();
    assert_eq!(found.len(), 3, "two PKCE authorizations and End session");
    let env = read_json(&env_out);
    let code = env_value(&env, "authorizationCode").unwrap_or_default();
    assert!(!code.is_empty(), "{stdout}");
    // The three requests without an example of their own are named.
    for unmatched in [
        "POST /users/recover-username",
        "POST /email",
        "DELETE /email-server",
    ] {
        assert!(
            stderr.contains(&format!("no saved example matches {unmatched}")),
            "{unmatched}: {stderr}"
        );
    }
}

/// A collection whose every host is the recording server: literal hosts, a
/// redirect to it and `pm.sendRequest`s to it. `localhost` (the same server by
/// another name) appears nowhere in the collection.
fn literal_hosts_collection(server: &str, port: u16) -> Value {
    let example = |name: &str, code: u16, headers: Value, body: &str| json!({ "name": name, "code": code, "header": headers, "body": body });
    let test = |lines: &[&str]| json!([{ "listen": "test", "script": { "exec": lines } }]);
    json!({
        "info": { "name": "literal hosts", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        "item": [
            {
                "name": "Literal host",
                "request": { "method": "GET", "url": format!("{server}/literal?x=1") },
                "response": [example("Literal", 200, json!([]), "from the example")],
                "event": test(&[
                    "pm.test('answered by the example', () => pm.expect(pm.response.text()).to.eql('from the example'));",
                    "pm.test('the URL is the real one', () => pm.expect(pm.request.url.toString()).to.include('127.0.0.1'));"
                ])
            },
            {
                "name": "Unknown TLS host",
                "request": { "method": "GET", "url": "https://api.example.invalid/v1/things" },
                "response": [example("Things", 200, json!([]), "[1,2]")],
                "event": test(&["pm.test('no lookup, no TLS', () => pm.expect(pm.response.json()).to.eql([1, 2]));"])
            },
            {
                "name": "Redirect inside the collection",
                "request": { "method": "GET", "url": format!("{server}/start") },
                "response": [example("Go on", 302, json!([{ "key": "Location", "value": format!("{server}/landing") }]), "")],
                "event": test(&[
                    "pm.test('followed inside the mock', () => {",
                    "  pm.response.to.have.status(200);",
                    "  pm.expect(pm.response.text()).to.eql('landed');",
                    "});"
                ])
            },
            {
                "name": "Landing",
                "request": { "method": "GET", "url": format!("{server}/landing") },
                "response": [example("Landed", 200, json!([]), "landed")]
            },
            {
                "name": "Redirect away",
                "request": { "method": "GET", "url": format!("{server}/away") },
                "response": [example("Away", 302, json!([{ "key": "Location", "value": format!("http://localhost:{port}/elsewhere?code=abc") }]), "")],
                "event": test(&[
                    "pm.test('not followed off the collection', () => {",
                    "  pm.response.to.have.status(302);",
                    "  pm.expect(pm.response.headers.get('Location')).to.include('code=abc');",
                    "});"
                ])
            },
            {
                "name": "Scripts send requests",
                "request": { "method": "GET", "url": format!("{server}/literal") },
                "response": [example("Literal", 200, json!([]), "from the example")],
                "event": test(&[
                    &format!("pm.sendRequest('{server}/landing', (err, res) => {{"),
                    "  pm.test('sendRequest answered by the mock', () => {",
                    "    pm.expect(err).to.eql(null);",
                    "    pm.expect(res.text()).to.eql('landed');",
                    "  });",
                    "});",
                    &format!("pm.sendRequest('http://localhost:{port}/elsewhere', (err, res) => {{"),
                    "  pm.test('sendRequest off the collection is refused', () => {",
                    "    pm.expect(String(err && (err.message || err))).to.include('localhost is not in the collection');",
                    "    pm.expect(res).to.not.be.ok;",
                    "  });",
                    "});"
                ])
            },
            {
                "name": "No example",
                "request": { "method": "GET", "url": format!("{server}/nothing?q=1") },
                "event": test(&["pm.test('the mock answers 404', () => pm.response.to.have.status(404));"])
            }
        ]
    })
}

#[test]
fn literal_hosts_redirects_and_send_request_reach_only_the_mock() {
    let server = TestServer::start(|_| Reply::text(200, "the real server")).expect(0);
    let dir = tempfile::tempdir().unwrap();
    let ran = with_json_report(
        dir.path(),
        &literal_hosts_collection(&server.base, server.port),
        &["--mock"],
    );
    let (stdout, stderr, report) = (&ran.stdout, &ran.stderr, &ran.report);
    // The refused pm.sendRequest is a failed request of the run, as newman
    // counts a pm.sendRequest that fails: the only failure.
    assert_eq!(ran.code, 1, "{stdout}\n{stderr}");
    let failures = report["run"]["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{stdout}");
    assert_eq!(failures[0]["at"], "request");
    let message = failures[0]["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("its host localhost is not in the collection"),
        "{message}"
    );
    assert_eq!(report["run"]["stats"]["requests"]["failed"], 1);
    for e in executions(report) {
        let refused = e["request"]["url"]["host"][0] == "localhost";
        assert_eq!(e["response"]["code"].is_u64(), !refused, "{e}");
    }
    let assertions = &report["run"]["stats"]["assertions"];
    assert_eq!(assertions["total"], 8, "{stdout}");
    assert_eq!(assertions["failed"], 0, "{stdout}");
    assert!(
        stderr.contains("no saved example matches GET /nothing?q=1; the mock answered 404"),
        "{stderr}"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_request_to_a_host_outside_the_collection_is_refused_and_named() {
    let server = TestServer::start(|_| Reply::text(200, "the real server")).expect(0);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.json");
    // The pre-request script moves the request to a host the collection does not have.
    let collection = json!({
        "info": { "name": "moved", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        "item": [{
            "name": "Moved away",
            "request": { "method": "GET", "url": format!("{}/here", server.base) },
            "response": [{ "name": "Here", "code": 200, "body": "here" }],
            "event": [{ "listen": "prerequest", "script": { "exec": [
                format!("pm.request.url = 'http://localhost:{}/there';", server.port)
            ] } }]
        }]
    });
    std::fs::write(&file, collection.to_string()).unwrap();
    let out = postie()
        .arg("run")
        .arg(&file)
        .arg("--mock")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let expected = format!(
        "GET http://localhost:{}/there not sent: its host localhost is not in the collection",
        server.port
    );
    assert!(stdout.contains(&expected), "{stdout}");
    assert!(stdout.contains("Moved away"), "{stdout}");
}
