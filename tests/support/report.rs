//! Reading what postie wrote: JSON files (reports, exported environments,
//! globals and cookie jars) and golden files for report output, with the parts
//! that change from run to run (times, ports, dates, tokens) replaced by fixed
//! words, compared with a file under `tests/fixtures/report/`.

use regex::Regex;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A JSON file postie wrote, parsed. Fails the test, naming the file, when it
/// is missing or not whole JSON (a report cut short reads as an error here).
#[track_caller]
pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} was not written: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not JSON ({e}):\n{text}", path.display()))
}

/// The executions of a JSON report (`run.executions`); fails the test when the
/// report has none.
#[track_caller]
pub fn executions(report: &Value) -> &Vec<Value> {
    report["run"]["executions"]
        .as_array()
        .unwrap_or_else(|| panic!("no run.executions in the report: {report}"))
}

/// The folder of one golden case.
pub fn case_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/report")
        .join(name)
}

/// Replaces what differs between runs. The rules are few and visible, so a
/// golden file still pins everything else byte for byte.
pub fn normalise(text: &str) -> String {
    let rules: &[(&str, &str)] = &[
        // Ports of the local test server.
        (r"127\.0\.0\.1:\d{2,5}", "127.0.0.1:PORT"),
        // Dates and times of day.
        (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", "DATE"),
        (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC", "DATE"),
        // postie's version, in the User-Agent header.
        (r"postie/\d+\.\d+\.\d+", "postie/VERSION"),
        // JUnit's times in seconds.
        (r#"time="\d+\.\d{3}""#, r#"time="S""#),
        // TAP's response times.
        (r"responseTime: \d+", "responseTime: MS"),
        // GitHub's stop-commands token.
        (r"\b[0-9a-f]{32}\b", "TOKEN"),
        // Durations as newman prints them (and the padding that aligns them),
        // one or several parts: 850µs, 35ms, 2.3s, 1m 5.2s.
        (r" *\b(\d+h )?(\d+m )?\d+(\.\d+)?(µs|us|ms|s)\b", " TIME"),
        // Table borders and padding whose width follows the durations.
        (r"─+", "─"),
        (r"-{3,}", "---"),
        (r"(\S) +│", "$1 │"),
        (r"(\S) +\|$", "$1 |"),
    ];
    let mut out = text.replace("\r\n", "\n");
    for (pattern, with) in rules {
        let re = Regex::new(&format!("(?m){pattern}")).expect("valid pattern");
        out = re.replace_all(&out, *with).into_owned();
    }
    // The summary table's right-aligned counts: their columns widen with the
    // durations too, as newman's do.
    let spaces = Regex::new(" {2,}").expect("valid pattern");
    out.split_inclusive('\n')
        .map(|line| match line.starts_with(['│', '|']) {
            true => spaces.replace_all(line, " ").into_owned(),
            false => line.to_string(),
        })
        .collect()
}

/// Compares normalised output with `tests/fixtures/report/<case>/<file>`
/// (see [`super::golden`]).
#[track_caller]
pub fn assert_golden(case: &str, file: &str, actual: &str) {
    super::golden::assert_golden(&case_dir(case).join(file), &normalise(actual));
}

/// The cli output with console boxes' long lines joined again: newman's layout
/// cuts them into 54-column pieces (`\n  │ ` between them), which a test looking
/// for a whole message must undo.
pub fn console_joined(stdout: &str) -> String {
    stdout.replace("\n  │ ", "")
}
