//! `globalThis.__native`: the natives of [`super::natives`] bound into a
//! script's context, bytes passed as hex strings, failures thrown into the script.

use rquickjs::function::Opt;
use rquickjs::{Ctx, Function, Object};
use std::rc::Rc;

/// What bounds the work natives do for a script: its memory limit (0: none)
/// and whether it must stop now (its deadline passed, or the run's stop signal).
#[derive(Clone)]
pub(crate) struct Bounds {
    pub memory_limit: usize,
    pub expired: Rc<dyn Fn() -> bool>,
}

/// A number as JavaScript writes it (`Infinity`, `NaN`, `4000000000000`).
fn js_number(x: f64) -> String {
    match x {
        _ if x.is_nan() => "NaN".into(),
        f64::INFINITY => "Infinity".into(),
        f64::NEG_INFINITY => "-Infinity".into(),
        _ => x.to_string(),
    }
}

/// The end of a native's message when it stopped for the script's deadline.
pub(crate) const STOPPED: &str = "stopped: the script ran out of time";

fn unhex(ctx: &Ctx<'_>, what: &str, text: &str) -> rquickjs::Result<Vec<u8>> {
    hex::decode(text).map_err(|e| {
        rquickjs::Exception::throw_type(ctx, &format!("__native: {what} is not hex: {e}"))
    })
}

fn thrown<T, E: std::fmt::Display>(ctx: &Ctx<'_>, r: Result<T, E>) -> rquickjs::Result<T> {
    r.map_err(|e| rquickjs::Exception::throw_message(ctx, &e.to_string()))
}

/// `globalThis.__native`: the Rust side of the crypto, XML and JSON Schema
/// libraries, with bytes passed as hex strings.
pub(crate) fn natives<'js>(ctx: &Ctx<'js>, bounds: &Bounds) -> rquickjs::Result<Object<'js>> {
    use super::natives as n;
    let o = Object::new(ctx.clone())?;
    o.set(
        "digest",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, alg: String, data: String| {
            let data = unhex(&ctx, "data", &data)?;
            thrown(&ctx, n::digest(&alg, &data)).map(hex::encode)
        })?,
    )?;
    o.set(
        "hmac",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, alg: String, key: String, data: String| {
                let key = unhex(&ctx, "key", &key)?;
                let data = unhex(&ctx, "data", &data)?;
                thrown(&ctx, n::hmac(&alg, &key, &data)).map(hex::encode)
            },
        )?,
    )?;
    let b = bounds.clone();
    o.set(
        "pbkdf2",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, alg: String, pw: String, salt: String, iter: f64, len: f64| {
                if !(iter.is_finite() && iter <= u32::MAX as f64) {
                    return Err(rquickjs::Exception::throw_range(
                        &ctx,
                        &format!(
                            "PBKDF2: {} iterations is not a usable count",
                            js_number(iter)
                        ),
                    ));
                }
                // The key is handed back as hex text, twice its size, then
                // copied into the script's heap: keep all of it within the limit.
                let room = match b.memory_limit {
                    0 => 1 << 30,
                    limit => limit / 4,
                };
                if !(len.is_finite() && len >= 0.0 && len <= room as f64) {
                    return Err(rquickjs::Exception::throw_range(
                        &ctx,
                        &format!(
                            "PBKDF2: a key of {} bytes is more than the script memory limit allows",
                            js_number(len)
                        ),
                    ));
                }
                let pw = unhex(&ctx, "password", &pw)?;
                let salt = unhex(&ctx, "salt", &salt)?;
                let r = n::pbkdf2(
                    &alg,
                    &pw,
                    &salt,
                    iter.max(0.0) as u32,
                    len as usize,
                    &*b.expired,
                );
                thrown(&ctx, r).map(hex::encode)
            },
        )?,
    )?;
    o.set(
        "aes",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>,
             encrypt: bool,
             mode: String,
             key: String,
             iv: String,
             data: String,
             pkcs7: bool| {
                let key = unhex(&ctx, "key", &key)?;
                let iv = unhex(&ctx, "iv", &iv)?;
                let data = unhex(&ctx, "data", &data)?;
                thrown(&ctx, n::aes(encrypt, &mode, &key, &iv, &data, pkcs7)).map(hex::encode)
            },
        )?,
    )?;
    o.set(
        "randomHex",
        Function::new(ctx.clone(), |len: f64| {
            hex::encode(n::random_bytes(len.clamp(0.0, 1_048_576.0) as usize))
        })?,
    )?;
    o.set(
        "xml2json",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, xml: String, opts: Opt<String>| {
                thrown(&ctx, n::xml_to_json(&xml, opts.0.as_deref().unwrap_or("")))
            },
        )?,
    )?;
    o.set(
        "validateSchema",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, schema: String, data: String| {
                thrown(&ctx, n::validate_schema(&schema, &data))
            },
        )?,
    )?;
    Ok(o)
}
