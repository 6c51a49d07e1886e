//! What scripts see of cookies and responses, as the JSON or the values the
//! prelude reads.

use crate::http::{CookieData, HttpResponse};
use rquickjs::{qjs, Ctx};
use serde_json::Value as Json;

pub(crate) fn cookie_json(c: &CookieData) -> Json {
    let mut m = serde_json::Map::new();
    m.insert("name".into(), Json::String(c.name.clone()));
    m.insert("value".into(), Json::String(c.value.clone()));
    if let Some(d) = &c.domain {
        m.insert("domain".into(), Json::String(d.clone()));
    }
    if let Some(p) = &c.path {
        m.insert("path".into(), Json::String(p.clone()));
    }
    if let Some(e) = &c.expires {
        m.insert("expires".into(), Json::String(e.clone()));
    }
    m.insert("httpOnly".into(), Json::Bool(c.http_only));
    m.insert("secure".into(), Json::Bool(c.secure));
    Json::Object(m)
}

pub(crate) fn cookie_from_json(v: &Json) -> CookieData {
    let s = |k: &str| v.get(k).and_then(Json::as_str).map(str::to_string);
    CookieData {
        name: s("name").or_else(|| s("key")).unwrap_or_default(),
        value: match v.get("value") {
            Some(Json::String(s)) => s.clone(),
            Some(Json::Null) | None => String::new(),
            Some(other) => other.to_string(),
        },
        domain: s("domain"),
        path: s("path"),
        expires: s("expires"),
        http_only: v.get("httpOnly").and_then(Json::as_bool).unwrap_or(false),
        secure: v.get("secure").and_then(Json::as_bool).unwrap_or(false),
    }
}

/// The response a test script reads, as the prelude's `sdk.runResponse` takes
/// it: `[code, status, bodySize, name, value, name, value, …]` (the body and
/// the time go separately). Values, not JSON text: the prelude hands the
/// header names and values to the host, which makes the header objects from
/// them, with no `JSON.parse` of the metadata in between. The array is made
/// from its elements at once, as `JSON.parse` made one: no setter a script put
/// on `Array.prototype` is called, and no element is defined one by one.
pub(crate) fn response_data<'js>(
    ctx: &Ctx<'js>,
    r: &HttpResponse,
) -> rquickjs::Result<rquickjs::Value<'js>> {
    let raw = ctx.as_raw().as_ptr();
    let mut values = Owned::new(raw, 3 + 2 * r.headers.len());
    // SAFETY: a live context; each new value is owned by `values` until the
    // array takes them all.
    unsafe {
        values.push(qjs::JS_NewNumber(raw, f64::from(r.code)))?;
        values.push(new_string(raw, &r.status))?;
        values.push(qjs::JS_NewNumber(raw, r.body.len() as f64))?;
        for (k, v) in &r.headers {
            values.push(new_string(raw, k))?;
            values.push(new_string(raw, v))?;
        }
    }
    values.into_array(ctx)
}

/// # Safety
/// `raw` is a live context.
unsafe fn new_string(raw: *mut qjs::JSContext, s: &str) -> qjs::JSValue {
    qjs::JS_NewStringLen(raw, s.as_ptr().cast(), s.len() as _)
}

/// Values made for an array that does not exist yet, freed if it never does.
pub(crate) struct Owned(Vec<qjs::JSValue>, *mut qjs::JSContext);

impl Owned {
    pub(crate) fn new(raw: *mut qjs::JSContext, capacity: usize) -> Owned {
        Owned(Vec::with_capacity(capacity), raw)
    }

    /// The value kept last.
    pub(crate) fn last(&self) -> &qjs::JSValue {
        &self.0[self.0.len() - 1]
    }

    /// Keeps `v`, or fails if making it failed.
    pub(crate) fn push(&mut self, v: qjs::JSValue) -> rquickjs::Result<()> {
        // SAFETY: a value just returned by the engine.
        if unsafe { qjs::JS_IsException(v) } {
            return Err(rquickjs::Error::Exception);
        }
        self.0.push(v);
        Ok(())
    }

    /// The values as one new array, which takes them.
    pub(crate) fn into_array<'js>(
        mut self,
        ctx: &Ctx<'js>,
    ) -> rquickjs::Result<rquickjs::Value<'js>> {
        let all = std::mem::take(&mut self.0);
        // SAFETY: a live context and values it owns; the call takes them, or
        // frees them when it fails.
        unsafe {
            let array = qjs::JS_NewArrayFrom(self.1, all.len() as _, all.as_ptr());
            if qjs::JS_IsException(array) {
                return Err(rquickjs::Error::Exception);
            }
            Ok(rquickjs::Value::from_raw(ctx.clone(), array))
        }
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        for &v in &self.0 {
            // SAFETY: values of this live context that nothing else took.
            unsafe { qjs::JS_FreeValue(self.1, v) };
        }
    }
}

/// Response metadata for `new sdk.Response(...)` of `pm.sendRequest`'s
/// callback, as JSON text; the body goes separately as a string. No cookies: postman-runtime builds the response
/// scripts see without them, so `pm.response.cookies` is always empty there
/// (scripts read `pm.cookies`). Written straight to text: a `serde_json::Value`
/// made, printed and dropped on every test script's run cost several times more.
pub(crate) fn response_json(r: &HttpResponse) -> String {
    use std::io::Write;
    let mut out = Vec::with_capacity(
        96 + r.status.len()
            + r.headers
                .iter()
                .map(|(k, v)| k.len() + v.len() + 8)
                .sum::<usize>(),
    );
    // Strings escaped by serde_json itself, so the text is the one a value gave.
    let string = |out: &mut Vec<u8>, s: &str| {
        let _ = serde_json::to_writer(out, s);
    };
    let _ = write!(out, "{{\"code\":{},\"status\":", r.code);
    string(&mut out, &r.status);
    out.extend_from_slice(b",\"headers\":[");
    for (i, (k, v)) in r.headers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'[');
        string(&mut out, k);
        out.push(b',');
        string(&mut out, v);
        out.push(b']');
    }
    let _ = write!(
        out,
        "],\"time\":{},\"bodySize\":{}}}",
        r.time_ms,
        r.body.len()
    );
    // Only UTF-8 went in: the strings, serde_json's escapes and ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// The body as text, and as a byte string (one char per byte) when it is not UTF-8.
pub(crate) fn body_strings(body: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            String::from_utf8_lossy(body).into_owned(),
            Some(body.iter().map(|&b| b as char).collect()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The metadata as a `serde_json::Value` gives it.
    fn as_value(r: &HttpResponse) -> Json {
        json!({
            "code": r.code,
            "status": r.status,
            "headers": r.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "time": r.time_ms,
            "bodySize": r.body.len(),
        })
    }

    #[test]
    fn response_metadata_is_the_text_of_the_value_it_was_built_as() {
        let odd = "q\"b\\s/ \u{1} \u{8}\u{c}\n\r\t \u{1f}\u{7f} é ü \u{2028} 😀";
        let responses = [
            HttpResponse::default(),
            HttpResponse {
                code: 200,
                status: "OK".into(),
                headers: vec![
                    ("Content-Type".into(), "application/json".into()),
                    ("X-Odd".into(), odd.into()),
                    (odd.into(), String::new()),
                ],
                body: b"{}".to_vec(),
                time_ms: 12,
                ..Default::default()
            },
            HttpResponse {
                code: 599,
                status: odd.into(),
                headers: vec![("a".into(), "b".into()); 3],
                body: vec![0xff; 70_000],
                time_ms: u64::MAX,
                ..Default::default()
            },
        ];
        for r in &responses {
            assert_eq!(response_json(r), as_value(r).to_string());
        }
    }
}
