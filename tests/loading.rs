//! Loading: every example collection of the official schema loads, and bad input
//! fails with one line naming the file, the place and what was expected.

mod support;

use postie::collection::{load_collection, load_iteration_data, load_variable_file, walk_requests};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::report::read_json;
use support::server::TestServer;
use support::{postie, shared};

fn count_requests(c: &postie::collection::Collection) -> usize {
    let mut n = 0;
    walk_requests(&c.item, &mut |_, _| n += 1);
    n
}

#[test]
fn every_schema_example_collection_loads() {
    let Some(schema) = shared("postman-schema", "Postman schema examples") else {
        return;
    };
    let mut loaded = 0;
    for dir in ["examples-v2.1.0", "examples-v2.0.0", "examples-v1.0.0"] {
        let path = schema.join(dir);
        for entry in std::fs::read_dir(&path).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let c = load_collection(&p).unwrap_or_else(|e| panic!("{e}"));
            if dir == "examples-v1.0.0" {
                assert!(
                    c.notices.iter().any(|n| n.contains("v1")),
                    "{}: no conversion notice",
                    p.display()
                );
            }
            // Round-trip: what postie writes back loads again with the same requests.
            let text = serde_json::to_string(&c.collection).unwrap();
            let tmp = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(tmp.path(), text).unwrap();
            let again = load_collection(tmp.path()).unwrap();
            assert_eq!(
                count_requests(&c.collection),
                count_requests(&again.collection),
                "{}",
                p.display()
            );
            loaded += 1;
        }
    }
    assert!(loaded >= 60, "only {loaded} example collections found");
}

#[test]
fn official_collection_loads_with_62_requests() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let c = load_collection(&collection).unwrap();
    assert_eq!(count_requests(&c.collection), 62);
    let env = load_variable_file(&environment, "environment").unwrap();
    assert!(env
        .values
        .iter()
        .any(|v| v.key.as_deref() == Some("tenantApiV1Url")));
}

#[test]
fn v1_collection_keeps_folders_scripts_and_auth() {
    let Some(path) = shared(
        "postman-schema/examples-v1.0.0/nestedEntities.json",
        "Postman schema examples",
    ) else {
        return;
    };
    let c = load_collection(&path).unwrap().collection;
    let folder = c.item.iter().find(|i| i.name == "F1").expect("folder F1");
    assert!(folder.is_folder());
    assert!(folder.script("test").is_some());
    assert_eq!(folder.auth.as_ref().unwrap().kind, "basic");
    assert_eq!(c.auth.as_ref().unwrap().text("username"), "{{username}}");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/versions")
        .join(name)
}

/// What the server received, reduced to the parts a collection decides.
fn sent(server: &TestServer) -> Vec<Value> {
    server
        .requests()
        .iter()
        .map(|r| {
            json!({
                "request": format!("{} {}", r.method, r.target),
                "authorization": r.header("authorization"),
                "accept": r.header("accept"),
                "x-trace": r.header("x-trace"),
                "x-off": r.header("x-off"),
                "content-type": r.header("content-type"),
                "body": r.text(),
            })
        })
        .collect()
}

/// The same collection written as v2.1, v2.0 and v1 (`tests/fixtures/versions`):
/// each loads, round-trips through what postie writes back, and sends exactly the
/// same requests, with folder auth inherited, `noauth` respected, path variables,
/// disabled entries left out and the scripts of every level run.
#[test]
fn the_three_collection_versions_send_the_same_requests() {
    let basic = format!(
        "Basic {}",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, "ann:pw")
    );
    // A folder's subfolders come before its requests in v1, so Archive comes first everywhere.
    let expected = json!([
        {"request": "DELETE /archive/7", "authorization": null, "accept": "*/*", "x-trace": null,
         "x-off": null, "content-type": null, "body": ""},
        {"request": "POST /orders/main?x=1", "authorization": basic, "accept": "application/json",
         "x-trace": "t-main", "x-off": null, "content-type": "application/x-www-form-urlencoded",
         "body": "item=book&qty=2"},
        {"request": "PUT /orders/7", "authorization": basic, "accept": "*/*", "x-trace": null,
         "x-off": null, "content-type": "application/json", "body": "{\"id\": 7, \"item\": \"pen\"}"},
        {"request": "GET /health", "authorization": "Bearer tok", "accept": "*/*", "x-trace": null,
         "x-off": null, "content-type": null, "body": ""}
    ]);
    for (file, version_notice) in [
        ("v2.1.postman_collection.json", false),
        ("v2.0.postman_collection.json", false),
        ("v1.postman_collection.json", true),
    ] {
        let path = fixture(file);
        let loaded = load_collection(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            loaded.notices.iter().any(|n| n.contains("v1")),
            version_notice,
            "{file}: {:?}",
            loaded.notices
        );
        assert_eq!(count_requests(&loaded.collection), 4, "{file}");
        let dir = tempfile::tempdir().unwrap();
        let again = dir.path().join("again.json");
        std::fs::write(&again, serde_json::to_string(&loaded.collection).unwrap()).unwrap();

        for (what, collection) in [("as written", &path), ("written back", &again)] {
            let server = TestServer::routes().expect(4);
            let report = dir.path().join("report.json");
            let out = postie()
                .arg("run")
                .arg(collection)
                .args(["--env-var", &format!("base={}", server.base)])
                .args(["--env-var", "user=ann", "--env-var", "pass=pw"])
                .args(["--env-var", "token=tok", "-r", "json"])
                .arg("--reporter-json-export")
                .arg(&report)
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{file} {what}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(Value::Array(sent(&server)), expected, "{file} {what}");
            let report = read_json(&report);
            // A collection test for each of the 4 requests, the folder's for its 3, one of a request.
            let stats = &report["run"]["stats"]["assertions"];
            assert_eq!(
                (stats["total"].as_u64(), stats["failed"].as_u64()),
                (Some(8), Some(0)),
                "{file} {what}"
            );
        }
    }
}

#[test]
fn project_collection_loads_with_40_requests() {
    let (collection, environment) = support::project_forgerock();
    let c = load_collection(&collection).unwrap();
    assert!(c.notices.is_empty(), "{:?}", c.notices);
    assert_eq!(count_requests(&c.collection), 40);
    let env = load_variable_file(&environment, "environment").unwrap();
    let keys: Vec<&str> = env.values.iter().filter_map(|v| v.key.as_deref()).collect();
    for base in ["tenantApiV1Url", "amUrl", "oauth2Url"] {
        assert!(keys.contains(&base), "{base} in {keys:?}");
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn bom_utf16_and_api_wrappers_load() {
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({"collection": {"info": {"name": "Wrapped"}, "item": [{"name": "r", "request": "http://x/"}]}}).to_string();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(doc.as_bytes());
    let p = write(dir.path(), "bom.json", &bom);
    assert_eq!(load_collection(&p).unwrap().collection.info.name, "Wrapped");

    let mut utf16 = vec![0xFF, 0xFE];
    for u in doc.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let p = write(dir.path(), "utf16.json", &utf16);
    let c = load_collection(&p).unwrap().collection;
    assert_eq!(c.item[0].request.as_ref().unwrap().method, "GET");

    let env =
        json!({"environment": {"name": "E", "values": [{"key": "a", "value": "1"}]}}).to_string();
    let p = write(dir.path(), "env.json", env.as_bytes());
    assert_eq!(
        load_variable_file(&p, "environment").unwrap().values.len(),
        1
    );
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "broken.json",
        b"{\n  \"info\": {\"name\": \"x\"},\n  \"item\": [,]\n}",
    );
    let e = load_collection(&p).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!("{}:3:12: invalid JSON", p.display())),
        "{e}"
    );
}

#[test]
fn shape_errors_name_the_json_path() {
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({"info": {"name": "x"}, "item": [
        {"name": "a", "request": "http://a/"},
        {"name": "b", "request": "http://b/"},
        {"name": "c", "request": "http://c/"},
        {"name": "d", "request": {"url": 5, "method": "GET"}}
    ]});
    let p = write(
        dir.path(),
        "shape.json",
        serde_json::to_string_pretty(&doc).unwrap().as_bytes(),
    );
    let e = load_collection(&p).unwrap_err().to_string();
    assert!(
        e.contains("item[3].request.url: expected a string or an object, found integer 5"),
        "{e}"
    );
    assert!(e.starts_with(&p.display().to_string()), "{e}");
}

#[test]
fn wrong_kind_of_file_is_explained() {
    let (col, env) = support::project_forgerock();
    let e = load_collection(&env).unwrap_err().to_string();
    assert!(e.contains("looks like an environment"), "{e}");
    let e = load_variable_file(&col, "environment")
        .unwrap_err()
        .to_string();
    assert!(e.contains("found a collection"), "{e}");
    let e = load_collection(Path::new("does/not/exist.json"))
        .unwrap_err()
        .to_string();
    assert_eq!(e, "does/not/exist.json: cannot read: no such file");
}

#[test]
fn csv_data_infers_numbers_but_keeps_quoted_strings() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "data.csv",
        b"id,zip,name\r\n1,\"01234\",alice\r\n2.5,02134, \"bob, \"\"jr\"\"\n  line two\" \n\n",
    );
    let rows = load_iteration_data(&p).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], json!(1));
    assert_eq!(rows[0]["zip"], json!("01234"));
    assert_eq!(rows[1]["id"], json!(2.5));
    assert_eq!(
        rows[1]["zip"],
        json!(2134),
        "unquoted leading zeros are lost, as in newman"
    );
    assert_eq!(rows[1]["name"], json!("bob, \"jr\"\n  line two"));
}

#[test]
fn bad_iteration_data_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "data.json", br#"[{"a": 1}, 2]"#);
    let e = load_iteration_data(&p).unwrap_err().to_string();
    assert!(e.contains("[1]: expected an object, found a number"), "{e}");
    let p = write(dir.path(), "obj.json", br#"{"a": 1}"#);
    let e = load_iteration_data(&p).unwrap_err().to_string();
    assert!(e.contains("must be a JSON array of objects"), "{e}");
    let p = write(dir.path(), "bad.csv", b"a,b\n1,2\n3,\"unterminated\n");
    let e = load_iteration_data(&p).unwrap_err().to_string();
    assert_eq!(
        e,
        format!(
            "{}:3:1: invalid CSV: a quoted field is not closed",
            p.display()
        )
    );
}
