//! The work a script asks of the runner (`pm.sendRequest`, the cookie jar),
//! done through its [`ScriptHost`] between JavaScript jobs.

use super::host::{self, Op};
use super::shapes::{body_strings, cookie_from_json, cookie_json, response_json};
use super::types::*;
use crate::collection::Request;
use crate::http::CookieData;
use serde_json::Value as Json;
use std::time::Instant;

/// The cookies `pm.cookies` lists: what the jar would send to the request's URL.
pub(crate) fn cookies_for(run: &ScriptRun<'_>) -> Vec<CookieData> {
    let raw = run.request.url.to_raw();
    if raw.is_empty() {
        return Vec::new();
    }
    let mut url = run.scopes.resolve(&raw).text;
    if !url.contains("://") {
        url = format!("http://{url}");
    }
    run.host.cookies(&url)
}

/// Does one host operation and returns `(error, result JSON, body)` for `P.complete`.
pub(crate) fn perform(
    op: &Op,
    host: &mut dyn ScriptHost,
    deadline: Option<Instant>,
) -> (Option<String>, Option<String>, Option<String>) {
    if !host::json_depth_within(&op.payload, host::MAX_VALUE_DEPTH) {
        return (
            Some(format!(
                "{}: the request is nested deeper than {} levels",
                op.kind,
                host::MAX_VALUE_DEPTH
            )),
            None,
            None,
        );
    }
    let payload: Json = serde_json::from_str(&op.payload).unwrap_or(Json::Null);
    let url = payload
        .get("url")
        .and_then(Json::as_str)
        .unwrap_or("")
        .to_string();
    let name = payload
        .get("name")
        .and_then(Json::as_str)
        .unwrap_or("")
        .to_string();
    match op.kind.as_str() {
        "request" => {
            let request: Request = match serde_json::from_value(payload) {
                Ok(r) => r,
                Err(e) => {
                    return (
                        Some(format!("sendrequest: invalid request: {e}")),
                        None,
                        None,
                    )
                }
            };
            match host.send_request_by(&request, deadline) {
                Ok(res) => {
                    let (text, _) = body_strings(&res.body);
                    (None, Some(response_json(&res).to_string()), Some(text))
                }
                Err(e) => (Some(e.to_string()), None, None),
            }
        }
        "cookie.get" => {
            let found = host.cookies(&url).into_iter().find(|c| c.name == name);
            (None, found.map(|c| cookie_json(&c).to_string()), None)
        }
        "cookie.getAll" => {
            let list: Vec<Json> = host.cookies(&url).iter().map(cookie_json).collect();
            (None, Some(Json::Array(list).to_string()), None)
        }
        "cookie.set" => {
            let cookie = cookie_from_json(payload.get("cookie").unwrap_or(&Json::Null));
            match host.set_cookie(&url, cookie.clone()) {
                Ok(()) => (None, Some(cookie_json(&cookie).to_string()), None),
                Err(e) => (Some(e.to_string()), None, None),
            }
        }
        "cookie.unset" => {
            host.unset_cookie(&url, &name);
            (None, None, None)
        }
        "cookie.clear" => {
            host.clear_cookies(&url);
            (None, None, None)
        }
        other => (
            Some(format!("unknown host operation '{other}'")),
            None,
            None,
        ),
    }
}
