//! The state a script run changes, shared by every native function.

use super::started::Started;
use crate::script::types::*;
use crate::setting::Setting;
use crate::vars::Scopes;
use rquickjs::Ctx;
use std::cell::{Cell, RefCell};
use std::time::Instant;

/// Work the script asked for that needs the runner (`pm.sendRequest`, the cookie
/// jar). It is done between JavaScript jobs and answered through `P.complete`.
pub(crate) struct Op {
    pub id: u32,
    pub kind: String,
    pub payload: String,
}

/// Everything a run changes, shared by the native functions.
pub(crate) struct Shared {
    pub scopes: RefCell<Scopes>,
    pub assertions: RefCell<Vec<AssertionResult>>,
    pub console: RefCell<Vec<ConsoleEntry>>,
    pub error: RefCell<Option<ScriptError>>,
    pub next_request: RefCell<NextRequest>,
    pub skip: Cell<bool>,
    pub ops: RefCell<Vec<Op>>,
    /// See [`ScriptOutcome::sent_at`].
    pub sent_at: RefCell<Vec<crate::script::types::Place>>,
    /// Set once the run's results are collected: whatever JavaScript still runs
    /// while the context winds down changes nothing.
    pub closed: Cell<bool>,
    op_seq: Cell<u32>,
    start: Cell<Instant>,
    /// The name the script's code has in stacks (`test-script.js`).
    pub file: Cell<&'static str>,
    /// Bytes of results, console output and variable values the script has
    /// handed to postie this run, and how many it may (0: no limit): these
    /// live outside the QuickJS heap, so its memory limit does not see them.
    handed: Cell<usize>,
    pub record_limit: Cell<usize>,
    /// The environment, globals and iteration data as the run started, for
    /// a legacy script's globals.
    pub started: RefCell<Started>,
    /// See [`ScriptOutcome::variables_set`].
    pub variables_set: Cell<bool>,
}

impl Shared {
    pub fn new(scopes: Scopes, file: &'static str) -> Shared {
        Shared {
            scopes: RefCell::new(scopes),
            assertions: RefCell::new(Vec::new()),
            console: RefCell::new(Vec::new()),
            error: RefCell::new(None),
            next_request: RefCell::new(NextRequest::Continue),
            skip: Cell::new(false),
            ops: RefCell::new(Vec::new()),
            sent_at: RefCell::new(Vec::new()),
            closed: Cell::new(false),
            op_seq: Cell::new(0),
            start: Cell::new(Instant::now()),
            file: Cell::new(file),
            handed: Cell::new(0),
            record_limit: Cell::new(0),
            started: RefCell::new(Started::default()),
            variables_set: Cell::new(false),
        }
    }

    /// Counts `bytes` more handed over by the script; past the limit the
    /// script fails with a memory error (thrown into it too, to stop it).
    fn take_room(&self, ctx: &Ctx<'_>, bytes: usize) -> rquickjs::Result<()> {
        let total = self.handed.get().saturating_add(bytes);
        self.handed.set(total);
        let limit = self.record_limit.get();
        if limit == 0 || total <= limit {
            return Ok(());
        }
        let message = format!(
            "script memory limit reached: the test results, console output and variables this script handed to postie passed {} MiB ({})",
            limit >> 20,
            Setting::ScriptMemoryLimit
        );
        self.fail(ScriptError {
            name: "MemoryError".into(),
            message: message.clone(),
            ..Default::default()
        });
        Err(rquickjs::Exception::throw_internal(ctx, &message))
    }

    /// Whether a record of `bytes` the script hands over is kept: not once
    /// the run is closed; past the limit, an error (see [`Shared::take_room`]).
    pub fn admit(&self, ctx: &Ctx<'_>, bytes: usize) -> rquickjs::Result<bool> {
        if self.closed.get() {
            return Ok(false);
        }
        self.take_room(ctx, bytes)?;
        Ok(true)
    }

    /// Readies the state for the next run.
    pub fn reset(&self, scopes: Scopes, file: &'static str) {
        *self.scopes.borrow_mut() = scopes;
        self.assertions.borrow_mut().clear();
        self.console.borrow_mut().clear();
        *self.error.borrow_mut() = None;
        *self.next_request.borrow_mut() = NextRequest::Continue;
        self.skip.set(false);
        self.ops.borrow_mut().clear();
        self.sent_at.borrow_mut().clear();
        self.closed.set(false);
        self.start.set(Instant::now());
        self.file.set(file);
        self.handed.set(0);
        self.started.borrow_mut().reset();
        self.variables_set.set(false);
    }

    /// Queues a host operation and returns its id (0 once the run is closed).
    pub fn queue_op(&self, kind: String, payload: String) -> u32 {
        if self.closed.get() {
            return 0;
        }
        let id = self.op_seq.get() + 1;
        self.op_seq.set(id);
        self.ops.borrow_mut().push(Op { id, kind, payload });
        id
    }

    /// Milliseconds since the run started (`performance.now()`).
    pub fn elapsed_ms(&self) -> f64 {
        self.start.get().elapsed().as_secs_f64() * 1000.0
    }

    /// Records an uncaught error; the first one is the script's error.
    pub fn fail(&self, error: ScriptError) {
        if self.closed.get() {
            return;
        }
        let mut slot = self.error.borrow_mut();
        if slot.is_none() {
            *slot = Some(error);
        }
    }
}
