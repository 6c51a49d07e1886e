//! Variables: scopes, precedence and `{{name}}` substitution.

pub mod dynamic;
pub mod scope;
pub mod substitute;

pub use scope::{ScopeKind, Scopes, VariableScope};
pub use substitute::{has_references, references, Resolved, MAX_DEPTH};
