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

/// Reads a named pipe to its end on a thread of its own, as a consumer of
/// postie's reports would (`--reporter-json-export /dev/stdout`, a log shipper).
fn drain(fifo: std::path::PathBuf) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let text = std::fs::read_to_string(&fifo).unwrap();
        let _ = tx.send(text);
    });
    rx
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path)
        .map(|m| m.file_type().is_fifo())
        .unwrap_or(false)
}

/// A report or export named after something that is not a regular file (a named
/// pipe here; `/dev/null` or `/dev/stdout` in use) is written into it. Renaming a
/// finished temporary file over it, as regular files are written, replaced
/// `/dev/null` itself with a regular file when postie ran as root.
#[test]
fn reports_and_exports_into_a_named_pipe_are_written_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|_| Reply::json(200, json!({"token": "t-1"})));
    std::fs::write(
        dir.path().join("c.json"),
        json!({"info": {"name": "Pipes"}, "item": [{"name": "login",
        "request": format!("{}/login", server.base),
        "event": [{"listen": "test", "script": {"exec": [
            "pm.environment.set('token', pm.response.json().token);",
            "pm.test('ok', () => pm.response.to.have.status(200));"
        ]}}]}]})
        .to_string(),
    )
    .unwrap();
    let fifos = ["report.json", "env.json", "results.xml"].map(|n| dir.path().join(n));
    for fifo in &fifos {
        let made = Command::new("mkfifo").arg(fifo).status().unwrap();
        assert!(made.success());
    }
    let readers = fifos.clone().map(drain);
    let mut child = postie_process()
        .current_dir(dir.path())
        .args(["run", "c.json", "-r", "json,junit"])
        .args(["--reporter-json-export", "report.json"])
        .args(["--reporter-junit-export", "results.xml"])
        .args(["--export-environment", "env.json"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("postie did not finish writing into the named pipes");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    for fifo in &fifos {
        assert!(
            is_fifo(fifo),
            "{} is no longer a named pipe",
            fifo.display()
        );
    }
    let [report, env, junit] = readers.map(|r| r.recv_timeout(Duration::from_secs(10)).unwrap());
    let report: Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["run"]["stats"]["assertions"]["total"], 1);
    let env: Value = serde_json::from_str(&env).unwrap();
    assert_eq!(support::env_value(&env, "token").as_deref(), Some("t-1"));
    assert!(junit.ends_with("</testsuites>"), "{junit}");
    assert_eq!(server.requests().len(), 1);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with(".postie-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
