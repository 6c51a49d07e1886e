//! Command-line definitions. `run` accepts newman's flags.

pub use super::export::ExportArgs;
pub use super::mock::MockArgs;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "postie",
    version,
    about = "Run Postman collections headless, and convert them",
    long_about = None,
    after_help = "Exit codes: 0 all passed, 1 a test, script or request failed, 2 usage error, 3 bad input file, 4 cannot write output, 5 the mock server cannot listen."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a collection (newman-compatible flags).
    Run(Box<RunArgs>),
    /// Serve a collection's saved example responses over HTTP.
    Mock(MockArgs),
    /// Convert requests to curl commands, HTTPie commands or a Hurl file.
    Export(ExportArgs),
    /// Check a collection for problems without running it.
    Lint(LintArgs),
    /// List a collection's folders and requests.
    Ls(LsArgs),
    /// Compare two collections or two environments.
    Diff(DiffArgs),
    /// Join the JSON reports of shards (`run --shard K/N`) into one run's reports.
    MergeReports(super::merge::MergeArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Color {
    Auto,
    On,
    Off,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ShardBy {
    Iteration,
    Folder,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// The collection file (Postman v2.1, v2.0 or v1 JSON).
    pub collection: PathBuf,
    /// Environment file.
    #[arg(short = 'e', long)]
    pub environment: Option<PathBuf>,
    /// Globals file.
    #[arg(short = 'g', long)]
    pub globals: Option<PathBuf>,
    /// Iteration data: a JSON array of objects, or CSV with a header row.
    #[arg(short = 'd', long = "iteration-data")]
    pub iteration_data: Option<PathBuf>,
    /// Number of iterations (default: the number of data rows, or 1).
    #[arg(short = 'n', long = "iteration-count")]
    pub iteration_count: Option<usize>,
    /// Run only this folder or request (by name or id); repeatable.
    #[arg(long)]
    pub folder: Vec<String>,
    /// Set an environment variable, overriding the file (k=v); repeatable.
    #[arg(long = "env-var", value_name = "KEY=VALUE")]
    pub env_var: Vec<String>,
    /// Set a global variable, overriding the file (k=v); repeatable.
    #[arg(long = "global-var", value_name = "KEY=VALUE")]
    pub global_var: Vec<String>,
    /// Write the environment as the run left it.
    #[arg(long = "export-environment")]
    pub export_environment: Option<PathBuf>,
    /// Write the globals as the run left them.
    #[arg(long = "export-globals")]
    pub export_globals: Option<PathBuf>,
    /// Write the collection (with its variables as the run left them).
    #[arg(long = "export-collection")]
    pub export_collection: Option<PathBuf>,
    /// Start with the cookies in this file (newman's tough-cookie JSON).
    #[arg(long = "cookie-jar")]
    pub cookie_jar: Option<PathBuf>,
    /// Write the cookie jar at the end of the run.
    #[arg(long = "export-cookie-jar")]
    pub export_cookie_jar: Option<PathBuf>,
    /// Stop at the first failure. Accepts newman's modifiers `failure` and `folder`.
    #[arg(long, num_args = 0..=1, default_missing_value = "failure", value_name = "MODIFIERS")]
    pub bail: Option<String>,
    /// Do not follow redirects: a 3xx response reaches the test scripts.
    #[arg(long = "ignore-redirects")]
    pub ignore_redirects: bool,
    /// Exit 0 even when tests fail.
    #[arg(short = 'x', long = "suppress-exit-code")]
    pub suppress_exit_code: bool,
    /// No output at all.
    #[arg(long)]
    pub silent: bool,
    /// ASCII symbols instead of Unicode ones.
    #[arg(long = "disable-unicode")]
    pub disable_unicode: bool,
    /// Colour in terminal output: on a terminal unless NO_COLOR or TERM=dumb says otherwise, FORCE_COLOR forces it (auto), always (on), or never (off).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Pause between requests, in milliseconds.
    #[arg(long = "delay-request", value_name = "MS", num_args = 0..=1, default_missing_value = "0", default_value = "0")]
    pub delay_request: u64,
    /// Time limit for the whole run, in milliseconds (0: none).
    #[arg(long, value_name = "MS", default_value = "0")]
    pub timeout: u64,
    /// Send a request again, up to N more times, when it fails as --retry-on says.
    #[arg(long, value_name = "N", default_value = "0")]
    pub retry: u32,
    /// First wait before sending again, in milliseconds; each later wait doubles.
    #[arg(long = "retry-delay", value_name = "MS", default_value = "500")]
    pub retry_delay: u64,
    /// What is retried: network (no response), 5xx, 429; comma-separated.
    #[arg(long = "retry-on", value_name = "LIST", default_value = "network")]
    pub retry_on: String,
    /// Also retry methods that are not idempotent (POST, PATCH, …).
    #[arg(long = "retry-unsafe")]
    pub retry_unsafe: bool,
    /// Time limit for each response, in milliseconds (0: none).
    #[arg(long = "timeout-request", value_name = "MS", default_value = "0")]
    pub timeout_request: u64,
    /// Largest response body kept, in bytes, as received and once decompressed; a longer one is that request's error (default: no limit, and 64 MiB once decompressed).
    #[arg(long = "max-response-size", value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_response_size: Option<u64>,
    /// Time limit for each script, in milliseconds (0: none).
    #[arg(long = "timeout-script", value_name = "MS", default_value = "0")]
    pub timeout_script: u64,
    /// Memory limit for each script run, in MiB.
    #[arg(
        long = "script-memory-limit",
        value_name = "MIB",
        default_value = "256"
    )]
    pub script_memory_limit: usize,
    /// Run iterations on N workers at once; reports keep iteration order (see README).
    #[arg(long, value_name = "N", default_value = "1")]
    pub parallel: usize,
    /// Run only the K-th of N slices of the iterations (or folders, with --shard-by folder).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// What --shard slices: iterations, or the collection's top-level folders.
    #[arg(
        long = "shard-by",
        value_enum,
        default_value = "iteration",
        requires = "shard"
    )]
    pub shard_by: ShardBy,
    /// A fresh JavaScript context for every script instead of one for the run (as newman).
    #[arg(long = "isolate-scripts")]
    pub isolate_scripts: bool,
    /// Directory that relative file paths in bodies are read from.
    #[arg(long = "working-dir")]
    pub working_dir: Option<PathBuf>,
    /// Allow body and form-data files outside the working directory (refused by
    /// default: a collection from elsewhere must not read your files without consent).
    #[arg(long = "insecure-file-read", overrides_with = "no_insecure_file_read")]
    pub insecure_file_read: bool,
    /// Refuse body files outside the working directory (the default; accepted so
    /// newman command lines run unchanged).
    #[arg(long = "no-insecure-file-read", overrides_with = "insecure_file_read")]
    pub no_insecure_file_read: bool,
    /// Do not verify TLS certificates.
    #[arg(short = 'k', long)]
    pub insecure: bool,
    /// Client certificate (PEM).
    #[arg(long = "ssl-client-cert")]
    pub ssl_client_cert: Option<PathBuf>,
    /// Client certificate key (PEM).
    #[arg(long = "ssl-client-key")]
    pub ssl_client_key: Option<PathBuf>,
    /// Passphrase of the client key (encrypted keys are not supported yet).
    #[arg(long = "ssl-client-passphrase", hide = true)]
    pub ssl_client_passphrase: Option<String>,
    /// Extra trusted CA certificates (PEM).
    #[arg(long = "ssl-extra-ca-certs")]
    pub ssl_extra_ca_certs: Option<PathBuf>,
    /// Show request and response headers and bodies.
    #[arg(long)]
    pub verbose: bool,
    /// Reporters: cli, json, junit, progress, html, github, tap (comma-separated).
    #[arg(short = 'r', long, value_delimiter = ',', default_value = "cli")]
    pub reporters: Vec<String>,
    /// Where the json reporter writes (default: newman/newman-run-report-<time>.json).
    #[arg(long = "reporter-json-export")]
    pub reporter_json_export: Option<PathBuf>,
    /// Leave request and response bodies out of the JSON report (newman writes every body byte by byte).
    #[arg(long = "reporter-json-omit-bodies")]
    pub reporter_json_omit_bodies: bool,
    /// Where the junit reporter writes (default: newman/newman-run-report-<time>.xml).
    #[arg(long = "reporter-junit-export")]
    pub reporter_junit_export: Option<PathBuf>,
    /// Where the html reporter writes its single-file report (default: newman/newman-run-report-<time>.html).
    #[arg(long = "reporter-html-export", value_name = "FILE")]
    pub reporter_html_export: Option<PathBuf>,
    /// Where the tap reporter writes (default: standard output).
    #[arg(long = "reporter-tap-export", value_name = "FILE")]
    pub reporter_tap_export: Option<PathBuf>,
    /// cli reporter: print nothing.
    #[arg(long = "reporter-cli-silent")]
    pub reporter_cli_silent: bool,
    /// cli reporter: the local time in front of each request.
    #[arg(long = "reporter-cli-show-timestamps")]
    pub reporter_cli_show_timestamps: bool,
    /// cli reporter: no summary table (nor slowest requests) at the end.
    #[arg(long = "reporter-cli-no-summary")]
    pub reporter_cli_no_summary: bool,
    /// cli reporter: no failure table at the end and no inline error lines.
    #[arg(long = "reporter-cli-no-failures")]
    pub reporter_cli_no_failures: bool,
    /// cli reporter: no assertion lines under the requests.
    #[arg(long = "reporter-cli-no-assertions")]
    pub reporter_cli_no_assertions: bool,
    /// cli reporter: only failed assertions under the requests.
    #[arg(long = "reporter-cli-no-success-assertions")]
    pub reporter_cli_no_success_assertions: bool,
    /// cli reporter: no console output of the scripts.
    #[arg(long = "reporter-cli-no-console")]
    pub reporter_cli_no_console: bool,
    /// cli reporter: no banner at the start.
    #[arg(long = "reporter-cli-no-banner")]
    pub reporter_cli_no_banner: bool,
    /// cli reporter: under each failed request, its response status, key headers, the start of its body and a curl command that sends it again (credentials as $VARIABLES).
    #[arg(long = "reporter-cli-show-failed-requests")]
    pub reporter_cli_show_failed_requests: bool,
    /// cli reporter: no list of the five slowest requests at the end.
    #[arg(long = "reporter-cli-no-slowest")]
    pub reporter_cli_no_slowest: bool,
    /// Also hide the values of variables with this name (besides `secret`-typed
    /// variables and names like password, token, secret, apiKey); repeatable.
    #[arg(long = "secret", value_name = "NAME")]
    pub secret: Vec<String>,
    /// Show secrets in the terminal and reports instead of `********`.
    #[arg(long = "no-mask")]
    pub no_mask: bool,
    /// Fail a request whose {{variables}} do not all resolve, instead of sending them literally.
    #[arg(long = "strict-vars")]
    pub strict_vars: bool,
    /// Run against the collection's own saved examples, served by an in-process mock.
    #[arg(long)]
    pub mock: bool,
    /// Not supported: postie reads collections from files only.
    #[arg(long = "postman-api-key", hide = true)]
    pub postman_api_key: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct LintArgs {
    /// The collection file to check.
    pub collection: PathBuf,
    /// Environment file whose variables count as defined.
    #[arg(short = 'e', long)]
    pub environment: Option<PathBuf>,
    /// Globals file whose variables count as defined.
    #[arg(short = 'g', long)]
    pub globals: Option<PathBuf>,
    /// Iteration data whose columns count as defined (JSON array of objects, or CSV).
    #[arg(short = 'd', long = "iteration-data")]
    pub iteration_data: Option<PathBuf>,
    /// An environment variable that counts as defined (k=v); repeatable.
    #[arg(long = "env-var", value_name = "KEY=VALUE")]
    pub env_var: Vec<String>,
    /// A global variable that counts as defined (k=v); repeatable.
    #[arg(long = "global-var", value_name = "KEY=VALUE")]
    pub global_var: Vec<String>,
    /// Check only this folder or request (by name or id), as `run --folder` would run it; repeatable.
    #[arg(long)]
    pub folder: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// The collection file to list.
    pub collection: PathBuf,
    /// Show each item's id (what --folder and setNextRequest also accept).
    #[arg(long)]
    pub ids: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The old collection or environment file.
    pub old: PathBuf,
    /// The new collection or environment file (the same kind as OLD).
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Colour in human output: on a terminal unless NO_COLOR is set (auto), always, or never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
}

/// The reporters `postie run -r` knows.
pub const REPORTERS: [&str; 7] = ["cli", "json", "junit", "progress", "html", "github", "tap"];

/// Takes `--reporter-<name>-<option> [value]` flags of reporters postie does not
/// have (newman's htmlextra, allure, …) out of a `postie run` command line, as
/// newman ignores options of reporters it does not load, so a CI line written for
/// newman runs unchanged. A value is the next argument when it does not start
/// with `-` (newman's rule). Returns the remaining arguments and the flags taken.
pub fn foreign_reporter_options(
    argv: Vec<std::ffi::OsString>,
) -> (Vec<std::ffi::OsString>, Vec<String>) {
    if argv.get(1).and_then(|a| a.to_str()) != Some("run") {
        return (argv, Vec::new());
    }
    let mut kept = Vec::with_capacity(argv.len());
    let mut taken = Vec::new();
    let mut args = argv.into_iter().peekable();
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str() else {
            kept.push(arg);
            continue;
        };
        if text == "--" {
            kept.push(arg);
            kept.extend(args);
            break;
        }
        let Some(rest) = text.strip_prefix("--reporter-") else {
            kept.push(arg);
            continue;
        };
        let name = rest.split(['-', '=']).next().unwrap_or_default();
        if REPORTERS.contains(&name) {
            kept.push(arg);
            continue;
        }
        let flag = text.split('=').next().unwrap_or(text).to_string();
        if !text.contains('=')
            && args
                .peek()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.is_empty() && !n.starts_with('-'))
        {
            args.next();
        }
        taken.push(flag);
    }
    (kept, taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(args: &[&str]) -> (Vec<String>, Vec<String>) {
        let (kept, taken) =
            foreign_reporter_options(args.iter().map(std::ffi::OsString::from).collect());
        (
            kept.into_iter().map(|a| a.into_string().unwrap()).collect(),
            taken,
        )
    }

    #[test]
    fn options_of_other_reporters_are_taken_out_with_their_values() {
        let (kept, taken) = split(&[
            "postie",
            "run",
            "c.json",
            "--reporter-htmlextra-export",
            "out/report.html",
            "--reporter-htmlextra-darkTheme",
            "-r",
            "cli,junit",
            "--reporter-junit-export=j.xml",
            "--reporter-allure-resultsDir=x",
            "--reporter-cli-no-banner",
        ]);
        assert_eq!(
            kept,
            vec![
                "postie",
                "run",
                "c.json",
                "-r",
                "cli,junit",
                "--reporter-junit-export=j.xml",
                "--reporter-cli-no-banner"
            ]
        );
        assert_eq!(
            taken,
            vec![
                "--reporter-htmlextra-export",
                "--reporter-htmlextra-darkTheme",
                "--reporter-allure-resultsDir"
            ]
        );
    }

    #[test]
    fn other_commands_and_arguments_after_a_double_dash_are_left_alone() {
        let (kept, taken) = split(&["postie", "export", "curl", "--reporter-x-y"]);
        assert_eq!(kept.len(), 4);
        assert!(taken.is_empty());
        let (kept, taken) = split(&["postie", "run", "--", "--reporter-x-y"]);
        assert_eq!(kept, vec!["postie", "run", "--", "--reporter-x-y"]);
        assert!(taken.is_empty());
    }
}
