//! `postie lint`.

use super::args::{LintArgs, OutputFormat};
use super::{assignments, exit, Fail};
use postie::collection::{load_collection, load_iteration_data};
use postie::lint::{lint, render, LintError, LintInput};
use postie::output::{Masker, Output};
use postie::vars::initial_scopes;

pub fn run(args: LintArgs) -> Result<i32, Fail> {
    let env_vars = assignments(&args.env_var, "--env-var")?;
    let global_vars = assignments(&args.global_var, "--global-var")?;
    let loaded = load_collection(&args.collection).map_err(Fail::input)?;
    let mut scopes = initial_scopes(
        &loaded.collection,
        args.environment.as_deref(),
        args.globals.as_deref(),
        &env_vars,
        &global_vars,
    )
    .map_err(Fail::input)?;
    if let Some(p) = &args.iteration_data {
        // Every column of any row counts as defined; the first value seen stands for it.
        for row in load_iteration_data(p).map_err(Fail::input)? {
            for (k, v) in row {
                if !scopes.data.has(&k) {
                    scopes.data.set(&k, v);
                }
            }
        }
    }
    let masker = Masker::new(scopes.secret_values());
    let input = LintInput {
        scopes,
        folders: args.folder.clone(),
    };
    let report = lint(&loaded.collection, &input).map_err(|e| match e {
        LintError::FolderNotFound(_) => Fail::input(format!("--folder {e}")),
    })?;
    let mut err = Output::stderr(masker.clone());
    for n in &loaded.notices {
        let _ = err.line(&format!("postie: {n}"));
    }
    let text = match args.format {
        OutputFormat::Human => render::human(&report),
        OutputFormat::Json => render::json(&report),
    };
    let mut out = Output::stdout(masker);
    out.write_str(&text).map_err(Fail::output)?;
    let _ = out.flush();
    Ok(if report.has_errors() {
        exit::FAILED
    } else {
        exit::OK
    })
}
