//! What the runner tells reporters, as a stream: nothing here holds more than
//! one item's execution, so memory stays flat however long the run.

use crate::collection::{Collection, Item};
use crate::http::{HttpRequest, HttpResponse, RequestError, RoundTrip};
use crate::script::{AssertionResult, ConsoleEntry, ScriptError, ScriptKind};
use crate::vars::Scopes;

use super::stats::{Stats, Timings};

/// Where an execution sits in the run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cursor {
    /// Iteration number, from 0.
    pub iteration: usize,
    pub iterations: usize,
    /// Position of the item in the run's list of request items, from 0.
    pub position: usize,
    /// Number of request items in the run (after `--folder`).
    pub length: usize,
    /// Unique id of this execution.
    pub ref_id: String,
}

/// A script that ran for an item, and how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptRecord {
    pub kind: ScriptKind,
    /// "collection", a folder name, or the request name.
    pub origin: String,
    pub error: Option<ScriptError>,
}

pub use crate::request::Unresolved;

/// A request a script sent with `pm.sendRequest`. newman counts it among the
/// run's requests, prints it in the item's output, writes it in the JSON
/// report's executions and fails the run on its error; so does postie.
#[derive(Debug, Clone)]
pub struct SentRequest {
    /// The script that sent it.
    pub kind: ScriptKind,
    /// How many of the item's assertions and console lines were made before
    /// its answer came: the cli prints it there (see [`Execution::timeline`]).
    pub after_assertions: usize,
    pub after_console: usize,
    /// The request as sent (as written when it could not be built).
    pub request: HttpRequest,
    /// The URL as newman shows it.
    pub shown_url: String,
    pub response: Option<HttpResponse>,
    pub error: Option<RequestError>,
}

/// Everything about one run of one request item.
#[derive(Debug, Clone)]
pub struct Execution<'a> {
    pub cursor: Cursor,
    pub item: &'a Item,
    /// Folders above the item, outermost first.
    pub parents: Vec<&'a Item>,
    /// The request as sent; `None` when it could not be built or was skipped.
    pub request: Option<HttpRequest>,
    /// The request's URL as newman shows it (see [`crate::request::UrlSpec::shown`]).
    pub shown_url: Option<String>,
    pub response: Option<HttpResponse>,
    pub request_error: Option<RequestError>,
    pub scripts: Vec<ScriptRecord>,
    pub assertions: Vec<AssertionResult>,
    pub console: Vec<ConsoleEntry>,
    /// How many of `console` the pre-request scripts wrote: newman's cli prints
    /// those before the request line, the rest after it.
    pub console_before_request: usize,
    /// How many of `assertions` the pre-request scripts made: newman's cli
    /// prints those before the request line too.
    pub assertions_before_request: usize,
    pub unresolved: Vec<Unresolved>,
    /// `pm.execution.skipRequest()` was called: nothing was sent.
    pub skipped: bool,
    /// A script of this execution set a variable: the runner looks for new
    /// secrets among the variables only then.
    pub variables_set: bool,
    /// The name or id a test script passed to `setNextRequest` (the last one that
    /// gave one), which newman's cli reporter announces.
    pub next_request_asked: Option<String>,
    /// With `--retry`: how many times the request was sent (1 when the first
    /// try stood). `None` when retrying is off or nothing was sent.
    pub attempts: Option<u32>,
    /// What the item's scripts sent with `pm.sendRequest`, in order.
    pub sent: Vec<SentRequest>,
    /// The round trips of the auth's handshake (a digest challenge, NTLM's
    /// negotiation) before `request`, which is the last one sent. newman counts,
    /// prints and reports each as a request of its own; so does postie.
    pub handshake: Vec<RoundTrip>,
}

impl<'a> Execution<'a> {
    /// An execution that has not sent anything yet.
    pub fn new(item: &'a Item, parents: Vec<&'a Item>, cursor: Cursor) -> Self {
        Execution {
            cursor,
            item,
            parents,
            request: None,
            shown_url: None,
            response: None,
            request_error: None,
            scripts: Vec::new(),
            assertions: Vec::new(),
            console: Vec::new(),
            console_before_request: 0,
            assertions_before_request: 0,
            unresolved: Vec::new(),
            skipped: false,
            variables_set: false,
            next_request_asked: None,
            attempts: None,
            sent: Vec::new(),
            handshake: Vec::new(),
        }
    }

    /// "Folder / Sub folder / Request", as reports name an item.
    pub fn path_name(&self) -> String {
        crate::collection::path_name(
            self.parents
                .iter()
                .map(|p| p.name.as_str())
                .chain([self.item.name.as_str()]),
        )
    }

    pub fn item_id(&self) -> String {
        self.item.id.clone().unwrap_or_default()
    }

    /// Whether the item's own request went out (a response or an error came back).
    pub fn request_sent(&self) -> bool {
        self.request.is_some() && (self.response.is_some() || self.request_error.is_some())
    }

    pub fn failed_assertions(&self) -> impl Iterator<Item = &AssertionResult> {
        self.assertions.iter().filter(|a| !a.passed && !a.skipped)
    }
}

/// One failure, as newman lists them at the end of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub cursor: Cursor,
    /// "Folder / Request"
    pub source: String,
    pub item_id: String,
    /// "AssertionError", "RequestError", "TypeError", …
    pub name: String,
    /// The assertion's name for assertion failures.
    pub test: Option<String>,
    pub message: String,
    /// "assertion:1 in test-script", "test-script:3:5", "prerequest-script", "request"
    pub at: String,
    /// The assertion's index within its script, for assertion failures.
    pub index: Option<usize>,
    pub stack: Option<String>,
}

/// The end of a run.
#[derive(Debug, Clone)]
pub struct Summary {
    pub stats: Stats,
    pub timings: Timings,
    pub failures: Vec<Failure>,
    /// Bytes of response bodies received.
    pub response_total: u64,
    /// The scopes as the run left them (what `--export-environment` writes).
    pub scopes: Scopes,
    /// A run-level error that stopped the run early (`--bail`, `--timeout`, a signal).
    pub error: Option<String>,
    /// The run was cut short by a signal or its deadline: reports say so, and
    /// the item in progress was abandoned.
    pub interrupted: Option<crate::interrupt::Cause>,
}

/// A message about the run that is not tied to an assertion (unresolved variables,
/// reused data rows, a v1 collection converted).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub message: String,
}

/// The events of a run, in order.
#[derive(Debug)]
pub enum Event<'a> {
    Start {
        collection: &'a Collection,
        iterations: usize,
        /// The run goes against the collection's own saved examples (`--mock`).
        mock_base: Option<&'a str>,
    },
    BeforeIteration {
        iteration: usize,
        iterations: usize,
    },
    /// An item starts: reporters that print as they go show its name now.
    BeforeItem {
        cursor: &'a Cursor,
        item: &'a Item,
        parents: &'a [&'a Item],
    },
    Warning(&'a Warning),
    /// A value to hide in every output from now on: a secret or credential-named
    /// variable received it, a request sent it as a credential, or a response
    /// carried it in a token field (see `runner::secrets`). Sent before the item
    /// in which it appeared, and before `Start` for those known from the start.
    Secret(&'a str),
    /// An item finished, with everything that happened to it.
    Item(&'a Execution<'a>),
    Iteration {
        iteration: usize,
    },
    Done(&'a Summary),
}

/// Whoever follows a run as it goes (the reporters): the runner tells it every
/// [`Event`], in order. The runner owns this contract, so it depends on no reporter.
pub trait RunListener {
    /// An error stops the run: a report that cannot be written is not worth finishing.
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError>;
}

/// A listener could not take an event (a report file could not be written, say).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ListenerError(Box<dyn std::error::Error + Send + Sync>);

impl ListenerError {
    pub fn new(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        ListenerError(error.into())
    }

    /// The listener's own error, to downcast.
    pub fn get_ref(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self.0.as_ref()
    }
}
