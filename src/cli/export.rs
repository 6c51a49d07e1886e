//! `postie export`.

use super::args::{ExportArgs, ExportFormat, ShellKind};
use super::{assignments, exit, Fail};
use postie::collection::load_collection;
use postie::export::{export, ExportError, ExportOptions, Format, Shell};
use postie::report::output::{write_atomic, Masker, Output};
use postie::vars::initial_scopes;
use std::time::Duration;

pub fn run(args: ExportArgs) -> Result<i32, Fail> {
    let loaded = load_collection(&args.collection).map_err(Fail::input)?;
    let env_vars = assignments(&args.env_var, "--env-var")?;
    let global_vars = assignments(&args.global_var, "--global-var")?;
    let scopes = initial_scopes(
        &loaded.collection,
        args.environment.as_deref(),
        args.globals.as_deref(),
        &env_vars,
        &global_vars,
    )
    .map_err(Fail::input)?;
    let options = ExportOptions {
        format: match args.format {
            ExportFormat::Curl => Format::Curl,
            ExportFormat::Httpie => Format::Httpie,
            ExportFormat::Hurl => Format::Hurl,
        },
        shell: match args.shell {
            ShellKind::Posix => Shell::Posix,
            ShellKind::Bash => Shell::Bash,
            ShellKind::Zsh => Shell::Zsh,
            ShellKind::Pwsh => Shell::Pwsh,
            ShellKind::Cmd => Shell::Cmd,
        },
        multiline: args.multiline,
        long_options: args.long_options,
        keep_vars: args.keep_vars,
        redact: args.redact,
        folders: args.folder.clone(),
        request: args.request.clone(),
        timeout_request: (args.timeout_request > 0)
            .then(|| Duration::from_millis(args.timeout_request)),
        insecure: args.insecure,
        ignore_redirects: args.ignore_redirects,
        working_dir: args.working_dir.clone(),
    };
    let result = export(&loaded.collection, &scopes, &options).map_err(|e| match e {
        ExportError::FolderNotFound(_)
        | ExportError::RequestNotFound(_)
        | ExportError::AmbiguousRequest { .. } => Fail::input(e),
        other => Fail {
            code: exit::INTERNAL,
            message: other.to_string(),
        },
    })?;
    // The user asked for these commands, secrets included (unless --redact): not masked.
    let mut err = Output::stderr(Masker::default());
    for n in &loaded.notices {
        let _ = err.line(&format!("postie: {n}"));
    }
    for w in &result.warnings {
        let _ = err.line(&format!("postie: warning: {w}"));
    }
    match &args.output {
        Some(path) => write_atomic(path, &Masker::default(), &result.text)
            .map_err(|e| Fail::output(format!("{}: cannot write: {e}", path.display())))?,
        None => {
            let mut out = Output::stdout(Masker::default());
            out.write_str(&result.text).map_err(Fail::output)?;
            let _ = out.flush();
        }
    }
    Ok(exit::OK)
}
