//! For the sandbox tests, which drive `Sandbox::run` in this process rather than the
//! binary: a fake [`ScriptHost`] (no network), sandboxes with given limits, and
//! one-call ways to run a script.

use postie::collection::{Request, Url, Variable};
use postie::http::{CookieData, HttpResponse, RequestError};
use postie::script::{
    Sandbox, SandboxOptions, ScriptHost, ScriptInfo, ScriptKind, ScriptOutcome, ScriptRun,
};
use postie::vars::{Scopes, VariableScope};
use serde_json::Value;
use std::time::Duration;

/// Answers `pm.sendRequest` with canned responses and keeps cookies in a list.
#[derive(Default)]
pub struct FakeHost {
    pub sent: Vec<Request>,
    pub responses: Vec<Result<HttpResponse, String>>,
    pub cookies: Vec<(String, CookieData)>,
}

impl ScriptHost for FakeHost {
    fn send_request(&mut self, request: &Request) -> Result<HttpResponse, RequestError> {
        self.sent.push(request.clone());
        if self.responses.is_empty() {
            return Ok(json_response(200, r#"{"echo":true}"#));
        }
        self.responses.remove(0).map_err(RequestError::Other)
    }

    fn cookies(&self, url: &str) -> Vec<CookieData> {
        self.cookies
            .iter()
            .filter(|(u, _)| url.starts_with(u.as_str()))
            .map(|(_, c)| c.clone())
            .collect()
    }

    fn set_cookie(&mut self, url: &str, cookie: CookieData) -> Result<(), String> {
        self.cookies
            .retain(|(u, c)| !(u == url && c.name == cookie.name));
        self.cookies.push((url.to_string(), cookie));
        Ok(())
    }

    fn unset_cookie(&mut self, url: &str, name: &str) {
        self.cookies
            .retain(|(u, c)| !(url.starts_with(u.as_str()) && c.name == name));
    }

    fn clear_cookies(&mut self, url: &str) {
        self.cookies.retain(|(u, _)| !url.starts_with(u.as_str()));
    }
}

pub fn json_response(code: u16, body: &str) -> HttpResponse {
    HttpResponse {
        code,
        status: if code == 200 {
            "OK".into()
        } else {
            "Not Found".into()
        },
        headers: vec![
            (
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            ),
            ("X-Request-Id".into(), "abc-123".into()),
        ],
        body: body.as_bytes().to_vec(),
        time_ms: 42,
        url: "https://api.example.com/users/7".into(),
        cookies: vec![CookieData {
            name: "session".into(),
            value: "s3cr3t".into(),
            domain: Some("api.example.com".into()),
            path: Some("/".into()),
            ..Default::default()
        }],
    }
}

pub fn request() -> Request {
    serde_json::from_value(serde_json::json!({
        "url": "https://api.example.com/users/7?expand=true",
        "method": "GET",
        "header": [{"key": "Accept", "value": "application/json"}]
    }))
    .unwrap()
}

pub fn var(key: &str, value: Value) -> Variable {
    Variable {
        key: Some(key.into()),
        value,
        enabled: Some(true),
        ..Default::default()
    }
}

pub fn scopes() -> Scopes {
    Scopes {
        globals: VariableScope::from_variables(vec![var("g", "global".into())]),
        collection: VariableScope::from_variables(vec![var("c", "collection".into())]),
        environment: VariableScope {
            name: "Staging".into(),
            values: vec![
                var("base", "https://api.example.com".into()),
                var("c", "env-overrides-collection".into()),
            ],
            ..Default::default()
        },
        data: VariableScope::from_variables(vec![var("row", Value::from(3))]),
        local: VariableScope::default(),
    }
}

pub fn info() -> ScriptInfo {
    ScriptInfo {
        iteration: 1,
        iteration_count: 3,
        request_name: "Get user".into(),
        request_id: "req-1".into(),
        ..Default::default()
    }
}

/// Everything one run changes.
pub struct Ran {
    pub outcome: ScriptOutcome,
    pub scopes: Scopes,
    pub request: Request,
    pub host: FakeHost,
}

impl Ran {
    pub fn passed(&self) -> usize {
        self.outcome
            .assertions
            .iter()
            .filter(|a| a.passed && !a.skipped)
            .count()
    }
    pub fn failed(&self) -> usize {
        self.outcome.assertions.iter().filter(|a| !a.passed).count()
    }
    pub fn messages(&self) -> Vec<String> {
        self.outcome
            .assertions
            .iter()
            .filter_map(|a| a.error.as_ref().map(|e| e.message.clone()))
            .collect()
    }
    pub fn console(&self) -> Vec<String> {
        self.outcome
            .console
            .iter()
            .map(|c| c.text.clone())
            .collect()
    }
    pub fn error(&self) -> String {
        self.outcome
            .error
            .as_ref()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }
}

/// A sandbox with default options; `POSTIE_SANDBOX_REUSE=1` runs the same
/// tests with one context reused across runs.
pub fn sandbox() -> Sandbox {
    let mut sb = Sandbox::new(SandboxOptions::default());
    if std::env::var_os("POSTIE_SANDBOX_REUSE").is_some() {
        sb.reuse_context(true);
    }
    sb
}

/// A sandbox with a time limit (none when `None`) and a memory limit in bytes.
pub fn limited(timeout_ms: Option<u64>, memory: usize) -> Sandbox {
    Sandbox::new(SandboxOptions {
        timeout: timeout_ms.map(Duration::from_millis),
        memory_limit: memory,
    })
}

/// [`limited`], with one context reused across runs.
pub fn reusing(timeout_ms: Option<u64>, memory: usize) -> Sandbox {
    let mut sb = limited(timeout_ms, memory);
    sb.reuse_context(true);
    sb
}

/// Runs `source` as a script of `kind` against the default scopes and request,
/// described by `info`; a test script sees `response`.
pub fn run_as(
    sandbox: &mut Sandbox,
    kind: ScriptKind,
    source: &str,
    info: &ScriptInfo,
    response: &HttpResponse,
    host: FakeHost,
) -> Ran {
    let mut scopes = scopes();
    let mut request = request();
    let mut host = host;
    let outcome = sandbox.run(ScriptRun {
        kind,
        source,
        origin: &info.request_name,
        info,
        scopes: &mut scopes,
        request: &mut request,
        response: (kind == ScriptKind::Test).then_some(response),
        host: &mut host,
    });
    Ran {
        outcome,
        scopes,
        request,
        host,
    }
}

/// Runs `source` with the default info and a JSON response for user 7.
pub fn run_in(sandbox: &mut Sandbox, kind: ScriptKind, source: &str, host: FakeHost) -> Ran {
    let response = json_response(200, r#"{"id":7,"name":"Ada","tags":["a","b"]}"#);
    run_as(sandbox, kind, source, &info(), &response, host)
}

/// Runs a test script in `sandbox`.
pub fn test_in(sandbox: &mut Sandbox, source: &str) -> Ran {
    run_in(sandbox, ScriptKind::Test, source, FakeHost::default())
}

pub fn test_script(source: &str) -> Ran {
    test_in(&mut sandbox(), source)
}

pub fn prerequest(source: &str) -> Ran {
    run_in(
        &mut sandbox(),
        ScriptKind::PreRequest,
        source,
        FakeHost::default(),
    )
}

pub fn url_text(url: &Url) -> String {
    url.to_raw()
}
