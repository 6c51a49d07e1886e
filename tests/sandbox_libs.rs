//! The libraries scripts `require` (crypto-js, lodash, moment, buffer, uuid,
//! querystring, url, xml2js, tv4, ajv), checked inside the sandbox with the
//! Rust natives behind them (hashes, HMAC, PBKDF2, AES, XML parsing, JSON
//! Schema). Each `tests/sandbox_libs/<library>.js` runs as one test script; each
//! of its checks is a `pm.test` named "<group>: <check>", so a failure names
//! the check, what it expected and what it got.
//!
//! Most files run through [`postie::script::Sandbox`] in this process. moment's
//! checks read local time, which is the process's time zone, so they run in a
//! `postie run` whose `TZ` the test sets.

mod support;

use serde_json::{json, Value};
use support::postie;
use support::sandbox::test_script;
use support::server::{Reply, TestServer};

const HARNESS: &str = include_str!("sandbox_libs/harness.js");

/// One check as a run reported it.
struct Check {
    name: String,
    /// Message and stack of what the check threw.
    error: Option<(String, String)>,
}

/// What running one library file gave.
struct Ran {
    checks: Vec<Check>,
    /// Errors that were not a check failing (a script error, a request error).
    errors: Vec<String>,
}

/// The script a library file runs as: its checks, then the harness they call.
fn script(source: &str) -> String {
    format!("{source}\n{HARNESS}")
}

/// The checks a library file declares: its lines that start with `test(`.
fn declared_checks(source: &str) -> usize {
    source
        .lines()
        .filter(|l| l.trim_start().starts_with("test('"))
        .count()
}

/// Fails naming every check that failed, with its message and where it threw,
/// then if anything stopped the checks, or if a declared check did not report.
fn verify(file: &str, source: &str, ran: &Ran) {
    let failed: Vec<String> = ran
        .checks
        .iter()
        .filter_map(|c| {
            let (message, stack) = c.error.as_ref()?;
            let at: Vec<&str> = stack
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("at "))
                .take(3)
                .collect();
            Some(format!(
                "FAIL {}\n    {message}\n    {}",
                c.name,
                at.join(" / ")
            ))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} checks in {file} failed:\n{}",
        failed.len(),
        ran.checks.len(),
        failed.join("\n")
    );
    assert!(
        ran.errors.is_empty(),
        "{file} did not run cleanly: {:#?}",
        ran.errors
    );
    let names: Vec<&str> = ran.checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names.len(),
        declared_checks(source),
        "{file}: every declared check reports once; reported {names:#?}"
    );
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{file}: check names are unique");
}

/// Runs `tests/sandbox_libs/<file>` in a fresh sandbox in this process.
fn check(file: &str, source: &str) {
    let out = test_script(&script(source)).outcome;
    let ran = Ran {
        checks: out
            .assertions
            .iter()
            .map(|a| Check {
                name: a.name.clone(),
                error: a
                    .error
                    .as_ref()
                    .map(|e| (e.message.clone(), e.stack.clone().unwrap_or_default())),
            })
            .collect(),
        errors: out.error.iter().map(|e| e.to_string()).collect(),
    };
    verify(file, source, &ran);
}

/// Runs `tests/sandbox_libs/<file>` as the test script of a one-request
/// `postie run` under time zone `tz`, and reads the checks from its JSON report.
fn check_in_run(file: &str, source: &str, tz: &str) {
    let server = TestServer::start(|_| Reply::json(200, json!({})));
    let dir = tempfile::tempdir().unwrap();
    let collection = dir.path().join("libs.postman_collection.json");
    let doc = json!({
        "info": {"name": "sandbox libraries"},
        "item": [{
            "name": file,
            "request": {"method": "GET", "url": format!("{}/libs", server.base)},
            "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": [script(source)]}}]
        }]
    });
    std::fs::write(&collection, doc.to_string()).unwrap();
    let mut cmd = postie();
    cmd.arg("run").arg(&collection).env("TZ", tz);
    let mut out = support::run::reporting(cmd, dir.path());
    let stderr = &out.stderr;
    let run = out.report["run"].take();
    let text_of = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let ran = Ran {
        checks: run["executions"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|e| e["assertions"].as_array().cloned().unwrap_or_default())
            .map(|a| Check {
                name: text_of(&a["assertion"]),
                error: a
                    .get("error")
                    .filter(|e| !e.is_null())
                    .map(|e| (text_of(&e["message"]), text_of(&e["stack"]))),
            })
            .collect(),
        errors: run["failures"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| !text_of(&f["at"]).starts_with("assertion:"))
            .map(|f| format!("{}: {}", text_of(&f["at"]), text_of(&f["error"]["message"])))
            .collect(),
    };
    verify(file, source, &ran);
    assert_eq!(out.code, 0, "postie failed; stderr:\n{stderr}");
}

macro_rules! library_checks {
    ($($test:ident => $file:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                check($file, include_str!(concat!("sandbox_libs/", $file)));
            }
        )*
    };
}

library_checks! {
    crypto_js => "crypto-js.js",
    lodash => "lodash.js",
    buffer => "buffer.js",
    uuid => "uuid.js",
    querystring => "querystring.js",
    url => "url.js",
    xml2js => "xml2js.js",
    tv4_and_ajv => "json-schema.js",
    node_builtins => "node-builtins.js",
    postman_collection => "postman-collection.js",
}

#[test]
fn moment_in_utc() {
    check_in_run("moment.js", include_str!("sandbox_libs/moment.js"), "UTC");
}

#[test]
fn moment_in_new_york() {
    check_in_run(
        "moment-new-york.js",
        include_str!("sandbox_libs/moment-new-york.js"),
        "America/New_York",
    );
}
