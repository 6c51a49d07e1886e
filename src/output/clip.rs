//! Values echoed in messages are cut short: a 5 MB URL in an error message
//! would print 5 MB (three times over) and bury everything else.

use std::borrow::Cow;

/// The most of any single value a message echoes, in characters.
pub const MAX_ECHO: usize = 200;

/// `value` cut to `max` characters, the rest said as `… (N more bytes)`.
pub fn clip(value: &str, max: usize) -> Cow<'_, str> {
    match value.char_indices().nth(max) {
        None => Cow::Borrowed(value),
        Some((at, _)) => Cow::Owned(format!(
            "{}… ({} more bytes)",
            &value[..at],
            value.len() - at
        )),
    }
}

/// A message with every run of non-blank characters longer than `max` (a URL,
/// a token, a body on one line) clipped as [`clip`] does, and the whole cut to
/// `8 * max` characters per line.
pub fn clip_message(message: &str, max: usize) -> Cow<'_, str> {
    let long_word = message
        .split(char::is_whitespace)
        .any(|w| w.len() > max && w.chars().nth(max).is_some());
    let long_line = message.lines().any(|l| l.len() > 8 * max);
    if !long_word && !long_line {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(16 * max));
    for (i, line) in message.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut kept = String::new();
        let mut rest = line;
        while !rest.is_empty() {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            kept.push_str(&clip(&rest[..end], max));
            rest = &rest[end..];
            let blank = rest.len() - rest.trim_start_matches(char::is_whitespace).len();
            kept.push_str(&rest[..blank]);
            rest = &rest[blank..];
        }
        out.push_str(&clip(&kept, 8 * max));
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_with_what_is_left_said() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("abcdef", 3), "abc… (3 more bytes)");
        assert_eq!(clip("ééé", 1), "é… (4 more bytes)");
        let url = format!("http://h/{}", "a".repeat(5_000_000));
        let msg = format!("invalid URL '{url}': bad\nsecond line");
        let clipped = clip_message(&msg, MAX_ECHO);
        assert!(clipped.len() < 400, "{}", clipped.len());
        assert!(clipped.starts_with("invalid URL 'http://h/aaa"));
        assert!(clipped.contains("… (4999812 more bytes) bad"), "{clipped}");
        assert!(clipped.ends_with("\nsecond line"));
        assert!(matches!(
            clip_message("all  short\n words", 5),
            Cow::Borrowed(_)
        ));
        let spaced = "ab ".repeat(2000);
        assert!(clip_message(&spaced, 10).len() < 200);
    }
}
