//! The QuickJS runtime behind a sandbox: limits, the per-run context, and the
//! loop that drives promises, timers and host operations until a script is done.

use super::errors;
use super::host::{self, Op, Shared};
use super::modules::{self, ModuleSet};
use super::native_api;
use super::ops::{cookies_for, perform};
use super::redeclare;
use super::shapes::{body_strings, cookie_json, response_data};
use super::types::*;
use crate::collection::Request;
use crate::http::CookieData;
use crate::setting::Setting;
use rquickjs::{Context, Ctx, Function, Object, Persistent, Runtime, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// What stops a script from the outside: the deadline (checked by QuickJS's
/// interrupt handler) and whether it fired.
#[derive(Default)]
struct Guard {
    deadline: Cell<Option<Instant>>,
    interrupted: Cell<bool>,
    /// Stop whatever runs, at the first check: used to wind a context down.
    kill: Cell<bool>,
    /// The run's stop signal (Ctrl-C, `--timeout`): ends the script like its deadline.
    stop: RefCell<crate::interrupt::Interrupt>,
}

impl Guard {
    /// Whether the script must stop now: its deadline passed or the run is
    /// stopping. Marks the script interrupted if so.
    fn expired(&self) -> bool {
        let over =
            self.stop.borrow().is_set() || self.deadline.get().is_some_and(|d| Instant::now() >= d);
        if over {
            self.interrupted.set(true);
        }
        over
    }
}

/// Promise rejections nobody handled, keyed by the promise's address.
#[derive(Default)]
struct Rejections {
    file: Cell<&'static str>,
    pending: RefCell<Vec<(usize, ScriptError)>>,
}

/// A context kept from one run to the next (see [`Engine::set_reuse`]), with
/// its prelude's functions and the getter of `init.requestText`, made once per
/// context rather than looked up by name on every run.
struct Reused {
    fns: Persistent<Prelude<'static>>,
    context: Context,
    runs: u32,
    /// Scripts compiled in this context, by file and source: most runs repeat
    /// the same few scripts, once per request and iteration.
    scripts: Compiled,
}

/// Scripts compiled in a reused context.
#[derive(Default)]
struct Compiled {
    /// By file and source (`"{file}\0{source}"`).
    by_source: HashMap<String, Persistent<Value<'static>>>,
    /// The last script looked up or compiled, checked first: a run of the same
    /// script again (one request over iterations, the benches) then builds no
    /// key and hashes no source. Its source buffer is reused.
    last: Option<(&'static str, String, Persistent<Value<'static>>)>,
}

impl Compiled {
    fn get(&mut self, file: &'static str, source: &str) -> Option<Persistent<Value<'static>>> {
        if let Some((f, s, compiled)) = &self.last {
            if *f == file && s == source {
                return Some(compiled.clone());
            }
        }
        let compiled = self.by_source.get(&format!("{file}\0{source}"))?.clone();
        self.remember(file, source, &compiled);
        Some(compiled)
    }

    fn insert(&mut self, file: &'static str, source: &str, compiled: Persistent<Value<'static>>) {
        if self.by_source.len() >= COMPILED_SCRIPTS {
            self.by_source.clear();
        }
        self.remember(file, source, &compiled);
        self.by_source.insert(format!("{file}\0{source}"), compiled);
    }

    fn remember(
        &mut self,
        file: &'static str,
        source: &str,
        compiled: &Persistent<Value<'static>>,
    ) {
        match &mut self.last {
            Some((f, s, c)) => {
                *f = file;
                s.clear();
                s.push_str(source);
                *c = compiled.clone();
            }
            None => self.last = Some((file, source.to_owned(), compiled.clone())),
        }
    }
}

/// What the Rust side calls of a context's prelude (`P.setup`, `P.run`, …).
#[derive(Clone)]
struct Prelude<'js> {
    setup: Function<'js>,
    run: Function<'js>,
    finish: Function<'js>,
    cleanup: Function<'js>,
    timer_next: Function<'js>,
    timer_fire: Function<'js>,
    complete: Function<'js>,
    /// `init.requestText`'s getter: the request as JSON, written only when a
    /// script reads `pm.request` (most test scripts never do).
    request_text: Function<'js>,
}

unsafe impl<'js> rquickjs::JsLifetime<'js> for Prelude<'js> {
    type Changed<'to> = Prelude<'to>;
}

/// The init object's fields, each with the name the prelude reads it by: one
/// list, so that a field and its name cannot drift apart.
macro_rules! init_fields {
    ($($field:ident = $name:literal),* $(,)?) => {
        #[derive(Clone, Copy)]
        enum Field {
            $($field),*
        }

        /// The init object's field names, in [`Field`]'s order.
        const INIT_NAMES: &[&str] = &[$($name),*];
    };
}

init_fields! {
    Kind = "kind",
    Info = "info",
    Iteration = "iteration",
    IterationCount = "iterationCount",
    RequestName = "requestName",
    RequestId = "requestId",
    EnvironmentName = "environmentName",
    CookiesText = "cookiesText",
    Legacy = "legacy",
    Location = "location",
    LocationCurrent = "locationCurrent",
    RequestText = "requestText",
    HasResponse = "hasResponse",
    ResponseData = "responseData",
    ResponseTime = "responseTime",
    Body = "body",
    Binary = "binary",
}

impl<'js> Prelude<'js> {
    fn of(
        ctx: &Ctx<'js>,
        p: &Object<'js>,
        request: &Rc<RefCell<Request>>,
    ) -> rquickjs::Result<Self> {
        let cell = request.clone();
        // Serialising cannot fail for this type; "null" is what the prelude
        // got before when it did.
        let request_text = Function::new(ctx.clone(), move || {
            serde_json::to_string(&*cell.borrow()).unwrap_or_else(|_| "null".into())
        })?;
        Ok(Prelude {
            setup: p.get("setup")?,
            run: p.get("run")?,
            finish: p.get("finish")?,
            cleanup: p.get("cleanup")?,
            timer_next: p.get("timerNext")?,
            timer_fire: p.get("timerFire")?,
            complete: p.get("complete")?,
            request_text,
        })
    }
}

/// The init object's field names as atoms, made once per runtime (atoms
/// belong to the runtime, not to a context): each run sets the same fifteen
/// or so, and making an atom from a name is a hash look-up of its text.
struct Names {
    rt: *mut rquickjs::qjs::JSRuntime,
    atoms: Vec<rquickjs::qjs::JSAtom>,
}

impl Names {
    fn new(ctx: &Ctx<'_>) -> rquickjs::Result<Names> {
        let raw = ctx.as_raw().as_ptr();
        let mut names = Names {
            // SAFETY: the context is alive.
            rt: unsafe { rquickjs::qjs::JS_GetRuntime(raw) },
            atoms: Vec::with_capacity(INIT_NAMES.len()),
        };
        for n in INIT_NAMES {
            // SAFETY: a valid context and a buffer of `n.len()` bytes.
            let atom =
                unsafe { rquickjs::qjs::JS_NewAtomLen(raw, n.as_ptr().cast(), n.len() as _) };
            if atom == rquickjs::qjs::JS_ATOM_NULL {
                return Err(rquickjs::Error::Allocation);
            }
            names.atoms.push(atom);
        }
        Ok(names)
    }

    /// Defines `obj[name] = value` as a plain own property (what `JSON.parse`
    /// made when the init object came as JSON text): defined, not assigned, so
    /// a setter a script put on `Object.prototype` is not called.
    fn put<'js, V: rquickjs::IntoJs<'js>>(
        &self,
        ctx: &Ctx<'js>,
        obj: &Object<'js>,
        name: Field,
        value: V,
    ) -> rquickjs::Result<()> {
        let value = value.into_js(ctx)?;
        let atom = self.atoms[name as usize];
        let flags = (rquickjs::qjs::JS_PROP_C_W_E | rquickjs::qjs::JS_PROP_THROW) as i32;
        let raw = ctx.as_raw().as_ptr();
        // SAFETY: the object, atom and value belong to `ctx`; the property
        // takes a reference of the value's own, which `value` keeps.
        let r = unsafe {
            rquickjs::qjs::JS_DefinePropertyValue(
                raw,
                obj.as_raw(),
                atom,
                rquickjs::qjs::JS_DupValue(raw, value.as_raw()),
                flags,
            )
        };
        if r < 0 {
            return Err(rquickjs::Error::Exception);
        }
        Ok(())
    }
}

impl Names {
    /// Defines `obj[name]` as an enumerable, configurable accessor with `get`.
    fn getter<'js>(
        &self,
        ctx: &Ctx<'js>,
        obj: &Object<'js>,
        name: Field,
        get: &Function<'js>,
    ) -> rquickjs::Result<()> {
        use rquickjs::qjs;
        let flags = (qjs::JS_PROP_HAS_GET
            | qjs::JS_PROP_HAS_CONFIGURABLE
            | qjs::JS_PROP_CONFIGURABLE
            | qjs::JS_PROP_HAS_ENUMERABLE
            | qjs::JS_PROP_ENUMERABLE
            | qjs::JS_PROP_THROW) as i32;
        // SAFETY: everything belongs to `ctx`; JS_DefineProperty takes no
        // reference of its arguments' own.
        let r = unsafe {
            qjs::JS_DefineProperty(
                ctx.as_raw().as_ptr(),
                obj.as_raw(),
                self.atoms[name as usize],
                qjs::JS_UNDEFINED,
                get.as_raw(),
                qjs::JS_UNDEFINED,
                flags,
            )
        };
        if r < 0 {
            return Err(rquickjs::Error::Exception);
        }
        Ok(())
    }
}

impl Drop for Names {
    fn drop(&mut self) {
        for atom in self.atoms.drain(..) {
            // SAFETY: each atom holds a reference of its own, and the engine
            // drops these before its runtime.
            unsafe { rquickjs::qjs::JS_FreeAtomRT(self.rt, atom) };
        }
    }
}

/// How many compiled scripts a reused context keeps; past it the cache starts over.
const COMPILED_SCRIPTS: usize = 256;

pub(crate) struct Engine {
    /// Dropped before the runtime, like every value that holds on to it.
    reused: Option<Reused>,
    reuse: bool,
    /// Heap in use at the last measure, for the collection threshold.
    live: Cell<usize>,
    /// Heap in use after the last collection of a reused context (or its
    /// first measure): what it has grown by since is the garbage in cycles
    /// that reference counting left, plus what it keeps (required modules).
    collected: Cell<usize>,
    shared: Rc<Shared>,
    /// rquickjs caches the prototype of native functions per runtime, taken
    /// from the first context that makes one, and that context can never be
    /// freed. This small empty context is that first one, so script contexts
    /// are all freed when their run ends.
    _primer: Context,
    /// Atoms of the runtime: dropped before it.
    names: Names,
    rt: Runtime,
    guard: Rc<Guard>,
    rejections: Rc<Rejections>,
    options: SandboxOptions,
    /// The run's request while a script runs, for `init.requestText`'s getter.
    request: Rc<RefCell<Request>>,
}

/// Allocation a run may make before QuickJS collects garbage on its own.
const GC_ROOM: usize = 16 << 20;

/// Growth of a reused context's heap past which the periodic check collects.
const GC_GROWTH: usize = 1 << 20;

/// How long `finish` may run after a timeout, to collect legacy `tests` and
/// unfinished tests.
const GRACE: Duration = Duration::from_millis(200);

enum Stop {
    Done,
    Timeout,
}

impl Engine {
    pub fn new(options: SandboxOptions) -> Result<Engine, ScriptError> {
        let rt = Runtime::new().map_err(|e| engine_error(&e.to_string()))?;
        if options.memory_limit > 0 {
            rt.set_memory_limit(options.memory_limit);
        }
        let guard = Rc::new(Guard::default());
        let g = guard.clone();
        rt.set_interrupt_handler(Some(Box::new(move || g.kill.get() || g.expired())));
        let primer = Context::base(&rt).map_err(|e| engine_error(&e.to_string()))?;
        let names = primer
            .with(|ctx| {
                Function::new(ctx.clone(), || ())?;
                Names::new(&ctx)
            })
            .map_err(|e| engine_error(&e.to_string()))?;
        let rejections = Rc::new(Rejections::default());
        let r = rejections.clone();
        rt.set_host_promise_rejection_tracker(Some(Box::new(
            move |_ctx: Ctx<'_>, promise: Value<'_>, reason: Value<'_>, handled: bool| {
                let key = unsafe { rquickjs::qjs::JS_VALUE_GET_PTR(promise.as_raw()) } as usize;
                let mut pending = r.pending.borrow_mut();
                if handled {
                    pending.retain(|(k, _)| *k != key);
                } else {
                    let mut e = errors::error_from_value(&reason, r.file.get());
                    e.message = format!("unhandled promise rejection: {}", e.message);
                    pending.push((key, e));
                }
            },
        )));
        let shared = Rc::new(Shared::new(Default::default(), "test-script.js"));
        shared.record_limit.set(options.memory_limit);
        Ok(Engine {
            reused: None,
            reuse: false,
            live: Cell::new(0),
            collected: Cell::new(0),
            shared,
            _primer: primer,
            names,
            rt,
            guard,
            rejections,
            options,
            request: Rc::default(),
        })
    }

    pub fn set_interrupt(&mut self, interrupt: crate::interrupt::Interrupt) {
        *self.guard.stop.borrow_mut() = interrupt;
    }

    pub fn run(&mut self, mut run: ScriptRun<'_>, modules: &Rc<ModuleSet>) -> ScriptOutcome {
        let file: &'static str = match run.kind {
            ScriptKind::PreRequest => "prerequest-script.js",
            ScriptKind::Test => "test-script.js",
        };
        self.rejections.file.set(file);
        self.rejections.pending.borrow_mut().clear();
        self.guard.interrupted.set(false);
        let start = Instant::now();
        self.guard
            .deadline
            .set(self.options.timeout.map(|t| start + t));

        // QuickJS collects garbage whenever allocation passes 1.5 times what was
        // live after the last collection; with the small heap of a new context
        // that means several collections while a script loads its libraries.
        // Give each run room, and collect (fresh contexts) after it instead.
        // Measuring the heap walks all of it: with a reused context (and its
        // libraries) do it only now and then, after a run (see `run_reused`),
        // and in between set the threshold back from the last measure (QuickJS
        // lowers it after collecting).
        let measure = !(self.reuse && self.reused.is_some());
        let limit = self.options.memory_limit;
        if measure {
            let mut live = self.rt.memory_usage().malloc_size.max(0) as usize;
            if limit > 0 && live > limit / 2 {
                self.rt.run_gc();
                live = self.rt.memory_usage().malloc_size.max(0) as usize;
            }
            self.live.set(live);
            self.collected.set(live);
        }
        let live = self.live.get();
        let room = if limit > 0 {
            GC_ROOM.min(limit.saturating_sub(live) / 4)
        } else {
            GC_ROOM
        };
        self.rt.set_gc_threshold(live + room);

        let cookies = cookies_for(&run);
        let shared = self.shared.clone();
        shared.reset(std::mem::take(run.scopes), file);
        // The request stays with the engine while the script runs: the prelude
        // asks for it as JSON only if the script reads `pm.request`.
        std::mem::swap(&mut *self.request.borrow_mut(), run.request);
        let (result, discard) = if self.reuse {
            self.run_reused(&mut run, &shared, modules, &cookies)
        } else {
            let r = match Context::full(&self.rt) {
                Ok(context) => {
                    let r = context.with(|ctx| {
                        let r = self.prepare(&ctx, &shared, modules).and_then(|p| {
                            let fns = Prelude::of(&ctx, &p, &self.request)
                                .map_err(|e| self.caught(&ctx, e, shared.file.get()))?;
                            self.execute(&ctx, &fns, &mut run, &shared, &cookies, None)
                        });
                        self.wind_down(&ctx, &shared);
                        r
                    });
                    drop(context);
                    r
                }
                Err(e) => Err(engine_error(&e.to_string())),
            };
            (r, false)
        };
        self.guard.deadline.set(None);
        std::mem::swap(&mut *self.request.borrow_mut(), run.request);
        if !self.reuse {
            self.rt.run_gc();
            debug_assert_eq!(
                Rc::strong_count(&shared),
                2,
                "a script context outlived its run"
            );
        }

        *run.scopes = shared.scopes.take();
        let mut outcome = ScriptOutcome {
            assertions: shared.assertions.take(),
            console: shared.console.take(),
            error: shared.error.take(),
            next_request: shared.next_request.take(),
            skip_request: shared.skip.get(),
            sent_at: shared.sent_at.take(),
            variables_set: shared.variables_set.get(),
        };
        outcome.assertions.sort_by_key(|a| a.index);
        match result {
            Ok(Some(request)) => *run.request = request,
            Ok(None) => {}
            Err(e) => {
                // Timeouts and engine failures replace an earlier error only if
                // there was none, or if it was a native stopping for the deadline.
                let stopped = outcome
                    .error
                    .as_ref()
                    .is_some_and(|x| x.message.ends_with(native_api::STOPPED));
                if outcome.error.is_none() || stopped {
                    outcome.error = Some(e);
                }
            }
        }
        if outcome.error.is_none() {
            if let Some((_, e)) = self.rejections.pending.borrow_mut().drain(..).next() {
                outcome.error = Some(e);
            }
        }
        self.rejections.pending.borrow_mut().clear();
        name_callees(&mut outcome, run.source, file);
        // A reused context that ran out of time or memory may be in any state: start afresh.
        let broken = outcome.error.as_ref().is_some_and(|e| {
            matches!(
                e.name.as_str(),
                "TimeoutError" | "MemoryError" | "InternalError"
            )
        });
        if discard || broken {
            self.reused = None;
            self.rt.run_gc();
        }
        outcome
    }

    /// Keeps one context and its loaded libraries from run to run instead of
    /// making a fresh one each time: much cheaper, and what newman does (one
    /// sandbox context per run), so changes to built-in prototypes and to
    /// required modules carry over between scripts as they do there. Globals a
    /// script adds or replaces are undone after it. A context that timed out or
    /// ran out of memory is dropped.
    pub fn set_reuse(&mut self, reuse: bool) {
        self.reuse = reuse;
        if !reuse {
            self.reused = None;
            self.rt.run_gc();
        }
    }

    fn run_reused(
        &mut self,
        run: &mut ScriptRun<'_>,
        shared: &Rc<Shared>,
        modules: &Rc<ModuleSet>,
        cookies: &[CookieData],
    ) -> (Result<Option<Request>, ScriptError>, bool) {
        if self.reused.is_none() {
            let context = match Context::full(&self.rt) {
                Ok(c) => c,
                Err(e) => return (Err(engine_error(&e.to_string())), true),
            };
            let p = context.with(|ctx| {
                self.prepare(&ctx, shared, modules).and_then(|p| {
                    let fns = Prelude::of(&ctx, &p, &self.request)
                        .map_err(|e| self.caught(&ctx, e, shared.file.get()))?;
                    Ok(Persistent::save(&ctx, fns))
                })
            });
            match p {
                Ok(fns) => {
                    self.reused = Some(Reused {
                        fns,
                        context,
                        runs: 0,
                        scripts: Compiled::default(),
                    })
                }
                Err(e) => return (Err(e), true),
            }
        }
        let Some(reused) = self.reused.as_mut() else {
            return (Err(engine_error("no context")), true);
        };
        reused.runs += 1;
        let runs = reused.runs;
        let mut scripts = std::mem::take(&mut reused.scripts);
        let persistent = reused.fns.clone();
        let context = reused.context.clone();
        let mut discard = false;
        let result = context.with(|ctx| {
            let fns = match persistent.restore(&ctx) {
                Ok(p) => p,
                Err(e) => {
                    discard = true;
                    return Err(engine_error(&e.to_string()));
                }
            };
            let r = self.execute(&ctx, &fns, run, shared, cookies, Some(&mut scripts));
            self.wind_down(&ctx, shared);
            let cleaned: rquickjs::Result<()> = fns.cleanup.call(());
            if cleaned.is_err() {
                drop(ctx.catch());
                discard = true;
            }
            r
        });
        if let Some(reused) = self.reused.as_mut() {
            reused.scripts = scripts;
        }
        if runs % 64 == 0 {
            self.collect_if_grown();
        }
        (result, discard)
    }

    /// Every 64th run of a reused context: collects garbage if the heap grew
    /// since the last collection by more than [`GC_GROWTH`] (or a quarter,
    /// for large heaps), or passed half the memory limit. Most runs free
    /// everything they make by reference counting; collecting anyway walked
    /// the whole heap (~1 MB with the prelude) for nothing, about 4 µs per run.
    fn collect_if_grown(&self) {
        let limit = self.options.memory_limit;
        let mut live = self.rt.memory_usage().malloc_size.max(0) as usize;
        let collected = self.collected.get();
        let grown = live.saturating_sub(collected) > GC_GROWTH.max(collected / 4);
        if grown || (limit > 0 && live > limit / 2) {
            self.rt.run_gc();
            live = self.rt.memory_usage().malloc_size.max(0) as usize;
            self.collected.set(live);
        }
        self.live.set(live);
    }

    /// Sets up the context, runs the script and its asynchronous work, and
    /// returns the request to write back (pre-request scripts that changed it).
    fn execute<'js>(
        &self,
        ctx: &Ctx<'js>,
        p: &Prelude<'js>,
        run: &mut ScriptRun<'_>,
        shared: &Rc<Shared>,
        cookies: &[CookieData],
        mut scripts: Option<&mut Compiled>,
    ) -> Result<Option<Request>, ScriptError> {
        self.start(ctx, p, run, shared, cookies)
            .map_err(|e| self.caught(ctx, e, shared.file.get()))?;

        // The script becomes a function body so a top-level `return` works; the
        // opening sits on the lines numbered -1 and 0 so the script keeps its own
        // line numbers. Scripts that use `await` get an async body.
        let (open, close) = if run.source.contains("await") {
            ("(function () { return (async () => {", "\n})();\n})")
        } else {
            ("(function () {", "\n})")
        };
        let file = shared.file.get();
        let cached = scripts
            .as_mut()
            .and_then(|c| c.get(file, run.source))
            .and_then(|f| f.restore(ctx).ok());
        let compiled = match cached {
            Some(f) => Ok(f),
            None => {
                let wrapped = format!("\n{open}\n{}{close}", run.source);
                let f = modules::eval_at_line(ctx, &wrapped, shared.file.get(), -1);
                let test = run.kind == ScriptKind::Test;
                let redeclared = f
                    .is_ok()
                    .then(|| redeclare::redeclared_global(ctx, run.source, test))
                    .flatten();
                let f = match redeclared {
                    Some(name) => Err(rquickjs::Exception::throw_syntax(
                        ctx,
                        &format!("Identifier '{name}' has already been declared"),
                    )),
                    None => f,
                };
                if let (Ok(f), Some(c)) = (&f, scripts) {
                    c.insert(file, run.source, Persistent::save(ctx, f.clone()));
                }
                f
            }
        };
        let stop = match compiled {
            Err(e) => {
                let err = self.caught(ctx, e, shared.file.get());
                shared.fail(err);
                Stop::Done
            }
            Ok(func) => match p.run.call::<_, ()>((func,)) {
                Err(e) => {
                    if self.guard.interrupted.get() {
                        Stop::Timeout
                    } else {
                        shared.fail(self.caught(ctx, e, shared.file.get()));
                        Stop::Done
                    }
                }
                Ok(()) => self.event_loop(ctx, p, shared, run),
            },
        };

        let timeout_error = match stop {
            Stop::Timeout => Some(self.timeout_error()),
            Stop::Done => None,
        };
        // Drop the interruption's exception before calling into JavaScript again.
        drop(ctx.catch());
        // Collect legacy `tests`, unfinished tests and the request, even after a timeout.
        self.guard.interrupted.set(false);
        self.guard
            .deadline
            .set(Some(Instant::now() + GRACE).filter(|_| timeout_error.is_some()));
        let finish: rquickjs::Result<String> = p.finish.call(());
        if let Some(e) = timeout_error {
            return Err(e);
        }
        let text = finish.map_err(|e| self.caught(ctx, e, shared.file.get()))?;
        if text.is_empty() || run.kind != ScriptKind::PreRequest {
            return Ok(None);
        }
        match serde_json::from_str::<Request>(&text) {
            Ok(r) => Ok(Some(r)),
            Err(e) => Err(ScriptError {
                name: "TypeError".into(),
                message: format!("pm.request could not be written back: {e}"),
                ..Default::default()
            }),
        }
    }
}

/// QuickJS says only "not a function"; Node names the callee ("pm.foo is not a
/// function"). The callee is read from the script at the error's position.
fn name_callees(outcome: &mut ScriptOutcome, source: &str, file: &str) {
    let callee = |stack: Option<&str>| -> Option<String> {
        let (line, col) = stack?
            .lines()
            .find_map(|l| errors::frame_position(l, file))?;
        let text: Vec<char> = source
            .lines()
            .nth(line.checked_sub(1)? as usize)?
            .chars()
            .collect();
        let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
        let mut start = (col as usize).checked_sub(1)?;
        if !text.get(start).copied().is_some_and(ident) {
            return None;
        }
        let mut end = start;
        while end < text.len() && ident(text[end]) {
            end += 1;
        }
        while start > 0 && (ident(text[start - 1]) || text[start - 1] == '.') {
            start -= 1;
        }
        let name: String = text[start..end].iter().collect();
        (!name.is_empty() && !name.starts_with('.')).then_some(name)
    };
    // The script's error and its assertions' errors are told the same way.
    let name = |name: &str, message: &mut String, stack: &mut Option<String>| {
        if name != "TypeError" || message != "not a function" {
            return;
        }
        if let Some(callee) = callee(stack.as_deref()) {
            *message = format!("{callee} is not a function");
            *stack = stack
                .as_ref()
                .map(|s| s.replacen("not a function", message, 1));
        }
    };
    if let Some(e) = outcome.error.as_mut() {
        name(&e.name, &mut e.message, &mut e.stack);
    }
    for e in outcome
        .assertions
        .iter_mut()
        .filter_map(|a| a.error.as_mut())
    {
        name(&e.name, &mut e.message, &mut e.stack);
    }
}

fn engine_error(message: &str) -> ScriptError {
    ScriptError {
        name: "Error".into(),
        message: format!("script engine: {message}"),
        ..Default::default()
    }
}

impl Engine {
    /// A context's prelude: the native functions and `js/sandbox/`, as `P`.
    fn prepare<'js>(
        &self,
        ctx: &Ctx<'js>,
        shared: &Rc<Shared>,
        modules: &Rc<ModuleSet>,
    ) -> Result<Object<'js>, ScriptError> {
        let p = (|| {
            let p = Object::new(ctx.clone())?;
            p.set("host", host::install(ctx, shared, modules)?)?;
            p.set("promiseState", host::promise_state(ctx)?)?;
            let guard = self.guard.clone();
            let bounds = native_api::Bounds {
                memory_limit: self.options.memory_limit,
                expired: Rc::new(move || guard.expired()),
            };
            p.set("native", native_api::natives(ctx, &bounds)?)?;
            modules::run_prelude(ctx, modules::PRELUDE.0, modules::PRELUDE.1, &p)?;
            Ok(p)
        })();
        p.map_err(|e| self.caught(ctx, e, shared.file.get()))
    }

    /// Hands the run's data to the prelude (`P.setup`), which builds `pm` and the globals.
    fn start<'js>(
        &self,
        ctx: &Ctx<'js>,
        p: &Prelude<'js>,
        run: &ScriptRun<'_>,
        shared: &Rc<Shared>,
        cookies: &[CookieData],
    ) -> rquickjs::Result<()> {
        // The run's data as an object made field by field: going through JSON
        // text cost more (serde's value, its text, then `JSON.parse`). The
        // request stays JSON text, which the prelude parses only when a script
        // reads it, written only then, by the getter.
        let n = &self.names;
        let init = Object::new(ctx.clone())?;
        n.put(ctx, &init, Field::Kind, run.kind.listen())?;
        let info = Object::new(ctx.clone())?;
        n.put(ctx, &info, Field::Iteration, run.info.iteration)?;
        n.put(ctx, &info, Field::IterationCount, run.info.iteration_count)?;
        n.put(
            ctx,
            &info,
            Field::RequestName,
            run.info.request_name.as_str(),
        )?;
        n.put(ctx, &info, Field::RequestId, run.info.request_id.as_str())?;
        n.put(ctx, &init, Field::Info, info)?;
        n.put(
            ctx,
            &init,
            Field::EnvironmentName,
            shared.scopes.borrow().environment.name.as_str(),
        )?;
        if !cookies.is_empty() {
            let list: Vec<serde_json::Value> = cookies.iter().map(cookie_json).collect();
            n.put(
                ctx,
                &init,
                Field::CookiesText,
                serde_json::Value::Array(list).to_string(),
            )?;
        }
        let legacy = !(run.source.starts_with("\"use sandbox2\";")
            || run.source.starts_with("'use sandbox2';"));
        n.put(ctx, &init, Field::Legacy, legacy)?;
        shared.started.borrow_mut().on = legacy;
        let location = rquickjs::Array::new(ctx.clone())?;
        if run.info.location.is_empty() {
            location.set(0, run.info.request_name.as_str())?;
        } else {
            for (i, name) in run.info.location.iter().enumerate() {
                location.set(i, name.as_str())?;
            }
        }
        n.put(ctx, &init, Field::Location, location)?;
        n.put(ctx, &init, Field::LocationCurrent, run.origin)?;
        n.getter(ctx, &init, Field::RequestText, &p.request_text)?;
        n.put(ctx, &init, Field::HasResponse, run.response.is_some())?;
        if let Some(r) = run.response {
            n.put(ctx, &init, Field::ResponseData, response_data(ctx, r)?)?;
            n.put(ctx, &init, Field::ResponseTime, r.time_ms)?;
            let (text, binary) = body_strings(&r.body);
            n.put(ctx, &init, Field::Body, text)?;
            if let Some(b) = binary {
                n.put(ctx, &init, Field::Binary, b)?;
            }
        }
        p.setup.call::<_, ()>((init,))
    }

    /// Drives microtasks, host operations and timers until nothing is left.
    fn event_loop<'js>(
        &self,
        ctx: &Ctx<'js>,
        p: &Prelude<'js>,
        shared: &Rc<Shared>,
        run: &mut ScriptRun<'_>,
    ) -> Stop {
        let (timer_next, timer_fire, complete) = (&p.timer_next, &p.timer_fire, &p.complete);
        loop {
            while ctx.execute_pending_job() {
                if self.guard.interrupted.get() {
                    return Stop::Timeout;
                }
            }
            if self.guard.interrupted.get() {
                return Stop::Timeout;
            }
            if shared.skip.get() {
                return Stop::Done;
            }
            let ops: Vec<Op> = std::mem::take(&mut *shared.ops.borrow_mut());
            if !ops.is_empty() {
                for op in ops {
                    let deadline = self.guard.deadline.get();
                    let done = perform(&op, &mut *run.host, deadline);
                    if self.guard.expired() {
                        return Stop::Timeout;
                    }
                    if done.sent {
                        shared.sent_at.borrow_mut().push(Place {
                            assertions: shared.assertions.borrow().len(),
                            console: shared.console.borrow().len(),
                        });
                    }
                    let error = done.error.map(|e| e.to_string());
                    let r = complete.call::<_, ()>((op.id, error, done.result, done.body));
                    if let Err(e) = r {
                        if self.guard.interrupted.get() {
                            return Stop::Timeout;
                        }
                        shared.fail(self.caught(ctx, e, shared.file.get()));
                    }
                }
                continue;
            }
            let next: f64 = match timer_next.call(()) {
                Ok(n) => n,
                Err(_) => return Stop::Done,
            };
            if next < 0.0 {
                return Stop::Done;
            }
            if next > 0.0 {
                let wait = Duration::from_secs_f64(next / 1000.0);
                let stop = self.guard.stop.borrow().clone();
                match self.guard.deadline.get() {
                    Some(d) => {
                        let now = Instant::now();
                        if now + wait >= d {
                            stop.sleep(d.saturating_duration_since(now));
                            return Stop::Timeout;
                        }
                        if !stop.sleep(wait) {
                            return Stop::Timeout;
                        }
                    }
                    None => {
                        if !stop.sleep(wait) {
                            return Stop::Timeout;
                        }
                    }
                }
            }
            if let Err(e) = timer_fire.call::<_, ()>(()) {
                if self.guard.interrupted.get() {
                    return Stop::Timeout;
                }
                shared.fail(self.caught(ctx, e, shared.file.get()));
            }
        }
    }

    /// Leaves nothing of the run in the runtime: promise jobs still queued
    /// (they would hold the context alive and run in the next script) are run
    /// to their first interrupt check with every effect switched off, and the
    /// pending exception is dropped.
    fn wind_down<'js>(&self, ctx: &Ctx<'js>, shared: &Shared) {
        shared.closed.set(true);
        self.guard.kill.set(true);
        let mut budget = 1_000_000u32;
        while budget > 0 && ctx.execute_pending_job() {
            budget -= 1;
        }
        self.guard.kill.set(false);
        drop(ctx.catch());
    }

    fn timeout_error(&self) -> ScriptError {
        let ms = self.options.timeout.map(|t| t.as_millis()).unwrap_or(0);
        ScriptError {
            name: "TimeoutError".into(),
            message: format!(
                "script execution timed out after {ms} ms ({})",
                Setting::ScriptTimeout
            ),
            ..Default::default()
        }
    }

    /// Turns a failed call into a script error, reading the thrown value.
    fn caught<'js>(&self, ctx: &Ctx<'js>, e: rquickjs::Error, file: &str) -> ScriptError {
        if self.guard.interrupted.get() {
            return self.timeout_error();
        }
        match e {
            rquickjs::Error::Exception => errors::error_from_value(&ctx.catch(), file),
            rquickjs::Error::Allocation => {
                errors::build_error("InternalError".into(), "out of memory".into(), None, file)
            }
            other => engine_error(&other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::collection::Request;
    use crate::http::HttpResponse;
    use crate::script::*;
    use crate::vars::Scopes;

    fn request(path: &str) -> Request {
        serde_json::from_value(serde_json::json!({
            "url": format!("https://api.example.com/{path}"),
            "method": "GET",
            "header": [{"key": "X-Path", "value": path}]
        }))
        .unwrap()
    }

    fn run(
        sb: &mut Sandbox,
        kind: ScriptKind,
        source: &str,
        request: &mut Request,
    ) -> ScriptOutcome {
        let info = ScriptInfo {
            request_name: "r".into(),
            ..Default::default()
        };
        let response = HttpResponse {
            code: 200,
            status: "OK".into(),
            body: b"{}".to_vec(),
            ..Default::default()
        };
        let outcome = sb.run(ScriptRun {
            kind,
            source,
            origin: "r",
            info: &info,
            scopes: &mut Scopes::default(),
            request,
            response: (kind == ScriptKind::Test).then_some(&response),
            host: &mut Offline,
        });
        assert_eq!(outcome.error, None);
        outcome
    }

    /// The request's JSON is written when a script reads `pm.request`, by a
    /// getter made once per context: each run must see its own request, and
    /// get it back afterwards, changed only by a pre-request script.
    #[test]
    fn the_request_read_on_first_use_is_each_runs_own_and_comes_back() {
        let read = "console.log(pm.request.url.getPath(), pm.request.headers.get('X-Path'));";
        for reuse in [true, false] {
            let mut sb = Sandbox::new(SandboxOptions::default());
            sb.reuse_context(reuse);
            for path in ["one", "two", "one"] {
                for kind in [ScriptKind::PreRequest, ScriptKind::Test] {
                    let mut r = request(path);
                    let o = run(&mut sb, kind, read, &mut r);
                    assert_eq!(
                        o.console[0].text,
                        format!("/{path} {path}"),
                        "reuse {reuse}"
                    );
                    assert_eq!(
                        serde_json::to_value(&r).unwrap(),
                        serde_json::to_value(request(path)).unwrap()
                    );
                }
                // A script that never reads it gives it back as it was.
                let mut r = request(path);
                run(&mut sb, ScriptKind::Test, "var x = 1;", &mut r);
                assert_eq!(
                    serde_json::to_value(&r).unwrap(),
                    serde_json::to_value(request(path)).unwrap()
                );
            }
            let mut r = request("three");
            run(
                &mut sb,
                ScriptKind::PreRequest,
                "pm.request.headers.upsert({key: 'X-Path', value: 'changed'});",
                &mut r,
            );
            assert_eq!(r.header.len(), 1);
            assert_eq!(r.header[0].value, "changed");
            let o = run(&mut sb, ScriptKind::Test, read, &mut r);
            assert_eq!(o.console[0].text, "/three changed");
        }
    }

    /// The periodic collection of a reused context is skipped while its heap
    /// does not grow: garbage in cycles must still be collected then, well
    /// before QuickJS's own threshold (16 MB above the live heap) would.
    #[test]
    fn garbage_in_cycles_is_collected_every_64_runs_of_a_reused_context() {
        let mut engine = super::Engine::new(SandboxOptions::default()).unwrap();
        engine.set_reuse(true);
        let modules = std::rc::Rc::new(super::modules::ModuleSet::default());
        // About 60 kB of objects that reference themselves, per run.
        let leak = "for (var i = 0; i < 500; i++) { var o = { i: i, s: 'x' + i }; o.self = o; }";
        let info = ScriptInfo::default();
        let mut most = 0;
        for i in 0..512 {
            let mut request = request("leak");
            let outcome = engine.run(
                ScriptRun {
                    kind: ScriptKind::PreRequest,
                    source: leak,
                    origin: "r",
                    info: &info,
                    scopes: &mut Scopes::default(),
                    request: &mut request,
                    response: None,
                    host: &mut Offline,
                },
                &modules,
            );
            assert_eq!(outcome.error, None);
            if i % 8 == 7 {
                most = most.max(engine.rt.memory_usage().malloc_size);
            }
        }
        assert!(most < 8 << 20, "the heap reached {most} bytes");
    }
}
