//! Round trips over real collections: the official ForgeRock collection with its
//! environment, and the example collections of the Postman schema, pointed at a
//! local echo server. The request curl sends from the export must equal the one
//! postie's client sends.

mod export_support;

use export_support::*;
use postie::collection::{load_collection, walk_requests, Collection, Item, Url};
use postie::export::{export, ExportOptions};
use postie::http::{ClientOptions, HttpClient, RequestSettings};
use postie::request::{self, BuildContext, FileAccess};
use postie::vars::{Scopes, VariableScope};
use serde_json::json;

fn settings() -> RequestSettings {
    RequestSettings::default()
}

fn build_all(collection: &Collection, scopes: &Scopes) -> Vec<Option<postie::http::HttpRequest>> {
    let files = FileAccess::default();
    let settings = settings();
    let mut items: Vec<(&Item, Vec<&Item>)> = Vec::new();
    walk_requests(&collection.item, &mut |i, p| items.push((i, p.to_vec())));
    items
        .into_iter()
        .map(|(item, parents)| {
            let ctx = BuildContext {
                collection,
                parents: &parents,
                scopes,
                files: &files,
                settings: &settings,
            };
            request::build(item.request.as_ref()?, item, &ctx)
                .ok()
                .map(|b| b.request)
        })
        .collect()
}

/// Drops the requests postie itself cannot build (a body file that is not here).
fn buildable(collection: &mut Collection, scopes: &Scopes) -> usize {
    let ok = build_all(collection, scopes);
    let mut i = 0;
    let mut dropped = 0;
    fn prune(
        items: &mut Vec<Item>,
        ok: &[Option<postie::http::HttpRequest>],
        i: &mut usize,
        dropped: &mut usize,
    ) {
        items.retain_mut(|item| {
            if item.request.is_some() {
                let keep = ok[*i].is_some();
                *i += 1;
                if !keep {
                    *dropped += 1;
                }
                keep
            } else if let Some(children) = item.item.as_mut() {
                prune(children, ok, i, dropped);
                true
            } else {
                true
            }
        });
    }
    prune(&mut collection.item, &ok, &mut i, &mut dropped);
    dropped
}

/// Points every request of the collection at the echo server (scheme, host, port).
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

fn round_trip(label: &str, server: &EchoServer, collection: &Collection, scopes: &Scopes) -> usize {
    server.take();
    let mut client = HttpClient::new(ClientOptions::default()).unwrap();
    let built = build_all(collection, scopes);
    for r in built.iter().flatten() {
        client
            .send(r)
            .unwrap_or_else(|e| panic!("{label}: {} {}: {e}", r.method, r.url));
    }
    let expected = server.take();
    let e = export(collection, scopes, &ExportOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    bash(&e.text, &[], dir.path());
    let actual = server.take();
    assert_same(label, &expected, &actual);
    expected.len()
}

#[test]
fn forgerock_collection_round_trips() {
    let server = EchoServer::start();
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some((collection, mut scopes)) = forgerock_against(&base) else {
        return;
    };
    scopes.environment.set("smtpPort", json!(587));
    let n = round_trip("forgerock", &server, &collection, &scopes);
    assert_eq!(n, 62, "every request of the collection went through");
}

#[test]
fn schema_examples_round_trip() {
    let server = EchoServer::start();
    let Some(dir) = shared("postman-schema/examples-v2.1.0") else {
        return;
    };
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut total = 0;
    for path in names {
        let mut collection = load_collection(&path).unwrap().collection;
        let scopes = Scopes {
            collection: VariableScope::from_variables(collection.variable.clone()),
            ..Default::default()
        };
        point_at(&mut collection.item, server.port);
        buildable(&mut collection, &scopes);
        let mut count = 0;
        walk_requests(&collection.item, &mut |_, _| count += 1);
        if count == 0 {
            continue;
        }
        total += round_trip(
            &path.file_name().unwrap().to_string_lossy(),
            &server,
            &collection,
            &scopes,
        );
    }
    assert!(total > 100, "only {total} example requests compared");
}
