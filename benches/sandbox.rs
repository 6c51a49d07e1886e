//! Per-script overhead of the sandbox: `cargo bench --bench sandbox`.
//!
//! Each case runs one script through `Sandbox::run`, with one context kept for
//! the whole run (`reused`, what `postie run` does) and with a fresh QuickJS
//! context per script (`fresh`, `--isolate-scripts`). Criterion's figure is the
//! time per script run. `cargo bench --bench sandbox -- reused` runs a subset.
//!
//! `POSTIE_BENCH_CLOCK=cpu` measures the benchmark thread's CPU time instead of
//! wall time: on a machine busy with other work, wall time counts the waits
//! for a core too. `POSTIE_BENCH_PARTS=1` adds cases that each do one piece of
//! the typical test, to see where its time goes. `POSTIE_BENCH_SCRIPT=<source>`
//! adds a case (`reused/script`) that runs that test script, for a piece not
//! among the parts. `POSTIE_BENCH_RESPONSE_HEADERS=<n>` gives the response `n`
//! headers (default 1, its content type), as a real server sends 4 to 10.

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::Criterion;
use criterion::Throughput;
use postie::collection::Request;
use postie::http::HttpResponse;
use postie::script::{Offline, Sandbox, SandboxOptions, ScriptInfo, ScriptKind, ScriptRun};
use postie::vars::{Scopes, VariableScope};
use std::time::Duration;

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
fn bench<M: Measurement + 'static>(
    c: &mut Criterion<M>,
    name: &str,
    reuse: bool,
    kind: ScriptKind,
    source: &str,
) {
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
        headers: response_headers(),
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
                host: &mut Offline,
            });
            assert!(outcome.error.is_none(), "{name}: {:?}", outcome.error);
            assert!(outcome.assertions.iter().all(|a| a.passed), "{name}");
            outcome
        })
    });
}

/// The response's headers: its content type, then what servers commonly send.
fn response_headers() -> Vec<(String, String)> {
    const MORE: [(&str, &str); 11] = [
        ("Date", "Sun, 06 Dec 2026 05:30:00 GMT"),
        ("Content-Length", "38"),
        ("Connection", "keep-alive"),
        ("Server", "nginx/1.25.3"),
        ("Cache-Control", "no-cache, no-store, must-revalidate"),
        ("ETag", "W/\"26-abcdef0123456789\""),
        ("X-Request-Id", "5f0c2a3e-8a1b-4c2d-9e3f-0a1b2c3d4e5f"),
        ("Vary", "Accept-Encoding"),
        ("Strict-Transport-Security", "max-age=31536000"),
        ("X-Content-Type-Options", "nosniff"),
        ("Access-Control-Allow-Origin", "*"),
    ];
    let n: usize = std::env::var("POSTIE_BENCH_RESPONSE_HEADERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    std::iter::once(("Content-Type", "application/json"))
        .chain(MORE.iter().copied().cycle())
        .take(n)
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn scripts<M: Measurement + 'static>(c: &mut Criterion<M>) {
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

/// Parts of the typical test, one per case (`POSTIE_BENCH_PARTS=1`).
const PARTS: [(&str, &str); 8] = [
    ("part: pm.response", "pm.response;"),
    ("part: pm.response.json()", "pm.response.json();"),
    ("part: empty pm.test", "pm.test('t', function () {});"),
    ("part: pm.expect eql", "pm.expect(7).to.eql(7);"),
    ("part: to.have.status", "pm.response.to.have.status(200);"),
    ("part: pm.environment.set", "pm.environment.set('a', 7);"),
    ("part: global var", "var x = 1;"),
    ("part: console.log", "console.log('x');"),
];

fn parts<M: Measurement + 'static>(c: &mut Criterion<M>) {
    if std::env::var_os("POSTIE_BENCH_PARTS").is_some() {
        for (name, source) in PARTS {
            bench(c, name, true, ScriptKind::Test, source);
        }
    }
    if let Ok(source) = std::env::var("POSTIE_BENCH_SCRIPT") {
        bench(c, "script", true, ScriptKind::Test, &source);
    }
}

/// The calling thread's CPU time.
struct ThreadCpu;

fn thread_cpu_ns() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to fill in.
    let r = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(r, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

impl Measurement for ThreadCpu {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if typical < 1e3 {
            (1.0, "ns cpu")
        } else if typical < 1e6 {
            (1e-3, "µs cpu")
        } else {
            (1e-6, "ms cpu")
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }
    fn scale_throughputs(&self, _: f64, _: &Throughput, values: &mut [f64]) -> &'static str {
        values.iter_mut().for_each(|v| *v = 1e9 / *v);
        "runs/s"
    }
    fn scale_for_machines(&self, _: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn config<M: Measurement + 'static>(c: Criterion<M>) -> Criterion<M> {
    c.sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

fn main() {
    if std::env::var("POSTIE_BENCH_CLOCK").as_deref() == Ok("cpu") {
        let mut c = config(Criterion::default().with_measurement(ThreadCpu));
        parts(&mut c);
        scripts(&mut c);
        c.final_summary();
    } else {
        let mut c = config(Criterion::default());
        parts(&mut c);
        scripts(&mut c);
        c.final_summary();
    }
}
