//! Text patterns built from collection templates: literal text with holes where
//! the template had a `{{variable}}` (or a `:pathVariable`), each hole matching
//! any text.

use crate::vars::references;
use percent_encoding::percent_decode_str;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Lit(String),
    Any,
}

/// A template compiled for matching, e.g. `user-{{id}}` → `"user-"`, any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    pieces: Vec<Piece>,
}

impl Pattern {
    /// Compiles a template; literal parts are percent-decoded when `decode` is set.
    pub(crate) fn compile(template: &str, decode: bool) -> Pattern {
        let mut pieces = Vec::new();
        let mut last = 0;
        let lit = |s: &str| -> String {
            if decode {
                percent_decode_str(s).decode_utf8_lossy().into_owned()
            } else {
                s.to_string()
            }
        };
        for (start, end, _) in references(template) {
            if start > last {
                pieces.push(Piece::Lit(lit(&template[last..start])));
            }
            if pieces.last() != Some(&Piece::Any) {
                pieces.push(Piece::Any);
            }
            last = end;
        }
        if last < template.len() || pieces.is_empty() {
            pieces.push(Piece::Lit(lit(&template[last..])));
        }
        Pattern { pieces }
    }

    /// A pattern that matches anything (a `:id` path variable).
    pub(crate) fn any() -> Pattern {
        Pattern {
            pieces: vec![Piece::Any],
        }
    }

    pub(crate) fn literal(text: &str) -> Pattern {
        Pattern {
            pieces: vec![Piece::Lit(text.to_string())],
        }
    }

    /// Has no holes: matches exactly one text.
    pub(crate) fn is_literal(&self) -> bool {
        self.pieces.iter().all(|p| matches!(p, Piece::Lit(_)))
    }

    /// For a literal pattern: one text starts with the other, ignoring case, and
    /// the shorter has three characters or more (`email` and `email-server`).
    pub(crate) fn shares_stem(&self, text: &str) -> bool {
        let [Piece::Lit(lit)] = self.pieces.as_slice() else {
            return false;
        };
        let (a, b) = (lit.to_lowercase(), text.to_lowercase());
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short.chars().count() >= 3 && long.starts_with(&short)
    }

    pub(crate) fn matches(&self, text: &str) -> bool {
        glob(&self.pieces, text)
    }
}

/// Matches pieces against text, each `Any` taking any (possibly empty) run of text.
fn glob(pieces: &[Piece], text: &str) -> bool {
    match pieces.split_first() {
        None => text.is_empty(),
        Some((Piece::Lit(l), rest)) => text
            .strip_prefix(l.as_str())
            .is_some_and(|after| glob(rest, after)),
        Some((Piece::Any, rest)) => {
            if rest.is_empty() {
                return true;
            }
            // Try every split point; templates are short, so this stays cheap.
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .any(|i| glob(rest, &text[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_and_holes() {
        let p = Pattern::compile("user-{{id}}.json", false);
        assert!(p.matches("user-42.json"));
        assert!(p.matches("user-.json"));
        assert!(!p.matches("user-42.xml"));
        assert!(!p.is_literal());
        assert!(Pattern::compile("apps", false).is_literal());
        assert!(Pattern::compile("{{a}}{{b}}", false).matches("anything"));
        assert!(Pattern::compile("", false).matches(""));
        assert!(!Pattern::compile("", false).matches("x"));
        assert!(Pattern::literal("email-server").shares_stem("Email"));
        assert!(!Pattern::literal("email-server").shares_stem("em"));
        assert!(!Pattern::compile("{{x}}", false).shares_stem("x"));
    }

    #[test]
    fn decodes_literals() {
        let p = Pattern::compile("a%20b", true);
        assert!(p.matches("a b"));
        assert!(Pattern::compile("{{x}}", true).matches("é"));
    }
}
