//! `postie run` of a collection written for the test, with a JSON report kept
//! beside it: what most end-to-end tests need to assert on.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// What one run gave: exit code, both output streams and the JSON report.
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub report: Value,
}

/// Writes `collection` to `dir/c.json`, runs it with `-r cli,json` and `extra`
/// options, and reads back the JSON report.
pub fn with_json_report(dir: &Path, collection: &Value, extra: &[&str]) -> Ran {
    let c = write_json(dir, "c.json", collection);
    let mut cmd = super::postie();
    cmd.arg("run").arg(&c).args(extra);
    reporting(cmd, dir)
}

/// Runs `cmd` (a `postie run` with its collection and options) with `-r cli,json`
/// and the JSON report written to `dir/report.json`, and reads the report back.
pub fn reporting(mut cmd: assert_cmd::Command, dir: &Path) -> Ran {
    let report = dir.join("report.json");
    let out = output(
        cmd.args(["-r", "cli,json", "--reporter-json-export"])
            .arg(&report),
    );
    let text = std::fs::read_to_string(&report)
        .unwrap_or_else(|e| panic!("no JSON report ({e}):\n{}\n{}", out.stdout, out.stderr));
    let report = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the JSON report is not JSON ({e}):\n{text}"));
    Ran {
        code: out.code,
        report,
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// What a run without a report gave: exit code and both output streams.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` to its end and keeps its exit code (-1 when a signal ended it)
/// and both output streams as text.
pub fn output(cmd: &mut assert_cmd::Command) -> Output {
    let out = cmd.output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `collection` to `dir/c.json` and runs it from `dir` with the variable
/// `base` set to `base` (a test server's URL) and `extra` options.
pub fn against(dir: &Path, collection: &Value, base: &str, extra: &[&str]) -> Output {
    let c = write_json(dir, "c.json", collection);
    output(
        super::postie()
            .current_dir(dir)
            .arg("run")
            .arg(&c)
            .args(["--env-var", &format!("base={base}")])
            .args(extra),
    )
}

/// Writes `doc` (a collection, environment, data file …) to `dir/name`.
pub fn write_json(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}
