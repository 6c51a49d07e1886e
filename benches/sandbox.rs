//! Per-script overhead of the sandbox: `cargo bench --bench sandbox`.
//!
//! Each case runs one script through `Sandbox::run`, with one context kept for
//! the whole run (`reused`, what `postie run` does) and with a fresh QuickJS
//! context per script (`fresh`, `--isolate-scripts`). Criterion's figure is the
//! time per script run. `cargo bench --bench sandbox -- reused` runs a subset.

use criterion::{criterion_group, criterion_main, Criterion};
use postie::collection::Request;
use postie::http::{CookieData, HttpResponse};
use postie::script::{Sandbox, SandboxOptions, ScriptHost, ScriptInfo, ScriptKind, ScriptRun};
use postie::vars::{Scopes, VariableScope};
use std::time::Duration;

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

/// The workload of the speed target: one test, a status check, the body as
/// JSON, two expectations and one environment variable.
const TYPICAL_TEST: &str = r#"
pm.test("Status code is 200", function () {
    pm.response.to.have.status(200);
    var json = pm.response.json();
    pm.expect(json.id).to.eql(7);
    pm.expect(json.name).to.eql('Ada');
    pm.environment.set("userId", json.id);
});
"#;

/// A longer chai test.
const CHAI_TEST: &str = r#"
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

/// One case: a sandbox kept across iterations, running `source` each time.
fn bench(c: &mut Criterion, name: &str, reuse: bool, kind: ScriptKind, source: &str) {
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
    let mode = if reuse { "reused" } else { "fresh" };
    c.bench_function(&format!("{mode}/{name}"), |b| {
        b.iter(|| {
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
            outcome
        })
    });
}

fn scripts(c: &mut Criterion) {
    let cases: [(&str, ScriptKind, &str); 6] = [
        ("empty script", ScriptKind::Test, ""),
        (
            "typical pre-request",
            ScriptKind::PreRequest,
            TYPICAL_PREREQUEST,
        ),
        ("typical test", ScriptKind::Test, TYPICAL_TEST),
        ("chai test", ScriptKind::Test, CHAI_TEST),
        ("legacy test", ScriptKind::Test, LEGACY_TEST),
        ("lodash+moment+crypto-js", ScriptKind::PreRequest, LIBRARIES),
    ];
    for reuse in [true, false] {
        for (name, kind, source) in cases {
            bench(c, name, reuse, kind, source);
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = scripts
}
criterion_main!(benches);
