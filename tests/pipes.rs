//! Output into a pipe whose reader went away (`postie run … | head -1`): the
//! run goes on quietly, writes its reports and exits with the code it would
//! have had. newman dies there with an unhandled EPIPE and writes no report.
#![cfg(unix)]

mod support;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use support::postie_process;
use support::report::{executions, read_json};
use support::server::{Reply, TestServer};

/// The first request is slow, so the reader is gone before most output is written.
fn slow_server() -> TestServer {
    TestServer::start(|r| {
        if r.path() == "/0" {
            std::thread::sleep(Duration::from_millis(500));
        }
        Reply::json(200, json!({"path": r.path()}))
    })
}

fn collection(dir: &Path, base: &str, failing: bool) {
    let check = if failing {
        "pm.expect(1).to.eql(2)"
    } else {
        "pm.expect(1).to.eql(1)"
    };
    let items: Vec<Value> = (0..40)
        .map(|i| {
            json!({"name": format!("request {i}"), "request": format!("{base}/{i}"),
            "event": [{"listen": "test", "script": {"exec": [
                format!("console.log('{}'); pm.test('check', () => {check});", "x".repeat(200))
            ]}}]})
        })
        .collect();
    std::fs::write(
        dir.join("c.json"),
        json!({"info": {"name": "Pipes"}, "item": items}).to_string(),
    )
    .unwrap();
}

#[test]
fn a_reader_that_goes_away_ends_output_not_the_run() {
    for (failing, code) in [(true, 1), (false, 0)] {
        let dir = tempfile::tempdir().unwrap();
        let server = slow_server();
        collection(dir.path(), &server.base, failing);
        let mut child = postie_process()
            .current_dir(dir.path())
            .args([
                "run",
                "c.json",
                "-r",
                "cli,json,junit",
                "--reporter-json-export",
                "r.json",
            ])
            .args(["--reporter-junit-export", "r.xml", "--verbose"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert_eq!(first, "postie\n");
        // The read end is closed here, while the first request is still slow.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{stderr}");
        assert_eq!(stderr, "", "quietly");
        assert_eq!(server.requests().len(), 40, "the run went on to the end");
        let report = read_json(&dir.path().join("r.json"));
        assert_eq!(executions(&report).len(), 40);
        assert_eq!(
            report["run"]["stats"]["assertions"]["failed"],
            if failing { 40 } else { 0 }
        );
        assert!(std::fs::read_to_string(dir.path().join("r.xml"))
            .unwrap()
            .ends_with("</testsuites>"));
    }
}

#[test]
fn stdout_and_stderr_into_a_closed_pipe_neither_panic_nor_abort() {
    let Some(bash) = support::tool("bash") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let server = slow_server();
    collection(dir.path(), &server.base, true);
    // A file where the export wants a folder: the run ends with an error on stderr,
    // written after the reader has gone.
    std::fs::write(dir.path().join("blocker"), "").unwrap();
    let postie = env!("CARGO_BIN_EXE_postie");
    let script = format!(
        "'{postie}' run c.json --export-globals blocker/g.json 2>&1 | head -1; echo \"status=${{PIPESTATUS[0]}}\""
    );
    let out = Command::new(bash)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["-c", &script])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "postie\nstatus=4\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(server.requests().len(), 40);
}
