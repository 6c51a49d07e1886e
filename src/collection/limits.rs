//! How big and how deep an input file may be. Each limit is far above what real
//! collections need and is checked before the work it protects, so a hostile or
//! broken file gets a one-line error instead of filling the memory or the stack.

use super::model::Item;

/// The largest collection, environment, globals, iteration data, cookie jar or
/// body file postie reads. The official ForgeRock collection is 0.3 MiB; this
/// is low enough that a wrong path such as `/dev/zero` fails at once.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// How deep folders may nest. newman itself fails with "Maximum call stack
/// size exceeded" between 500 and 700 levels.
pub const MAX_FOLDER_DEPTH: usize = 1000;

/// How deep JSON may nest in an input file: room for [`MAX_FOLDER_DEPTH`]
/// folders (two levels each: the folder and its `item` list) and what a
/// request holds. Checked on the text before parsing.
pub const MAX_JSON_DEPTH: usize = 2 * MAX_FOLDER_DEPTH + 64;

/// Where JSON text first nests deeper than `limit`, as 1-based (line, column).
/// Strings (and brackets inside them) are skipped; the text need not be valid.
pub fn too_deep(text: &str, limit: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(position(text, i));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// 1-based line and column (in characters) of byte `at`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The first folder nested deeper than [`MAX_FOLDER_DEPTH`], as its path of
/// names, walking without recursion.
pub fn folder_too_deep(items: &[Item]) -> Option<Vec<String>> {
    // (items, next index, depth of those items)
    let mut stack: Vec<(&[Item], usize)> = vec![(items, 0)];
    let mut names: Vec<&str> = Vec::new();
    while let Some((list, index)) = stack.pop() {
        let Some(item) = list.get(index) else {
            names.pop();
            continue;
        };
        stack.push((list, index + 1));
        if let Some(children) = &item.item {
            names.push(&item.name);
            if names.len() > MAX_FOLDER_DEPTH {
                return Some(names.iter().map(|n| n.to_string()).collect());
            }
            stack.push((children, 0));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_skips_strings_and_reports_where() {
        assert_eq!(too_deep(r#"{"a": [1, {"b": "[[[["}]}"#, 3), None);
        assert_eq!(too_deep("{\"a\":\n  [[1]]}", 2), Some((2, 4)));
        assert_eq!(too_deep(r#"["\"[[", [[]]]"#, 2), Some((1, 11)));
        assert_eq!(too_deep("é[[", 1), Some((1, 3)));
    }

    #[test]
    fn folder_depth_is_measured_without_recursion() {
        let mut item = Item {
            name: "leaf".into(),
            ..Default::default()
        };
        for i in 0..MAX_FOLDER_DEPTH {
            item = Item {
                name: format!("f{i}"),
                item: Some(vec![item]),
                ..Default::default()
            };
        }
        let top = vec![Item::default(), item];
        assert_eq!(folder_too_deep(&top), None);
        let deeper = vec![Item {
            name: "top".into(),
            item: Some(top),
            ..Default::default()
        }];
        let path = folder_too_deep(&deeper).unwrap();
        assert_eq!(path.len(), MAX_FOLDER_DEPTH + 1);
        assert_eq!(path[0], "top");
    }
}
