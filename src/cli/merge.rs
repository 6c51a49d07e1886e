//! `postie merge-reports`: shards' JSON reports joined into one run's reports.

use super::{exit, Fail};
use clap::Args;
use postie::output::{write_atomic, Masker, Output};
use postie::report::cli::{CliOptions, CliReporter};
use postie::report::merge::{merge, summary_of, ShardReport};
use postie::runner::{Event, RunListener};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The shards' JSON reports (`run -r json`), in shard order.
    #[arg(required = true)]
    pub reports: Vec<PathBuf>,
    /// What to write: cli (the summary tables), json, junit.
    #[arg(
        short = 'r',
        long = "reporters",
        value_delimiter = ',',
        default_value = "cli"
    )]
    pub reporters: Vec<String>,
    /// Where the merged JSON report goes.
    #[arg(long = "reporter-json-export", value_name = "FILE")]
    pub reporter_json_export: Option<PathBuf>,
    /// Where the merged JUnit report goes.
    #[arg(long = "reporter-junit-export", value_name = "FILE")]
    pub reporter_junit_export: Option<PathBuf>,
}

pub fn run(args: MergeArgs) -> Result<i32, Fail> {
    for r in &args.reporters {
        if !matches!(r.trim(), "cli" | "json" | "junit") {
            return Err(Fail::usage(format!(
                "-r {r}: merge-reports writes cli, json and junit"
            )));
        }
    }
    let mut shards = Vec::new();
    for path in &args.reports {
        let text = postie::collection::load::read_text(path).map_err(Fail::input)?;
        let doc = serde_json::from_str(&text).map_err(|e| {
            Fail::input(format!(
                "{}:{}:{}: invalid JSON: {e}",
                path.display(),
                e.line(),
                e.column()
            ))
        })?;
        shards.push(ShardReport {
            file: path.display().to_string(),
            doc,
        });
    }
    let merged = merge(&shards).map_err(Fail::input)?;
    let wants = |n: &str| args.reporters.iter().any(|r| r.trim() == n);
    if wants("json") {
        let path = args
            .reporter_json_export
            .clone()
            .unwrap_or_else(|| PathBuf::from("newman/merged-report.json"));
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Fail::output(format!("{}: {e}", dir.display())))?;
        }
        let text = serde_json::to_string_pretty(&merged).map_err(Fail::output)?;
        // The shards' reports were masked when written.
        write_atomic(&path, &Masker::disabled(), &text)
            .map_err(|e| Fail::output(format!("{}: cannot write: {e}", path.display())))?;
    }
    let summary = summary_of(&merged);
    if wants("junit") {
        let path = args
            .reporter_junit_export
            .clone()
            .unwrap_or_else(|| PathBuf::from("newman/merged-report.xml"));
        postie::report::junit::write_from_report(&merged, &summary, &path).map_err(Fail::output)?;
    }
    if wants("cli") {
        let mut cli = CliReporter::new(
            Output::stdout(Masker::disabled()),
            CliOptions {
                no_banner: true,
                no_slowest: true,
                ..Default::default()
            },
        );
        cli.event(&Event::Done(&summary)).map_err(Fail::output)?;
    }
    let failed = !summary.failures.is_empty() || summary.error.is_some();
    Ok(if failed { exit::FAILED } else { exit::OK })
}
