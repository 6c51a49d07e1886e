//! The runner: order, iterations, control flow; it tells its listeners (the
//! reporters) what happens through [`RunListener`], a contract it owns.

pub mod events;
mod host;
pub mod parallel;
pub mod retry;
pub mod run;
mod secrets;
pub mod share;
mod start;
pub mod stats;
pub mod timeline;

pub use events::*;
pub use parallel::ParallelRunner;
pub use retry::RetryPolicy;
pub use run::{RunError, RunOptions, Runner};
pub use share::{Shard, Share};
pub use start::Run;
pub use stats::{failures_of, Count, Stats, Tally, Timings};
pub use timeline::Step;
