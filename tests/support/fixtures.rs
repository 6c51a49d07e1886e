//! Helpers shared by the tests of `postie lint`, `ls` and `diff`: fixture paths,
//! golden files, and the help-text check.
use std::path::Path;

/// The crate root: commands run there so paths in messages are stable.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under `tests/fixtures/static/`, relative to the crate root.
pub fn fixture(rel: &str) -> String {
    format!("tests/fixtures/static/{rel}")
}

/// Compares `actual` with the golden file `tests/fixtures/static/<rel>`
/// (see [`super::golden`]).
#[track_caller]
pub fn golden(rel: &str, actual: &str) {
    super::golden::assert_golden(&root().join(fixture(rel)), actual);
}

/// Every option in a `--help` text has a description, on its line or the next.
pub fn assert_every_option_has_help(help: &str) {
    let lines: Vec<&str> = help.lines().collect();
    let options = lines
        .iter()
        .position(|l| l.starts_with("Options:"))
        .expect("an Options section");
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate().skip(options + 1) {
        let trimmed = line.trim_start();
        if !trimmed.starts_with('-') {
            continue;
        }
        let after_flag = trimmed.split_once("  ").map(|(_, d)| d.trim());
        let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        let described = after_flag.is_some_and(|d| !d.is_empty())
            || (!next.is_empty() && !next.starts_with('-'));
        assert!(described, "option without help text: {line}\n{help}");
        checked += 1;
    }
    assert!(checked > 1, "no options found in:\n{help}");
}
