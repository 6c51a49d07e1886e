//! The contract between the runner and the script sandbox.

use crate::collection::Request;
use crate::http::{CookieData, HttpResponse, RequestError};
use crate::request::BuildError;
use crate::vars::Scopes;
use std::time::Duration;

/// Which event a script listens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptKind {
    PreRequest,
    Test,
}

impl ScriptKind {
    /// The name Postman uses (`prerequest`, `test`), also `pm.info.eventName`.
    pub fn listen(self) -> &'static str {
        match self {
            ScriptKind::PreRequest => "prerequest",
            ScriptKind::Test => "test",
        }
    }

    /// How reports name it ("pre-request script", "test script").
    pub fn label(self) -> &'static str {
        match self {
            ScriptKind::PreRequest => "pre-request script",
            ScriptKind::Test => "test script",
        }
    }
}

/// `pm.info`.
#[derive(Debug, Clone, Default)]
pub struct ScriptInfo {
    pub iteration: usize,
    pub iteration_count: usize,
    pub request_name: String,
    pub request_id: String,
    /// `pm.execution.location`: the collection's name, the folders, then the request's.
    pub location: Vec<String>,
}

/// One script to run, with everything it can read and change.
pub struct ScriptRun<'a> {
    pub kind: ScriptKind,
    pub source: &'a str,
    /// Where the script sits, for messages: "collection", a folder name or the request name.
    pub origin: &'a str,
    pub info: &'a ScriptInfo,
    /// Changes made by the script (`pm.environment.set`, …) are written here.
    pub scopes: &'a mut Scopes,
    /// `pm.request`. Before the request is sent this is the item's request with
    /// `{{variables}}` unresolved, and changes made to it are what gets sent; in a
    /// test script it is the request as it was sent.
    pub request: &'a mut Request,
    /// `pm.response`; `None` in pre-request scripts and after a request error.
    pub response: Option<&'a HttpResponse>,
    /// The iteration's data row is `scopes.data` (`pm.iterationData`, legacy `data`).
    pub host: &'a mut dyn ScriptHost,
}

/// Why the runner could not do what a script asked; the script's callback
/// gets the message as its error.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HostError {
    /// `pm.sendRequest`'s request could not be built (a body file it may not read).
    #[error(transparent)]
    Build(#[from] BuildError),
    /// `pm.sendRequest`'s request got no response.
    #[error(transparent)]
    Send(#[from] RequestError),
    #[error("invalid URL '{url}': {reason}")]
    InvalidUrl { url: String, reason: String },
    /// The cookie jar would not take the cookie.
    #[error("{0}")]
    Cookie(String),
}

/// What scripts can ask of the runner beyond their own context.
pub trait ScriptHost {
    /// `pm.sendRequest`: sends with the run's client, cookie jar and TLS settings.
    fn send_request(&mut self, request: &Request) -> Result<HttpResponse, HostError>;
    /// `pm.sendRequest` within the script's time: a host that can should give
    /// up at `deadline`. By default the request is sent as by `send_request`.
    fn send_request_by(
        &mut self,
        request: &Request,
        deadline: Option<std::time::Instant>,
    ) -> Result<HttpResponse, HostError> {
        let _ = deadline;
        self.send_request(request)
    }
    /// Cookies the jar would send to `url` (`pm.cookies`, `pm.cookies.jar().get…`).
    fn cookies(&self, url: &str) -> Vec<CookieData>;
    /// Whether the jar may hold any cookie at all: when it holds none, every
    /// script run skips resolving its request's URL for [`ScriptHost::cookies`].
    fn has_cookies(&self) -> bool {
        true
    }
    fn set_cookie(&mut self, url: &str, cookie: CookieData) -> Result<(), HostError>;
    fn unset_cookie(&mut self, url: &str, name: &str);
    fn clear_cookies(&mut self, url: &str);
}

/// A host without network or cookie jar, for running scripts on their own (a
/// benchmark, a check of what a script does): `pm.sendRequest` fails with an
/// error saying so, and the jar is always empty.
#[derive(Debug, Default, Clone, Copy)]
pub struct Offline;

impl ScriptHost for Offline {
    fn send_request(&mut self, _: &Request) -> Result<HttpResponse, HostError> {
        Err(RequestError::Other("no network: the script runs offline".into()).into())
    }
    fn cookies(&self, _: &str) -> Vec<CookieData> {
        Vec::new()
    }
    fn has_cookies(&self) -> bool {
        false
    }
    fn set_cookie(&mut self, _: &str, _: CookieData) -> Result<(), HostError> {
        Ok(())
    }
    fn unset_cookie(&mut self, _: &str, _: &str) {}
    fn clear_cookies(&mut self, _: &str) {}
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScriptOutcome {
    pub assertions: Vec<AssertionResult>,
    pub console: Vec<ConsoleEntry>,
    /// An uncaught error (syntax error, exception, timeout, memory limit).
    pub error: Option<ScriptError>,
    /// What `setNextRequest` asked for, last call wins.
    pub next_request: NextRequest,
    /// `pm.execution.skipRequest()` was called (pre-request only).
    pub skip_request: bool,
    /// For each request the host sent for `pm.sendRequest`, in order: how many
    /// of the script's assertions and console lines had been made when its
    /// answer came (newman prints the request there, among them).
    pub sent_at: Vec<Place>,
    /// The script set a variable (in any scope): only then can a run's
    /// variables hold a secret they did not hold before it.
    pub variables_set: bool,
}

/// A point in a script's output: after this many assertions and console lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    pub assertions: usize,
    pub console: usize,
}

/// Where the run goes after the current item, as `setNextRequest` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum NextRequest {
    /// Not asked (or `setNextRequest(undefined)`): the next item in order.
    #[default]
    Continue,
    /// `setNextRequest(null)`: the iteration ends.
    Stop,
    /// `setNextRequest(name)`: on to the item of that name or id.
    Jump(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssertionResult {
    pub name: String,
    /// Position of the assertion within its script, from 0.
    pub index: usize,
    pub passed: bool,
    pub skipped: bool,
    pub error: Option<AssertionError>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssertionError {
    /// "AssertionError", "TypeError", …
    pub name: String,
    pub message: String,
    pub stack: Option<String>,
    /// What a failed comparison (`to.equal`, `to.eql`, `deep.equal`) expected and
    /// got, as JSON values, so reports can show a diff.
    pub expected: Option<serde_json::Value>,
    pub actual: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConsoleEntry {
    /// log, info, warn, error, debug
    pub level: String,
    /// The call as Node's console prints it (`util.format`).
    pub text: String,
    /// The call as newman's cli reporter prints it, when a script made it: each
    /// argument `util.inspect`ed (strings quoted), joined by `, `.
    pub shown: Option<String>,
    /// How many assertions had been made when it was printed: in its script,
    /// then (once the runner has it) in its item. newman prints each line and
    /// each assertion as it happens, so the cli puts it there among them.
    pub after_assertions: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScriptError {
    /// "SyntaxError", "ReferenceError", "TimeoutError", "MemoryError", …
    pub name: String,
    pub message: String,
    /// Line and column within the script source, from 1.
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub stack: Option<String>,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}: {} (line {l}:{c})", self.name, self.message),
            (Some(l), None) => write!(f, "{}: {} (line {l})", self.name, self.message),
            _ => write!(f, "{}: {}", self.name, self.message),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// `--timeout-script`; `None` lets a script run until it finishes.
    pub timeout: Option<Duration>,
    /// Memory a single script run may allocate.
    pub memory_limit: usize,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            timeout: None,
            memory_limit: 256 * 1024 * 1024,
        }
    }
}
