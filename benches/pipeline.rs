//! The Rust side of a request, piece by piece: `cargo bench --bench pipeline`.
//!
//! - `substitute/…`: `Scopes::resolve` of a URL with three `{{variables}}`
//!   among 40 environment variables, of a JSON body with five, and of a text
//!   with none (what most headers are).
//! - `build/official collection`: every request of the project's collection
//!   (`collections/`) built as it would be sent (`request::build`: variables,
//!   auth, body, URL), with the project's environment; Criterion's figure is
//!   for the whole collection.
//! - `report/json`, `report/junit`: a reporter writing 1,000 executions (a
//!   request, its response, three assertions, one of them failed) to a file,
//!   from the run's start to its end; the figure is for the 1,000. The cases
//!   `…, one execution` write one: the report's file opened, synced and
//!   renamed into place, which the 1,000's figure includes once.
//!
//! The sandbox has its own bench (`benches/sandbox.rs`); a whole request
//! against a server is `benches/per_request.sh`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use postie::collection::select::request_items;
use postie::collection::{load::load_collection, Collection, Item};
use postie::http::{HttpRequest, HttpResponse};
use postie::output::Masker;
use postie::request::{build, BuildContext, FileAccess, RequestSettings};
use postie::runner::stats::{Stats, Timings};
use postie::runner::{Cursor, Event, Execution, RunListener, Summary};
use postie::script::{AssertionError, AssertionResult};
use postie::vars::{initial_scopes, Scopes, VariableScope};
use std::path::Path;

const COLLECTION: &str = "collections/forgerock-identity-cloud.postman_collection.json";
const ENVIRONMENT: &str = "environments/forgerock-identity-cloud.postman_environment.json";

fn forty_variables() -> Scopes {
    let mut scopes = Scopes::default();
    let mut env = VariableScope::default();
    for i in 0..37 {
        env.set(&format!("var{i}"), serde_json::json!(format!("value {i}")));
    }
    env.set("base", serde_json::json!("http://127.0.0.1:8080/api"));
    env.set(
        "userId",
        serde_json::json!("c4663ab8-1313-5290-9489-aca42b42d0db"),
    );
    env.set("token", serde_json::json!("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
    scopes.environment = env;
    scopes
}

fn substitute(c: &mut Criterion) {
    let scopes = forty_variables();
    let cases = [
        (
            "url",
            "{{base}}/users/{{userId}}?fields=name&_queryFilter={{var3}}",
        ),
        (
            "json body",
            r#"{"id": "{{userId}}", "name": "{{var1}}", "mail": "{{var2}}", "token": "{{token}}", "n": {{var36}}}"#,
        ),
        ("no variable", "application/json; charset=utf-8"),
    ];
    for (name, text) in cases {
        c.bench_function(&format!("substitute/{name}"), |b| {
            b.iter(|| {
                let r = scopes.resolve(std::hint::black_box(text));
                assert!(r.unresolved.is_empty(), "{name}: {:?}", r.unresolved);
                r
            })
        });
    }
}

fn build_collection(c: &mut Criterion) {
    let collection = load_collection(Path::new(COLLECTION))
        .expect("the project's collection loads")
        .collection;
    let scopes = initial_scopes(&collection, Some(Path::new(ENVIRONMENT)), None, &[], &[])
        .expect("the project's environment loads");
    let files = FileAccess::default();
    let settings = RequestSettings::default();
    let items = request_items(&collection);
    let mut group = c.benchmark_group("build");
    group.throughput(Throughput::Elements(items.len() as u64));
    group.bench_function("official collection", |b| {
        b.iter(|| {
            for entry in &items {
                let ctx = BuildContext {
                    collection: &collection,
                    parents: &entry.parents,
                    scopes: &scopes,
                    files: &files,
                    settings: &settings,
                };
                let request = entry.item.request.as_ref().expect("a request item");
                let built = build(request, entry.item, &ctx).expect("builds");
                std::hint::black_box(built);
            }
        })
    });
    group.finish();
}

/// A request item's execution as the runner hands it to the reporters.
fn execution<'a>(item: &'a Item, parents: Vec<&'a Item>, iteration: usize) -> Execution<'a> {
    let cursor = Cursor {
        iteration,
        iterations: EXECUTIONS,
        position: 0,
        length: 1,
        ref_id: format!("ref-{iteration}"),
    };
    let mut e = Execution::new(item, parents, cursor);
    e.request = Some(HttpRequest {
        method: "GET".into(),
        url: "http://127.0.0.1:8080/api/users/7?fields=name".into(),
        headers: vec![
            ("Accept".into(), "application/json".into()),
            (
                "Authorization".into(),
                "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln".into(),
            ),
            ("User-Agent".into(), "PostmanRuntime/7.39.1".into()),
        ],
        own_headers: vec!["Accept".into()],
        ..Default::default()
    });
    e.shown_url = Some("http://127.0.0.1:8080/api/users/7?fields=name".into());
    e.response = Some(HttpResponse {
        code: 200,
        status: "OK".into(),
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Content-Length".into(), "38".into()),
        ],
        body: br#"{"id":7,"name":"Ada","tags":["a","b"]}"#.to_vec(),
        time_ms: 3,
        url: "http://127.0.0.1:8080/api/users/7?fields=name".into(),
        cookies: vec![],
    });
    let passed = |name: &str, index| AssertionResult {
        name: name.into(),
        index,
        passed: true,
        skipped: false,
        error: None,
    };
    e.assertions = vec![
        passed("Status code is 200", 0),
        passed("Body has the user", 1),
        AssertionResult {
            error: Some(AssertionError {
                name: "AssertionError".into(),
                message: "expected 'Ada' to deeply equal 'Ann'".into(),
                ..Default::default()
            }),
            passed: false,
            ..passed("Name is Ann", 2)
        },
    ];
    e
}

const EXECUTIONS: usize = 1_000;

/// One run of `EXECUTIONS` executions of the collection's first request item
/// through `listener`, from `Start` to `Done`.
fn report_run(
    collection: &Collection,
    listener: &mut dyn RunListener,
    executions: &[Execution<'_>],
) {
    let start = Event::Start {
        collection,
        iterations: EXECUTIONS,
        mock_base: None,
    };
    listener.event(&start).expect("start");
    for e in executions {
        listener.event(&Event::Item(e)).expect("an execution");
    }
    let summary = Summary {
        stats: Stats::default(),
        timings: Timings::default(),
        failures: vec![],
        response_total: 38 * EXECUTIONS as u64,
        scopes: Scopes::default(),
        error: None,
        interrupted: None,
    };
    listener.event(&Event::Done(&summary)).expect("done");
}

fn reports(c: &mut Criterion) {
    let collection = load_collection(Path::new(COLLECTION))
        .expect("the project's collection loads")
        .collection;
    let first = request_items(&collection)
        .into_iter()
        .next()
        .expect("a request item");
    let executions: Vec<Execution<'_>> = (0..EXECUTIONS)
        .map(|i| execution(first.item, first.parents.clone(), i))
        .collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    let json = dir.path().join("report.json");
    let junit = dir.path().join("report.xml");
    // One execution: what opening, syncing and renaming the file costs, to
    // take from the 1,000's figure.
    for (name, n) in [("", EXECUTIONS), (", one execution", 1)] {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("json{name}"), |b| {
            b.iter(|| {
                let mut r = postie::report::JsonReporter::create(&json, Masker::default())
                    .expect("the report opens");
                report_run(&collection, &mut r, &executions[..n]);
            })
        });
        group.bench_function(format!("junit{name}"), |b| {
            b.iter(|| {
                let mut r = postie::report::JunitReporter::create(&junit, Masker::default())
                    .expect("the report opens");
                report_run(&collection, &mut r, &executions[..n]);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, substitute, build_collection, reports);
criterion_main!(benches);
