//! `P.host.op`: work the script asks of the runner (`pm.sendRequest`, the
//! cookie jar), queued here and done by the engine between JavaScript jobs.

use super::Shared;
use rquickjs::{Ctx, Function, Object};
use std::rc::Rc;

pub(super) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    shared: &Rc<Shared>,
) -> rquickjs::Result<()> {
    let s = shared.clone();
    host.set(
        "op",
        Function::new(ctx.clone(), move |kind: String, payload: String| {
            s.queue_op(kind, payload)
        })?,
    )
}
