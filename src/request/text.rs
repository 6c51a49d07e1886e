//! Text of a request with its `{{variables}}` resolved, remembering which reference
//! produced which part: an export writes `{{name}}` back, or hides a secret behind
//! a placeholder, from the pieces themselves.

use crate::vars::{references, Scopes};
use std::ops::Range;

/// Resolved text, as pieces: what was written, and what each reference gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text as the collection wrote it (or as postie made it: `http://`, `Bearer `).
    Literal(String),
    /// What a `{{name}}` reference gave, nested references resolved.
    Variable(Variable),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// The name between the braces (`accessToken`, `$guid`).
    pub name: String,
    /// The text it was replaced with; `{{name}}` itself when no scope defines it.
    pub value: String,
    /// Some scope defines the name (or it is a dynamic variable).
    pub defined: bool,
    /// The variable is typed `secret` where its value comes from.
    pub secret: bool,
    /// Names that stayed unresolved in the value (the name itself when undefined).
    pub unresolved: Vec<String>,
}

impl Piece {
    pub fn value(&self) -> &str {
        match self {
            Piece::Literal(s) => s,
            Piece::Variable(v) => &v.value,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::literal(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::literal(s)
    }
}

impl Text {
    pub fn literal(s: impl Into<String>) -> Text {
        let s = s.into();
        if s.is_empty() {
            return Text::default();
        }
        Text {
            pieces: vec![Piece::Literal(s)],
        }
    }

    /// The text as it is sent.
    pub fn value(&self) -> String {
        self.pieces.iter().map(Piece::value).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.iter().all(|p| p.value().is_empty())
    }

    /// Every piece is literal: no variable went into this text.
    pub fn is_literal(&self) -> bool {
        self.pieces.iter().all(|p| matches!(p, Piece::Literal(_)))
    }

    /// The variables that went into this text.
    pub fn variables(&self) -> impl Iterator<Item = &Variable> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Variable(v) => Some(v),
            Piece::Literal(_) => None,
        })
    }

    /// Names that no scope defined, in order, once each.
    pub fn unresolved(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in self.variables() {
            for n in &v.unresolved {
                if !out.contains(n) {
                    out.push(n.clone());
                }
            }
        }
        out
    }

    pub fn push_str(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Piece::Literal(last)) = self.pieces.last_mut() {
            last.push_str(s);
        } else {
            self.pieces.push(Piece::Literal(s.to_string()));
        }
    }

    pub fn push_text(&mut self, other: Text) {
        for p in other.pieces {
            match p {
                Piece::Literal(s) => self.push_str(&s),
                v => self.pieces.push(v),
            }
        }
    }

    /// The pieces one after the other.
    pub fn concat(parts: impl IntoIterator<Item = Text>) -> Text {
        let mut out = Text::default();
        for p in parts {
            out.push_text(p);
        }
        out
    }

    /// Each piece's text transformed (an encoding): literal text with `literal`, the
    /// values of variables with `variable`.
    pub fn map(&self, literal: impl Fn(&str) -> String, variable: impl Fn(&str) -> String) -> Text {
        let mut out = Text::default();
        for p in &self.pieces {
            match p {
                Piece::Literal(s) => out.push_str(&literal(s)),
                Piece::Variable(v) => out.pieces.push(Piece::Variable(Variable {
                    value: variable(&v.value),
                    ..v.clone()
                })),
            }
        }
        out
    }

    /// The same transformation for every piece.
    pub fn map_all(&self, f: impl Fn(&str) -> String) -> Text {
        self.map(&f, &f)
    }

    /// Where each piece sits in [`Text::value`].
    pub fn spans(&self) -> Vec<Range<usize>> {
        let mut at = 0;
        self.pieces
            .iter()
            .map(|p| {
                let r = at..at + p.value().len();
                at = r.end;
                r
            })
            .collect()
    }

    /// The part of the text in `range` (byte offsets into [`Text::value`], on
    /// character boundaries); a variable cut by the range keeps its name.
    pub fn slice(&self, range: Range<usize>) -> Text {
        let mut out = Text::default();
        for (p, span) in self.pieces.iter().zip(self.spans()) {
            let from = range.start.max(span.start);
            let to = range.end.min(span.end);
            if from >= to {
                continue;
            }
            let part = &p.value()[from - span.start..to - span.start];
            match p {
                Piece::Literal(_) => out.push_str(part),
                Piece::Variable(v) => out.pieces.push(Piece::Variable(Variable {
                    value: part.to_string(),
                    ..v.clone()
                })),
            }
        }
        out
    }

    /// Leading whitespace removed, as `str::trim_start` does to the value.
    pub fn trim_start(&self) -> Text {
        let value = self.value();
        let start = value.len() - value.trim_start().len();
        self.slice(start..value.len())
    }
}

impl Scopes {
    /// Resolves `template` as [`Scopes::resolve`] does, keeping which reference gave
    /// which part. Should the values of neighbouring references join into a new
    /// reference that resolves (Postman's next pass would replace it), the text is
    /// resolved whole and kept as one literal.
    pub fn resolve_text(&self, template: &str) -> Text {
        let mut budget = crate::vars::substitute::MAX_RESOLVED_BYTES;
        self.resolve_text_within(template, &mut budget)
    }

    /// [`Scopes::resolve_text`] within a byte budget shared by every reference in
    /// `template` (and by other templates given the same budget): each reference
    /// alone stays under the substitution limit, and so must the text as a whole.
    pub fn resolve_text_within(&self, template: &str, budget: &mut usize) -> Text {
        let mut out = Text::default();
        let mut last = 0;
        for (start, end, name) in references(template) {
            out.push_str(&template[last..start]);
            *budget = budget.saturating_sub(start - last);
            let r = self.resolve_within(&template[start..end], *budget);
            *budget = budget.saturating_sub(r.text.len());
            let defined = self.lookup_text(name).is_some()
                || name
                    .strip_prefix('$')
                    .is_some_and(|d| crate::vars::dynamic::generate(d).is_some());
            out.pieces.push(Piece::Variable(Variable {
                name: name.to_string(),
                value: r.text,
                defined,
                secret: self.is_secret_variable(name),
                unresolved: r.unresolved,
            }));
            last = end;
        }
        out.push_str(&template[last..]);
        *budget = budget.saturating_sub(template.len() - last);
        if self.joins_into_reference(&out) {
            let r = self.resolve_within(template, *budget);
            return Text::literal(r.text);
        }
        out
    }

    /// Does the joined text hold a reference that no single piece holds, and that
    /// would resolve?
    fn joins_into_reference(&self, text: &Text) -> bool {
        if text.pieces.len() < 2 {
            return false;
        }
        let value = text.value();
        let spans = text.spans();
        references(&value).into_iter().any(|(start, end, name)| {
            let within_one = spans.iter().any(|s| s.start <= start && end <= s.end);
            !within_one
                && (self.lookup_text(name).is_some()
                    || name
                        .strip_prefix('$')
                        .is_some_and(|d| crate::vars::dynamic::generate(d).is_some()))
        })
    }

    /// Is `name` typed `secret` in the scope its value comes from?
    pub fn is_secret_variable(&self, name: &str) -> bool {
        [
            &self.local,
            &self.data,
            &self.environment,
            &self.collection,
            &self.globals,
        ]
        .into_iter()
        .find(|s| s.has(name))
        .is_some_and(|s| s.is_secret(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scopes() -> Scopes {
        let mut s = Scopes::default();
        s.environment
            .set("host", json!("api.{{tenant}}.example.com"));
        s.environment.set("tenant", json!("acme"));
        s.environment.values.push(crate::collection::Variable {
            key: Some("token".into()),
            value: json!("s3cret"),
            kind: Some("secret".into()),
            ..Default::default()
        });
        s
    }

    #[test]
    fn pieces_keep_their_references() {
        let t = scopes().resolve_text("https://{{host}}/x?t={{token}}&u={{nope}}");
        assert_eq!(
            t.value(),
            "https://api.acme.example.com/x?t=s3cret&u={{nope}}"
        );
        let vars: Vec<(&str, bool, bool)> = t
            .variables()
            .map(|v| (v.name.as_str(), v.defined, v.secret))
            .collect();
        assert_eq!(
            vars,
            vec![
                ("host", true, false),
                ("token", true, true),
                ("nope", false, false)
            ]
        );
        assert_eq!(t.unresolved(), vec!["nope"]);
    }

    #[test]
    fn the_same_as_resolving_whole() {
        let s = scopes();
        for t in [
            "{{host}}/{{tenant}}",
            "{{{tenant}}}",
            "x{{a{{tenant}}}}y",
            "{{}}{{ }}",
        ] {
            assert_eq!(s.resolve_text(t).value(), s.resolve(t).text, "{t}");
        }
    }

    #[test]
    fn references_formed_across_pieces_resolve_as_postman_does() {
        let mut s = scopes();
        s.environment.set("open", json!("{{"));
        s.environment.set("name", json!("tenant"));
        let t = s.resolve_text("{{open}}{{name}}}}");
        assert_eq!(t.value(), s.resolve("{{open}}{{name}}}}").text);
        assert!(t.is_literal());
    }

    #[test]
    fn slices_and_maps_keep_names() {
        let t = scopes().resolve_text("Bearer {{token}}!");
        let cut = t.slice(3..10);
        assert_eq!(cut.value(), "rer s3c");
        assert_eq!(cut.variables().next().unwrap().name, "token");
        let upper = t.map(|l| l.to_uppercase(), |v| v.to_string());
        assert_eq!(upper.value(), "BEARER s3cret!");
    }
}
