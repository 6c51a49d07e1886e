//! newman's run statistics, as a tally fed one finished item at a time: what
//! counts as an iteration, an item, a script, a request, a test and an assertion,
//! which of them failed, the failures in the order newman lists them, and the
//! response times and sizes. Pure: no clock, no output.

use super::events::{Execution, Failure, Summary};
use super::timeline::Step;
use crate::http::RequestError;
use crate::script::ScriptKind;
use crate::vars::Scopes;

/// Executed/failed counts, as newman's summary table shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Count {
    pub total: usize,
    pub failed: usize,
    /// Started and not finished; newman's trackers end a run at 0.
    pub pending: usize,
}

/// newman's `run.stats`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub iterations: Count,
    /// Items run (never failed, as in newman).
    pub items: Count,
    /// Every script run (pre-request and test), failed when it threw.
    pub scripts: Count,
    /// Items whose pre-request phase ran (every item, scripts or not, as newman
    /// counts its `prerequest` event).
    pub prerequests: Count,
    /// Requests sent (a response or an error came back), each `pm.sendRequest`
    /// and each round trip of an auth handshake included as newman counts them; failed on a request error, including a
    /// request that could not be built and so was not sent.
    pub requests: Count,
    /// Items whose test phase ran: every item not skipped by
    /// `pm.execution.skipRequest()`, scripts or not, as newman counts its `test` event.
    pub tests: Count,
    /// Assertions, skipped ones included; failed when neither passed nor skipped.
    pub assertions: Count,
    pub test_scripts: Count,
    pub prerequest_scripts: Count,
}

/// Response-time statistics, kept as running sums.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timings {
    pub count: usize,
    pub sum_ms: f64,
    pub sum_sq_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    /// Run start and end, milliseconds since the Unix epoch.
    pub started: i64,
    pub completed: i64,
}

impl Timings {
    pub fn add(&mut self, ms: f64) {
        if self.count == 0 || ms < self.min_ms {
            self.min_ms = ms;
        }
        if ms > self.max_ms {
            self.max_ms = ms;
        }
        self.count += 1;
        self.sum_ms += ms;
        self.sum_sq_ms += ms * ms;
    }

    pub fn average(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.sum_ms / self.count as f64
        }
    }

    pub fn std_dev(&self) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let mean = self.average();
        (self.sum_sq_ms / self.count as f64 - mean * mean)
            .max(0.0)
            .sqrt()
    }
}

/// A run's statistics so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub stats: Stats,
    pub timings: Timings,
    pub failures: Vec<Failure>,
    /// Bytes of response bodies received.
    pub response_total: u64,
}

impl Tally {
    /// An iteration starts (it counts even if the run stops inside it).
    pub fn iteration(&mut self) {
        self.stats.iterations.total += 1;
    }

    /// Counts a finished item and keeps its failures; returns how many of them
    /// stop a `--bail` run: all but those of `pm.sendRequest`, at which
    /// newman's `--bail` does not stop (a script may well handle them).
    pub fn item(&mut self, exec: &Execution<'_>) -> usize {
        let failures = failures_of(exec);
        let s = &mut self.stats;
        // newman never fails an item: its failures count under what failed in it.
        s.items.total += 1;
        s.prerequests.total += 1;
        if !exec.skipped {
            s.tests.total += 1;
        }
        for (kind, per_kind) in [
            (ScriptKind::PreRequest, &mut s.prerequest_scripts),
            (ScriptKind::Test, &mut s.test_scripts),
        ] {
            for script in exec.scripts.iter().filter(|r| r.kind == kind) {
                per_kind.total += 1;
                s.scripts.total += 1;
                if script.error.is_some() {
                    per_kind.failed += 1;
                    s.scripts.failed += 1;
                }
            }
        }
        if exec.request_sent() {
            s.requests.total += 1;
        }
        s.requests.total += exec.handshake.len();
        if exec.request_error.is_some() {
            s.requests.failed += 1;
        }
        for sent in &exec.sent {
            s.requests.total += 1;
            if sent.error.is_some() {
                s.requests.failed += 1;
            }
        }
        for a in &exec.assertions {
            s.assertions.total += 1;
            if !a.passed && !a.skipped {
                s.assertions.failed += 1;
            }
        }
        // newman's response times and transfer total take in every request,
        // pm.sendRequest's too, in the order they were made.
        let (before, after): (Vec<_>, Vec<_>) = exec
            .sent
            .iter()
            .partition(|s| s.kind == ScriptKind::PreRequest);
        let responses = before
            .iter()
            .filter_map(|s| s.response.as_ref())
            .chain(exec.handshake.iter().map(|h| &h.response))
            .chain(exec.response.as_ref())
            .chain(after.iter().filter_map(|s| s.response.as_ref()));
        for r in responses {
            self.timings.add(r.time_ms as f64);
            self.response_total += r.body_size() as u64;
        }
        let sent_errors = exec.sent.iter().filter(|s| s.error.is_some()).count();
        let added = failures.len();
        self.failures.extend(failures);
        added - sent_errors
    }

    /// The end of the run, with the scopes as it left them and why it stopped early, if it did.
    pub fn summary(self, scopes: Scopes, error: Option<String>) -> Summary {
        Summary {
            stats: self.stats,
            timings: self.timings,
            failures: self.failures,
            response_total: self.response_total,
            scopes,
            error,
            interrupted: None,
        }
    }
}

/// The failures of one item in the order they happened, as newman lists them:
/// for each phase (pre-request, then test), its failed assertions and the errors
/// of requests its scripts sent, in the order of [`Execution::timeline`], then
/// its scripts' errors; the request's own error between the two phases.
pub fn failures_of(exec: &Execution<'_>) -> Vec<Failure> {
    let source = exec.path_name();
    let item_id = exec.item_id();
    let failure = |name: &str,
                   test: Option<String>,
                   message: String,
                   at: String,
                   index: Option<usize>,
                   stack: Option<String>| Failure {
        cursor: exec.cursor.clone(),
        source: source.clone(),
        item_id: item_id.clone(),
        name: name.to_string(),
        test,
        message,
        at,
        index,
        stack,
    };
    let script_failures = |kind: ScriptKind| {
        let label = match kind {
            ScriptKind::PreRequest => "prerequest-script",
            ScriptKind::Test => "test-script",
        };
        exec.scripts
            .iter()
            .filter(move |s| s.kind == kind)
            .filter_map(move |s| {
                let e = s.error.as_ref()?;
                let at = match (e.line, e.column) {
                    (Some(l), Some(c)) => format!("{label}:{l}:{c}"),
                    _ => label.to_string(),
                };
                // A script inherited from the collection or a folder says whose it is.
                let origin = if s.origin == exec.item.name {
                    String::new()
                } else {
                    format!(" (in the {} of {})", s.kind.label(), s.origin)
                };
                Some(failure(
                    &e.name,
                    None,
                    format!("{}{origin}", e.message),
                    at,
                    None,
                    e.stack.clone(),
                ))
            })
    };
    let request_failure = |e: &RequestError| {
        failure(
            "RequestError",
            None,
            e.to_string(),
            "request".into(),
            None,
            None,
        )
    };
    // In the order they happened, as newman lists them: each phase's failed
    // assertions and sent requests, then its scripts' errors; the request's own
    // error between the phases.
    let mut out: Vec<Failure> = Vec::new();
    for kind in [ScriptKind::PreRequest, ScriptKind::Test] {
        for step in exec.timeline(kind) {
            match step {
                Step::Sent(s) => out.extend(s.error.as_ref().map(request_failure)),
                Step::Assertion(i) => {
                    let a = &exec.assertions[i];
                    if a.passed || a.skipped {
                        continue;
                    }
                    let err = a.error.clone().unwrap_or_default();
                    let name = if err.name.is_empty() {
                        "AssertionError"
                    } else {
                        &err.name
                    };
                    // newman says `test-script` for a pre-request script's too.
                    out.push(failure(
                        name,
                        Some(a.name.clone()),
                        err.message,
                        format!("assertion:{} in test-script", a.index),
                        Some(a.index),
                        err.stack,
                    ));
                }
                Step::Console(_) => {}
            }
        }
        out.extend(script_failures(kind));
        if kind == ScriptKind::PreRequest {
            if let Some(e) = &exec.request_error {
                out.push(request_failure(e));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::Item;
    use crate::http::{HttpRequest, HttpResponse, RequestError};
    use crate::runner::events::ScriptRecord;
    use crate::script::{AssertionError, AssertionResult, ScriptError};

    fn item(name: &str) -> Item {
        Item {
            name: name.into(),
            id: Some(format!("id-{name}")),
            ..Default::default()
        }
    }

    fn script(kind: ScriptKind, origin: &str, error: Option<(&str, Option<u32>)>) -> ScriptRecord {
        ScriptRecord {
            kind,
            origin: origin.into(),
            error: error.map(|(message, line)| ScriptError {
                name: "Error".into(),
                message: message.into(),
                line,
                column: line.map(|_| 7),
                stack: None,
            }),
        }
    }

    fn assertion(name: &str, index: usize, passed: bool, skipped: bool) -> AssertionResult {
        AssertionResult {
            name: name.into(),
            index,
            passed,
            skipped,
            error: (!passed && !skipped).then(|| AssertionError {
                name: String::new(),
                message: format!("{name} failed"),
                ..Default::default()
            }),
        }
    }

    fn response(time_ms: u64, body: &str) -> HttpResponse {
        HttpResponse {
            code: 200,
            body: body.as_bytes().to_vec(),
            time_ms,
            ..Default::default()
        }
    }

    fn count(total: usize, failed: usize) -> Count {
        Count {
            total,
            failed,
            pending: 0,
        }
    }

    #[test]
    fn an_item_without_scripts_still_counts_its_script_phases() {
        let it = item("Empty");
        let mut t = Tally::default();
        assert_eq!(t.item(&Execution::new(&it, vec![], Default::default())), 0);
        // newman counts a `prerequest` and a `test` event per item, scripts or not.
        assert_eq!(
            t.stats,
            Stats {
                items: count(1, 0),
                prerequests: count(1, 0),
                tests: count(1, 0),
                ..Default::default()
            }
        );
        assert!(t.failures.is_empty());
        assert_eq!(t.timings.count, 0);
    }

    #[test]
    fn scripts_count_per_kind_and_items_that_ran_them() {
        let it = item("Get");
        let mut e = Execution::new(&it, vec![], Default::default());
        e.scripts = vec![
            script(ScriptKind::PreRequest, "API", None),
            script(ScriptKind::PreRequest, "Get", Some(("boom", Some(3)))),
            script(ScriptKind::Test, "Get", None),
        ];
        let mut t = Tally::default();
        assert_eq!(t.item(&e), 1);
        assert_eq!(t.stats.scripts, count(3, 1));
        assert_eq!(t.stats.prerequest_scripts, count(2, 1));
        assert_eq!(t.stats.test_scripts, count(1, 0));
        // One per item, never failed (as newman).
        assert_eq!(t.stats.prerequests, count(1, 0));
        assert_eq!(t.stats.tests, count(1, 0));
        assert_eq!(t.stats.items, count(1, 0));
    }

    #[test]
    fn requests_count_when_sent_and_fail_without_a_response() {
        let it = item("Get");
        let sent = || Some(HttpRequest::default());
        let mut t = Tally::default();

        let mut answered = Execution::new(&it, vec![], Default::default());
        answered.request = sent();
        answered.response = Some(response(30, "hello"));
        t.item(&answered);

        let mut refused = Execution::new(&it, vec![], Default::default());
        refused.request = sent();
        refused.request_error = Some(RequestError::ConnectionRefused("127.0.0.1:9".into()));
        t.item(&refused);

        // Skipped by the pre-request script: nothing sent, nothing counted.
        let mut skipped = Execution::new(&it, vec![], Default::default());
        skipped.skipped = true;
        t.item(&skipped);

        // Could not be built (a missing body file): failed, never sent.
        let mut unbuilt = Execution::new(&it, vec![], Default::default());
        unbuilt.request_error = Some(RequestError::File("body.bin: no such file".into()));
        t.item(&unbuilt);

        assert_eq!(t.stats.requests, count(2, 2));
        assert_eq!(t.stats.items, count(4, 0));
        // The skipped item reached no test phase.
        assert_eq!(t.stats.prerequests, count(4, 0));
        assert_eq!(t.stats.tests, count(3, 0));
        assert_eq!(t.timings.count, 1);
        assert_eq!(t.timings.average(), 30.0);
        assert_eq!(t.response_total, 5);
    }

    #[test]
    fn skipped_assertions_count_but_do_not_fail() {
        let it = item("Get");
        let mut e = Execution::new(&it, vec![], Default::default());
        e.assertions = vec![
            assertion("ok", 0, true, false),
            assertion("later", 1, false, true),
            assertion("bad", 2, false, false),
        ];
        let mut t = Tally::default();
        assert_eq!(t.item(&e), 1);
        assert_eq!(t.stats.assertions, count(3, 1));
        let f = &t.failures[0];
        assert_eq!(f.name, "AssertionError");
        assert_eq!(f.test.as_deref(), Some("bad"));
        assert_eq!(f.message, "bad failed");
        assert_eq!(f.at, "assertion:2 in test-script");
        assert_eq!(f.index, Some(2));
    }

    #[test]
    fn failures_come_in_the_order_they_happened() {
        let folder = item("Users");
        let it = item("Get");
        let mut e = Execution::new(&it, vec![&folder], Default::default());
        e.scripts = vec![
            script(ScriptKind::PreRequest, "Users", Some(("pre", Some(2)))),
            script(ScriptKind::Test, "Get", Some(("test", None))),
        ];
        e.request = Some(HttpRequest::default());
        e.request_error = Some(
            crate::http::Fault::Timeout {
                peer: "127.0.0.1:9".into(),
                ms: 100,
                progress: None,
            }
            .into(),
        );
        e.assertions = vec![assertion("bad", 0, false, false)];
        let failures = failures_of(&e);
        let seen: Vec<(&str, &str, &str)> = failures
            .iter()
            .map(|f| (f.name.as_str(), f.at.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "Error",
                    "prerequest-script:2:7",
                    "pre (in the pre-request script of Users)"
                ),
                (
                    "RequestError",
                    "request",
                    "ESOCKETTIMEDOUT: 127.0.0.1:9 sent no response for 100 ms (request timeout)"
                ),
                ("AssertionError", "assertion:0 in test-script", "bad failed"),
                ("Error", "test-script", "test"),
            ]
        );
        for f in &failures {
            assert_eq!(f.source, "Users / Get");
            assert_eq!(f.item_id, "id-Get");
        }
    }

    #[test]
    fn iterations_and_the_summary() {
        let mut t = Tally::default();
        t.iteration();
        t.iteration();
        t.timings.started = 10;
        t.timings.completed = 25;
        let s = t.summary(Scopes::default(), Some("stopped".into()));
        assert_eq!(s.stats.iterations, count(2, 0));
        assert_eq!((s.timings.started, s.timings.completed), (10, 25));
        assert_eq!(s.error.as_deref(), Some("stopped"));
    }

    #[test]
    fn response_times_average_and_spread() {
        let mut t = Timings::default();
        assert_eq!((t.average(), t.std_dev()), (0.0, 0.0));
        for ms in [100.0, 120.0, 80.0, 100.0] {
            t.add(ms);
        }
        assert_eq!(t.average(), 100.0);
        assert_eq!((t.min_ms, t.max_ms), (80.0, 120.0));
        assert!((t.std_dev() - 200f64.sqrt()).abs() < 1e-9);
    }
}
