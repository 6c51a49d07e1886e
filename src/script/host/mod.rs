//! The native side of a script run: the state the script changes and the
//! functions (`P.host.*`) through which the JavaScript prelude reaches it,
//! one file a concern.

mod clock;
mod console;
mod flow;
mod json_error;
mod keys;
mod loading;
mod operations;
mod promise;
mod response;
mod results;
mod shared;
mod started;
mod value_depth;
mod variables;

pub(crate) use promise::promise_state;
pub(crate) use shared::{Op, Shared};
pub(crate) use value_depth::{json_depth_within, MAX_VALUE_DEPTH};

use super::modules::ModuleSet;
use rquickjs::{Ctx, Object};
use std::rc::Rc;

/// Builds `P.host`, the native functions the prelude calls.
pub(crate) fn install<'js>(
    ctx: &Ctx<'js>,
    shared: &Rc<Shared>,
    modules: &Rc<ModuleSet>,
) -> rquickjs::Result<Object<'js>> {
    let host = Object::new(ctx.clone())?;
    console::install(ctx, &host, shared)?;
    results::install(ctx, &host, shared)?;
    flow::install(ctx, &host, shared)?;
    clock::install(ctx, &host, shared)?;
    variables::install(ctx, &host, shared)?;
    operations::install(ctx, &host, shared)?;
    json_error::install(ctx, &host)?;
    keys::install(ctx, &host)?;
    response::install(ctx, &host)?;
    loading::install(ctx, &host, modules)?;
    Ok(host)
}
