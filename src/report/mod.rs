//! Reporters: they listen to the runner's events as a stream ([`RunListener`])
//! and turn them into terminal output and report files.
//!
//! [`RunListener`]: crate::runner::RunListener

pub mod cli;
pub mod color;
pub mod diff;
pub mod failed_request;
mod format;
pub mod github;
pub mod html;
pub mod item_ids;
pub mod json;
pub mod junit;
pub mod merge;
pub mod progress;
pub mod scripts_ran;
pub mod slowest;
pub mod tap;

use crate::runner::events::ListenerError;

pub(crate) use format::{filesize, pretty_ms, shown_header};

pub use cli::{CliOptions, CliReporter};
pub use json::JsonReporter;
pub use junit::JunitReporter;
pub use progress::ProgressReporter;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: cannot write report: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write to the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

impl From<ReportError> for ListenerError {
    fn from(e: ReportError) -> Self {
        ListenerError::new(e)
    }
}

#[cfg(test)]
pub(crate) mod testutil;
