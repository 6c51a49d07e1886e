//! `--retry`: requests that fail as `--retry-on` says are sent again, with
//! exponential waits and the server's `Retry-After` honoured; POST and PATCH
//! are sent once unless `--retry-unsafe`. Servers here fail N times, then answer.

mod support;

use serde_json::json;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::postie;
use support::run::{with_json_report, Ran};
use support::server::{Behaviour, Reply, TestServer};

/// A server whose first `failures` answers are `fail()`, then 200s; it keeps
/// the time each request arrived.
fn flaky(failures: usize, fail: fn() -> Reply) -> (TestServer, Arc<Mutex<Vec<Instant>>>) {
    let count = AtomicUsize::new(0);
    let times = Arc::new(Mutex::new(Vec::new()));
    let seen = times.clone();
    let server = TestServer::start(move |_| {
        seen.lock().unwrap().push(Instant::now());
        if count.fetch_add(1, Ordering::SeqCst) < failures {
            fail()
        } else {
            Reply::json(200, json!({"ok": true}))
        }
    });
    (server, times)
}

fn closed() -> Reply {
    Reply::new(0).behave(Behaviour::Close)
}

fn unavailable() -> Reply {
    Reply::text(503, "busy")
}

fn run(dir: &Path, method: &str, url: &str, extra: &[&str]) -> Ran {
    let collection = json!({"info": {"name": "r"}, "item": [{"name": "flaky", "request": {
        "method": method, "url": url,
        "body": {"mode": "raw", "raw": "payload"}}}]});
    with_json_report(dir, &collection, extra)
}

fn gaps(times: &Mutex<Vec<Instant>>) -> Vec<Duration> {
    let t = times.lock().unwrap();
    t.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn network_errors_are_retried_with_growing_waits() {
    let dir = tempfile::tempdir().unwrap();
    let (server, times) = flaky(2, closed);
    let r = run(
        dir.path(),
        "GET",
        &format!("{}/x", server.base),
        &["--retry", "3", "--retry-delay", "200"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(server.requests().len(), 3);
    assert!(r.stdout.contains(", 3 attempts]"), "{}", r.stdout);
    let execution = &r.report["run"]["executions"][0];
    assert_eq!(execution["attempts"], 3);
    assert_eq!(execution["response"]["code"], 200);
    // The waits double: at least 200 ms, then at least 400 ms.
    let g = gaps(&times);
    assert!(g[0] >= Duration::from_millis(200), "{g:?}");
    assert!(g[1] >= Duration::from_millis(400), "{g:?}");
}

#[test]
fn without_retry_one_failure_is_final_and_reports_are_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = flaky(1, closed);
    let r = run(dir.path(), "GET", &format!("{}/x", server.base), &[]);
    assert_eq!(r.code, 1);
    assert_eq!(server.requests().len(), 1);
    assert!(r.stdout.contains("[errored]"), "{}", r.stdout);
    let execution = &r.report["run"]["executions"][0];
    assert!(execution.get("attempts").is_none(), "{execution}");

    // Retries that run out end with the last failure, every attempt counted.
    let (server, _) = flaky(5, closed);
    let r = run(
        dir.path(),
        "GET",
        &format!("{}/x", server.base),
        &["--retry", "2", "--retry-delay", "1"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(server.requests().len(), 3);
    assert!(r.stdout.contains("[errored, 3 attempts]"), "{}", r.stdout);
    assert_eq!(r.report["run"]["executions"][0]["attempts"], 3);
}

#[test]
fn statuses_are_retried_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = flaky(2, unavailable);
    let url = format!("{}/x", server.base);
    let r = run(
        dir.path(),
        "GET",
        &url,
        &["--retry", "3", "--retry-delay", "1"],
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a 503 is a response, not a network error"
    );
    assert!(
        r.stdout.contains("[503 Service Unavailable"),
        "{}",
        r.stdout
    );
    assert_eq!(r.report["run"]["executions"][0]["attempts"], 1);

    let (server, _) = flaky(2, unavailable);
    let url = format!("{}/x", server.base);
    let r = run(
        dir.path(),
        "GET",
        &url,
        &["--retry", "3", "--retry-delay", "1", "--retry-on", "5xx"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(server.requests().len(), 3);
    assert_eq!(r.report["run"]["executions"][0]["attempts"], 3);

    let (server, _) = flaky(1, closed);
    let url = format!("{}/x", server.base);
    let r = run(
        dir.path(),
        "GET",
        &url,
        &["--retry", "3", "--retry-delay", "1", "--retry-on", "5xx"],
    );
    assert_eq!(
        r.code, 1,
        "network errors are no longer retried: {}",
        r.stdout
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn retry_after_is_honoured_in_seconds_and_as_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let (server, times) = flaky(1, || {
        Reply::text(429, "slow down").header("Retry-After", "1")
    });
    let r = run(
        dir.path(),
        "GET",
        &format!("{}/x", server.base),
        &["--retry", "1", "--retry-delay", "1", "--retry-on", "429"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        gaps(&times)[0] >= Duration::from_secs(1),
        "{:?}",
        gaps(&times)
    );

    let (server, times) = flaky(1, || {
        let at = chrono::Utc::now() + chrono::Duration::seconds(2);
        let date = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        Reply::text(503, "later").header("Retry-After", &date)
    });
    let r = run(
        dir.path(),
        "GET",
        &format!("{}/x", server.base),
        &["--retry", "1", "--retry-delay", "1", "--retry-on", "5xx"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    // The date has whole seconds: at least one of the two is left to wait.
    assert!(
        gaps(&times)[0] >= Duration::from_secs(1),
        "{:?}",
        gaps(&times)
    );
}

#[test]
fn a_long_retry_after_ends_at_the_run_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = flaky(1, || {
        Reply::text(429, "tomorrow").header("Retry-After", "86400")
    });
    let r = run(
        dir.path(),
        "GET",
        &format!("{}/x", server.base),
        &["--retry", "1", "--retry-on", "429", "--timeout", "2000"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(server.requests().len(), 1);
    assert!(
        r.stderr
            .contains("postie: the run timed out after 2000 ms (--timeout)"),
        "{}",
        r.stderr
    );
}

#[test]
fn post_and_patch_are_sent_once_unless_retry_unsafe() {
    let dir = tempfile::tempdir().unwrap();
    for method in ["POST", "PATCH"] {
        let (server, _) = flaky(1, closed);
        let url = format!("{}/x", server.base);
        let r = run(
            dir.path(),
            method,
            &url,
            &["--retry", "2", "--retry-delay", "1"],
        );
        assert_eq!(r.code, 1, "{method}");
        assert_eq!(server.requests().len(), 1, "{method}");
        assert_eq!(r.report["run"]["executions"][0]["attempts"], 1);

        let (server, _) = flaky(1, closed);
        let url = format!("{}/x", server.base);
        let r = run(
            dir.path(),
            method,
            &url,
            &["--retry", "2", "--retry-delay", "1", "--retry-unsafe"],
        );
        assert_eq!(r.code, 0, "{method}: {}", r.stdout);
        let sent = server.requests();
        assert_eq!(sent.len(), 2, "{method}");
        assert_eq!(sent[1].text(), "payload", "the body is sent again whole");
    }
    // PUT and DELETE are idempotent: retried without the flag.
    let (server, _) = flaky(1, closed);
    let r = run(
        dir.path(),
        "PUT",
        &format!("{}/x", server.base),
        &["--retry", "1", "--retry-delay", "1"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_bad_retry_condition_is_a_usage_error() {
    let out = postie()
        .args(["run", "nothing.json", "--retry-on", "network,sometimes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "postie: --retry-on 'sometimes': expected network, 5xx or 429 (comma-separated)\n"
    );
}
