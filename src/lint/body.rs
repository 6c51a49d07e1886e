//! Request bodies declared JSON (`options.raw.language: json` or a JSON
//! `Content-Type`) must be JSON once their variables are substituted.

use super::order::ScriptIndex;
use super::{Code, Entry, Findings, Owner, Severity};
use crate::collection::Request;
use crate::vars::{references, ScopeKind, Scopes};
use std::collections::HashSet;
use std::ops::Range;

/// Stands for a value lint cannot know (set by a script, or undefined): valid
/// JSON on its own and inside a string.
const PLACEHOLDER: &str = "0";

fn declared_json(request: &Request) -> bool {
    let Some(body) = &request.body else {
        return false;
    };
    let language = body
        .options
        .as_ref()
        .and_then(|o| o.get("raw"))
        .and_then(|r| r.get("language"))
        .and_then(|l| l.as_str());
    language == Some("json")
        || request.header.iter().any(|h| {
            !h.disabled
                && h.key.trim().eq_ignore_ascii_case("content-type")
                && h.value.to_ascii_lowercase().contains("json")
        })
}

/// A piece of the substituted text: where it came from in the original body.
struct Piece {
    original: Range<usize>,
    substituted: Range<usize>,
    /// The variable it replaces, and what it was replaced with.
    variable: Option<(String, String)>,
}

fn scope_name(kind: ScopeKind) -> &'static str {
    match kind {
        ScopeKind::Local => "command line",
        ScopeKind::Data => "iteration data",
        ScopeKind::Environment => "environment",
        ScopeKind::Collection => "collection variables",
        ScopeKind::Globals => "globals",
    }
}

/// The body with known values and placeholders in, and the map back.
fn substitute(raw: &str, defined: &Scopes, script_set: &HashSet<&str>) -> (String, Vec<Piece>) {
    let mut out = String::new();
    let mut pieces = Vec::new();
    let mut last = 0;
    let literal = |out: &mut String, pieces: &mut Vec<Piece>, range: Range<usize>| {
        let start = out.len();
        out.push_str(&raw[range.clone()]);
        pieces.push(Piece {
            original: range,
            substituted: start..out.len(),
            variable: None,
        });
    };
    for (start, end, name) in references(raw) {
        literal(&mut out, &mut pieces, last..start);
        let resolved = defined.resolve(&raw[start..end]);
        let (text, stands) = if script_set.contains(name) || !resolved.unresolved.is_empty() {
            (PLACEHOLDER.to_string(), "a placeholder (0)".to_string())
        } else {
            let origin = [
                ScopeKind::Local,
                ScopeKind::Data,
                ScopeKind::Environment,
                ScopeKind::Collection,
                ScopeKind::Globals,
            ]
            .into_iter()
            .find(|k| defined.scope(*k).has(name))
            .map_or("a generated value", scope_name);
            let what = if resolved.text.is_empty() {
                format!("its empty value from the {origin}")
            } else if origin == "a generated value" {
                origin.to_string()
            } else {
                format!("its value from the {origin}")
            };
            (resolved.text, what)
        };
        let at = out.len();
        out.push_str(&text);
        pieces.push(Piece {
            original: start..end,
            substituted: at..out.len(),
            variable: Some((name.to_string(), stands)),
        });
        last = end;
    }
    literal(&mut out, &mut pieces, last..raw.len());
    (out, pieces)
}

/// The substituted value an error belongs to: the error falls inside it, or
/// only whitespace lies between its end and the error (`"port": ,` when the
/// value is empty; serde points at the next token).
fn blame<'p>(text: &str, pieces: &'p [Piece], at: usize) -> Option<&'p Piece> {
    pieces.iter().rev().find(|p| {
        p.variable.is_some()
            && p.substituted.start <= at
            && (at <= p.substituted.end
                || text
                    .get(p.substituted.end..at)
                    .is_some_and(|gap| gap.trim().is_empty()))
    })
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset + column.saturating_sub(1)).min(text.len());
        }
        offset += l.len();
    }
    text.len()
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

pub(crate) fn json_bodies<'c>(
    entries: &[Entry<'c>],
    defined: &Scopes,
    index: &ScriptIndex<'c>,
    findings: &mut Findings<'_, 'c>,
) {
    let script_set: HashSet<&str> = index
        .scripts
        .iter()
        .flat_map(|s| s.facts.sets.iter().map(|(n, _)| n.as_str()))
        .collect();
    for entry in entries {
        let Some(request) = &entry.item.request else {
            continue;
        };
        let Some(body) = &request.body else { continue };
        let mode = body
            .mode
            .as_deref()
            .unwrap_or(if body.raw.is_some() { "raw" } else { "" });
        let raw = body.raw.as_deref().unwrap_or("");
        if body.disabled || mode != "raw" || raw.trim().is_empty() || !declared_json(request) {
            continue;
        }
        let (text, pieces) = substitute(raw, defined, &script_set);
        let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&text) else {
            continue;
        };
        let at = offset_of(&text, e.line(), e.column());
        let blamed = blame(&text, &pieces, at);
        let original = match blamed {
            Some(p) => p.original.start,
            None => pieces
                .iter()
                .find(|p| p.substituted.start <= at && at < p.substituted.end)
                .map_or(raw.len(), |p| p.original.start + (at - p.substituted.start)),
        };
        let (line, column) = line_column(raw, original);
        let reason = e.to_string();
        let reason = reason
            .rfind(" at line ")
            .map_or(reason.as_str(), |i| &reason[..i]);
        let (subject, why) = match blamed.and_then(|p| p.variable.as_ref()) {
            Some((name, stands)) => (
                name.clone(),
                format!(", where {{{{{name}}}}} is replaced by {stands}"),
            ),
            None => (String::new(), String::new()),
        };
        findings.add(
            Owner::Item(entry.item),
            Severity::Error,
            Code::InvalidJsonBody,
            format!("body line {line}"),
            subject,
            format!("the body is declared JSON but is not: {reason} at line {line} column {column}{why}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn positions_map_back_through_substitutions() {
        let mut s = Scopes::default();
        s.environment.set("port", json!(""));
        s.environment.set("host", json!("smtp.example.com"));
        let raw = "{\n  \"host\": \"{{host}}\",\n  \"port\": {{port}},\n  \"id\": {{later}}\n}";
        let set: HashSet<&str> = ["later"].into_iter().collect();
        let (text, pieces) = substitute(raw, &s, &set);
        assert_eq!(
            text,
            "{\n  \"host\": \"smtp.example.com\",\n  \"port\": ,\n  \"id\": 0\n}"
        );
        let e = serde_json::from_str::<serde::de::IgnoredAny>(&text).unwrap_err();
        let at = offset_of(&text, e.line(), e.column());
        let p = blame(&text, &pieces, at).unwrap();
        assert_eq!(p.variable.as_ref().unwrap().0, "port");
        assert_eq!(line_column(raw, p.original.start), (3, 11));
    }

    #[test]
    fn non_ascii_bodies_map_back_without_splitting_characters() {
        let raw = "{\"città\": \"é\", \"n\": {{n}} x}";
        let (text, pieces) = substitute(raw, &Scopes::default(), &HashSet::new());
        let e = serde_json::from_str::<serde::de::IgnoredAny>(&text).unwrap_err();
        let at = offset_of(&text, e.line(), e.column());
        assert!(blame(&text, &pieces, at).is_some());
        for offset in 0..=raw.len() + 2 {
            line_column(raw, offset);
        }
        assert_eq!(line_column(raw, raw.find('é').unwrap() + 1), (1, 13));
    }
}
