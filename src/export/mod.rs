//! Exporting requests as curl commands, HTTPie commands and Hurl files.
//!
//! Every request is built once by [`crate::request::prepare`], the code `postie
//! run` sends with, into a [`RequestSpec`]: the export writes its parts (the auth's
//! credentials, the form's fields, the files) and keeps `{{name}}` or hides a
//! secret from the variables each text remembers. The output formats themselves
//! are minijinja templates (`templates/*.j2`).

mod curl;
mod httpie;
mod hurl;
mod hurl_scripts;
mod placeholders;
mod prepare;
pub mod quote;
pub(crate) mod redact;
mod script;
mod select;
mod words;

use crate::collection::Collection;
use crate::request::{FileAccess, RequestSettings};
use crate::vars::Scopes;
use std::path::PathBuf;
use std::time::Duration;

pub use placeholders::env_name;
pub use quote::Shell;
pub use redact::is_credential;

/// What to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Curl,
    Httpie,
    Hurl,
}

/// How to export; the CLI's `postie export` flags.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub format: Format,
    /// The shell the commands are written for (curl and HTTPie).
    pub shell: Shell,
    /// One option per line, with the shell's line continuation.
    pub multiline: bool,
    /// `--header` rather than `-H`, and so on.
    pub long_options: bool,
    /// Leave `{{name}}` in place instead of resolving variables.
    pub keep_vars: bool,
    /// Replace secrets and credentials with placeholders.
    pub redact: bool,
    /// Export only these folders or requests (name or id), as `run --folder`.
    pub folders: Vec<String>,
    /// Export this one request (id, name, or folder path) as a single command.
    pub request: Option<String>,
    /// `--timeout-request`: exported as `--max-time`.
    pub timeout_request: Option<Duration>,
    /// `-k`: TLS verification off for every request.
    pub insecure: bool,
    /// `--ignore-redirects`: do not follow redirects.
    pub ignore_redirects: bool,
    /// Where files named in bodies are read from, as `run --working-dir`.
    pub working_dir: Option<PathBuf>,
}

/// The exported text and what the user should know about it (for stderr).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Export {
    pub text: String,
    pub warnings: Vec<String>,
    /// Hurl: the variables the file uses and their values, for a variables file.
    pub variables: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    #[error("'{0}': no folder or request of that name or id in the collection")]
    FolderNotFound(String),
    #[error("'{0}': no request of that name, id or folder path in the collection")]
    RequestNotFound(String),
    #[error("'{name}': {count} requests have that name; give the request's id or its folder path ({})", paths.join(", "))]
    AmbiguousRequest {
        name: String,
        count: usize,
        paths: Vec<String>,
    },
    #[error("cannot render the export: {0}")]
    Template(String),
}

/// What every back end writes with.
pub(crate) struct Cx<'a> {
    pub collection: &'a Collection,
    pub opts: &'a ExportOptions,
    pub r: words::Renderer<'a>,
    pub warnings: Vec<String>,
    spills: usize,
}

/// Exports the selected requests of `collection`, variables resolved through `scopes`
/// as `postie run` resolves them.
pub fn export(
    collection: &Collection,
    scopes: &Scopes,
    opts: &ExportOptions,
) -> Result<Export, ExportError> {
    let entries = select::select(collection, &opts.folders, opts.request.as_deref())?;
    let preparer = prepare::Preparer {
        collection,
        scopes,
        files: FileAccess {
            working_dir: opts.working_dir.clone(),
            confined: false,
        },
        settings: RequestSettings {
            follow_redirects: !opts.ignore_redirects,
            strict_ssl: !opts.insecure,
            timeout: opts.timeout_request.filter(|d| !d.is_zero()),
            ..Default::default()
        },
    };
    let mut warnings = Vec::new();
    let prepared: Vec<prepare::Prepared> = entries
        .iter()
        .map(|e| preparer.prepare(e, &mut warnings))
        .collect();
    let templates = match opts.format {
        Format::Hurl => words::Templates::Hurl,
        _ if opts.keep_vars => words::Templates::Shell,
        _ => words::Templates::None,
    };
    let mut r = words::Renderer::new(scopes, opts.redact, templates);
    if opts.format == Format::Hurl {
        r.known
            .extend(hurl_scripts::names_set_by_scripts(collection));
    }
    if opts.redact {
        for spec in prepared.iter().filter_map(|p| p.spec.as_ref()) {
            redact::credential_variables(spec, &mut r.secret_vars);
        }
    }
    let mut cx = Cx {
        collection,
        opts,
        r,
        warnings,
        spills: 0,
    };
    let text = match opts.format {
        Format::Curl => curl::render(&prepared, &mut cx)?,
        Format::Httpie => httpie::render(&prepared, &mut cx)?,
        Format::Hurl => hurl::render(&prepared, &mut cx)?,
    };
    Ok(Export {
        text,
        variables: cx.r.hurl_vars.into_iter().collect(),
        warnings: cx.warnings,
    })
}
