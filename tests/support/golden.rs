//! Golden files: the one way every test compares output with a file under `tests/`
//! and accepts a deliberate change.
//!
//! `POSTIE_BLESS=1 cargo test --test <file>` rewrites the golden files the test
//! compares with, instead of comparing; then review `git diff tests/` before
//! committing. A golden file that is missing is a failure, never an empty pass.

use std::path::Path;

/// Whether this run rewrites golden files (`POSTIE_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var("POSTIE_BLESS").is_ok_and(|v| v == "1")
}

/// Compares `actual` with the file at `path`, or writes it there when blessing;
/// returns what differs (a unified diff), for tests that gather several cases.
pub fn check(path: &Path, actual: &str) -> Option<String> {
    if blessing() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, actual).unwrap();
        return None;
    }
    let expected = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            return Some(format!(
                "{}: {e} (POSTIE_BLESS=1 writes it)",
                path.display()
            ))
        }
    };
    if expected == actual {
        return None;
    }
    let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
        .unified_diff()
        .context_radius(3)
        .header("golden", "actual")
        .to_string();
    Some(format!(
        "{} differs from the output (POSTIE_BLESS=1 accepts it; review the diff):\n{diff}",
        path.display()
    ))
}

/// [`check`], failing the test on a difference.
#[track_caller]
pub fn assert_golden(path: &Path, actual: &str) {
    if let Some(difference) = check(path, actual) {
        panic!("{difference}");
    }
}
