//! `P.host.console`: console lines the script prints, kept for the reporters.

use super::Shared;
use crate::script::types::ConsoleEntry;
use rquickjs::function::Opt;
use rquickjs::{Ctx, Function, Object};
use std::rc::Rc;

pub(super) fn install<'js>(
    ctx: &Ctx<'js>,
    host: &Object<'js>,
    shared: &Rc<Shared>,
) -> rquickjs::Result<()> {
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
                let room = text.len() + shown.0.as_ref().map_or(0, String::len);
                if !s.admit(&ctx, room)? {
                    return Ok(());
                }
                s.console.borrow_mut().push(ConsoleEntry {
                    level,
                    text,
                    shown: shown.0,
                    after_assertions: s.assertions.borrow().len(),
                });
                Ok(())
            },
        )?,
    )
}
