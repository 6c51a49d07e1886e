//! Variable scopes and the precedence Postman applies between them.

use crate::collection::{value_text, DataRow, Variable, VariableFile};
use serde_json::{Map, Value};

/// One named set of variables (an environment, the globals, the collection's
/// variables, an iteration's data row, or a script's locals), in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VariableScope {
    pub id: Option<String>,
    pub name: String,
    pub values: Vec<Variable>,
}

impl VariableScope {
    pub fn named(name: &str) -> Self {
        VariableScope {
            name: name.into(),
            ..Default::default()
        }
    }

    pub fn from_file(file: VariableFile) -> Self {
        VariableScope {
            id: file.id,
            name: file.name,
            values: file.values,
        }
    }

    pub fn from_variables(values: Vec<Variable>) -> Self {
        VariableScope {
            values,
            ..Default::default()
        }
    }

    pub fn from_row(row: &DataRow) -> Self {
        VariableScope {
            values: row
                .iter()
                .map(|(k, v)| Variable {
                    key: Some(k.clone()),
                    value: v.clone(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    pub fn to_file(&self) -> VariableFile {
        VariableFile {
            id: self.id.clone(),
            name: self.name.clone(),
            values: self.values.clone(),
        }
    }

    fn find(&self, key: &str) -> Option<&Variable> {
        // The last definition wins, as in Postman when a file repeats a key.
        self.values
            .iter()
            .rev()
            .find(|v| v.is_enabled() && v.name() == Some(key))
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.find(key).map(|v| &v.value)
    }

    pub fn has(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// Is this variable marked as a secret (`type: secret`)?
    pub fn is_secret(&self, key: &str) -> bool {
        self.find(key).and_then(|v| v.kind.as_deref()) == Some("secret")
    }

    pub fn set(&mut self, key: &str, value: Value) {
        if let Some(v) = self.values.iter_mut().rev().find(|v| v.name() == Some(key)) {
            v.value = value;
            v.enabled = Some(true);
            v.disabled = false;
            return;
        }
        self.values.push(Variable {
            key: Some(key.into()),
            value,
            kind: Some("any".into()),
            enabled: Some(true),
            ..Default::default()
        });
    }

    pub fn unset(&mut self, key: &str) {
        self.values.retain(|v| v.name() != Some(key));
    }

    pub fn clear(&mut self) {
        self.values.clear();
    }

    /// Enabled variables as an object, later keys overriding earlier ones.
    pub fn to_object(&self) -> Map<String, Value> {
        let mut m = Map::new();
        for v in self.values.iter().filter(|v| v.is_enabled()) {
            if let Some(k) = v.name() {
                m.insert(k.to_string(), v.value.clone());
            }
        }
        m
    }

    /// Replaces the whole content with an object's keys (used when a script returns its scope).
    pub fn replace_with(&mut self, obj: &Map<String, Value>) {
        let old = std::mem::take(&mut self.values);
        for (k, v) in obj {
            let mut var = old
                .iter()
                .rev()
                .find(|o| o.name() == Some(k))
                .cloned()
                .unwrap_or_else(|| Variable {
                    key: Some(k.clone()),
                    kind: Some("any".into()),
                    ..Default::default()
                });
            var.value = v.clone();
            var.enabled = Some(true);
            var.disabled = false;
            self.values.push(var);
        }
    }
}

/// Which scope a variable came from, highest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Local,
    Data,
    Environment,
    Collection,
    Globals,
}

/// All the scopes of one run (or of one parallel worker), owned as plain values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scopes {
    pub globals: VariableScope,
    pub collection: VariableScope,
    pub environment: VariableScope,
    pub data: VariableScope,
    pub local: VariableScope,
}

impl Scopes {
    pub fn scope(&self, kind: ScopeKind) -> &VariableScope {
        match kind {
            ScopeKind::Local => &self.local,
            ScopeKind::Data => &self.data,
            ScopeKind::Environment => &self.environment,
            ScopeKind::Collection => &self.collection,
            ScopeKind::Globals => &self.globals,
        }
    }

    pub fn scope_mut(&mut self, kind: ScopeKind) -> &mut VariableScope {
        match kind {
            ScopeKind::Local => &mut self.local,
            ScopeKind::Data => &mut self.data,
            ScopeKind::Environment => &mut self.environment,
            ScopeKind::Collection => &mut self.collection,
            ScopeKind::Globals => &mut self.globals,
        }
    }

    /// Looks a name up through the scopes in Postman's order of precedence.
    pub fn lookup(&self, key: &str) -> Option<&Value> {
        [
            &self.local,
            &self.data,
            &self.environment,
            &self.collection,
            &self.globals,
        ]
        .into_iter()
        .find_map(|s| s.get(key))
    }

    /// The value as text, as it is substituted into requests (see [`super::text`]).
    /// A `null` in the data row is no value, and hides the scopes below it, as in
    /// newman, where the row is a plain object searched before the environment.
    pub fn lookup_text(&self, key: &str) -> Option<String> {
        for (kind, scope) in [
            (ScopeKind::Local, &self.local),
            (ScopeKind::Data, &self.data),
            (ScopeKind::Environment, &self.environment),
            (ScopeKind::Collection, &self.collection),
            (ScopeKind::Globals, &self.globals),
        ] {
            if let Some(v) = scope.get(key) {
                return match kind {
                    ScopeKind::Data => super::text::data_text(v),
                    _ => Some(super::text::variable_text(v)),
                };
            }
        }
        None
    }

    /// Why `key`, which does not resolve, has no value though it is there: the
    /// data row holds `null` for it, or a scope holds it marked disabled.
    pub fn why_unresolved(&self, key: &str) -> Option<&'static str> {
        if self.data.get(key).is_some_and(Value::is_null) {
            return Some("null in the data file");
        }
        let disabled = |s: &VariableScope| {
            s.values
                .iter()
                .any(|v| !v.is_enabled() && v.name() == Some(key))
        };
        [
            (&self.local, "disabled in the local variables"),
            (&self.environment, "disabled in the environment"),
            (&self.collection, "disabled in the collection variables"),
            (&self.globals, "disabled in the globals"),
        ]
        .into_iter()
        .find(|(s, _)| disabled(s))
        .map(|(_, why)| why)
    }

    /// Values to hide in every output: those of variables typed `secret` and
    /// of variables named like credentials, in any scope.
    pub fn secret_values(&self) -> Vec<String> {
        self.secret_values_under(&super::SecretNames::default())
    }

    /// [`Scopes::secret_values`] with the run's own rules (`--secret`, `--no-mask`).
    pub fn secret_values_under(&self, names: &super::SecretNames) -> Vec<String> {
        let mut out = Vec::new();
        if names.off {
            return out;
        }
        for s in [
            &self.environment,
            &self.globals,
            &self.collection,
            &self.data,
            &self.local,
        ] {
            for v in &s.values {
                let named = v.name().is_some_and(|n| names.covers(n));
                if v.kind.as_deref() == Some("secret") || named {
                    let t = value_text(v.value.clone());
                    if !t.is_empty() {
                        out.push(t);
                    }
                }
            }
        }
        out
    }
}
