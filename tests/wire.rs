//! What `postie run` puts on the wire and how it reads what comes back, against
//! real local servers: newman's headers (system ones, auth, the jar's cookies)
//! and their order, compressed responses, and the faults a server can commit.

mod support;

use serde_json::{json, Value};
use std::io::Write;
use support::server::{Reply, TestServer};

fn run(dir: &tempfile::TempDir, doc: Value, server: &TestServer) -> (i32, String) {
    let ran = support::run::against(dir.path(), &doc, &server.base, &[]);
    (ran.code, ran.stdout + &ran.stderr)
}

fn names(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap_or("");
    head.split("\r\n")
        .skip(1)
        .map(|l| l.split(':').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn system_headers_go_out_in_newmans_order_and_scripts_see_them() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|_| Reply::json(200, json!({"ok": true}))).expect(3);
    let test = "pm.test('sees', () => { pm.expect(pm.request.headers.get('Postman-Token')).to.match(/^[0-9a-f-]{36}$/); pm.expect(pm.request.headers.get('Connection')).to.eql('keep-alive'); });";
    let (code, out) = run(
        &dir,
        json!({"info": {"name": "w"}, "item": [
            {"name": "get", "request": {"method": "GET", "url": "{{base}}/a",
                "header": [{"key": "X-One", "value": "1"}]},
             "event": [{"listen": "test", "script": {"exec": [test]}}]},
            {"name": "post", "request": {"method": "POST", "url": "{{base}}/b",
                "header": [{"key": "Cache-Control", "value": "max-age=0"}]}},
            {"name": "off", "request": {"method": "PUT", "url": "{{base}}/c", "body": {"mode": "raw", "raw": "x"}},
             "protocolProfileBehavior": {"disabledSystemHeaders": {"postman-token": true, "Connection": 1, "cache-control": true, "content-type": true}}}
        ]}),
        &server,
    );
    assert_eq!(code, 0, "{out}");
    let r = server.requests();
    assert_eq!(
        names(&r[0].raw),
        [
            "X-One",
            "User-Agent",
            "Accept",
            "Cache-Control",
            "Postman-Token",
            "Host",
            "Accept-Encoding",
            "Connection"
        ]
    );
    assert_eq!(r[0].header("accept-encoding"), Some("gzip, deflate, br"));
    // A bodiless POST says its length is 0; a written header replaces the system one in place.
    assert_eq!(
        names(&r[1].raw),
        [
            "Cache-Control",
            "User-Agent",
            "Accept",
            "Postman-Token",
            "Host",
            "Accept-Encoding",
            "Connection",
            "Content-Length"
        ]
    );
    assert_eq!(r[1].header("content-length"), Some("0"));
    assert_ne!(r[0].header("postman-token"), r[1].header("postman-token"));
    assert_eq!(
        names(&r[2].raw),
        [
            "User-Agent",
            "Accept",
            "Host",
            "Accept-Encoding",
            "Content-Length"
        ]
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn compressed_responses_are_decoded_even_when_not_asked_for() {
    let body = br#"{"ok":true}"#;
    let zlib = {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(body).unwrap();
        e.finish().unwrap()
    };
    let br = {
        let mut out = Vec::new();
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(body).unwrap();
        drop(w);
        out
    };
    let gz = gzip(body);
    let server = TestServer::start(move |r| {
        let (enc, bytes) = match r.path() {
            "/gzip" => ("gzip", gz.clone()),
            "/deflate" => ("deflate", zlib.clone()),
            _ => ("br", br.clone()),
        };
        Reply::bytes(200, "application/json", bytes).header("Content-Encoding", enc)
    })
    .expect(3);
    let dir = tempfile::tempdir().unwrap();
    let item = |name: &str| {
        json!({"name": name, "request": {"method": "GET", "url": format!("{{{{base}}}}/{name}"),
            "header": [{"key": "Accept-Encoding", "value": "identity"}]},
         "event": [{"listen": "test", "script": {"exec": ["pm.test('json', () => pm.expect(pm.response.json().ok).to.eql(true));"]}}]})
    };
    let (code, out) = run(
        &dir,
        json!({"info": {"name": "z"}, "item": [item("gzip"), item("deflate"), item("br")]}),
        &server,
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out.matches("✓").count() + out.matches("√").count(),
        3,
        "{out}"
    );
}

#[test]
fn a_compression_bomb_is_that_requests_error_and_the_run_goes_on() {
    // 65 MiB of zeros: more than the 64 MiB a body may decode to.
    let bomb = gzip(&vec![0u8; 65 * 1024 * 1024]);
    let server = TestServer::start(move |r| match r.path() {
        "/bomb" => Reply::bytes(200, "text/plain", bomb.clone()).header("Content-Encoding", "gzip"),
        _ => Reply::text(200, "fine"),
    })
    .expect(2);
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = run(
        &dir,
        json!({"info": {"name": "b"}, "item": [
            {"name": "bomb", "request": {"method": "GET", "url": "{{base}}/bomb"}},
            {"name": "next", "request": {"method": "GET", "url": "{{base}}/next"}}
        ]}),
        &server,
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the gzip response body decompresses to more than 64 MiB"),
        "{out}"
    );
    assert!(
        out.contains("GET") && out.contains("/next [200 OK"),
        "{out}"
    );
}

/// Runs `doc` and returns what the server received; the run must pass.
fn sent(doc: Value, server: &TestServer) -> Vec<support::server::Received> {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = run(&dir, doc, server);
    assert_eq!(code, 0, "{out}");
    server.requests()
}

/// The header lines of the raw request, without the ones that change from run
/// to run or are the same everywhere (agent, token, host, and the like).
fn head_lines(r: &support::server::Received) -> Vec<String> {
    let raw = String::from_utf8_lossy(&r.raw);
    let head = raw.split("\r\n\r\n").next().unwrap_or_default();
    head.split("\r\n")
        .skip(1)
        .filter(|l| {
            let name = l.split(':').next().unwrap_or_default();
            ![
                "User-Agent",
                "Accept",
                "Cache-Control",
                "Postman-Token",
                "Host",
                "Accept-Encoding",
            ]
            .contains(&name)
        })
        .map(str::to_string)
        .collect()
}

fn req(path: &str, method: &str, headers: &[(&str, &str)], extra: Value) -> Value {
    let mut r = json!({
        "method": method,
        "url": format!("{{{{base}}}}{path}"),
        "header": headers.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>(),
    });
    if let (Some(r), Some(extra)) = (r.as_object_mut(), extra.as_object()) {
        r.extend(extra.clone());
    }
    json!({"name": path, "request": r})
}

#[test]
fn an_auth_header_replaces_the_written_one_and_follows_the_request_headers() {
    let server = TestServer::start(|_| Reply::text(200, "ok")).expect(3);
    let bearer = json!({"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "TOK"}]}});
    let doc = json!({"info": {"name": "auth"}, "item": [
        req("/a", "GET", &[("Authorization", "Bearer old"), ("Content-Type", "application/json")], bearer.clone()),
        req("/b", "GET", &[("authorization", "Bearer old"), ("X-C", "3")], bearer),
        // Without a token the bearer auth does nothing: the written header stays.
        req("/c", "GET", &[("Authorization", "Custom"), ("X-C", "3")],
            json!({"auth": {"type": "bearer", "bearer": [{"key": "token", "value": ""}]}})),
    ]});
    let r = sent(doc, &server);
    assert_eq!(
        head_lines(&r[0]),
        [
            "Content-Type: application/json",
            "Authorization: Bearer TOK",
            "Connection: keep-alive"
        ]
    );
    assert_eq!(
        head_lines(&r[1]),
        [
            "X-C: 3",
            "Authorization: Bearer TOK",
            "Connection: keep-alive"
        ]
    );
    assert_eq!(
        head_lines(&r[2]),
        ["Authorization: Custom", "X-C: 3", "Connection: keep-alive"]
    );
}

#[test]
fn the_jars_cookie_goes_where_node_puts_it_and_joins_an_explicit_header_unmerged() {
    let server = TestServer::start(|r| {
        if r.path() == "/login" {
            Reply::text(200, "ok").header("Set-Cookie", "sid=jar; Path=/")
        } else {
            Reply::text(200, "ok")
        }
    })
    .expect(7);
    let none = json!({});
    let doc = json!({"info": {"name": "cookies"}, "item": [
        req("/login", "GET", &[], none.clone()),
        // A body of known length: its length first, then the jar's cookie.
        req("/raw", "POST", &[("X-A", "1")], json!({"body": {"mode": "raw", "raw": "{}"}})),
        // An empty body's length (and a multipart form's) comes after the cookie.
        req("/empty", "POST", &[("X-A", "1")], none.clone()),
        req("/form", "POST", &[], json!({"body": {"mode": "formdata", "formdata": [{"key": "a", "value": "1", "type": "text"}]}})),
        // The jar's cookies are appended to an explicit header as they are,
        // even when it already holds the same cookie or one of the same name.
        req("/same", "GET", &[("Cookie", "sid=jar"), ("X-B", "2")], none.clone()),
        req("/name", "GET", &[("Cookie", "sid=explicit"), ("X-B", "2")], none.clone()),
        req("/other", "GET", &[("Cookie", "other=1")], none),
    ]});
    let r = sent(doc, &server);
    assert_eq!(
        head_lines(&r[1]),
        [
            "X-A: 1",
            "Content-Type: text/plain",
            "Connection: keep-alive",
            "Content-Length: 2",
            "Cookie: sid=jar"
        ]
    );
    assert_eq!(
        head_lines(&r[2]),
        [
            "X-A: 1",
            "Connection: keep-alive",
            "Cookie: sid=jar",
            "Content-Length: 0"
        ]
    );
    let form = head_lines(&r[3]);
    assert_eq!(form[0], "Connection: keep-alive");
    assert!(
        form[1].starts_with("Content-Type: multipart/form-data; boundary="),
        "{form:?}"
    );
    assert_eq!(form[2], "Cookie: sid=jar");
    assert!(form[3].starts_with("Content-Length: "), "{form:?}");
    assert_eq!(
        head_lines(&r[4]),
        [
            "Cookie: sid=jar; sid=jar",
            "X-B: 2",
            "Connection: keep-alive"
        ]
    );
    assert_eq!(
        head_lines(&r[5]),
        [
            "Cookie: sid=explicit; sid=jar",
            "X-B: 2",
            "Connection: keep-alive"
        ]
    );
    assert_eq!(
        head_lines(&r[6]),
        ["Cookie: other=1; sid=jar", "Connection: keep-alive"]
    );
}

#[test]
fn header_names_go_out_in_the_case_they_were_written() {
    let server = TestServer::start(|_| Reply::text(200, "ok")).expect(1);
    let doc = json!({"info": {"name": "case"}, "item": [
        req("/a", "GET", &[("Accept-API-Version", "resource=2.0"), ("x-lower", "1"), ("X-MiXed", "2"), ("content-TYPE", "text/plain")], json!({})),
    ]});
    let r = sent(doc, &server);
    assert_eq!(
        head_lines(&r[0]),
        [
            "Accept-API-Version: resource=2.0",
            "x-lower: 1",
            "X-MiXed: 2",
            "content-TYPE: text/plain",
            "Connection: keep-alive"
        ]
    );
    let raw = String::from_utf8_lossy(&r[0].raw);
    assert!(raw.starts_with("GET /a HTTP/1.1\r\n"), "{raw}");
}

/// A request whose test expects `body` as the response's text.
fn expecting(path: &str, method: &str, body: &str) -> Value {
    let check = format!(
        "pm.test('body', () => pm.expect(pm.response.text()).to.eql({}));",
        json!(body)
    );
    json!({"name": path, "request": {"method": method, "url": format!("{{{{base}}}}{path}")},
           "event": [{"listen": "test", "script": {"exec": [check]}}]})
}

#[test]
fn responses_are_framed_by_length_chunks_or_close_and_bodiless_ones_keep_the_connection() {
    let server = TestServer::start(|r| match r.path() {
        "/chunked" => Reply::raw(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
        ),
        "/until-close" => Reply::raw(b"HTTP/1.1 200 OK\r\n\r\nread to the end"),
        "/continue" => Reply::raw(
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal",
        ),
        // Bodiless answers that announce a length: nothing follows them, and the
        // connection goes on to the next request.
        "/head" | "/not-modified" | "/no-content" => {
            let code = match r.path() {
                "/not-modified" => 304,
                "/no-content" => 204,
                _ => 200,
            };
            Reply::new(code).header("Content-Length", "5")
        }
        _ => Reply::text(200, "ok"),
    })
    .expect(8);
    let doc = json!({"info": {"name": "framing"}, "item": [
        expecting("/head", "HEAD", ""),
        expecting("/not-modified", "GET", ""),
        expecting("/no-content", "GET", ""),
        expecting("/after", "GET", "ok"),
        expecting("/chunked", "GET", "hello world"),
        expecting("/until-close", "GET", "read to the end"),
        expecting("/continue", "GET", "final"),
        expecting("/last", "GET", "ok"),
    ]});
    let r = sent(doc, &server);
    let connections: Vec<usize> = r.iter().map(|r| r.connection).collect();
    // Each raw answer closes its connection; the bodiless ones keep theirs.
    assert_eq!(connections, [0, 0, 0, 0, 0, 1, 2, 3]);
}

#[test]
fn a_kept_connection_the_server_closed_is_replaced_without_failing_the_request() {
    // Answers with a length and no `Connection: close`, then closes: the client
    // keeps the connection for the next request and finds it gone.
    let server =
        TestServer::start(|_| Reply::raw(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
            .expect(3);
    let doc = json!({"info": {"name": "stale"}, "item": [
        expecting("/a", "GET", "ok"),
        expecting("/b", "POST", "ok"),
        expecting("/c", "GET", "ok"),
    ]});
    let r = sent(doc, &server);
    let connections: Vec<usize> = r.iter().map(|r| r.connection).collect();
    assert_eq!(connections, [0, 1, 2]);
}

/// A request that says `Connection: close` is not followed by another on its
/// connection, even when the server would keep it open (as newman's agent does).
/// Pooling it raced the next request onto a connection the server was closing: a
/// POST then failed with "closed the connection without answering".
#[test]
fn a_request_that_says_connection_close_leaves_its_connection_out_of_the_pool() {
    let server = TestServer::start(|_| Reply::json(200, json!({"ok": true}))).expect(4);
    let closing = |path: &str, method: &str, value: &str| {
        json!({"name": path, "request": {"method": method, "url": format!("{{{{base}}}}{path}"),
            "header": [{"key": "Connection", "value": value}]}})
    };
    let doc = json!({"info": {"name": "close"}, "item": [
        closing("/a", "GET", "close"),
        closing("/b", "POST", "Upgrade, CLOSE"),
        {"name": "c", "request": "{{base}}/c"},
        {"name": "d", "request": "{{base}}/d"},
    ]});
    let r = sent(doc, &server);
    let connections: Vec<usize> = r.iter().map(|r| r.connection).collect();
    assert_eq!(connections, [0, 1, 2, 2]);
}
