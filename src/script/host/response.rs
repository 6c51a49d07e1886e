//! `P.host.headerMembers(proto, data, from)`: the header objects of the
//! response a test script reads, made from the run's header names and values
//! (`data[from]`, `data[from + 1]`, … as the engine hands them over).
//!
//! Made by the SDK's `new Header({ key, value })` through its list's
//! `populate`, `add` and `_coerce`, each header cost about 27,000 interpreted
//! instructions; a real response has 4 to 10. Here each is an object of
//! `proto` (`Header.prototype`) with the own data properties `key` then
//! `value` (writable, enumerable, configurable), defined rather than assigned
//! as the constructor left them: the same objects, keys in the same order.

use crate::script::shapes::Owned;
use rquickjs::{qjs, Array, Ctx, Function, Object, Value};
use std::rc::Rc;

/// The atoms of `key` and `value`, made once per context.
struct Names {
    rt: *mut qjs::JSRuntime,
    key: qjs::JSAtom,
    value: qjs::JSAtom,
}

impl Names {
    fn new(ctx: &Ctx<'_>) -> rquickjs::Result<Names> {
        let raw = ctx.as_raw().as_ptr();
        let atom = |name: &str| {
            // SAFETY: a valid context and a buffer of `name.len()` bytes.
            let atom = unsafe { qjs::JS_NewAtomLen(raw, name.as_ptr().cast(), name.len() as _) };
            if atom == qjs::JS_ATOM_NULL {
                return Err(rquickjs::Error::Allocation);
            }
            Ok(atom)
        };
        Ok(Names {
            // SAFETY: the context is alive.
            rt: unsafe { qjs::JS_GetRuntime(raw) },
            key: atom("key")?,
            value: atom("value")?,
        })
    }
}

impl Drop for Names {
    fn drop(&mut self) {
        // The function holding this is finalized while its runtime lives.
        unsafe {
            qjs::JS_FreeAtomRT(self.rt, self.key);
            qjs::JS_FreeAtomRT(self.rt, self.value);
        }
    }
}

pub(super) fn install<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let names = Rc::new(Names::new(ctx)?);
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              proto: Object<'js>,
              data: Array<'js>,
              from: usize|
              -> rquickjs::Result<Value<'js>> {
            members(&ctx, &names, &proto, &data, from)
        },
    )?;
    host.set("headerMembers", f)
}

const PLAIN: i32 = (qjs::JS_PROP_C_W_E | qjs::JS_PROP_THROW) as i32;

/// The list's members: one header object per name and value after `from`, in
/// an array made from them at once, as `push` left it.
fn members<'js>(
    ctx: &Ctx<'js>,
    names: &Names,
    proto: &Object<'js>,
    data: &Array<'js>,
    from: usize,
) -> rquickjs::Result<Value<'js>> {
    let raw = ctx.as_raw().as_ptr();
    let count = data.len().saturating_sub(from) / 2;
    let mut headers = Owned::new(raw, count);
    for i in 0..count {
        let at = (from + 2 * i) as u32;
        // SAFETY: live values of this context. The header is owned by
        // `headers` from its making; each read value is owned until the
        // definition takes it (or frees it when it fails).
        unsafe {
            headers.push(qjs::JS_NewObjectProto(raw, proto.as_raw()))?;
            let header = *headers.last();
            for (atom, k) in [(names.key, at), (names.value, at + 1)] {
                let v = qjs::JS_GetPropertyUint32(raw, data.as_raw(), k);
                if qjs::JS_IsException(v) {
                    return Err(rquickjs::Error::Exception);
                }
                if qjs::JS_DefinePropertyValue(raw, header, atom, v, PLAIN) < 0 {
                    return Err(rquickjs::Error::Exception);
                }
            }
        }
    }
    headers.into_array(ctx)
}
