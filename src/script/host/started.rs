//! The environment, globals and iteration data as a run started: a legacy
//! script's globals `environment`, `globals` and `data` show them so, whatever
//! the script changes in those scopes before it reads the globals.
//!
//! Copying a scope at its first change cost as much as the script's assertions
//! with a few dozen variables, for a view most scripts never read. So a change
//! by `set` keeps only what it replaces: `set` changes a variable in place or
//! adds one at the end, and the start is the scope cut back to its first
//! length with the replaced variables put back. Only `unset` and `clear`, which
//! move or drop variables, take the whole start at once.

use crate::collection::Variable;
use crate::vars::{ScopeKind, VariableScope};
use serde_json::{Map, Value as Json};

/// One scope's start, from its first change in the run.
enum Start {
    /// Only `set` so far: the scope's length when the run started, and each
    /// variable it had then that a `set` replaced (its index, as it was).
    Replaced {
        len: usize,
        was: Vec<(usize, Variable)>,
    },
    /// After an `unset` or a `clear`: the start itself.
    Whole(Map<String, Json>),
}

/// The starts of the scopes a legacy script's globals show.
#[derive(Default)]
pub(crate) struct Started {
    /// Whether this run keeps them (legacy scripts only).
    pub on: bool,
    starts: Vec<(ScopeKind, Start)>,
}

impl Started {
    /// Forgets the last run's starts and keeps none until `on` is set.
    pub fn reset(&mut self) {
        self.on = false;
        self.starts.clear();
    }

    fn kept(kind: ScopeKind) -> bool {
        matches!(
            kind,
            ScopeKind::Environment | ScopeKind::Globals | ScopeKind::Data
        )
    }

    fn entry(&mut self, kind: ScopeKind, scope: &VariableScope) -> Option<&mut Start> {
        if !self.on || !Self::kept(kind) {
            return None;
        }
        let at = match self.starts.iter().position(|(k, _)| *k == kind) {
            Some(at) => at,
            None => {
                let len = scope.values.len();
                let start = Start::Replaced {
                    len,
                    was: Vec::new(),
                };
                self.starts.push((kind, start));
                self.starts.len() - 1
            }
        };
        Some(&mut self.starts[at].1)
    }

    /// Before `scope.set(key, …)`: keeps the variable it will replace, if the
    /// scope had it when the run started and no `set` replaced it yet.
    pub fn before_set(&mut self, kind: ScopeKind, scope: &VariableScope, key: &str) {
        let Some(Start::Replaced { len, was }) = self.entry(kind, scope) else {
            return;
        };
        // The variable `VariableScope::set` changes: the last one of the name.
        let Some(i) = scope.values.iter().rposition(|v| v.name() == Some(key)) else {
            return;
        };
        if i < *len && was.iter().all(|(j, _)| *j != i) {
            was.push((i, scope.values[i].clone()));
        }
    }

    /// Before an `unset` or a `clear` of `scope`: keeps its start whole.
    pub fn before_remove(&mut self, kind: ScopeKind, scope: &VariableScope) {
        let Some(start) = self.entry(kind, scope) else {
            return;
        };
        if let Start::Replaced { len, was } = start {
            let whole = Self::rebuilt(scope, *len, was);
            *start = Start::Whole(whole);
        }
    }

    /// `scope.toObject()` as the run started (`scope` as it is now), or
    /// `None` when the run did not change it.
    pub fn object(&self, kind: ScopeKind, scope: &VariableScope) -> Option<Map<String, Json>> {
        match &self.starts.iter().find(|(k, _)| *k == kind)?.1 {
            Start::Whole(obj) => Some(obj.clone()),
            Start::Replaced { len, was } => Some(Self::rebuilt(scope, *len, was)),
        }
    }

    fn rebuilt(scope: &VariableScope, len: usize, was: &[(usize, Variable)]) -> Map<String, Json> {
        let mut values = scope.values[..len.min(scope.values.len())].to_vec();
        for (i, v) in was {
            if let Some(slot) = values.get_mut(*i) {
                *slot = v.clone();
            }
        }
        VariableScope {
            values,
            ..Default::default()
        }
        .to_object()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn var(key: &str, value: Json, disabled: bool) -> Variable {
        Variable {
            key: Some(key.into()),
            value,
            disabled,
            ..Default::default()
        }
    }

    /// The start comes back after sets in place (on the last variable of a
    /// name, on a disabled one), sets that add, then an unset and a clear.
    #[test]
    fn the_start_survives_every_change() {
        let mut scope = VariableScope {
            values: vec![
                var("a", json!(1), false),
                var("b", json!(2), true),
                var("a", json!(3), false),
            ],
            ..Default::default()
        };
        let start = scope.to_object();
        assert_eq!(Json::Object(start.clone()), json!({"a": 3}));
        let mut started = Started {
            on: true,
            ..Default::default()
        };
        assert_eq!(started.object(ScopeKind::Environment, &scope), None);
        for (key, value) in [("a", 9), ("b", 5), ("c", 7), ("a", 10), ("c", 8)] {
            started.before_set(ScopeKind::Environment, &scope, key);
            scope.set(key, json!(value));
        }
        assert_eq!(
            Json::Object(scope.to_object()),
            json!({"a": 10, "b": 5, "c": 8})
        );
        assert_eq!(
            started.object(ScopeKind::Environment, &scope),
            Some(start.clone())
        );
        started.before_remove(ScopeKind::Environment, &scope);
        scope.unset("a");
        started.before_remove(ScopeKind::Environment, &scope);
        scope.clear();
        assert_eq!(started.object(ScopeKind::Environment, &scope), Some(start));
        // The collection's variables have no legacy global: nothing is kept.
        started.before_set(ScopeKind::Collection, &scope, "x");
        assert_eq!(started.object(ScopeKind::Collection, &scope), None);
        started.reset();
        started.before_set(ScopeKind::Environment, &scope, "x");
        assert_eq!(started.object(ScopeKind::Environment, &scope), None);
    }
}
