//! `P.promiseState`: what console output shows of a promise.

use rquickjs::{Ctx, Function, Promise, Value};

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
