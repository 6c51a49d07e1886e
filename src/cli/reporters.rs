//! The reporters `postie run -r` asks for, built from their flags.

use super::args::{Color, RunArgs, REPORTERS};
use super::Fail;
use postie::output::{Masker, Output};
use postie::report::cli::{CliOptions, CliReporter};
use postie::report::color::{use_color_here, ColorChoice};
use postie::report::github::GithubReporter;
use postie::report::html::HtmlReporter;
use postie::report::json::JsonReporter;
use postie::report::junit::JunitReporter;
use postie::report::progress::ProgressReporter;
use postie::report::tap::TapReporter;
use postie::runner::RunListener;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

fn timestamp() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%d-%H-%M-%S-%3f")
        .to_string()
}

/// newman writes `<dir>/newman-<what>-<time>-0.<ext>` when given a directory.
pub fn target(path: &Path, what: &str, ext: &str) -> PathBuf {
    if path.is_dir() {
        path.join(format!("newman-{what}-{}-0.{ext}", timestamp()))
    } else {
        path.to_path_buf()
    }
}

/// A report's file: the flag's value (a file, or a folder for newman's file name),
/// or newman's default under `newman/`.
fn report_path(flag: &Option<PathBuf>, ext: &str) -> PathBuf {
    let path = flag.clone().unwrap_or_else(|| {
        PathBuf::from(format!("newman/newman-run-report-{}.{ext}", timestamp()))
    });
    target(&path, "run-report", ext)
}

fn color_choice(c: Color) -> ColorChoice {
    match c {
        Color::Auto => ColorChoice::Auto,
        Color::On => ColorChoice::Always,
        Color::Off => ColorChoice::Never,
    }
}

/// The reporters asked for, as listeners to the run.
pub fn build<'a>(args: &RunArgs, masker: &Masker) -> Result<Vec<Box<dyn RunListener + 'a>>, Fail> {
    let mut names: Vec<&str> = Vec::new();
    for name in &args.reporters {
        let name = name.trim();
        if name.is_empty() || names.contains(&name) {
            continue;
        }
        if !REPORTERS.contains(&name) {
            let hint = if name == "htmlextra" || name == "html-extra" {
                "; -r html writes a single-file HTML report"
            } else {
                ""
            };
            return Err(Fail::usage(format!(
                "-r {name}: postie has no reporter '{name}' (available: {}){hint}",
                REPORTERS.join(", ")
            )));
        }
        names.push(name);
    }
    let quiet = args.silent || args.reporter_cli_silent;
    if names.contains(&"tap") && args.reporter_tap_export.is_none() {
        let other = names.iter().find(|n| match **n {
            "cli" => !quiet,
            "progress" => !args.silent,
            _ => false,
        });
        if let Some(other) = other {
            return Err(Fail::usage(format!(
                "-r {other},tap: both write to standard output; give --reporter-tap-export FILE"
            )));
        }
    }
    // The github reporter hears of the run's end last: it resumes workflow
    // commands, after which nothing from the collection may be printed.
    names.sort_by_key(|n| *n == "github");
    let color = use_color_here(color_choice(args.color), std::io::stdout().is_terminal());
    let mut out: Vec<Box<dyn RunListener + 'a>> = Vec::new();
    for name in names {
        match name {
            "cli" => {
                if args.silent || args.reporter_cli_silent {
                    continue;
                }
                out.push(Box::new(CliReporter::new(
                    Output::stdout(masker.clone()),
                    CliOptions {
                        color,
                        unicode: !args.disable_unicode,
                        verbose: args.verbose,
                        show_timestamps: args.reporter_cli_show_timestamps,
                        no_summary: args.reporter_cli_no_summary,
                        no_failures: args.reporter_cli_no_failures,
                        no_assertions: args.reporter_cli_no_assertions,
                        no_success_assertions: args.reporter_cli_no_success_assertions,
                        no_console: args.reporter_cli_no_console,
                        no_banner: args.reporter_cli_no_banner,
                        show_failed_requests: args.reporter_cli_show_failed_requests,
                        no_slowest: args.reporter_cli_no_slowest,
                        console_width: console_width(),
                    },
                )));
            }
            "json" => {
                let path = report_path(&args.reporter_json_export, "json");
                let reporter = JsonReporter::create(&path, masker.clone()).map_err(Fail::output)?;
                out.push(Box::new(
                    reporter.include_bodies(!args.reporter_json_omit_bodies),
                ));
            }
            "junit" => {
                let path = report_path(&args.reporter_junit_export, "xml");
                out.push(Box::new(
                    JunitReporter::create(&path, masker.clone()).map_err(Fail::output)?,
                ));
            }
            "progress" if !args.silent => {
                out.push(Box::new(ProgressReporter::new(
                    masker.clone(),
                    !args.disable_unicode,
                )));
            }
            "html" => {
                let path = report_path(&args.reporter_html_export, "html");
                out.push(Box::new(
                    HtmlReporter::create(&path, masker.clone()).map_err(Fail::output)?,
                ));
            }
            "tap" => match &args.reporter_tap_export {
                Some(p) => {
                    let path = target(p, "run-report", "tap");
                    out.push(Box::new(
                        TapReporter::create(&path, masker.clone()).map_err(Fail::output)?,
                    ));
                }
                None => out.push(Box::new(TapReporter::terminal(Output::stdout(
                    masker.clone(),
                )))),
            },
            "github" => {
                let summary = std::env::var_os("GITHUB_STEP_SUMMARY")
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from);
                out.push(Box::new(GithubReporter::new(
                    Output::stdout(masker.clone()),
                    args.collection.to_string_lossy().into_owned(),
                    summary,
                )));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// newman cuts console lines at the terminal's width less 6, or at 54 columns
/// off a terminal; the width is taken from `COLUMNS` when the shell exports it.
fn console_width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 20 && std::io::stdout().is_terminal());
    columns.map_or(postie::report::cli::CONSOLE_WIDTH, |c| c - 6)
}
