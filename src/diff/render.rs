//! Diffs for people (coloured only when asked, for terminals) and for tools (JSON).

use super::{Changed, CollectionDiff, Diff, EnvironmentDiff, ItemKind, ItemSummary, VariableEntry};
use serde_json::{json, Value};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

fn kind(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Collection => "collection",
        ItemKind::Folder => "folder",
        ItemKind::Request => "request",
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}")
}

fn summary_line(s: &ItemSummary) -> String {
    let mut line = format!("{:<10} {}", kind(s.kind), s.path);
    if let (Some(m), Some(u)) = (&s.method, &s.url) {
        line.push_str(&format!("  ({m} {u})"));
    }
    line
}

fn unified(p: &Painter, diff: &str, out: &mut String) {
    for l in diff.lines() {
        let colored = if l.starts_with("+++") || l.starts_with("---") {
            p.paint(BOLD, l)
        } else if l.starts_with('+') {
            p.paint(GREEN, l)
        } else if l.starts_with('-') {
            p.paint(RED, l)
        } else if l.starts_with("@@") {
            p.paint(CYAN, l)
        } else {
            l.to_string()
        };
        out.push_str("    ");
        out.push_str(&colored);
        out.push('\n');
    }
}

fn changed(p: &Painter, c: &Changed, out: &mut String) {
    out.push_str(&format!(
        "{} {:<10} {}\n",
        p.paint(YELLOW, "changed"),
        kind(c.kind),
        c.path
    ));
    for part in &c.parts {
        out.push_str(&format!("  {}\n", part.part));
        unified(p, &part.diff, out);
    }
}

fn collection(p: &Painter, d: &CollectionDiff) -> String {
    let mut out = String::new();
    for r in &d.removed {
        out.push_str(&format!(
            "{} {}\n",
            p.paint(RED, "removed"),
            summary_line(r)
        ));
    }
    for a in &d.added {
        out.push_str(&format!(
            "{}   {}\n",
            p.paint(GREEN, "added"),
            summary_line(a)
        ));
    }
    for m in &d.moved {
        out.push_str(&format!(
            "{}   {:<10} {} -> {}\n",
            p.paint(CYAN, "moved"),
            kind(m.kind),
            m.from,
            m.to
        ));
    }
    for c in &d.changed {
        changed(p, c, &mut out);
    }
    if !d.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!(
        "{}, {}, {}, {}\n",
        plural(d.added.len(), "added"),
        plural(d.removed.len(), "removed"),
        plural(d.moved.len(), "moved"),
        plural(d.changed.len(), "changed")
    ));
    out
}

fn value(v: &VariableEntry) -> String {
    let mut s = match &v.value {
        Value::String(t) if t == crate::output::MASK => t.clone(),
        other => other.to_string(),
    };
    if v.kind != "default" {
        s.push_str(&format!(" ({})", v.kind));
    }
    if !v.enabled {
        s.push_str(" (disabled)");
    }
    s
}

fn environment(p: &Painter, d: &EnvironmentDiff) -> String {
    let mut out = String::new();
    if let Some((a, b)) = &d.name {
        out.push_str(&format!(
            "{} name: {:?} -> {:?}\n",
            p.paint(YELLOW, "changed"),
            a,
            b
        ));
    }
    for v in &d.removed {
        out.push_str(&format!(
            "{} {} = {}\n",
            p.paint(RED, "removed"),
            v.key,
            value(v)
        ));
    }
    for v in &d.added {
        out.push_str(&format!(
            "{}   {} = {}\n",
            p.paint(GREEN, "added"),
            v.key,
            value(v)
        ));
    }
    for c in &d.changed {
        let note = if c.value_changed && c.old.value == c.new.value {
            " (value changed)"
        } else {
            ""
        };
        out.push_str(&format!(
            "{} {}: {} -> {}{note}\n",
            p.paint(YELLOW, "changed"),
            c.key,
            value(&c.old),
            value(&c.new)
        ));
    }
    if !d.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!(
        "{}, {}, {} variables\n",
        plural(d.added.len(), "added"),
        plural(d.removed.len(), "removed"),
        plural(d.changed.len(), "changed")
    ));
    out
}

/// Human output: one line per added, removed or moved item or variable, and a
/// unified diff of each changed part.
pub fn human(diff: &Diff, color: bool) -> String {
    let p = Painter { color };
    if diff.is_empty() {
        return "no differences\n".to_string();
    }
    match diff {
        Diff::Collection(d) => collection(&p, d),
        Diff::Environment(d) => environment(&p, d),
    }
}

/// The JSON document of `--format json` (its shape is documented in the README).
pub fn json(diff: &Diff) -> String {
    let doc = match diff {
        Diff::Collection(d) => json!({
            "kind": "collection",
            "equal": d.is_empty(),
            "added": d.added,
            "removed": d.removed,
            "moved": d.moved,
            "changed": d.changed,
        }),
        Diff::Environment(d) => json!({
            "kind": "environment",
            "equal": d.is_empty(),
            "name": d.name.as_ref().map(|(a, b)| json!({"old": a, "new": b})),
            "added": d.added,
            "removed": d.removed,
            "changed": d.changed,
        }),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
