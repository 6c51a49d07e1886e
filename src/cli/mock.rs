//! `postie mock`, and the in-process mock behind `postie run --mock`.

use super::{assignments, exit, Fail};
use clap::Args;
use postie::collection::{load_collection, Collection};
use postie::http::Divert;
use postie::mock::watch::{FileStamp, FileWatch};
use postie::mock::{
    base_url_variables, MockError, MockLogLine, MockOptions, MockRoutes, MockServer, RouteTable,
};
use postie::output::{Masker, Output};
use postie::vars::{initial_scopes, Scopes};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often `--watch` looks at the collection file.
const WATCH_EVERY: Duration = Duration::from_millis(250);

#[derive(Args, Debug, Clone)]
#[command(after_help = "\
Requests choose among examples with the headers x-mock-response-name, x-mock-response-id, \
x-mock-response-code, x-mock-match-request-headers (header names, comma-separated) and \
x-mock-match-request-body: true, as with Postman mock servers. {{variables}}, {{$dynamic}} \
variables and {{$body 'field'}}-style helpers in examples are filled in.

Exit codes: 0 stopped by Ctrl-C or SIGTERM, 2 usage error, 3 bad input file, 5 cannot listen \
(port in use, address not on this machine).")]
pub struct MockArgs {
    /// The collection whose saved examples are served.
    pub collection: PathBuf,
    /// Environment file: resolves base URLs and fills {{variables}} in examples.
    #[arg(short = 'e', long)]
    pub environment: Option<PathBuf>,
    /// Globals file: more variables, below the environment's.
    #[arg(short = 'g', long)]
    pub globals: Option<PathBuf>,
    /// Sets an environment variable (repeatable).
    #[arg(long = "env-var", value_name = "KEY=VALUE")]
    pub env_var: Vec<String>,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value = "8080")]
    pub port: u16,
    /// Address to listen on. Loopback by default; any other address lets other machines read the examples.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Waits this many milliseconds before every answer, to simulate a slow network.
    #[arg(long, value_name = "MS", default_value = "0")]
    pub delay: u64,
    /// Answers CORS preflights and allows cross-origin reads, for web pages under development (any page open in your browser can then read the examples).
    #[arg(long)]
    pub cors: bool,
    /// Reloads the collection when its file changes, keeping the port; a file that does not load leaves the previous examples served.
    #[arg(long)]
    pub watch: bool,
}

/// A mock serving a run; dropping it stops the server.
pub struct RunMock {
    pub base_url: String,
    server: MockServer,
    unmatched: Arc<Mutex<Vec<MockLogLine>>>,
}

impl RunMock {
    /// The HTTP client setting that keeps every request of the run on the mock.
    pub fn divert(&self) -> Divert {
        self.server.divert()
    }

    /// Stops the mock; one line per request no example matched, for the user.
    pub fn finish(self) -> Vec<String> {
        drop(self.server);
        let lines = self.unmatched.lock().map(|l| l.clone()).unwrap_or_default();
        let mut seen: Vec<(String, usize)> = Vec::new();
        for l in lines {
            let what = format!("{} {}", l.method, l.target());
            match seen.iter_mut().find(|(w, _)| *w == what) {
                Some((_, n)) => *n += 1,
                None => seen.push((what, 1)),
            }
        }
        seen.into_iter()
            .map(|(what, n)| {
                let times = if n > 1 {
                    format!(" ({n} times)")
                } else {
                    String::new()
                };
                format!(
                    "postie: --mock: no saved example matches {what}{times}; the mock answered 404"
                )
            })
            .collect()
    }
}

fn listen_fail(e: MockError) -> Fail {
    let code = match e {
        MockError::Bind { .. } => exit::LISTEN,
        _ => exit::INTERNAL,
    };
    Fail {
        code,
        message: e.to_string(),
    }
}

/// Starts the collection's own mock on a free loopback port and points the
/// collection's base-URL variables at it. They are set as local variables, which
/// outrank every other scope, so exported environments keep their real values.
/// The run's client must also be diverted to it ([`RunMock::divert`]).
pub fn start_for_run(collection: &Collection, scopes: &mut Scopes) -> Result<RunMock, Fail> {
    let unmatched: Arc<Mutex<Vec<MockLogLine>>> = Arc::default();
    let sink = unmatched.clone();
    let options = MockOptions {
        log: Some(Box::new(move |line: &MockLogLine| {
            if line.example.is_none() && !line.preflight {
                if let Ok(mut l) = sink.lock() {
                    l.push(line.clone());
                }
            }
        })),
        ..MockOptions::default()
    };
    let server = MockServer::start(collection, scopes, options).map_err(|e| {
        let mut fail = listen_fail(e);
        fail.message = format!("--mock: {}", fail.message);
        fail
    })?;
    let base = server.base_url();
    for name in base_url_variables(collection, scopes) {
        scopes.local.set(&name, Value::String(base.clone()));
    }
    Ok(RunMock {
        base_url: base,
        server,
        unmatched,
    })
}

/// The collection's variables, with the files and `--env-var`s given.
fn scopes_for(args: &MockArgs, collection: &Collection) -> Result<Scopes, Fail> {
    let env_vars = assignments(&args.env_var, "--env-var")?;
    initial_scopes(
        collection,
        args.environment.as_deref(),
        args.globals.as_deref(),
        &env_vars,
        &[],
    )
    .map_err(Fail::input)
}

pub fn run(args: MockArgs) -> Result<i32, Fail> {
    // Before reading: a change made while the collection loads is reloaded too.
    let stamp = FileStamp::of(&args.collection);
    let loaded = load_collection(&args.collection).map_err(Fail::input)?;
    let scopes = scopes_for(&args, &loaded.collection)?;
    let masker = Masker::new(scopes.secret_values());
    let mut err = Output::stderr(masker.clone());
    for n in &loaded.notices {
        let _ = err.line(&format!("postie: {n}"));
    }
    let table = RouteTable::from_collection(&loaded.collection, &scopes);
    if table.is_empty() {
        let _ = err.line(&format!(
            "postie mock: warning: '{}' has no saved examples, so every request will get a 404 (save responses as examples in Postman first)",
            loaded.collection.info.name
        ));
    }
    let log_masker = masker.clone();
    let options = MockOptions {
        host: args.host.clone(),
        port: args.port,
        log: Some(Box::new(move |line: &MockLogLine| {
            let mut out = Output::stdout(log_masker.clone());
            let _ = out.line(&line.detailed());
            let _ = out.flush();
        })),
        delay: Duration::from_millis(args.delay),
        cors: args.cors,
    };
    let server = MockServer::start_with_routes(table, options).map_err(listen_fail)?;
    let _watch = if args.watch {
        Some(watch(&args, stamp, server.routes(), masker.clone())?)
    } else {
        None
    };
    let addr = server.local_addr();
    let mut out = Output::stdout(masker.clone());
    let everywhere = addr.ip().is_unspecified();
    let _ = out.line(&format!(
        "postie mock: serving {} saved examples of '{}' at {} ({}Ctrl-C to stop)",
        server.example_count(),
        loaded.collection.info.name,
        server.listen_url(),
        if everywhere {
            "every network interface; "
        } else {
            ""
        },
    ));
    let _ = out.flush();
    if server.is_exposed() {
        let whom = if everywhere {
            "any machine that can reach this one"
        } else {
            "machines on that network"
        };
        let _ = err.line(&format!(
            "postie mock: warning: listening on {}, not only on this machine: {whom} can read the saved examples",
            addr.ip()
        ));
    }
    server.wait().map_err(|e| Fail {
        code: exit::INTERNAL,
        message: e.to_string(),
    })?;
    Ok(exit::OK)
}

/// `--watch`: reloads the collection (and the variables it brings) whenever its
/// file changes; a file that does not load leaves the previous examples served.
fn watch(
    args: &MockArgs,
    since: FileStamp,
    routes: MockRoutes,
    masker: Masker,
) -> Result<FileWatch, Fail> {
    let path = args.collection.clone();
    let reload_args = args.clone();
    FileWatch::start(path.clone(), since, WATCH_EVERY, move || {
        reload(&reload_args, &routes, &masker)
    })
    .map_err(|e| Fail {
        code: exit::INTERNAL,
        message: format!("--watch {}: {e}", path.display()),
    })
}

fn reload(args: &MockArgs, routes: &MockRoutes, masker: &Masker) {
    let shown = args.collection.display();
    let table = load_collection(&args.collection)
        .map_err(|e| e.to_string())
        .and_then(|loaded| {
            scopes_for(args, &loaded.collection)
                .map(|scopes| RouteTable::from_collection(&loaded.collection, &scopes))
                .map_err(|f| f.message)
        });
    match table {
        Ok(table) => {
            let n = table.len();
            routes.replace(table);
            let mut out = Output::stdout(masker.clone());
            let _ = out.line(&format!(
                "postie mock: reloaded {shown}: serving {n} saved examples"
            ));
            let _ = out.flush();
        }
        Err(e) => {
            let mut err = Output::stderr(masker.clone());
            let _ = err.line(&format!(
                "postie mock: cannot reload: {e}; still serving the previous {} saved examples",
                routes.example_count()
            ));
        }
    }
}
