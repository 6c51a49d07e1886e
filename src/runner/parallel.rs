//! `--parallel N`: iterations spread over N workers, each a [`Runner`] of its
//! own on its own thread (its own scopes, HTTP client and script sandbox),
//! taking iterations in turn (worker k runs k, k+N, k+2N, …). Their events
//! come back here and reach the listeners in iteration order, exactly as a
//! sequential run would have told them, so every report is the same but for
//! timings.
//!
//! What differs from a sequential run is what iterations see of each other:
//! variables set in an iteration are seen by the later iterations of the same
//! worker only. The run ends as the worker that ran the last reported
//! iteration left its scopes and cookie jar (what `--export-*` writes).

use super::events::*;
use super::run::{RunError, RunOptions, Runner};
use super::secrets::SecretFinder;
use super::share::{Turn, Turns};
use super::stats::Tally;
use crate::collection::{select, Collection, ItemRef};
use crate::http::HttpClient;
use crate::interrupt::Cause;
use crate::setting::Setting;
use crate::vars::Scopes;
use std::collections::BTreeMap;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::Instant;

/// Runs a collection over several workers; see the module's documentation.
pub struct ParallelRunner<'c> {
    collection: &'c Collection,
    scopes: Scopes,
    /// One per worker.
    clients: Vec<HttpClient>,
    options: RunOptions,
    secrets: SecretFinder,
}

/// What a worker tells the merger: an event, owned, and the iteration it
/// belongs to (`None` for what comes before the first).
struct Note<'c> {
    iteration: Option<usize>,
    what: What<'c>,
}

enum What<'c> {
    Secret(String),
    Warning(Warning),
    BeforeIteration { iteration: usize, iterations: usize },
    BeforeItem(Cursor),
    Item(Box<Execution<'c>>),
    Iteration { iteration: usize },
}

/// The listener of a worker's run: sends its events to the merger.
struct Forward<'c, 'e> {
    tx: Sender<Note<'c>>,
    entries: &'e [ItemRef<'c>],
    /// Whether this worker tells what comes before the first iteration (the
    /// others would repeat it).
    tells_prelude: bool,
    started: bool,
    current: Option<usize>,
    /// Secrets found between iterations belong to the next one.
    pending: Vec<String>,
}

impl<'c> Forward<'c, '_> {
    fn send(&self, iteration: Option<usize>, what: What<'c>) -> Result<(), ListenerError> {
        self.tx
            .send(Note { iteration, what })
            .map_err(|_| ListenerError::new("the run stopped"))
    }
}

impl<'c> RunListener for Forward<'c, '_> {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        match event {
            // The merger tells these once for the whole run.
            Event::Start { .. } | Event::Done(_) => self.started = true,
            Event::Secret(_) if !self.started => {}
            Event::Secret(value) => match self.current {
                Some(i) => self.send(Some(i), What::Secret(value.to_string()))?,
                None => self.pending.push(value.to_string()),
            },
            Event::Warning(w) => match self.current {
                Some(i) => self.send(Some(i), What::Warning((*w).clone()))?,
                None if self.tells_prelude => self.send(None, What::Warning((*w).clone()))?,
                None => {}
            },
            Event::BeforeIteration {
                iteration,
                iterations,
            } => {
                self.current = Some(*iteration);
                for value in std::mem::take(&mut self.pending) {
                    self.send(Some(*iteration), What::Secret(value))?;
                }
                self.send(
                    Some(*iteration),
                    What::BeforeIteration {
                        iteration: *iteration,
                        iterations: *iterations,
                    },
                )?;
            }
            Event::BeforeItem { cursor, .. } => {
                self.send(self.current, What::BeforeItem((*cursor).clone()))?
            }
            Event::Item(exec) => {
                let entry = &self.entries[exec.cursor.position];
                self.send(self.current, What::Item(Box::new(owned(exec, entry))))?;
            }
            Event::Iteration { iteration } => {
                self.send(
                    Some(*iteration),
                    What::Iteration {
                        iteration: *iteration,
                    },
                )?;
                self.current = None;
            }
        }
        Ok(())
    }
}

/// The execution with its item taken from the run's list of items, which
/// lives as long as the collection (the runner lends it only for the event).
fn owned<'c>(exec: &Execution<'_>, entry: &ItemRef<'c>) -> Execution<'c> {
    Execution {
        cursor: exec.cursor.clone(),
        item: entry.item,
        parents: entry.parents.clone(),
        request: exec.request.clone(),
        shown_url: exec.shown_url.clone(),
        response: exec.response.clone(),
        request_error: exec.request_error.clone(),
        scripts: exec.scripts.clone(),
        assertions: exec.assertions.clone(),
        console: exec.console.clone(),
        console_before_request: exec.console_before_request,
        assertions_before_request: exec.assertions_before_request,
        unresolved: exec.unresolved.clone(),
        skipped: exec.skipped,
        variables_set: exec.variables_set,
        next_request_asked: exec.next_request_asked.clone(),
        attempts: exec.attempts,
        sent: exec.sent.clone(),
        handshake: exec.handshake.clone(),
    }
}

type WorkerResult = Result<(Summary, HttpClient), RunError>;

impl<'c> ParallelRunner<'c> {
    /// One worker per client; every worker starts from `scopes`.
    pub(super) fn new(
        collection: &'c Collection,
        scopes: Scopes,
        clients: Vec<HttpClient>,
        options: RunOptions,
    ) -> Self {
        ParallelRunner {
            collection,
            scopes,
            clients,
            secrets: SecretFinder::new(options.secret_names.clone()),
            options,
        }
    }

    /// As [`Runner::secrets_before_run`].
    pub fn secrets_before_run(&mut self) -> Vec<String> {
        self.secrets.before_run(self.collection, &self.scopes)
    }

    /// Runs the workers, telling the listeners what happens in iteration order.
    pub fn run(
        mut self,
        listeners: &mut [Box<dyn RunListener + '_>],
    ) -> Result<(Summary, HttpClient), RunError> {
        let collection = self.collection;
        let entries = select(collection, &self.options.selection)?;
        let iterations = self.options.iteration_count();
        let range = self.options.share.range(iterations);
        let count = self.clients.len().max(1);
        let turns = Arc::new(Turns::new(count * 4, range.start));
        let interrupt = self.options.interrupt.clone();

        let mut merger = Merger {
            listeners,
            entries: &entries,
            tally: Tally::default(),
            next: range.start,
            end: range.end,
            held: BTreeMap::new(),
            turns: &turns,
            bail: self.options.bail,
            bailed: false,
        };
        for value in self.secrets.before_run(collection, &self.scopes) {
            merger.emit(&Event::Secret(&value))?;
        }
        merger.tally.timings.started = chrono::Utc::now().timestamp_millis();
        if let Some(limit) = self.options.timeout {
            interrupt.set_deadline(Instant::now(), limit);
        }
        merger.emit(&Event::Start {
            collection,
            iterations,
            mock_base: self.options.mock_base.as_deref(),
        })?;

        let (tx, rx) = channel::<Note<'c>>();
        let clients = std::mem::take(&mut self.clients);
        let (merged, results) = std::thread::scope(|s| {
            let mut handles = Vec::new();
            for (index, client) in clients.into_iter().enumerate() {
                let mut options = self.options.clone();
                // The deadline is the run's, set once above.
                options.timeout = None;
                options.share.worker = Some(Turn {
                    index,
                    count,
                    turns: turns.clone(),
                });
                let scopes = self.scopes.clone();
                let tx = tx.clone();
                let first = range.start % count;
                handles.push(s.spawn(move || -> WorkerResult {
                    let entries = select(collection, &options.selection)?;
                    let runner = Runner::new(collection, scopes, client, options);
                    let mut forward: Vec<Box<dyn RunListener + '_>> = vec![Box::new(Forward {
                        tx,
                        entries: &entries,
                        tells_prelude: index == first,
                        started: false,
                        current: None,
                        pending: Vec::new(),
                    })];
                    runner.run(&mut forward)
                }));
            }
            drop(tx);
            let merged = merger.merge(rx);
            // A failed listener or a bail leaves the workers nothing to do.
            turns.stop_after(merger.next);
            let results: Vec<WorkerResult> = handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect();
            (merged, results)
        });
        merged?;

        let last_reported = merger.next.saturating_sub(1).max(range.start);
        let owner = last_reported % count;
        let mut cause = None;
        let mut ended: Vec<Option<(Scopes, HttpClient)>> = Vec::new();
        for result in results {
            match result {
                Ok((summary, client)) => {
                    cause = cause.or(summary.interrupted);
                    ended.push(Some((summary.scopes, client)));
                }
                Err(RunError::Select(e)) => return Err(RunError::Select(e)),
                // Told to stop by the merger: nothing of its run is kept.
                Err(RunError::Listener(_)) => ended.push(None),
            }
        }
        let kept = match ended.get_mut(owner).and_then(Option::take) {
            Some(k) => k,
            None => ended
                .into_iter()
                .flatten()
                .next()
                .ok_or_else(|| ListenerError::new("no worker finished its run"))?,
        };
        let (scopes, client) = kept;
        let finished = merger.next >= merger.end;
        let cause = if finished && !merger.bailed {
            None
        } else {
            cause.or(interrupt.cause())
        };
        let run_error = if merger.bailed {
            Some(format!(
                "stopped after the first failure ({})",
                Setting::Bail
            ))
        } else {
            cause.map(|c: Cause| c.to_string())
        };
        merger.tally.timings.completed = chrono::Utc::now().timestamp_millis();
        let mut summary = std::mem::take(&mut merger.tally).summary(scopes, run_error);
        summary.interrupted = if merger.bailed { None } else { cause };
        merger.emit(&Event::Done(&summary))?;
        Ok((summary, client))
    }
}

/// Puts the workers' events back in iteration order.
struct Merger<'l, 'e, 'c, 'r> {
    listeners: &'l mut [Box<dyn RunListener + 'r>],
    entries: &'e [ItemRef<'c>],
    tally: Tally,
    /// The iteration being reported.
    next: usize,
    end: usize,
    /// Events of later iterations, waiting their turn.
    held: BTreeMap<usize, Vec<What<'c>>>,
    turns: &'e Turns,
    bail: bool,
    bailed: bool,
}

impl<'c> Merger<'_, '_, 'c, '_> {
    fn emit(&mut self, e: &Event<'_>) -> Result<(), ListenerError> {
        for l in self.listeners.iter_mut() {
            l.event(e)?;
        }
        Ok(())
    }

    /// Reports every note in order until the workers are done, the run bails
    /// or a listener fails.
    fn merge(&mut self, rx: Receiver<Note<'c>>) -> Result<(), ListenerError> {
        for note in rx.iter() {
            match note.iteration {
                None => self.tell(note.what)?,
                Some(i) if i == self.next => {
                    self.tell(note.what)?;
                    self.catch_up()?;
                }
                Some(i) => self.held.entry(i).or_default().push(note.what),
            }
            if self.bailed {
                return Ok(());
            }
        }
        // The workers have stopped (an interrupt): what the iteration being
        // reported got to, as a sequential run would have ended it.
        if let Some(whats) = self.held.remove(&self.next) {
            for what in whats {
                self.tell(what)?;
                if self.bailed {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Reports held iterations that are now next.
    fn catch_up(&mut self) -> Result<(), ListenerError> {
        while !self.bailed {
            let Some(whats) = self.held.remove(&self.next) else {
                return Ok(());
            };
            for what in whats {
                self.tell(what)?;
                if self.bailed {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    fn tell(&mut self, what: What<'c>) -> Result<(), ListenerError> {
        match what {
            What::Secret(value) => self.emit(&Event::Secret(&value)),
            What::Warning(w) => self.emit(&Event::Warning(&w)),
            What::BeforeIteration {
                iteration,
                iterations,
            } => {
                self.tally.iteration();
                self.emit(&Event::BeforeIteration {
                    iteration,
                    iterations,
                })
            }
            What::BeforeItem(cursor) => {
                let entry = &self.entries[cursor.position];
                self.emit(&Event::BeforeItem {
                    cursor: &cursor,
                    item: entry.item,
                    parents: &entry.parents,
                })
            }
            What::Item(exec) => {
                let failed = self.tally.item(&exec) > 0;
                self.emit(&Event::Item(&exec))?;
                if self.bail && failed {
                    self.bailed = true;
                    self.turns.stop_after(exec.cursor.iteration);
                }
                Ok(())
            }
            What::Iteration { iteration } => {
                self.emit(&Event::Iteration { iteration })?;
                self.next = iteration + 1;
                self.turns.reported(self.next);
                Ok(())
            }
        }
    }
}
