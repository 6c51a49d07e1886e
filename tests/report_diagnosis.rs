//! Failures that explain themselves, through the real binary: diffs of failed
//! comparisons, iterations, failed-request details whose curl command sends the
//! same request again, slowest requests, JUnit `<error>` cases, TAP, the plain
//! progress lines, colours, newman command lines with options of other
//! reporters, messages said once, file modes and help text.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::postie;
use support::run::{output, Output};
use support::server::{Reply, TestServer};

const SECRET: &str = "tok-9a8b7c6d5e";

fn write_collection(dir: &Path, items: Value) -> PathBuf {
    let c = dir.join("c.json");
    std::fs::write(
        &c,
        json!({"info": {"name": "Diagnosis", "_postman_id": "diag-1"}, "item": items}).to_string(),
    )
    .unwrap();
    c
}

fn write_env(dir: &Path, base: &str) -> PathBuf {
    let env = dir.join("env.json");
    std::fs::write(
        &env,
        json!({"name": "E", "values": [
            {"key": "base", "value": base, "enabled": true},
            {"key": "token", "value": SECRET, "type": "secret", "enabled": true}
        ]})
        .to_string(),
    )
    .unwrap();
    env
}

fn test_item(name: &str, url: &str, lines: &[&str]) -> Value {
    json!({"name": name, "request": {"method": "GET", "url": url},
           "event": [{"listen": "test", "script": {"exec": lines}}]})
}

fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = postie();
    cmd.current_dir(dir).arg("run").args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    output(&mut cmd)
}

#[test]
fn comparisons_of_objects_arrays_and_long_strings_show_a_diff() {
    let server = TestServer::start(|_| Reply::json(200, json!({"a": 1, "list": [1, 2, 3]})));
    let dir = tempfile::tempdir().unwrap();
    write_collection(
        dir.path(),
        json!([test_item(
            "compare",
            &format!("{}/x", server.base),
            &[
                "var b = pm.response.json();",
                "pm.test('deep equal', () => pm.expect(b).to.deep.equal({a: 2, list: [1, 2, 3]}));",
                "pm.test('eql array', () => pm.expect(b.list).to.eql([1, 2, 4]));",
                "pm.test('long string', () => pm.expect('x'.repeat(50) + 'A').to.equal('x'.repeat(50) + 'B'));",
                "pm.test('short', () => pm.expect(b.a).to.equal(7));",
            ]
        )]),
    );
    let junit = dir.path().join("j.xml");
    let r = run(
        dir.path(),
        &[
            "c.json",
            "-r",
            "cli,junit",
            "--reporter-junit-export",
            junit.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    let table = &r.stdout[r.stdout.find("  #  failure").expect("failure table")..];
    let blocks: Vec<&str> = table.split("\n\n").skip(1).collect();
    assert_eq!(blocks.len(), 4, "{table}");
    assert!(blocks[0].contains("-   \"a\": 2,\n"), "{table}");
    assert!(blocks[0].contains("+   \"a\": 1,"), "{table}");
    assert!(
        blocks[1].contains("-   4") && blocks[1].contains("+   3"),
        "{table}"
    );
    assert!(
        blocks[2].contains(&format!("- {}B\n", "x".repeat(50))),
        "{table}"
    );
    assert!(
        blocks[2].contains(&format!("+ {}A\n", "x".repeat(50))),
        "{table}"
    );
    assert!(
        !blocks[3].contains("- expected"),
        "a short scalar needs no diff:\n{table}"
    );
    // No iteration line in a one-iteration run (as newman).
    assert!(!table.contains("iteration:"));
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains("<![CDATA[Diff:\n- expected\n+ actual\n  {\n-   \"a\": 2,"),
        "{xml}"
    );
}

#[test]
fn failed_request_details_carry_a_curl_command_that_sends_the_same_request() {
    let (Some(_), Some(_)) = (support::tool("curl"), support::tool("bash")) else {
        return;
    };
    let server = TestServer::start(|r| {
        if r.path() == "/login" {
            Reply::json(401, json!({"error": "bad password"}))
                .header("WWW-Authenticate", "Bearer realm=\"api\"")
                .header("X-Request-Id", "rq-77")
        } else {
            Reply::text(200, "ok")
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let c = write_collection(
        dir.path(),
        json!([{"name": "login", "request": {"method": "POST", "url": "{{base}}/login?api_key={{token}}&q=a%20b",
            "header": [{"key": "Authorization", "value": "Bearer {{token}}"}, {"key": "X-Note", "value": "it's \"quoted\" $HOME"}],
            "body": {"mode": "raw", "raw": "{\"user\": \"ann\", \"password\": \"p@ss'word\"}"}},
            "event": [{"listen": "test", "script": {"exec": ["pm.test('ok', () => pm.response.to.have.status(200));"]}}]}]),
    );
    let env = write_env(dir.path(), &server.base);
    let r = run(
        dir.path(),
        &[
            c.to_str().unwrap(),
            "-e",
            env.to_str().unwrap(),
            "--reporter-cli-show-failed-requests",
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains(SECRET), "{}", r.stdout);
    assert!(!r.stdout.contains("p@ss'word"), "{}", r.stdout);
    assert!(r.stdout.contains("│ 401 Unauthorized, "), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("│ WWW-Authenticate: Bearer realm=\"api\""),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("│ X-Request-Id: rq-77"));
    assert!(r.stdout.contains("│ {\"error\":\"bad password\"}"));
    assert!(
        r.stdout
            .contains("│ # set first: API_KEY, AUTHORIZATION, PASSWORD"),
        "{}",
        r.stdout
    );
    let curl = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("  │ curl "))
        .expect("a curl line");

    // The command, with the variables it names set, sends what postie sent.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("curl -sS -o /dev/null {curl}"))
        .env("API_KEY", SECRET)
        .env("AUTHORIZATION", SECRET)
        .env("PASSWORD", "p@ss'word")
        .env("HOME", "/should-not-expand")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = server.requests();
    assert_eq!(got.len(), 2);
    let (sent, again) = (&got[0], &got[1]);
    assert_eq!(again.method, sent.method);
    assert_eq!(again.target, sent.target);
    assert_eq!(again.body, sent.body);
    for h in [
        "authorization",
        "x-note",
        "user-agent",
        "accept",
        "accept-encoding",
    ] {
        assert_eq!(again.header(h), sent.header(h), "header {h}");
    }
}

#[test]
fn junit_has_error_cases_for_request_and_script_errors() {
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let dir = tempfile::tempdir().unwrap();
    let c = write_collection(
        dir.path(),
        json!([
            test_item("throws", &format!("{}/x", server.base), &["undefinedFunction();"]),
            {"name": "down", "request": "http://127.0.0.1:9/"}
        ]),
    );
    let junit = dir.path().join("j.xml");
    let r = run(
        dir.path(),
        &[
            c.to_str().unwrap(),
            "-r",
            "junit",
            "--reporter-junit-export",
            junit.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    let xml = std::fs::read_to_string(&junit).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut errors = Vec::new();
    let mut case = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"testcase" => {
                case = e
                    .try_get_attribute("name")
                    .unwrap()
                    .map(|a| a.unescape_value().unwrap().into_owned());
            }
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"error" => {
                let kind = e.try_get_attribute("type").unwrap().unwrap();
                errors.push((
                    case.clone().unwrap(),
                    kind.unescape_value().unwrap().into_owned(),
                ));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(
        errors,
        vec![
            (
                "test script error".to_string(),
                "ReferenceError".to_string()
            ),
            ("request error".to_string(), "RequestError".to_string())
        ],
        "{xml}"
    );
    // newman's system-err stays.
    assert!(xml.contains("<system-err>"));
}

#[test]
fn slowest_requests_are_listed_and_can_be_hidden() {
    let server = TestServer::start(|r| {
        let ms: u64 = r.path().trim_start_matches('/').parse().unwrap_or(0);
        std::thread::sleep(Duration::from_millis(ms));
        Reply::text(200, "ok")
    });
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<Value> = [10, 250, 40, 400, 100, 180]
        .iter()
        .map(|ms| json!({"name": format!("wait {ms}"), "request": format!("{}/{ms}", server.base)}))
        .collect();
    let c = write_collection(dir.path(), json!(items));
    let r = run(dir.path(), &[c.to_str().unwrap()], &[]);
    assert_eq!(r.code, 0);
    let list: Vec<&str> = r
        .stdout
        .split("slowest requests\n")
        .nth(1)
        .expect("slowest list")
        .lines()
        .take_while(|l| !l.is_empty())
        .collect();
    let names: Vec<&str> = list
        .iter()
        .map(|l| l.rsplit("  ").next().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["wait 400", "wait 250", "wait 180", "wait 100", "wait 40"],
        "{list:?}"
    );
    let r = run(
        dir.path(),
        &[c.to_str().unwrap(), "--reporter-cli-no-slowest"],
        &[],
    );
    assert!(!r.stdout.contains("slowest requests"));
    assert!(r.stdout.contains("average response time"));
}

#[test]
fn options_of_reporters_postie_does_not_have_are_ignored_with_one_warning() {
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let dir = tempfile::tempdir().unwrap();
    let c = write_collection(
        dir.path(),
        json!([{"name": "a", "request": format!("{}/a", server.base)}]),
    );
    let r = run(
        dir.path(),
        &[
            "c.json",
            "-r",
            "cli",
            "--reporter-htmlextra-export",
            "out/extra.html",
            "--reporter-htmlextra-darkTheme",
            "--reporter-allure-resultsDir=allure",
        ],
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let warnings: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        warnings,
        vec!["postie: ignoring --reporter-htmlextra-export, --reporter-htmlextra-darkTheme, --reporter-allure-resultsDir: postie has no such reporter (it has cli, json, junit, progress, html, github, tap)"]
    );
    assert!(!dir.path().join("out").exists());
    assert_eq!(server.requests().len(), 1);
    let _ = c;

    // A reporter postie does not have is a usage error that names the ones it has.
    let r = run(dir.path(), &["c.json", "-r", "cli,htmlextra"], &[]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr.trim_end(),
        "postie: -r htmlextra: postie has no reporter 'htmlextra' (available: cli, json, junit, progress, html, github, tap); -r html writes a single-file HTML report"
    );
    // TAP and the cli reporter cannot share standard output.
    let r = run(dir.path(), &["c.json", "-r", "cli,tap"], &[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--reporter-tap-export"), "{}", r.stderr);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn bail_and_timeout_are_said_once() {
    let server = TestServer::start(|_| {
        std::thread::sleep(Duration::from_millis(50));
        Reply::text(500, "no")
    });
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<Value> = (0..3)
        .map(|i| {
            test_item(
                &format!("r{i}"),
                &format!("{}/{i}", server.base),
                &["pm.test('ok', () => pm.response.to.be.ok);"],
            )
        })
        .collect();
    let c = write_collection(dir.path(), json!(items));
    for (flag, word) in [
        (vec!["--bail"], "--bail"),
        (vec!["--timeout", "60"], "--timeout"),
    ] {
        let mut args = vec![c.to_str().unwrap()];
        args.extend(flag);
        let r = run(dir.path(), &args, &[]);
        assert_eq!(r.code, 1);
        let all = format!("{}{}", r.stdout, r.stderr);
        assert_eq!(
            all.matches(word).count(),
            1,
            "stdout:\n{}\nstderr:\n{}",
            r.stdout,
            r.stderr
        );
    }
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let dir = tempfile::tempdir().unwrap();
    let c = write_collection(
        dir.path(),
        json!([{"name": "a", "request": format!("{}/a", server.base)}]),
    );
    let c = c.to_str().unwrap();
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = postie();
        cmd.env_remove("NO_COLOR")
            .env_remove("FORCE_COLOR")
            .env_remove("TERM");
        cmd.current_dir(dir.path()).arg("run").arg(c).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = output(&mut cmd);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout.contains('\x1b')
    };
    // Not a terminal: no colour unless forced.
    assert!(!coloured(&[], &[]));
    assert!(coloured(&[], &[("FORCE_COLOR", "1")]));
    assert!(coloured(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(!coloured(&[], &[("FORCE_COLOR", "0")]));
    assert!(!coloured(&["--color", "off"], &[("FORCE_COLOR", "1")]));
    assert!(coloured(
        &["--color", "on"],
        &[("NO_COLOR", "1"), ("TERM", "dumb")]
    ));
    assert!(!coloured(&["--color", "auto"], &[("TERM", "dumb")]));
}

#[cfg(unix)]
#[test]
fn reports_get_the_usual_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let server = TestServer::start(|_| Reply::text(200, "ok"));
    let dir = tempfile::tempdir().unwrap();
    let c = write_collection(
        dir.path(),
        json!([{"name": "a", "request": format!("{}/a", server.base)}]),
    );
    let bin = assert_cmd::cargo::cargo_bin("postie");
    for (umask, mode) in [("022", 0o644), ("027", 0o640)] {
        // New files each time: a replaced file keeps the mode it had.
        for f in ["r.json", "r.xml", "r.html", "r.tap"] {
            let _ = std::fs::remove_file(dir.path().join(f));
        }
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(&bin)
            .current_dir(dir.path())
            .args(["run", c.to_str().unwrap(), "-r", "json,junit,html,tap"])
            .args([
                "--reporter-json-export",
                "r.json",
                "--reporter-junit-export",
                "r.xml",
            ])
            .args([
                "--reporter-html-export",
                "r.html",
                "--reporter-tap-export",
                "r.tap",
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for f in ["r.json", "r.xml", "r.html", "r.tap"] {
            let m = std::fs::metadata(dir.path().join(f))
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(m, mode, "{f} with umask {umask}: {m:o}");
        }
    }
}

#[test]
fn every_run_option_has_help_text() {
    let out = postie().args(["run", "--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = help.lines().collect();
    let mut options = 0;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if !(t.starts_with("--") || (t.starts_with('-') && t.chars().nth(2) == Some(','))) {
            continue;
        }
        options += 1;
        let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        let flag = t.split_whitespace().next().unwrap();
        // clap puts the text on the next line (long help) or after the flag.
        let own = t.split_once("  ").map(|x| x.1.trim()).unwrap_or("");
        assert!(
            !own.is_empty() || !next.is_empty() && !next.starts_with('-'),
            "{flag} has no help text:\n{help}"
        );
    }
    assert!(options > 40, "{help}");
    for flag in [
        "--reporter-cli-no-summary",
        "--reporter-cli-show-failed-requests",
        "--reporter-cli-no-slowest",
        "--reporter-html-export",
        "--reporter-tap-export",
        "--color",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

#[test]
fn progress_prints_plain_lines_and_the_failures_when_not_on_a_terminal() {
    let server =
        TestServer::start(|r| Reply::text(if r.path() == "/bad" { 500 } else { 200 }, "x"));
    let dir = tempfile::tempdir().unwrap();
    let c = write_collection(
        dir.path(),
        json!([
            test_item(
                "good",
                &format!("{}/good", server.base),
                &["pm.test('ok', () => pm.response.to.be.ok);"]
            ),
            test_item(
                "bad",
                &format!("{}/bad", server.base),
                &["pm.test('ok', () => pm.response.to.be.ok);"]
            )
        ]),
    );
    let r = run(
        dir.path(),
        &[c.to_str().unwrap(), "-r", "progress", "-n", "10"],
        &[],
    );
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let progress: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("progress: "))
        .collect();
    assert_eq!(progress.len(), 10, "{}", r.stdout);
    assert!(
        progress[0].starts_with("progress: 2/20 requests, 1 failed, "),
        "{}",
        r.stdout
    );
    assert!(
        progress[9].starts_with("progress: 20/20 requests, 10 failed, "),
        "{}",
        r.stdout
    );
    assert!(
        lines.iter().any(
            |l| l.starts_with("✗ 20 requests, 20 assertions, 10 failures in ")
                && l.ends_with(" — failed: bad")
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("   1. bad (iteration 1) > ok: expected response to have status reason 'OK' but got 'INTERNAL SERVER ERROR'\n"), "{}", r.stdout);
    assert_eq!(
        lines
            .iter()
            .filter(
                |l| l.trim_start().starts_with(char::is_numeric) && l.contains(". bad (iteration")
            )
            .count(),
        10
    );
}

#[test]
fn tap_has_a_plan_that_matches_its_points() {
    let server =
        TestServer::start(|r| Reply::text(if r.path() == "/bad" { 500 } else { 200 }, "x"));
    let dir = tempfile::tempdir().unwrap();
    let c = write_collection(
        dir.path(),
        json!([
            test_item("good # hash", &format!("{}/good", server.base), &["pm.test('ok', () => pm.response.to.be.ok);", "pm.test.skip('later');"]),
            test_item("bad", &format!("{}/bad", server.base), &["pm.test('ok', () => pm.response.to.be.ok);"]),
            {"name": "no tests", "request": format!("{}/good", server.base)}
        ]),
    );
    let r = run(dir.path(), &[c.to_str().unwrap(), "-r", "tap"], &[]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "TAP version 14");
    let points: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("ok ") || l.starts_with("not ok "))
        .collect();
    assert_eq!(lines.last().unwrap(), &format!("1..{}", points.len()));
    for (i, p) in points.iter().enumerate() {
        let n: usize = p
            .trim_start_matches("not ")
            .trim_start_matches("ok ")
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(n, i + 1);
    }
    assert_eq!(points.len(), 4);
    assert_eq!(points[0], &"ok 1 - good \\# hash > ok");
    assert_eq!(
        points[1],
        &"ok 2 - good \\# hash > later # SKIP pm.test.skip"
    );
    assert_eq!(points[2], &"not ok 3 - bad > ok");
    assert_eq!(points[3], &"ok 4 - no tests > request");
    // The diagnostics block follows its point, indented, from --- to ...
    let at = lines
        .iter()
        .position(|l| *l == "not ok 3 - bad > ok")
        .unwrap();
    assert_eq!(lines[at + 1], "  ---");
    let end = lines[at..].iter().position(|l| *l == "  ...").unwrap() + at;
    assert!(lines[at + 1..end].iter().all(|l| l.starts_with("  ")));
    assert!(lines[at + 1..end].contains(&"  status: 500"));
}
