//! Reporters: they listen to the runner's events as a stream ([`RunListener`])
//! and turn them into terminal output and report files.
//!
//! [`RunListener`]: crate::runner::RunListener

pub mod cli;
pub mod json;
pub mod junit;
pub mod progress;

use crate::output::{Masker, MASK};
use crate::runner::events::ListenerError;
use std::borrow::Cow;

pub use cli::{CliOptions, CliReporter};
pub use json::JsonReporter;
pub use junit::JunitReporter;
pub use progress::ProgressReporter;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: cannot write report: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write to the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

impl From<ReportError> for ListenerError {
    fn from(e: ReportError) -> Self {
        ListenerError::new(e)
    }
}

/// A byte count as newman prints it (`filesize` with no spacer, base 10):
/// `512B`, `1.2kB`, `3.45MB`.
pub(crate) fn filesize(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes}B");
    }
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    // Rounding can carry into the next unit (999_999 B is "1MB", not "1000kB").
    if (value * 100.0).round() / 100.0 >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{}{}", trim_decimals(value, 2), UNITS[unit])
}

/// A duration as newman prints it: `850µs`, `35ms` below two seconds, then
/// `2.3s`, `1m 5.2s`, `1h 2m 3s`.
pub(crate) fn pretty_ms(ms: f64, unicode: bool) -> String {
    let ms = if ms.is_finite() && ms > 0.0 { ms } else { 0.0 };
    if ms < 1.0 {
        let micro = if unicode { "µs" } else { "us" };
        return format!("{}{micro}", (ms * 1000.0) as u64);
    }
    if ms < 1998.0 {
        return format!("{}ms", ms as u64);
    }
    let total_s = ms / 1000.0;
    let hours = (total_s / 3600.0).floor();
    let minutes = ((total_s - hours * 3600.0) / 60.0).floor();
    let seconds = total_s - hours * 3600.0 - minutes * 60.0;
    let mut parts = Vec::new();
    if hours > 0.0 {
        parts.push(format!("{hours}h"));
    }
    if minutes > 0.0 {
        parts.push(format!("{minutes}m"));
    }
    // Truncated (not rounded) to one decimal, as pretty-ms does, so 59.99s never shows as 60s.
    let tenths = (seconds * 10.0).floor() / 10.0;
    if tenths > 0.0 || parts.is_empty() {
        parts.push(format!("{}s", trim_decimals(tenths, 1)));
    }
    parts.join(" ")
}

/// `value` with at most `places` decimals and no trailing zeros.
pub(crate) fn trim_decimals(value: f64, places: usize) -> String {
    let s = format!("{value:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Headers whose values are credentials: reports show the scheme and hide the rest.
const CREDENTIAL_HEADERS: [&str; 2] = ["authorization", "proxy-authorization"];

/// A header value as reports show it: credentials in `Authorization` and
/// `Proxy-Authorization` are replaced by the mask (the scheme stays visible, so
/// "Bearer ********" still tells which auth was used), then known secrets are masked.
pub(crate) fn shown_header<'a>(name: &str, value: &'a str, masker: &Masker) -> Cow<'a, str> {
    if CREDENTIAL_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name.trim()))
        && !value.trim().is_empty()
    {
        let value = value.trim();
        return match value.split_once(char::is_whitespace) {
            Some((scheme, rest)) if !rest.trim().is_empty() => {
                Cow::Owned(format!("{scheme} {MASK}"))
            }
            _ => Cow::Borrowed(MASK),
        };
    }
    masker.mask(value)
}

/// Hand-built runs for the reporters' tests: a small collection, executions
/// that pass, fail and error, and the summary the runner would give.
#[cfg(test)]
pub(crate) mod testutil {
    use crate::collection::{Collection, Item};
    use crate::http::{HttpRequest, HttpResponse, RequestError};
    use crate::output::Masker;
    use crate::runner::events::*;
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
            settings: Default::default(),
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
        }];
        e.unresolved = vec![Unresolved {
            name: "missing".into(),
            part: "header X-Missing".into(),
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

    fn count(total: usize, failed: usize, pending: usize) -> Count {
        Count {
            total,
            failed,
            pending,
        }
    }

    /// The failures of one iteration of the standard run, in the runner's order.
    pub fn failures(iteration: usize, n: usize) -> Vec<Failure> {
        vec![
            Failure {
                cursor: cursor(iteration, n, 0, 2),
                source: "Users / Admin / Get user".into(),
                item_id: "req-1".into(),
                name: "AssertionError".into(),
                test: Some("Body has name".into()),
                message: format!("expected '{SECRET}' to equal 'Ann'"),
                at: "assertion:1 in test-script".into(),
                index: Some(1),
                stack: Some(format!(
                    "AssertionError: expected '{SECRET}' to equal 'Ann'\n    at test-script:2:5"
                )),
            },
            Failure {
                cursor: cursor(iteration, n, 1, 2),
                source: "Health".into(),
                item_id: "req-2".into(),
                name: "RequestError".into(),
                test: None,
                message: "connection refused: 127.0.0.1:9".into(),
                at: "request".into(),
                index: None,
                stack: None,
            },
            Failure {
                cursor: cursor(iteration, n, 1, 2),
                source: "Health".into(),
                item_id: "req-2".into(),
                name: "TypeError".into(),
                test: None,
                message: format!("Cannot read properties of undefined (reading '{SECRET}')"),
                at: "test-script:1:10".into(),
                index: None,
                stack: None,
            },
        ]
    }

    pub fn summary(n: usize) -> Summary {
        let mut timings = Timings {
            started: 1_700_000_000_000,
            completed: 1_700_000_000_000 + 1234,
            ..Default::default()
        };
        let mut response_total = 0;
        for i in 0..n {
            timings.add((100 + 20 * i) as f64);
            response_total += get_user_response(0).body.len() as u64;
        }
        Summary {
            stats: Stats {
                iterations: count(n, 0, 0),
                items: count(2 * n, 0, 0),
                scripts: count(2 * n, n, 0),
                prerequests: count(0, 0, 0),
                requests: count(2 * n, n, 0),
                tests: count(2 * n, n, 0),
                assertions: count(3 * n, n, n),
                test_scripts: count(2 * n, n, 0),
                prerequest_scripts: count(0, 0, 0),
            },
            timings,
            failures: (0..n).flat_map(|i| failures(i, n)).collect(),
            response_total,
            scopes: scopes(),
            error: None,
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filesize_matches_newman() {
        assert_eq!(filesize(0), "0B");
        assert_eq!(filesize(999), "999B");
        assert_eq!(filesize(1000), "1kB");
        assert_eq!(filesize(1234), "1.23kB");
        assert_eq!(filesize(1200), "1.2kB");
        assert_eq!(filesize(999_999), "1MB");
        assert_eq!(filesize(5_430_000), "5.43MB");
        assert_eq!(filesize(u64::MAX), "18446.74PB");
    }

    #[test]
    fn pretty_ms_matches_newman() {
        assert_eq!(pretty_ms(0.0, true), "0µs");
        assert_eq!(pretty_ms(0.5, true), "500µs");
        assert_eq!(pretty_ms(0.5, false), "500us");
        assert_eq!(pretty_ms(35.7, true), "35ms");
        assert_eq!(pretty_ms(1997.0, true), "1997ms");
        assert_eq!(pretty_ms(2345.0, true), "2.3s");
        assert_eq!(pretty_ms(2000.0, true), "2s");
        assert_eq!(pretty_ms(65_200.0, true), "1m 5.2s");
        assert_eq!(pretty_ms(3_723_000.0, true), "1h 2m 3s");
        assert_eq!(pretty_ms(f64::NAN, true), "0µs");
        assert_eq!(pretty_ms(-3.0, true), "0µs");
    }

    #[test]
    fn credential_headers_keep_only_the_scheme() {
        let m = Masker::default();
        assert_eq!(
            shown_header("Authorization", "Bearer abc.def", &m),
            "Bearer ********"
        );
        assert_eq!(shown_header("proxy-authorization", "xyz", &m), "********");
        assert_eq!(shown_header("Accept", "*/*", &m), "*/*");
        assert_eq!(shown_header("Authorization", "", &m), "");
    }
}
