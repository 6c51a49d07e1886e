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
//! The one exception is an entry whose cases are `["*"]`: an addition postie makes to
//! every run's output (it must carry edits), which applies wherever its lines appear.

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
    /// `[first, next]`: postie's lines from one matching `first` up to (not
    /// including) the next one matching `next`.
    #[serde(default)]
    pub drop_postie_blocks: Vec<(String, String)>,
}

impl Entry {
    /// An entry for every case (`"cases": ["*"]`).
    fn is_general(&self) -> bool {
        self.cases.iter().any(|c| c == "*")
    }

    fn has_edits(&self) -> bool {
        !self.replace.is_empty()
            || !self.drop_newman_lines.is_empty()
            || !self.drop_postie_lines.is_empty()
            || !self.drop_postie_blocks.is_empty()
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
    "report items",
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
            assert!(
                !e.is_general() || e.has_edits(),
                "{}: entry {} covers every case, so it must say exactly what it allows",
                path.display(),
                e.id
            );
            let blocks = e.drop_postie_blocks.iter().flat_map(|(a, b)| [a, b]);
            for r in e
                .drop_postie_lines
                .iter()
                .chain(&e.drop_newman_lines)
                .chain(blocks)
            {
                Regex::new(r).unwrap_or_else(|err| panic!("entry {}: {r}: {err}", e.id));
            }
        }
        list
    }

    /// The entries covering one field of one case.
    pub fn covering(&self, case: &str, field: &str) -> Vec<&Entry> {
        self.differences
            .iter()
            .filter(|e| {
                e.fields.iter().any(|f| f == field) && e.cases.iter().any(|c| c == case || c == "*")
            })
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
    let mut entries: Vec<&Entry> = entries.to_vec();
    if newman == postie {
        // A general entry is never stale: it only applies where its lines appear.
        entries.retain(|e| !e.is_general());
    }
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
    for e in &entries {
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
        for (first, next) in &e.drop_postie_blocks {
            changed |= drop_blocks(&mut p, first, next);
        }
        if changed && e.is_general() {
            // Taking out a block of lines leaves the blank line that set it apart.
            collapse_blank_lines(&mut n);
            collapse_blank_lines(&mut p);
        }
        if !changed && !e.is_general() {
            notes.push(format!(
                "allow-list entry `{}`: none of its edits applies here",
                e.id
            ));
        }
    }
    if notes.is_empty() && (anything_goes || n.trim_end() == p.trim_end()) {
        Verdict::Allowed(entries.iter().map(|e| e.id.clone()).collect())
    } else {
        // Trailing blank lines are not compared: a block taken out can leave one.
        Verdict::Different {
            newman: format!("{}\n", n.trim_end()),
            postie: format!("{}\n", p.trim_end()),
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

/// Turns runs of blank lines into one.
fn collapse_blank_lines(text: &mut String) {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            if blank {
                continue;
            }
            blank = true;
        } else {
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    *text = out;
}

/// Removes every run of lines from one matching `first` up to the next one matching
/// `next` (kept); whether there were any.
fn drop_blocks(text: &mut String, first: &str, next: &str) -> bool {
    let (first, next) = (Regex::new(first).unwrap(), Regex::new(next).unwrap());
    let mut kept = Vec::new();
    let mut dropping = false;
    let mut changed = false;
    for line in text.lines() {
        if dropping && next.is_match(line) {
            dropping = false;
        }
        if !dropping && first.is_match(line) {
            dropping = true;
            changed = true;
        }
        if !dropping {
            kept.push(line);
        }
    }
    *text = kept.join("\n") + "\n";
    changed
}
