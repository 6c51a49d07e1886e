//! Running a collection: items depth-first in collection order, iterations over
//! data rows, scripts around each request, `setNextRequest` jumps, `--bail`.

use super::events::*;
use super::host::Host;
use super::stats::Tally;
use crate::collection::{select, Collection, DataRow, ItemRef, Request, SelectError, Selection};
use crate::http::{HttpClient, HttpRequest, HttpResponse, RequestError, RequestSettings};
use crate::request::{self, BuildContext, FileAccess};
use crate::script::{
    NextRequest, Sandbox, SandboxOptions, ScriptInfo, ScriptKind, ScriptOutcome, ScriptRun,
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
    /// The request items to run (`--folder`); they run in collection order.
    pub selection: Selection,
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
    #[error(transparent)]
    Select(#[from] SelectError),
    #[error(transparent)]
    Listener(#[from] ListenerError),
}

/// Runs collections. Owns everything a run mutates (scopes, client, sandbox), so
/// a parallel worker can own one of its own.
pub struct Runner<'c> {
    pub collection: &'c Collection,
    pub scopes: Scopes,
    pub client: HttpClient,
    sandbox: Sandbox,
    options: RunOptions,
    tally: Tally,
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
            tally: Tally::default(),
        }
    }

    /// Runs the collection, telling every listener what happens as it happens.
    pub fn run(
        mut self,
        listeners: &mut [Box<dyn RunListener + '_>],
    ) -> Result<(Summary, HttpClient), RunError> {
        let collection = self.collection;
        let entries = select(collection, &self.options.selection)?;
        let rows = self.options.data.len();
        let iterations = self.options.iterations.unwrap_or(rows.max(1)).max(1);
        let emit = |listeners: &mut [Box<dyn RunListener + '_>],
                    e: &Event<'_>|
         -> Result<(), ListenerError> {
            for l in listeners.iter_mut() {
                l.event(e)?;
            }
            Ok(())
        };
        self.tally.timings.started = chrono::Utc::now().timestamp_millis();
        let started = Instant::now();
        emit(
            listeners,
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
            emit(listeners, &Event::Warning(&w))?;
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
                listeners,
                &Event::BeforeIteration {
                    iteration,
                    iterations,
                },
            )?;
            self.tally.iteration();
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
                    listeners,
                    &Event::BeforeItem {
                        cursor: &cursor,
                        item: entry.item,
                        parents: &entry.parents,
                    },
                )?;
                let (execution, next) = self.execute(entry, cursor);
                for value in self.scopes.secret_values() {
                    if secrets.insert(value.clone()) {
                        emit(listeners, &Event::Secret(&value))?;
                    }
                }
                let failed = self.tally.item(&execution) > 0;
                emit(listeners, &Event::Item(&execution))?;
                drop(execution);
                if self.options.bail && failed {
                    run_error = Some("stopped after the first failure (--bail)".into());
                    break 'run;
                }
                match next {
                    NextRequest::Continue => position += 1,
                    // `null` or an unknown name ends the iteration, as in newman.
                    NextRequest::Stop => break,
                    NextRequest::Jump(target) => {
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
            emit(listeners, &Event::Iteration { iteration })?;
        }
        self.tally.timings.completed = chrono::Utc::now().timestamp_millis();
        let summary = std::mem::take(&mut self.tally).summary(self.scopes.clone(), run_error);
        emit(listeners, &Event::Done(&summary))?;
        Ok((summary, self.client))
    }

    /// Scripts of one kind that apply to an item, in run order, with whose they are.
    fn scripts(entry: &ItemRef<'c>, kind: ScriptKind) -> Vec<(String, String)> {
        entry
            .scripts(kind.listen())
            .iter()
            .map(|s| (s.owner.to_string(), s.script.source()))
            .collect()
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
        entry: &'e ItemRef<'c>,
        cursor: Cursor,
    ) -> (Execution<'e>, NextRequest) {
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
        let mut next = NextRequest::Continue;

        let pre = Self::scripts(entry, ScriptKind::PreRequest);
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

        let tests = Self::scripts(entry, ScriptKind::Test);
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
}

fn absorb(
    exec: &mut Execution<'_>,
    next: &mut NextRequest,
    kind: ScriptKind,
    origin: &str,
    outcome: ScriptOutcome,
) {
    exec.assertions.extend(outcome.assertions);
    exec.console.extend(outcome.console);
    // A later script that does not call `setNextRequest` keeps an earlier call.
    if outcome.next_request != NextRequest::Continue {
        *next = outcome.next_request;
    }
    exec.scripts.push(ScriptRecord {
        kind,
        origin: origin.to_string(),
        error: outcome.error,
    });
}
