//! `postie diff`: collections and environments compared by the real binary.
//!
//! Expected outputs are golden files in `tests/fixtures/static/diff/`. After a
//! deliberate change of output, rewrite them with
//! `POSTIE_BLESS=1 cargo test --test diff` and review `git diff`.

mod support;

use serde_json::Value;
use support::fixtures::{assert_every_option_has_help, fixture, golden, root};
use support::postie;

fn diff(args: &[&str]) -> std::process::Output {
    postie()
        .current_dir(root())
        .arg("diff")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const OLD: &str = "diff/old.postman_collection.json";
const NEW: &str = "diff/new.postman_collection.json";
const OLD_ENV: &str = "diff/old.postman_environment.json";
const NEW_ENV: &str = "diff/new.postman_environment.json";

#[test]
fn collections_added_removed_moved_and_changed_parts() {
    let out = diff(&[&fixture(OLD), &fixture(NEW)]);
    assert_eq!(out.status.code(), Some(1));
    let body = text(&out.stdout);
    golden("diff/collections.txt", &body);
    // Secret collection variables stay masked.
    assert!(!body.contains("hunter2-secret"), "{body}");
    assert!(!body.contains("correct-horse-secret"), "{body}");
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn collections_as_json() {
    let out = diff(&["--format", "json", &fixture(OLD), &fixture(NEW)]);
    assert_eq!(out.status.code(), Some(1));
    let body = text(&out.stdout);
    golden("diff/collections.json", &body);
    let doc: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["kind"], "collection");
    assert_eq!(doc["equal"], false);
    let moved: Vec<(&str, &str)> = doc["moved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["to"].as_str().unwrap(), m["matched_by"].as_str().unwrap()))
        .collect();
    assert_eq!(
        moved,
        [("Admin / Delete user", "id"), ("Health / Ping", "content")]
    );
}

#[test]
fn volatile_export_fields_are_not_differences() {
    // Re-exported: other item, event, script and example ids, exporter id, timings.
    let out = diff(&[
        &fixture(OLD),
        &fixture("diff/reexported.postman_collection.json"),
    ]);
    assert_eq!(text(&out.stdout), "no differences\n");
    assert_eq!(out.status.code(), Some(0));
    let out = diff(&["--format", "json", &fixture(NEW), &fixture(NEW)]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["equal"], true);
}

#[test]
fn environments_with_secrets_masked() {
    let out = diff(&[&fixture(OLD_ENV), &fixture(NEW_ENV)]);
    assert_eq!(out.status.code(), Some(1));
    let body = text(&out.stdout);
    golden("diff/environments.txt", &body);
    for secret in [
        "old-token-value-123",
        "new-token-value-456",
        "now-secret-value",
        "plain-before",
        "brand-new-secret",
    ] {
        assert!(!body.contains(secret), "{secret} shown:\n{body}");
    }
    let out = diff(&["--format", "json", &fixture(OLD_ENV), &fixture(NEW_ENV)]);
    assert_eq!(out.status.code(), Some(1));
    let body = text(&out.stdout);
    golden("diff/environments.json", &body);
    assert!(!body.contains("token-value"), "{body}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = diff(&[&fixture(OLD_ENV), &fixture(NEW_ENV)]);
    assert!(!text(&plain.stdout).contains('\x1b'));
    // Not a terminal here: auto means no colour even without NO_COLOR.
    let auto = postie()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(["diff", "--color", "auto"])
        .args([fixture(OLD), fixture(NEW)])
        .output()
        .unwrap();
    assert!(!text(&auto.stdout).contains('\x1b'));
    let on = diff(&["--color", "on", &fixture(OLD), &fixture(NEW)]);
    let body = text(&on.stdout);
    assert!(
        body.contains("\x1b[32m+X-Trace: {{$guid}}\x1b[0m"),
        "{body}"
    );
    assert!(
        body.contains("\x1b[31mremoved\x1b[0m request    Legacy"),
        "{body}"
    );
    // Without the escapes it is the plain output.
    let stripped = body
        .replace("\x1b[31m", "")
        .replace("\x1b[32m", "")
        .replace("\x1b[33m", "")
        .replace("\x1b[36m", "")
        .replace("\x1b[1m", "")
        .replace("\x1b[0m", "");
    assert_eq!(
        stripped,
        text(&diff(&[&fixture(OLD), &fixture(NEW)]).stdout)
    );
}

#[test]
fn bad_input_exits_3_and_bad_usage_2() {
    let out = diff(&[&fixture(OLD), &fixture(NEW_ENV)]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr),
        format!(
            "postie: {} is a collection and {} is an environment: diff compares two collections or two environments\n",
            fixture(OLD),
            fixture(NEW_ENV)
        )
    );
    assert_eq!(text(&out.stdout), "");
    let out = diff(&["missing.json", &fixture(NEW)]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr),
        "postie: missing.json: cannot read: no such file\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"values\": [\n  {\"key\": 1,}\n]}").unwrap();
    let out = postie()
        .arg("diff")
        .arg(&broken)
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).starts_with(&format!("postie: {}:2:", broken.display())),
        "{}",
        text(&out.stderr)
    );
    let out = diff(&[&fixture(OLD)]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_option_has_help_text() {
    let out = postie().args(["diff", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_every_option_has_help(&text(&out.stdout));
}
