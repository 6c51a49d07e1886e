//! Running a collection: items depth-first in collection order, iterations over
//! data rows, scripts around each request, `setNextRequest` jumps, `--bail`.

use super::events::*;
use crate::collection::{Collection, DataRow, Item, Request};
use crate::http::{
    CookieData, HttpClient, HttpRequest, HttpResponse, RequestError, RequestSettings,
};
use crate::report::{ReportError, Reporter};
use crate::request::{self, BuildContext, FileAccess};
use crate::script::{
    Sandbox, SandboxOptions, ScriptHost, ScriptInfo, ScriptKind, ScriptOutcome, ScriptRun,
};
use crate::vars::{Scopes, VariableScope};
use std::time::{Duration, Instant};

/// How a run behaves: newman's `run` options.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// `-n`; defaults to the number of data rows, or 1.
    pub iterations: Option<usize>,
    /// `-d`: one row per iteration.
    pub data: Vec<DataRow>,
    /// `--folder`: folders or requests (by id or name) to run, in collection order.
    pub folders: Vec<String>,
    /// `--delay-request`: pause between items.
    pub delay: Duration,
    /// `--timeout`: the whole run.
    pub timeout: Option<Duration>,
    /// Defaults for every request (`--timeout-request`, `--ignore-redirects`, `-k`).
    pub settings: RequestSettings,
    /// `--bail` (stop after the first failure).
    pub bail: bool,
    pub files: FileAccess,
    /// `--strict-vars`: an unresolved variable fails the request instead of being sent literally.
    pub strict_vars: bool,
    pub sandbox: SandboxOptions,
    /// Base URL of the mock the run goes against (`--mock`), for reports.
    pub mock_base: Option<String>,
    /// A fresh JavaScript context for every script (`--isolate-scripts`), instead of
    /// one context for the run as newman keeps (where changes to built-in prototypes
    /// carry over from script to script).
    pub isolate_scripts: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("--folder '{0}': no folder or request of that name or id in the collection")]
    FolderNotFound(String),
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// A request item with the folders above it.
struct Entry<'c> {
    item: &'c Item,
    parents: Vec<&'c Item>,
}

/// The request items a run covers, in order.
fn select<'c>(collection: &'c Collection, folders: &[String]) -> Result<Vec<Entry<'c>>, RunError> {
    let mut all = Vec::new();
    crate::collection::walk_requests(&collection.item, &mut |item, parents| {
        all.push(Entry {
            item,
            parents: parents.to_vec(),
        })
    });
    if folders.is_empty() {
        return Ok(all);
    }
    // A --folder value names a folder (all requests below it) or a single request.
    let mut selected: Vec<Entry<'c>> = Vec::new();
    for wanted in folders {
        let matches = |i: &Item| i.id.as_deref() == Some(wanted.as_str()) || &i.name == wanted;
        let mut found = false;
        for e in &all {
            let under = e.parents.iter().any(|p| matches(p)) || matches(e.item);
            if under {
                found = true;
                if !selected.iter().any(|s| std::ptr::eq(s.item, e.item)) {
                    selected.push(Entry {
                        item: e.item,
                        parents: e.parents.clone(),
                    });
                }
            }
        }
        if !found {
            return Err(RunError::FolderNotFound(wanted.clone()));
        }
    }
    // Keep collection order whatever order the flags came in.
    selected.sort_by_key(|s| all.iter().position(|a| std::ptr::eq(a.item, s.item)));
    Ok(selected)
}

struct Host<'a> {
    client: &'a mut HttpClient,
    settings: &'a RequestSettings,
    files: &'a FileAccess,
}

impl ScriptHost for Host<'_> {
    fn send_request(&mut self, req: &Request) -> Result<HttpResponse, String> {
        // pm.sendRequest sends the request as given: no collection auth, no variables.
        let empty = Collection::default();
        let scopes = Scopes::default();
        let ctx = BuildContext {
            collection: &empty,
            parents: &[],
            scopes: &scopes,
            files: self.files,
            settings: self.settings,
        };
        let item = Item::default();
        let built = request::build(req, &item, &ctx).map_err(|e| e.to_string())?;
        self.client
            .send(&HttpRequest::from(&built.spec))
            .map_err(|e| e.to_string())
    }

    fn cookies(&self, url: &str) -> Vec<CookieData> {
        match url::Url::parse(url) {
            Ok(u) => self.client.jar.cookies_for(&u),
            Err(_) => Vec::new(),
        }
    }

    fn set_cookie(&mut self, url: &str, cookie: CookieData) -> Result<(), String> {
        let u = url::Url::parse(url).map_err(|e| format!("invalid URL '{url}': {e}"))?;
        self.client.jar.set(&u, &cookie)
    }

    fn unset_cookie(&mut self, url: &str, name: &str) {
        if let Ok(u) = url::Url::parse(url) {
            self.client.jar.unset(&u, name);
        }
    }

    fn clear_cookies(&mut self, url: &str) {
        if let Ok(u) = url::Url::parse(url) {
            self.client.jar.clear_for(&u);
        }
    }
}

/// Runs collections. Owns everything a run mutates (scopes, client, sandbox), so
/// a parallel worker can own one of its own.
pub struct Runner<'c> {
    pub collection: &'c Collection,
    pub scopes: Scopes,
    pub client: HttpClient,
    sandbox: Sandbox,
    options: RunOptions,
    stats: Stats,
    timings: Timings,
    failures: Vec<Failure>,
    response_total: u64,
}

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl<'c> Runner<'c> {
    pub fn new(
        collection: &'c Collection,
        scopes: Scopes,
        client: HttpClient,
        options: RunOptions,
    ) -> Self {
        let mut sandbox = Sandbox::new(options.sandbox.clone());
        sandbox.reuse_context(!options.isolate_scripts);
        Runner {
            collection,
            scopes,
            client,
            sandbox,
            options,
            stats: Stats::default(),
            timings: Timings::default(),
            failures: Vec::new(),
            response_total: 0,
        }
    }

    /// Runs the collection, telling every reporter what happens as it happens.
    pub fn run(
        mut self,
        reporters: &mut [Box<dyn Reporter + '_>],
    ) -> Result<(Summary, HttpClient), RunError> {
        let collection = self.collection;
        let entries = select(collection, &self.options.folders)?;
        let rows = self.options.data.len();
        let iterations = self.options.iterations.unwrap_or(rows.max(1)).max(1);
        let emit =
            |reporters: &mut [Box<dyn Reporter + '_>], e: &Event<'_>| -> Result<(), ReportError> {
                for r in reporters.iter_mut() {
                    r.event(e)?;
                }
                Ok(())
            };
        self.timings.started = chrono::Utc::now().timestamp_millis();
        let started = Instant::now();
        emit(
            reporters,
            &Event::Start {
                collection,
                iterations,
                mock_base: self.options.mock_base.as_deref(),
            },
        )?;
        if rows > 0 && iterations > rows {
            let w = Warning {
                message: format!(
                    "{iterations} iterations but only {rows} data rows: iterations {} to {iterations} reuse the last row",
                    rows + 1
                ),
            };
            emit(reporters, &Event::Warning(&w))?;
        }
        let mut run_error = None;
        // Secret-typed values already known; new ones are announced as they appear.
        let mut secrets: std::collections::HashSet<String> =
            self.scopes.secret_values().into_iter().collect();
        'run: for iteration in 0..iterations {
            if rows > 0 {
                self.scopes.data =
                    VariableScope::from_row(&self.options.data[iteration.min(rows - 1)]);
            }
            emit(
                reporters,
                &Event::BeforeIteration {
                    iteration,
                    iterations,
                },
            )?;
            self.stats.iterations.total += 1;
            let mut position = 0;
            while position < entries.len() {
                if let Some(limit) = self.options.timeout {
                    if started.elapsed() > limit {
                        run_error = Some(format!(
                            "the run timed out after {} ms (--timeout)",
                            limit.as_millis()
                        ));
                        break 'run;
                    }
                }
                if (position > 0 || iteration > 0) && !self.options.delay.is_zero() {
                    std::thread::sleep(self.options.delay);
                }
                let entry = &entries[position];
                let cursor = Cursor {
                    iteration,
                    iterations,
                    position,
                    length: entries.len(),
                    ref_id: uuid(),
                };
                emit(
                    reporters,
                    &Event::BeforeItem {
                        cursor: &cursor,
                        item: entry.item,
                        parents: &entry.parents,
                    },
                )?;
                let (execution, next) = self.execute(entry, cursor);
                for value in self.scopes.secret_values() {
                    if secrets.insert(value.clone()) {
                        emit(reporters, &Event::Secret(&value))?;
                    }
                }
                let failures_before = self.failures.len();
                self.record(&execution);
                emit(reporters, &Event::Item(&execution))?;
                drop(execution);
                if self.options.bail && self.failures.len() > failures_before {
                    run_error = Some("stopped after the first failure (--bail)".into());
                    break 'run;
                }
                match next {
                    None => position += 1,
                    // `null` or an unknown name ends the iteration, as in newman.
                    Some(None) => break,
                    Some(Some(target)) => {
                        let by_id = entries
                            .iter()
                            .position(|e| e.item.id.as_deref() == Some(target.as_str()));
                        let by_name = || entries.iter().rposition(|e| e.item.name == target);
                        match by_id.or_else(by_name) {
                            Some(p) => position = p,
                            None => break,
                        }
                    }
                }
            }
            emit(reporters, &Event::Iteration { iteration })?;
        }
        self.timings.completed = chrono::Utc::now().timestamp_millis();
        let summary = Summary {
            stats: self.stats.clone(),
            timings: self.timings.clone(),
            failures: std::mem::take(&mut self.failures),
            response_total: self.response_total,
            scopes: self.scopes.clone(),
            error: run_error,
        };
        emit(reporters, &Event::Done(&summary))?;
        Ok((summary, self.client))
    }

    /// Scripts of one kind that apply to an item: collection, folders, then the item.
    fn scripts(&self, entry: &Entry<'c>, kind: ScriptKind) -> Vec<(String, String)> {
        let listen = kind.listen();
        let mut out = Vec::new();
        if let Some(s) = crate::collection::script_of(&self.collection.event, listen) {
            out.push((self.collection.info.name.clone(), s.source()));
        }
        for p in &entry.parents {
            if let Some(s) = p.script(listen) {
                out.push((p.name.clone(), s.source()));
            }
        }
        if let Some(s) = entry.item.script(listen) {
            out.push((entry.item.name.clone(), s.source()));
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn run_script(
        &mut self,
        kind: ScriptKind,
        origin: &str,
        source: &str,
        info: &ScriptInfo,
        request: &mut Request,
        response: Option<&HttpResponse>,
    ) -> ScriptOutcome {
        let mut host = Host {
            client: &mut self.client,
            settings: &self.options.settings,
            files: &self.options.files,
        };
        self.sandbox.run(ScriptRun {
            kind,
            source,
            origin,
            info,
            scopes: &mut self.scopes,
            request,
            response,
            host: &mut host,
        })
    }

    fn execute<'e>(
        &mut self,
        entry: &'e Entry<'c>,
        cursor: Cursor,
    ) -> (Execution<'e>, Option<Option<String>>) {
        let item = entry.item;
        let mut request_model = item.request.clone().unwrap_or_default();
        let info = ScriptInfo {
            iteration: cursor.iteration,
            iteration_count: cursor.iterations,
            request_name: item.name.clone(),
            request_id: item.id.clone().unwrap_or_default(),
            location: std::iter::once(self.collection.info.name.clone())
                .chain(entry.parents.iter().map(|p| p.name.clone()))
                .chain(std::iter::once(item.name.clone()))
                .collect(),
        };
        let mut exec = Execution::new(item, entry.parents.clone(), cursor);
        let mut next = None;

        let pre = self.scripts(entry, ScriptKind::PreRequest);
        let mut skip = false;
        for (origin, source) in &pre {
            let outcome = self.run_script(
                ScriptKind::PreRequest,
                origin,
                source,
                &info,
                &mut request_model,
                None,
            );
            skip |= outcome.skip_request;
            absorb(
                &mut exec,
                &mut next,
                ScriptKind::PreRequest,
                origin,
                outcome,
            );
        }
        if skip {
            exec.skipped = true;
            return (exec, next);
        }

        let ctx = BuildContext {
            collection: self.collection,
            parents: &entry.parents,
            scopes: &self.scopes,
            files: &self.options.files,
            settings: &self.options.settings,
        };
        match request::build(&request_model, item, &ctx) {
            Err(e) => exec.request_error = Some(RequestError::File(e.to_string())),
            Ok(built) => {
                exec.unresolved = built.unresolved.clone();
                for n in &built.notes {
                    exec.console.push(crate::script::ConsoleEntry {
                        level: "warn".into(),
                        text: n.clone(),
                    });
                }
                if self.options.strict_vars && !built.unresolved.is_empty() {
                    let names: Vec<String> = built
                        .unresolved
                        .iter()
                        .map(|u| format!("{{{{{}}}}} in {}", u.name, u.part))
                        .collect();
                    exec.request_error = Some(RequestError::Other(format!(
                        "unresolved variables (--strict-vars): {}",
                        names.join(", ")
                    )));
                    exec.request = Some(HttpRequest::from(&built.spec));
                } else {
                    let wire = HttpRequest::from(&built.spec);
                    let result = self.send(&built, &wire);
                    exec.request = Some(wire);
                    match result {
                        Ok(r) => exec.response = Some(r),
                        Err(RequestError::InvalidUrl { url, reason }) => {
                            // Most invalid URLs are unresolved variables: say which.
                            let names: Vec<String> = exec
                                .unresolved
                                .iter()
                                .filter(|u| u.part == "url")
                                .map(|u| format!("{{{{{}}}}}", u.name))
                                .collect();
                            let reason = if names.is_empty() {
                                reason
                            } else {
                                format!("{reason}; unresolved: {}", names.join(", "))
                            };
                            exec.request_error = Some(RequestError::InvalidUrl { url, reason });
                        }
                        Err(e) => exec.request_error = Some(e),
                    }
                }
            }
        }

        let tests = self.scripts(entry, ScriptKind::Test);
        if !tests.is_empty() {
            let mut sent_model = match &exec.request {
                Some(r) => r.as_sent(&request_model),
                None => request_model.clone(),
            };
            let response = exec.response.clone();
            for (origin, source) in &tests {
                let outcome = self.run_script(
                    ScriptKind::Test,
                    origin,
                    source,
                    &info,
                    &mut sent_model,
                    response.as_ref(),
                );
                absorb(&mut exec, &mut next, ScriptKind::Test, origin, outcome);
            }
        }
        (exec, next)
    }

    /// Sends, answering a digest challenge when the auth asks for it.
    fn send(
        &mut self,
        built: &request::Built,
        wire: &HttpRequest,
    ) -> Result<HttpResponse, RequestError> {
        let first = self.client.send(wire)?;
        let Some((user, pass)) = &built.digest() else {
            return Ok(first);
        };
        if first.code != 401 {
            return Ok(first);
        }
        let Some(challenge) = first.header("www-authenticate").map(str::to_string) else {
            return Ok(first);
        };
        let url = crate::http::client::parse_url(&wire.url)?;
        let uri = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        let Some(answer) = request::auth::digest_answer(&challenge, &wire.method, &uri, user, pass)
        else {
            return Ok(first);
        };
        let mut again: HttpRequest = wire.clone();
        again
            .headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
        again.headers.push(("Authorization".into(), answer));
        let mut second = self.client.send(&again)?;
        second.time_ms += first.time_ms;
        Ok(second)
    }

    /// Counts an execution into the run's statistics and failures.
    fn record(&mut self, exec: &Execution<'_>) {
        self.stats.items.total += 1;
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
        let mut new_failures = Vec::new();
        let has_pre = exec
            .scripts
            .iter()
            .any(|s| s.kind == ScriptKind::PreRequest);
        let has_test = exec.scripts.iter().any(|s| s.kind == ScriptKind::Test);
        if has_pre {
            self.stats.prerequests.total += 1;
        }
        if has_test {
            self.stats.tests.total += 1;
        }
        // Failures in the order they happened: pre-request script errors, the request
        // error, failed assertions, then test script errors (the CLI numbers them so).
        let mut script_failures = |kind: ScriptKind, out: &mut Vec<Failure>| {
            for s in exec.scripts.iter().filter(|s| s.kind == kind) {
                let (count, label) = match s.kind {
                    ScriptKind::PreRequest => {
                        (&mut self.stats.prerequest_scripts, "prerequest-script")
                    }
                    ScriptKind::Test => (&mut self.stats.test_scripts, "test-script"),
                };
                count.total += 1;
                self.stats.scripts.total += 1;
                if let Some(e) = &s.error {
                    count.failed += 1;
                    self.stats.scripts.failed += 1;
                    let at = match (e.line, e.column) {
                        (Some(l), Some(c)) => format!("{label}:{l}:{c}"),
                        _ => label.to_string(),
                    };
                    let origin = if s.origin == exec.item.name {
                        String::new()
                    } else {
                        format!(" (in the {} of {})", s.kind.label(), s.origin)
                    };
                    out.push(failure(
                        &e.name,
                        None,
                        format!("{}{origin}", e.message),
                        at,
                        None,
                        e.stack.clone(),
                    ));
                }
            }
        };
        script_failures(ScriptKind::PreRequest, &mut new_failures);
        if exec.request.is_some() && (exec.response.is_some() || exec.request_error.is_some()) {
            self.stats.requests.total += 1;
        }
        if let Some(e) = &exec.request_error {
            self.stats.requests.failed += 1;
            new_failures.push(failure(
                "RequestError",
                None,
                e.to_string(),
                "request".into(),
                None,
                None,
            ));
        }
        if let Some(r) = &exec.response {
            self.timings.add(r.time_ms as f64);
            self.response_total += r.body.len() as u64;
        }
        for a in &exec.assertions {
            self.stats.assertions.total += 1;
            if !a.passed && !a.skipped {
                self.stats.assertions.failed += 1;
                let err = a.error.clone().unwrap_or_default();
                new_failures.push(failure(
                    if err.name.is_empty() {
                        "AssertionError"
                    } else {
                        &err.name
                    },
                    Some(a.name.clone()),
                    err.message,
                    format!("assertion:{} in test-script", a.index),
                    Some(a.index),
                    err.stack,
                ));
            }
        }
        script_failures(ScriptKind::Test, &mut new_failures);
        if !new_failures.is_empty() {
            self.stats.items.failed += 1;
        }
        self.failures.extend(new_failures);
    }
}

fn absorb(
    exec: &mut Execution<'_>,
    next: &mut Option<Option<String>>,
    kind: ScriptKind,
    origin: &str,
    outcome: ScriptOutcome,
) {
    exec.assertions.extend(outcome.assertions);
    exec.console.extend(outcome.console);
    if outcome.next_request.is_some() {
        *next = outcome.next_request;
    }
    exec.scripts.push(ScriptRecord {
        kind,
        origin: origin.to_string(),
        error: outcome.error,
    });
}
