//! A mock server that answers with a collection's saved example responses, as
//! Postman mock servers do. `postie mock` serves it until Ctrl-C; `postie run
//! --mock` starts one in-process, points the collection's base-URL variables
//! ([`base_url_variables`]) at it and diverts every other request there too
//! ([`MockServer::divert`], see [`offline`]) for a dry run that never leaves
//! the machine.
//!
//! Each saved example becomes a [`Route`]: the method and URL of the example's
//! `originalRequest` (or of its request item when the example has none), with
//! the base URL taken off. How a request picks its example is described on
//! [`RouteTable::decide`]. The served response is the example's status code
//! (200 when it has none), its headers (less hop-by-hop ones and
//! `Content-Length`, `Transfer-Encoding`, `Content-Encoding`, which the server
//! sets), its body, and `X-Postie-Mock-Example: <example name>`; `{{references}}`
//! in the body and header values are filled in (see `template.rs`).
//! A request no example matches gets a 404 whose JSON body names up to five
//! close candidates. [`MockOptions`] add a delay before every answer and CORS.
//!
//! ```no_run
//! # use postie::{collection::Collection, vars::Scopes, mock::{MockServer, MockOptions}};
//! # fn demo(collection: &Collection, scopes: &Scopes) -> Result<(), postie::mock::MockError> {
//! let server = MockServer::start(collection, scopes, MockOptions {
//!     log: Some(Box::new(|line| eprintln!("{line}"))),
//!     ..MockOptions::default()
//! })?;
//! println!("mock listening on {}", server.base_url());
//! server.wait() // until Ctrl-C
//! # }
//! ```

mod body;
mod cors;
mod log;
mod matching;
pub mod offline;
mod pattern;
mod routes;
mod server;
mod template;
pub mod watch;

pub use log::{MockLog, MockLogLine};
pub use matching::{Decision, Incoming, MAX_CLOSEST};
pub use routes::{Route, RouteTable};
pub use server::EXAMPLE_HEADER;

use crate::collection::{walk_requests, Collection, Item};
use crate::http::Divert;
use crate::vars::Scopes;
use server::{first, Either, Shared};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::oneshot;

/// Where to listen, how to answer, and whom to tell about requests.
pub struct MockOptions {
    /// Address or name to bind (default `127.0.0.1`).
    pub host: String,
    /// Port to bind; 0 picks a free one (see [`MockServer::base_url`]).
    pub port: u16,
    /// Called once per request; `None` keeps the server quiet.
    pub log: Option<MockLog>,
    /// Waited before every answer, to simulate a slow network.
    pub delay: Duration,
    /// Answer CORS preflights and add CORS headers to every answer (see `cors`).
    pub cors: bool,
}

impl Default for MockOptions {
    fn default() -> Self {
        MockOptions {
            host: "127.0.0.1".into(),
            port: 0,
            log: None,
            delay: Duration::ZERO,
            cors: false,
        }
    }
}

impl fmt::Debug for MockOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockOptions")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("log", &self.log.as_ref().map(|_| "<callback>"))
            .field("delay", &self.delay)
            .field("cors", &self.cors)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MockError {
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: String, reason: String },
    #[error("cannot start the mock server: {reason}")]
    Runtime { reason: String },
    #[error("cannot wait for Ctrl-C: {reason}")]
    Signal { reason: String },
}

/// Ctrl-C, or SIGTERM (how containers and process managers stop a server).
async fn shutdown_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        match first(tokio::signal::ctrl_c(), term.recv()).await {
            Either::Left(result) => result,
            Either::Right(_) => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}

/// A running mock server: its own thread with its own tokio runtime. Dropping
/// it (or [`MockServer::shutdown`]) stops it and closes its port.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    stopped: Option<oneshot::Receiver<()>>,
    thread: Option<JoinHandle<()>>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .field("examples", &self.example_count())
            .finish()
    }
}

impl MockServer {
    /// Builds the routes of every saved example in `collection` and starts
    /// serving them. `scopes` is used to learn the path of base-URL variables.
    /// Returns once the port is bound.
    pub fn start(
        collection: &Collection,
        scopes: &Scopes,
        options: MockOptions,
    ) -> Result<MockServer, MockError> {
        MockServer::start_with_routes(RouteTable::from_collection(collection, scopes), options)
    }

    /// Starts serving routes already built (for a caller that lists them first).
    pub fn start_with_routes(
        table: RouteTable,
        options: MockOptions,
    ) -> Result<MockServer, MockError> {
        let host = options
            .host
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']');
        let host = if host.is_empty() { "127.0.0.1" } else { host };
        let shown = if host.contains(':') {
            format!("[{host}]:{}", options.port)
        } else {
            format!("{host}:{}", options.port)
        };
        let bind_error = |e: std::io::Error| MockError::Bind {
            addr: shown.clone(),
            reason: io_reason(&e),
        };
        let listener = std::net::TcpListener::bind((host, options.port)).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let runtime_error = |e: std::io::Error| MockError::Runtime {
            reason: e.to_string(),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(runtime_error)?;
        let listener = {
            let _context = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(runtime_error)?
        };
        let shared = Arc::new(Shared {
            table: RwLock::new(Arc::new(table)),
            log: options.log.map(Mutex::new),
            delay: options.delay,
            cors: options.cors,
        });
        let serving = shared.clone();
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let (stopped_tx, stopped_rx) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("postie-mock".into())
            .spawn(move || {
                runtime.block_on(server::serve(listener, serving, stop_rx));
                // Dropping the runtime closes open connections.
                drop(runtime);
                drop(stopped_tx);
            })
            .map_err(runtime_error)?;
        Ok(MockServer {
            addr,
            shared,
            stop: Some(stop_tx),
            stopped: Some(stopped_rx),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT` (the loopback address when bound to all interfaces).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.connect_addr())
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDRESS:PORT` as bound, `http://0.0.0.0:8080` included.
    pub fn listen_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Whether other machines may reach the server: it is bound to something
    /// other than a loopback address.
    pub fn is_exposed(&self) -> bool {
        !self.addr.ip().is_loopback()
    }

    /// How many saved examples are served.
    pub fn example_count(&self) -> usize {
        self.shared.table().len()
    }

    /// A handle that replaces the served examples while the server runs (on
    /// the same port), e.g. when the collection file changes.
    pub fn routes(&self) -> MockRoutes {
        MockRoutes {
            shared: self.shared.clone(),
        }
    }

    /// The HTTP client setting that sends every request of a run to this
    /// server, refusing URLs whose host is not in the collection (see [`offline`]).
    pub fn divert(&self) -> Divert {
        offline::divert(self.shared.table(), self.connect_addr())
    }

    /// Where a client on this machine connects.
    fn connect_addr(&self) -> SocketAddr {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        SocketAddr::new(ip, self.addr.port())
    }

    /// Stops serving, closes the port and waits for the server thread to end.
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    /// Blocks until Ctrl-C (or until the server stops on its own), then shuts
    /// down cleanly. For `postie mock`.
    pub fn wait(mut self) -> Result<(), MockError> {
        let signal_error = |e: std::io::Error| MockError::Signal {
            reason: e.to_string(),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(signal_error)?;
        let stopped = self.stopped.take();
        let outcome = runtime.block_on(async move {
            match stopped {
                Some(stopped) => match first(shutdown_signal(), stopped).await {
                    Either::Left(result) => result,
                    Either::Right(_) => Ok(()),
                },
                None => shutdown_signal().await,
            }
        });
        self.stop_now();
        outcome.map_err(signal_error)
    }

    fn stop_now(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Replaces what a running [`MockServer`] serves.
#[derive(Clone)]
pub struct MockRoutes {
    shared: Arc<Shared>,
}

impl fmt::Debug for MockRoutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockRoutes")
            .field("examples", &self.shared.table().len())
            .finish()
    }
}

impl MockRoutes {
    /// Serves `table` from the next request on; requests in flight finish with the old one.
    pub fn replace(&self, table: RouteTable) {
        self.shared.replace(table);
    }

    /// How many saved examples are served now.
    pub fn example_count(&self) -> usize {
        self.shared.table().len()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop_now();
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => "address already in use".into(),
        std::io::ErrorKind::AddrNotAvailable => "address not available on this machine".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Names of the variables a collection uses as the base of its request URLs,
/// in order of first use, so `run --mock` can set each of them to the mock's
/// [`MockServer::base_url`].
///
/// The rule, applied to the URL of every request item: the URL has no literal
/// scheme (`https://`) and no literal port, its whole host is one `{{variable}}`
/// (`{{tenantApiV1Url}}/apps`, not `{{sub}}.example.com`), and that variable,
/// resolved through `scopes`, is
/// - an absolute URL (`https://api-x.forgeblocks.com/v1`), or
/// - empty, or not defined in any scope, or
/// - a scheme-less `host[:port][/path]` (`localhost:3000/api`).
///
/// The path part of such a value never takes part in matching (routes match on
/// the path after the variable), which is why replacing the whole variable with
/// the mock's base URL sends each request to its example. Dynamic variables
/// (`{{$…}}`) are never bases. For the official ForgeRock collection this gives
/// `tenantApiV1Url`, `amUrl` and `oauth2Url`.
pub fn base_url_variables(collection: &Collection, scopes: &Scopes) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    walk_requests(&collection.item, &mut |item: &Item, _parents: &[&Item]| {
        let Some(request) = &item.request else {
            return;
        };
        if let Some(name) = routes::base_variable(&request.url, scopes) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    });
    names
}
