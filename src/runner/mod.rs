//! The runner: order, iterations, control flow; it tells its listeners (the
//! reporters) what happens through [`RunListener`], a contract it owns.

pub mod events;
mod host;
pub mod run;
pub mod stats;

pub use events::*;
pub use run::{RunError, RunOptions, Runner};
pub use stats::{failures_of, Count, Stats, Tally, Timings};
