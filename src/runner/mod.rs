//! The runner: order, iterations, control flow; it tells its listeners (the
//! reporters) what happens through [`RunListener`], a contract it owns.

pub mod events;
pub mod run;

pub use events::*;
pub use run::{RunError, RunOptions, Runner};
