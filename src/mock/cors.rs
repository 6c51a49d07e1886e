//! CORS, so a web page under development can call the mock from a browser (as
//! Postman mock servers allow). Off unless asked for (`MockOptions::cors`):
//! with it on, any page open in the user's browser may read the examples.
//!
//! With CORS on, a preflight (`OPTIONS` with `Origin` and
//! `Access-Control-Request-Method`) is answered by the mock itself with 204, and
//! every other response allows the request's origin, with credentials, and
//! exposes the response's headers. CORS headers saved in an example (from the
//! server it was recorded on) are replaced by these.

use hyper::header::{HeaderMap, HeaderName, HeaderValue};

/// Methods a preflight is told are allowed (besides the one it asks for).
const METHODS: &str = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

/// Whether a request is a CORS preflight.
pub(crate) fn is_preflight(method: &str, headers: &HeaderMap) -> bool {
    method.eq_ignore_ascii_case("OPTIONS")
        && headers.contains_key("origin")
        && headers.contains_key("access-control-request-method")
}

/// The headers answering a preflight.
pub(crate) fn preflight_headers(request: &HeaderMap, out: &mut HeaderMap) {
    allow_origin(request, out);
    let mut methods = METHODS.to_string();
    if let Some(asked) = request
        .get("access-control-request-method")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|m| !m.is_empty() && !METHODS.split(", ").any(|k| k.eq_ignore_ascii_case(m)))
    {
        methods = format!("{asked}, {methods}");
    }
    set(out, "access-control-allow-methods", &methods);
    if let Some(asked) = request.get("access-control-request-headers") {
        out.insert("access-control-allow-headers", asked.clone());
    }
    set(out, "access-control-max-age", "600");
}

/// Adds CORS headers to an answer (dropping any the example carried).
pub(crate) fn response_headers(request: &HeaderMap, out: &mut HeaderMap) {
    let saved: Vec<HeaderName> = out
        .keys()
        .filter(|k| k.as_str().starts_with("access-control-"))
        .cloned()
        .collect();
    for k in saved {
        out.remove(k);
    }
    let exposed: Vec<&str> = out.keys().map(HeaderName::as_str).collect();
    let exposed = exposed.join(", ");
    allow_origin(request, out);
    if !exposed.is_empty() {
        set(out, "access-control-expose-headers", &exposed);
    }
}

/// The request's origin when it sent one (with credentials allowed), else `*`.
fn allow_origin(request: &HeaderMap, out: &mut HeaderMap) {
    match request.get("origin") {
        Some(origin) => {
            out.insert("access-control-allow-origin", origin.clone());
            set(out, "access-control-allow-credentials", "true");
            out.append("vary", HeaderValue::from_static("Origin"));
        }
        None => set(out, "access-control-allow-origin", "*"),
    }
}

fn set(out: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        out.insert(name, v);
    }
}
