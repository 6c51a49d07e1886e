//! `P.host.prelude` and `P.host.loadModule`: the prelude pieces loaded on
//! first use and the modules `require` finds.

use crate::script::modules::{self, ModuleSet};
use rquickjs::function::Opt;
use rquickjs::{Ctx, Function, Object};
use std::rc::Rc;

pub(super) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    modules: &Rc<ModuleSet>,
) -> rquickjs::Result<()> {
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
    )
}
