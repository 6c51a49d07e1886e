//! Golden files for report output: what postie prints or writes, with the parts
//! that change from run to run (times, ports, dates, tokens) replaced by fixed
//! words, compared with a file under `tests/fixtures/report/`.
//!
//! To accept new output after a deliberate change, run the test with
//! `POSTIE_UPDATE_GOLDEN=1` (for example
//! `POSTIE_UPDATE_GOLDEN=1 cargo test --test report_golden`), then read the diff of
//! `tests/fixtures/report/` before committing it.
#![allow(dead_code)]

use regex::Regex;
use std::path::{Path, PathBuf};

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
    out
}

/// Compares normalised output with `tests/fixtures/report/<case>/<file>`, or writes it
/// there under `POSTIE_UPDATE_GOLDEN=1`.
pub fn assert_golden(case: &str, file: &str, actual: &str) {
    let path = case_dir(case).join(file);
    let actual = normalise(actual);
    if std::env::var("POSTIE_UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with POSTIE_UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let diff = similar::TextDiff::from_lines(&expected, &actual)
            .unified_diff()
            .header("golden", "actual")
            .to_string();
        panic!(
            "{} differs from the output (POSTIE_UPDATE_GOLDEN=1 accepts it):\n{diff}",
            path.display()
        );
    }
}

#[test]
fn normalising_keeps_what_matters() {
    assert_eq!(
        normalise("  GET http://127.0.0.1:40123/x [200 OK, 97B, 12ms]"),
        "  GET http://127.0.0.1:PORT/x [200 OK, 97B, TIME]"
    );
    assert_eq!(
        normalise("│ average response time: 4ms [min: 2ms, max: 1m 5.2s, s.d.: 850µs]     │"),
        "│ average response time: TIME [min: TIME, max: TIME, s.d.: TIME] │"
    );
    assert_eq!(normalise("12 requests, 3 failed"), "12 requests, 3 failed");
}
