//! `postie export`: its options and their wiring.

use super::{assignments, exit, Fail};
use clap::{Args, ValueEnum};
use postie::collection::load_collection;
use postie::export::{export, ExportError, ExportOptions, Format, Shell};
use postie::output::{write_atomic, Masker, Output};
use postie::vars::initial_scopes;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// A shell script of curl commands.
    Curl,
    /// A shell script of HTTPie commands.
    Httpie,
    /// A Hurl file.
    Hurl,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ShellKind {
    /// Any POSIX shell (sh, dash, bash, zsh, busybox).
    #[value(alias = "sh")]
    Posix,
    /// bash, with $'…' quoting.
    Bash,
    /// zsh, with $'…' quoting.
    Zsh,
    /// PowerShell 7.3 or later.
    Pwsh,
    /// cmd.exe (a batch file).
    Cmd,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// What to write: curl or HTTPie commands in a shell script, or a Hurl file.
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// The collection file (Postman v2.1, v2.0 or v1 JSON).
    pub collection: PathBuf,
    /// Environment file whose values resolve {{variables}} (for Hurl, the values
    /// of the variables file).
    #[arg(short = 'e', long)]
    pub environment: Option<PathBuf>,
    /// Globals file.
    #[arg(short = 'g', long)]
    pub globals: Option<PathBuf>,
    /// Set an environment variable, overriding the file; repeatable.
    #[arg(long = "env-var", value_name = "KEY=VALUE")]
    pub env_var: Vec<String>,
    /// Set a global variable, overriding the file; repeatable.
    #[arg(long = "global-var", value_name = "KEY=VALUE")]
    pub global_var: Vec<String>,
    /// Export only this folder or request (name or id), as `run --folder`; repeatable.
    #[arg(long, value_name = "NAME")]
    pub folder: Vec<String>,
    /// Export one request: its id, its name, or its folder path as the export's
    /// comments print it (`Folder/Sub/Request`).
    #[arg(long, value_name = "REQUEST")]
    pub request: Option<String>,
    /// Leave {{variables}} in place instead of resolving them (curl, httpie; Hurl
    /// keeps them anyway).
    #[arg(long = "keep-vars")]
    pub keep_vars: bool,
    /// Replace secrets with placeholders: secret variables, auth credentials, and
    /// credentials in headers, form and JSON fields and query strings.
    #[arg(long)]
    pub redact: bool,
    /// The shell the script is written for (curl, httpie).
    #[arg(long, value_enum, value_name = "SHELL")]
    pub shell: Option<ShellKind>,
    /// One option per line (curl, httpie).
    #[arg(long)]
    pub multiline: bool,
    /// Long option names, --header instead of -H (curl, httpie).
    #[arg(long = "long-options")]
    pub long_options: bool,
    /// Time limit for each response in milliseconds, exported as the tool's
    /// timeout (curl, httpie; 0: none).
    #[arg(long = "timeout-request", value_name = "MS", default_value = "0")]
    pub timeout_request: u64,
    /// Export with TLS certificate verification off.
    #[arg(short = 'k', long)]
    pub insecure: bool,
    /// Export requests that do not follow redirects.
    #[arg(long = "ignore-redirects")]
    pub ignore_redirects: bool,
    /// Directory that relative file paths in bodies are read from.
    #[arg(long = "working-dir", value_name = "DIR")]
    pub working_dir: Option<PathBuf>,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the variables the Hurl file uses, with their values, to this file, for
    /// `hurl --variables-file` (hurl).
    #[arg(long = "variables-file", value_name = "FILE")]
    pub variables_file: Option<PathBuf>,
}

/// Options that mean nothing for the chosen format are refused, not ignored.
fn check_applicable(args: &ExportArgs) -> Result<(), Fail> {
    let hurl = args.format == ExportFormat::Hurl;
    let only_scripts = [
        ("--shell", args.shell.is_some()),
        ("--multiline", args.multiline),
        ("--long-options", args.long_options),
        ("--keep-vars", args.keep_vars),
        ("--timeout-request", args.timeout_request > 0),
    ];
    for (flag, given) in only_scripts {
        if hurl && given {
            return Err(Fail::usage(format!(
                "{flag} does not apply to a Hurl export (curl and httpie only)"
            )));
        }
    }
    if !hurl && args.variables_file.is_some() {
        return Err(Fail::usage(
            "--variables-file applies to a Hurl export only",
        ));
    }
    Ok(())
}

pub fn run(args: ExportArgs) -> Result<i32, Fail> {
    check_applicable(&args)?;
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
        shell: match args.shell.unwrap_or(ShellKind::Posix) {
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
        ExportError::FolderNotFound(_) => Fail::input(format!("--folder {e}")),
        ExportError::RequestNotFound(_) | ExportError::AmbiguousRequest { .. } => {
            Fail::input(format!("--request {e}"))
        }
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
    if let Some(path) = &args.variables_file {
        let mut text = String::new();
        for (name, value) in &result.variables {
            if value.contains(['\n', '\r']) {
                let _ = err.line(&format!(
                    "postie: warning: variable '{name}' holds a line break, which a variables file cannot: pass it with --variable"
                ));
                continue;
            }
            text.push_str(&format!("{name}={value}\n"));
        }
        write_atomic(path, &Masker::default(), &text)
            .map_err(|e| Fail::output(format!("{}: cannot write: {e}", path.display())))?;
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
