//! Lint findings for people (one line each, grouped by item) and for tools (JSON).

use super::{Report, Severity};
use serde_json::json;

/// One line per finding under its item, then a summary line.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    let mut current: Option<Option<&str>> = None;
    for f in &report.findings {
        let item = f.item.as_deref();
        if current != Some(item) {
            match item {
                Some(path) => out.push_str(path),
                None => out.push_str(&format!("(collection) {}", report.collection)),
            }
            out.push('\n');
            current = Some(item);
        }
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "  {severity:<7}  {}: {} [{}]\n",
            f.location,
            f.message,
            f.code.as_str()
        ));
    }
    if !report.findings.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub fn summary(report: &Report) -> String {
    let checked = plural(report.requests, "request");
    if report.findings.is_empty() {
        return format!("no problems found ({checked} checked)");
    }
    format!(
        "{}, {} ({checked} checked)",
        plural(report.errors, "error"),
        plural(report.warnings, "warning")
    )
}

/// The JSON document of `--format json` (its shape is documented in the README).
pub fn json(report: &Report) -> String {
    let doc = json!({
        "collection": report.collection,
        "requests": report.requests,
        "errors": report.errors,
        "warnings": report.warnings,
        "findings": report.findings,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
