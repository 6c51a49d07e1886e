//! Hand-built runs for the reporters' tests: a small collection, executions
//! that pass, fail and error, and the summary the runner would give.

use crate::collection::{Collection, Item};
use crate::http::{HttpRequest, HttpResponse, RequestError};
use crate::output::Masker;
use crate::runner::events::*;
use crate::runner::stats::Tally;
use crate::script::{AssertionError, AssertionResult, ConsoleEntry, ScriptError, ScriptKind};
use crate::vars::{Scopes, VariableScope};
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// A secret that the standard run puts everywhere it can: a request header, the
/// URL, the request and response bodies, console output, an assertion message,
/// a script error, the environment and the collection's variables.
pub const SECRET: &str = "tok-S3CR3T-9f8e7d";

pub fn masker() -> Masker {
    Masker::new(vec![SECRET.to_string()])
}

/// A `Write` whose bytes the test can read back after the reporter has them.
#[derive(Clone, Default)]
pub struct SharedBuf(pub Arc<Mutex<Vec<u8>>>);

impl SharedBuf {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn collection() -> Collection {
    serde_json::from_value(json!({
        "info": {
            "_postman_id": "col-1",
            "name": "Demo API",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
        },
        "item": [
            {"name": "Users", "id": "fold-1", "item": [
                {"name": "Admin", "id": "fold-2", "item": [
                    {"name": "Get user", "id": "req-1",
                     "request": {"method": "GET", "url": "https://api.example.com/users/1?verbose=true"},
                     "event": [{"listen": "test", "script": {"exec": ["pm.test('Status code is 200', () => {})"]}}]}
                ]}
            ]},
            {"name": "Health", "id": "req-2",
             "request": {"method": "POST", "url": "http://127.0.0.1:9/health",
                         "body": {"mode": "raw", "raw": "{}"}}}
        ],
        "variable": [{"key": "apiKey", "value": SECRET, "type": "string"}]
    }))
    .unwrap()
}

/// (item, parents) of the nested request.
pub fn get_user(c: &Collection) -> (&Item, Vec<&Item>) {
    let users = &c.item[0];
    let admin = &users.children()[0];
    (&admin.children()[0], vec![users, admin])
}

/// (item, parents) of the request at the collection's root.
pub fn health(c: &Collection) -> (&Item, Vec<&Item>) {
    (&c.item[1], Vec::new())
}

pub fn cursor(iteration: usize, iterations: usize, position: usize, length: usize) -> Cursor {
    Cursor {
        iteration,
        iterations,
        position,
        length,
        ref_id: format!("ref-{iteration}-{position}"),
    }
}

pub fn pass(name: &str, index: usize) -> AssertionResult {
    AssertionResult {
        name: name.into(),
        index,
        passed: true,
        skipped: false,
        error: None,
    }
}

pub fn skipped(name: &str, index: usize) -> AssertionResult {
    AssertionResult {
        name: name.into(),
        index,
        passed: false,
        skipped: true,
        error: None,
    }
}

pub fn fail(name: &str, index: usize, message: &str) -> AssertionResult {
    AssertionResult {
        name: name.into(),
        index,
        passed: false,
        skipped: false,
        error: Some(AssertionError {
            name: "AssertionError".into(),
            message: message.into(),
            stack: Some(format!("AssertionError: {message}\n    at test-script:2:5")),
            ..Default::default()
        }),
    }
}

pub fn execution<'a>(item: &'a Item, parents: Vec<&'a Item>, cursor: Cursor) -> Execution<'a> {
    Execution::new(item, parents, cursor)
}

pub fn get_user_request() -> HttpRequest {
    HttpRequest {
        method: "GET".into(),
        url: format!("https://api.example.com/users/1?verbose=true&key={SECRET}"),
        headers: vec![
            ("Accept".into(), "application/json".into()),
            ("X-Api-Key".into(), SECRET.into()),
            ("Authorization".into(), "Bearer abc.def.ghi".into()),
        ],
        body: Some(format!("{{\"apiKey\":\"{SECRET}\"}}").into_bytes()),
        // The auth's `Authorization` was added for the request.
        own_headers: vec!["Accept".into(), "X-Api-Key".into()],
        settings: Default::default(),
        ..Default::default()
    }
}

pub fn get_user_response(time_ms: u64) -> HttpResponse {
    HttpResponse {
        code: 200,
        status: "OK".into(),
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Set-Cookie".into(), "sid=abc; Path=/".into()),
        ],
        body: format!("{{\"id\":1,\"token\":\"{SECRET}\"}}").into_bytes(),
        time_ms,
        url: "https://api.example.com/users/1".into(),
        cookies: vec![crate::http::CookieData {
            name: "sid".into(),
            value: "abc".into(),
            path: Some("/".into()),
            ..Default::default()
        }],
    }
}

pub fn get_user_execution<'a>(c: &'a Collection, iteration: usize, n: usize) -> Execution<'a> {
    let (item, parents) = get_user(c);
    let mut e = execution(item, parents, cursor(iteration, n, 0, 2));
    e.request = Some(get_user_request());
    e.response = Some(get_user_response(100 + 20 * iteration as u64));
    e.scripts = vec![ScriptRecord {
        kind: ScriptKind::Test,
        origin: "Get user".into(),
        error: None,
    }];
    e.assertions = vec![
        pass("Status code is 200", 0),
        fail(
            "Body has name",
            1,
            &format!("expected '{SECRET}' to equal 'Ann'"),
        ),
        skipped("Later", 2),
    ];
    e.console = vec![ConsoleEntry {
        level: "log".into(),
        text: format!("token is {SECRET}\nsecond line"),
        shown: None,
        after_assertions: 0,
    }];
    e.unresolved = vec![Unresolved {
        name: "missing".into(),
        part: "header X-Missing".into(),
        why: None,
    }];
    e
}

pub fn health_execution<'a>(c: &'a Collection, iteration: usize, n: usize) -> Execution<'a> {
    let (item, parents) = health(c);
    let mut e = execution(item, parents, cursor(iteration, n, 1, 2));
    e.request = Some(HttpRequest {
        method: "POST".into(),
        url: "http://127.0.0.1:9/health".into(),
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: Some(b"{}".to_vec()),
        settings: Default::default(),
        ..Default::default()
    });
    e.request_error = Some(RequestError::ConnectionRefused("127.0.0.1:9".into()));
    e.scripts = vec![ScriptRecord {
        kind: ScriptKind::Test,
        origin: "Health".into(),
        error: Some(ScriptError {
            name: "TypeError".into(),
            message: format!("Cannot read properties of undefined (reading '{SECRET}')"),
            line: Some(1),
            column: Some(10),
            stack: None,
        }),
    }];
    e
}

pub fn scopes() -> Scopes {
    Scopes {
        environment: VariableScope {
            id: Some("env-1".into()),
            name: "Staging".into(),
            values: vec![
                crate::collection::Variable {
                    key: Some("token".into()),
                    value: json!(SECRET),
                    kind: Some("secret".into()),
                    enabled: Some(true),
                    ..Default::default()
                },
                crate::collection::Variable {
                    key: Some("user".into()),
                    value: json!("ann"),
                    kind: Some("default".into()),
                    enabled: Some(true),
                    ..Default::default()
                },
            ],
        },
        globals: VariableScope {
            id: None,
            name: "globals".into(),
            values: vec![crate::collection::Variable {
                key: Some("g".into()),
                value: json!(1),
                ..Default::default()
            }],
        },
        ..Default::default()
    }
}

/// The summary the runner gives at the end of [`standard_run`]: the same
/// executions, counted by the runner's own tally.
pub fn summary(n: usize) -> Summary {
    let c = collection();
    let mut tally = Tally::default();
    for i in 0..n {
        tally.iteration();
        tally.item(&get_user_execution(&c, i, n));
        tally.item(&health_execution(&c, i, n));
    }
    tally.timings.started = 1_700_000_000_000;
    tally.timings.completed = 1_700_000_000_000 + 1234;
    tally.summary(scopes(), None)
}

/// Feeds a reporter the standard run: `n` iterations of "Get user" (one passed,
/// one failed and one skipped assertion, console output, an unresolved variable)
/// and "Health" (connection refused, then a test-script error).
pub fn standard_run(r: &mut dyn RunListener, n: usize) -> Result<(), ListenerError> {
    standard_run_with(r, n, None)
}

pub fn standard_run_with(
    r: &mut dyn RunListener,
    n: usize,
    mock_base: Option<&str>,
) -> Result<(), ListenerError> {
    let c = collection();
    r.event(&Event::Start {
        collection: &c,
        iterations: n,
        mock_base,
    })?;
    for i in 0..n {
        r.event(&Event::BeforeIteration {
            iteration: i,
            iterations: n,
        })?;
        let e = get_user_execution(&c, i, n);
        r.event(&Event::BeforeItem {
            cursor: &e.cursor,
            item: e.item,
            parents: &e.parents,
        })?;
        r.event(&Event::Item(&e))?;
        let e = health_execution(&c, i, n);
        r.event(&Event::BeforeItem {
            cursor: &e.cursor,
            item: e.item,
            parents: &e.parents,
        })?;
        r.event(&Event::Item(&e))?;
        r.event(&Event::Iteration { iteration: i })?;
    }
    r.event(&Event::Done(&summary(n)))
}
