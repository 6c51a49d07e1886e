//! The one place output leaves postie: terminal lines and files both go through
//! here, so secrets can be masked everywhere at once. `run`, `export` and `mock`
//! all write through it.

mod file;
mod mask;
mod sink;

pub use file::{write_atomic, AtomicFile};
pub use mask::{Masker, MASK};
pub use sink::Output;
