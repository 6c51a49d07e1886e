//! Golden files for the reporters: each folder of `tests/cases/` holds a collection
//! (with, where the case needs them, `env.json` and `data.json`) and what the real
//! binary must print or write for it, run against a local server:
//!
//! - `case.json`: what the case shows (`about`), extra command-line arguments
//!   (`args`), the exit code (`exit`), how many requests must reach the server
//!   (`requests`), what must be on stderr (`stderr`, else nothing), values that must
//!   appear in no output (`absent`) and text the server must have received
//!   (`received`);
//! - `expected.cli.txt`: the terminal output (`-r cli`, stdout);
//! - `expected.junit.xml`: the JUnit report;
//! - `expected.json`: the JSON report.
//!
//! Outputs are compared after [`normalise`], which replaces only what changes from
//! run to run. To update the golden files after an intended change of output:
//!
//! ```sh
//! POSTIE_BLESS=1 cargo test --test cases
//! ```
//!
//! and review the diff before committing it.

mod support;

use regex::Regex;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::postie;
use support::server::{Received, Reply, TestServer};

/// Makes an output comparable across runs, and nothing more:
///
/// 1. the test server's address `127.0.0.1:<port>` becomes `127.0.0.1:PORT`, and a
///    JSON `"port": "<port>"` becomes `"port": "PORT"`;
/// 2. `postie/<version>` (the User-Agent) becomes `postie/VERSION`;
/// 3. UUIDs (report ids, cursor references) become `<uuid>`;
/// 4. ISO-8601 timestamps become `<timestamp>`;
/// 5. durations in the terminal (`12ms`, `0µs`, `1.5s`) become `<t>`, and on such a
///    line the padding before the table's closing `│` shrinks to one space;
/// 6. JSON timing fields (`responseTime`, `started`, `completed`, and the
///    `response…`, `dns…`, `firstByte…` averages, minimums, maximums and deviations)
///    become `0`;
/// 7. JUnit `time="…"` attributes become `time="<t>"`.
pub fn normalise(text: &str, port: u16) -> String {
    static RULES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [
            (r"postie/\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?", "postie/VERSION"),
            (
                r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                "<uuid>",
            ),
            (
                r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)",
                "<timestamp>",
            ),
            (
                r#""(responseTime|started|completed|(response|dns|firstByte)(Average|Min|Max|Sd))": \d+(\.\d+)?"#,
                r#""$1": 0"#,
            ),
            (r#"time="[0-9.]+""#, r#"time="<t>""#),
        ]
        .into_iter()
        .map(|(pattern, with)| (Regex::new(pattern).unwrap(), with))
        .collect()
    });
    static DURATION: OnceLock<Regex> = OnceLock::new();
    let duration = DURATION.get_or_init(|| Regex::new(r"\b\d+(\.\d+)?(ms|µs|s)\b").unwrap());
    static PADDING: OnceLock<Regex> = OnceLock::new();
    let padding = PADDING.get_or_init(|| Regex::new(r" {2,}│$").unwrap());
    static TABLE: OnceLock<Regex> = OnceLock::new();
    let table = TABLE.get_or_init(|| Regex::new(r"(─|-)(─|-)+").unwrap());
    static SPACES: OnceLock<Regex> = OnceLock::new();
    let spaces = SPACES.get_or_init(|| Regex::new(r" {2,}").unwrap());

    let mut out = text
        .replace(&format!("127.0.0.1:{port}"), "127.0.0.1:PORT")
        .replace(&format!("\"port\": \"{port}\""), "\"port\": \"PORT\"");
    for (re, with) in rules {
        out = re.replace_all(&out, *with).into_owned();
    }
    out.split_inclusive('\n')
        .map(|line| {
            let (body, end) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            // The summary table's column widths follow its durations, as newman's
            // do: its lines keep their cells and borders, not their widths.
            if body.starts_with(['┌', '├', '└', '│', '+', '|']) {
                let body = duration.replace_all(body, "<t>");
                let body = table.replace_all(&body, "$1");
                return format!("{}{end}", spaces.replace_all(&body, " "));
            }
            if !duration.is_match(body) {
                return line.to_string();
            }
            let body = duration.replace_all(body, "<t>");
            format!("{}{end}", padding.replace(&body, " │"))
        })
        .collect()
}

/// The server of the cases: fixed answers that do not depend on the connection,
/// so that reported sizes are the same on every run.
///
/// | request | answer |
/// |---|---|
/// | `GET /users/N` | `{"id": N, "name": …, "token": "tok-0123456789"}`: Ann, Bea, Cid for 1, 2, 3 |
/// | `/status/N` | status N, `{"status": N}` |
/// | anything else | `{"method": …, "path": …, "query": "…", "body": "…"}` |
fn answer(r: &Received) -> Reply {
    let path = r.path();
    if let Some(id) = path.strip_prefix("/users/") {
        let id: u64 = id.parse().unwrap_or(0);
        let name = ["Ann", "Bea", "Cid"]
            .get(id.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("nobody");
        return Reply::json(
            200,
            json!({ "id": id, "name": name, "token": "tok-0123456789" }),
        );
    }
    if let Some(code) = path.strip_prefix("/status/") {
        let code: u16 = code.parse().unwrap_or(500);
        return Reply::json(code, json!({ "status": code }));
    }
    Reply::json(
        200,
        json!({ "method": r.method, "path": path, "query": r.query(), "body": r.text() }),
    )
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// Compares `actual` with the golden file, or writes it under `POSTIE_BLESS=1`;
/// returns a description of the difference.
fn check(dir: &Path, file: &str, actual: &str) -> Option<String> {
    support::golden::check(&dir.join(file), actual)
}

fn run_case(name: &str) {
    let dir = cases_dir().join(name);
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("case.json"))
            .unwrap_or_else(|e| panic!("{name}/case.json: {e}")),
    )
    .unwrap();
    let requests = case["requests"].as_u64().expect("case.json: requests") as usize;
    let server = TestServer::start(answer).expect(requests);
    let out_dir = tempfile::tempdir().unwrap();
    let (json_path, junit_path) = (
        out_dir.path().join("report.json"),
        out_dir.path().join("report.xml"),
    );

    let mut cmd = postie();
    cmd.current_dir(&dir)
        .args(["run", "collection.json"])
        .args(["--env-var", &format!("base={}", server.base)])
        // The slowest-requests list depends on timing; tests/report_golden.rs covers it.
        .args(["--reporter-cli-no-slowest"])
        .args(["-r", "cli,json,junit", "--reporter-json-export"])
        .arg(&json_path)
        .arg("--reporter-junit-export")
        .arg(&junit_path);
    if dir.join("env.json").exists() {
        cmd.args(["-e", "env.json"]);
    }
    if dir.join("data.json").exists() {
        cmd.args(["-d", "data.json"]);
    }
    for arg in case["args"].as_array().into_iter().flatten() {
        cmd.arg(arg.as_str().unwrap());
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let json = std::fs::read_to_string(&json_path).unwrap();
    let junit = std::fs::read_to_string(&junit_path).unwrap();

    assert_eq!(
        out.status.code(),
        case["exit"].as_i64().map(|c| c as i32),
        "{name}: exit code\n{stdout}\n{stderr}"
    );
    assert_eq!(
        stderr,
        case["stderr"].as_str().unwrap_or(""),
        "{name}: stderr"
    );
    for secret in case["absent"].as_array().into_iter().flatten() {
        let secret = secret.as_str().unwrap();
        for (what, text) in [("cli", &stdout), ("json", &json), ("junit", &junit)] {
            if let Some(at) = text.find(secret) {
                let from = text[..at]
                    .char_indices()
                    .rev()
                    .nth(1500)
                    .map_or(0, |(i, _)| i);
                panic!(
                    "{name}: {secret} in the {what} output: …{}",
                    &text[from..(at + secret.len()).min(text.len())]
                );
            }
        }
    }
    // The server got the real values, whatever the reports show.
    let received: Vec<u8> = server
        .requests()
        .iter()
        .flat_map(|r| r.raw.clone())
        .collect();
    let received = String::from_utf8_lossy(&received);
    for part in case["received"].as_array().into_iter().flatten() {
        let part = part.as_str().unwrap();
        assert!(
            received.contains(part),
            "{name}: the server did not receive {part}:\n{received}"
        );
    }
    let port = server.port;
    let differences: Vec<String> = [
        ("expected.cli.txt", &stdout),
        ("expected.junit.xml", &junit),
        ("expected.json", &json),
    ]
    .into_iter()
    .filter_map(|(file, text)| check(&dir, file, &normalise(text, port)))
    .collect();
    assert!(
        differences.is_empty(),
        "{name}:\n{}",
        differences.join("\n\n")
    );
}

macro_rules! cases {
    ($($test:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $test() {
                run_case($dir);
            }
        )*

        #[test]
        fn every_case_folder_has_a_test() {
            let mut listed = vec![$($dir),*];
            listed.sort();
            let mut found: Vec<String> = std::fs::read_dir(cases_dir())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            found.sort();
            assert_eq!(found, listed);
        }
    };
}

cases! {
    passing_and_failing_assertions => "assertions",
    script_errors => "script-error",
    request_errors => "request-error",
    two_iterations_with_data => "iterations-data",
    bail_stops_at_the_first_failure => "bail",
    skipped_requests => "skipped",
    secrets_are_masked => "secrets",
}

#[test]
fn normalise_replaces_only_what_changes_between_runs() {
    let cli = "  GET http://127.0.0.1:40123/users/1 [200 OK, 52B, 3ms]\n│ total run duration: 16ms                                       │\n│ 1ms │\nkept: 40123 12 bytes\n";
    assert_eq!(
        normalise(cli, 40123),
        "  GET http://127.0.0.1:PORT/users/1 [200 OK, 52B, <t>]\n│ total run duration: <t> │\n│ <t> │\nkept: 40123 12 bytes\n"
    );
    let json = r#"{"port": "40123", "ref": "87ff6996-fa7f-4f89-9fb1-0d47e6d686df", "responseTime": 12, "responseSize": 52, "started": 1796402040770, "dnsAverage": 0.5, "ua": "postie/0.1.0"}"#;
    assert_eq!(
        normalise(json, 40123),
        r#"{"port": "PORT", "ref": "<uuid>", "responseTime": 0, "responseSize": 52, "started": 0, "dnsAverage": 0, "ua": "postie/VERSION"}"#
    );
    let xml = r#"<testsuite timestamp="2026-12-04T16:34:00.770Z" tests="2" time="0.001">"#;
    assert_eq!(
        normalise(xml, 1),
        r#"<testsuite timestamp="<timestamp>" tests="2" time="<t>">"#
    );
}
