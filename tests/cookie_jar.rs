//! A cookie jar written by `--export-cookie-jar` loads back with `--cookie-jar`:
//! cookies set without a Domain attribute (host-only) and persistent ones alike,
//! written as newman (tough-cookie) writes its jar.

mod support;

use serde_json::{json, Value};
use support::postie;
use support::report::read_json;
use support::server::TestServer;

fn collection(dir: &std::path::Path, name: &str, urls: &[String]) -> std::path::PathBuf {
    let items: Vec<Value> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| json!({"name": format!("r{i}"), "request": {"method": "GET", "url": u}}))
        .collect();
    let path = dir.join(name);
    std::fs::write(
        &path,
        json!({"info": {"name": name}, "item": items}).to_string(),
    )
    .unwrap();
    path
}

#[test]
fn exported_jar_loads_back_and_its_cookies_are_sent() {
    let server = TestServer::routes();
    let dir = tempfile::tempdir().unwrap();
    let set = collection(
        dir.path(),
        "set.json",
        &[
            format!("{}/cookies/set?session=abc", server.base),
            format!(
                "{}/response-headers?Set-Cookie=kept%3Dyes%3B%20Path%3D%2F%3B%20Max-Age%3D3600",
                server.base
            ),
        ],
    );
    let jar = dir.path().join("jar.json");
    postie()
        .arg("run")
        .arg(&set)
        .arg("--export-cookie-jar")
        .arg(&jar)
        .assert()
        .success();
    let written = read_json(&jar);
    let cookies = written["cookies"].as_array().unwrap();
    assert_eq!(cookies.len(), 2, "{written}");
    for c in cookies {
        assert_eq!(c["domain"], "127.0.0.1", "{c}");
        assert_eq!(c["hostOnly"], true, "{c}");
    }
    // tough-cookie's file: cookies in the order they were created, a Max-Age
    // kept as `maxAge`, creation and last use in ISO 8601, default attributes
    // (not secure, not httpOnly) left out.
    assert_eq!(written["version"], "tough-cookie@4.1.3-postman.1");
    assert_eq!(written["rejectPublicSuffixes"], false);
    assert_eq!(cookies[0]["key"], "session", "{written}");
    let kept = &cookies[1];
    assert_eq!(kept["key"], "kept");
    assert_eq!(kept["maxAge"], 3600, "{kept}");
    for time in ["creation", "lastAccessed"] {
        assert!(
            kept[time]
                .as_str()
                .is_some_and(|e| e.ends_with('Z') && e.contains('T')),
            "{time} in ISO 8601 as tough-cookie writes it: {kept}"
        );
    }
    assert!(
        kept.get("secure").is_none() && kept.get("httpOnly").is_none(),
        "{kept}"
    );

    let send = collection(dir.path(), "send.json", &[format!("{}/echo", server.base)]);
    postie()
        .arg("run")
        .arg(&send)
        .arg("--cookie-jar")
        .arg(&jar)
        .assert()
        .success();
    let last = server.requests().pop().unwrap();
    assert_eq!(last.path(), "/echo");
    let mut sent: Vec<&str> = last
        .header("cookie")
        .unwrap_or_default()
        .split("; ")
        .collect();
    sent.sort();
    assert_eq!(sent, vec!["kept=yes", "session=abc"]);
}
