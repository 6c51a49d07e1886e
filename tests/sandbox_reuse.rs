//! One context reused across runs (`Sandbox::reuse_context`): same results as
//! fresh contexts, newman's sharing of prototypes and modules, and recovery
//! after a run that broke its context.

mod sandbox_support;

use postie::script::{Sandbox, SandboxOptions, ScriptKind, ScriptOutcome};
use sandbox_support::*;
use std::time::Duration;

fn reusing(timeout_ms: Option<u64>, memory: usize) -> Sandbox {
    let mut sb = Sandbox::new(SandboxOptions {
        timeout: timeout_ms.map(Duration::from_millis),
        memory_limit: memory,
    });
    sb.reuse_context(true);
    sb
}

const SCRIPTS: &[(ScriptKind, &str)] = &[
    (
        ScriptKind::PreRequest,
        "pm.request.headers.add({key: 'X-A', value: '1'}); pm.environment.set('p', 1); console.log('pre', pm.info.eventName);",
    ),
    (
        ScriptKind::Test,
        "pm.test('status', function () { pm.response.to.have.status(200); }); pm.test('bad', function () { pm.expect(1).to.equal(2); });",
    ),
    (
        ScriptKind::Test,
        "tests['legacy'] = responseCode.code === 200; console.log({a: [1, 2]}, typeof _ );",
    ),
    (
        ScriptKind::Test,
        "setTimeout(function () { pm.test('late', function () {}); }, 2); pm.execution.setNextRequest('x');",
    ),
    (ScriptKind::Test, "throw new Error('boom');"),
    (
        ScriptKind::PreRequest,
        "pm.execution.skipRequest(); console.log(typeof tests, typeof pm.response);",
    ),
    (
        ScriptKind::Test,
        "console.log(typeof leaked, typeof tests, JSON.stringify(pm.variables.toObject()));",
    ),
];

fn strip(o: &ScriptOutcome) -> ScriptOutcome {
    let mut o = o.clone();
    for a in &mut o.assertions {
        if let Some(e) = &mut a.error {
            e.stack = None;
        }
    }
    if let Some(e) = &mut o.error {
        e.stack = None;
    }
    o
}

#[test]
fn same_results_as_fresh_contexts() {
    let mut fresh = Sandbox::new(SandboxOptions::default());
    let mut reused = reusing(None, 256 << 20);
    for round in 0..3 {
        for (kind, src) in SCRIPTS {
            let a = run_in(&mut fresh, *kind, src, FakeHost::default());
            let b = run_in(&mut reused, *kind, src, FakeHost::default());
            assert_eq!(strip(&a.outcome), strip(&b.outcome), "round {round}: {src}");
            assert_eq!(a.scopes, b.scopes, "{src}");
            assert_eq!(
                serde_json::to_value(&a.request).unwrap(),
                serde_json::to_value(&b.request).unwrap()
            );
        }
    }
}

#[test]
fn globals_go_but_prototypes_and_modules_stay_like_newman() {
    let mut sb = reusing(None, 256 << 20);
    let r = run_in(
        &mut sb,
        ScriptKind::Test,
        "leaked = 1; globalThis.JSON = null; Object.prototype.helper = function () { return 'shared'; };\
         require('lodash').fromEarlier = 'kept';",
        FakeHost::default(),
    );
    assert_eq!(r.error(), "");
    let r = run_in(
        &mut sb,
        ScriptKind::Test,
        "console.log(typeof leaked, typeof JSON.parse, ({}).helper(), require('lodash').fromEarlier);",
        FakeHost::default(),
    );
    assert_eq!(r.console(), vec!["undefined function shared kept"]);
}

#[test]
fn a_timed_out_context_is_replaced() {
    let mut sb = reusing(Some(100), 64 << 20);
    let r = run_in(
        &mut sb,
        ScriptKind::Test,
        "Object.prototype.mark = 1; while (true) {}",
        FakeHost::default(),
    );
    assert_eq!(r.outcome.error.as_ref().unwrap().name, "TimeoutError");
    let r = run_in(
        &mut sb,
        ScriptKind::Test,
        "pm.test('fresh', function () { pm.expect(({}).mark).to.be.undefined; });",
        FakeHost::default(),
    );
    assert_eq!(r.error(), "");
    assert_eq!(r.passed(), 1);
}

#[test]
fn memory_stays_bounded_over_many_runs() {
    let mut sb = reusing(Some(10_000), 24 << 20);
    for i in 0..400 {
        let r = run_in(
            &mut sb,
            ScriptKind::Test,
            "var rows = []; for (var i = 0; i < 3000; i++) rows.push({ i: i, s: 'row' + i });\
             var c = {}; c.self = c; holder = rows;\
             pm.test('t', function () { pm.expect(rows).to.have.lengthOf(3000); });",
            FakeHost::default(),
        );
        assert_eq!(r.error(), "", "run {i}");
    }
    let r = run_in(
        &mut sb,
        ScriptKind::Test,
        "var a = []; while (true) a.push(new Array(100000).fill(1));",
        FakeHost::default(),
    );
    assert_eq!(r.outcome.error.as_ref().unwrap().name, "MemoryError");
    let r = run_in(
        &mut sb,
        ScriptKind::Test,
        "pm.test('ok', function () {});",
        FakeHost::default(),
    );
    assert_eq!(r.passed(), 1);
}
