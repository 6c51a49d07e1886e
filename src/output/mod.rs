//! The one place output leaves postie: terminal lines and files both go through
//! here, so secrets can be masked everywhere at once. `run`, `export` and `mock`
//! all write through it.

mod clip;
mod file;
mod mask;
mod sink;

pub use clip::{clip, clip_message, MAX_ECHO};
pub use file::{remove_temporary_files, write_atomic, AtomicFile};
pub use mask::{Masker, MASK};
pub use sink::Output;
