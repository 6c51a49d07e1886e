//! Exported scripts as users run them: a collection (scripts taken out) sent by
//! `postie run` and by the export, against the same recording server, for
//! [`super::wire`] to compare.
//!
//! Scripts are taken out because an export sends requests as the collection and
//! environment define them, without running pre-request or test scripts: `run`
//! must be compared on the same footing.

use super::postie;
use super::server::{Received, Reply, TestServer};
use super::wire::{self, ShellCommand};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

pub fn recording_server() -> TestServer {
    TestServer::start(|_| Reply::json(200, json!({"ok": true})))
}

pub fn take(server: &TestServer) -> Vec<Received> {
    std::mem::take(&mut *server.received.lock().unwrap())
}

/// Removes every `event` (scripts) from a collection document.
pub fn strip_scripts(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("event");
            for (_, child) in m.iter_mut() {
                strip_scripts(child);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip_scripts),
        _ => {}
    }
}

/// A collection to compare: the file, its environment, `--env-var` values and the
/// folder that relative body files are read from (the scripts run there too).
pub struct Case {
    pub label: String,
    pub collection: PathBuf,
    pub environment: Option<PathBuf>,
    pub vars: Vec<String>,
    pub dir: PathBuf,
}

impl Case {
    pub fn new(label: &str, doc: &Value, dir: &Path) -> Case {
        let mut doc = doc.clone();
        strip_scripts(&mut doc);
        let collection = dir.join("collection.json");
        std::fs::write(&collection, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        Case {
            label: label.into(),
            collection,
            environment: None,
            vars: Vec::new(),
            dir: dir.to_path_buf(),
        }
    }

    pub fn from_file(label: &str, path: &Path, env: &Path, dir: &Path) -> Case {
        let doc: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let mut case = Case::new(label, &doc, dir);
        case.environment = Some(env.to_path_buf());
        case
    }

    pub fn common_args(&self, cmd: &mut assert_cmd::Command) {
        cmd.arg(&self.collection);
        if let Some(e) = &self.environment {
            cmd.arg("-e").arg(e);
        }
        for v in &self.vars {
            cmd.arg("--env-var").arg(v);
        }
        cmd.arg("--working-dir").arg(&self.dir);
    }

    /// What `postie run` sends, in order.
    pub fn sent_by_run(&self, server: &TestServer) -> Vec<Received> {
        take(server);
        let mut cmd = postie();
        cmd.arg("run");
        self.common_args(&mut cmd);
        let out = cmd.current_dir(&self.dir).output().unwrap();
        // 1 when a request could not be sent (the refused ones of the hostile corpus).
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: postie run: {}",
            self.label,
            String::from_utf8_lossy(&out.stderr)
        );
        take(server)
    }

    /// Writes the curl export to `name` in the case's folder; returns its path and the
    /// warnings.
    pub fn export(&self, name: &str, extra: &[&str]) -> (PathBuf, String) {
        self.export_as("curl", name, extra)
    }

    /// As [`Case::export`], in another format (`httpie`, `hurl`).
    pub fn export_as(&self, format: &str, name: &str, extra: &[&str]) -> (PathBuf, String) {
        let path = self.dir.join(name);
        let mut cmd = postie();
        cmd.args(["export", format]);
        self.common_args(&mut cmd);
        let out = cmd.args(extra).arg("-o").arg(&path).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: postie export: {}",
            self.label,
            String::from_utf8_lossy(&out.stderr)
        );
        (path, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// Runs the exported script with `shell` and compares what arrives with `expected`.
    pub fn replay(
        &self,
        server: &TestServer,
        shell: &ShellCommand,
        script: &Path,
        env: &[(&str, &str)],
        expected: &[Received],
    ) {
        self.replay_as(server, shell, script, env, expected, wire::comparable)
    }

    /// As [`Case::replay`], comparing in the given form.
    pub fn replay_as(
        &self,
        server: &TestServer,
        shell: &ShellCommand,
        script: &Path,
        env: &[(&str, &str)],
        expected: &[Received],
        form: fn(&Received) -> Vec<u8>,
    ) {
        take(server);
        let out = shell.run(script, &self.dir, env);
        // The shell itself complains naming the script (`export.sh: 3: Syntax error`);
        // curl's own failures are compared through what reached the server.
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = script.file_name().unwrap().to_string_lossy();
        assert!(
            !stderr.lines().any(|l| l.contains(name.as_ref())),
            "{} through {}: the shell complained:\n{stderr}",
            self.label,
            shell.name
        );
        assert_no_marker(&self.dir, &format!("{} through {}", self.label, shell.name));
        let actual = take(server);
        wire::assert_same(
            &format!("{} through {}", self.label, shell.name),
            expected,
            &actual,
            form,
        );
    }
}

/// Fails if anything smuggled in by a value ran: each payload creates a `pwned*` file.
pub fn assert_no_marker(dir: &Path, label: &str) {
    let found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("pwned"))
        .collect();
    assert!(
        found.is_empty(),
        "{label}: a value ran as a command: {found:?}"
    );
}
