//! The runner: order, iterations, control flow; it emits events for reporters.

pub mod events;

pub use events::*;
