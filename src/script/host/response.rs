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
              -> rquickjs::Result<Array<'js>> {
            members(&ctx, &names, &proto, &data, from)
        },
    )?;
    host.set("headerMembers", f)
}

const PLAIN: i32 = (qjs::JS_PROP_C_W_E | qjs::JS_PROP_THROW) as i32;

/// Defines `obj[atom] = value` as a plain own property, taking a reference of its own.
fn put(
    ctx: &Ctx<'_>,
    obj: &Value<'_>,
    atom: qjs::JSAtom,
    value: &Value<'_>,
) -> rquickjs::Result<()> {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: live values of this context; the call takes the duplicated reference.
    let r = unsafe {
        qjs::JS_DefinePropertyValue(
            raw,
            obj.as_raw(),
            atom,
            qjs::JS_DupValue(raw, value.as_raw()),
            PLAIN,
        )
    };
    if r < 0 {
        return Err(rquickjs::Error::Exception);
    }
    Ok(())
}

/// The list's members: one header object per name and value after `from`,
/// in an array defined element by element, as `push` filled it.
fn members<'js>(
    ctx: &Ctx<'js>,
    names: &Names,
    proto: &Object<'js>,
    data: &Array<'js>,
    from: usize,
) -> rquickjs::Result<Array<'js>> {
    let raw = ctx.as_raw().as_ptr();
    let list = Array::new(ctx.clone())?;
    let count = data.len().saturating_sub(from) / 2;
    for i in 0..count {
        let key: Value = data.get(from + 2 * i)?;
        let value: Value = data.get(from + 2 * i + 1)?;
        // SAFETY: a live prototype object of this context; the new object is
        // owned by the `Value` that frees it.
        let header = unsafe { qjs::JS_NewObjectProto(raw, proto.as_raw()) };
        if unsafe { qjs::JS_IsException(header) } {
            return Err(rquickjs::Error::Exception);
        }
        let header = unsafe { Value::from_raw(ctx.clone(), header) };
        put(ctx, &header, names.key, &key)?;
        put(ctx, &header, names.value, &value)?;
        // SAFETY: as in `put`, with the element's index for its atom.
        let r = unsafe {
            qjs::JS_DefinePropertyValueUint32(
                raw,
                list.as_raw(),
                i as u32,
                qjs::JS_DupValue(raw, header.as_raw()),
                PLAIN,
            )
        };
        if r < 0 {
            return Err(rquickjs::Error::Exception);
        }
    }
    Ok(list)
}
