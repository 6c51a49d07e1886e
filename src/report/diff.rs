//! Expected against actual for a failed comparison (`to.eql`, `deep.equal`,
//! `to.equal`): objects and arrays as pretty-printed JSON, strings as they are,
//! compared line by line. Short scalars get no diff: the assertion's message
//! ("expected 1 to equal 2") already says everything.

use crate::output::Masker;
use crate::script::AssertionResult;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};

/// Lines of diff kept per failure; the rest is counted.
pub const MAX_DIFF_LINES: usize = 40;
/// Characters kept of one line.
const MAX_LINE: usize = 160;
/// Strings at least this long get a diff even on one line.
const LONG_STRING: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// `- expected` / `+ actual` legend, or a note ("… 12 more lines").
    Note,
    Same,
    Expected,
    Actual,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    pub tag: Tag,
    pub text: String,
}

impl DiffLine {
    /// The line as plain text: `- `, `+ ` or two spaces in front.
    pub fn plain(&self) -> String {
        let lead = match self.tag {
            Tag::Note => "",
            Tag::Same => "  ",
            Tag::Expected => "- ",
            Tag::Actual => "+ ",
        };
        format!("{lead}{}", self.text)
    }
}

/// The diff of a failed assertion, when it compared values worth a diff.
pub fn assertion_diff(a: &AssertionResult, masker: &Masker) -> Option<Vec<DiffLine>> {
    let err = a.error.as_ref()?;
    diff(err.expected.as_ref()?, err.actual.as_ref()?, masker)
}

/// The whole diff as plain text lines.
pub fn plain(lines: &[DiffLine]) -> Vec<String> {
    lines.iter().map(DiffLine::plain).collect()
}

/// Expected against actual, secrets masked in both before they are laid out.
pub fn diff(expected: &Value, actual: &Value, masker: &Masker) -> Option<Vec<DiffLine>> {
    if expected == actual || !(worth_a_diff(expected) || worth_a_diff(actual)) {
        return None;
    }
    let (mut expected, mut actual) = (expected.clone(), actual.clone());
    masker.mask_json(&mut expected, false);
    masker.mask_json(&mut actual, false);
    let (e, a) = (text_of(&expected), text_of(&actual));
    let mut out = vec![DiffLine {
        tag: Tag::Note,
        text: "- expected".into(),
    }];
    out.push(DiffLine {
        tag: Tag::Note,
        text: "+ actual".into(),
    });
    if !e.contains('\n') && !a.contains('\n') {
        // One line each: show both around the first difference.
        let at = first_difference(&e, &a);
        out.push(DiffLine {
            tag: Tag::Expected,
            text: window(&e, at),
        });
        out.push(DiffLine {
            tag: Tag::Actual,
            text: window(&a, at),
        });
        return Some(out);
    }
    let diff = TextDiff::from_lines(&e, &a);
    let mut shown = 0usize;
    let mut left = 0usize;
    for (i, group) in diff.grouped_ops(3).iter().enumerate() {
        if i > 0 {
            push_limited(&mut out, &mut shown, &mut left, Tag::Same, "…".into());
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let tag = match change.tag() {
                    ChangeTag::Equal => Tag::Same,
                    ChangeTag::Delete => Tag::Expected,
                    ChangeTag::Insert => Tag::Actual,
                };
                let text = change.value().trim_end_matches(['\n', '\r']);
                push_limited(&mut out, &mut shown, &mut left, tag, cut(text));
            }
        }
    }
    if left > 0 {
        out.push(DiffLine {
            tag: Tag::Note,
            text: format!("… {left} more lines of diff"),
        });
    }
    Some(out)
}

fn push_limited(
    out: &mut Vec<DiffLine>,
    shown: &mut usize,
    left: &mut usize,
    tag: Tag,
    text: String,
) {
    if *shown < MAX_DIFF_LINES {
        out.push(DiffLine { tag, text });
        *shown += 1;
    } else {
        *left += 1;
    }
}

fn worth_a_diff(v: &Value) -> bool {
    match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::String(s) => s.contains('\n') || s.chars().count() >= LONG_STRING,
        _ => false,
    }
}

/// Objects and arrays pretty-printed; strings as their text (not quoted), so a
/// multi-line string compares line by line.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => serde_json::to_string_pretty(v).unwrap_or_default(),
    }
}

/// Index (in characters) of the first character that differs.
fn first_difference(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// At most [`MAX_LINE`] characters of a line, starting a little before `at`.
fn window(text: &str, at: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= MAX_LINE {
        return text.to_string();
    }
    let start = at
        .saturating_sub(20)
        .min(chars.len().saturating_sub(MAX_LINE - 2));
    let end = (start + MAX_LINE - 2).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

fn cut(text: &str) -> String {
    if text.chars().count() <= MAX_LINE {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_LINE - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn texts(lines: &[DiffLine]) -> Vec<String> {
        plain(lines)
    }

    #[test]
    fn objects_are_compared_as_pretty_json() {
        let d = diff(
            &json!({"name": "Ann", "tags": ["a"], "n": 1}),
            &json!({"name": "Bob", "tags": ["a", "b"], "n": 1}),
            &Masker::default(),
        )
        .unwrap();
        assert_eq!(
            texts(&d),
            vec![
                "- expected",
                "+ actual",
                "  {",
                "-   \"name\": \"Ann\",",
                "+   \"name\": \"Bob\",",
                "    \"tags\": [",
                "-     \"a\"",
                "+     \"a\",",
                "+     \"b\"",
                "    ],",
                "    \"n\": 1",
                "  }",
            ]
        );
    }

    #[test]
    fn short_scalars_and_equal_values_get_none() {
        let m = Masker::default();
        assert!(diff(&json!(1), &json!(2), &m).is_none());
        assert!(diff(&json!("a"), &json!("b"), &m).is_none());
        assert!(diff(&json!({"a": 1}), &json!({"a": 1}), &m).is_none());
        assert!(diff(&json!({}), &json!(null), &m).is_none());
        assert!(diff(&json!([1]), &json!(null), &m).is_some());
    }

    #[test]
    fn long_one_line_strings_show_the_first_difference() {
        let e = format!("{}X{}", "a".repeat(300), "b".repeat(10));
        let a = format!("{}Y{}", "a".repeat(300), "b".repeat(10));
        let d = diff(&json!(e), &json!(a), &Masker::default()).unwrap();
        assert_eq!(d.len(), 4);
        assert!(d[2].text.starts_with('…'));
        assert!(d[2]
            .text
            .contains(&format!("{}X{}", "a".repeat(20), "b".repeat(10))));
        assert!(d[3].text.contains("aY"));
        assert!(d[2].text.chars().count() <= MAX_LINE);
    }

    #[test]
    fn long_diffs_are_cut_and_secrets_masked() {
        let e: Vec<String> = (0..200).map(|i| i.to_string()).collect();
        let a: Vec<String> = (0..200).map(|i| format!("x{i}")).collect();
        let d = diff(&json!(e), &json!(a), &Masker::default()).unwrap();
        assert_eq!(d.len(), 2 + MAX_DIFF_LINES + 1);
        assert!(d.last().unwrap().text.ends_with("more lines of diff"));

        let m = Masker::new(vec!["hunter2-pw".to_string()]);
        let d = diff(
            &json!({"pw": "hunter2-pw", "a": 1}),
            &json!({"pw": "x \"hunter2-pw\"", "a": 2}),
            &m,
        )
        .unwrap();
        let all = texts(&d).join("\n");
        assert!(!all.contains("hunter2"), "{all}");
        assert!(all.contains("********"));
    }
}
