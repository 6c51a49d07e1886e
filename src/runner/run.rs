//! Running a collection: items depth-first in collection order, iterations over
//! data rows, scripts around each request, `setNextRequest` jumps, `--bail`.

use super::events::*;
use super::host::{Host, Sent};
use super::retry::RetryPolicy;
use super::secrets::SecretFinder;
use super::share::Share;
use super::stats::Tally;
use crate::collection::{select, Collection, DataRow, ItemRef, Request, SelectError, Selection};
use crate::http::{Answered, HttpClient, HttpRequest, HttpResponse, RequestError, RequestSettings};
use crate::interrupt::{Cause, Interrupt};
use crate::output::{clip_message, MAX_ECHO};
use crate::request::{self, BuildContext, FileAccess};
use crate::script::{
    NextRequest, Sandbox, SandboxOptions, ScriptInfo, ScriptKind, ScriptOutcome, ScriptRun,
};
use crate::setting::Setting;
use crate::vars::{Scopes, SecretNames, VariableScope};
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
    /// `--timeout`: the whole run. At the deadline the request or script in
    /// progress is abandoned and the run ends, reports written.
    pub timeout: Option<Duration>,
    /// Signals (Ctrl-C, SIGTERM) reach the run through this; the deadline of
    /// `timeout` is set on it when the run starts.
    pub interrupt: Interrupt,
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
    /// `--retry`, `--retry-delay`, `--retry-on`, `--retry-unsafe`.
    pub retry: RetryPolicy,
    /// What counts as secret besides `secret`-typed variables and credential
    /// names (`--secret`), or nothing (`--no-mask`).
    pub secret_names: SecretNames,
    /// A fresh JavaScript context for every script (`--isolate-scripts`), instead of
    /// one context for the run as newman keeps (where changes to built-in prototypes
    /// carry over from script to script).
    pub isolate_scripts: bool,
    /// The iterations this run takes: a shard's slice, a parallel worker's turns.
    pub share: Share,
}

impl RunOptions {
    /// How many iterations the run has: `-n`, else one per data row, at least one.
    pub fn iteration_count(&self) -> usize {
        self.iterations.unwrap_or(self.data.len().max(1)).max(1)
    }
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
    secrets: SecretFinder,
}

fn uuid() -> String {
    crate::uuid_v4::new().to_string()
}

impl<'c> Runner<'c> {
    pub(super) fn new(
        collection: &'c Collection,
        scopes: Scopes,
        client: HttpClient,
        options: RunOptions,
    ) -> Self {
        let mut sandbox = Sandbox::new(options.sandbox.clone());
        sandbox.reuse_context(!options.isolate_scripts);
        sandbox.set_interrupt(options.interrupt.clone());
        let mut client = client;
        client.set_interrupt(options.interrupt.clone());
        Runner {
            collection,
            scopes,
            client,
            sandbox,
            secrets: SecretFinder::new(options.secret_names.clone()),
            options,
            tally: Tally::default(),
        }
    }

    /// The values to hide from the start: reporters are made with them. The
    /// run announces later ones as [`Event::Secret`]; these it does not repeat.
    pub fn secrets_before_run(&mut self) -> Vec<String> {
        self.secrets.before_run(self.collection, &self.scopes)
    }

    /// Runs the collection, telling every listener what happens as it happens.
    pub fn run(
        mut self,
        listeners: &mut [Box<dyn RunListener + '_>],
    ) -> Result<(Summary, HttpClient), RunError> {
        let collection = self.collection;
        let entries = select(collection, &self.options.selection)?;
        let rows = self.options.data.len();
        let iterations = self.options.iteration_count();
        let emit = |listeners: &mut [Box<dyn RunListener + '_>],
                    e: &Event<'_>|
         -> Result<(), ListenerError> {
            for l in listeners.iter_mut() {
                l.event(e)?;
            }
            Ok(())
        };
        for value in self.secrets.before_run(collection, &self.scopes) {
            emit(listeners, &Event::Secret(&value))?;
        }
        self.tally.timings.started = chrono::Utc::now().timestamp_millis();
        let interrupt = self.options.interrupt.clone();
        if let Some(limit) = self.options.timeout {
            interrupt.set_deadline(Instant::now(), limit);
        }
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
        // What cut the run short, if anything did before its end.
        let mut stopped = None;
        'run: for iteration in self.options.share.range(iterations) {
            // newman runs no iteration of a collection without requests.
            if entries.is_empty() {
                break;
            }
            if !self.options.share.takes(iteration) {
                continue;
            }
            if !self.options.share.may_start(iteration, &interrupt) {
                break;
            }
            // A new data row is the only change to the variables between two
            // iterations: the run's start and each script's changes were
            // looked through already.
            if rows > 0 {
                self.scopes.data =
                    VariableScope::from_row(&self.options.data[iteration.min(rows - 1)]);
                for value in self.secrets.in_scopes(&self.scopes) {
                    emit(listeners, &Event::Secret(&value))?;
                }
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
                if (position > 0 || iteration > 0) && !self.options.delay.is_zero() {
                    interrupt.sleep(self.options.delay);
                }
                if let Some(cause) = interrupt.cause() {
                    stopped = Some(cause);
                    break 'run;
                }
                if self.options.share.stopped(iteration) {
                    break 'run;
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
                let (mut execution, next) = self.execute(entry, cursor);
                clip_messages(&mut execution);
                for value in self.secrets.after(&execution, collection, &self.scopes) {
                    emit(listeners, &Event::Secret(&value))?;
                }
                let failed = self.tally.item(&execution) > 0;
                emit(listeners, &Event::Item(&execution))?;
                drop(execution);
                if let Some(cause) = interrupt.cause() {
                    stopped = Some(cause);
                    break 'run;
                }
                if self.options.bail && failed {
                    run_error = Some(format!(
                        "stopped after the first failure ({})",
                        Setting::Bail
                    ));
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
        if let Some(cause) = stopped {
            run_error = Some(cause.to_string());
        }
        self.tally.timings.completed = chrono::Utc::now().timestamp_millis();
        let mut summary = std::mem::take(&mut self.tally).summary(self.scopes.clone(), run_error);
        summary.interrupted = stopped;
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
    ) -> (ScriptOutcome, Vec<Sent>) {
        // Nothing to run, but newman still counts it as a script that ran.
        if source.trim().is_empty() {
            return (ScriptOutcome::default(), Vec::new());
        }
        let mut host = Host {
            client: &mut self.client,
            settings: &self.options.settings,
            files: &self.options.files,
            sent: Vec::new(),
        };
        let mut outcome = self.sandbox.run(ScriptRun {
            kind,
            source,
            origin,
            info,
            scopes: &mut self.scopes,
            request,
            response,
            host: &mut host,
        });
        // The sandbox reports any stop as its own time limit; say what it was.
        if let (Some(cause), Some(error)) = (self.options.interrupt.cause(), &mut outcome.error) {
            if error.name == "TimeoutError" {
                error.name = match cause {
                    Cause::Deadline(_) => "TimeoutError".into(),
                    Cause::Signal(_) => "InterruptedError".into(),
                };
                error.message = format!("{ABANDONED_SCRIPT}: {}", cause.what());
                error.line = None;
                error.column = None;
                error.stack = None;
            }
        }
        if self.options.bail {
            assertion_failure(&mut outcome);
        }
        (outcome, host.sent)
    }

    fn execute<'e>(
        &mut self,
        entry: &'e ItemRef<'c>,
        cursor: Cursor,
    ) -> (Execution<'e>, NextRequest) {
        let item = entry.item;
        // An item without a request runs as newman runs it: a GET of no URL, which fails.
        let mut request_model = item.request.clone().unwrap_or_else(|| Request {
            method: "GET".into(),
            ..Default::default()
        });
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
            if self.options.interrupt.is_set() {
                break;
            }
            let (outcome, sent) = self.run_script(
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
                (outcome, sent),
            );
        }
        if skip {
            exec.skipped = true;
            return (exec, next);
        }
        if let Some(cause) = self.options.interrupt.cause() {
            // Said once: by the script that was abandoned, or here.
            let said = exec.scripts.iter().any(|s| {
                s.error
                    .as_ref()
                    .is_some_and(|e| e.message.starts_with(ABANDONED_SCRIPT))
            });
            if !said {
                exec.request_error = Some(abandoned(cause));
            }
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
            Err(e) => {
                // Nothing goes out, so there is no request as sent (it is not
                // counted as one); reports still show its URL resolved, as every
                // other request error shows it.
                exec.unresolved = request::prepare(&request_model, item, &ctx).unresolved;
                exec.shown_url =
                    Some(request::url::build_url(&request_model.url, &self.scopes, true).shown);
                exec.request_error = Some(RequestError::File(e.to_string()));
            }
            Ok(built) => {
                exec.unresolved = built.unresolved.clone();
                exec.shown_url = Some(built.spec.url.shown.clone());
                for n in &built.notes {
                    let entry = crate::script::ConsoleEntry {
                        level: "warn".into(),
                        text: n.text.clone(),
                        // newman's cli reporter shows runtime warnings inspected, quoted.
                        shown: Some(inspected(&n.text)),
                        after_assertions: exec.assertions.len(),
                    };
                    if n.before_sending {
                        exec.console.insert(exec.console_before_request, entry);
                        exec.console_before_request += 1;
                    } else {
                        exec.console.push(entry);
                    }
                }
                if self.options.strict_vars && !built.unresolved.is_empty() {
                    let names: Vec<String> = built
                        .unresolved
                        .iter()
                        .map(|u| format!("{{{{{}}}}} in {}", u.name, u.part))
                        .collect();
                    exec.request_error = Some(RequestError::Other(format!(
                        "unresolved variables ({}): {}",
                        Setting::StrictVars,
                        names.join(", ")
                    )));
                    exec.request = Some(HttpRequest::from(&built.spec));
                } else {
                    let wire = HttpRequest::from(&built.spec);
                    let (answered, attempts) = self.send_with_retries(&built, &wire);
                    if self.options.retry.enabled() {
                        exec.attempts = Some(attempts);
                    }
                    exec.request = Some(answered.request);
                    exec.handshake = answered.round_trips;
                    match answered.result {
                        Ok(r) => exec.response = Some(r),
                        Err(RequestError::InvalidUrl { .. })
                            if request_model.url.to_raw().trim().is_empty() =>
                        {
                            let reason = if item.request.is_none() {
                                "the item has neither 'request' nor 'item'"
                            } else {
                                "the request has no URL"
                            };
                            // Shown as newman shows it: no URL, not the `http://` put in front.
                            if let Some(r) = exec.request.as_mut() {
                                r.url = String::new();
                            }
                            // newman's words first, so a search for them finds it.
                            exec.request_error = Some(RequestError::Other(format!(
                                "request url is empty: {reason}"
                            )));
                        }
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
        if let Some(cause) = self.options.interrupt.cause() {
            // The response may have arrived just before: keep it, but run no tests.
            if exec.response.is_none() {
                exec.request_error = Some(abandoned(cause));
            }
            return (exec, next);
        }

        let tests = Self::scripts(entry, ScriptKind::Test);
        if !tests.is_empty() {
            let mut sent_model = match &exec.request {
                Some(r) => r.as_sent(&request_model),
                None => request_model.clone(),
            };
            // Lent to the scripts, not copied: nothing below reads `exec.response`.
            let response = exec.response.take();
            for (origin, source) in &tests {
                let ran = self.run_script(
                    ScriptKind::Test,
                    origin,
                    source,
                    &info,
                    &mut sent_model,
                    response.as_ref(),
                );
                absorb(&mut exec, &mut next, ScriptKind::Test, origin, ran);
                if self.options.interrupt.is_set() {
                    break;
                }
            }
            exec.response = response;
        }
        (exec, next)
    }

    /// Sends (with the auth's handshake), and sends again as `--retry` says;
    /// returns the last try and how many times the request went out.
    fn send_with_retries(&mut self, built: &request::Built, wire: &HttpRequest) -> (Answered, u32) {
        let mut attempt = 1;
        loop {
            let answered = self.client.send_answering(wire, built.handshake());
            if self.options.interrupt.is_set() {
                return (answered, attempt);
            }
            let wait = self
                .options
                .retry
                .wait_after(attempt, &wire.method, &answered.result);
            match wait {
                Some(wait) if self.options.interrupt.sleep(wait) => attempt += 1,
                _ => return (answered, attempt),
            }
        }
    }
}

/// Error and assertion messages echo values (a URL, a body, an expected
/// value): each value is cut to [`MAX_ECHO`] characters, so a 5 MB URL does
/// not print 5 MB in every report.
fn clip_messages(exec: &mut Execution<'_>) {
    let clip = |text: &mut String| {
        if let std::borrow::Cow::Owned(short) = clip_message(text, MAX_ECHO) {
            *text = short;
        }
    };
    for e in exec
        .request_error
        .iter_mut()
        .chain(exec.sent.iter_mut().filter_map(|s| s.error.as_mut()))
    {
        clip_request_error(e);
    }
    for script in &mut exec.scripts {
        if let Some(e) = &mut script.error {
            clip(&mut e.message);
            if let Some(stack) = &mut e.stack {
                clip(stack);
            }
        }
    }
    for a in &mut exec.assertions {
        if let Some(e) = &mut a.error {
            clip(&mut e.message);
            if let Some(stack) = &mut e.stack {
                clip(stack);
            }
        }
    }
}

/// Cuts the values a request error echoes to [`MAX_ECHO`] characters.
fn clip_request_error(e: &mut RequestError) {
    let clip = |text: &mut String| {
        if let std::borrow::Cow::Owned(short) = clip_message(text, MAX_ECHO) {
            *text = short;
        }
    };
    match e {
        RequestError::InvalidUrl { url, reason } => {
            if let std::borrow::Cow::Owned(short) = crate::output::clip(url, MAX_ECHO) {
                *url = short;
            }
            clip(reason);
        }
        RequestError::ConnectionRefused(t)
        | RequestError::TooManyRedirects(t)
        | RequestError::Dns(t)
        | RequestError::Tls(t)
        | RequestError::File(t)
        | RequestError::Other(t) => clip(t),
        RequestError::Refused { url, reason, .. } => {
            if let std::borrow::Cow::Owned(short) = crate::output::clip(url, MAX_ECHO) {
                *url = short;
            }
            clip(reason);
        }
        RequestError::Network(_) | RequestError::TooLarge { .. } => {}
    }
}

/// How the error of a script the run abandoned starts.
const ABANDONED_SCRIPT: &str = "script abandoned";

/// The error of a request the run abandoned before its response arrived.
fn abandoned(cause: Cause) -> RequestError {
    RequestError::Other(format!("request abandoned: {}", cause.what()))
}

/// Under `--bail` newman ends a script at its first failed assertion with an
/// `AssertionFailure` named after it, so the script counts as failed too.
fn assertion_failure(outcome: &mut ScriptOutcome) {
    if outcome.error.is_some() {
        return;
    }
    if let Some(a) = outcome.assertions.iter().find(|a| !a.passed && !a.skipped) {
        outcome.error = Some(crate::script::ScriptError {
            name: "AssertionFailure".into(),
            message: a.name.clone(),
            line: None,
            column: None,
            stack: None,
        });
    }
}

fn absorb(
    exec: &mut Execution<'_>,
    next: &mut NextRequest,
    kind: ScriptKind,
    origin: &str,
    (outcome, sent): (ScriptOutcome, Vec<Sent>),
) {
    // Where each pm.sendRequest came among the item's assertions; a request
    // the engine did not place (it never should) goes after them all.
    let before = exec.assertions.len();
    let console_before = exec.console.len();
    let end = crate::script::Place {
        assertions: outcome.assertions.len(),
        console: outcome.console.len(),
    };
    for (i, s) in sent.into_iter().enumerate() {
        let made = outcome.sent_at.get(i).copied().unwrap_or(end);
        let (response, error) = match s.result {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        };
        exec.sent.push(SentRequest {
            kind,
            after_assertions: before + made.assertions.min(end.assertions),
            after_console: console_before + made.console.min(end.console),
            request: s.request,
            shown_url: s.shown_url,
            response,
            error,
        });
    }
    exec.assertions.extend(outcome.assertions);
    exec.console
        .extend(outcome.console.into_iter().map(|mut c| {
            c.after_assertions = before + c.after_assertions.min(end.assertions);
            c
        }));
    if kind == ScriptKind::PreRequest {
        exec.console_before_request = exec.console.len();
        exec.assertions_before_request = exec.assertions.len();
    }
    if let (ScriptKind::Test, NextRequest::Jump(name)) = (kind, &outcome.next_request) {
        if !name.is_empty() {
            exec.next_request_asked = Some(name.clone());
        }
    }
    // A later script that does not call `setNextRequest` keeps an earlier call.
    if outcome.next_request != NextRequest::Continue {
        *next = outcome.next_request;
    }
    exec.variables_set |= outcome.variables_set;
    exec.scripts.push(ScriptRecord {
        kind,
        origin: origin.to_string(),
        error: outcome.error,
    });
}

/// A string as Node's `util.inspect` shows it: in single quotes, or in the first
/// of `"` and `` ` `` it does not hold, escapes for backslashes and line breaks.
fn inspected(s: &str) -> String {
    let quote = ['\'', '"', '`']
        .into_iter()
        .find(|q| !s.contains(*q))
        .unwrap_or('\'');
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}
