//! The mock server with small collections built here: several examples per
//! request, header handling, odd collections, logging, shutdown.

mod support;

use postie::collection::Collection;
use postie::mock::{base_url_variables, MockError, MockLogLine, MockOptions, MockServer};
use postie::vars::Scopes;
use serde_json::{json, Value};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use support::client::{get, send};

fn collection(doc: Value) -> Collection {
    serde_json::from_value(doc).expect("a valid collection")
}

fn widgets() -> Collection {
    collection(json!({
        "info": { "name": "widgets", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        "item": [
            { "name": "Widgets", "item": [
                {
                    "name": "List widgets",
                    "request": { "method": "GET", "url": "{{baseUrl}}/widgets" },
                    "response": [
                        {
                            "name": "All widgets",
                            "originalRequest": { "method": "GET", "url": "{{baseUrl}}/widgets" },
                            "code": 200, "status": "OK",
                            "header": [
                                { "key": "Content-Type", "value": "application/json" },
                                { "key": "X-Thing", "value": "all" }
                            ],
                            "body": "[{\"id\":1},{\"id\":2}]"
                        },
                        {
                            "name": "Red widgets",
                            "originalRequest": { "method": "GET", "url": {
                                "raw": "{{baseUrl}}/widgets?color=red&size={{size}}",
                                "host": ["{{baseUrl}}"], "path": ["widgets"],
                                "query": [ { "key": "color", "value": "red" }, { "key": "size", "value": "{{size}}" } ]
                            } },
                            "code": 200,
                            "body": "[{\"id\":1,\"color\":\"red\"}]"
                        },
                        {
                            "name": "Blue widgets",
                            "originalRequest": { "method": "GET", "url": "{{baseUrl}}/widgets?color=blue" },
                            "code": 200,
                            "body": "[{\"id\":2,\"color\":\"blue\"}]"
                        },
                        {
                            "name": "Server error",
                            "originalRequest": { "method": "GET", "url": "{{baseUrl}}/widgets" },
                            "code": 500, "status": "Internal Server Error",
                            "body": "{\"error\":\"boom\"}"
                        },
                        { "name": "Throttled", "code": 429, "body": "slow down" }
                    ]
                },
                {
                    "name": "Get widget",
                    "request": { "method": "GET", "url": {
                        "raw": "{{baseUrl}}/widgets/:id", "host": ["{{baseUrl}}"], "path": ["widgets", ":id"],
                        "variable": [ { "key": "id", "value": "7" } ]
                    } },
                    "response": [ {
                        "name": "Widget",
                        "code": 200,
                        "header": [
                            { "key": "Content-Type", "value": "text/plain" },
                            { "key": "Content-Length", "value": "999" },
                            { "key": "Transfer-Encoding", "value": "chunked" },
                            { "key": "Content-Encoding", "value": "gzip" },
                            { "key": "Connection", "value": "keep-alive" },
                            { "key": "Keep-Alive", "value": "timeout=5" },
                            { "key": "Set-Cookie", "value": "a=1; Path=/" },
                            { "key": "Set-Cookie", "value": "b=2; Path=/" },
                            { "key": "X-Thing", "value": "widget" },
                            { "key": "X-Disabled", "value": "no", "disabled": true },
                            { "key": "Bad Header", "value": "x" }
                        ],
                        "body": "{\"id\":7}"
                    } ]
                },
                {
                    "name": "Special widget",
                    "request": "{{baseUrl}}/widgets/special",
                    "response": [ { "name": "Special", "code": 200, "body": "special" } ]
                },
                {
                    "name": "Create widget",
                    "request": { "method": "POST", "url": "{{baseUrl}}/widgets",
                                 "body": { "mode": "raw", "raw": "{\"color\":\"red\"}" } },
                    "response": [
                        {
                            "name": "Created red",
                            "originalRequest": { "method": "POST", "url": "{{baseUrl}}/widgets",
                                "body": { "mode": "raw", "raw": "{\"color\":\"red\",\"size\":{{size}}}" } },
                            "code": 201, "body": "red"
                        },
                        {
                            "name": "Created blue",
                            "originalRequest": { "method": "POST", "url": "{{baseUrl}}/widgets",
                                "body": { "mode": "raw", "raw": "{\"color\":\"blue\",\"size\":{{size}}}" } },
                            "code": 201, "body": "blue"
                        }
                    ]
                }
            ] },
            { "name": "Empty folder", "item": [] },
            { "name": "Neither folder nor request" },
            {
                "name": "Odd examples",
                "request": { "method": "GET", "url": "{{baseUrl}}/odd" },
                "response": [
                    { "name": "Odd code", "code": "abc", "body": null, "header": null },
                    { "code": 101, "body": "switching?" },
                    { "name": "From a string", "originalRequest": "{{baseUrl}}/odd/string", "code": 202 },
                    { "name": "Null request", "originalRequest": null, "code": 203 }
                ]
            },
            {
                "name": "Literal host",
                "request": "https://api.example.com/v2/things",
                "response": [ { "name": "Things", "body": "things",
                                "_postman_previewlanguage": "json" } ]
            },
            { "name": "No examples", "request": { "method": "DELETE", "url": "{{baseUrl}}/widgets/:id" } }
        ]
    }))
}

fn start(log: Option<postie::mock::MockLog>) -> MockServer {
    MockServer::start(
        &widgets(),
        &Scopes::default(),
        MockOptions {
            log,
            ..MockOptions::default()
        },
    )
    .expect("the mock starts")
}

#[test]
fn serves_the_example_status_headers_and_body() {
    let server = start(None);
    let base = server.base_url();
    let r = get(&base, "/widgets/7");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, "{\"id\":7}");
    assert_eq!(r.example(), Some("Widget"));
    assert_eq!(r.header("content-type"), Some("text/plain"));
    assert_eq!(r.header("x-thing"), Some("widget"));
    assert_eq!(r.all("set-cookie"), ["a=1; Path=/", "b=2; Path=/"]);
    // The server's own framing, not the example's.
    assert_eq!(r.header("content-length"), Some("8"));
    for absent in [
        "transfer-encoding",
        "content-encoding",
        "keep-alive",
        "x-disabled",
        "bad header",
    ] {
        assert_eq!(r.header(absent), None, "{absent}: {:?}", r.headers);
    }

    let r = get(&base, "/widgets");
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json(), json!([{ "id": 1 }, { "id": 2 }]));

    // A body without Content-Type gets one from Postman's preview language.
    let r = get(&base, "/v2/things");
    assert_eq!(r.body, "things");
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );

    // HEAD is answered by the GET example, without a body.
    let r = send(&base, "HEAD", "/widgets/7", &[], "");
    assert_eq!(r.status, 200);
    assert_eq!(r.example(), Some("Widget"));
    assert_eq!(r.body, "");
}

#[test]
fn variable_segments_match_any_value_and_literals_win() {
    let server = start(None);
    let base = server.base_url();
    for id in ["7", "123", "abc-def", "caf%C3%A9"] {
        let r = get(&base, &format!("/widgets/{id}"));
        assert_eq!(r.example(), Some("Widget"), "/widgets/{id}");
    }
    // `special` is a literal segment: it beats `:id` although listed after it.
    assert_eq!(get(&base, "/widgets/special").example(), Some("Special"));
    // Trailing slash: `/widgets/` is `/widgets/:id` with an empty id.
    assert_eq!(get(&base, "/widgets/").example(), Some("Widget"));
    // Literal segments must match; segment counts must agree.
    assert_eq!(get(&base, "/gadgets/7").status, 404);
    assert_eq!(get(&base, "/widgets/7/parts").status, 404);
}

#[test]
fn mock_response_headers_choose_among_examples() {
    let server = start(None);
    let base = server.base_url();
    let r = send(
        &base,
        "GET",
        "/widgets",
        &[("x-mock-response-code", "500")],
        "",
    );
    assert_eq!((r.status, r.example()), (500, Some("Server error")));
    assert_eq!(r.json(), json!({ "error": "boom" }));

    // An example without originalRequest is matched on its item's request.
    let r = send(
        &base,
        "GET",
        "/widgets",
        &[("x-mock-response-code", "429")],
        "",
    );
    assert_eq!((r.status, r.body.as_str()), (429, "slow down"));

    let r = send(
        &base,
        "GET",
        "/widgets",
        &[("x-mock-response-name", "Blue widgets")],
        "",
    );
    assert_eq!((r.status, r.example()), (200, Some("Blue widgets")));

    // Both together; code 200 among the named.
    let r = send(
        &base,
        "GET",
        "/widgets?color=red",
        &[
            ("x-mock-response-name", "Red widgets"),
            ("x-mock-response-code", "200"),
        ],
        "",
    );
    assert_eq!(r.example(), Some("Red widgets"));

    // A name or code that no example of this request has: 404 saying so.
    let r = send(
        &base,
        "GET",
        "/widgets",
        &[("x-mock-response-name", "Nope")],
        "",
    );
    assert_eq!(r.status, 404);
    let body = r.json();
    assert_eq!(body["error"], "no saved example matches");
    let hint = body["hint"].as_str().unwrap();
    assert!(hint.contains("x-mock-response-name \"Nope\""), "{hint}");
    let names: Vec<&str> = body["closest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["example"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "All widgets",
            "Red widgets",
            "Blue widgets",
            "Server error",
            "Throttled"
        ]
    );
    let r = send(
        &base,
        "GET",
        "/widgets",
        &[("x-mock-response-code", "418")],
        "",
    );
    assert_eq!(r.status, 404);
    assert!(r.json()["hint"]
        .as_str()
        .unwrap()
        .contains("x-mock-response-code 418"));
}

#[test]
fn query_parameters_and_body_fields_rank_candidates() {
    let server = start(None);
    let base = server.base_url();
    for (target, example) in [
        ("/widgets", "All widgets"),
        ("/widgets?color=red&size=3", "Red widgets"),
        ("/widgets?color=red", "Red widgets"),
        ("/widgets?size=3", "Red widgets"),
        ("/widgets?color=blue", "Blue widgets"),
        ("/widgets?unrelated=1", "All widgets"),
    ] {
        assert_eq!(get(&base, target).example(), Some(example), "{target}");
    }
    let json = [("Content-Type", "application/json")];
    for (body, example) in [
        (r#"{"color":"blue","size":3}"#, "Created blue"),
        (r#"{"color":"red"}"#, "Created red"),
        (r#"{"size":3,"color":"blue"}"#, "Created blue"),
        ("", "Created red"),
    ] {
        let r = send(&base, "POST", "/widgets", &json, body);
        assert_eq!((r.status, r.example()), (201, Some(example)), "{body}");
    }
}

#[test]
fn unmatched_requests_get_a_404_naming_the_closest_candidates() {
    let server = start(None);
    let base = server.base_url();
    // The item exists but has no example: the same path's other methods are named first.
    let r = send(&base, "DELETE", "/widgets/7", &[], "");
    assert_eq!(r.status, 404);
    let body = r.json();
    assert_eq!(body["method"], "DELETE");
    assert_eq!(body["path"], "/widgets/7");
    let closest = body["closest"].as_array().unwrap();
    assert!(closest.len() <= 5);
    assert_eq!(
        closest[0],
        json!({ "method": "GET", "path": "/widgets/:id", "example": "Widget", "item": "Get widget" })
    );
    assert!(body.get("hint").is_none());

    let r = send(&base, "PATCH", "/widgets", &[], "");
    let body = r.json();
    let first: Vec<(&str, &str)> = body["closest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["method"].as_str().unwrap(), c["path"].as_str().unwrap()))
        .collect();
    assert_eq!(first.len(), 5);
    assert!(first.iter().all(|(_, p)| *p == "/widgets"), "{first:?}");
}

#[test]
fn odd_collections_do_not_break_the_server() {
    let server = start(None);
    let base = server.base_url();
    assert_eq!(server.example_count(), 14);
    // Non-numeric code: 200; null body and headers: an empty body.
    let r = get(&base, "/odd");
    assert_eq!(
        (r.status, r.example(), r.body.as_str()),
        (200, Some("Odd code"), "")
    );
    // An example without a name and with a 1xx code: served as 200.
    let r = send(&base, "GET", "/odd", &[("x-mock-response-name", "")], "");
    assert_eq!((r.status, r.body.as_str()), (200, "switching?"));
    assert_eq!(r.example(), Some(""));
    // originalRequest written as a URL string.
    let r = get(&base, "/odd/string");
    assert_eq!((r.status, r.example()), (202, Some("From a string")));
    // originalRequest null: the item's request.
    let r = send(&base, "GET", "/odd", &[("x-mock-response-code", "203")], "");
    assert_eq!(r.example(), Some("Null request"));
    // Odd requests.
    assert_eq!(get(&base, "/").status, 404);
    assert_eq!(get(&base, "/%ZZ/%00").status, 404);
    let r = send(
        &base,
        "POST",
        "/widgets",
        &[("Content-Type", "application/json")],
        "{not json",
    );
    assert_eq!(r.status, 201);
    // Still serving.
    assert_eq!(get(&base, "/widgets/1").example(), Some("Widget"));

    // An empty collection serves 404s.
    let empty = collection(json!({ "info": { "name": "empty" } }));
    let server = MockServer::start(&empty, &Scopes::default(), MockOptions::default()).unwrap();
    assert_eq!(server.example_count(), 0);
    let body = get(&server.base_url(), "/anything").json();
    assert_eq!(body["closest"], json!([]));
}

#[test]
fn logs_one_line_per_request() {
    let lines: Arc<Mutex<Vec<MockLogLine>>> = Arc::default();
    let sink = lines.clone();
    let server = start(Some(Box::new(move |line: &MockLogLine| {
        sink.lock().unwrap().push(line.clone())
    })));
    let base = server.base_url();
    get(&base, "/widgets/7?x=1");
    send(&base, "DELETE", "/widgets", &[], "");
    send(
        &base,
        "GET",
        "/widgets",
        &[("x-mock-response-code", "500")],
        "",
    );
    server.shutdown();
    let shown: Vec<String> = lines
        .lock()
        .unwrap()
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(
        shown,
        [
            "GET /widgets/7 → Widget (200)",
            "DELETE /widgets → no match (404)",
            "GET /widgets → Server error (500)",
        ]
    );
    let first = lines.lock().unwrap()[0].clone();
    assert_eq!(first.item.as_deref(), Some("Get widget"));
}

#[test]
fn shutdown_and_drop_close_the_port() {
    let server = start(None);
    let addr = server.local_addr();
    assert_eq!(get(&server.base_url(), "/widgets").status, 200);
    server.shutdown();
    assert!(
        TcpStream::connect(addr).is_err(),
        "still listening on {addr}"
    );

    let server = start(None);
    let addr = server.local_addr();
    drop(server);
    assert!(
        TcpStream::connect(addr).is_err(),
        "still listening on {addr}"
    );
}

#[test]
fn a_taken_port_is_a_bind_error() {
    let first = start(None);
    let port = first.local_addr().port();
    let err = MockServer::start(
        &widgets(),
        &Scopes::default(),
        MockOptions {
            port,
            ..MockOptions::default()
        },
    )
    .unwrap_err();
    match &err {
        MockError::Bind { addr, reason } => {
            assert_eq!(addr, &format!("127.0.0.1:{port}"));
            assert_eq!(reason, "address already in use");
        }
        other => panic!("expected a bind error, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        format!("cannot listen on 127.0.0.1:{port}: address already in use")
    );
    let err = MockServer::start(
        &widgets(),
        &Scopes::default(),
        MockOptions {
            host: "no-such-host.invalid".into(),
            ..MockOptions::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, MockError::Bind { .. }), "{err:?}");
}

#[test]
fn base_url_variables_follow_the_documented_rule() {
    let urls = |urls: &[&str]| {
        collection(json!({
            "info": { "name": "bases" },
            "item": urls.iter().map(|u| json!({ "name": u, "request": u })).collect::<Vec<_>>()
        }))
    };
    let mut scopes = Scopes::default();
    scopes
        .environment
        .set("abs", json!("https://api.example.com/v1"));
    scopes.environment.set("empty", json!(""));
    scopes.environment.set("local", json!("localhost:3000/api"));
    scopes.environment.set("word", json!("not a url"));
    scopes
        .environment
        .set("nested", json!("https://{{sub}}.example.com"));
    scopes.environment.set("sub", json!("eu"));
    let c = urls(&[
        "{{abs}}/a",
        "{{abs}}/b",
        "{{empty}}/a",
        "{{undefined}}/a",
        "{{local}}/a",
        "{{nested}}/a",
        "{{word}}/a",
        "https://{{host}}/a",
        "{{port}}:8080/a",
        "{{sub}}.example.com/a",
        "{{$randomUrl}}/a",
        "https://literal.example.com/a",
    ]);
    assert_eq!(
        base_url_variables(&c, &scopes),
        ["abs", "empty", "undefined", "local", "nested"]
    );

    // Requests sent with those variables replaced by the mock's base URL reach
    // their examples; the value's own path (`/v1`) is also accepted in front.
    let c = collection(json!({
        "info": { "name": "bases" },
        "item": [ { "name": "a", "request": "{{abs}}/items/{{id}}",
                    "response": [ { "name": "Item", "body": "item" } ] } ]
    }));
    let server = MockServer::start(&c, &scopes, MockOptions::default()).unwrap();
    let base = server.base_url();
    let mut run = scopes.clone();
    for name in base_url_variables(&c, &scopes) {
        run.environment.set(&name, json!(base));
    }
    let url = run.resolve("{{abs}}/items/{{id}}").text;
    assert_eq!(url, format!("{base}/items/{{{{id}}}}"));
    assert_eq!(get(&base, "/items/42").example(), Some("Item"));
    assert_eq!(get(&base, "/v1/items/42").example(), Some("Item"));
}

#[tokio::test]
async fn an_async_http_client_gets_the_examples() {
    let server = start(None);
    let base = server.base_url();
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    for _ in 0..3 {
        let r = client
            .post(format!("{base}/widgets"))
            .header("content-type", "application/json")
            .body(r#"{"color":"blue"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 201);
        assert_eq!(
            r.headers()["x-postie-mock-example"].to_str().unwrap(),
            "Created blue"
        );
        assert_eq!(r.text().await.unwrap(), "blue");
    }
    let r = client
        .get(format!("{base}/widgets/9"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), "{\"id\":7}");
}
