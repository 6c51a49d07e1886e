//! `postie run`.

use super::args::RunArgs;
use super::{assignments, exit, stderr, Fail};
use postie::collection::exported::exported;
use postie::collection::{load_collection, load_iteration_data};
use postie::http::{ClientOptions, CookieJar, HttpClient, RequestSettings};
use postie::interrupt::{Cause, Interrupt};
use postie::output::{write_atomic, Masker};
use postie::report::scripts_ran::{ExportRecord, ScriptsRan, ScriptsRanListener};
use postie::request::FileAccess;
use postie::runner::{Event, ListenerError, RetryPolicy, Run, RunError, RunListener, RunOptions};
use postie::script::SandboxOptions;
use postie::vars::{initial_scopes, Scopes, SecretNames, VariableScope};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

fn ms(v: u64) -> Option<Duration> {
    (v > 0).then(|| Duration::from_millis(v))
}

pub fn run(args: RunArgs) -> Result<i32, Fail> {
    // Every secret the run came to know, to mask the messages it ends with.
    let seen = Rc::new(RefCell::new(if args.no_mask {
        Masker::disabled()
    } else {
        Masker::default()
    }));
    run_masked(args, &seen).map_err(|mut f| {
        f.message = seen.borrow().mask(&f.message).into_owned();
        f
    })
}

/// Hears every secret the run announces.
struct SecretsSeen(Rc<RefCell<Masker>>);

impl RunListener for SecretsSeen {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ListenerError> {
        if let Event::Secret(value) = event {
            self.0.borrow_mut().add(value.to_string());
        }
        Ok(())
    }
}

fn run_masked(args: RunArgs, seen: &Rc<RefCell<Masker>>) -> Result<i32, Fail> {
    if args.postman_api_key.is_some() {
        return Err(Fail::usage("--postman-api-key: postie reads collections from local files only; export the collection from Postman first"));
    }
    let collection_arg = args.collection.to_string_lossy();
    if collection_arg.starts_with("http://") || collection_arg.starts_with("https://") {
        return Err(Fail::usage(format!(
            "{collection_arg}: postie reads collections from local files only; download it first"
        )));
    }
    let mut retry = RetryPolicy {
        retries: args.retry,
        delay: Duration::from_millis(args.retry_delay),
        unsafe_methods: args.retry_unsafe,
        ..Default::default()
    };
    retry
        .set_conditions(&args.retry_on)
        .map_err(|e| Fail::usage(format!("--retry-on {e}")))?;
    // From here on a signal stops the run gracefully instead of killing postie.
    let interrupt = Interrupt::new();
    if let Err(e) = super::signals::watch(interrupt.clone()) {
        let _ = stderr(&Masker::default()).line(&format!(
            "postie: cannot listen for signals ({e}); Ctrl-C will end the run without reports"
        ));
    }
    let loaded = load_collection(&args.collection).map_err(Fail::input)?;
    let collection = loaded.collection;
    let env_vars = assignments(&args.env_var, "--env-var")?;
    let global_vars = assignments(&args.global_var, "--global-var")?;
    let mut scopes = initial_scopes(
        &collection,
        args.environment.as_deref(),
        args.globals.as_deref(),
        &env_vars,
        &global_vars,
    )
    .map_err(Fail::input)?;
    let data = match &args.iteration_data {
        Some(p) => load_iteration_data(p).map_err(Fail::input)?,
        None => Vec::new(),
    };
    if args.iteration_count == Some(0) {
        return Err(Fail::usage("--iteration-count: expected a positive number"));
    }
    if let Some(wd) = &args.working_dir {
        if !wd.is_dir() {
            return Err(Fail::input(format!(
                "{}: --working-dir is not a directory",
                wd.display()
            )));
        }
    }

    // --mock: serve the collection's own examples and point its base URLs there.
    let mock = if args.mock {
        Some(super::mock::start_for_run(&collection, &mut scopes)?)
    } else {
        None
    };

    let cookies = match &args.cookie_jar {
        Some(p) => {
            let text = postie::collection::load::read_text(p).map_err(Fail::input)?;
            let doc: Value = serde_json::from_str(&text).map_err(|e| {
                Fail::input(format!(
                    "{}:{}:{}: invalid JSON: {e}",
                    p.display(),
                    e.line(),
                    e.column()
                ))
            })?;
            Some((p, doc))
        }
        None => None,
    };
    // One client per worker: each has its own connections and cookie jar.
    let make_client = || -> Result<HttpClient, Fail> {
        let mut client = HttpClient::new(ClientOptions {
            insecure: args.insecure,
            extra_ca_certs: args.ssl_extra_ca_certs.clone(),
            client_cert: args.ssl_client_cert.clone(),
            client_key: args.ssl_client_key.clone(),
            max_response_size: args.max_response_size,
        })
        .map_err(Fail::input)?;
        if let Some(m) = &mock {
            // Every request, redirect hop and pm.sendRequest goes to the mock or nowhere.
            client.divert(m.divert()).map_err(Fail::input)?;
        }
        if let Some((p, doc)) = &cookies {
            client.jar = CookieJar::from_tough_json(doc)
                .map_err(|e| Fail::input(format!("{}: {e}", p.display())))?;
        }
        Ok(client)
    };
    let share = super::share::share(&args, &collection)?;
    let workers = args.parallel.max(1);

    let bail = match args.bail.as_deref() {
        None => false,
        Some(m) => {
            for part in m.split(',') {
                if !matches!(part.trim(), "failure" | "folder" | "") {
                    return Err(Fail::usage(format!(
                        "--bail '{part}': expected 'failure' or 'folder'"
                    )));
                }
            }
            true
        }
    };
    let options = RunOptions {
        iterations: args.iteration_count,
        data,
        selection: share.selection,
        delay: Duration::from_millis(args.delay_request),
        timeout: ms(args.timeout),
        interrupt: interrupt.clone(),
        settings: RequestSettings {
            follow_redirects: !args.ignore_redirects,
            strict_ssl: !args.insecure,
            timeout: ms(args.timeout_request),
            ..Default::default()
        },
        bail,
        files: FileAccess {
            working_dir: args.working_dir.clone(),
            confined: !args.insecure_file_read,
        },
        strict_vars: args.strict_vars,
        sandbox: SandboxOptions {
            timeout: ms(args.timeout_script),
            memory_limit: args.script_memory_limit.saturating_mul(1024 * 1024),
        },
        mock_base: mock.as_ref().map(|m| m.base_url.clone()),
        isolate_scripts: args.isolate_scripts,
        retry,
        secret_names: SecretNames {
            extra: args.secret.clone(),
            off: args.no_mask,
        },
        share: share.share,
    };

    let mut runner = Run::new(&collection, scopes, options, workers, make_client)?;
    // Secrets never reach the terminal or reports: those known now, and those
    // the run announces as it finds them.
    let known = runner.secrets_before_run();
    seen.borrow_mut().add_all(known.iter().cloned());
    let masker = seen.borrow().clone();
    let mut err_out = stderr(&masker);
    if !args.silent {
        for n in &loaded.notices {
            let _ = err_out.line(&format!("postie: {n}"));
        }
    }
    let mut reporters = super::reporters::build(&args, &masker)?;
    reporters.push(Box::new(SecretsSeen(seen.clone())));
    let scripts_ran = Rc::new(RefCell::new(ScriptsRan::default()));
    reporters.push(Box::new(ScriptsRanListener(scripts_ran.clone())));
    let ran = runner.run(&mut reporters);
    let (summary, client) = ran.map_err(|e| match e {
        RunError::Select(e) => super::selection_error(&e),
        RunError::Listener(_) => Fail::output(e),
    })?;
    drop(reporters);
    if let Some(m) = mock {
        for line in m.finish() {
            if !args.silent {
                let _ = err_out.line(&line);
            }
        }
    }

    let scripts_ran = scripts_ran.borrow();
    let record = ExportRecord::new(&collection, &scripts_ran);
    export_files(&args, &record, &summary.scopes, &client)?;
    let mut err_out = stderr(&seen.borrow());
    // The cli reporter already ended its output with the error.
    if let Some(e) = &summary.error {
        if !args.silent {
            let _ = err_out.line(&format!("postie: {e}"));
        }
    }
    if let Some(Cause::Signal(signal)) = summary.interrupted {
        return Ok(signal.exit_code());
    }
    let failed = !summary.failures.is_empty() || summary.error.is_some();
    Ok(if failed && !args.suppress_exit_code {
        exit::FAILED
    } else {
        exit::OK
    })
}

use super::reporters::target;

/// An environment or globals file as newman exports it: each value with its key,
/// value and newman's variable type, and the scope's kind as its name when it has none.
fn scope_file(scope: &VariableScope, kind: &str) -> Value {
    let values: Vec<Value> = scope
        .values
        .iter()
        .filter_map(|v| {
            let mut value = json!({
                "key": v.name()?,
                "value": v.value,
                "type": exported_type(v.kind.as_deref()),
            });
            // newman keeps a value the file disabled, and resolves it too; postie
            // honours `enabled: false`, so the export says so to stay reusable.
            if !v.is_enabled() {
                value["enabled"] = json!(false);
            }
            Some(value)
        })
        .collect();
    let name = if scope.name.is_empty() {
        kind
    } else {
        &scope.name
    };
    json!({
        "id": scope.id.clone().unwrap_or_else(|| postie::uuid_v4::new().to_string()),
        "name": name,
        "values": values,
        "_postman_variable_scope": kind,
        "_postman_exported_at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "_postman_exported_using": concat!("postie/", env!("CARGO_PKG_VERSION")),
    })
}

/// The variable types newman knows keep their name; any other (Postman's
/// `default`, none at all) is exported as `any`, as newman does. `secret` is kept
/// so that a reused export still masks the value.
fn exported_type(kind: Option<&str>) -> &str {
    match kind {
        Some(k @ ("string" | "boolean" | "number" | "array" | "object" | "any" | "secret")) => k,
        _ => "any",
    }
}

/// The collection as newman exports it: the collection the run was given (its
/// variables as declared, not as scripts left them), marked like the other
/// exported scopes. `name` is newman's default for a scope without one: the
/// collection's own name is in `info`.
fn collection_file(record: &ExportRecord<'_>) -> Value {
    let mut doc = exported(record.collection(), record);
    doc["name"] = json!("collection");
    doc["_postman_variable_scope"] = json!("collection");
    doc["_postman_exported_at"] =
        json!(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
    doc["_postman_exported_using"] = json!(concat!("postie/", env!("CARGO_PKG_VERSION")));
    doc
}

fn write_json(path: &Path, doc: &Value) -> Result<(), Fail> {
    let text = serde_json::to_string_pretty(doc).map_err(Fail::output)?;
    // Exports are asked for explicitly and must be reusable, so they are not masked.
    write_atomic(path, &Masker::default(), &text)
        .map_err(|e| Fail::output(format!("{}: cannot write: {e}", path.display())))
}

fn export_files(
    args: &RunArgs,
    collection: &ExportRecord<'_>,
    scopes: &Scopes,
    client: &HttpClient,
) -> Result<(), Fail> {
    if let Some(p) = &args.export_environment {
        write_json(
            &target(p, "environment", "json"),
            &scope_file(&scopes.environment, "environment"),
        )?;
    }
    if let Some(p) = &args.export_globals {
        write_json(
            &target(p, "globals", "json"),
            &scope_file(&scopes.globals, "globals"),
        )?;
    }
    if let Some(p) = &args.export_collection {
        write_json(
            &target(p, "collection", "json"),
            &collection_file(collection),
        )?;
    }
    if let Some(p) = &args.export_cookie_jar {
        write_json(
            &target(p, "cookie-jar", "json"),
            &client.jar.to_tough_json(),
        )?;
    }
    Ok(())
}
