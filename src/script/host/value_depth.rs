//! The limit on how deep a value a script hands to postie may nest.

use crate::collection::limits::too_deep;

/// How deep a value a script hands to postie may nest: such values are walked
/// recursively (written to reports, handed back to scripts).
pub(crate) const MAX_VALUE_DEPTH: usize = 256;

/// Whether JSON `text` nests arrays and objects no deeper than `max`, without
/// parsing it (parsing is what would recurse): the input files' check.
pub(crate) fn json_depth_within(text: &str, max: usize) -> bool {
    too_deep(text, max).is_none()
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
