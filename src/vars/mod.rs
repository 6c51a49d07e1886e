//! Variables: scopes, precedence and `{{name}}` substitution.

pub mod dynamic;
pub mod scope;
pub mod secret;
pub mod substitute;
pub mod text;

pub use scope::{ScopeKind, Scopes, VariableScope};
pub use secret::{is_credential_name, SecretNames};
pub use substitute::{has_references, references, Resolved, MAX_DEPTH};

use crate::collection::{load_variable_file, Collection, LoadError};
use std::path::Path;

/// Splits `key=value` at the first `=`, as newman's `--env-var` does.
pub fn parse_assignment(s: &str) -> Option<(String, String)> {
    let (k, v) = s.split_once('=')?;
    if k.is_empty() {
        return None;
    }
    Some((k.to_string(), v.to_string()))
}

/// The scopes a run starts with: the collection's variables, the environment and
/// globals files, then the `--env-var`/`--global-var` overrides.
pub fn initial_scopes(
    collection: &Collection,
    environment: Option<&Path>,
    globals: Option<&Path>,
    env_vars: &[(String, String)],
    global_vars: &[(String, String)],
) -> Result<Scopes, LoadError> {
    let mut scopes = Scopes {
        collection: VariableScope::from_variables(collection.variable.clone()),
        ..Default::default()
    };
    if let Some(p) = environment {
        scopes.environment = VariableScope::from_file(load_variable_file(p, "environment")?);
    }
    if let Some(p) = globals {
        scopes.globals = VariableScope::from_file(load_variable_file(p, "globals")?);
    }
    for (k, v) in env_vars {
        scopes
            .environment
            .set(k, serde_json::Value::String(v.clone()));
    }
    for (k, v) in global_vars {
        scopes.globals.set(k, serde_json::Value::String(v.clone()));
    }
    Ok(scopes)
}
