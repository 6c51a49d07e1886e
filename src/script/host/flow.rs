//! `P.host.setNext` and `P.host.skip`: what the run does after the script
//! (`pm.execution.setNextRequest`, `pm.execution.skipRequest`).

use super::Shared;
use crate::script::types::NextRequest;
use rquickjs::{Ctx, Function, Object};
use std::rc::Rc;

pub(super) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    shared: &Rc<Shared>,
) -> rquickjs::Result<()> {
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
    )
}
