//! Per-script overhead of the sandbox: `cargo bench --bench sandbox`.
//!
//! Each case runs one script many times through `Sandbox::run` and prints the
//! mean time per run, with a fresh QuickJS context per run (the default) and
//! with one context reused across runs.

use postie::collection::Request;
use postie::http::{CookieData, HttpResponse};
use postie::script::{Sandbox, SandboxOptions, ScriptHost, ScriptInfo, ScriptKind, ScriptRun};
use postie::vars::{Scopes, VariableScope};
use std::time::{Duration, Instant};

struct NoHost;

impl ScriptHost for NoHost {
    fn send_request(&mut self, _: &Request) -> Result<HttpResponse, String> {
        Err("no network in the benchmark".into())
    }
    fn cookies(&self, _: &str) -> Vec<CookieData> {
        Vec::new()
    }
    fn set_cookie(&mut self, _: &str, _: CookieData) -> Result<(), String> {
        Ok(())
    }
    fn unset_cookie(&mut self, _: &str, _: &str) {}
    fn clear_cookies(&mut self, _: &str) {}
}

const TYPICAL_TEST: &str = r#"
pm.test("Status code is 200", function () {
    pm.response.to.have.status(200);
});
pm.test("Response has the user", function () {
    var json = pm.response.json();
    pm.expect(json).to.have.property('id');
    pm.expect(json.name).to.eql('Ada');
    pm.expect(json.tags).to.be.an('array').that.includes('a');
});
pm.test("Response time is less than 500ms", function () {
    pm.expect(pm.response.responseTime).to.be.below(500);
});
pm.environment.set("userId", pm.response.json().id);
"#;

const TYPICAL_PREREQUEST: &str = r#"
var ts = Date.now();
pm.variables.set('ts', ts);
pm.request.headers.upsert({ key: 'X-Timestamp', value: String(ts) });
pm.environment.set('nonce', Math.random().toString(36).slice(2));
"#;

const LEGACY_TEST: &str = r#"
var data = JSON.parse(responseBody);
tests["Status code is 200"] = responseCode.code === 200;
tests["Has id"] = data.id === 7;
postman.setEnvironmentVariable("userId", data.id);
"#;

const LIBRARIES: &str = r#"
var _ = require('lodash');
var moment = require('moment');
var CryptoJS = require('crypto-js');
pm.environment.set('sig', CryptoJS.HmacSHA256(_.join(['a', 'b'], ':'), 'key').toString());
pm.environment.set('date', moment().format('YYYY-MM-DD'));
"#;

fn bench(name: &str, reuse: bool, kind: ScriptKind, source: &str, iterations: u32) -> Duration {
    let mut sandbox = Sandbox::new(SandboxOptions::default());
    sandbox.reuse_context(reuse);
    let mut scopes = Scopes {
        environment: VariableScope::named("bench"),
        ..Default::default()
    };
    let request: Request = serde_json::from_value(serde_json::json!({
        "url": "https://api.example.com/users/7",
        "method": "GET",
        "header": [{"key": "Accept", "value": "application/json"}]
    }))
    .unwrap();
    let response = HttpResponse {
        code: 200,
        status: "OK".into(),
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: br#"{"id":7,"name":"Ada","tags":["a","b"]}"#.to_vec(),
        time_ms: 12,
        ..Default::default()
    };
    let info = ScriptInfo {
        iteration: 0,
        iteration_count: 1,
        request_name: "Get user".into(),
        request_id: "1".into(),
        ..Default::default()
    };
    let mut once = || {
        let mut req = request.clone();
        let outcome = sandbox.run(ScriptRun {
            kind,
            source,
            origin: "Get user",
            info: &info,
            scopes: &mut scopes,
            request: &mut req,
            response: (kind == ScriptKind::Test).then_some(&response),
            host: &mut NoHost,
        });
        assert!(outcome.error.is_none(), "{name}: {:?}", outcome.error);
        assert!(outcome.assertions.iter().all(|a| a.passed), "{name}");
    };
    // The first run in a process also compiles the prelude and libraries to bytecode.
    let t = Instant::now();
    once();
    let first = t.elapsed();
    let t = Instant::now();
    for _ in 0..iterations {
        once();
    }
    let per = t.elapsed() / iterations;
    println!(
        "{name:<28} {:<7} {:>8.1} µs/run   (first run {:>7.1} ms)",
        if reuse { "reused" } else { "fresh" },
        per.as_secs_f64() * 1e6,
        first.as_secs_f64() * 1e3
    );
    per
}

fn main() {
    let n: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(500);
    println!("sandbox: mean time per script run over {n} runs");
    println!("  fresh:  a new context per run (the default)");
    println!("  reused: one context kept across runs (Sandbox::reuse_context)");
    let cases: [(&str, ScriptKind, &str, u32); 5] = [
        ("empty script", ScriptKind::Test, "", n),
        (
            "typical pre-request",
            ScriptKind::PreRequest,
            TYPICAL_PREREQUEST,
            n,
        ),
        ("typical test (chai)", ScriptKind::Test, TYPICAL_TEST, n),
        ("legacy test", ScriptKind::Test, LEGACY_TEST, n),
        (
            "lodash+moment+crypto-js",
            ScriptKind::PreRequest,
            LIBRARIES,
            n / 5,
        ),
    ];
    // BENCH_CASE=<part of a name> runs only the matching cases.
    let only = std::env::var("BENCH_CASE").unwrap_or_default();
    for (name, kind, source, runs) in cases {
        if !name.contains(only.as_str()) {
            continue;
        }
        bench(name, false, kind, source, runs);
        bench(name, true, kind, source, runs);
    }
}
