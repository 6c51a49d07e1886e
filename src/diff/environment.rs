//! Comparing environments (or globals): variables added, removed or changed.
//! Values of secret variables are never shown.

use crate::collection::{Variable, VariableFile};
use crate::output::MASK;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariableEntry {
    pub key: String,
    /// `********` for secret variables.
    pub value: Value,
    #[serde(rename = "type")]
    pub kind: String,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariableChange {
    pub key: String,
    pub old: VariableEntry,
    pub new: VariableEntry,
    /// Whether the value changed (told apart even when both sides show `********`).
    pub value_changed: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EnvironmentDiff {
    /// The environment's name, when it changed: (old, new).
    pub name: Option<(String, String)>,
    pub added: Vec<VariableEntry>,
    pub removed: Vec<VariableEntry>,
    pub changed: Vec<VariableChange>,
}

impl EnvironmentDiff {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
    }
}

fn is_secret(v: &Variable) -> bool {
    v.kind.as_deref() == Some("secret")
}

fn entry(v: &Variable, masked: bool) -> VariableEntry {
    VariableEntry {
        key: v.name().unwrap_or("").to_string(),
        value: if masked {
            Value::String(MASK.into())
        } else {
            v.value.clone()
        },
        kind: v.kind.clone().unwrap_or_else(|| "default".into()),
        enabled: v.is_enabled(),
    }
}

/// Variables by key, the last definition of a repeated key winning (as when loading).
fn by_key(file: &VariableFile) -> Vec<(&str, &Variable)> {
    let mut out: Vec<(&str, &Variable)> = Vec::new();
    for v in &file.values {
        let Some(k) = v.name() else { continue };
        match out.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) => slot.1 = v,
            None => out.push((k, v)),
        }
    }
    out
}

pub fn diff_environments(old: &VariableFile, new: &VariableFile) -> EnvironmentDiff {
    let a = by_key(old);
    let b = by_key(new);
    let mut out = EnvironmentDiff::default();
    if old.name != new.name {
        out.name = Some((old.name.clone(), new.name.clone()));
    }
    for (k, v) in &a {
        if !b.iter().any(|(key, _)| key == k) {
            out.removed.push(entry(v, is_secret(v)));
        }
    }
    for (k, nv) in &b {
        match a.iter().find(|(key, _)| key == k) {
            None => out.added.push(entry(nv, is_secret(nv))),
            Some((_, ov)) => {
                let (o, n) = (entry(ov, false), entry(nv, false));
                if o == n {
                    continue;
                }
                // Secret on either side: the values stay hidden on both.
                let masked = is_secret(ov) || is_secret(nv);
                out.changed.push(VariableChange {
                    key: k.to_string(),
                    old: entry(ov, masked),
                    new: entry(nv, masked),
                    value_changed: o.value != n.value,
                });
            }
        }
    }
    out
}
