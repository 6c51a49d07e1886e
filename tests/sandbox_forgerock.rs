//! Every script of the ForgeRock collection (shared/forgerock) runs in the
//! sandbox without syntax or reference errors, against a plausible response.

mod support;

use postie::collection::{load_collection, Item};
use postie::http::HttpResponse;
use postie::script::{ScriptInfo, ScriptKind};
use support::sandbox::*;

fn scripts(items: &[Item], out: &mut Vec<(String, String, String)>) {
    for item in items {
        for e in &item.event {
            if let Some(s) = &e.script {
                let src = s.source();
                if !src.trim().is_empty() {
                    out.push((item.name.clone(), e.listen.clone(), src));
                }
            }
        }
        scripts(item.children(), out);
    }
}

#[test]
fn forgerock_scripts_run() {
    let Some((path, _)) = support::official_forgerock() else {
        return;
    };
    let loaded = load_collection(&path).expect("collection loads");
    let mut all = Vec::new();
    scripts(&loaded.collection.item, &mut all);
    assert!(all.len() > 10, "found {} scripts", all.len());
    let mut sb = sandbox();
    let response = HttpResponse {
        code: 302,
        status: "Found".into(),
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Location".into(), "https://example.com/cb?code=abc123&state=x".into()),
        ],
        body: br#"{"authId":"a1","tokenId":"t1","access_token":"at","id_token":"it","_id":"id1","clientId":"c"}"#.to_vec(),
        time_ms: 5,
        ..Default::default()
    };
    let mut failures = Vec::new();
    for (name, listen, src) in &all {
        let kind = if listen == "test" {
            ScriptKind::Test
        } else {
            ScriptKind::PreRequest
        };
        let info = ScriptInfo {
            request_name: name.clone(),
            ..Default::default()
        };
        let outcome = run_as(&mut sb, kind, src, &info, &response, FakeHost::default()).outcome;
        if let Some(e) = &outcome.error {
            failures.push(format!("{name} [{listen}]: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
