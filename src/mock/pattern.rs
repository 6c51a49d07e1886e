//! Text patterns built from collection templates: literal text with holes where
//! the template had a `{{variable}}` (or a `:pathVariable`), each hole matching
//! any text and remembering it under the variable's name, so an example can
//! echo what the request sent there.

use crate::vars::references;
use percent_encoding::percent_decode_str;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Lit(String),
    /// Any text; the name of the variable that stood there, if one did.
    Any(Option<String>),
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
        for (start, end, name) in references(template) {
            if start > last {
                pieces.push(Piece::Lit(lit(&template[last..start])));
            }
            // `{{a}}{{b}}`: two adjacent holes cannot be told apart; the first keeps the text.
            if !matches!(pieces.last(), Some(Piece::Any(_))) {
                pieces.push(Piece::Any(Some(name.trim().to_string())));
            }
            last = end;
        }
        if last < template.len() || pieces.is_empty() {
            pieces.push(Piece::Lit(lit(&template[last..])));
        }
        Pattern { pieces }
    }

    /// A pattern that matches anything, remembered as `name` (a `:name` path variable).
    pub(crate) fn any(name: &str) -> Pattern {
        Pattern {
            pieces: vec![Piece::Any(Some(name.to_string()))],
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
        glob(&self.pieces, text, false, &mut Vec::new())
    }

    /// Matches with literal text compared case-insensitively (Postman's fallback step).
    pub(crate) fn matches_ignoring_case(&self, text: &str) -> bool {
        glob(&self.pieces, text, true, &mut Vec::new())
    }

    /// The text each named hole took, when the pattern matches (case-insensitively
    /// where `fold` is set).
    pub(crate) fn captures(&self, text: &str, fold: bool) -> Option<Vec<(String, String)>> {
        let mut found = Vec::new();
        glob(&self.pieces, text, fold, &mut found).then_some(found)
    }
}

fn strip_literal<'t>(text: &'t str, lit: &str, fold: bool) -> Option<&'t str> {
    if !fold {
        return text.strip_prefix(lit);
    }
    // Compare char by char so that lengths in bytes may differ between cases.
    let mut rest = text;
    for want in lit.chars() {
        let got = rest.chars().next()?;
        if !got.to_lowercase().eq(want.to_lowercase()) {
            return None;
        }
        rest = &rest[got.len_utf8()..];
    }
    Some(rest)
}

/// Matches pieces against text, each `Any` taking any (possibly empty) run of
/// text, the shortest that lets the rest match; what named holes took is pushed
/// onto `found`.
fn glob(pieces: &[Piece], text: &str, fold: bool, found: &mut Vec<(String, String)>) -> bool {
    match pieces.split_first() {
        None => text.is_empty(),
        Some((Piece::Lit(l), rest)) => {
            strip_literal(text, l, fold).is_some_and(|after| glob(rest, after, fold, found))
        }
        Some((Piece::Any(name), rest)) => {
            let take = |taken: &str, found: &mut Vec<(String, String)>| {
                if let Some(n) = name {
                    found.push((n.clone(), taken.to_string()));
                }
            };
            if rest.is_empty() {
                take(text, found);
                return true;
            }
            // Try every split point; templates are short, so this stays cheap.
            for i in text
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
            {
                let mark = found.len();
                take(&text[..i], found);
                if glob(rest, &text[i..], fold, found) {
                    return true;
                }
                found.truncate(mark);
            }
            false
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
    fn captures_and_case() {
        let p = Pattern::compile("user-{{id}}.json", false);
        assert_eq!(
            p.captures("user-42.json", false),
            Some(vec![("id".to_string(), "42".to_string())])
        );
        assert_eq!(p.captures("USER-42.JSON", false), None);
        assert!(p.matches_ignoring_case("USER-42.JSON"));
        assert!(!p.matches_ignoring_case("USER-42.xml"));
        assert_eq!(
            Pattern::any("id").captures("7", false),
            Some(vec![("id".to_string(), "7".to_string())])
        );
        assert!(Pattern::literal("Café").matches_ignoring_case("CAFÉ"));
    }

    #[test]
    fn decodes_literals() {
        let p = Pattern::compile("a%20b", true);
        assert!(p.matches("a b"));
        assert!(Pattern::compile("{{x}}", true).matches("é"));
    }
}
