//! The example collections of the Postman schema, pointed at a local recording
//! server: every request `postie run` sends, the exported curl script sends byte
//! for byte through dash, bash, busybox sh and zsh. Requests that cannot be sent
//! at all (a body file that is not there) are counted and named, not dropped.

mod support;

use postie::collection::{load_collection, walk_requests, Item, Url};
use support::export_case::{recording_server, Case};
use support::wire::posix_shells;

/// Points every request of the collection at the server (scheme, host, port).
fn point_at(items: &mut [Item], port: u16) {
    for item in items {
        if let Some(r) = item.request.as_mut() {
            let mut url = if r.url.host.is_none() && r.url.path.is_none() {
                Url::parse(r.url.raw.as_deref().unwrap_or(""))
            } else {
                r.url.clone()
            };
            url.was_string = false;
            url.raw = None;
            url.protocol = Some("http".into());
            url.host = Some(vec!["127".into(), "0".into(), "0".into(), "1".into()]);
            url.port = Some(port.to_string());
            r.url = url;
        }
        if let Some(children) = item.item.as_mut() {
            point_at(children, port);
        }
    }
}

/// Gives every Hawk auth without a timestamp a fixed one: the run signs with the
/// time it sends at, the export with the time it writes the script at, and the
/// two may fall in different seconds.
fn pin_hawk_timestamps(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Array(params)) = map.get_mut("hawk") {
                params.retain(|p| p.get("key").and_then(|k| k.as_str()) != Some("timestamp"));
                params.push(serde_json::json!({"key": "timestamp", "value": "1700000000"}));
            }
            map.values_mut().for_each(pin_hawk_timestamps);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(pin_hawk_timestamps),
        _ => {}
    }
}

#[test]
fn schema_examples_are_byte_identical_through_every_posix_shell() {
    let Some(dir) = support::shared("postman-schema/examples-v2.1.0", "Postman schema examples")
    else {
        return;
    };
    let server = recording_server();
    let shells = posix_shells();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let (mut total, mut compared) = (0, 0);
    let mut unsent = Vec::new();
    for path in names {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut collection = load_collection(&path).unwrap().collection;
        point_at(&mut collection.item, server.port);
        let mut requests = Vec::new();
        walk_requests(&collection.item, &mut |i, _| requests.push(i.name.clone()));
        if requests.is_empty() {
            continue;
        }
        let work = tempfile::tempdir().unwrap();
        let mut json = serde_json::to_value(&collection).unwrap();
        pin_hawk_timestamps(&mut json);
        let case = Case::new(&file, &json, work.path());
        let expected = case.sent_by_run(&server);
        total += requests.len();
        compared += expected.len();
        if expected.len() < requests.len() {
            unsent.push(format!(
                "{file}: {} of {}",
                requests.len() - expected.len(),
                requests.len()
            ));
        }
        let (script, warnings) = case.export("export.sh", &[]);
        for shell in &shells {
            case.replay(&server, shell, &script, &[], &expected);
        }
        if expected.len() < requests.len() {
            assert!(
                warnings.contains("cannot read file"),
                "{file}: a request was not sent and the export did not say why:\n{warnings}"
            );
        }
    }
    // reqBodyContentType.json has a file body whose file is not in the schema's
    // folder: run cannot send it, and neither can the exported command.
    assert_eq!(
        unsent,
        vec!["reqBodyContentType.json: 1 of 3".to_string()],
        "requests postie run could not send"
    );
    assert!(
        compared > 100,
        "only {compared} of {total} example requests compared"
    );
    eprintln!(
        "schema examples: {compared} of {total} requests byte-identical through {}",
        shells.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
    );
}
