//! `postie diff`: what changed between two versions of a collection or of an
//! environment, part by part, with volatile export noise left out.

mod collection;
mod environment;
mod parts;
pub mod render;

pub use collection::{diff_collections, Changed, CollectionDiff, ItemKind, ItemSummary, Moved};
pub use environment::{diff_environments, EnvironmentDiff, VariableChange, VariableEntry};
pub use parts::PartDiff;

use crate::collection::load::read_text;
use crate::collection::{load_collection, load_variable_file, Collection, LoadError, VariableFile};
use serde_json::Value;
use std::path::Path;

/// A file `diff` compares: a collection, or an environment (globals files too).
#[derive(Debug, Clone)]
pub enum Document {
    Collection(Box<Collection>),
    Environment(VariableFile),
}

impl Document {
    fn kind(&self) -> &'static str {
        match self {
            Document::Collection(_) => "a collection",
            Document::Environment(_) => "an environment",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{old} is {old_kind} and {new} is {new_kind}: diff compares two collections or two environments")]
    Mismatch {
        old: String,
        old_kind: &'static str,
        new: String,
        new_kind: &'static str,
    },
}

/// Reads a collection or an environment, telling which from the content.
pub fn load(path: &Path) -> Result<Document, DiffError> {
    let text = read_text(path)?;
    let doc: Option<Value> = serde_json::from_str(&text).ok();
    let environment = match &doc {
        Some(Value::Object(m)) => {
            m.contains_key("values")
                || (m.len() == 1
                    && (m.get("environment").is_some_and(Value::is_object)
                        || m.get("globals").is_some_and(Value::is_object)))
        }
        Some(Value::Array(_)) => true,
        _ => false,
    };
    if environment {
        let kind = match &doc {
            Some(Value::Object(m)) if m.len() == 1 && m.contains_key("globals") => "globals",
            _ => "environment",
        };
        return Ok(Document::Environment(load_variable_file(path, kind)?));
    }
    // Anything else is read as a collection, whose loader explains what is wrong.
    Ok(Document::Collection(Box::new(
        load_collection(path)?.collection,
    )))
}

/// The differences between two documents of the same kind.
#[derive(Debug, Clone)]
pub enum Diff {
    Collection(CollectionDiff),
    Environment(EnvironmentDiff),
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        match self {
            Diff::Collection(d) => d.is_empty(),
            Diff::Environment(d) => d.is_empty(),
        }
    }
}

pub fn diff(
    old: &Document,
    new: &Document,
    old_path: &Path,
    new_path: &Path,
) -> Result<Diff, DiffError> {
    match (old, new) {
        (Document::Collection(a), Document::Collection(b)) => {
            Ok(Diff::Collection(diff_collections(a, b)))
        }
        (Document::Environment(a), Document::Environment(b)) => {
            Ok(Diff::Environment(diff_environments(a, b)))
        }
        _ => Err(DiffError::Mismatch {
            old: old_path.display().to_string(),
            old_kind: old.kind(),
            new: new_path.display().to_string(),
            new_kind: new.kind(),
        }),
    }
}

/// Values of secret variables in either document, for masking the output.
pub fn secret_values(docs: &[&Document]) -> Vec<String> {
    let mut out = Vec::new();
    for d in docs {
        let vars = match d {
            Document::Collection(c) => &c.variable,
            Document::Environment(e) => &e.values,
        };
        for v in vars {
            if v.kind.as_deref() == Some("secret") {
                let t = crate::collection::value_text(v.value.clone());
                if !t.is_empty() {
                    out.push(t);
                }
            }
        }
    }
    out
}
