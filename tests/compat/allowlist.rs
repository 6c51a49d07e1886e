//! The allow-list of deliberate differences from newman (`allowlist.json`).
//!
//! An entry covers some cases and some fields. Where it can, it says exactly how
//! newman's normalised text turns into postie's: `replace` pairs (`[from, to]`, every
//! occurrence of `from` in newman's text), `drop_newman_lines` and `drop_postie_lines`
//! (regular expressions; matching lines are removed). A difference is then allowed
//! only when, after those edits, the two texts are equal: any other difference in the
//! same field still fails the case. An entry without edits allows its fields to differ
//! in any way, for behaviour whose every trace differs (a script newman rejects).
//! An entry that a case no longer needs (the texts are equal without it, or none of
//! its edits changes anything) fails the case too, so the list stays short and true.

use regex::Regex;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowList {
    pub differences: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    /// Why postie differs on purpose, and why users are better off.
    pub reason: String,
    pub cases: Vec<String>,
    pub fields: Vec<String>,
    #[serde(default)]
    pub replace: Vec<(String, String)>,
    #[serde(default)]
    pub drop_newman_lines: Vec<String>,
    #[serde(default)]
    pub drop_postie_lines: Vec<String>,
}

impl Entry {
    fn has_edits(&self) -> bool {
        !self.replace.is_empty()
            || !self.drop_newman_lines.is_empty()
            || !self.drop_postie_lines.is_empty()
    }
}

/// The fields a case compares.
pub const FIELDS: &[&str] = &[
    "exit",
    "requests",
    "assertions",
    "failures",
    "stats",
    "console",
    "stdout",
    "stderr",
    "environment",
    "globals",
    "files",
];

impl AllowList {
    pub fn load(path: &Path) -> AllowList {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let list: AllowList =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for e in &list.differences {
            for f in &e.fields {
                assert!(
                    FIELDS.contains(&f.as_str()),
                    "{}: entry {} names field {f:?}; fields are {FIELDS:?}",
                    path.display(),
                    e.id,
                );
            }
            assert!(
                e.reason.len() > 20,
                "{}: entry {} needs its reason",
                path.display(),
                e.id
            );
            assert!(
                !e.cases.is_empty() && !e.fields.is_empty(),
                "{}: entry {} needs cases and fields",
                path.display(),
                e.id
            );
            for r in e.drop_postie_lines.iter().chain(&e.drop_newman_lines) {
                Regex::new(r).unwrap_or_else(|err| panic!("entry {}: {r}: {err}", e.id));
            }
        }
        list
    }

    /// The entries covering one field of one case.
    pub fn covering(&self, case: &str, field: &str) -> Vec<&Entry> {
        self.differences
            .iter()
            .filter(|e| e.fields.iter().any(|f| f == field) && e.cases.iter().any(|c| c == case))
            .collect()
    }
}

/// How one field of a case compares.
pub enum Verdict {
    Same,
    /// Equal once these entries are applied.
    Allowed(Vec<String>),
    /// Different: the texts after the allowed edits, and what went wrong with the
    /// entries.
    Different {
        newman: String,
        postie: String,
        notes: Vec<String>,
    },
}

pub fn judge(newman: &str, postie: &str, entries: &[&Entry]) -> Verdict {
    if entries.is_empty() {
        return if newman == postie {
            Verdict::Same
        } else {
            Verdict::Different {
                newman: newman.into(),
                postie: postie.into(),
                notes: Vec::new(),
            }
        };
    }
    let mut notes = Vec::new();
    if newman == postie {
        for e in entries {
            notes.push(format!(
                "allow-list entry `{}` is no longer needed here: remove the case from it",
                e.id
            ));
        }
        return Verdict::Different {
            newman: newman.into(),
            postie: postie.into(),
            notes,
        };
    }
    let mut n = newman.to_string();
    let mut p = postie.to_string();
    let mut anything_goes = false;
    for e in entries {
        if !e.has_edits() {
            anything_goes = true;
            continue;
        }
        // An entry may carry edits for several cases: it is stale for this one only
        // when none of them changes anything here.
        let mut changed = false;
        for (from, to) in &e.replace {
            if n.contains(from.as_str()) {
                n = n.replace(from.as_str(), to);
                changed = true;
            }
        }
        for pattern in &e.drop_newman_lines {
            changed |= drop_lines(&mut n, pattern);
        }
        for pattern in &e.drop_postie_lines {
            changed |= drop_lines(&mut p, pattern);
        }
        if !changed {
            notes.push(format!(
                "allow-list entry `{}`: none of its edits applies here",
                e.id
            ));
        }
    }
    if notes.is_empty() && (anything_goes || n.trim_end() == p.trim_end()) {
        Verdict::Allowed(entries.iter().map(|e| e.id.clone()).collect())
    } else {
        Verdict::Different {
            newman: n,
            postie: p,
            notes,
        }
    }
}

/// Removes the lines matching `pattern`; whether there were any.
fn drop_lines(text: &mut String, pattern: &str) -> bool {
    let re = Regex::new(pattern).unwrap();
    let before = text.lines().count();
    let kept: Vec<&str> = text.lines().filter(|l| !re.is_match(l)).collect();
    let changed = kept.len() != before;
    *text = kept.join("\n") + "\n";
    changed
}
