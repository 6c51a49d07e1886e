//! The oracle: differential tests against newman 6.2.2.
//!
//! Every case of `tests/compat/cases` (one behaviour each) runs through newman and
//! through postie, each against a fresh local recording server, and everything the
//! two did is compared after one documented normalisation (`compat/normalize.rs`):
//! the raw requests, assertions, failures, run stats, console and CLI output, exported
//! environment, globals and other files, and the exit code. A difference fails its
//! case unless `compat/allowlist.json` lists it as deliberate. See
//! `tests/compat/README.md`.

mod support;

#[path = "compat/allowlist.rs"]
mod allowlist;
#[path = "compat/harness.rs"]
mod harness;
#[path = "compat/newman.rs"]
mod newman;
#[path = "compat/normalize.rs"]
mod normalize;
#[path = "compat/pending.rs"]
mod pending;
#[path = "compat/relay.rs"]
mod relay;
#[path = "compat/routes.rs"]
mod routes;

use allowlist::AllowList;
use harness::{load_cases, Case};
use std::io::Write;
use std::time::Instant;
use support::fake_tenant::FakeTenant;

/// A line on the real stderr, visible whether or not the test passes.
/// The name under which the official collection's comparison can be pending.
const OFFICIAL: &str = "official-forgerock";

fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[test]
fn corpus_matches_newman() {
    let Some(dir) = newman::find() else { return };
    let other = harness::Other::from_env();
    let allow = match other {
        harness::Other::Postie => AllowList::load(&harness::allowlist_path()),
        // newman against itself has nothing to allow.
        _ => AllowList {
            differences: Vec::new(),
        },
    };
    let cases = load_cases();
    assert!(
        !cases.is_empty(),
        "POSTIE_COMPAT_CASE={:?} matches no case",
        std::env::var("POSTIE_COMPAT_CASE").unwrap_or_default()
    );
    let pending = match other {
        harness::Other::Postie => pending::Pending::load(),
        _ => pending::Pending::empty(),
    };
    if std::env::var_os("POSTIE_COMPAT_CASE").is_none() {
        let unknown: Vec<&String> = pending
            .names()
            .filter(|n| *n != OFFICIAL && !cases.iter().any(|c| &c.name == *n))
            .collect();
        assert!(
            unknown.is_empty(),
            "tests/compat/pending.json names cases that do not exist: {unknown:?}"
        );
    }
    let mut newman = newman::Newman::new(dir);
    let started = Instant::now();
    let mut failed = Vec::new();
    let mut still_pending = Vec::new();
    let mut now_passing = Vec::new();
    let mut allowed = 0;
    let general: std::collections::HashSet<&str> = allow
        .differences
        .iter()
        .filter(|e| e.cases.iter().any(|c| c == "*"))
        .map(|e| e.id.as_str())
        .collect();
    // Per case: None when it matched newman, else the fields it differs in.
    let mut measured: Vec<(String, Option<Vec<String>>)> = Vec::new();
    for case in &cases {
        let mut outcome = harness::run_case(case, &mut newman, other, &allow);
        if outcome.timed_out {
            // Once more: a run that hangs again is reported as such.
            outcome = harness::run_case(case, &mut newman, other, &allow);
        }
        measured.push((
            case.name.clone(),
            (!outcome.passed())
                .then(|| outcome.differences.iter().map(|(f, _)| f.clone()).collect()),
        ));
        if outcome.passed() {
            // The general entries (postie's extra summary lines) touch nearly
            // every case; what is worth counting is a case-specific difference.
            if outcome
                .allowed
                .iter()
                .any(|id| !general.contains(id.as_str()))
            {
                allowed += 1;
            }
            if pending.contains(&case.name) {
                now_passing.push(case.name.clone());
            }
            continue;
        }
        if pending.contains(&case.name) {
            let known = pending.fields(&case.name);
            let new: Vec<&str> = outcome
                .differences
                .iter()
                .map(|(f, _)| f.as_str())
                .filter(|f| !known.iter().any(|k| k == f))
                .collect();
            if new.is_empty() {
                still_pending.push(case.name.clone());
                continue;
            }
            eprintln!(
                "✗ {} is pending for [{}] but now also differs in [{}]",
                case.name,
                known.join(", "),
                new.join(", ")
            );
        }
        let mut text = format!("✗ {} — {}\n", case.name, case.description);
        for (field, d) in &outcome.differences {
            text.push_str(&format!("  {field}:\n{d}"));
        }
        eprintln!("{text}");
        failed.push((case.name.clone(), outcome));
    }
    let pass = cases.len() - failed.len() - still_pending.len();
    for (name, outcome) in &failed {
        let fields: Vec<&str> = outcome
            .differences
            .iter()
            .map(|(f, _)| f.as_str())
            .collect();
        eprintln!("  failed: {name} [{}]", fields.join(", "));
    }
    let against = match other {
        harness::Other::Postie => String::new(),
        o => format!(" [self-check: newman against {o:?}]"),
    };
    if !still_pending.is_empty() {
        say(&format!(
            "compat: still pending (known differences, tests/compat/pending.json): {}",
            still_pending.join(", ")
        ));
    }
    say(&format!(
        "compat: {} cases, {pass} pass, {} fail, {} pending ({allowed} of them through a listed difference of their own; {:.0}s, {}; outputs in {}){against}",
        cases.len(),
        failed.len(),
        still_pending.len(),
        started.elapsed().as_secs_f64(),
        newman.mode(),
        harness::work_dir().display()
    ));
    if matches!(other, harness::Other::Postie)
        && std::env::var("POSTIE_COMPAT_UPDATE_PENDING").is_ok_and(|v| v == "1")
    {
        pending
            .shrink(&measured)
            .expect("rewriting tests/compat/pending.json");
        say("compat: tests/compat/pending.json shrunk to this run's differences");
        now_passing.clear();
    }
    assert!(
        now_passing.is_empty(),
        "these cases now match newman: remove them from tests/compat/pending.json: {}",
        now_passing.join(", ")
    );
    assert!(
        failed.is_empty(),
        "{} of {} cases differ from newman {} (diffs above)",
        failed.len(),
        cases.len(),
        newman::VERSION
    );
}

/// The official ForgeRock collection, unmodified, through both tools against a fresh
/// local tenant each: the requests must be the same, byte for byte after the
/// normalisation.
#[test]
fn official_forgerock_requests_match_newman() {
    let Some((collection, environment)) = support::official_forgerock() else {
        return;
    };
    let Some(dir) = newman::find() else { return };
    let allow = AllowList::load(&harness::allowlist_path());
    let work = harness::work_dir().join("official-forgerock");
    let mut newman = newman::Newman::new(dir);
    let cwd = collection.parent().unwrap().to_path_buf();
    let relay = relay::Relay::fresh();
    let run = |tool: &str, newman: &mut newman::Newman| {
        let out_dir = work.join(tool);
        let _ = std::fs::remove_dir_all(&out_dir);
        std::fs::create_dir_all(&out_dir).unwrap();
        let tenant = FakeTenant::start();
        relay.retarget(tenant.server.port);
        let base = relay.base();
        let args: Vec<String> = vec![
            "run".into(),
            collection.to_string_lossy().into_owned(),
            "-e".into(),
            environment.to_string_lossy().into_owned(),
            "--env-var".into(),
            format!("tenantApiV1Url={base}/v1"),
            "--env-var".into(),
            format!("amUrl={base}/am"),
            "--env-var".into(),
            format!("oauth2Url={base}/am/oauth2"),
            "--env-var".into(),
            "smtpPort=587".into(),
            "--ignore-redirects".into(),
        ];
        let output = if tool == "newman" {
            newman.run(&cwd, &args, harness::LIMIT)
        } else {
            harness::postie_output(&cwd, &args)
        };
        std::thread::sleep(std::time::Duration::from_millis(20));
        relay.retarget(0);
        harness::Run {
            output,
            requests: tenant.server.requests(),
            port: relay.port,
            out_dir,
        }
    };
    let n = run("newman", &mut newman);
    let p = run("postie", &mut newman);
    assert_eq!(
        n.requests.len(),
        62,
        "newman sent every request of the official collection"
    );
    let fields = |r: &harness::Run| {
        let cx = normalize::Context::new(r.port, &r.out_dir, &cwd);
        let mut m = std::collections::BTreeMap::new();
        m.insert(
            "requests",
            normalize::normalize(normalize::Input::Requests(&r.requests), &cx),
        );
        m.insert("exit", format!("exit code {:?}", r.output.exit_code));
        m
    };
    let (nf, pf) = (fields(&n), fields(&p));
    for (tool, f) in [("newman", &nf), ("postie", &pf)] {
        std::fs::write(work.join(format!("{tool}.requests.txt")), &f["requests"]).unwrap();
    }
    let outcome = harness::compare("official-forgerock", &nf, &pf, &allow);
    let same = count_identical(&n.requests, &p.requests, &n, &p, &cwd);
    say(&format!(
        "compat: official ForgeRock collection: {same} of {} requests identical to newman's",
        n.requests.len()
    ));
    let mut text = String::new();
    for (field, d) in &outcome.differences {
        text.push_str(&format!("  {field}:\n{d}"));
    }
    let pending = pending::Pending::load();
    if pending.contains(OFFICIAL) {
        assert!(
            !outcome.passed(),
            "the official collection now matches newman: remove '{OFFICIAL}' from tests/compat/pending.json"
        );
        say(&format!(
            "compat: official ForgeRock collection still pending (tests/compat/pending.json); differences in {}",
            work.display()
        ));
        return;
    }
    assert!(
        outcome.passed(),
        "official ForgeRock collection differs from newman:\n{text}"
    );
}

/// How many requests are identical after normalisation, position by position.
fn count_identical(
    n: &[support::server::Received],
    p: &[support::server::Received],
    nr: &harness::Run,
    pr: &harness::Run,
    cwd: &std::path::Path,
) -> usize {
    let one = |r: &support::server::Received, run: &harness::Run| {
        let cx = normalize::Context::new(run.port, &run.out_dir, cwd);
        let mut r = r.clone();
        r.connection = 0;
        normalize::normalize(normalize::Input::Requests(std::slice::from_ref(&r)), &cx)
    };
    n.iter()
        .zip(p)
        .filter(|(a, b)| one(a, nr) == one(b, pr))
        .count()
}

/// Every request URL of a collection (v2 items or v1 requests).
fn request_urls(v: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            if let Some(url) = map
                .get("request")
                .and_then(|r| r.get("url"))
                .or_else(|| map.get("url").filter(|_| map.contains_key("method")))
            {
                let text = match url {
                    Value::String(s) => s.clone(),
                    other => other["raw"]
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| {
                            other["host"]
                                .as_array()
                                .and_then(|h| h.first())
                                .and_then(Value::as_str)
                                .unwrap_or("")
                                .to_string()
                        }),
                };
                out.push(text);
            }
            map.values().for_each(|x| request_urls(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| request_urls(x, out)),
        _ => {}
    }
}

/// Whether a request URL goes to the local server: its host (after any scheme and
/// credentials) is a `{{variable}}`, 127.0.0.1 or localhost.
fn local(url: &str) -> bool {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
    let host = authority
        .rsplit_once('@')
        .map(|(_, h)| h)
        .unwrap_or(authority);
    // A name under `.invalid` (RFC 2606) never resolves: the unknown-host case.
    let name = host.split(':').next().unwrap_or(host);
    host.starts_with("{{")
        || host.starts_with("127.0.0.1")
        || host.starts_with("localhost")
        || name.ends_with(".invalid")
}

/// The corpus is what the README of `tests/compat` promises: enough cases, each one
/// readable and pointing at the local server.
#[test]
fn corpus_is_well_formed() {
    let mut dirs: Vec<_> = std::fs::read_dir(harness::cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    let mut names = Vec::new();
    for dir in &dirs {
        assert!(dir.is_dir(), "{} is not a case folder", dir.display());
        let case = Case::load(dir).unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(dir.join("collection.json")).unwrap();
        let collection: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut urls = Vec::new();
        request_urls(&collection, &mut urls);
        for url in urls {
            assert!(
                local(&url),
                "{}: request URL {url:?} must go to the local server ({{{{base}}}})",
                case.name
            );
        }
        names.push(case.name);
    }
    assert!(
        names.len() >= 150,
        "the corpus has {} cases; it needs at least 150",
        names.len()
    );
    let allow = AllowList::load(&harness::allowlist_path());
    for e in &allow.differences {
        for c in &e.cases {
            assert!(
                names.contains(c) || c == "official-forgerock" || c == "*",
                "allow-list entry {} names a case that does not exist: {c}",
                e.id
            );
        }
    }
}

mod normalisation {
    use super::normalize::{normalize, Context, Input};
    use super::support::server::Received;
    use std::path::Path;

    fn cx() -> Context<'static> {
        let mut cx = Context::new(41234, Path::new("/tmp/out-x"), Path::new("/cases/one"));
        cx.known = "3f2a0000-0000-4000-8000-000000000001".into();
        cx
    }

    fn req(raw: &str) -> Received {
        let (head, body) = raw
            .split_once("\r\n\r\n")
            .or_else(|| raw.split_once("\n\r\n"))
            .unwrap();
        let headers = head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.to_string(), v.trim().to_string()))
            .collect();
        Received {
            method: "POST".into(),
            target: "/".into(),
            headers,
            body: body.as_bytes().to_vec(),
            raw: raw.as_bytes().to_vec(),
            connection: 0,
        }
    }

    #[test]
    fn ignores_only_token_agent_port_boundary_and_marked_values() {
        let r = req("POST /a?x=~~12~~ HTTP/1.1\r\nUser-Agent: PostmanRuntime/7.39.1\r\nPostman-Token: 0f1e\r\nHost: 127.0.0.1:41234\r\nContent-Type: multipart/form-data; boundary=--abc123\r\nContent-Length: 36\r\n\r\n----abc123\r\nv=~~4711~~\r\n----abc123--");
        let text = normalize(Input::Requests(&[r]), &cx());
        assert_eq!(
            text,
            "#1 (connection 0)\nPOST /a?x=~~x~~ HTTP/1.1\nUser-Agent: <user-agent>\nPostman-Token: <postman-token>\nHost: 127.0.0.1:PORT\nContent-Type: multipart/form-data; boundary=<boundary>\nContent-Length: 37\n\n--<boundary>\nv=~~x~~\n--<boundary>--\n⟂ (the body ends without a newline)\n\n"
        );
    }

    #[test]
    fn keeps_every_other_byte_visible() {
        let a = normalize(
            Input::Requests(&[req("GET /a HTTP/1.1\r\nhost: x\r\nX: 1\n\r\n")]),
            &cx(),
        );
        let b = normalize(
            Input::Requests(&[req("GET /a HTTP/1.1\r\nHost: x\r\nX: 1\r\n\r\n")]),
            &cx(),
        );
        assert_ne!(a, b, "header case and a bare LF are differences");
        // A wrong Content-Length is not rewritten.
        let c = normalize(
            Input::Requests(&[req("POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nab~~1~~")]),
            &cx(),
        );
        assert!(c.contains("Content-Length: 9"), "{c}");
        // An unresolved random variable does not look like a value.
        let d = normalize(Input::Text("~~{{$guid}}~~ ~~1b4e-77~~"), &cx());
        assert_eq!(d, "~~{{$x}}~~ ~~x-x~~");
        // Ids the case gave are kept; ids a tool made up are not compared.
        let e = normalize(
            Input::Text(
                "3f2a0000-0000-4000-8000-000000000001 9b2e7c1a-1111-4222-8333-444455556666",
            ),
            &cx(),
        );
        assert_eq!(e, "3f2a0000-0000-4000-8000-000000000001 <generated id>");
    }

    #[test]
    fn cli_output_loses_timings_sizes_and_console_blocks() {
        let out = "newman\n\n→ one\n  GET http://127.0.0.1:41234/a [200 OK, 491B, 48ms]\n  ┌\n  │ 'hi'\n  └\n  ✓  ok\n│ total run duration: 173ms        │\n│ average response time: 26ms [min: 5ms, max: 48ms, s.d.: 21ms] │\n";
        let stdout = normalize(Input::Stdout(out), &cx());
        assert_eq!(
            stdout,
            "<tool>\n\n→ one\n GET http://127.0.0.1:PORT/a [200 OK, <size>, <time>]\n <console>\n ✓ ok\n│ total run duration: <time> │\n│ average response time: <time> [min: <time>, max: <time>, s.d.: <time>] │"
        );
        let console = normalize(Input::Console(out), &cx());
        assert_eq!(console, "→ one\n  'hi'\n");
        // A block printed in the middle of the request line.
        let split = "→ two\n  GET http://x/a ┌\n  │ 'late'\n  └\n[200 OK, 1B, 2ms]\n";
        assert_eq!(
            normalize(Input::Stdout(split), &cx()),
            "→ two\n GET http://x/a [200 OK, <size>, <time>]\n <console>"
        );
        // Where a block stands among the assertions is part of the output.
        let after = "→ four\n  GET http://x/a [200 OK, 1B, 2ms]\n  ✓  ok\n  ┌\n  │ 'late'\n  └\n";
        assert_eq!(
            normalize(Input::Stdout(after), &cx()),
            "→ four\n GET http://x/a [200 OK, <size>, <time>]\n ✓ ok\n <console>"
        );
        assert_eq!(normalize(Input::Console(split), &cx()), "→ two\n  'late'\n");
        // A block right under the item's line came before the request: said so,
        // so that printing it after the request line is a difference.
        let before = "→ three\n  ┌\n  │ 'pre'\n  └\n  GET http://x/a [200 OK, 1B, 2ms]\n  ┌\n  │ 'test'\n  └\n";
        assert_eq!(
            normalize(Input::Console(before), &cx()),
            "→ three\n  (before the request line)\n  'pre'\n  'test'\n"
        );
        let after =
            "→ three\n  GET http://x/a [200 OK, 1B, 2ms]\n  ┌\n  │ 'pre'\n  │ 'test'\n  └\n";
        assert_ne!(
            normalize(Input::Console(before), &cx()),
            normalize(Input::Console(after), &cx())
        );
    }

    #[test]
    fn exports_lose_time_and_tool_name_only() {
        let v = serde_json::json!({"id": "e1", "_postman_exported_at": "2024", "_postman_exported_using": "Newman/6.2.2", "values": [{"key": "base", "value": "http://127.0.0.1:41234"}]});
        let text = normalize(Input::Json(&v), &cx());
        assert!(
            text.contains("\"<time>\"")
                && text.contains("\"<tool>\"")
                && text.contains("127.0.0.1:PORT")
                && text.contains("\"e1\""),
            "{text}"
        );
    }
}
