//! `postie run` of a collection written for the test, with a JSON report kept
//! beside it: what most end-to-end tests need to assert on.

use serde_json::Value;
use std::path::Path;

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
    let c = dir.join("c.json");
    std::fs::write(&c, collection.to_string()).unwrap();
    let report = dir.join("report.json");
    let out = super::postie()
        .arg("run")
        .arg(&c)
        .args(["-r", "cli,json", "--reporter-json-export"])
        .arg(&report)
        .args(extra)
        .output()
        .unwrap();
    Ran {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        report: serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap(),
    }
}
