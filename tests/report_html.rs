//! The HTML report (`-r html`), opened in headless Chromium: the counts it shows
//! are the run's, `#failed` shows only failed requests, a large run shows one
//! page at a time, the page is not blank, nothing is fetched from the network
//! and no secret is in the file.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::postie;
use support::report::read_json;
use support::server::{Reply, TestServer};

const SECRET: &str = "html-secret-4c1d9e";

fn server() -> TestServer {
    TestServer::start(|r| match r.path() {
        "/fail" => Reply::json(500, json!({"error": "boom", "token": SECRET})),
        _ => Reply::json(200, json!({"ok": true, "name": "Bob"})),
    })
}

fn collection(dir: &Path, base: &str) -> (PathBuf, PathBuf) {
    let t = |name: &str, path: &str, lines: &[&str]| {
        json!({"name": name, "request": {"method": "GET", "url": format!("{{{{base}}}}{path}"),
            "header": [{"key": "X-Token", "value": "{{token}}"}]},
            "event": [{"listen": "test", "script": {"exec": lines}}]})
    };
    let items = json!([
        {"name": "Accounts", "item": [
            t("list", "/ok", &["pm.test('status', () => pm.response.to.have.status(200));"]),
            t("broken", "/fail", &["pm.test('status', () => pm.response.to.have.status(200));",
                                    "pm.test('body', () => pm.expect(pm.response.json()).to.eql({ok: true}));",
                                    "console.log('token was', pm.environment.get('token'));"]),
        ]},
        {"name": "Other", "item": [
            t("fine", "/ok", &["pm.test('name', () => pm.expect(pm.response.json().name).to.equal('Bob'));"]),
            t("<b>odd</b> name", "/ok", &[])
        ]},
        {"name": "down", "request": "http://127.0.0.1:9/"}
    ]);
    let c = dir.join("c.json");
    std::fs::write(
        &c,
        json!({"info": {"name": "HTML report"}, "item": items}).to_string(),
    )
    .unwrap();
    let env = dir.join("env.json");
    std::fs::write(
        &env,
        json!({"values": [{"key": "base", "value": base}, {"key": "token", "value": SECRET, "type": "secret"}]})
            .to_string(),
    )
    .unwrap();
    (c, env)
}

/// Runs Chromium headless on a file, with the flags that keep it off the network.
fn chromium(bin: &Path, dir: &Path, extra: &[&str], url: &str) -> std::process::Output {
    let profile = tempfile::tempdir_in(dir).unwrap();
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn dom(bin: &Path, dir: &Path, url: &str) -> String {
    String::from_utf8(chromium(bin, dir, &["--dump-dom"], url).stdout).unwrap()
}

/// The rendered request list (`<main id="list">…</main>`) of a dumped DOM.
fn rendered_list(dom: &str) -> &str {
    let start = dom.find("<main id=\"list\">").expect("list");
    let end = dom[start..].find("</main>").unwrap() + start;
    &dom[start..end]
}

fn stat(dom: &str, name: &str) -> u64 {
    let key = format!("data-stat=\"{name}\">");
    let at = dom
        .find(&key)
        .unwrap_or_else(|| panic!("{name} in the page"))
        + key.len();
    dom[at..dom[at..].find('<').unwrap() + at].parse().unwrap()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn the_report_shows_the_runs_counts_and_filters_failed_requests() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let (c, env) = collection(dir.path(), &server.base);
    let html = dir.path().join("report.html");
    let json_report = dir.path().join("report.json");
    let out = postie()
        .arg("run")
        .arg(&c)
        .arg("-e")
        .arg(&env)
        .args(["-r", "html,json", "--reporter-html-export"])
        .arg(&html)
        .arg("--reporter-json-export")
        .arg(&json_report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(!text.contains(SECRET), "a secret is in the HTML report");
    assert!(text.contains("token was ********"));
    // Self-contained: nothing loaded from elsewhere.
    for needle in [" src=\"", "<link", "@import", "url(", "http-equiv"] {
        assert!(!text.contains(needle), "{needle} in the report");
    }
    assert!(
        !text.contains("<b>odd</b>"),
        "markup from the collection got through"
    );
    let report = read_json(&json_report);
    let stats = &report["run"]["stats"];

    let Some(bin) = support::tool("chromium") else {
        return;
    };
    let all = dom(&bin, dir.path(), &file_url(&html));
    for s in [
        "iterations",
        "requests",
        "assertions",
        "test-scripts",
        "prerequest-scripts",
    ] {
        let key = match s {
            "test-scripts" => "testScripts",
            "prerequest-scripts" => "prerequestScripts",
            k => k,
        };
        assert_eq!(
            stat(&all, &format!("{s}-total")),
            stats[key]["total"].as_u64().unwrap(),
            "{s}"
        );
        assert_eq!(
            stat(&all, &format!("{s}-failed")),
            stats[key]["failed"].as_u64().unwrap(),
            "{s}"
        );
    }
    let list = rendered_list(&all);
    assert_eq!(list.matches("<article class=\"req").count(), 5, "{list}");
    assert_eq!(list.matches("<article class=\"req failed").count(), 2);
    assert!(list.contains("<div class=\"folder\">Accounts</div>"));
    assert!(list.contains("&lt;b&gt;odd&lt;/b&gt; name"));
    assert!(
        list.contains("<span class=\"expected\">-   \"ok\": true</span>"),
        "{list}"
    );
    assert!(all.contains("data-count=\"5\""));

    // #failed: only the failed requests are shown.
    let failed = dom(&bin, dir.path(), &format!("{}#failed", file_url(&html)));
    let list = rendered_list(&failed);
    assert_eq!(list.matches("<article class=\"req").count(), 2, "{list}");
    assert_eq!(list.matches("<article class=\"req failed").count(), 2);
    assert!(list.contains("broken") && list.contains("down"));
    assert!(!list.contains(">list<") && !list.contains(">fine<"));
    assert!(failed.contains("data-count=\"2\""));

    // The folder filter and the search, set from the address.
    let other = dom(
        &bin,
        dir.path(),
        &format!("{}#folder=Other", file_url(&html)),
    );
    let list = rendered_list(&other);
    assert_eq!(list.matches("<article class=\"req").count(), 2, "{list}");
    assert!(list.contains(">fine<") && !list.contains(">broken<"));
    let found = dom(&bin, dir.path(), &format!("{}#q=BROK", file_url(&html)));
    let list = rendered_list(&found);
    assert_eq!(list.matches("<article class=\"req").count(), 1, "{list}");
    assert!(list.contains(">broken<"));

    // A screenshot that is a page, not a blank.
    let shot = dir.path().join("shot.png");
    chromium(
        &bin,
        dir.path(),
        &[
            "--window-size=1024,900",
            &format!("--screenshot={}", shot.display()),
        ],
        &file_url(&html),
    );
    let decoder = png::Decoder::new(std::fs::File::open(&shot).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1024, 900));
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    let first = pixels[0];
    let differing = pixels.iter().filter(|p| **p != first).count();
    let mut colours: Vec<&[u8]> = pixels.clone();
    colours.sort();
    colours.dedup();
    assert!(colours.len() > 20, "{} colours", colours.len());
    assert!(
        differing * 50 > pixels.len(),
        "only {differing} of {} pixels differ",
        pixels.len()
    );
}

#[test]
fn a_run_of_thousands_of_requests_shows_one_page_at_a_time() {
    let server = TestServer::start(|r| {
        if r.path().ends_with('3') {
            Reply::text(404, "missing")
        } else {
            Reply::text(200, "ok")
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<Value> = (0..5)
        .map(|i| json!({"name": format!("r{i}"), "request": format!("{}/r{i}", server.base),
            "event": [{"listen": "test", "script": {"exec": ["pm.test('ok', () => pm.response.to.be.ok);"]}}]}))
        .collect();
    let c = dir.path().join("c.json");
    std::fs::write(
        &c,
        json!({"info": {"name": "big"}, "item": items}).to_string(),
    )
    .unwrap();
    let html = dir.path().join("big.html");
    let out = postie()
        .arg("run")
        .arg(&c)
        .args(["-n", "1000", "-r", "html", "--reporter-html-export"])
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&html).unwrap();
    assert_eq!(text.matches("<script type=\"text/x-postie\"").count(), 5000);
    let Some(bin) = support::tool("chromium") else {
        return;
    };
    let page = dom(&bin, dir.path(), &file_url(&html));
    assert!(page.contains("data-count=\"5000\""));
    assert!(page.contains("requests 1–50 of 5000"));
    assert_eq!(
        rendered_list(&page).matches("<article class=\"req").count(),
        50
    );
    let failed = dom(&bin, dir.path(), &format!("{}#failed", file_url(&html)));
    assert!(failed.contains("data-count=\"1000\""));
    assert!(failed.contains("requests 1–50 of 1000 (5000 in all)"));
    let list = rendered_list(&failed);
    assert_eq!(list.matches("<article class=\"req failed").count(), 50);
    assert_eq!(list.matches("<article class=\"req").count(), 50);
}
