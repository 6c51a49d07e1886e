//! `P.host.now`: the run's clock, which timers and `performance.now()` read.

use super::Shared;
use rquickjs::{Ctx, Function, Object};
use std::rc::Rc;

pub(super) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    shared: &Rc<Shared>,
) -> rquickjs::Result<()> {
    let s = shared.clone();
    host.set("now", Function::new(ctx.clone(), move || s.elapsed_ms())?)
}
