//! `postie mock`, and the in-process mock behind `postie run --mock`.

use super::args::MockArgs;
use super::{assignments, exit, Fail};
use postie::collection::{load_collection, Collection};
use postie::mock::{base_url_variables, MockOptions, MockServer};
use postie::output::{Masker, Output};
use postie::vars::{initial_scopes, Scopes};
use serde_json::Value;

/// A mock serving a run; dropping it stops the server.
pub struct RunMock {
    pub base_url: String,
    _server: MockServer,
}

/// Starts the collection's own mock on a free loopback port and points the
/// collection's base-URL variables at it. They are set as local variables, which
/// outrank every other scope, so exported environments keep their real values.
pub fn start_for_run(collection: &Collection, scopes: &mut Scopes) -> Result<RunMock, Fail> {
    let server =
        MockServer::start(collection, scopes, MockOptions::default()).map_err(|e| Fail {
            code: exit::FAILED,
            message: format!("--mock: {e}"),
        })?;
    let base = server.base_url();
    for name in base_url_variables(collection, scopes) {
        scopes.local.set(&name, Value::String(base.clone()));
    }
    Ok(RunMock {
        base_url: base,
        _server: server,
    })
}

pub fn run(args: MockArgs) -> Result<i32, Fail> {
    let loaded = load_collection(&args.collection).map_err(Fail::input)?;
    let env_vars = assignments(&args.env_var, "--env-var")?;
    let scopes = initial_scopes(
        &loaded.collection,
        args.environment.as_deref(),
        args.globals.as_deref(),
        &env_vars,
        &[],
    )
    .map_err(Fail::input)?;
    let masker = Masker::new(scopes.secret_values());
    let mut err = Output::stderr(masker.clone());
    for n in &loaded.notices {
        let _ = err.line(&format!("postie: {n}"));
    }
    let log_masker = masker.clone();
    let options = MockOptions {
        host: args.host.clone(),
        port: args.port,
        log: Some(Box::new(move |line| {
            let mut out = Output::stdout(log_masker.clone());
            let _ = out.line(&line.to_string());
            let _ = out.flush();
        })),
    };
    let server = MockServer::start(&loaded.collection, &scopes, options).map_err(|e| Fail {
        code: exit::FAILED,
        message: e.to_string(),
    })?;
    let mut out = Output::stdout(masker);
    let _ = out.line(&format!(
        "postie mock: serving {} saved examples of '{}' at {} (Ctrl-C to stop)",
        server.example_count(),
        loaded.collection.info.name,
        server.base_url()
    ));
    let _ = out.flush();
    server.wait().map_err(|e| Fail {
        code: exit::FAILED,
        message: e.to_string(),
    })?;
    Ok(exit::OK)
}
