//! The work a script asks of the runner (`pm.sendRequest`, the cookie jar),
//! done through its [`ScriptHost`] between JavaScript jobs.

use super::host::{self, Op};
use super::shapes::{body_strings, cookie_from_json, cookie_json, response_json};
use super::types::*;
use crate::collection::Request;
use crate::http::{CookieData, RequestError};
use serde_json::json;
use serde_json::Value as Json;
use std::time::Instant;

/// The cookies `pm.cookies` lists: what the jar would send to the request's URL.
pub(crate) fn cookies_for(run: &ScriptRun<'_>) -> Vec<CookieData> {
    if !run.host.has_cookies() {
        return Vec::new();
    }
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

/// What a host operation gives back to `P.complete`.
#[derive(Default)]
pub(crate) struct Done {
    /// `{message, code, …}`: the error the script's callback gets.
    pub error: Option<Json>,
    /// The result, as JSON text.
    pub result: Option<String>,
    /// A response's body, as text.
    pub body: Option<String>,
    /// A request went out (or was tried) for `pm.sendRequest`.
    pub sent: bool,
}

impl Done {
    fn failed(message: String) -> Done {
        Done {
            error: Some(json!({ "message": message })),
            ..Default::default()
        }
    }

    fn result(result: Option<Json>) -> Done {
        Done {
            result: result.map(|r| r.to_string()),
            ..Default::default()
        }
    }
}

/// Does one host operation.
pub(crate) fn perform(op: &Op, host: &mut dyn ScriptHost, deadline: Option<Instant>) -> Done {
    if !host::json_depth_within(&op.payload, host::MAX_VALUE_DEPTH) {
        return Done::failed(format!(
            "{}: the request is nested deeper than {} levels",
            op.kind,
            host::MAX_VALUE_DEPTH
        ));
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
                Err(e) => return Done::failed(format!("sendrequest: invalid request: {e}")),
            };
            let mut done = match host.send_request_by(&request, deadline) {
                Ok(res) => {
                    let (text, _) = body_strings(&res.body);
                    Done {
                        result: Some(response_json(&res)),
                        body: Some(text),
                        ..Default::default()
                    }
                }
                Err(e) => Done {
                    error: Some(host_error_json(&e)),
                    ..Default::default()
                },
            };
            done.sent = true;
            done
        }
        "cookie.get" => {
            let found = host.cookies(&url).into_iter().find(|c| c.name == name);
            Done::result(found.map(|c| cookie_json(&c)))
        }
        "cookie.getAll" => {
            let list: Vec<Json> = host.cookies(&url).iter().map(cookie_json).collect();
            Done::result(Some(Json::Array(list)))
        }
        "cookie.set" => {
            let cookie = cookie_from_json(payload.get("cookie").unwrap_or(&Json::Null));
            match host.set_cookie(&url, cookie.clone()) {
                Ok(()) => Done::result(Some(cookie_json(&cookie))),
                Err(e) => Done::failed(e.to_string()),
            }
        }
        "cookie.unset" => {
            host.unset_cookie(&url, &name);
            Done::default()
        }
        "cookie.clear" => {
            host.clear_cookies(&url);
            Done::default()
        }
        other => Done::failed(format!("unknown host operation '{other}'")),
    }
}

/// The error a `pm.sendRequest` callback gets: a request that got no response
/// is described as newman describes it; any other failure by its message.
fn host_error_json(e: &HostError) -> Json {
    match e {
        HostError::Send(e) => request_error_json(e),
        other => json!({ "message": other.to_string() }),
    }
}

/// The error a request that got no response gives a `pm.sendRequest` callback: the message, and Node's fields
/// (`code`, `errno`, `syscall`, `address`, `port`, `hostname`) where newman's
/// error has them, so `err.code === 'ECONNREFUSED'` works as it does there.
fn request_error_json(e: &RequestError) -> Json {
    let mut m = serde_json::Map::new();
    m.insert("message".into(), json!(e.to_string()));
    if let Some(code) = e.code() {
        m.insert("code".into(), json!(code));
    }
    match e {
        RequestError::ConnectionRefused(peer) => {
            m.insert("errno".into(), json!(-111));
            m.insert("syscall".into(), json!("connect"));
            if let Some((address, port)) = peer.rsplit_once(':') {
                m.insert("address".into(), json!(address));
                if let Ok(port) = port.parse::<u16>() {
                    m.insert("port".into(), json!(port));
                }
            }
        }
        RequestError::Dns(host) => {
            m.insert("errno".into(), json!(-3008));
            m.insert("syscall".into(), json!("getaddrinfo"));
            m.insert("hostname".into(), json!(host));
        }
        _ => {}
    }
    Json::Object(m)
}
