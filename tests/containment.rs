//! What a collection cannot do to the machine that runs it: its scripts cannot
//! read files, start processes, read the process environment or open
//! connections (only `pm.sendRequest`, to http and https), and its file bodies
//! cannot read outside the working directory unless the user allows it.
//!
//! Each escape is tried by a script through the real binary; every probe reports
//! what it reached, and the test checks both the probes' verdicts and that no
//! secret planted outside the sandbox shows up in any output.

mod support;

use serde_json::{json, Value};
use std::path::Path;
use support::postie;
use support::server::{Reply, TestServer};

/// Planted in the environment of postie's process and in a file outside the
/// working directory: no output may ever contain it.
const PLANTED: &str = "planted-7c1d93e0";

fn write_collection(dir: &Path, items: Value) -> std::path::PathBuf {
    let path = dir.join("c.json");
    std::fs::write(
        &path,
        json!({"info": {"name": "Containment"}, "item": items}).to_string(),
    )
    .unwrap();
    path
}

/// Each probe is an expression; it is contained when evaluating it throws (or
/// its promise rejects) or gives nothing.
const PROBES: &[(&str, &str)] = &[
    ("require fs", "require('fs').readFileSync(FILE, 'utf8')"),
    (
        "require child_process",
        "require('child_process').execSync('id').toString()",
    ),
    ("require os", "require('os').hostname()"),
    ("require net", "require('net').connect(PORT, '127.0.0.1')"),
    ("require http", "require('http').get(OTHER)"),
    ("require process", "require('process').env.POSTIE_PLANTED"),
    ("process.env", "process.env.POSTIE_PLANTED"),
    ("process.binding", "process.binding('fs')"),
    ("QuickJS std", "std.loadFile(FILE)"),
    ("QuickJS os", "os.exec(['id'])"),
    ("QuickJS std getenv", "std.getenv('POSTIE_PLANTED')"),
    ("globalThis std", "globalThis.std.loadFile(FILE)"),
    ("import std", "import('std')"),
    ("import os", "import('os')"),
    (
        "Function constructor",
        "Function('return this')().std.loadFile(FILE)",
    ),
    ("eval of import", "eval(\"import('std')\")"),
    ("fetch", "fetch(OTHER)"),
    ("XMLHttpRequest", "new XMLHttpRequest()"),
    ("WebSocket", "new WebSocket('ws://127.0.0.1:' + PORT)"),
    ("Worker", "new Worker('x.js')"),
    ("Deno", "Deno.readTextFileSync(FILE)"),
    ("Bun", "Bun.file(FILE)"),
    ("scriptArgs", "scriptArgs.join(' ')"),
];

/// A test script that tries every probe and records a verdict per probe as an
/// assertion: `contained: <name>` passes when the probe reached nothing.
fn probe_script(file: &str, port: u16, other: &str) -> String {
    let mut s = format!(
        "const FILE = {file:?}; const PORT = {port}; const OTHER = {other:?};\n\
         async function attempt(f) {{\n\
           try {{ let v = f(); if (v && typeof v.then === 'function') v = await v; return v; }}\n\
           catch (e) {{ return undefined; }}\n\
         }}\n\
         function reached(v) {{ return v !== undefined && v !== null; }}\n"
    );
    for (name, expr) in PROBES {
        s.push_str(&format!(
            "await (async () => {{ const v = await attempt(() => {expr}); \
             pm.test('contained: {name}', () => pm.expect(reached(v), 'reached: ' + (typeof v === 'string' ? v.slice(0, 40) : typeof v)).to.equal(false)); }})();\n"
        ));
    }
    s
}

#[test]
fn scripts_cannot_reach_files_processes_the_environment_or_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret_file = outside.path().join("secret.txt");
    std::fs::write(&secret_file, PLANTED).unwrap();
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    // A server no script may reach: pm.sendRequest is the only way out, and no
    // probe uses it.
    let other = TestServer::start(|_| Reply::text(200, PLANTED));
    let script = probe_script(
        secret_file.to_str().unwrap(),
        other.port,
        &format!("{}/x", other.base),
    );
    let c = write_collection(
        dir.path(),
        json!([{"name": "probes", "request": format!("{}/ok", server.base),
            "event": [{"listen": "test", "script": {"exec": [script]}}]}]),
    );
    let mut cmd = postie();
    cmd.current_dir(dir.path())
        .env("POSTIE_PLANTED", PLANTED)
        .arg("run")
        .arg(&c);
    let ran = support::run::reporting(cmd, dir.path());
    let stdout = &ran.stdout;
    let assertions = ran.report["run"]["executions"][0]["assertions"]
        .as_array()
        .unwrap_or_else(|| panic!("no assertions in the report:\n{stdout}"));
    assert_eq!(
        assertions.len(),
        PROBES.len(),
        "one verdict per probe (a probe that hangs or kills the script is missing):\n{stdout}"
    );
    let escaped: Vec<&str> = assertions
        .iter()
        .filter(|a| !a["error"].is_null())
        .map(|a| a["assertion"].as_str().unwrap())
        .collect();
    assert!(escaped.is_empty(), "escapes: {escaped:?}\n{stdout}");
    assert_eq!(ran.code, 0, "{stdout}\n{}", ran.stderr);
    // The report file's own text is searched too, not only the parsed report:
    // a leak is in the bytes on disk.
    let report_text = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    for (what, text) in [
        ("stdout", ran.stdout.clone()),
        ("stderr", ran.stderr.clone()),
        ("report", report_text),
        ("report as parsed", ran.report.to_string()),
    ] {
        assert!(!text.contains(PLANTED), "{what} holds the planted secret");
    }
    assert!(
        other.requests().is_empty(),
        "a script reached another server"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn send_request_only_speaks_http() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret_file = outside.path().join("secret.txt");
    std::fs::write(&secret_file, PLANTED).unwrap();
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let url = format!("file://{}", secret_file.display());
    let script = format!(
        "pm.sendRequest({url:?}, (err, res) => {{\n\
           pm.test('file URL refused', () => {{ pm.expect(err).to.not.equal(null); }});\n\
           console.log('body:', res ? res.text() : 'none');\n\
         }});"
    );
    let c = write_collection(
        dir.path(),
        json!([{"name": "file url", "request": format!("{}/ok", server.base),
            "event": [{"listen": "test", "script": {"exec": [script]}}]}]),
    );
    let out = postie()
        .current_dir(dir.path())
        .arg("run")
        .arg(&c)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("✓  file URL refused"), "{stdout}");
    // As in newman, the callback gets an empty response with the error, and
    // the request counts as a failed request of the run.
    assert!(stdout.contains("'body:', ''"), "{stdout}");
    assert!(stdout.contains("[errored]"), "{stdout}");
    assert!(!stdout.contains(PLANTED), "{stdout}");
    assert_eq!(out.status.code(), Some(1), "{stdout}");
}

/// A collection whose requests send three files: one inside the working
/// directory, one reached with `../`, one by absolute path, and one through a
/// symbolic link inside the working directory that points outside.
fn file_bodies(dir: &Path, base: &str, outside_file: &Path) -> std::path::PathBuf {
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("inside.txt"), "inside-bytes").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside_file, work.join("link.txt")).unwrap();
    let rel_outside = format!(
        "../{}",
        outside_file
            .strip_prefix(dir)
            .expect("the outside file is under the test's folder")
            .display()
    );
    let file = |name: &str, src: &str| {
        json!({"name": name, "request": {"method": "POST", "url": format!("{base}/{name}"),
            "body": {"mode": "file", "file": {"src": src}}}})
    };
    let form = json!({"name": "form", "request": {"method": "POST", "url": format!("{base}/form"),
        "body": {"mode": "formdata", "formdata": [
            {"key": "f", "type": "file", "src": outside_file.to_str().unwrap()}]}}});
    write_collection(
        dir,
        json!([
            file("inside", "inside.txt"),
            file("dotdot", &rel_outside),
            file("absolute", outside_file.to_str().unwrap()),
            file("symlink", "link.txt"),
            form,
        ]),
    )
}

#[cfg(unix)]
#[test]
fn file_bodies_outside_the_working_directory_need_consent() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
    let outside_file = dir.path().join("elsewhere/secret.txt");
    std::fs::write(&outside_file, PLANTED).unwrap();
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let c = file_bodies(dir.path(), &server.base, &outside_file);
    let work = dir.path().join("work");

    // By default only the file inside the working directory is read and sent.
    let out = postie()
        .current_dir(&work)
        .arg("run")
        .arg(&c)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let got = server.requests();
    assert!(
        got.iter().all(|r| !r.text().contains(PLANTED)),
        "a file outside the working directory was sent"
    );
    let paths: Vec<&str> = got.iter().map(|r| r.path()).collect();
    assert_eq!(paths[0], "/inside", "{stdout}");
    assert_eq!(got[0].body, b"inside-bytes");
    for refused in ["dotdot", "absolute", "symlink"] {
        assert!(
            !paths.contains(&format!("/{refused}").as_str()),
            "{paths:?}"
        );
        let said = stdout
            .split(&format!("→ {refused}\n"))
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .unwrap_or_default();
        assert!(
            said.contains("is outside the working directory and was not read"),
            "{refused}: {stdout}"
        );
    }
    assert!(!stdout.contains(PLANTED));
    let sent_by_default = got.len();

    // With --working-dir the same holds whatever the current directory is.
    let out = postie()
        .current_dir(dir.path())
        .arg("run")
        .arg(&c)
        .arg("--working-dir")
        .arg(&work)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got = server.requests();
    assert_eq!(got.len(), 2 * sent_by_default);
    assert!(got.iter().all(|r| !r.text().contains(PLANTED)));

    // The user's consent reads them all, as newman does by default.
    let out = postie()
        .current_dir(&work)
        .arg("run")
        .arg(&c)
        .arg("--insecure-file-read")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let got = server.requests();
    let sent: Vec<(&str, bool)> = got[2 * sent_by_default..]
        .iter()
        .map(|r| (r.path(), r.text().contains(PLANTED)))
        .collect();
    assert_eq!(
        sent,
        [
            ("/inside", false),
            ("/dotdot", true),
            ("/absolute", true),
            ("/symlink", true),
            ("/form", true)
        ]
    );
}
