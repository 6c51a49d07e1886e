//! `run --parallel N` through the binary: the workers really send at the same
//! time, every report is the one a sequential run writes (but for timings),
//! variables stay within a worker, and `--bail` and `--timeout` stop them all.

mod support;

use regex::Regex;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use support::postie;
use support::report::{executions, read_json};
use support::run::write_json;
use support::server::{Reply, TestServer};

/// Requests to `/gate` are held until `k` of them are in the server at once
/// (then all go); `peak` is the most seen at once. A request that waits 20 s
/// without company is answered 503, so a run that never overlaps fails
/// without hanging.
struct Gate {
    state: Mutex<(usize, usize)>,
    changed: Condvar,
    k: usize,
}

impl Gate {
    fn new(k: usize) -> Arc<Gate> {
        Arc::new(Gate {
            state: Mutex::new((0, 0)),
            changed: Condvar::new(),
            k,
        })
    }

    fn pass(&self) -> bool {
        let mut s = self.state.lock().unwrap();
        s.0 += 1;
        s.1 = s.1.max(s.0);
        self.changed.notify_all();
        let (mut s, _) = self
            .changed
            .wait_timeout_while(s, Duration::from_secs(20), |s| s.1 < self.k)
            .unwrap();
        s.0 -= 1;
        s.1 >= self.k
    }

    fn peak(&self) -> usize {
        self.state.lock().unwrap().1
    }
}

#[test]
fn workers_send_at_the_same_time() {
    let gate = Gate::new(4);
    let g = gate.clone();
    let server = TestServer::start(move |_| {
        if g.pass() {
            Reply::json(200, json!({"ok": true}))
        } else {
            Reply::text(503, "alone")
        }
    })
    .expect(8);
    let dir = tempfile::tempdir().unwrap();
    let c = write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "gate"}, "item": [
            {"name": "held", "request": format!("{}/gate", server.base),
             "event": [{"listen": "test", "script": {"exec": [
                 "pm.test('together', () => pm.response.to.have.status(200));"]}}]}
        ]}),
    );
    let out = postie()
        .current_dir(dir.path())
        .args(["run", c.to_str().unwrap(), "-n", "8", "--parallel", "4"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(gate.peak(), 4, "{stdout}");
    drop(server);
}

fn server() -> TestServer {
    TestServer::start(|r| match r.path() {
        "/fail" => Reply::json(500, json!({"error": "no"})),
        "/hang" => Reply::hang(),
        _ => Reply::json(200, json!({"path": r.path(), "query": r.query()})),
    })
}

/// Passing and failing tests, console output, a script error, a data row per
/// iteration, and a connection that is refused.
fn mixed(base: &str) -> Value {
    json!({"info": {"name": "Mixed"}, "item": [
        {"name": "Folder", "item": [
            {"name": "one", "request": format!("{base}/one?row={{{{row}}}}"),
             "event": [{"listen": "test", "script": {"exec": [
                 "console.log('row', pm.iterationData.get('row'));",
                 "pm.test('status', () => pm.response.to.have.status(200));",
                 "pm.test('odd rows fail', () => pm.expect(pm.iterationData.get('row') % 2).to.equal(0));"
             ]}}]},
            {"name": "fails", "request": format!("{base}/fail"),
             "event": [{"listen": "test", "script": {"exec": [
                 "pm.test('is 200', () => pm.response.to.have.status(200));",
                 "if (pm.iterationData.get('row') === 3) { throw new Error('row three'); }"
             ]}}]}
        ]},
        {"name": "refused", "request": "http://127.0.0.1:9/nothing"}
    ]})
}

fn rows(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"row": i})).collect())
}

/// The server, and a folder holding the [`mixed`] collection (`c.json`) and
/// `n` data rows (`rows.json`).
fn mixed_run(n: usize) -> (TestServer, tempfile::TempDir) {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    write_json(dir.path(), "c.json", &mixed(&server.base));
    write_json(dir.path(), "rows.json", &rows(n));
    (server, dir)
}

/// `postie run` of what [`mixed_run`] wrote, without the cli's slowest-requests list.
fn run_rows(dir: &Path) -> assert_cmd::Command {
    let mut cmd = postie();
    cmd.current_dir(dir).args([
        "run",
        "c.json",
        "-d",
        "rows.json",
        "--reporter-cli-no-slowest",
    ]);
    cmd
}

/// What differs between two runs of the same thing: times, ids, ports, dates.
fn steady(text: &str) -> String {
    let text = support::report::normalise(text);
    let rules = [
        (
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "UUID",
        ),
        (
            r#""(responseTime|started|completed|responseAverage|responseMin|responseMax|responseSd|dnsAverage|dnsMin|dnsMax|dnsSd|firstByteAverage|firstByteMin|firstByteMax|firstByteSd)": ?[0-9.e+-]+"#,
            r#""$1": N"#,
        ),
        (r"\b\d+(\.\d+)?\s?(ms|s)\b", "TIME"),
        (r"\d{4}-\d{2}-\d{2}T[0-9:.]+Z?", "DATE"),
        (r"(?s)<script>.*?</script>", "SCRIPT"),
        // Which requests were slowest is a matter of timing.
        (
            r#"(?s)<h3>Slowest requests</h3>\s*<table class="slowest">.*?</table>"#,
            "SLOWEST",
        ),
    ];
    let mut out = text;
    for (p, w) in rules {
        out = Regex::new(p).unwrap().replace_all(&out, w).into_owned();
    }
    out
}

/// Runs with every reporter; returns each report's text, in a fixed order. Read
/// as text, not through `support::run`: the sequential and parallel runs'
/// files are compared as written.
fn reports(dir: &Path, extra: &[&str]) -> (Vec<(String, String)>, i32) {
    let out_dir = dir.join(format!("out{}", extra.join("_").replace(['-', '/'], "")));
    std::fs::create_dir_all(&out_dir).unwrap();
    let path = |n: &str| out_dir.join(n).to_str().unwrap().to_string();
    let out = run_rows(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["-r", "cli,json,junit,html,tap,github"])
        .args(["--reporter-json-export", &path("r.json")])
        .args(["--reporter-junit-export", &path("r.xml")])
        .args(["--reporter-html-export", &path("r.html")])
        .args(["--reporter-tap-export", &path("r.tap")])
        .args(extra)
        .output()
        .unwrap();
    let mut all = vec![(
        "stdout".to_string(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )];
    for f in ["r.json", "r.xml", "r.html", "r.tap"] {
        let text = std::fs::read_to_string(out_dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        all.push((f.to_string(), text));
    }
    (all, out.status.code().unwrap_or(-1))
}

fn assert_same(sequential: &[(String, String)], parallel: &[(String, String)]) {
    for ((name, a), (_, b)) in sequential.iter().zip(parallel) {
        let (a, b) = (steady(a), steady(b));
        if a != b {
            let diff = similar::TextDiff::from_lines(&a, &b)
                .unified_diff()
                .header("sequential", "parallel")
                .to_string();
            panic!("{name} differs:\n{diff}");
        }
    }
}

#[test]
fn reports_are_those_of_a_sequential_run() {
    let (server, dir) = mixed_run(7);
    let (one, code_one) = reports(dir.path(), &[]);
    let (three, code_three) = reports(dir.path(), &["--parallel", "3"]);
    assert_eq!(code_one, 1);
    assert_eq!(code_three, 1);
    // The run did fail in each way it should, so the comparison compares something.
    let json: Value = serde_json::from_str(&one[1].1).unwrap();
    assert_eq!(json["run"]["stats"]["iterations"]["total"], 7);
    assert_eq!(executions(&json).len(), 21);
    assert_same(&one, &three);
    assert_eq!(server.requests().len(), 2 * 14);
}

#[test]
fn bail_stops_every_worker_where_a_sequential_run_stops() {
    let (server, dir) = mixed_run(9);
    let (one, code_one) = reports(dir.path(), &["--bail"]);
    let (four, code_four) = reports(dir.path(), &["--bail", "--parallel", "4"]);
    assert_eq!((code_one, code_four), (1, 1));
    let json: Value = serde_json::from_str(&four[1].1).unwrap();
    // Row 0 passes "odd rows fail" and fails at "fails": the run ends there.
    assert_eq!(executions(&json).len(), 2);
    assert_same(&one, &four);
    // The other workers stopped too: far fewer than 9 iterations' requests.
    assert!(
        server.requests().len() < 2 + 2 * 9,
        "{}",
        server.requests().len()
    );
}

#[test]
fn variables_stay_within_a_worker() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let c = write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "count"}, "item": [
            {"name": "count", "request": format!("{}/count?seen={{{{count}}}}&i={{{{i}}}}", server.base),
             "event": [{"listen": "test", "script": {"exec": [
                 "pm.environment.set('count', (Number(pm.environment.get('count')) || 0) + 1);",
                 "pm.environment.set('i', pm.info.iteration);"
             ]}}]}
        ]}),
    );
    let env = write_json(
        dir.path(),
        "env.json",
        &json!({"name": "e", "values": [
            {"key": "count", "value": "0"}, {"key": "i", "value": "-"}
        ]}),
    );
    let out = postie()
        .current_dir(dir.path())
        .args([
            "run",
            c.to_str().unwrap(),
            "-e",
            env.to_str().unwrap(),
            "-n",
            "5",
        ])
        .args(["--parallel", "2", "--export-environment", "after.json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut seen: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|r| {
            let q = r.query_pairs();
            let get = |k: &str| q.iter().find(|(n, _)| n == k).unwrap().1.clone();
            (get("seen"), get("i"))
        })
        .collect();
    seen.sort();
    // Worker 0 runs iterations 0, 2, 4 and worker 1 runs 1, 3: each counts
    // its own, from the environment the run started with.
    let expected: Vec<(String, String)> =
        [("0", "-"), ("0", "-"), ("1", "0"), ("1", "1"), ("2", "2")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
    assert_eq!(seen, expected);
    // The export is the environment of the worker that ran the last iteration.
    let after = read_json(&dir.path().join("after.json"));
    let value = |k: &str| {
        after["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["key"] == k)
            .map(|v| v["value"].to_string().trim_matches('"').to_string())
    };
    assert_eq!(value("count").as_deref(), Some("3"), "{after:#}");
    assert_eq!(value("i").as_deref(), Some("4"), "{after:#}");
}

#[test]
fn a_timeout_stops_every_worker_and_the_reports_stay_whole() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let c = write_json(
        dir.path(),
        "c.json",
        &json!({"info": {"name": "stops"}, "item": [
            {"name": "ok", "request": format!("{}/ok", server.base)},
            {"name": "hangs", "request": format!("{}/hang", server.base)}
        ]}),
    );
    let out = postie()
        .current_dir(dir.path())
        .args([
            "run",
            c.to_str().unwrap(),
            "-n",
            "6",
            "--parallel",
            "3",
            "--timeout",
            "1500",
        ])
        .args(["-r", "json,junit", "--reporter-json-export", "r.json"])
        .args(["--reporter-junit-export", "r.xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json = read_json(&dir.path().join("r.json"));
    let executions = executions(&json);
    // Iteration 0 as a sequential run ends it: "ok", then "hangs" abandoned.
    assert_eq!(executions.len(), 2, "{json:#}");
    assert!(
        json["run"]["error"].to_string().contains("timed out"),
        "{json:#}"
    );
    let xml = std::fs::read_to_string(dir.path().join("r.xml")).unwrap();
    assert!(xml.trim_end().ends_with("</testsuites>"), "{xml}");
    // All three workers were waiting on the server when the deadline came.
    let hangs = server
        .requests()
        .iter()
        .filter(|r| r.path() == "/hang")
        .count();
    assert_eq!(hangs, 3);
}

fn run_json(dir: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    run_rows(dir)
        .args(["-r", "cli,json", "--reporter-json-export", out])
        .args(extra)
        .output()
        .unwrap()
}

/// From the summary table on: what `merge-reports -r cli` prints.
fn tables(stdout: &[u8]) -> String {
    let text = String::from_utf8_lossy(stdout);
    let start = text.find("┌─").expect("a summary table");
    steady(&text[start..])
}

#[test]
fn shards_merged_are_the_single_run() {
    let (_server, dir) = mixed_run(7);
    let single = run_json(dir.path(), "single.json", &[]);
    assert_eq!(single.status.code(), Some(1));
    let mut files = Vec::new();
    for k in 1..=3 {
        let name = format!("shard-{k}.json");
        let out = run_json(
            dir.path(),
            &name,
            &["--shard", &format!("{k}/3"), "--parallel", "2"],
        );
        assert_eq!(out.status.code(), Some(1), "shard {k}");
        let shard = read_json(&dir.path().join(&name));
        // 7 iterations in three slices: 2, 2 and 3.
        let expected = [2, 2, 3][k - 1];
        assert_eq!(
            shard["run"]["stats"]["iterations"]["total"], expected,
            "shard {k}"
        );
        files.push(name);
    }
    let merged = postie()
        .current_dir(dir.path())
        .arg("merge-reports")
        .args(&files)
        .args(["-r", "cli,json", "--reporter-json-export", "merged.json"])
        .output()
        .unwrap();
    assert_eq!(
        merged.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    // Compared as JSON values: the layout of the text may differ.
    let read = |n: &str| {
        let v = read_json(&dir.path().join(n));
        serde_json::to_string_pretty(&v).unwrap()
    };
    let (a, b) = (steady(&read("single.json")), steady(&read("merged.json")));
    if a != b {
        let diff = similar::TextDiff::from_lines(&a, &b)
            .unified_diff()
            .to_string();
        panic!("merged JSON differs from the single run's:\n{diff}");
    }
    assert_eq!(tables(&single.stdout), tables(&merged.stdout));
}

#[test]
fn merging_something_that_is_not_a_report_says_which_file() {
    let dir = tempfile::tempdir().unwrap();
    write_json(dir.path(), "a.json", &json!({"run": {"stats": {}}}));
    let out = postie()
        .current_dir(dir.path())
        .args(["merge-reports", "a.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a.json: not a postie or newman JSON report: no run.executions"),
        "{stderr}"
    );
}

/// `merge-reports -r junit` writes the JUnit report a single run writes. Only
/// what differs between any two runs is normalised: the `timestamp` of the
/// run's start and the `time` attributes (response times). Item ids are not
/// normalised: items without one get the same id in every shard.
#[test]
fn shards_merged_write_the_single_runs_junit() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let mut doc = mixed(&server.base);
    // Also a failed comparison of objects (a diff) and an error in a folder's script.
    doc["item"].as_array_mut().unwrap().push(json!({"name": "Compared",
        "event": [{"listen": "test", "script": {"exec": [
            "if (pm.iterationData.get('row') === 2) { notDefined(); }"
        ]}}],
        "item": [{"name": "object", "request": format!("{}/object", server.base),
            "event": [{"listen": "test", "script": {"exec": [
                "pm.test('same object', () => pm.expect({a: 1, row: pm.iterationData.get('row')}).to.eql({a: 1, row: 0}));"
            ]}}]}]}));
    write_json(dir.path(), "c.json", &doc);
    write_json(dir.path(), "rows.json", &rows(4));
    let run = |reporters: &str, extra: &[&str]| {
        let out = postie()
            .current_dir(dir.path())
            .args(["run", "c.json", "-d", "rows.json", "-r", reporters])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run("junit", &["--reporter-junit-export", "single.xml"]);
    for k in 1..=2 {
        let shard = format!("{k}/2");
        let report = format!("shard-{k}.json");
        run(
            "json",
            &["--shard", &shard, "--reporter-json-export", &report],
        );
    }
    let merged = postie()
        .current_dir(dir.path())
        .args(["merge-reports", "shard-1.json", "shard-2.json"])
        .args(["-r", "junit", "--reporter-junit-export", "out/merged.xml"])
        .output()
        .unwrap();
    assert_eq!(
        merged.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let text = Regex::new(r#" timestamp="[^"]*""#)
            .unwrap()
            .replace_all(&text, r#" timestamp="T""#)
            .into_owned();
        Regex::new(r#" time="[0-9.]+""#)
            .unwrap()
            .replace_all(&text, r#" time="S""#)
            .into_owned()
    };
    let (single, merged) = (read("single.xml"), read("out/merged.xml"));
    // The parts a JSON report must carry for the merge to write them.
    for part in [
        "<testsuite name=\"Folder / fails\"",
        "Diff:",
        "test script error (Compared)",
        "request error",
        "Failed 2 times.",
    ] {
        assert!(single.contains(part), "{part}:\n{single}");
    }
    if single != merged {
        let diff = similar::TextDiff::from_lines(&single, &merged)
            .unified_diff()
            .to_string();
        panic!("merged JUnit differs from the single run's:\n{diff}");
    }
}
