//! `postie ls`: the item tree of a collection, from the real binary.
//!
//! Expected outputs are golden files in `tests/fixtures/static/ls/`. After a
//! deliberate change of output, rewrite them with
//! `POSTIE_BLESS=1 cargo test --test ls` and review `git diff`.

mod support;

use serde_json::Value;
use support::fixtures::{assert_every_option_has_help, fixture, golden, root};
use support::postie;

fn ls(args: &[&str]) -> std::process::Output {
    postie()
        .current_dir(root())
        .arg("ls")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn lists_folders_and_requests_with_raw_urls() {
    let out = ls(&[&fixture("ls/tree.postman_collection.json")]);
    assert_eq!(out.status.code(), Some(0));
    golden("ls/tree.txt", &text(&out.stdout));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn ids_are_shown_on_request_with_ids() {
    let out = ls(&["--ids", &fixture("ls/tree.postman_collection.json")]);
    assert_eq!(out.status.code(), Some(0));
    golden("ls/tree-ids.txt", &text(&out.stdout));
}

#[test]
fn json_format_nests_items_with_paths_and_ids() {
    let out = ls(&[
        "--format",
        "json",
        &fixture("ls/tree.postman_collection.json"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let body = text(&out.stdout);
    golden("ls/tree.json", &body);
    let doc: Value = serde_json::from_str(&body).unwrap();
    let nested = &doc["items"][0]["items"][1]["items"][0];
    assert_eq!(nested["path"], "Accounts / Nested / Create\naccount");
    assert_eq!(nested["url"], "https://api.example.com/accounts");
}

#[test]
fn every_listed_id_selects_its_request_with_folder() {
    // Every id ls prints selects exactly that request with `run --folder` (checked
    // through lint, which selects the way run does, without sending anything).
    let out = ls(&[
        "--format",
        "json",
        "collections/forgerock-identity-cloud.postman_collection.json",
    ]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut requests = Vec::new();
    fn walk(items: &Value, out: &mut Vec<(String, String)>) {
        for i in items.as_array().unwrap() {
            if i["type"] == "request" {
                out.push((
                    i["id"].as_str().unwrap().into(),
                    i["path"].as_str().unwrap().into(),
                ));
            } else {
                walk(&i["items"], out);
            }
        }
    }
    walk(&doc["items"], &mut requests);
    assert!(requests.len() > 30);
    for (id, path) in &requests {
        let lint = postie()
            .current_dir(root())
            .args(["lint", "--format", "json", "--folder", id])
            .arg("collections/forgerock-identity-cloud.postman_collection.json")
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&lint.stdout).unwrap();
        assert_eq!(report["requests"], 1, "{id} ({path})");
    }
}

#[test]
fn unreadable_collections_exit_3() {
    let out = ls(&["nope.json"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr),
        "postie: nope.json: cannot read: no such file\n"
    );
    let out = ls(&[&fixture("diff/old.postman_environment.json")]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).contains("expected a Postman collection with 'info' and 'item' (this looks like an environment or globals file)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn every_option_has_help_text() {
    let out = postie().args(["ls", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_every_option_has_help(&text(&out.stdout));
}
