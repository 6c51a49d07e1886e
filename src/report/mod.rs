//! Reporters: they consume the runner's events as a stream.

pub mod output;

use crate::runner::events::Event;

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

/// Anything that turns a run's events into output.
pub trait Reporter {
    fn event(&mut self, event: &Event<'_>) -> Result<(), ReportError>;
}
