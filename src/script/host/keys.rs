//! Own properties by atom, for what the prelude does on every run:
//! `P.host.keysRecord` and `P.host.keysSame` tell whether an object made once
//! per context still has the own keys it was made with (the after-run check);
//! `P.host.shapeRecord` and `P.host.define` define a fixed list of properties
//! (pm's, the legacy globals, the Postman SDK's responses and lists) with the
//! run's values.
//!
//! Listing the keys into a JavaScript array (`Reflect.ownKeys`) and comparing
//! it element by element in the prelude cost more than half of the check: an
//! array and a string value per key, and an interpreted loop. Here the keys stay
//! atoms, compared as integers. Likewise `Object.defineProperties` reads each
//! descriptor object field by field, where here each property's attributes
//! are flags recorded once.

use rquickjs::class::{JsClass, Readable, Trace, Tracer};
use rquickjs::function::Constructor;
use rquickjs::function::Opt;
use rquickjs::{qjs, Array, Class, Ctx, Function, JsLifetime, Object, Value};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// The key lists one object was seen with.
struct Keys {
    /// Lists found made only of known keys, the one recorded first; a list
    /// equal to one of them passes without a look-up per key.
    /// Shared, so a check reads one without a copy or a borrow held.
    orders: Vec<Rc<[qjs::JSAtom]>>,
    /// Every key recorded (each atom counted once, for the drop).
    known: HashSet<qjs::JSAtom>,
    /// How many orders are kept; 1: the keys must be in the recorded order.
    max_orders: usize,
}

struct Records {
    rt: *mut qjs::JSRuntime,
    list: Vec<Keys>,
    /// Property lists for `define`: each property's atom (a reference of its
    /// own) and attribute flags (`JS_PROP_*`).
    shapes: Vec<Shape>,
    /// Shapes kept for the context's life (the Postman SDK's objects, whose
    /// piece of the prelude is loaded once per context), from id `KEPT` on.
    kept: Vec<Shape>,
    /// Key lists for `globalsSame`'s values (each atom a reference of its own).
    values: Vec<Rc<[qjs::JSAtom]>>,
}

type Shape = Vec<(qjs::JSAtom, i32)>;

/// The first id of a kept shape.
const KEPT: usize = 1 << 20;

impl Records {
    /// Drops every record: the prelude records its objects again when it
    /// makes them again.
    fn forget(&mut self) {
        // The functions holding this are finalized while their runtime lives.
        for keys in self.list.drain(..) {
            for atom in keys.known {
                unsafe { qjs::JS_FreeAtomRT(self.rt, atom) };
            }
        }
        for shape in self.shapes.drain(..) {
            for (atom, _) in shape {
                unsafe { qjs::JS_FreeAtomRT(self.rt, atom) };
            }
        }
        for keys in self.values.drain(..) {
            for &atom in keys.iter() {
                unsafe { qjs::JS_FreeAtomRT(self.rt, atom) };
            }
        }
    }
}

impl Drop for Records {
    fn drop(&mut self) {
        self.forget();
        for shape in self.kept.drain(..) {
            for (atom, _) in shape {
                unsafe { qjs::JS_FreeAtomRT(self.rt, atom) };
            }
        }
    }
}

/// An object's own keys (strings and symbols, in `Reflect.ownKeys` order) as
/// atoms, freed with the list.
struct OwnKeys {
    ctx: *mut qjs::JSContext,
    tab: *mut qjs::JSPropertyEnum,
    len: u32,
}

impl OwnKeys {
    fn of(ctx: &Ctx<'_>, obj: &Object<'_>) -> rquickjs::Result<OwnKeys> {
        let raw = ctx.as_raw().as_ptr();
        let mut tab: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
        let mut len: u32 = 0;
        let flags = (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_SYMBOL_MASK) as i32;
        let r =
            unsafe { qjs::JS_GetOwnPropertyNames(raw, &mut tab, &mut len, obj.as_raw(), flags) };
        if r < 0 {
            return Err(rquickjs::Error::Exception);
        }
        Ok(OwnKeys { ctx: raw, tab, len })
    }

    fn atoms(&self) -> impl Iterator<Item = qjs::JSAtom> + '_ {
        (0..self.len as usize).map(|i| unsafe { (*self.tab.add(i)).atom })
    }

    fn equal(&self, order: &[qjs::JSAtom]) -> bool {
        order.len() == self.len as usize && self.atoms().zip(order).all(|(a, &b)| a == b)
    }
}

impl Drop for OwnKeys {
    fn drop(&mut self) {
        if !self.tab.is_null() {
            unsafe { qjs::JS_FreePropertyEnum(self.ctx, self.tab, self.len) };
        }
    }
}

pub(super) fn install<'js>(ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
    let records = Rc::new(RefCell::new(Records {
        rt: unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) },
        list: Vec::new(),
        shapes: Vec::new(),
        kept: Vec::new(),
        values: Vec::new(),
    }));
    let r = records.clone();
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>, obj: Object<'js>, max_orders: usize| -> rquickjs::Result<usize> {
            record(&ctx, &mut r.borrow_mut(), &obj, max_orders.max(1))
        },
    )?;
    host.set("keysRecord", f)?;
    let r = records.clone();
    let f = Function::new(ctx.clone(), move || r.borrow_mut().forget())?;
    host.set("keysForget", f)?;
    let r = records.clone();
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>, obj: Object<'js>, id: usize| -> rquickjs::Result<bool> {
            same(&ctx, &mut r.borrow_mut(), &obj, id)
        },
    )?;
    host.set("keysSame", f)?;
    let r = records.clone();
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>, held: Class<'js, Held<'js>>| -> rquickjs::Result<bool> {
            records_same(&ctx, &r, &held.borrow())
        },
    )?;
    host.set("recordsSame", f)?;
    let f = Function::new(
        ctx.clone(),
        |ctx: Ctx<'js>, list: Array<'js>| -> rquickjs::Result<Class<'js, Held<'js>>> {
            Class::instance(ctx, Held::of(&list)?)
        },
    )?;
    host.set("hold", f)?;
    let r = records.clone();
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>, keys: Array<'js>| -> rquickjs::Result<usize> {
            let raw = ctx.as_raw().as_ptr();
            let mut atoms = Vec::with_capacity(keys.len());
            for k in 0..keys.len() {
                let key: Value = keys.get(k)?;
                let atom = unsafe { qjs::JS_ValueToAtom(raw, key.as_raw()) };
                if atom == qjs::JS_ATOM_NULL {
                    return Err(rquickjs::Error::Exception);
                }
                atoms.push(atom);
            }
            let mut r = r.borrow_mut();
            r.values.push(atoms.into());
            Ok(r.values.len() - 1)
        },
    )?;
    host.set("valuesRecord", f)?;
    let r = records.clone();
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              obj: Object<'js>,
              keys: usize,
              held: Class<'js, Held<'js>>|
              -> rquickjs::Result<bool> {
            if !same(&ctx, &mut r.borrow_mut(), &obj, keys)? {
                return Ok(false);
            }
            values_same(&ctx, &r, &held.borrow())
        },
    )?;
    host.set("globalsSame", f)?;
    let r = records.clone();
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              names: Vec<String>,
              flags: Vec<i32>,
              keep: Opt<bool>|
              -> rquickjs::Result<usize> {
            let raw = ctx.as_raw().as_ptr();
            let shape = names
                .iter()
                .zip(flags.iter().chain(std::iter::repeat(&0)))
                .map(|(name, &f)| {
                    let atom =
                        unsafe { qjs::JS_NewAtomLen(raw, name.as_ptr().cast(), name.len() as _) };
                    (atom, f & ATTRIBUTES)
                })
                .collect();
            let mut r = r.borrow_mut();
            if keep.0 == Some(true) {
                r.kept.push(shape);
                return Ok(KEPT + r.kept.len() - 1);
            }
            r.shapes.push(shape);
            Ok(r.shapes.len() - 1)
        },
    )?;
    host.set("shapeRecord", f)?;
    let f = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              obj: Object<'js>,
              id: usize,
              values: Array<'js>|
              -> rquickjs::Result<()> {
            define(&ctx, &records.borrow(), &obj, id, &values)
        },
    )?;
    host.set("define", f)
}

/// Objects with the values they are checked against, held by the host as
/// one JavaScript object (`host.hold([obj, id, values, …])`) so the checks
/// read them without a property read from a JavaScript array each, and the
/// collector still sees the references.
pub(super) struct Held<'js> {
    entries: Vec<Entry<'js>>,
}

struct Entry<'js> {
    obj: Object<'js>,
    /// Its prototype when held (null for none). Only `recordsSame` checks it:
    /// newman makes those objects for every script; the global object's
    /// prototype is left unchecked, as it was.
    proto: Value<'js>,
    /// A key record (`keysRecord`) or a values record (`valuesRecord`).
    id: usize,
    values: Vec<Value<'js>>,
}

impl<'js> Held<'js> {
    fn of(list: &Array<'js>) -> rquickjs::Result<Held<'js>> {
        let mut entries = Vec::with_capacity(list.len() / 3);
        for t in 0..list.len() / 3 {
            let obj: Object = list.get(3 * t)?;
            let values: Array = list.get(3 * t + 2)?;
            let proto = match obj.get_prototype() {
                Some(p) => p.into_value(),
                None => Value::new_null(obj.ctx().clone()),
            };
            entries.push(Entry {
                obj,
                proto,
                id: list.get(3 * t + 1)?,
                values: values.iter().collect::<rquickjs::Result<_>>()?,
            });
        }
        Ok(Held { entries })
    }
}

impl<'js> Trace<'js> for Held<'js> {
    fn trace<'a>(&self, tracer: Tracer<'a, 'js>) {
        for e in &self.entries {
            e.obj.trace(tracer);
            e.proto.trace(tracer);
            for v in &e.values {
                v.trace(tracer);
            }
        }
    }
}

// SAFETY: `Held` holds nothing but values of the lifetime it is changed to.
unsafe impl<'js> JsLifetime<'js> for Held<'js> {
    type Changed<'to> = Held<'to>;
}

impl<'js> JsClass<'js> for Held<'js> {
    const NAME: &'static str = "Held";
    type Mutable = Readable;

    /// None: rquickjs keeps a class's prototype for the runtime's life, and
    /// with it the context that made it, which could then never be freed.
    fn prototype(_ctx: &Ctx<'js>) -> rquickjs::Result<Option<Object<'js>>> {
        Ok(None)
    }

    fn constructor(_ctx: &Ctx<'js>) -> rquickjs::Result<Option<Constructor<'js>>> {
        Ok(None)
    }
}

/// `host.recordsSame(held)`: whether each object recorded with one key order
/// still has its prototype, its keys in that order and, read as `obj[key]`
/// reads them, the values it was recorded with (in key order), equal as `===`
/// says or both NaN. One call for all of them: a call from the prelude and a
/// compiled check per object cost more than the comparisons.
fn records_same<'js>(
    ctx: &Ctx<'js>,
    records: &RefCell<Records>,
    held: &Held<'js>,
) -> rquickjs::Result<bool> {
    let raw = ctx.as_raw().as_ptr();
    for e in &held.entries {
        // SAFETY: `obj` belongs to `ctx`; the `Read` frees the prototype read.
        let proto = unsafe { Read::new(raw, qjs::JS_GetPrototype(raw, e.obj.as_raw()))? };
        if !same_reference(proto.value, e.proto.as_raw()) {
            return Ok(false);
        }
        if !same(ctx, &mut records.borrow_mut(), &e.obj, e.id)? {
            return Ok(false);
        }
        // A getter runs script code: hold no borrow while reading. The atoms
        // stay alive in the record, which only the prelude's `install` drops.
        let atoms = match records.borrow().list.get(e.id) {
            Some(keys) if keys.max_orders == 1 => keys.orders[0].clone(),
            _ => return Ok(false),
        };
        if atoms.len() != e.values.len() || !reads_same(ctx, &e.obj, &atoms, &e.values, false)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A value read by the host and freed when dropped, without the context
/// reference an rquickjs `Value` takes and drops: the checks below read a few
/// hundred values per run.
struct Read {
    ctx: *mut qjs::JSContext,
    value: qjs::JSValue,
}

impl Read {
    fn new(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> rquickjs::Result<Read> {
        // SAFETY: an exception value holds no reference to free.
        if unsafe { qjs::JS_IsException(value) } {
            return Err(rquickjs::Error::Exception);
        }
        Ok(Read { ctx, value })
    }
}

impl Drop for Read {
    fn drop(&mut self) {
        // SAFETY: `value` is a reference of its own, taken from `ctx`.
        unsafe { qjs::JS_FreeValue(self.ctx, self.value) };
    }
}

/// Whether two values are the same object, or both null: told from their
/// tags and pointers, without a call.
fn same_reference(a: qjs::JSValue, b: qjs::JSValue) -> bool {
    // SAFETY: reading a value's tag and pointer reads no memory it points to.
    unsafe {
        let tag = qjs::JS_VALUE_GET_TAG(a);
        tag == qjs::JS_VALUE_GET_TAG(b)
            && (tag == qjs::JS_TAG_NULL
                || (tag == qjs::JS_TAG_OBJECT
                    && qjs::JS_VALUE_GET_PTR(a) == qjs::JS_VALUE_GET_PTR(b)))
    }
}

/// Whether each `obj[atoms[k]]`, read as a script reads it (a getter runs),
/// is still `values[k]`: `===`, or both NaN. With `deleted`, a key no longer
/// an own property of `obj` is a change even where its value was undefined.
fn reads_same<'js>(
    ctx: &Ctx<'js>,
    obj: &Object<'js>,
    atoms: &[qjs::JSAtom],
    values: &[Value<'js>],
    deleted: bool,
) -> rquickjs::Result<bool> {
    let raw = ctx.as_raw().as_ptr();
    for (&atom, was) in atoms.iter().zip(values) {
        let was = was.as_raw();
        // SAFETY: `obj` and `values` belong to `ctx`, whose atoms these are;
        // the read value is freed by its `Read`.
        let now = unsafe { Read::new(raw, qjs::JS_GetProperty(raw, obj.as_raw(), atom))? };
        // Most of these are functions and objects: the same one is the same
        // reference, told without a call.
        let equal = same_reference(now.value, was)
            || unsafe {
                qjs::JS_IsStrictEqual(raw, now.value, was)
                    || qjs::JS_IsSameValue(raw, now.value, was)
            };
        if !equal {
            return Ok(false);
        }
        // A deleted key reads as undefined: equal only to an undefined value,
        // where whether the key is still there tells.
        if deleted && unsafe { qjs::JS_IsUndefined(now.value) } {
            let has =
                unsafe { qjs::JS_GetOwnProperty(raw, std::ptr::null_mut(), obj.as_raw(), atom) };
            if has < 0 {
                return Err(rquickjs::Error::Exception);
            }
            if has == 0 {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// The second half of `host.globalsSame(obj, keysId, held)`, after `obj`'s
/// keys passed as `keysSame` checks them, `held` being
/// `host.hold([obj, valuesId, values])`: whether each key recorded by
/// `host.valuesRecord(keys)` is still an own property of `obj` whose value,
/// read as `obj[key]` reads it, is the recorded one (`===`, or both NaN). In
/// the same host call as the key check: a compiled JavaScript check naming
/// each global was a call of its own and an interpreted comparison per global.
fn values_same<'js>(
    ctx: &Ctx<'js>,
    records: &RefCell<Records>,
    held: &Held<'js>,
) -> rquickjs::Result<bool> {
    for e in &held.entries {
        // A getter runs script code: hold no borrow while reading. The atoms
        // stay alive in the record, which only the prelude's `install` drops.
        let atoms = match records.borrow().values.get(e.id) {
            Some(atoms) => atoms.clone(),
            None => return Ok(false),
        };
        if atoms.len() != e.values.len() || !reads_same(ctx, &e.obj, &atoms, &e.values, true)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The attribute flags a shape keeps: configurable, writable, enumerable, accessor.
const ATTRIBUTES: i32 = (qjs::JS_PROP_CONFIGURABLE
    | qjs::JS_PROP_WRITABLE
    | qjs::JS_PROP_ENUMERABLE
    | qjs::JS_PROP_GETSET) as i32;

/// Defines shape `id`'s properties on `obj` in order, as `Object.defineProperties`
/// with complete descriptors would: a data property takes the next value, an
/// accessor the next two (getter, setter).
fn define<'js>(
    ctx: &Ctx<'js>,
    records: &Records,
    obj: &Object<'js>,
    id: usize,
    values: &Array<'js>,
) -> rquickjs::Result<()> {
    let shape = match id.checked_sub(KEPT) {
        Some(kept) => records.kept.get(kept),
        None => records.shapes.get(id),
    };
    let Some(shape) = shape else {
        return Err(rquickjs::Error::new_from_js("shape", "recorded shape"));
    };
    let raw = ctx.as_raw().as_ptr();
    let mut next = 0;
    let mut value = || -> rquickjs::Result<Read> {
        next += 1;
        // SAFETY: `values` belongs to `ctx`; the `Read` frees what is read.
        unsafe {
            Read::new(
                raw,
                qjs::JS_GetPropertyUint32(raw, values.as_raw(), next - 1),
            )
        }
    };
    for &(atom, flags) in shape {
        let r = if flags & qjs::JS_PROP_GETSET as i32 != 0 {
            let (get, set) = (value()?, value()?);
            let has = qjs::JS_PROP_HAS_GET
                | qjs::JS_PROP_HAS_SET
                | qjs::JS_PROP_HAS_CONFIGURABLE
                | qjs::JS_PROP_HAS_ENUMERABLE
                | qjs::JS_PROP_THROW;
            let flags =
                (flags & !(qjs::JS_PROP_GETSET | qjs::JS_PROP_WRITABLE) as i32) | has as i32;
            unsafe {
                qjs::JS_DefineProperty(
                    raw,
                    obj.as_raw(),
                    atom,
                    qjs::JS_UNDEFINED,
                    get.value,
                    set.value,
                    flags,
                )
            }
        } else {
            let v = value()?;
            let has = qjs::JS_PROP_HAS_VALUE
                | qjs::JS_PROP_HAS_CONFIGURABLE
                | qjs::JS_PROP_HAS_WRITABLE
                | qjs::JS_PROP_HAS_ENUMERABLE
                | qjs::JS_PROP_THROW;
            unsafe {
                qjs::JS_DefineProperty(
                    raw,
                    obj.as_raw(),
                    atom,
                    v.value,
                    qjs::JS_UNDEFINED,
                    qjs::JS_UNDEFINED,
                    flags | has as i32,
                )
            }
        };
        if r < 0 {
            return Err(rquickjs::Error::Exception);
        }
    }
    Ok(())
}

fn record(
    ctx: &Ctx<'_>,
    records: &mut Records,
    obj: &Object<'_>,
    max_orders: usize,
) -> rquickjs::Result<usize> {
    let raw = ctx.as_raw().as_ptr();
    let own = OwnKeys::of(ctx, obj)?;
    let order: Vec<qjs::JSAtom> = own.atoms().collect();
    let mut known = HashSet::with_capacity(order.len());
    for &atom in &order {
        if known.insert(atom) {
            unsafe { qjs::JS_DupAtom(raw, atom) };
        }
    }
    records.list.push(Keys {
        orders: vec![order.into()],
        known,
        max_orders,
    });
    Ok(records.list.len() - 1)
}

/// Whether `obj`'s own keys are the recorded ones: in the recorded order, or,
/// when several orders are allowed, all of them recorded keys.
fn same(
    ctx: &Ctx<'_>,
    records: &mut Records,
    obj: &Object<'_>,
    id: usize,
) -> rquickjs::Result<bool> {
    let Some(keys) = records.list.get_mut(id) else {
        return Ok(false);
    };
    let own = OwnKeys::of(ctx, obj)?;
    if keys.orders.iter().any(|order| own.equal(order)) {
        return Ok(true);
    }
    if keys.max_orders == 1 || !own.atoms().all(|a| keys.known.contains(&a)) {
        return Ok(false);
    }
    // Every atom here is in `known`, which holds its own reference to it.
    if keys.orders.len() >= keys.max_orders {
        keys.orders.remove(0);
    }
    keys.orders.push(own.atoms().collect::<Vec<_>>().into());
    Ok(true)
}
