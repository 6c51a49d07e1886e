//! Network faults and `--max-response-size`, through the binary against local
//! servers that misbehave on purpose: each fault is one stable line under its
//! request, in newman's words (`connect ECONNREFUSED`, `socket hang up`, …) plus
//! the peer and how far the exchange got; the run goes on and exits 1.

mod support;

use serde_json::{json, Value};
use std::path::Path;
use support::postie;
use support::report::executions;
use support::run::{with_json_report, Ran};
use support::server::{Behaviour, Reply, TestServer};

fn run(dir: &Path, items: Vec<Value>, extra: &[&str]) -> Ran {
    with_json_report(
        dir,
        &json!({"info": {"name": "faults"}, "item": items}),
        extra,
    )
}

fn get(name: &str, url: &str) -> Value {
    json!({"name": name, "request": {"method": "GET", "url": url}})
}

/// The line under `GET <url> [errored]`: the request's error as the cli reporter shows it.
fn error_under(stdout: &str, url: &str) -> String {
    let lines: Vec<&str> = stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == format!("GET {url} [errored]"))
        .unwrap_or_else(|| panic!("no errored line for {url}:\n{stdout}"));
    // The message, unnumbered, on the line under the request (as newman prints it).
    lines[at + 1].trim().to_string()
}

fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A credential in every URL's query: no message may show it.
const TOKEN: &str = "S3CR3T-query-token-71";

#[test]
fn each_network_fault_is_one_line_under_its_request_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let refused = closed_port();
    let hangs_up = TestServer::start(|_| Reply::new(0).behave(Behaviour::Close)).expect(1);
    let cut = TestServer::start(|_| {
        Reply::raw(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nhello",
        )
    })
    .expect(1);
    let resets = TestServer::start(|_| Reply::new(0).behave(Behaviour::Reset)).expect(1);
    let garbage = TestServer::start(|_| Reply::raw(b"this is not http\r\n\r\n")).expect(1);
    let silent = TestServer::start(|_| Reply::hang()).expect(1);
    let stalls = TestServer::start(|_| {
        Reply::text(200, "0123456789").behave(Behaviour::Stall { body_bytes: 3 })
    })
    .expect(1);
    let plain =
        TestServer::answering_anything(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    let good = TestServer::routes().expect(1);

    let q = format!("?access_token={TOKEN}");
    let urls = [
        format!("http://127.0.0.1:{refused}/x{q}"),
        format!("http://nothere.invalid/x{q}"),
        format!("{}/x{q}", hangs_up.base),
        format!("{}/x{q}", cut.base),
        format!("{}/x{q}", resets.base),
        format!("{}/x{q}", garbage.base),
        format!("{}/x{q}", silent.base),
        format!("{}/x{q}", stalls.base),
        format!("https://127.0.0.1:{}/x{q}", plain.port),
    ];
    let mut items: Vec<Value> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| get(&format!("fault {i}"), u))
        .collect();
    items.push(get("after", &format!("{}/get", good.base)));
    let ran = run(dir.path(), items, &["--timeout-request", "500"]);

    assert_eq!(ran.code, 1, "{}", ran.stdout);
    let shown: Vec<String> = urls
        .iter()
        .map(|u| error_under(&ran.stdout, &u.replace(TOKEN, "********")))
        .collect();
    let expected = [
        format!("connect ECONNREFUSED 127.0.0.1:{refused}"),
        "getaddrinfo ENOTFOUND nothere.invalid".to_string(),
        format!(
            "socket hang up: 127.0.0.1:{} closed the connection without answering",
            hangs_up.port
        ),
        format!(
            "aborted: 127.0.0.1:{} closed the connection after 5 of 100 body bytes",
            cut.port
        ),
        format!("read ECONNRESET: 127.0.0.1:{} reset the connection", resets.port),
        format!(
            "Parse Error: 127.0.0.1:{} did not answer with HTTP (invalid HTTP version parsed)",
            garbage.port
        ),
        format!(
            "ESOCKETTIMEDOUT: 127.0.0.1:{} sent no response for 500 ms (--timeout-request)",
            silent.port
        ),
        format!(
            "ESOCKETTIMEDOUT: 127.0.0.1:{} sent nothing for 500 ms after 3 of 10 body bytes (--timeout-request)",
            stalls.port
        ),
        format!(
            "EPROTO: 127.0.0.1:{} does not speak TLS; is the URL https:// where the server wants http://?",
            plain.port
        ),
    ];
    assert_eq!(shown, expected, "{}", ran.stdout);
    assert!(
        ran.stdout.contains("GET ") && ran.stdout.contains("/get [200 OK"),
        "the run went on to the last request: {}",
        ran.stdout
    );
    assert!(!ran.stdout.contains(TOKEN), "{}", ran.stdout);

    // The JSON report: the same messages, with Node's codes where newman has them.
    let executions = executions(&ran.report);
    let codes: Vec<Value> = executions
        .iter()
        .take(urls.len())
        .map(|e| e["requestError"]["code"].clone())
        .collect();
    assert_eq!(
        codes,
        [
            "ECONNREFUSED",
            "ENOTFOUND",
            "ECONNRESET",
            "ECONNRESET",
            "ECONNRESET",
            "HPE_INVALID_CONSTANT",
            "ESOCKETTIMEDOUT",
            "ESOCKETTIMEDOUT",
            "EPROTO"
        ]
        .map(Value::from)
    );
    let messages: Vec<&str> = executions
        .iter()
        .take(urls.len())
        .map(|e| e["requestError"]["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, expected);
    assert_eq!(ran.report["run"]["stats"]["requests"]["failed"], 9);
    assert!(!ran.report.to_string().contains(TOKEN));
}

#[test]
fn a_connection_never_accepted_times_out_as_etimedout() {
    // Connecting is told from waiting for the answer, as newman tells them
    // (ETIMEDOUT, not ESOCKETTIMEDOUT).
    let dir = tempfile::tempdir().unwrap();
    let hole = support::server::Unaccepting::start();
    let url = format!("http://127.0.0.1:{}/never?token={TOKEN}", hole.port);
    let ran = run(
        dir.path(),
        vec![get("never", &url)],
        &["--timeout-request", "300"],
    );
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    let error = &ran.report["run"]["executions"][0]["requestError"];
    assert_eq!(
        error["message"],
        format!(
            "ETIMEDOUT: 127.0.0.1:{} did not accept the connection within 300 ms (--timeout-request)",
            hole.port
        )
    );
    assert_eq!(error["code"], "ETIMEDOUT");
    assert!(!ran.report.to_string().contains(TOKEN));
}

fn post(name: &str, url: &str) -> Value {
    json!({"name": name, "request": {"method": "POST", "url": url,
        "body": {"mode": "raw", "raw": "once"}}})
}

#[test]
fn a_kept_alive_connection_the_server_closed_while_idle_is_not_reused() {
    // The server answers without `Connection: close`, then closes; the POST that
    // follows (--delay-request lets the close arrive) goes on a new connection
    // instead of failing on the dead one.
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(|r| match r.path() {
        "/then-close" => Reply::raw(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
        _ => Reply::text(200, "fine"),
    })
    .expect(2);
    let ran = run(
        dir.path(),
        vec![
            get("closes after", &format!("{}/then-close", server.base)),
            post("after", &format!("{}/after", server.base)),
        ],
        &["--delay-request", "200"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stdout);
    let r = server.requests();
    assert_eq!(
        (r[1].method.as_str(), r[1].text()),
        ("POST", "once".to_string())
    );
    assert_eq!((r[0].connection, r[1].connection), (0, 1));
}

#[test]
fn a_request_lost_on_a_reused_connection_is_sent_again_only_if_idempotent() {
    // The second request on the kept-alive connection is read and the
    // connection closed without an answer: a GET goes again on a new
    // connection, a POST fails (the server may have acted on it) and is sent once.
    let dir = tempfile::tempdir().unwrap();
    let count = std::sync::atomic::AtomicUsize::new(0);
    let server = TestServer::start(move |_| {
        let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        // Requests 1 and 4 (the GET and the POST after a fresh first request) are lost.
        if n == 1 || n == 4 {
            Reply::new(0).behave(Behaviour::Close)
        } else {
            Reply::text(200, "fine")
        }
    })
    .expect(5);
    let base = &server.base;
    let ran = run(
        dir.path(),
        vec![
            get("first", &format!("{base}/1")),
            get("get lost", &format!("{base}/get")),
            get("fresh", &format!("{base}/2")),
            post("post lost", &format!("{base}/post")),
        ],
        &[],
    );
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    let r = server.requests();
    let seen: Vec<(&str, &str, usize)> = r
        .iter()
        .map(|r| (r.method.as_str(), r.target.as_str(), r.connection))
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", "/1", 0),
            ("GET", "/get", 0),
            ("GET", "/get", 1),
            ("GET", "/2", 1),
            ("POST", "/post", 1),
        ]
    );
    let executions = executions(&ran.report);
    assert!(executions[1]["requestError"].is_null());
    assert_eq!(
        executions[3]["requestError"]["message"],
        format!(
            "socket hang up: 127.0.0.1:{} closed the connection without answering",
            server.port
        )
    );
}

#[test]
fn a_connection_that_fails_twice_the_same_way_says_the_same_thing() {
    // Stable: the message does not depend on timing or on which attempt it was.
    let dir = tempfile::tempdir().unwrap();
    let resets = TestServer::start(|_| Reply::new(0).behave(Behaviour::Reset)).expect(2);
    let url = format!("{}/again", resets.base);
    let ran = run(
        dir.path(),
        vec![get("one", &url), get("two", &url)],
        &["--timeout-request", "2000"],
    );
    assert_eq!(ran.code, 1);
    let errors: Vec<&str> = executions(&ran.report)
        .iter()
        .map(|e| e["requestError"]["message"].as_str().unwrap())
        .collect();
    let expected = format!(
        "read ECONNRESET: 127.0.0.1:{} reset the connection",
        resets.port
    );
    assert_eq!(errors, [expected.as_str(), expected.as_str()]);
}

#[test]
fn an_untrusted_certificate_names_the_peer_and_the_way_to_accept_it() {
    let dir = tempfile::tempdir().unwrap();
    let Some(identity) = support::make_certs(dir.path(), 2) else {
        return;
    };
    let server = TestServer::start_tls(&identity, |_| Reply::text(200, "ok")).expect(0);
    let good = TestServer::routes().expect(1);
    let url = format!("{}/x", server.base);
    let ran = run(
        dir.path(),
        vec![
            get("tls", &url),
            get("after", &format!("{}/get", good.base)),
        ],
        &[],
    );
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert_eq!(
        error_under(&ran.stdout, &url),
        format!(
            "untrusted certificate from 127.0.0.1:{}: issued by an unknown certificate authority (UnknownIssuer); trust its CA with --ssl-extra-ca-certs, or skip the check with -k",
            server.port
        )
    );
}

#[test]
fn timeout_request_bounds_each_wait_not_the_whole_download() {
    // As newman's socket timeout: a body that keeps arriving is not cut off,
    // even when all of it takes longer than --timeout-request.
    let dir = tempfile::tempdir().unwrap();
    let drip = TestServer::start(|_| {
        Reply::text(200, &"x".repeat(200)).behave(Behaviour::Drip {
            chunk: 16,
            pause: std::time::Duration::from_millis(100),
        })
    })
    .expect(1);
    let ran = run(
        dir.path(),
        vec![get("drip", &format!("{}/drip", drip.base))],
        &["--timeout-request", "1000"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stdout);
    assert_eq!(
        ran.report["run"]["executions"][0]["response"]["code"], 200,
        "{}",
        ran.stdout
    );
}

#[test]
fn max_response_size_stops_a_body_that_never_ends() {
    let dir = tempfile::tempdir().unwrap();
    let endless = TestServer::start(|_| {
        Reply::bytes(200, "text/plain", Vec::new()).behave(Behaviour::Endless)
    })
    .expect(1);
    let good = TestServer::routes().expect(3);
    let items = vec![
        get("endless", &format!("{}/forever", endless.base)),
        get("at the limit", &format!("{}/bytes/100000", good.base)),
        get("one over", &format!("{}/bytes/100001", good.base)),
        get("after", &format!("{}/get", good.base)),
    ];
    // --timeout: without the limit the first request never ends and the run fails otherwise.
    let ran = run(
        dir.path(),
        items,
        &["--max-response-size", "100000", "--timeout", "60000"],
    );
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    let executions = executions(&ran.report);
    assert_eq!(
        executions[0]["requestError"]["message"],
        "response body over 100000 bytes, the --max-response-size limit; not read further"
    );
    assert_eq!(executions[1]["response"]["code"], 200);
    assert!(executions[1]["requestError"].is_null());
    assert_eq!(
        executions[2]["requestError"]["message"],
        "response body over 100000 bytes, the --max-response-size limit (Content-Length: 100001); not read further"
    );
    assert_eq!(executions[3]["response"]["code"], 200);
    assert!(
        !ran.stdout.contains("timed out"),
        "the limit ended the endless body, not --timeout: {}",
        ran.stdout
    );
    assert_eq!(
        error_under(&ran.stdout, &format!("{}/forever", endless.base)),
        "response body over 100000 bytes, the --max-response-size limit; not read further"
    );
}

#[test]
fn max_response_size_also_limits_a_compressed_body_once_decoded() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b'a'; 200_000]).unwrap();
    let small = gz.finish().unwrap();
    assert!(
        small.len() < 100_000,
        "the compressed body is under the limit"
    );
    let server = TestServer::start(move |_| {
        Reply::bytes(200, "text/plain", small.clone()).header("Content-Encoding", "gzip")
    })
    .expect(2);
    let url = format!("{}/zipped", server.base);
    let ran = run(
        dir.path(),
        vec![get("zipped", &url)],
        &["--max-response-size", "100000"],
    );
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert_eq!(
        error_under(&ran.stdout, &url),
        "the gzip response body decompresses to more than 100000 bytes, the --max-response-size limit; not read further"
    );
    // A limit above the decoded size lets it through.
    let ran = run(
        dir.path(),
        vec![get("zipped", &url)],
        &["--max-response-size", "300000"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stdout);
}

#[test]
fn max_response_size_must_be_a_positive_number_of_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.json");
    std::fs::write(&c, json!({"info": {"name": "x"}, "item": []}).to_string()).unwrap();
    for bad in ["0", "10MB", "1.5"] {
        let out = postie()
            .arg("run")
            .arg(&c)
            .args(["--max-response-size", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--max-response-size"), "{bad}: {stderr}");
    }
}
