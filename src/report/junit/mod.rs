//! The `junit` reporter: newman's JUnit XML (`--reporter-junit-export`).
//!
//! The structure is newman's (`lib/reporters/junit/index.js`): one `<testsuite>`
//! per request item, merging all its iterations, one `<testcase>` per distinct
//! assertion name, `<system-err>` with the request and script errors, the same
//! attributes, counts, times and failure text. What it keeps while the run goes
//! is a few counters per item and per assertion name, so memory depends on the
//! collection's size, not on the run's length; the file is written at `Done`,
//! atomically, without a final line break, as xmlbuilder ends it. Items without
//! an id get a derived one ([`ItemIds`]), and a failure's stack trace is
//! newman's one line (`at Object.eval sandbox-script.js:<index>:<position>)`),
//! not the script's.
//!
//! Where newman is wrong, this is not:
//! * newman resets an assertion's failures when a later iteration passes it, so
//!   a failure in iteration 1 vanishes from the testcase (but still counts in the
//!   suite's `failures`); here failures from every iteration are kept.
//! * `<system-err>` keeps the first [`MAX_ERROR_BLOCKS`] errored iterations of an
//!   item and then says how many more there were, instead of growing without end.
//! * Characters that XML cannot hold (control characters) are replaced with
//!   U+FFFD instead of aborting the report.
//! * Request errors and script errors are also `<testcase>`s with an `<error>`
//!   (newman writes them only into `<system-err>`, which CI dashboards do not
//!   show), counted in the suite's `tests`.
//! * A failure's text also says in which iteration it first happened and, for a
//!   failed comparison of objects, arrays or long strings, shows expected against
//!   actual as a diff.

mod class_name;
mod xml;

use super::diff;
use super::item_ids::ItemIds;
use super::ReportError;
use crate::collection::path_name;
use crate::output::{write_atomic, Masker};
use crate::runner::events::{Event, Execution, ListenerError, RunListener, Summary};
use crate::script::{AssertionError, AssertionResult, ScriptError, ScriptKind};
use class_name::class_name;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use xml::{attr, cdata};

/// Errored iterations kept per item in `<system-err>`.
pub const MAX_ERROR_BLOCKS: usize = 100;

/// Collects a run per item and writes newman's JUnit XML at `Done`.
pub struct JunitReporter {
    path: PathBuf,
    masker: Masker,
    collection_name: String,
    collection_id: String,
    suites: Vec<Suite>,
    index: HashMap<String, usize>,
    ids: ItemIds,
    /// Σ of every execution's response time (newman's `<testsuites time>`).
    total_time_ms: f64,
    done: bool,
}

struct Suite {
    name: String,
    id: String,
    /// Assertions in the item's last execution (newman's `tests`).
    tests_last: usize,
    failures: usize,
    errors: usize,
    executions: usize,
    time_sum_ms: f64,
    last_time_ms: f64,
    system_err: String,
    error_blocks: usize,
    cases: Vec<Case>,
    case_index: HashMap<String, usize>,
}

struct Case {
    name: String,
    /// `Some(type)` for a request or script error (an `<error>` case).
    error: Option<String>,
    failures: usize,
    first_message: String,
    first_stack: String,
    first_iteration: usize,
    first_diff: Vec<String>,
}

/// One failure of an execution, masked, ready to merge into its case.
struct Failed {
    message: String,
    stack: String,
    diff: Vec<String>,
}

/// One execution as the report needs it, from the run's events or from a JSON
/// report (`merge-reports`).
struct Record {
    /// The suite it belongs to: the item's id.
    item_id: String,
    suite_name: String,
    item_name: String,
    iteration: usize,
    position: usize,
    time_ms: f64,
    request_error: Option<String>,
    script_errors: Vec<ScriptFailure>,
    assertions: Vec<AssertionRecord>,
}

struct ScriptFailure {
    kind: ScriptKind,
    /// "collection", a folder name, or the request name.
    origin: String,
    name: String,
    /// The error as the run prints it (name, message and position).
    message: String,
    stack: String,
}

struct AssertionRecord {
    name: String,
    index: usize,
    failed: Option<AssertionFailed>,
}

struct AssertionFailed {
    name: String,
    message: String,
    diff: Vec<String>,
}

impl Record {
    fn of_execution(e: &Execution<'_>, ids: &ItemIds, masker: &Masker) -> Record {
        Record {
            item_id: ids.of(e.item, &e.parents),
            suite_name: full_name(e),
            item_name: e.item.name.clone(),
            iteration: e.cursor.iteration,
            position: e.cursor.position,
            time_ms: e.response.as_ref().map(|r| r.time_ms as f64).unwrap_or(0.0),
            request_error: e.request_error.as_ref().map(|err| err.to_string()),
            script_errors: e
                .scripts
                .iter()
                .filter_map(|s| {
                    let err = s.error.as_ref()?;
                    Some(ScriptFailure {
                        kind: s.kind,
                        origin: s.origin.clone(),
                        name: err.name.clone(),
                        message: err.to_string(),
                        stack: err.stack.clone().unwrap_or_else(|| err.to_string()),
                    })
                })
                .collect(),
            assertions: e
                .assertions
                .iter()
                .map(|a| AssertionRecord {
                    name: a.name.clone(),
                    index: a.index,
                    failed: (!a.passed && !a.skipped).then(|| {
                        let (name, message) = match &a.error {
                            Some(err) if !err.name.is_empty() => {
                                (err.name.clone(), err.message.clone())
                            }
                            Some(err) => ("AssertionError".into(), err.message.clone()),
                            None => ("AssertionError".into(), a.name.clone()),
                        };
                        AssertionFailed {
                            name,
                            message,
                            diff: diff::assertion_diff(a, masker)
                                .map(|d| diff::plain(&d))
                                .unwrap_or_default(),
                        }
                    }),
                })
                .collect(),
        }
    }

    /// An execution of a postie JSON report (`run.executions[]`); `names` gives
    /// each item id's "Folder / Request" name.
    fn of_json(e: &Value, names: &HashMap<String, String>) -> Record {
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let n = |v: &Value| v.as_u64().unwrap_or(0) as usize;
        let item_id = match e["item"]["id"].as_str() {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => text(&e["id"]),
        };
        let item_name = text(&e["item"]["name"]);
        let script_errors = [
            (ScriptKind::PreRequest, "prerequestScript"),
            (ScriptKind::Test, "testScript"),
        ]
        .into_iter()
        .flat_map(|(kind, key)| {
            e[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|s| s["error"].is_object())
                .map(move |s| {
                    let err = &s["error"];
                    let shown = ScriptError {
                        name: text(&err["name"]),
                        message: text(&err["message"]),
                        line: err["line"].as_u64().map(|l| l as u32),
                        column: err["column"].as_u64().map(|c| c as u32),
                        stack: None,
                    }
                    .to_string();
                    ScriptFailure {
                        kind,
                        origin: text(&s["origin"]),
                        name: text(&err["name"]),
                        stack: err["stack"]
                            .as_str()
                            .map_or_else(|| shown.clone(), str::to_string),
                        message: shown,
                    }
                })
        })
        .collect();
        let assertions = e["assertions"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, a)| {
                let err = &a["error"];
                let failed = err.is_object().then(|| {
                    let name = err["name"].as_str().filter(|n| !n.is_empty());
                    let result = AssertionResult {
                        name: text(&a["assertion"]),
                        index: n(&err["index"]),
                        passed: false,
                        skipped: false,
                        error: Some(AssertionError {
                            name: text(&err["name"]),
                            message: text(&err["message"]),
                            stack: None,
                            expected: err.get("expected").cloned(),
                            actual: err.get("actual").cloned(),
                        }),
                    };
                    AssertionFailed {
                        name: name.unwrap_or("AssertionError").to_string(),
                        message: text(&err["message"]),
                        diff: diff::assertion_diff(&result, &Masker::disabled())
                            .map(|d| diff::plain(&d))
                            .unwrap_or_default(),
                    }
                });
                AssertionRecord {
                    name: text(&a["assertion"]),
                    index: err["index"].as_u64().map_or(i, |x| x as usize),
                    failed,
                }
            })
            .collect();
        Record {
            suite_name: names
                .get(&item_id)
                .cloned()
                .unwrap_or_else(|| item_name.clone()),
            item_id,
            item_name,
            iteration: n(&e["cursor"]["iteration"]),
            position: n(&e["cursor"]["position"]),
            time_ms: e["response"]["responseTime"].as_f64().unwrap_or(0.0),
            request_error: e["requestError"]["message"].as_str().map(str::to_string),
            script_errors,
            assertions,
        }
    }
}

/// Writes the JUnit report of a postie JSON report (a run's, or the merge of
/// shards' reports): the same file the run would have written.
pub fn write_from_report(doc: &Value, summary: &Summary, path: &Path) -> Result<(), ReportError> {
    // The JSON report was masked when it was written.
    let mut r = JunitReporter::create(path, Masker::disabled())?;
    let collection = &doc["collection"];
    r.collection_name = collection["info"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    r.collection_id = match collection["info"]["_postman_id"].as_str() {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => ItemIds::collection_id_of_name(&r.collection_name),
    };
    let names = ItemIds::names_in_json(collection);
    // A handshake's round trips are entries of their own, of the execution
    // that follows them: that one counts.
    let executions = doc["run"]["executions"].as_array().into_iter().flatten();
    for e in executions.filter(|e| e["handshake"] != true) {
        r.record(Record::of_json(e, &names));
    }
    r.done = true;
    let xml = r.render(summary);
    write_atomic(path, &Masker::disabled(), &xml).map_err(|e| write_error(path, e))
}

impl JunitReporter {
    /// Checks that the report can be written to `path` (its folder is created);
    /// the file itself appears only at `Done`.
    pub fn create(path: &Path, masker: Masker) -> Result<Self, ReportError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir).map_err(|e| write_error(path, e))?;
        Ok(JunitReporter {
            path: path.to_path_buf(),
            masker,
            collection_name: String::new(),
            collection_id: String::new(),
            suites: Vec::new(),
            index: HashMap::new(),
            ids: ItemIds::default(),
            total_time_ms: 0.0,
            done: false,
        })
    }

    fn m(&self, text: &str) -> String {
        self.masker.mask(text).into_owned()
    }

    fn execution(&mut self, e: &Execution<'_>) {
        let record = Record::of_execution(e, &self.ids, &self.masker);
        self.record(record);
    }

    fn record(&mut self, r: Record) {
        let at = match self.index.get(&r.item_id) {
            Some(&i) => i,
            None => {
                self.suites.push(Suite {
                    name: self.m(&r.suite_name),
                    id: self.m(&r.item_id),
                    tests_last: 0,
                    failures: 0,
                    errors: 0,
                    executions: 0,
                    time_sum_ms: 0.0,
                    last_time_ms: 0.0,
                    system_err: String::new(),
                    error_blocks: 0,
                    cases: Vec::new(),
                    case_index: HashMap::new(),
                });
                self.index.insert(r.item_id.clone(), self.suites.len() - 1);
                self.suites.len() - 1
            }
        };

        // Errors, as newman writes them: the request error, then test-script and
        // pre-request-script errors, each block ending in "---".
        let mut msg = format!("Iteration: {}\n", r.iteration);
        let mut errored = 0;
        if let Some(err) = &r.request_error {
            errored += 1;
            let _ = writeln!(msg, "RequestError: {}", self.m(err));
        }
        msg.push_str("\n---\n");
        for (kind, prop) in [
            (ScriptKind::Test, "testScript"),
            (ScriptKind::PreRequest, "prerequestScript"),
        ] {
            for f in r.script_errors.iter().filter(|f| f.kind == kind) {
                errored += 1;
                let _ = write!(msg, "{prop}Error: {}\n---\n", self.m(&f.stack));
            }
        }

        self.total_time_ms += r.time_ms;
        // Cases in order: errors before the request, the request's error, the
        // assertions, errors after them.
        let mut cases: Vec<(String, Option<String>, Option<Failed>)> = Vec::new();
        let script_cases = |kind: ScriptKind, cases: &mut Vec<_>| {
            for f in r.script_errors.iter().filter(|f| f.kind == kind) {
                let whose = if f.origin.is_empty() || f.origin == r.item_name {
                    String::new()
                } else {
                    format!(" ({})", f.origin)
                };
                cases.push((
                    self.m(&format!("{} error{whose}", kind.label())),
                    Some(self.m(&f.name)),
                    Some(Failed {
                        message: self.m(&f.message),
                        stack: self.m(&f.stack),
                        diff: Vec::new(),
                    }),
                ));
            }
        };
        script_cases(ScriptKind::PreRequest, &mut cases);
        if let Some(err) = &r.request_error {
            let message = self.m(err);
            cases.push((
                "request error".into(),
                Some("RequestError".into()),
                Some(Failed {
                    stack: format!("RequestError: {message}"),
                    message,
                    diff: Vec::new(),
                }),
            ));
        }
        for a in &r.assertions {
            let failure = a.failed.as_ref().map(|f| Failed {
                message: self.m(&f.message),
                stack: self.m(&newman_stack(&f.name, &f.message, a.index, r.position)),
                diff: f.diff.clone(),
            });
            cases.push((self.m(&a.name), None, failure));
        }
        script_cases(ScriptKind::Test, &mut cases);

        let suite = &mut self.suites[at];
        suite.executions += 1;
        suite.time_sum_ms += r.time_ms;
        suite.last_time_ms = r.time_ms;
        suite.tests_last = r.assertions.len();
        suite.errors += errored;
        if errored > 0 {
            if suite.error_blocks < MAX_ERROR_BLOCKS {
                suite.system_err.push_str(&msg);
            }
            suite.error_blocks += 1;
        }
        for (name, error, failure) in cases {
            // Errors and assertions never share a case, whatever their names.
            let key = match &error {
                Some(_) => format!("error:{name}"),
                None => format!("assertion:{name}"),
            };
            let ci = match suite.case_index.get(&key) {
                Some(&i) => i,
                None => {
                    suite.cases.push(Case {
                        name,
                        error: error.clone(),
                        failures: 0,
                        first_message: String::new(),
                        first_stack: String::new(),
                        first_iteration: 0,
                        first_diff: Vec::new(),
                    });
                    suite.case_index.insert(key, suite.cases.len() - 1);
                    suite.cases.len() - 1
                }
            };
            if let Some(f) = failure {
                if error.is_none() {
                    suite.failures += 1;
                }
                let case = &mut suite.cases[ci];
                if case.failures == 0 {
                    case.first_message = f.message;
                    case.first_stack = f.stack;
                    case.first_diff = f.diff;
                    case.first_iteration = r.iteration;
                }
                case.failures += 1;
            }
        }
    }

    fn render(&self, s: &Summary) -> String {
        let timestamp = chrono::DateTime::from_timestamp_millis(s.timings.started)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
            .to_string();
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = write!(
            x,
            "<testsuites name=\"{}\" tests=\"{}\" time=\"{}\"",
            attr(&self.collection_name),
            s.stats.tests.total,
            seconds(self.total_time_ms)
        );
        // xmlbuilder ends the document without a line break.
        if self.suites.is_empty() && s.interrupted.is_none() {
            x.push_str("/>");
            return x;
        }
        x.push_str(">\n");
        for suite in &self.suites {
            let mean = if suite.executions == 0 {
                0.0
            } else {
                suite.time_sum_ms / suite.executions as f64
            };
            let _ = write!(
                x,
                "  <testsuite name=\"{}\" id=\"{}\" timestamp=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{}\"",
                attr(&suite.name),
                attr(&suite.id),
                timestamp,
                suite.tests_last + suite.cases.iter().filter(|c| c.error.is_some()).count(),
                suite.failures,
                suite.errors,
                seconds(mean)
            );
            if suite.cases.is_empty() && suite.system_err.is_empty() {
                x.push_str("/>\n");
                continue;
            }
            x.push_str(">\n");
            if !suite.system_err.is_empty() {
                let mut text = suite.system_err.clone();
                if suite.error_blocks > MAX_ERROR_BLOCKS {
                    let _ = writeln!(
                        text,
                        "... and {} more errored iterations",
                        suite.error_blocks - MAX_ERROR_BLOCKS
                    );
                }
                let _ = writeln!(x, "    <system-err>{}</system-err>", cdata(&text));
            }
            let classname = class_name(&suite.name);
            let case_time = seconds(suite.last_time_ms);
            for case in &suite.cases {
                let _ = write!(
                    x,
                    "    <testcase name=\"{}\" time=\"{}\" classname=\"{}\"",
                    attr(&case.name),
                    case_time,
                    attr(&classname)
                );
                if case.failures == 0 {
                    x.push_str("/>\n");
                    continue;
                }
                x.push_str(">\n");
                let (element, kind, verb) = match &case.error {
                    Some(kind) => ("error", kind.as_str(), "Errored"),
                    None => ("failure", "AssertionFailure", "Failed"),
                };
                let _ = writeln!(
                    x,
                    "      <{element} type=\"{}\" message=\"{}\">",
                    attr(kind),
                    attr(&case.first_message)
                );
                let mut lines = vec![
                    format!("{verb} {} times.", case.failures),
                    format!("Collection JSON ID: {}.", self.collection_id),
                    format!("Collection name: {}.", self.collection_name),
                    format!("Request name: {}.", suite.name),
                    format!("Test description: {}.", case.name),
                    format!("Error message: {}.", case.first_message),
                    format!("Stacktrace: {}.", case.first_stack),
                    format!("First in iteration: {}.", case.first_iteration + 1),
                ];
                if !case.first_diff.is_empty() {
                    lines.push(format!("Diff:\n{}", case.first_diff.join("\n")));
                }
                for line in lines {
                    let _ = writeln!(x, "        {}", cdata(&line));
                }
                let _ = writeln!(x, "      </{element}>\n    </testcase>");
            }
            x.push_str("  </testsuite>\n");
        }
        if let (Some(cause), Some(error)) = (s.interrupted, &s.error) {
            // An interrupted run must not read as a passed one: one errored
            // suite, in newman's shape for errors (`errors` and `system-err`).
            let _ = writeln!(
                x,
                "  <testsuite name=\"{}\" id=\"\" timestamp=\"{}\" tests=\"0\" failures=\"0\" errors=\"1\" time=\"0.000\">",
                attr(&format!("{} (run {})", self.collection_name, interruption(cause))),
                timestamp
            );
            let _ = writeln!(
                x,
                "    <system-err>{}</system-err>",
                cdata(&format!("{}\n", self.m(error)))
            );
            x.push_str("  </testsuite>\n");
        }
        x.push_str("</testsuites>");
        x
    }
}

impl RunListener for JunitReporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        Ok(self.handle(event)?)
    }
}

impl JunitReporter {
    fn handle(&mut self, event: &Event<'_>) -> Result<(), ReportError> {
        if self.done {
            return Ok(());
        }
        match event {
            Event::Start { collection, .. } => {
                self.collection_name = self.m(&collection.info.name);
                self.collection_id = self.m(&ItemIds::collection_id(collection));
                self.ids = ItemIds::new(collection);
                Ok(())
            }
            Event::Item(e) => {
                self.execution(e);
                Ok(())
            }
            Event::Secret(value) => {
                self.masker.add(value.to_string());
                Ok(())
            }
            Event::Done(s) => {
                self.done = true;
                let xml = self.render(s);
                // Everything in `xml` was masked value by value before escaping; a
                // text-level mask here could break the markup.
                write_atomic(&self.path, &Masker::default(), &xml)
                    .map_err(|e| write_error(&self.path, e))
            }
            _ => Ok(()),
        }
    }
}

/// How the interrupted-run suite is named.
fn interruption(cause: crate::interrupt::Cause) -> &'static str {
    match cause {
        crate::interrupt::Cause::Signal(_) => "interrupted",
        crate::interrupt::Cause::Deadline(_) => "timed out",
    }
}

fn write_error(path: &Path, source: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// "Folder / Sub / Request", with ids standing in for empty names as newman does.
fn full_name(e: &Execution<'_>) -> String {
    path_name(e.parents.iter().copied().chain([e.item]).map(|i| {
        if i.name.is_empty() {
            i.id.as_deref().unwrap_or_default()
        } else {
            i.name.as_str()
        }
    }))
}

/// An assertion's stack as newman reports it: not the script's, but one line
/// made of the assertion's index and the item's position (`lib/run/index.js`).
pub fn newman_stack(name: &str, message: &str, index: usize, position: usize) -> String {
    format!(
        "{name}: {message}\n   at Object.eval sandbox-script.js:{}:{})",
        index + 1,
        position + 1
    )
}

/// Milliseconds as seconds with three decimals (JavaScript's `toFixed(3)`).
fn seconds(ms: f64) -> String {
    format!("{:.3}", if ms.is_finite() { ms / 1000.0 } else { 0.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testutil::{self, SECRET};

    fn run_report(n: usize, masker: Masker) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out/junit.xml");
        let mut r = JunitReporter::create(&path, masker).unwrap();
        testutil::standard_run(&mut r, n).unwrap();
        std::fs::read_to_string(&path).unwrap()
    }

    /// Parses the XML with quick-xml, failing on anything malformed, and returns
    /// (element path, attributes) for each element plus all CDATA text.
    #[allow(clippy::type_complexity)]
    fn parse(xml: &str) -> (Vec<(String, Vec<(String, String)>)>, Vec<String>) {
        use quick_xml::events::{BytesStart, Event as X};
        fn record(
            e: &BytesStart<'_>,
            stack: &[String],
            elements: &mut Vec<(String, Vec<(String, String)>)>,
        ) -> String {
            let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
            let attrs = e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.unescape_value().unwrap().into_owned(),
                    )
                })
                .collect();
            let mut path = stack.to_vec();
            path.push(name.clone());
            elements.push((path.join("/"), attrs));
            name
        }
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack: Vec<String> = Vec::new();
        let mut elements = Vec::new();
        let mut cdata = Vec::new();
        loop {
            match reader.read_event().expect("well-formed XML") {
                X::Start(e) => {
                    let name = record(&e, &stack, &mut elements);
                    stack.push(name);
                }
                X::Empty(e) => {
                    record(&e, &stack, &mut elements);
                }
                X::End(_) => {
                    stack.pop();
                }
                X::CData(t) => cdata.push(String::from_utf8(t.into_inner().to_vec()).unwrap()),
                X::Eof => break,
                _ => {}
            }
        }
        assert!(stack.is_empty());
        (elements, cdata)
    }

    const EXPECTED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="Demo API" tests="4" time="0.220">
  <testsuite name="Users / Admin / Get user" id="req-1" timestamp="2023-11-14T22:13:20.000Z" tests="3" failures="2" errors="0" time="0.110">
    <testcase name="Status code is 200" time="0.120" classname="UsersAdminGetUser"/>
    <testcase name="Body has name" time="0.120" classname="UsersAdminGetUser">
      <failure type="AssertionFailure" message="expected 'tok-S3CR3T-9f8e7d' to equal 'Ann'">
        <![CDATA[Failed 2 times.]]>
        <![CDATA[Collection JSON ID: col-1.]]>
        <![CDATA[Collection name: Demo API.]]>
        <![CDATA[Request name: Users / Admin / Get user.]]>
        <![CDATA[Test description: Body has name.]]>
        <![CDATA[Error message: expected 'tok-S3CR3T-9f8e7d' to equal 'Ann'.]]>
        <![CDATA[Stacktrace: AssertionError: expected 'tok-S3CR3T-9f8e7d' to equal 'Ann'
   at Object.eval sandbox-script.js:2:1).]]>
        <![CDATA[First in iteration: 1.]]>
      </failure>
    </testcase>
    <testcase name="Later" time="0.120" classname="UsersAdminGetUser"/>
  </testsuite>
  <testsuite name="Health" id="req-2" timestamp="2023-11-14T22:13:20.000Z" tests="2" failures="0" errors="4" time="0.000">
    <system-err><![CDATA[Iteration: 0
RequestError: connect ECONNREFUSED 127.0.0.1:9

---
testScriptError: TypeError: Cannot read properties of undefined (reading 'tok-S3CR3T-9f8e7d') (line 1:10)
---
Iteration: 1
RequestError: connect ECONNREFUSED 127.0.0.1:9

---
testScriptError: TypeError: Cannot read properties of undefined (reading 'tok-S3CR3T-9f8e7d') (line 1:10)
---
]]></system-err>
    <testcase name="request error" time="0.000" classname="Health">
      <error type="RequestError" message="connect ECONNREFUSED 127.0.0.1:9">
        <![CDATA[Errored 2 times.]]>
        <![CDATA[Collection JSON ID: col-1.]]>
        <![CDATA[Collection name: Demo API.]]>
        <![CDATA[Request name: Health.]]>
        <![CDATA[Test description: request error.]]>
        <![CDATA[Error message: connect ECONNREFUSED 127.0.0.1:9.]]>
        <![CDATA[Stacktrace: RequestError: connect ECONNREFUSED 127.0.0.1:9.]]>
        <![CDATA[First in iteration: 1.]]>
      </error>
    </testcase>
    <testcase name="test script error" time="0.000" classname="Health">
      <error type="TypeError" message="TypeError: Cannot read properties of undefined (reading 'tok-S3CR3T-9f8e7d') (line 1:10)">
        <![CDATA[Errored 2 times.]]>
        <![CDATA[Collection JSON ID: col-1.]]>
        <![CDATA[Collection name: Demo API.]]>
        <![CDATA[Request name: Health.]]>
        <![CDATA[Test description: test script error.]]>
        <![CDATA[Error message: TypeError: Cannot read properties of undefined (reading 'tok-S3CR3T-9f8e7d') (line 1:10).]]>
        <![CDATA[Stacktrace: TypeError: Cannot read properties of undefined (reading 'tok-S3CR3T-9f8e7d') (line 1:10).]]>
        <![CDATA[First in iteration: 1.]]>
      </error>
    </testcase>
  </testsuite>
</testsuites>"#;

    #[test]
    fn matches_newmans_structure() {
        let xml = run_report(2, Masker::default());
        assert_eq!(xml, EXPECTED);
        let (elements, cdata) = parse(&xml);
        let names: Vec<&str> = elements.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names[0], "testsuites");
        assert_eq!(
            names
                .iter()
                .filter(|p| **p == "testsuites/testsuite")
                .count(),
            2
        );
        assert_eq!(cdata.len(), 8 + 8 * 2 + 1);
    }

    #[test]
    fn secrets_never_reach_the_report() {
        let xml = run_report(2, testutil::masker());
        assert!(!xml.contains(SECRET));
        assert!(xml.contains("message=\"expected '********' to equal 'Ann'\""));
    }

    #[test]
    fn escapes_attributes_and_cdata() {
        let mut c = testutil::collection();
        c.info.name = "A & B <\"x\">\ttab\nnl".into();
        c.item[1].name = "a]]>b \u{1} c".into();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.xml");
        let mut r = JunitReporter::create(&path, Masker::new(vec!["p&ss<w]]>rd".into()])).unwrap();
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        let (item, parents) = testutil::health(&c);
        let mut e = testutil::execution(item, parents, testutil::cursor(0, 1, 0, 1));
        e.assertions = vec![testutil::fail(
            "needs ]]> & \"quotes\"",
            0,
            "got p&ss<w]]>rd and ]]> too",
        )];
        r.event(&Event::Item(&e)).unwrap();
        r.event(&Event::Done(&testutil::summary(0))).unwrap();
        let xml = std::fs::read_to_string(&path).unwrap();
        assert!(!xml.contains("p&ss<w]]>rd"));
        assert!(xml.contains("name=\"A &amp; B &lt;&quot;x&quot;&gt;&#x9;tab&#xA;nl\""));
        assert!(xml.contains("<![CDATA[Test description: needs ]]]]><![CDATA[> & \"quotes\".]]>"));
        let (elements, cdata) = parse(&xml);
        assert_eq!(
            elements[0].1[0],
            ("name".into(), "A & B <\"x\">\ttab\nnl".into())
        );
        let suite = elements
            .iter()
            .find(|(p, _)| p == "testsuites/testsuite")
            .unwrap();
        assert_eq!(suite.1[0].1, "a]]>b \u{FFFD} c");
        let case = elements
            .iter()
            .find(|(p, _)| p == "testsuites/testsuite/testcase")
            .unwrap();
        assert_eq!(case.1[0].1, "needs ]]> & \"quotes\"");
        assert_eq!(case.1[2].1, "ABC");
        let failure = elements
            .iter()
            .find(|(p, _)| p.ends_with("failure"))
            .unwrap();
        assert_eq!(
            failure.1[1],
            ("message".into(), "got ******** and ]]> too".into())
        );
        // Split CDATA sections join back to the original text.
        let joined = cdata.concat();
        assert!(joined.contains("Test description: needs ]]> & \"quotes\"."));
    }

    #[test]
    fn empty_run_gives_an_empty_testsuites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.xml");
        let mut r = JunitReporter::create(&path, Masker::default()).unwrap();
        r.event(&Event::Done(&testutil::summary(0))).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"\" tests=\"0\" time=\"0.000\"/>"
        );
    }

    #[test]
    fn failures_in_early_iterations_are_kept_and_errors_capped() {
        let c = testutil::collection();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.xml");
        let mut r = JunitReporter::create(&path, Masker::default()).unwrap();
        r.event(&Event::Start {
            collection: &c,
            iterations: 1,
            mock_base: None,
        })
        .unwrap();
        let (item, parents) = testutil::get_user(&c);
        let runs = MAX_ERROR_BLOCKS + 5;
        for i in 0..runs {
            let mut e = testutil::execution(item, parents.clone(), testutil::cursor(i, runs, 0, 1));
            e.assertions = vec![if i == 0 {
                testutil::fail("flaky", 0, "first failure")
            } else {
                testutil::pass("flaky", 0)
            }];
            e.request_error = Some(
                crate::http::Fault::Timeout {
                    peer: "127.0.0.1:9".into(),
                    ms: 10,
                    progress: None,
                }
                .into(),
            );
            r.event(&Event::Item(&e)).unwrap();
        }
        r.event(&Event::Done(&testutil::summary(0))).unwrap();
        let xml = std::fs::read_to_string(&path).unwrap();
        assert!(xml.contains("failures=\"1\" errors=\"105\""));
        assert!(xml.contains("<![CDATA[Failed 1 times.]]>"));
        assert!(xml.contains("message=\"first failure\""));
        assert_eq!(xml.matches("Iteration: ").count(), MAX_ERROR_BLOCKS);
        assert!(xml.contains("... and 5 more errored iterations\n]]></system-err>"));
        parse(&xml);
    }
}
