//! Runs that end early: Ctrl-C, SIGTERM and the run's `--timeout`. Whatever is
//! in progress (a request that never answers, a script that never ends, a
//! pause between requests) is abandoned, and the reports and exports are still
//! written, whole and marked as interrupted, with no temporary file left.
#![cfg(unix)]

mod support;

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::report::{executions, read_json};
use support::run::write_json;
use support::server::{Reply, TestServer};
use support::{env_value, postie_process};

/// How long a stopped run may take to end before the test calls it a hang.
const HANG: Duration = Duration::from_secs(30);

/// "ok" (captures a variable), "hangs" (the server never answers) and "after".
fn hanging_collection(base: &str) -> Value {
    json!({
        "info": {"name": "Stops"},
        "item": [
            {"name": "ok", "request": format!("{base}/ok"),
             "event": [{"listen": "test", "script": {"exec": [
                 "pm.environment.set('captured', 'kept-' + pm.response.code);",
                 "pm.test('ok', () => pm.response.to.have.status(200));"
             ]}}]},
            {"name": "hangs", "request": format!("{base}/hang")},
            {"name": "after", "request": format!("{base}/after")}
        ]
    })
}

fn hanging_server() -> TestServer {
    TestServer::start(|r| {
        if r.path() == "/hang" {
            Reply::hang()
        } else {
            Reply::json(200, json!({"ok": true}))
        }
    })
}

fn spawn(dir: &Path, args: &[&str]) -> Child {
    postie_process()
        .current_dir(dir)
        .arg("run")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until `ready` holds (failing the test after [`HANG`]).
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(started.elapsed() < HANG, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The process's output once it has ended, killing it (and failing) if it hangs.
fn finish(mut child: Child) -> Output {
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "postie did not end within {HANG:?}; stdout:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Names of the files in a folder, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn paths(server: &TestServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|r| r.path().to_string())
        .collect()
}

fn interrupted_during_a_request(sig: &str, code: i32, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let server = hanging_server();
    let c = write_json(dir.path(), "c.json", &hanging_collection(&server.base));
    let env = write_json(
        dir.path(),
        "env.json",
        &json!({"name": "E", "values": [{"key": "old", "value": "1", "enabled": true}]}),
    );
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let child = spawn(
        dir.path(),
        &[
            c.to_str().unwrap(),
            "-e",
            env.to_str().unwrap(),
            "-r",
            "cli,json,junit",
            "--reporter-json-export",
            "out/report.json",
            "--reporter-junit-export",
            "out/report.xml",
            // The same file as -e: replaced whole with what the run captured.
            "--export-environment",
            env.to_str().unwrap(),
            "--export-globals",
            "out/globals.json",
        ],
    );
    wait_for("the request that hangs", || {
        paths(&server).contains(&"/hang".to_string())
    });
    signal(&child, sig);
    let out = finish(child);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(code), "stdout:\n{stdout}");
    assert_eq!(
        paths(&server),
        ["/ok", "/hang"],
        "nothing runs after the signal"
    );
    // The run-level error is said once, on stderr, where newman says its `error:` line.
    assert!(
        text(&out.stderr).contains(&format!("postie: interrupted by {name}")),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !stdout.contains(&format!("error: interrupted by {name}")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("request abandoned: interrupted by {name}")),
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains(&format!("{name} received")),
        "{}",
        text(&out.stderr)
    );

    // The JSON report: whole, with both executions and the run marked. Read
    // from the file the stopped run left (this test signals its own process, so
    // `support::run::reporting` cannot run it): parsing proves it was finished.
    let report = read_json(&dir.path().join("out/report.json"));
    let run = &report["run"];
    assert_eq!(
        run["error"],
        json!({"name": "InterruptedError", "message": format!("interrupted by {name}"),
               "interrupted": true, "signal": name})
    );
    let executions = executions(&report);
    assert_eq!(executions.len(), 2);
    assert_eq!(executions[0]["assertions"][0]["assertion"], "ok");
    assert_eq!(
        executions[1]["requestError"]["message"],
        format!("request abandoned: interrupted by {name}")
    );
    assert_eq!(
        run["stats"]["requests"],
        json!({"total": 2, "pending": 0, "failed": 1})
    );
    assert_eq!(
        env_value(&report["environment"], "captured").as_deref(),
        Some("kept-200")
    );

    // The JUnit report: whole, with an errored suite saying why the run ended.
    let xml = std::fs::read_to_string(dir.path().join("out/report.xml")).unwrap();
    assert!(xml.trim_end().ends_with("</testsuites>"), "{xml}");
    assert!(
        xml.contains("<testsuite name=\"Stops (run interrupted)\" id=\"\"")
            && xml.contains(&format!("<![CDATA[interrupted by {name}\n]]>")),
        "{xml}"
    );
    assert!(xml.contains("<testcase name=\"ok\""), "{xml}");

    // The exports hold what was captured before the signal.
    let env_after = read_json(&env);
    assert_eq!(
        env_value(&env_after, "captured").as_deref(),
        Some("kept-200")
    );
    assert_eq!(env_value(&env_after, "old").as_deref(), Some("1"));
    let globals = read_json(&dir.path().join("out/globals.json"));
    assert_eq!(globals["_postman_variable_scope"], "globals");

    // No temporary file anywhere.
    assert_eq!(
        files_in(&dir.path().join("out")),
        ["globals.json", "report.json", "report.xml"]
    );
    assert_eq!(files_in(dir.path()), ["c.json", "env.json", "out"]);
}

#[test]
fn ctrl_c_abandons_the_request_and_finishes_every_report() {
    interrupted_during_a_request("INT", 130, "SIGINT");
}

#[test]
fn sigterm_does_the_same_with_its_own_exit_code() {
    interrupted_during_a_request("TERM", 143, "SIGTERM");
}

#[test]
fn a_second_ctrl_c_quits_at_once_and_removes_temporary_files() {
    // The body file is a FIFO nobody writes to: reading it blocks outside
    // anything the run can abandon, so only the second signal ends postie.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("body.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let server = TestServer::start(|_| Reply::json(200, json!({})));
    let c = write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "Blocked"}, "item": [
            {"name": "first", "request": format!("{}/first", server.base)},
            {"name": "file body", "request": {"method": "POST", "url": format!("{}/file", server.base),
             "body": {"mode": "file", "file": {"src": fifo.to_str().unwrap()}}}}
        ]}),
    );
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let child = spawn(
        dir.path(),
        &[
            c.to_str().unwrap(),
            "-r",
            "json",
            "--reporter-json-export",
            "out/report.json",
        ],
    );
    wait_for("the first request", || !server.requests().is_empty());
    // The JSON report's temporary file is there while the run goes on.
    wait_for("the report's temporary file", || {
        !files_in(&dir.path().join("out")).is_empty()
    });
    signal(&child, "INT");
    std::thread::sleep(Duration::from_millis(300));
    signal(&child, "INT");
    let out = finish(child);
    assert_eq!(out.status.code(), Some(130));
    assert!(
        text(&out.stderr).contains("SIGINT: quitting"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        files_in(&dir.path().join("out")),
        Vec::<String>::new(),
        "no report (it was not finished) and no temporary file"
    );
    assert_eq!(paths(&server), ["/first"]);
}

#[test]
fn ctrl_c_ends_a_pause_between_requests_and_a_script_that_never_ends() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|_| Reply::json(200, json!({})));
    let c = write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "Waits"}, "item": [
            {"name": "first", "request": format!("{}/first", server.base)},
            {"name": "second", "request": format!("{}/second", server.base)}
        ]}),
    );
    let child = spawn(
        dir.path(),
        &[c.to_str().unwrap(), "--delay-request", "600000"],
    );
    wait_for("the first request", || !server.requests().is_empty());
    std::thread::sleep(Duration::from_millis(200));
    signal(&child, "INT");
    let out = finish(child);
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(paths(&server), ["/first"]);

    // The script tells the server it started, then spins in the callback.
    let spin = write_json(
        dir.path(),
        "spin.json",
        &json!({"info": {"name": "Spins"}, "item": [
            {"name": "spin", "request": format!("{}/spin", server.base),
             "event": [{"listen": "prerequest", "script": {"exec": [
                 format!("pm.sendRequest('{}/started', () => {{", server.base),
                 "  pm.environment.set('before', 'set');",
                 "  while (true) {}",
                 "});"
             ]}}]}
        ]}),
    );
    let exported = dir.path().join("exported.json");
    let child = spawn(
        dir.path(),
        &[
            spin.to_str().unwrap(),
            "--export-environment",
            exported.to_str().unwrap(),
        ],
    );
    wait_for("the script", || {
        paths(&server).contains(&"/started".to_string())
    });
    std::thread::sleep(Duration::from_millis(100));
    signal(&child, "INT");
    let out = finish(child);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(130), "{stdout}");
    assert!(
        stdout.contains(
            "InterruptedError in prerequest-script: script abandoned: interrupted by SIGINT"
        ),
        "{stdout}"
    );
    assert_eq!(
        paths(&server),
        ["/first", "/started"],
        "the spinning item sent nothing"
    );
    let env = read_json(&exported);
    assert_eq!(env_value(&env, "before").as_deref(), Some("set"));
}

#[test]
fn the_run_timeout_abandons_a_request_that_never_answers() {
    let dir = tempfile::tempdir().unwrap();
    let server = hanging_server();
    let c = write_json(dir.path(), "c.json", &hanging_collection(&server.base));
    let child = spawn(
        dir.path(),
        &[
            c.to_str().unwrap(),
            "--timeout",
            "3000",
            "-r",
            "cli,json,junit",
            "--reporter-json-export",
            "report.json",
            "--reporter-junit-export",
            "report.xml",
        ],
    );
    let out = finish(child);
    let stdout = text(&out.stdout);
    // newman's code for a run that timed out.
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(paths(&server), ["/ok", "/hang"]);
    let said = "the run timed out after 3000 ms (--timeout)";
    assert_eq!(
        text(&out.stderr)
            .matches(&format!("postie: {said}"))
            .count(),
        1,
        "{}",
        text(&out.stderr)
    );
    assert!(
        !stdout.contains(&format!("error: {said}")),
        "said once, on stderr only: {stdout}"
    );
    let report = read_json(&dir.path().join("report.json"));
    assert_eq!(
        report["run"]["error"],
        json!({"name": "TimeoutError", "message": said, "interrupted": true})
    );
    let xml = std::fs::read_to_string(dir.path().join("report.xml")).unwrap();
    assert!(xml.contains("name=\"Stops (run timed out)\""), "{xml}");

    // Without the cli reporter it is said the same way.
    let child = spawn(
        dir.path(),
        &[
            c.to_str().unwrap(),
            "--timeout",
            "1000",
            "-r",
            "json",
            "--reporter-json-export",
            "r2.json",
        ],
    );
    let out = finish(child);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "postie: the run timed out after 1000 ms (--timeout)\n"
    );
}

#[test]
fn the_run_timeout_stops_scripts_timers_and_send_request() {
    let dir = tempfile::tempdir().unwrap();
    let server = hanging_server();
    let script_stopped =
        "TimeoutError in prerequest-script: script abandoned: the run timed out after 2000 ms";
    // pm.sendRequest waits no longer than its script may run, and the script
    // may run no longer than the run: the script is what the run abandons.
    let scripts = [
        ("spin", "while (true) {}", script_stopped),
        ("timer", "setTimeout(() => {}, 600000);", script_stopped),
        (
            "sendRequest",
            &*format!(
                "pm.sendRequest('{}/hang', (err) => console.log('callback:', String(err)));",
                server.base
            ),
            script_stopped,
        ),
    ];
    for (name, script, said) in scripts {
        let c = write_json(
            dir.path(),
            "c.json",
            &json!({"info": {"name": name}, "item": [
                {"name": name, "request": format!("{}/{name}", server.base),
                 "event": [{"listen": "prerequest", "script": {"exec": [script]}}]},
                {"name": "never", "request": format!("{}/never", server.base)}
            ]}),
        );
        let child = spawn(
            dir.path(),
            &[
                c.to_str().unwrap(),
                "--timeout",
                "2000",
                "-r",
                "cli,json",
                "--reporter-json-export",
                "r.json",
            ],
        );
        let out = finish(child);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{name}: {stdout}");
        assert!(stdout.contains(said), "{name}: {stdout}");
        assert!(!stdout.contains("callback:"), "{name}: {stdout}");
        let report = read_json(&dir.path().join("r.json"));
        assert_eq!(report["run"]["error"]["name"], "TimeoutError", "{name}");
        assert_eq!(executions(&report).len(), 1, "{name}");
    }
    let sent = paths(&server);
    assert_eq!(sent, ["/hang"], "only the script's own request went out");
}
