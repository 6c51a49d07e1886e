//! Shared by the export tests: an echo server that records what it receives, and
//! helpers to compare what curl sent with what postie's client sent.
#![allow(dead_code)]

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::sync::{Arc, Mutex};

/// What the server saw of one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Lowercased names, sorted.
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Record {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
    }
}

pub struct EchoServer {
    pub port: u16,
    records: Arc<Mutex<Vec<Record>>>,
}

impl EchoServer {
    pub fn start() -> EchoServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let records: Arc<Mutex<Vec<Record>>> = Arc::default();
        let rec = records.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    let rec = rec.clone();
                    tokio::spawn(async move {
                        let svc = service_fn(move |req: Request<hyper::body::Incoming>| {
                            let rec = rec.clone();
                            async move {
                                let method = req.method().to_string();
                                let target = req
                                    .uri()
                                    .path_and_query()
                                    .map(|p| p.as_str().to_string())
                                    .unwrap_or_default();
                                let mut headers: Vec<(String, Vec<u8>)> = req
                                    .headers()
                                    .iter()
                                    .map(|(k, v)| (k.as_str().to_string(), v.as_bytes().to_vec()))
                                    .collect();
                                headers.sort();
                                let body = req.into_body().collect().await?.to_bytes().to_vec();
                                rec.lock().unwrap().push(Record {
                                    method,
                                    target,
                                    headers,
                                    body,
                                });
                                Ok::<_, hyper::Error>(Response::new(Full::new(Bytes::from_static(
                                    b"{}",
                                ))))
                            }
                        });
                        let _ = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), svc)
                            .await;
                    });
                }
            });
        });
        EchoServer { port, records }
    }

    pub fn take(&self) -> Vec<Record> {
        std::mem::take(&mut *self.records.lock().unwrap())
    }
}

/// A record with the multipart boundary taken out: the content type without its
/// boundary, the body as its parts (headers and content), Content-Length dropped.
pub fn comparable(r: &Record) -> Record {
    let mut r = r.clone();
    let ct = r.header("content-type").unwrap_or_default();
    if let Some(boundary) = ct.strip_prefix("multipart/form-data; boundary=") {
        let delim = format!("--{boundary}");
        let text = r.body.clone();
        let mut parts: Vec<Vec<u8>> = Vec::new();
        let mut rest: &[u8] = &text;
        while let Some(i) = find(rest, delim.as_bytes()) {
            let after = &rest[i + delim.len()..];
            if after.starts_with(b"--") {
                break;
            }
            let next = find(after, format!("\r\n{delim}").as_bytes()).unwrap_or(after.len());
            parts.push(after[..next].to_vec());
            rest = &after[next..];
        }
        r.body = parts.join(&b"\n=====PART=====\n"[..]);
        r.headers.retain(|(k, _)| k != "content-length");
        for (k, v) in r.headers.iter_mut() {
            if k == "content-type" {
                *v = b"multipart/form-data; boundary=<boundary>".to_vec();
            }
        }
    }
    r
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Compares two lists of records, with a readable message on the first difference.
pub fn assert_same(label: &str, expected: &[Record], actual: &[Record]) {
    assert_eq!(
        expected.len(),
        actual.len(),
        "{label}: postie sent {} requests, the export sent {}",
        expected.len(),
        actual.len()
    );
    for (i, (e, a)) in expected.iter().zip(actual).enumerate() {
        let (e, a) = (comparable(e), comparable(a));
        assert_eq!(e.method, a.method, "{label} #{i}: method");
        assert_eq!(
            e.target, a.target,
            "{label} #{i} {}: path and query",
            e.method
        );
        let show = |h: &[(String, Vec<u8>)]| {
            h.iter()
                .map(|(k, v)| format!("{k}: {}", String::from_utf8_lossy(v)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            show(&e.headers),
            show(&a.headers),
            "{label} #{i} {} {}: headers",
            e.method,
            e.target
        );
        assert!(
            e.body == a.body,
            "{label} #{i} {} {}: body\npostie: {:?}\nexport: {:?}",
            e.method,
            e.target,
            String::from_utf8_lossy(&e.body),
            String::from_utf8_lossy(&a.body)
        );
    }
}

/// Runs a script with bash, failing the test with its output if bash fails.
pub fn bash(script: &str, env: &[(&str, &str)], dir: &std::path::Path) -> String {
    let mut c = std::process::Command::new("bash");
    c.arg("-e").arg("-c").arg(script).current_dir(dir);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("bash runs");
    assert!(
        out.status.success(),
        "bash failed ({}):\n{}\n--- script ---\n{script}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[path = "../support/mod.rs"]
mod support;

/// A file or folder of shared material, found through the tests' one helper: `None`
/// after a visible skip line (a failure under `POSTIE_REQUIRE_SHARED=1`).
pub fn shared(path: &str) -> Option<std::path::PathBuf> {
    support::shared(path, &format!("shared material {path}"))
}

/// The official collection with its environment, the way `postie export -e` loads
/// them, and its base URLs pointed at `base`.
pub fn forgerock_against(
    base: &str,
) -> Option<(postie::collection::Collection, postie::vars::Scopes)> {
    let (collection, env) = support::official_forgerock()?;
    let collection = postie::collection::load_collection(&collection)
        .unwrap()
        .collection;
    let overrides: Vec<(String, String)> = [
        ("tenantApiV1Url", format!("{base}/v1")),
        ("amUrl", format!("{base}/am")),
        ("oauth2Url", format!("{base}/am/oauth2")),
        ("accessToken", "eyJ0eXAi.x'y$z".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let scopes =
        postie::vars::initial_scopes(&collection, Some(&env), None, &overrides, &[]).unwrap();
    Some((collection, scopes))
}
