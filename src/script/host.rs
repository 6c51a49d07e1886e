//! The native side of a script run: the state the script changes and the
//! functions (`P.host.*`) through which the JavaScript prelude reaches it.

use super::errors::{build_error, error_from_value};
use super::modules::{self, ModuleSet};
use super::types::*;
use crate::setting::Setting;
use crate::vars::{ScopeKind, Scopes, VariableScope};
use rquickjs::function::Opt;
use rquickjs::{Ctx, Function, Object, Promise, Value};
use serde_json::{Map, Value as Json};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
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
    pub sent_at: RefCell<Vec<usize>>,
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
        }
    }

    /// Counts `bytes` more handed over by the script; past the limit the
    /// script fails with a memory error (thrown into it too, to stop it).
    pub fn take_room(&self, ctx: &Ctx<'_>, bytes: usize) -> rquickjs::Result<()> {
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

fn scope_kind(name: &str) -> Option<ScopeKind> {
    Some(match name {
        "local" => ScopeKind::Local,
        "data" => ScopeKind::Data,
        "environment" => ScopeKind::Environment,
        "collection" => ScopeKind::Collection,
        "globals" => ScopeKind::Globals,
        _ => return None,
    })
}

/// Precedence order, lowest first, for merged views of every scope.
const LOW_TO_HIGH: [ScopeKind; 5] = [
    ScopeKind::Globals,
    ScopeKind::Collection,
    ScopeKind::Environment,
    ScopeKind::Data,
    ScopeKind::Local,
];

fn json_text(v: &Json) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// How deep a value a script hands to postie may nest: such values are walked
/// recursively (written to reports, handed back to scripts).
pub(crate) const MAX_VALUE_DEPTH: usize = 256;

/// Whether JSON `text` nests arrays and objects no deeper than `max`, without
/// parsing it (parsing is what would recurse).
pub(crate) fn json_depth_within(text: &str, max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

fn parse_value(text: Option<String>) -> Json {
    match text {
        None => Json::Null,
        Some(t) => serde_json::from_str(&t).unwrap_or(Json::String(t)),
    }
}

/// The message postman-collection's JSON parser gives for text that is not JSON.
pub(crate) fn json_error_message(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return "No data, empty input at 1:1\n\n^".into();
    }
    let err = match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => return "Unexpected token at 1:1".into(),
        Err(e) => e,
    };
    let line_no = err.line().max(1);
    let line = text.lines().nth(line_no - 1).unwrap_or("");
    let chars: Vec<char> = line.chars().collect();
    // serde points at the offending character (1-based); at the end of input it
    // points one past the last one.
    let mut col = err.column().max(1);
    if col > chars.len() && !chars.is_empty() {
        col = chars.len();
    }
    let msg = err.to_string();
    // serde stops after a misspelt literal (`tru}`); point at its start.
    if msg.starts_with("expected ident") || msg.starts_with("expected value") {
        while col > 1 && chars.get(col - 2).is_some_and(|c| c.is_ascii_alphabetic()) {
            col -= 1;
        }
    }
    let at = chars.get(col - 1).copied();
    let before = chars[..(col - 1).min(chars.len())]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .copied();
    let what = match at {
        Some(c @ ('}' | ']')) if before == Some(',') => format!(
            "Trailing comma in {}",
            if c == '}' { "object" } else { "array" }
        ),
        _ if msg.starts_with("EOF") => "Unexpected end of JSON input".to_string(),
        Some(c) => format!("Unexpected token '{c}'"),
        None => "Unexpected end of JSON input".to_string(),
    };
    format!(
        "{what} at {line_no}:{col}\n{line}\n{}^",
        " ".repeat(col - 1)
    )
}

/// Builds `P.host`, the native functions the prelude calls.
pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    shared: &Rc<Shared>,
    modules: &Rc<ModuleSet>,
) -> rquickjs::Result<Object<'js>> {
    let host = Object::new(ctx.clone())?;

    let s = shared.clone();
    host.set(
        "console",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  level: String,
                  text: String,
                  shown: Opt<String>|
                  -> rquickjs::Result<()> {
                if s.closed.get() {
                    return Ok(());
                }
                let room = text.len() + shown.0.as_ref().map_or(0, String::len);
                s.take_room(&ctx, room)?;
                s.console.borrow_mut().push(ConsoleEntry {
                    level,
                    text,
                    shown: shown.0,
                });
                Ok(())
            },
        )?,
    )?;

    let s = shared.clone();
    host.set(
        "assertion",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, json: String| -> rquickjs::Result<()> {
                if s.closed.get() {
                    return Ok(());
                }
                // The record keeps about what its JSON holds, plus its own size.
                s.take_room(&ctx, json.len() + std::mem::size_of::<AssertionResult>())?;
                let v: Json = serde_json::from_str(&json).unwrap_or(Json::Null);
                let compared = |k: &str| {
                    let text = v.get("diff")?.get(k)?.as_str()?;
                    if !json_depth_within(text, MAX_VALUE_DEPTH) {
                        return None;
                    }
                    serde_json::from_str::<Json>(text).ok()
                };
                let (expected, actual) = (compared("expected"), compared("actual"));
                let error = v.get("error").filter(|e| e.is_object()).map(|e| {
                    let field = |k: &str| e.get(k).and_then(Json::as_str).map(str::to_string);
                    let name = field("name").unwrap_or_else(|| "Error".into());
                    let message = field("message").unwrap_or_default();
                    let built = build_error(name, message, field("stack").as_deref(), s.file.get());
                    AssertionError {
                        name: built.name,
                        message: built.message,
                        stack: built.stack,
                        expected,
                        actual,
                    }
                });
                s.assertions.borrow_mut().push(AssertionResult {
                    name: v
                        .get("name")
                        .and_then(Json::as_str)
                        .unwrap_or("")
                        .to_string(),
                    index: v.get("index").and_then(Json::as_u64).unwrap_or(0) as usize,
                    passed: v.get("passed").and_then(Json::as_bool).unwrap_or(false),
                    skipped: v.get("skipped").and_then(Json::as_bool).unwrap_or(false),
                    error,
                });
                Ok(())
            },
        )?,
    )?;

    let s = shared.clone();
    host.set(
        "scriptError",
        Function::new(ctx.clone(), move |value: Value<'js>| {
            s.fail(error_from_value(&value, s.file.get()));
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "setNext",
        Function::new(ctx.clone(), move |mode: i32, name: Option<String>| {
            if s.closed.get() {
                return;
            }
            *s.next_request.borrow_mut() = match mode {
                0 => NextRequest::Continue,
                1 => NextRequest::Stop,
                _ => NextRequest::Jump(name.unwrap_or_default()),
            };
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "skip",
        Function::new(ctx.clone(), move || {
            if !s.closed.get() {
                s.skip.set(true)
            }
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "now",
        Function::new(ctx.clone(), move || {
            s.start.get().elapsed().as_secs_f64() * 1000.0
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varGet",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            let scopes = s.scopes.borrow();
            let v = match scope_kind(&scope) {
                Some(k) => scopes.scope(k).get(&key),
                None => scopes.lookup(&key),
            };
            v.map(json_text)
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varSet",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  scope: String,
                  key: String,
                  value: Option<String>|
                  -> rquickjs::Result<()> {
                if s.closed.get() {
                    return Ok(());
                }
                let size = key.len() + value.as_ref().map_or(0, String::len);
                s.take_room(&ctx, size)?;
                if let Some(text) = &value {
                    if !json_depth_within(text, MAX_VALUE_DEPTH) {
                        return Err(rquickjs::Exception::throw_range(
                            &ctx,
                            &format!("the value of '{key}' is nested deeper than {MAX_VALUE_DEPTH} levels"),
                        ));
                    }
                }
                if let Some(k) = scope_kind(&scope) {
                    s.scopes
                        .borrow_mut()
                        .scope_mut(k)
                        .set(&key, parse_value(value));
                }
                Ok(())
            },
        )?,
    )?;

    let s = shared.clone();
    host.set(
        "varUnset",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            if s.closed.get() {
                return;
            }
            if let Some(k) = scope_kind(&scope) {
                s.scopes.borrow_mut().scope_mut(k).unset(&key);
            }
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varClear",
        Function::new(ctx.clone(), move |scope: String| {
            if s.closed.get() {
                return;
            }
            if let Some(k) = scope_kind(&scope) {
                s.scopes.borrow_mut().scope_mut(k).clear();
            }
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varHas",
        Function::new(ctx.clone(), move |scope: String, key: String| {
            let scopes = s.scopes.borrow();
            match scope_kind(&scope) {
                Some(k) => scopes.scope(k).has(&key),
                None => scopes.lookup(&key).is_some(),
            }
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varObject",
        Function::new(ctx.clone(), move |scope: String| {
            let scopes = s.scopes.borrow();
            let obj = match scope_kind(&scope) {
                Some(k) => scopes.scope(k).to_object(),
                None => {
                    let mut m = Map::new();
                    for k in LOW_TO_HIGH {
                        m.extend(scopes.scope(k).to_object());
                    }
                    m
                }
            };
            json_text(&Json::Object(obj))
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "varList",
        Function::new(ctx.clone(), move |scope: String| {
            let scopes = s.scopes.borrow();
            let kind = scope_kind(&scope).unwrap_or(ScopeKind::Local);
            serde_json::to_string(&scopes.scope(kind).values).unwrap_or_else(|_| "[]".into())
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "scopeName",
        Function::new(ctx.clone(), move |scope: String| {
            let scopes = s.scopes.borrow();
            scope_kind(&scope)
                .map(|k| scopes.scope(k).name.clone())
                .filter(|n| !n.is_empty())
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "replaceIn",
        Function::new(ctx.clone(), move |scope: String, text: String| {
            // "dynamic": only `{{$guid}}` and the other dynamic variables.
            if scope == "dynamic" {
                return Scopes::default().resolve(&text).text;
            }
            let scopes = s.scopes.borrow();
            match scope_kind(&scope) {
                None => scopes.resolve(&text).text,
                Some(k) => {
                    let only = Scopes {
                        local: VariableScope {
                            values: scopes.scope(k).values.clone(),
                            ..Default::default()
                        },
                        ..Default::default()
                    };
                    only.resolve(&text).text
                }
            }
        })?,
    )?;

    let s = shared.clone();
    host.set(
        "op",
        Function::new(ctx.clone(), move |kind: String, payload: String| {
            if s.closed.get() {
                return 0;
            }
            let id = s.op_seq.get() + 1;
            s.op_seq.set(id);
            s.ops.borrow_mut().push(Op { id, kind, payload });
            id
        })?,
    )?;

    host.set(
        "jsonError",
        Function::new(ctx.clone(), |text: String| json_error_message(&text))?,
    )?;

    host.set(
        "prelude",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, name: String, p: Object<'js>| -> rquickjs::Result<()> {
                match modules::PRELUDE_LAZY.iter().find(|(n, _, _)| *n == name) {
                    Some((_, file, source)) => modules::run_prelude(&ctx, file, source, &p),
                    None => Ok(()),
                }
            },
        )?,
    )?;

    let m = modules.clone();
    host.set(
        "loadModule",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, name: String, internal: Opt<bool>| {
                m.load(&ctx, &name, internal.0.unwrap_or(false))
            },
        )?,
    )?;

    Ok(host)
}

/// `P.promiseState(p)`: `[state, value]` for console output of promises.
pub(crate) fn promise_state<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Function<'js>> {
    Function::new(
        ctx.clone(),
        |ctx: Ctx<'js>, value: Value<'js>| -> rquickjs::Result<Vec<Value<'js>>> {
            let Some(obj) = value.as_object() else {
                return Ok(Vec::new());
            };
            if !value.is_promise() {
                return Ok(Vec::new());
            }
            let p = Promise::from_value(obj.clone().into_value())?;
            let state =
                |s: &str| rquickjs::String::from_str(ctx.clone(), s).map(|s| s.into_value());
            Ok(match p.state() {
                rquickjs::promise::PromiseState::Pending => vec![state("pending")?],
                rquickjs::promise::PromiseState::Resolved => {
                    let v: Value = p
                        .result()
                        .unwrap_or_else(|| Ok(Value::new_undefined(ctx.clone())))?;
                    vec![state("fulfilled")?, v]
                }
                rquickjs::promise::PromiseState::Rejected => {
                    let _ = p.result::<Value>();
                    let reason = ctx.catch();
                    vec![state("rejected")?, reason]
                }
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_read_like_postman() {
        assert_eq!(
            json_error_message("<html>"),
            "Unexpected token '<' at 1:1\n<html>\n^"
        );
        assert_eq!(json_error_message(""), "No data, empty input at 1:1\n\n^");
        assert_eq!(
            json_error_message("[1,2,]"),
            "Trailing comma in array at 1:6\n[1,2,]\n     ^"
        );
        assert_eq!(
            json_error_message("{\"a\":1}\n\nxyz"),
            "Unexpected token 'x' at 3:1\nxyz\n^"
        );
        assert_eq!(
            json_error_message("{\"a\": tru}"),
            "Unexpected token 't' at 1:7\n{\"a\": tru}\n      ^"
        );
    }

    #[test]
    fn json_depth_is_counted_outside_strings() {
        assert!(json_depth_within(r#"{"a":[1,{"b":"[[[["}]}"#, 3));
        assert!(!json_depth_within("[[[[]]]]", 3));
        assert!(json_depth_within(r#""\\\"[[""#, 0));
        assert!(!json_depth_within(r#""\\"[[""#, 1));
        assert!(!json_depth_within(r#"["\"",[[]]]"#, 2));
    }

    #[test]
    fn values_from_scripts_are_json_or_text() {
        assert_eq!(parse_value(Some("5".into())), serde_json::json!(5));
        assert_eq!(
            parse_value(Some("not json".into())),
            Json::String("not json".into())
        );
        assert_eq!(parse_value(None), Json::Null);
    }
}
