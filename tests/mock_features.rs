//! `postie mock` as users run it: filled examples, Postman's `x-mock-*` request
//! headers, CORS, `--delay`, the log line, the warnings, exit codes, `--watch`
//! and `--help`, each through the real binary over real HTTP on 127.0.0.1.

mod support;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// A running `postie mock`, killed when dropped.
struct Mock {
    child: Child,
    /// `127.0.0.1:PORT` to connect to.
    addr: String,
    banner: String,
    stdout: Receiver<String>,
    stderr: Receiver<String>,
}

fn lines(r: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn command(args: &[&str]) -> Command {
    let mut cmd = support::postie_process();
    cmd.arg("mock").args(args);
    cmd
}

impl Mock {
    /// Starts `postie mock ARGS --port 0` and waits for its banner.
    fn start(args: &[&str]) -> Mock {
        let mut child = command(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("postie mock starts");
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        let mut mock = Mock {
            child,
            addr: String::new(),
            banner: String::new(),
            stdout,
            stderr,
        };
        mock.banner = mock.line();
        let url = mock
            .banner
            .split(" at http://")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {:?}", mock.banner))
            .to_string();
        let port = url.rsplit(':').next().unwrap();
        mock.addr = format!("127.0.0.1:{port}");
        mock
    }

    /// The next line on standard output.
    fn line(&self) -> String {
        self.stdout
            .recv_timeout(WAIT)
            .expect("a line on standard output")
    }

    /// Standard error lines until one contains `needle`.
    fn stderr_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.stderr.recv_timeout(left) {
                Ok(l) if l.contains(needle) => return l,
                Ok(l) => seen.push(l),
                Err(_) => break,
            }
        }
        panic!("no {needle:?} on standard error: {seen:?}");
    }

    fn send(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Resp {
        http(&self.addr, method, target, headers, body)
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    fn example(&self) -> Option<&str> {
        self.header("x-postie-mock-example")
    }
}

/// One HTTP/1.1 exchange on a fresh connection.
fn http(addr: &str, method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Resp {
    let mut stream = TcpStream::connect(addr).expect("the mock accepts connections");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole response");
    let mut head_lines = head.lines();
    let status = head_lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("a status line");
    let headers = head_lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Resp {
        status,
        headers,
        body: body.to_string(),
    }
}

/// Writes a file whole (a copy renamed over it), so a watcher never sees it half written.
fn write_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    let copy = dir.join(format!("{name}.tmp"));
    std::fs::write(&copy, text).unwrap();
    std::fs::rename(&copy, &path).unwrap();
    path.to_string_lossy().into_owned()
}

fn write_json(dir: &Path, name: &str, doc: &Value) -> String {
    write_file(dir, name, &serde_json::to_string_pretty(doc).unwrap())
}

fn raw_body(text: &str) -> Value {
    json!({ "mode": "raw", "raw": text, "options": { "raw": { "language": "json" } } })
}

/// Users, with examples using variables, Postman's matching headers, and two
/// paths that differ only in case.
fn features() -> Value {
    let create = |name: &str, tenant: &str, id: &str| {
        json!({
            "id": id,
            "name": name,
            "originalRequest": {
                "method": "POST",
                "url": "{{baseUrl}}/users",
                "header": [{ "key": "X-Tenant", "value": tenant }],
                "body": raw_body(&format!("{{\"name\": \"{}\"}}", name.to_lowercase()))
            },
            "code": 201,
            "body": format!("created {}", name.to_lowercase())
        })
    };
    json!({
        "info": { "name": "features", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        "variable": [{ "key": "org", "value": "Acme" }, { "key": "baseUrl", "value": "" }],
        "item": [
            {
                "name": "Get user",
                "request": { "method": "GET", "url": "{{baseUrl}}/users/{{userId}}" },
                "response": [{
                    "id": "user-example",
                    "name": "User",
                    "code": 200,
                    "header": [
                        { "key": "Content-Type", "value": "application/json" },
                        { "key": "X-Org", "value": "{{org}}" }
                    ],
                    "body": "{\"id\": \"{{userId}}\", \"org\": \"{{org}}\", \"env\": \"{{envVar}}\", \"cli\": \"{{cliVar}}\", \"guid\": \"{{$guid}}\", \"ts\": {{$timestamp}}, \"agent\": \"{{$headers 'user-agent'}}\", \"q\": \"{{$queryParams 'q' 'none'}}\", \"unknown\": \"{{nope}}\"}"
                }]
            },
            {
                "name": "Create user",
                "request": { "method": "POST", "url": "{{baseUrl}}/users", "body": raw_body("{\"name\": \"{{name}}\"}") },
                "response": [create("Ann", "a", "ann-id"), create("Bob", "b", "bob-id")]
            },
            {
                "name": "Upper",
                "request": { "method": "GET", "url": "{{baseUrl}}/Things" },
                "response": [{ "name": "Upper things", "code": 200, "body": "upper" }]
            },
            {
                "name": "Lower",
                "request": { "method": "GET", "url": "{{baseUrl}}/things" },
                "response": [{ "name": "Lower things", "code": 200, "body": "lower" }]
            },
            {
                "name": "Report",
                "request": { "method": "GET", "url": "{{baseUrl}}/reports/summary" },
                "response": [{ "id": "r-1", "name": "Summary", "code": 200, "body": "summary" }]
            }
        ]
    })
}

#[test]
fn examples_are_filled_with_variables_dynamic_values_and_request_parts() {
    let dir = tempfile::tempdir().unwrap();
    let collection = write_json(dir.path(), "c.json", &features());
    let env = write_json(
        dir.path(),
        "e.json",
        &json!({ "name": "e", "values": [{ "key": "envVar", "value": "from the environment", "enabled": true }] }),
    );
    let mock = Mock::start(&[
        &collection,
        "-e",
        &env,
        "--env-var",
        "cliVar=from the command line",
    ]);
    let headers = [("User-Agent", "test-agent/1")];
    let first = mock.send("GET", "/users/42?q=hello", &headers, "");
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.header("x-org"), Some("Acme"));
    let body = first.json();
    assert_eq!(body["id"], "42", "the path's captured value");
    assert_eq!(body["org"], "Acme", "a collection variable");
    assert_eq!(body["env"], "from the environment");
    assert_eq!(body["cli"], "from the command line");
    assert_eq!(body["agent"], "test-agent/1");
    assert_eq!(body["q"], "hello");
    assert_eq!(
        body["unknown"], "{{nope}}",
        "undefined names stay as written"
    );
    let guid = body["guid"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(guid).is_ok(), "{guid}");
    let now = chrono::Utc::now().timestamp();
    let ts = body["ts"].as_i64().unwrap();
    assert!((now - 600..=now + 600).contains(&ts), "{ts} vs {now}");

    let second = mock.send("GET", "/users/%7B%7BenvVar%7D%7D", &headers, "");
    let body = second.json();
    assert_ne!(
        body["guid"].as_str().unwrap(),
        guid,
        "a fresh $guid per answer"
    );
    assert_eq!(body["q"], "none", "the helper's default");
    // What the request sent is inserted as is, never expanded.
    assert_eq!(body["id"], "{{envVar}}");
}

#[test]
fn postmans_request_headers_choose_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let collection = write_json(dir.path(), "c.json", &features());
    let mock = Mock::start(&[&collection]);
    let ann = r#"{"name": "ann"}"#;
    let carl = r#"{"name": "carl"}"#;

    // x-mock-response-id: the example's id, or Postman's owner-id UID.
    for id in ["bob-id", "1234567-bob-id"] {
        let r = mock.send("POST", "/users", &[("x-mock-response-id", id)], ann);
        assert_eq!((r.status, r.example()), (201, Some("Bob")), "{id}");
    }
    let r = mock.send("POST", "/users", &[("x-mock-response-id", "nope")], ann);
    assert_eq!(r.status, 404);
    assert!(r.json()["hint"]
        .as_str()
        .unwrap()
        .contains("x-mock-response-id \"nope\""));
    // A name or id no example on the path has selects among all examples of the method.
    let r = mock.send(
        "GET",
        "/users/1",
        &[("x-mock-response-name", "Summary")],
        "",
    );
    assert_eq!((r.status, r.body.as_str()), (200, "summary"));
    let r = mock.send("GET", "/anything", &[("x-mock-response-id", "r-1")], "");
    assert_eq!(r.example(), Some("Summary"));

    // x-mock-match-request-headers: the named headers must be the example request's.
    let match_tenant = ("x-mock-match-request-headers", "x-tenant");
    let r = mock.send("POST", "/users", &[("X-Tenant", "B"), match_tenant], ann);
    assert_eq!(
        r.example(),
        Some("Bob"),
        "header values compare ignoring case"
    );
    let r = mock.send("POST", "/users", &[("X-Tenant", "c"), match_tenant], ann);
    assert_eq!(r.status, 404);
    assert!(r.json()["hint"]
        .as_str()
        .unwrap()
        .contains("x-mock-match-request-headers"));
    // Without the header, X-Tenant plays no part: the body ranks.
    let r = mock.send("POST", "/users", &[("X-Tenant", "c")], ann);
    assert_eq!(r.example(), Some("Ann"));

    // x-mock-match-request-body: only an example saved with the same body.
    let match_body = ("x-mock-match-request-body", "true");
    let r = mock.send("POST", "/users", &[match_body], r#"{ "name" : "bob" }"#);
    assert_eq!(r.example(), Some("Bob"));
    let r = mock.send("POST", "/users", &[match_body], carl);
    assert_eq!(r.status, 404);
    assert!(r.json()["hint"]
        .as_str()
        .unwrap()
        .contains("x-mock-match-request-body"));
    let r = mock.send("POST", "/users", &[], carl);
    assert_eq!(r.status, 201, "without the header any body is served");

    // Case: exact matches first; ignoring case only when nothing matches as sent.
    assert_eq!(mock.send("GET", "/Things", &[], "").body, "upper");
    assert_eq!(mock.send("GET", "/things", &[], "").body, "lower");
    let r = mock.send("GET", "/THINGS", &[], "");
    assert_eq!((r.status, r.body.as_str()), (200, "upper"));
    assert_eq!(
        mock.send("GET", "/USERS/7", &[], "").example(),
        Some("User")
    );
    assert_eq!(mock.send("GET", "/nothing", &[], "").status, 404);
}

#[test]
fn cors_is_answered_only_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let collection = write_json(dir.path(), "c.json", &features());
    let preflight = [
        ("Origin", "http://app.test:3000"),
        ("Access-Control-Request-Method", "PATCH"),
        ("Access-Control-Request-Headers", "x-tenant, content-type"),
    ];

    let mock = Mock::start(&[&collection, "--cors"]);
    let r = mock.send("OPTIONS", "/users", &preflight, "");
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://app.test:3000")
    );
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("PATCH"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("x-tenant, content-type")
    );
    let (_, what, _) = parse_log(&mock.line());
    assert_eq!(what, "OPTIONS /users → CORS preflight (204)");
    let r = mock.send("GET", "/users/1", &[("Origin", "http://app.test:3000")], "");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://app.test:3000")
    );
    let exposed = r.header("access-control-expose-headers").unwrap();
    assert!(
        exposed.contains("x-org") && exposed.contains("x-postie-mock-example"),
        "{exposed}"
    );
    let r = mock.send("GET", "/users/1", &[], "");
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    drop(mock);

    let mock = Mock::start(&[&collection]);
    let r = mock.send("OPTIONS", "/users", &preflight, "");
    assert_eq!(r.status, 404, "no preflight answer without --cors");
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = mock.send("GET", "/users/1", &[("Origin", "http://app.test:3000")], "");
    assert_eq!(r.header("access-control-allow-origin"), None);
}

/// `2024-05-01T09:30:00.123Z GET /users/1?x=1 → User (200) 301.2 ms` → (time, rest, ms).
fn parse_log(line: &str) -> (chrono::DateTime<chrono::FixedOffset>, String, f64) {
    let (time, rest) = line.split_once(' ').expect("a time first");
    let time = chrono::DateTime::parse_from_rfc3339(time).unwrap_or_else(|e| panic!("{e}: {line}"));
    assert!(line.ends_with(" ms"), "{line}");
    let rest = rest.trim_end_matches(" ms");
    let (what, ms) = rest.rsplit_once(' ').unwrap();
    (time, what.to_string(), ms.parse().unwrap())
}

#[test]
fn delay_and_one_timestamped_line_per_request() {
    let dir = tempfile::tempdir().unwrap();
    let collection = write_json(dir.path(), "c.json", &features());
    let mock = Mock::start(&[&collection, "--delay", "300"]);
    let before = chrono::Utc::now();
    let started = Instant::now();
    let r = mock.send("GET", "/users/1?x=1&y=%20", &[], "");
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "answered before the delay"
    );
    assert_eq!(r.status, 200);
    let (time, what, ms) = parse_log(&mock.line());
    assert_eq!(what, "GET /users/1?x=1&y=%20 → User (200)");
    assert!(ms >= 300.0, "{ms}");
    assert!((time.timestamp() - before.timestamp()).abs() <= 60);

    mock.send("DELETE", "/users/1", &[], "");
    let (_, what, _) = parse_log(&mock.line());
    assert_eq!(what, "DELETE /users/1 → no match (404)");
}

#[test]
fn warns_about_a_collection_without_examples() {
    let dir = tempfile::tempdir().unwrap();
    let collection = write_json(
        dir.path(),
        "c.json",
        &json!({
            "info": { "name": "Bare" },
            "item": [{ "name": "Ping", "request": { "method": "GET", "url": "https://api.test/ping" } }]
        }),
    );
    let mock = Mock::start(&[&collection]);
    assert!(
        mock.banner.contains("serving 0 saved examples"),
        "{}",
        mock.banner
    );
    let warning = mock.stderr_line("warning");
    assert!(
        warning.contains("'Bare' has no saved examples"),
        "{warning}"
    );
    assert_eq!(mock.send("GET", "/ping", &[], "").status, 404);
}

#[test]
fn all_interfaces_are_named_and_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let collection = write_json(dir.path(), "c.json", &features());
    let mock = Mock::start(&[&collection, "--host", "0.0.0.0"]);
    assert!(
        mock.banner.contains(" at http://0.0.0.0:")
            && mock.banner.contains("every network interface"),
        "{}",
        mock.banner
    );
    let warning = mock.stderr_line("warning");
    assert!(
        warning.contains("listening on 0.0.0.0, not only on this machine")
            && warning.contains("can read the saved examples"),
        "{warning}"
    );
    assert_eq!(mock.send("GET", "/users/1", &[], "").status, 200);

    // Loopback says nothing of the kind.
    let mut quiet = Mock::start(&[&collection]);
    assert!(
        quiet.banner.contains(" at http://127.0.0.1:"),
        "{}",
        quiet.banner
    );
    assert!(!quiet.banner.contains("interface"), "{}", quiet.banner);
    assert_eq!(quiet.send("GET", "/users/1", &[], "").status, 200);
    quiet.child.kill().unwrap();
    quiet.child.wait().unwrap();
    let said: Vec<String> = quiet.stderr.iter().collect();
    assert!(said.is_empty(), "{said:?}");
}

#[test]
fn a_port_in_use_is_its_own_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let collection = write_json(dir.path(), "c.json", &features());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = command(&[&collection, "--port", &port]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        format!("postie: cannot listen on 127.0.0.1:{port}: address already in use")
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn watch_reloads_on_change_and_keeps_serving_through_bad_json() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |path: &str, body: &str| {
        json!({
            "info": { "name": "watched" },
            "item": [{
                "name": "Item",
                "request": { "method": "GET", "url": format!("https://api.test{path}") },
                "response": [{ "name": format!("Example {body}"), "code": 200, "body": body }]
            }]
        })
    };
    let collection = write_json(dir.path(), "c.json", &doc("/one", "first"));
    let mock = Mock::start(&[&collection, "--watch"]);
    assert_eq!(mock.send("GET", "/one", &[], "").body, "first");
    mock.line(); // its log line

    let until = |what: &str, check: &dyn Fn() -> bool| {
        let deadline = Instant::now() + WAIT;
        while !check() {
            assert!(Instant::now() < deadline, "{what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    write_json(dir.path(), "c.json", &doc("/two", "second, longer"));
    let reloaded = mock.line();
    assert!(
        reloaded.contains("reloaded") && reloaded.contains("serving 1 saved examples"),
        "{reloaded}"
    );
    until("the new example is served on the same port", &|| {
        http(&mock.addr, "GET", "/two", &[], "").body == "second, longer"
    });
    assert_eq!(mock.send("GET", "/one", &[], "").status, 404);

    write_file(
        dir.path(),
        "c.json",
        "{ \"info\": { \"name\": \"broken\" }, \"item\": [",
    );
    let error = mock.stderr_line("cannot reload");
    assert!(
        error.contains("c.json") && error.contains("still serving the previous 1 saved examples"),
        "{error}"
    );
    assert_eq!(mock.send("GET", "/two", &[], "").body, "second, longer");

    write_json(dir.path(), "c.json", &doc("/three", "third, fixed again"));
    until("the fixed file is served", &|| {
        http(&mock.addr, "GET", "/three", &[], "").status == 200
    });
}

#[test]
fn help_documents_every_option() {
    let out = support::postie().args(["mock", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    let options: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Options:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    for flag in [
        "--environment",
        "--globals",
        "--env-var",
        "--port",
        "--host",
        "--delay",
        "--cors",
        "--watch",
        "--help",
    ] {
        let line = options
            .iter()
            .find(|l| {
                l.split_whitespace()
                    .any(|w| w.trim_end_matches(',') == flag)
            })
            .unwrap_or_else(|| panic!("{flag} is not in the help: {help}"));
        // The flag, its value name, then at least a few words of description.
        let description: Vec<&str> = line
            .split_whitespace()
            .filter(|w| !w.starts_with('-') && !w.starts_with('<'))
            .collect();
        assert!(description.len() >= 2, "{flag} is not described: {line}");
    }
    assert_eq!(
        options.len(),
        9,
        "an option this test does not know: {options:?}"
    );
    for header in [
        "x-mock-response-name",
        "x-mock-match-request-body",
        "5 cannot listen",
    ] {
        assert!(help.contains(header), "{header}");
    }
}
