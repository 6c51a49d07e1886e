//! Cases known to differ from newman that are still being worked on.
//!
//! `compat/pending.json` maps a case name to what still differs. It is a ratchet,
//! not an allow-list: a pending case that still differs is reported on every run
//! (a visible count, and its name), a pending case that now matches newman FAILS
//! the test until its entry is removed, and a case that differs without an entry
//! fails as usual, and so does a pending case that differs in a field its entry
//! does not name (a new regression hiding behind an old difference). The file
//! only ever shrinks; it is gone when postie matches
//! newman everywhere except the deliberate differences of `allowlist.json`.

use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

pub struct Pending {
    entries: Map<String, Value>,
}

pub fn path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/pending.json")
}

impl Pending {
    pub fn load() -> Pending {
        let p = path();
        let entries = match std::fs::read_to_string(&p) {
            Ok(text) => match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(m)) => m,
                Ok(_) => panic!("{}: expected an object of case name → reason", p.display()),
                Err(e) => panic!("{}: {e}", p.display()),
            },
            Err(_) => Map::new(),
        };
        Pending { entries }
    }

    pub fn empty() -> Pending {
        Pending {
            entries: Map::new(),
        }
    }

    pub fn contains(&self, case: &str) -> bool {
        self.entries.contains_key(case)
    }

    /// The fields a pending case is known to differ in (`"differs in: a, b"`).
    pub fn fields(&self, case: &str) -> Vec<String> {
        self.entries
            .get(case)
            .and_then(Value::as_str)
            .and_then(|s| s.strip_prefix("differs in: "))
            .map(|s| s.split(", ").map(str::to_string).collect())
            .unwrap_or_default()
    }

    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.entries.keys()
    }

    /// Shrinks the file to what this run measured (`POSTIE_COMPAT_UPDATE_PENDING=1`):
    /// cases that now match newman are removed, and a case's fields narrowed to those
    /// it still differs in. It never adds a case or a field, so it cannot hide a
    /// regression: a new difference still fails the run.
    pub fn shrink(&self, measured: &[(String, Option<Vec<String>>)]) -> std::io::Result<()> {
        let mut entries = self.entries.clone();
        for (case, differs) in measured {
            if !entries.contains_key(case) {
                continue;
            }
            match differs {
                None => {
                    entries.remove(case);
                }
                Some(fields) => {
                    let kept: Vec<String> = self
                        .fields(case)
                        .into_iter()
                        .filter(|f| fields.contains(f))
                        .collect();
                    if !kept.is_empty() {
                        entries.insert(
                            case.clone(),
                            Value::String(format!("differs in: {}", kept.join(", "))),
                        );
                    }
                }
            }
        }
        // The file's own layout (one-space indent), so a shrink diffs as removed lines.
        let mut text = Vec::new();
        let indent = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut out = serde_json::Serializer::with_formatter(&mut text, indent);
        serde::Serialize::serialize(&Value::Object(entries), &mut out)?;
        text.push(b'\n');
        std::fs::write(path(), text)
    }
}
