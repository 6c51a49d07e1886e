//! The limit on how deep a value a script hands to postie may nest.

/// How deep a value a script hands to postie may nest: such values are walked
/// recursively (written to reports, handed back to scripts).
pub(crate) const MAX_VALUE_DEPTH: usize = 256;

/// Whether JSON `text` nests arrays and objects no deeper than `max`, without
/// parsing it (parsing is what would recurse).
pub(crate) fn json_depth_within(text: &str, max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_depth_is_counted_outside_strings() {
        assert!(json_depth_within(r#"{"a":[1,{"b":"[[[["}]}"#, 3));
        assert!(!json_depth_within("[[[[]]]]", 3));
        assert!(json_depth_within(r#""\\\"[[""#, 0));
        assert!(!json_depth_within(r#""\\"[[""#, 1));
        assert!(!json_depth_within(r#"["\"",[[]]]"#, 2));
    }
}
