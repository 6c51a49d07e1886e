//! The runner: order, iterations, control flow; it emits events for reporters.

pub mod events;
pub mod run;

pub use events::*;
pub use run::{RunError, RunOptions, Runner};
